"""What a delegation tables: an article towards one of its wanted objectives, drafted so that it
fits the objective (scoring.fits) and passes the machine's own checks, or, with no objective to
pursue, one article of a kind its stance likes.

For each wanted objective, most points first, with no fitting article on the table that nobody
opposes: it tables one binding itself, the powers the objective and the clause's terms name, and
its friends; if that is opposed, once more without those who opposed it and without its friends.
Never more than MAX_TABLED articles in all, and never the same article twice.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Sequence

from ..errors import InvalidInput
from . import commands as c
from .clauses import TermKind, checked_terms, needed_by
from .delegation_stance import FRIENDLY, HOSTILE, Stance, judge
from .model import Article, Clause, GameState, Terms
from .scenario import Objective
from .scoring import fits

MAX_TABLED = 3  # articles a delegation tables in one conference, at most
ATTEMPTS = 2  # articles towards one objective, at most


def tie(seed: int, *words: object) -> int:
    """A number fixed by the game's seed and `words`: how equals are ordered, the same each time."""
    text = "\x1f".join(map(str, (seed, *words))).encode()
    return int.from_bytes(hashlib.blake2b(text, digest_size=8).digest(), "big")


def proposal(
    state: GameState, power: str, mine: Sequence[Objective], stance: Stance, seed: int
) -> c.Table | None:
    """The article `power`'s delegation tables next, or None (see the module's docstring)."""
    authored = [a for a in state.articles if a.author == power]
    if len(authored) >= MAX_TABLED:
        return None
    wanted = sorted((o for o in mine if o.wants), key=lambda o: (-o.points, tie(seed, power, o.text)))
    for objective in wanted:
        fitting = [a for a in state.articles if fits(objective, a)]
        if any(not a.retracted and not a.oppose for a in fitting):
            continue  # one is on the table and nobody stands against it
        tries = [a for a in fitting if a.author == power]
        if len(tries) >= ATTEMPTS:
            continue
        refused = frozenset(p for a in tries for p in a.oppose)
        table = draft(state, power, stance, objective, seed, avoid=refused, widen=not tries)
        if table is not None and not any(_same(table, a) for a in authored):
            return table
    if authored:
        return None
    for clause in sorted(stance.proposes, key=lambda clause: tie(seed, power, clause)):
        table = draft(state, power, stance, Objective(power, clause, True, 0, ""), seed)
        if table is not None and judge(_article(state, power, table), power, mine, stance).support:
            return table
    return None


def draft(
    state: GameState,
    power: str,
    stance: Stance,
    aim: Objective,
    seed: int,
    *,
    avoid: Collection[str] = (),
    widen: bool = True,
) -> c.Table | None:
    """An article of `aim`'s clause fitting its terms and whom it binds, or None where that cannot
    be done here (a power it names has no seat). A transfer's missing receiver is `power`, its
    missing giver the seated power it likes best; `avoid` is left out where it can be."""
    seated = state.seated_powers()
    needed = {t.name: t for t in needed_by(aim.clause)}
    values = {name: value for name, value in aim.terms if name in needed}
    for name in ("receiver", "giver"):
        if name in needed and not values.get(name):
            taken = set(values.values())
            pick = power if power not in taken else _best(state, power, stance, seed, {*avoid, *taken})
            if not pick:
                return None
            values[name] = pick
    if "subject" in needed:
        values["subject"] = _subject(stance, aim.clause, values.get("subject", ""))
    named = [v for n, v in values.items() if needed[n].kind is TermKind.POWER]
    parties = [power, *aim.binds, *named]
    if widen:
        parties += [p for p in seated if stance.feeling(p) >= FRIENDLY and p not in avoid]
    if len(set(parties)) == 1:
        parties += [_best(state, power, stance, seed, avoid, above=HOSTILE)]
    chosen = tuple(dict.fromkeys(p for p in parties if p))
    if any(p not in seated for p in chosen):
        return None
    ordered = (power, *(p for p in seated if p in chosen and p != power))
    table = c.Table(aim.clause, _text(stance, aim.clause, ordered, values), ordered, values)
    try:
        _terms(table)  # the machine's own check of the terms
    except InvalidInput:
        return None
    return table


def _best(
    state: GameState, power: str, stance: Stance, seed: int, avoid: Collection[str], above: int = -99
) -> str:
    """The seated power `power` likes best (ties seeded), leaving out `avoid`; "" if none."""
    others = [p for p in state.seated_powers() if p != power and p not in avoid and stance.feeling(p) > above]
    return min(others, key=lambda p: (-stance.feeling(p), tie(seed, power, p)), default="")


def _subject(stance: Stance, clause: Clause, word: str) -> str:
    """The stance's words for what the article is about, if they hold the objective's `word`."""
    phrase = stance.subjects.get(clause, "")
    if phrase and word.casefold() in phrase.casefold():
        return phrase
    return word or clause.value


def _text(stance: Stance, clause: Clause, parties: Sequence[str], values: dict[str, str]) -> str:
    template = stance.articles.get(clause) or "{parties} agree on " + clause.value + "."
    names = {k: (f"the {v}" if k in ("giver", "receiver") else v) for k, v in values.items()}
    text = template.format(parties=_listed(parties), **names)
    return text[0].upper() + text[1:]


def _listed(powers: Sequence[str]) -> str:
    names = [f"the {p}" for p in powers]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _terms(table: c.Table) -> Terms:
    return checked_terms(table.clause, table.terms, table.parties)


def _article(state: GameState, power: str, table: c.Table) -> Article:
    """The article `table` would become, to be judged before it is tabled."""
    number = len(state.articles) + 1
    return Article(number, power, table.clause, table.parties, table.text, terms=_terms(table))


def _same(table: c.Table, article: Article) -> bool:
    return (table.clause, table.parties, _terms(table)) == (
        article.clause,
        article.parties,
        article.terms,
    )
