"""A form (modal) asked field by field; a paragraph field takes several lines, each but the last
ending with a backslash."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from rich.console import Console

from .lines import LineError
from .render import PARAGRAPH, modal_fields, render_modal

AskField = Callable[[dict[str, Any]], Awaitable[str]]
GOES_ON = "\\"


def is_paragraph(field: dict[str, Any]) -> bool:
    return field.get("style") == PARAGRAPH


async def fill_form(console: Console, modal: dict[str, Any], ask: AskField) -> dict[str, str]:
    """The answers by field id, blank ones left out; a LineError names a required field left blank."""
    render_modal(console, modal)
    values: dict[str, str] = {}
    for field in modal_fields(modal):
        value = await _answer(field, ask) if is_paragraph(field) else await ask(field)
        if field.get("required", True) and not value:  # its label, not SimCord's control id
            raise LineError(f"the form needs “{field.get('label', 'a field')}”: answer it")
        if value != "":
            values[field["custom_id"]] = value
    return values


async def _answer(field: dict[str, Any], ask: AskField) -> str:
    """Lines until one does not end with a backslash. A prefilled text (a form opened again to
    fix it) is offered line by line, so keeping it is pressing Enter."""
    offered = str(field.get("value") or "").split("\n")
    lines: list[str] = []
    while True:
        default = offered[len(lines)] if len(lines) < len(offered) else ""
        if len(lines) + 1 < len(offered):
            default += GOES_ON
        asked = {**field, "value": default} if not lines else {**field, "value": default, "continued": True}
        line = await ask(asked)
        if not line.endswith(GOES_ON):
            lines.append(line)
            return "\n".join(lines)
        lines.append(line.removesuffix(GOES_ON).rstrip(" "))
