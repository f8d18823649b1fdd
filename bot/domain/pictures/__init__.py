"""Pictures as pure layouts: what is drawn where, computed without Pillow (bot/ui/pictures.py
draws them). Text widths come from a `Measure` the drawing side passes in."""

from collections.abc import Callable

Measure = Callable[[str, int], float]  # (text, font size) -> width in pixels
Point = tuple[float, float]
