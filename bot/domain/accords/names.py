"""Powers named as players type them: any case, an alias ("feds"), or a unique start ("romulan")."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..errors import InvalidInput


def fold(text: str) -> str:
    """Case, spacing and a leading "the" do not matter."""
    words = text.casefold().replace("’", "'").split()
    if words[:1] == ["the"] and len(words) > 1:
        words = words[1:]
    return " ".join(words)


def resolve_power(
    text: str, among: Sequence[str], aliases: Mapping[str, Sequence[str]], *, seats: bool = True
) -> str:
    """The one power of `among` that `text` names, or InvalidInput listing what would do.
    `seats`: `among` are a conference's seats (else every power there is)."""
    wanted = fold(text)
    if not wanted:
        raise InvalidInput(f"Name a power: {', '.join(among)}.")
    for power in among:
        if wanted in {fold(power), *(fold(a) for a in aliases.get(power, ()))}:
            return power
    starts = [
        power
        for power in among
        if any(fold(name).startswith(wanted) for name in (power, *aliases.get(power, ())))
    ]
    if len(starts) == 1:
        return starts[0]
    if len(starts) > 1:
        raise InvalidInput(f"{text.strip()!r} could be {' or '.join(starts)}: say which.")
    if seats:
        raise InvalidInput(
            f"No power {text.strip()!r} sits at this conference. The seats are: {', '.join(among)}."
        )
    raise InvalidInput(f"There is no power called {text.strip()!r}. The powers are: {', '.join(among)}.")


def resolve_powers(text: str, among: Sequence[str], aliases: Mapping[str, Sequence[str]]) -> list[str]:
    """A comma- (or "and"-) separated list of powers, each resolved, in the order given, once."""
    parts = [p for chunk in text.replace(" and ", ",").replace(";", ",").split(",") if (p := chunk.strip())]
    found: list[str] = []
    for part in parts:
        power = resolve_power(part, among, aliases)
        if power not in found:
            found.append(power)
    return found
