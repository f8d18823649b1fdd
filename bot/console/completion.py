"""Tab completion: console words, command paths, option names, and option values (the bot's own
autocomplete, fixed choices, and the demo server's members, channels, threads and roles)."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Iterable

from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document

from .session import ConsoleSession

CONSOLE_WORDS = ("help", "click", "select", "as", "in", "history", "threads", "wait")


class SlashCompleter(Completer):
    """Completes console words, command paths, option names, and autocomplete values."""

    def __init__(self, session: ConsoleSession) -> None:
        self.session = session

    def get_completions(self, document: Document, complete_event: CompleteEvent) -> Iterable[Completion]:
        return []  # everything is async: see get_completions_async

    async def get_completions_async(  # type: ignore[override]
        self, document: Document, complete_event: CompleteEvent
    ) -> AsyncIterator[Completion]:
        text = document.text_before_cursor
        word = document.get_word_before_cursor(WORD=True)
        if " " not in text.strip() and not text.endswith(" "):
            for name in sorted({*(f"/{n.split()[0]}" for n in self.session.commands), *CONSOLE_WORDS}):
                if name.startswith(word):
                    yield Completion(name, start_position=-len(word))
            return
        path = self._path(text)
        if path is None:
            for name in sorted(self.session.commands):
                head = "/" + name
                if head.startswith(text.strip()) and head != text.strip():
                    yield Completion(head.split()[-1], start_position=-len(word))
            return
        leaf = self.session.commands[path]
        if ":" in word:
            option, _, typed = word.partition(":")
            parameter = leaf.options.get(option)
            if parameter is not None and parameter.autocomplete:
                filled = dict(
                    kv.split(":", 1) for kv in text.split()[len(path.split()) :] if ":" in kv and kv != word
                )
                with contextlib.suppress(Exception):  # a completion must never break the prompt
                    place = self.session.place
                    choices = await self.session.actor.autocomplete(place, path, option, typed, **filled)
                    for offered in choices:
                        yield Completion(
                            f"{option}:{_quoted(str(offered['value']))}",
                            start_position=-len(word),
                            display=offered["name"],
                        )
            for fixed in parameter.choices if parameter is not None else []:
                yield Completion(f"{option}:{_quoted(str(fixed.value))}", start_position=-len(word))
            typed_values = self.session.places.suggestions(parameter, self.session.place) if parameter else []
            for value in typed_values:  # members, channels, roles, true/false
                if _bare(value).startswith(_bare(typed)):
                    yield Completion(f"{option}:{value}", start_position=-len(word))
            return
        for option in leaf.options:
            if option.startswith(word):
                yield Completion(f"{option}:", start_position=-len(word))

    def _path(self, text: str) -> str | None:
        words = text.strip().removeprefix("!").removeprefix("/").split()
        for size in range(len(words), 0, -1):
            candidate = " ".join(words[:size])
            if candidate in self.session.commands and (size < len(words) or text.endswith(" ")):
                return candidate
        return None


def _quoted(value: str) -> str:
    return f'"{value}"' if " " in value else value


def _bare(text: str) -> str:
    """`@"Game Masters"` and `game` compare on `game masters`: marks and quotes aside."""
    return text.replace('"', "").lstrip("@#").casefold()
