"""How an answer line reads a cause in a sentence, for "why" (a cause or a purpose, which explains
the deed asked and not what the deed caused) and a who-did (the doer, not whoever was accused of
it). Read by bot/domain/lore_answer.py (pure: no I/O).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from .lore_query import IRREGULAR

Token = tuple[str, str]  # a word as written, and the question's concept it stands for ("" if none)

# Words that give a cause ("because", "drove", "after"): our own short list.
CAUSES = frozenset(
    """because after since drove driven forced force led caused cause sparked provoked response result
    due fear feared fearing seeking sought hoping blamed blaming prompted triggered left so order
    revenge""".split()  # noqa: SIM905
)  # a verb of purpose ("save", "protect") gives one after "to": PURPOSES
_LEADING = frozenset("led drove driven".split())  # noqa: SIM905
# Words that open what was feared ("feared that…", "fearing the Borg…").
_FEARED = frozenset("what that for a an the his her their its them him losing".split())  # noqa: SIM905
# Cause words whose object is the effect ("the occupation left the planet stripped"): the asked
# thing must come after them to be explained, else the sentence tells what it caused.
_EFFECTS = frozenset("left led drove driven forced caused sparked provoked prompted triggered so".split())  # noqa: SIM905
# Words after "and" that open a deed of its own ("…after Praxis, and was killed").
_NEXT = frozenset("was were had has then he she they it later".split())  # noqa: SIM905
# Words after "after" or "since" that tell what came next, not why ("after which", "since then").
_SEQUENCE = frozenset("which that this then".split())  # noqa: SIM905
# Words that say a thing did not happen: a cause of that explains no deed.
_NOT = frozenset("not neither nor never no without".split())  # noqa: SIM905
# Words that open another clause, whose deed a cause after them explains.
_CLAUSES = frozenset("when while until but whereas then".split())  # noqa: SIM905
# Words before the asked deed that name who was charged with it, not who did it ("falsely
# accused of betraying the outpost", "convicted of Gorkon's murder").
_ACCUSED = frozenset("accused blamed framed charged suspected convicted".split())  # noqa: SIM905
# Verbs after "to" that give a purpose ("went to Romulus to find Spock"): our own short list.
PURPOSES = frozenset(
    """keep stop save protect prevent find reveal avoid win force end help bring learn expose warn
    rescue destroy kill build seek restore defend free escape recover reach unite punish avenge hide
    spare secure gain claim""".split()  # noqa: SIM905
)
# Words before a verb that are not its cause: pronouns, auxiliaries, and the prepositions before
# a participle used as an adjective ("the prefect of occupied Bajor").
_NO_CAUSE = frozenset(
    """which who that he she it they we and then also had has have was were been of in on at by for
    with from""".split()  # noqa: SIM905
)


def fold(word: str) -> str:
    return word.casefold().replace("’", "'").removesuffix("'s")


def is_cause(tokens: Sequence[Token], at: int, word: str) -> bool:
    """Whether the word at `at` (folded: `word`) opens a cause or a purpose."""
    following = fold(tokens[at + 1][0]) if at + 1 < len(tokens) else ""
    if word in _LEADING:  # "led to", "drove him to": "led the attack" gives no reason
        return any(fold(one) == "to" for one, _ in tokens[at + 1 : at + 4])
    if word.startswith("fear") and word in CAUSES:  # "feared that peace…", not "the enemy it feared most"
        return following in _FEARED or tokens[at + 1][0][:1].isupper() if following else False
    if word in CAUSES:  # "died not long after." ends there: no cause follows; "after which" tells what next
        return bool(following) and not (word in {"after", "since"} and following in _SEQUENCE)
    before = fold(tokens[at - 1][0]) if at else ""  # "went on to make peace" follows, not explains
    return word == "to" and following in PURPOSES and before != "on"


def explains(tokens: Sequence[Token], cause: int, deed: int) -> bool:
    """Whether the cause at `cause` explains the question's deed at `deed`: a word whose object
    is the effect ("left", "drove") explains what follows it; a cause after the deed, not one
    that belongs to another clause ("it ended when the Cardassians withdrew because…")."""
    if fold(tokens[cause][0]) in _EFFECTS:  # … unless what follows did not happen ("so neither war")
        return deed > cause and not any(fold(word) in _NOT for word, _ in tokens[cause + 1 : deed])
    if deed > cause:  # "…after Praxis, and was killed": the cause is of another deed
        between = [fold(word) for word, _ in tokens[cause + 1 : deed + 1]]  # … and the deed
        return not any(
            word == "and" and (after in _NEXT or after.endswith("ed")) for word, after in pairwise(between)
        )
    return not any(fold(word) in _CLAUSES for word, _ in tokens[deed + 1 : cause])


def acts_on(tokens: Sequence[Token], at: int, predicate: set[str]) -> bool:
    """Whether the question's verb at `at`, in the past, has a cause before it and another of the
    question's own words (not a name it links) right after it, as what was acted on ("the killing
    moved the peace conference"; "a cube reached Earth" says nothing of why)."""
    word = fold(tokens[at][0])
    if at < 2 or not (word.endswith("ed") or word in IRREGULAR):  # a verb in the past: "moved", "drove"
        return False
    if tokens[at - 1][1] or fold(tokens[at - 1][0]) in _NO_CAUSE:  # "the conference moved", "which
        return False  # occupied Bajor": the question's own thing acted, for no reason given
    return any(concept in predicate and concept != tokens[at][1] for _, concept in tokens[at + 1 : at + 4])


def charged(tokens: Sequence[Token], at: int, asked: set[str]) -> bool:
    """Whether the deed at `at` follows "accused of", "blamed for" and the like, unless that is
    what is asked ("who was blamed for…")."""
    window = tokens[max(0, at - 5) : at]
    return any(fold(word) in _ACCUSED and concept not in asked for word, concept in window)
