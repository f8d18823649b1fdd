"""`python -m bot` does what the `khitomer` console script does."""

from .cli import main

raise SystemExit(main())
