"""Who came before or after someone ("who was chancellor before K'mpec"): a line answers only where
it tells the succession in that direction. Asked of a fresh set, "before K'mpec" was answered with
"Gowron succeeded K'mpec" (his successor), and "before Gowron" with Martok's rise. Read by
bot/services/lore_question.py.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..domain import lore_answer as rules
from ..domain.lore_doers import TITLES
from . import lore_text as text
from .lore_names import Linked
from .lore_statements import tokens
from .lore_wording import Wording

# "who was chancellor before k'mpec", "who ruled after gowron", "who came before hiren as praetor"
_ASKED = re.compile(
    r"^\s*who\b.*?\b(?P<way>before|after)\s+(?P<named>[\w'’ -]+?)(?:\s+as\s+\w+)?\s*[?.!]*\s*$", re.I
)
_SKIPPED = frozenset("the as".split()) | TITLES  # noqa: SIM905  # between "succeeded" and the name


def in_order(
    found: list[rules.Statement], query: str, names: Sequence[Linked], question: Wording
) -> list[rules.Statement]:
    """For a who-question asking who came before or after a person it names: the statements where
    that person succeeded someone ("Gowron succeeded K'mpec" for "before Gowron"), or someone
    succeeded them ("…succeeded K'mpec" for "after K'mpec"; "K'mpec was succeeded by"). Any other
    question: `found` as it is."""
    asked = _ASKED.match(query)
    if asked is None:
        return found
    named = set(text.words(asked["named"]))
    if not any(named == set(run) for one in names for run in one.runs):
        return found  # "before 2293", "after K'Ehleyr was killed": no one's succession
    before = asked["way"].casefold() == "before"
    return [one for one in found if one.composed or _in_order(tokens(one.text, question), named, before)]


_SUCCEED = text.word_stem("succeed")


def _in_order(said: Sequence[rules.Token], named: set[str], before: bool) -> bool:
    """Whether the sentence tells the named person succeeding someone (`before`: "Gowron succeeded
    K'mpec") or being succeeded ("succeeded K'mpec", "K'mpec was succeeded by")."""
    folded = [next(iter(text.words(word)), "") for word, _ in said]
    for at, (word, _) in enumerate(said):
        if text.word_stem(word) != _SUCCEED:  # as written: the question's words may say it otherwise
            continue
        passive = at >= 2 and folded[at - 1] in {"was", "were"}
        doer = folded[at - 2] if passive else (folded[at - 1] if at else "")
        after = next((w for w in folded[at + 1 : at + 4] if w not in _SKIPPED and w != "by"), "")
        if passive:
            doer, after = after, doer  # "K'mpec was succeeded by Gowron": Gowron succeeded K'mpec
        if (before and doer in named and after and after not in named) or (not before and after in named):
            return True
    return False
