"""Loads and validates data/ into frozen domain objects, once per process.

data/ sits at the top of the checkout and ships inside the wheel as the resource package
`bot.data` (see pyproject.toml), so it is read through importlib.resources: the same code
finds it in a checkout, an editable install and a wheel.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable

DATA_PACKAGE = "bot.data"


class ContentError(ValueError):
    """A data file is wrong or missing; the message names the file and the field."""


def data_root() -> Traversable:
    """The installed data/ folder; a ContentError if this install has none."""
    try:
        root = resources.files(DATA_PACKAGE)
    except ModuleNotFoundError:
        root = None
    if root is None or not root.is_dir():
        raise ContentError(
            "this install of Khitomer has no data (lore, treaties, scenarios): "
            "reinstall it from a wheel or checkout that includes data/"
        )
    return root


def data_files(directory: Traversable, suffix: str) -> list[Traversable]:
    """The files of `directory` ending in `suffix`, by name; a missing folder is an error."""
    if not directory.is_dir():
        raise ContentError(f"data/{directory.name} is missing from this install of Khitomer: reinstall it")
    return sorted((p for p in directory.iterdir() if p.name.endswith(suffix)), key=lambda p: p.name)


def stem(path: Traversable) -> str:
    return path.name.rsplit(".", 1)[0]
