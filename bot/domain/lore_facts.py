"""Structured facts an entry may carry (role, born, signed, place, cause…): checked when an
entry is read, shown on its card, and composed into a sentence when a question asks for one
that no sentence of the entry says better ("The Khitomer Accords were signed in 2293 at Camp
Khitomer.").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from .errors import InvalidInput
from .inert import quoted

YEAR_RANGE = (-10_000, 10_000)  # of any year an entry gives
MAX_FACT = 200  # characters of one fact's text
MAX_LIST = 12  # names in one list fact (signatories)


class Asked(StrEnum):
    """What a question wants to know."""

    IDENTITY = "identity"  # who is X, what is X
    TIME = "time"  # when
    PLACE = "place"  # where
    REASON = "reason"  # why
    AGENT = "agent"  # who did it
    ARTICLE = "article"  # what an article of a treaty says
    ANYTHING = "anything"


@dataclass(frozen=True, slots=True)
class FactKind:
    label: str  # as the card shows it
    kind: type  # int (a year), str, or list (of names)


FACTS: dict[str, FactKind] = {
    "role": FactKind("Role", str),  # "a Klingon general and Dahar Master"
    "born": FactKind("Born", int),
    "died": FactKind("Died", int),
    "signed": FactKind("Signed", int),
    "place": FactKind("Place", str),  # where it happened or was signed: a name
    "location": FactKind("Location", str),  # where it is: "in orbit of Qo'noS"
    "signatories": FactKind("Signatories", list),
    "by": FactKind("Carried out by", str),  # who did it, built it, led it
    "commander": FactKind("Commanded by", str),
    "leader_of": FactKind("Led", str),
    "successor": FactKind("Successor", str),
    "cause": FactKind("Cause", str),  # a clause: "the explosion of Praxis…"
    "called": FactKind("Called", str),  # the entry's name inside a sentence
}
NOT_SHOWN = {"called"}  # grammar, not a fact a member needs on the card


@dataclass(frozen=True, slots=True)
class Facts:
    values: tuple[tuple[str, int | str | tuple[str, ...]], ...] = ()

    def get(self, name: str) -> Any:
        return next((value for key, value in self.values if key == name), None)

    def __bool__(self) -> bool:
        return bool(self.values)

    def shown(self) -> list[tuple[str, str]]:
        """(label, text) for the card, in the order of FACTS."""
        return [
            (FACTS[key].label, ", ".join(value) if isinstance(value, tuple) else str(value))
            for key, value in self.values
            if key not in NOT_SHOWN
        ]

    def as_dict(self) -> dict[str, int | str | list[str]]:
        return {key: list(value) if isinstance(value, tuple) else value for key, value in self.values}


def parse_facts(raw: Mapping[str, Any]) -> Facts:
    """A [facts] table (or a server's typed facts) checked: known names, right types, sane
    sizes. Anything else is refused with a message that says which fact is wrong."""
    values: dict[str, int | str | tuple[str, ...]] = {}
    for name, value in raw.items():
        spec = FACTS.get(name)
        if spec is None:
            raise InvalidInput(f"Unknown fact {quoted(name)}: facts are {', '.join(FACTS)}.")
        if spec.kind is int:
            if isinstance(value, str) and value.strip().lstrip("-").isdigit():
                value = int(value)
            if not isinstance(value, int) or isinstance(value, bool):
                raise InvalidInput(f"The fact {quoted(name)} is a year, like 2293.")
            if not YEAR_RANGE[0] <= value <= YEAR_RANGE[1]:
                raise InvalidInput(f"The year of {quoted(name)} is out of range.")
            values[name] = value
        elif spec.kind is list:
            items = [value] if isinstance(value, str) else value
            if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
                raise InvalidInput(f"The fact {quoted(name)} is a list of names.")
            if len(items) > MAX_LIST or any(len(i) > MAX_FACT for i in items):
                raise InvalidInput(f"The fact {quoted(name)} is too long.")
            values[name] = tuple(" ".join(i.split()) for i in items)
        else:
            if not isinstance(value, str) or not value.strip():
                raise InvalidInput(f"The fact {quoted(name)} needs some text.")
            if len(value) > MAX_FACT:
                raise InvalidInput(f"The fact {quoted(name)} can be at most {MAX_FACT} characters.")
            values[name] = " ".join(value.split())
    return Facts(tuple((key, values[key]) for key in FACTS if key in values))


# --- facts as lines of text (the end of a form's body, a Markdown page) ----------------------

_BULLET = ("- ", "* ", "• ")


def _label_names() -> dict[str, str]:
    """Every label a line may open on, folded -> the fact's name: `born`, `leader of`, `Carried
    out by`…"""
    names: dict[str, str] = {}
    for name, spec in FACTS.items():
        for label in (name, name.replace("_", " "), spec.label):
            names[" ".join(label.split()).casefold()] = name
    return names


LABELS = _label_names()


def _fact_line(line: str) -> tuple[str, str] | None:
    """(fact name, value) when the line reads `Label: value` (also `- **Label:** value`)."""
    text = line.strip()
    text = text[2:].lstrip() if text.startswith(_BULLET) else text
    label, colon, value = text.partition(":")
    name = LABELS.get(" ".join(label.strip("* ").split()).casefold()) if colon and len(label) <= 40 else None
    if name is None:
        return None
    if label.startswith("**"):  # **Born:** 2340: the bold closes after the colon
        value = value.strip().removeprefix("**")
    return name, value.strip()


def facts_from_lines(text: str) -> tuple[str, Facts]:
    """A body whose last lines are `Label: value` facts (`Born: 2340`, `Signatories: A, B`), as
    the body without them and the facts they give. Labels are the facts' names or their card
    labels, in any case; lists are separated by commas. Only the trailing block counts: a fact
    line above ordinary text stays text. A bad value, or a fact given twice, is refused with a
    message that names the line."""
    lines = text.rstrip().split("\n")
    found: list[tuple[str, str, str]] = []  # (name, value, line), last line first
    cut = len(lines)
    for i in range(len(lines) - 1, -1, -1):
        if not lines[i].strip():
            continue
        fact = _fact_line(lines[i])
        if fact is None:
            break
        found.append((*fact, lines[i].strip()))
        cut = i
    if not found:
        return text.strip(), Facts()
    raw: dict[str, Any] = {}
    for name, value, line in reversed(found):
        if name in raw:
            raise InvalidInput(f"The fact {FACTS[name].label!r} is given twice at the end of the body.")
        try:
            raw[name] = _value(name, value)
            parse_facts({name: raw[name]})
        except InvalidInput as error:
            shown, why = line[:80].replace("`", "'"), error.message[:1].lower() + error.message[1:]
            raise InvalidInput(f"The fact line `{shown}` at the end of the body: {why}") from None
    return "\n".join(lines[:cut]).strip(), parse_facts(raw)


def _value(name: str, value: str) -> int | str | list[str]:
    if FACTS[name].kind is list:
        return [item.strip() for item in value.split(",") if item.strip()] or [""]
    return value


def facts_as_lines(facts: Facts) -> str:
    """The facts as the lines facts_from_lines reads: `Born: 2340`, one a line."""
    return "\n".join(
        f"{FACTS[key].label}: {', '.join(value) if isinstance(value, tuple) else value}"
        for key, value in facts.values
    )


def with_fact_lines(body: str, facts: Facts) -> str:
    """A body with its facts written at its end, as a form shows them."""
    lines = facts_as_lines(facts)
    return f"{body}\n\n{lines}".strip() if lines else body
