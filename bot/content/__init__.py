"""Loads and validates data/ into frozen domain objects, once per process."""

from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[2] / "data"


class ContentError(ValueError):
    """A data file is wrong; the message names the file and the field."""
