"""Pictures as pure layouts: what is drawn where, computed without Pillow (bot/ui/pictures.py
draws them). Text widths come from a `Measure` the drawing side passes in."""

from collections.abc import Callable

Measure = Callable[[str, int], float]  # (text, font size) -> width in pixels
Point = tuple[float, float]


def fit(text: str, width: float, measure: Measure, size: int) -> str:
    """The text, cut with an ellipsis to fit `width` at `size`: the longest start that fits with
    its ellipsis (none if nothing does), found by halving, so a long name costs a few measures
    (each a font lookup) instead of one per character cut."""
    if measure(text, size) <= width:
        return text
    low, high = 0, len(text) - 1  # text[:low] + "…" fits, or low is 0; nothing past high does
    while low < high:
        middle = (low + high + 1) // 2
        if measure(text[:middle] + "…", size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"
