"""Errors for the operator (the person running khitomer), as opposed to a Discord member."""

from __future__ import annotations


class OperatorError(Exception):
    """A problem the operator can fix; the CLI prints it as one line and exits non-zero."""
