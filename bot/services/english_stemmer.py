"""Snowball's English stemmer: PyStemmer's (Snowball compiled to C), or snowballstemmer's pure
Python where no PyStemmer wheel installs. Both are generated from the same Snowball algorithm and
give the same stems (tests/test_lazy_imports.py); the C one stems a word in about 2 µs
against 29, which is most of what a wiki import's worker spends on a page of words it has not met.

`import snowballstemmer` imports every language's stemmer (36 modules, about 3.5 MiB of a
running bot) to offer `stemmer(name)`; the fallback needs English only. Its module is loaded from
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
    """A new English stemmer (stemWord(word) -> str): PyStemmer's if it is installed."""
    try:
        import Stemmer  # PyStemmer
    except ImportError:
        return pure_english_stemmer()
    return Stemmer.Stemmer("english")


def pure_english_stemmer() -> Any:
    """A new snowballstemmer EnglishStemmer (stemWord(word) -> str)."""
    if _PRIVATE not in sys.modules:
        spec = importlib.util.find_spec("snowballstemmer")  # finds the folder, runs nothing
        if spec is None or not spec.submodule_search_locations:
            raise ImportError("snowballstemmer is not installed")
        package = types.ModuleType(_PRIVATE)
        package.__path__ = list(spec.submodule_search_locations)
        sys.modules[_PRIVATE] = package
    return importlib.import_module(f"{_PRIVATE}.english_stemmer").EnglishStemmer()
