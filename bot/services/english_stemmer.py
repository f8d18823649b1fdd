"""Snowball's English stemmer, in two builds that give the same stems (tests/test_lazy_imports.py):
snowballstemmer's pure Python, which the bot's own process uses (its words are few and
remembered: bot/services/lore_text.py keeps 50,000 stems), and PyStemmer's, compiled to C, which
the worker processes that analyse imported pages switch to (a word new to them cost 29 µs in
Python, 1.7 in C: most of a fresh worker's time on a wiki's first thousand pages). The C build
costs the bot's process 1.1 MiB it does not need (bench/interactions.py's memory).

`import snowballstemmer` imports every language's stemmer (36 modules, about 3.5 MiB of a
running bot) to offer `stemmer(name)`; the lore needs English only. Its module is loaded from
the same installed package under a private name, so the others are never read and
`snowballstemmer` itself stays untouched for anyone importing it the usual way.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from typing import Any

_PRIVATE = "_khitomer_snowball"  # the installed package's folder, under a name of our own


def english_stemmer() -> Any:
    """A new snowballstemmer EnglishStemmer (stemWord(word) -> str), pure Python."""
    if _PRIVATE not in sys.modules:
        spec = importlib.util.find_spec("snowballstemmer")  # finds the folder, runs nothing
        if spec is None or not spec.submodule_search_locations:
            raise ImportError("snowballstemmer is not installed")
        package = types.ModuleType(_PRIVATE)
        package.__path__ = list(spec.submodule_search_locations)
        sys.modules[_PRIVATE] = package
    return importlib.import_module(f"{_PRIVATE}.english_stemmer").EnglishStemmer()


def compiled_english_stemmer() -> Any:
    """PyStemmer's English stemmer (the same stemWord), or the pure one where it is not installed."""
    try:
        import Stemmer  # PyStemmer
    except ImportError:
        return english_stemmer()
    return Stemmer.Stemmer("english")
