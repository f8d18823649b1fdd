"""Libraries loaded on their first use (issue #21, point 5: memory with 1,000 servers). A bot that
only plays conferences never judges a misspelt name (rapidfuzz, about 2.5 MiB) nor reads a wiki
export (the XML parser, about 0.4 MiB). `from .lazy import fuzz, process` reads as the library's
own modules: the first attribute taken from one imports it. Each attribute is then read from the
module itself, so what a test patches there is what the bot calls. tests/test_lazy_imports.py
checks both ways."""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import TYPE_CHECKING, Any


class OnFirstUse:
    """Stands for a module until an attribute of it is wanted (also for rarely used modules of
    our own: cogs/mydata.py)."""

    __slots__ = ("_module", "_name")

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attribute: str) -> Any:
        if self._module is None:
            self._module = importlib.import_module(self._name)
        return getattr(self._module, attribute)

    def __repr__(self) -> str:
        return f"<{self._name}, loaded on first use>"


if TYPE_CHECKING:
    import xml.etree.ElementTree as ElementTree

    from rapidfuzz import fuzz as fuzz
    from rapidfuzz import process as process
    from rapidfuzz.distance import OSA as OSA
else:
    fuzz = OnFirstUse("rapidfuzz.fuzz")
    process = OnFirstUse("rapidfuzz.process")
    OSA = OnFirstUse("rapidfuzz.distance.OSA")
    ElementTree = OnFirstUse("xml.etree.ElementTree")

__all__ = ["OSA", "ElementTree", "OnFirstUse", "fuzz", "process"]
