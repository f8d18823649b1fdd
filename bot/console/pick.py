"""Which button or menu a `click` or `select` line means: by number, or by (the start of) a label."""

from __future__ import annotations

from typing import Any

from .lines import LineError

BUTTON, MENU = 2, 3


def labelled(items: list[dict[str, Any]], target: str) -> dict[str, Any] | None:
    """The first item whose label starts with `target`, else the first that contains it."""
    wanted = target.casefold()
    labels = [(str(i.get("label", "")).casefold(), i) for i in items]
    matches = [i for label, i in labels if label.startswith(wanted)] or [
        i for label, i in labels if wanted in label
    ]
    return matches[0] if matches else None


def pick(items: list[dict[str, Any]], target: str, *, kind: int) -> dict[str, Any]:
    if target.isdigit():
        number = int(target)
        if not 1 <= number <= len(items):
            raise LineError(f"there is no component {number}; that message has {len(items)}")
        item = items[number - 1]
    else:
        found = labelled(items, target)
        if found is None:
            raise LineError(f"no button labelled {target!r} on that message")
        item = found
    if (item.get("type") == BUTTON) != (kind == BUTTON):
        raise LineError("that is a menu: use select" if kind == BUTTON else "that is a button: use click")
    return item


def option_value(item: dict[str, Any], wanted: str) -> str:
    for option in item.get("options", []):
        if wanted in {option["value"], option["label"]} or option["label"].casefold() == wanted.casefold():
            return str(option["value"])
    raise LineError(f"that menu has no option {wanted!r}")
