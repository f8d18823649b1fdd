"""`python -m bot` does what the `khitomer` console script does."""

from .ops.cli import main

raise SystemExit(main())
