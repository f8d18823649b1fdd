"""Messages as a terminal shows them: embeds with fields and footer, numbered components."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import discord
from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text

from .messages import components_of

Readable = Callable[[str], str]
PARAGRAPH = 2  # Discord's TextInput style for a multi-line field


def numbered_components(components: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Buttons and selects in reading order; `click 1` is the first of these."""
    flat: list[dict[str, Any]] = []
    for row in components:
        for item in row.get("components", [row]):
            if item.get("type") in {2, 3, 5, 6, 7, 8}:
                flat.append(item)
    return flat


def _embed(embed: discord.Embed, readable: Readable) -> Panel:
    parts: list[Any] = []
    if embed.description:
        parts.append(Text(readable(embed.description)))
    for field in embed.fields:
        parts.append(Text.assemble((f"{readable(str(field.name))}: ", "bold"), readable(str(field.value))))
    if embed.footer and embed.footer.text:
        parts.append(Text(readable(embed.footer.text), style="dim"))
    title = readable(embed.title) if embed.title else None
    return Panel(Group(*parts) if parts else Text(""), title=title, title_align="left", expand=False)


def _component(number: int, item: dict[str, Any]) -> Text:
    if item.get("type") == 2:
        label = item.get("label") or item.get("emoji", {}).get("name") or "button"
        state = " (disabled)" if item.get("disabled") else ""
        return Text(f"  [{number}] {label}{state}", style="dim" if state else "cyan")
    options = ", ".join(f"{o['value']} ({o['label']})" for o in item.get("options", []))
    placeholder = item.get("placeholder") or "select"
    return Text(f"  [{number}] ▾ {placeholder}: {options}", style="cyan")


def render_message(
    console: Console,
    who: str,
    message: Any,
    *,
    ephemeral: bool,
    number: int,
    readable: Readable = str,
    edited: bool = False,
) -> None:
    """A message with its number (`click … on N` acts on it) and its numbered components;
    `readable` turns mentions and timestamps into what Discord would show."""
    header = f"{who} sees" if ephemeral else "bot (edited)" if edited else "bot"
    marker = "  (only you can see this)" if ephemeral else ""
    console.print(
        Text.assemble((f"── {header}", "bold"), (marker, "yellow"), (f"  · message {number}", "dim"))
    )
    if getattr(message, "type", None) == discord.MessageType.thread_created:
        console.print(Text(f"(started a thread: {message.content})", style="dim"))
    elif message.content:
        console.print(Text(readable(message.content)))
    for embed in message.embeds:
        console.print(_embed(embed, readable))
    for index, item in enumerate(numbered_components(components_of(message)), start=1):
        console.print(_component(index, item))


def modal_fields(modal: dict[str, Any]) -> list[dict[str, Any]]:
    fields = []
    for row in modal.get("components", []):
        for item in row.get("components", [row.get("component", row)]):
            if "custom_id" in item:
                fields.append(item)
    return fields


def render_modal(console: Console, modal: dict[str, Any]) -> None:
    """The form's title and its fields, numbered; a paragraph field says how to go on a line."""
    console.print(Text.assemble(("── form: ", "bold"), (modal.get("title", ""), "bold cyan")))
    for number, item in enumerate(modal_fields(modal), start=1):
        required = "" if item.get("required", True) else " (optional)"
        lines = " — several lines: end a line with \\ to go on" if item.get("style") == PARAGRAPH else ""
        console.print(Text(f"  {number}. {item.get('label', item['custom_id'])}{required}{lines}"))
