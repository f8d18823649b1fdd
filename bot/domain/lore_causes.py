"""How an answer line reads a cause in a sentence, for "why" (a cause or a purpose, which explains
the deed asked and not what the deed caused) and a who-did (the doer, not whoever was accused of
it). Read by bot/domain/lore_answer.py (pure: no I/O).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from .lore_query import IRREGULAR

Token = tuple[str, str]  # a word as written, and the question's concept it stands for ("" if none)


class Words(tuple[Token, ...]):
    """A sentence's tokens, and where its main clause begins after an opening "When …," or
    "After …," (0: none), which the tokens, having no commas, cannot tell."""

    opening: int = 0


def _opening(tokens: Sequence[Token]) -> int:
    return tokens.opening if isinstance(tokens, Words) else 0


# Words that give a cause ("because", "drove", "after"): our own short list.
CAUSES = frozenset(
    """because after since drove driven forced force led caused cause sparked provoked response result
    due fear feared fearing seeking sought hoping blamed blaming prompted triggered left so order
    revenge rather""".split()  # noqa: SIM905
)  # a verb of purpose ("save", "protect") gives one after "to": PURPOSES
_LEADING = frozenset("led drove driven forced force".split())  # noqa: SIM905
# Words that open what was feared ("feared that…", "fearing the Borg…").
_FEARED = frozenset("what that for a an the his her their its them him losing".split())  # noqa: SIM905
# Cause words whose object is the effect ("the occupation left the planet stripped"): the asked
# thing must come after them to be explained, else the sentence tells what it caused.
_EFFECTS = frozenset("left led drove driven forced caused sparked provoked prompted triggered so".split())  # noqa: SIM905
# Words after "and" that open a deed of its own ("…after Praxis, and was killed").
_NEXT = frozenset("was were had has then he she they it later".split())  # noqa: SIM905
# Verbs whose "after" is part of them ("went after Kirk": chased him; "looked after"), no cause.
_GOING = frozenset("go goes went gone going look looked looking chase chased".split())  # noqa: SIM905
# Words after "after" or "since" that tell what came next, not why ("after which", "since then").
_SEQUENCE = frozenset("which that this then".split())  # noqa: SIM905
# Words before "after" or "since" that make it tell when, not why ("soon after he had dined").
_WHEN = frozenset("soon shortly just long right immediately moments hours days weeks months years".split())  # noqa: SIM905
# Words after a cause word within which the question's deed is that cause's own ("after attacking
# Cardassia", "after Vreenak was killed"): it caused something else, and is not what is explained.
OWN_CLAUSE = 6
_PASSIVE = frozenset("was were been being is are be".split())  # noqa: SIM905
_OPENERS = frozenset("after since because due to".split())  # noqa: SIM905  # … that open such a clause
# What moves a person ("out of fear", "out of loyalty"): our own short list.
_MOTIVES = frozenset(
    """fear anger spite loyalty revenge vengeance pride desperation duty honour honor jealousy greed
    hatred shame grief love necessity respect ambition suspicion""".split()  # noqa: SIM905
)
_PRONOUNS = frozenset("it they he she we".split())  # noqa: SIM905
# Words that give a cause only with what follows them (_opens).
_OPENING = frozenset("once claiming claimed out rather".split())  # noqa: SIM905


def _opens(word: str, following: str, after: str) -> bool:
    """Whether `word` (one of _OPENING), then `following` and `after`, opens a cause: "once it
    was clear" ("once ruled" is none), "claiming the…", "claimed that", "out of fear", "rather than"."""
    if word == "once":
        return following in _PRONOUNS
    if word == "out":
        return following == "of" and after in _MOTIVES
    if word == "rather":  # "surrendered rather than let it turn into war": what it was to avoid
        return following == "than"
    return following == "that" if word == "claimed" else bool(following)


# Words that say a thing did not happen: a cause of that explains no deed.
_NOT = frozenset("not neither nor never no without".split())  # noqa: SIM905
# Words that open another clause, whose deed a cause after them explains.
_CLAUSES = frozenset("when while until but whereas then which who that".split())  # noqa: SIM905
# Words before the asked deed that name who was charged with it, not who did it ("falsely
# accused of betraying the outpost", "convicted of Gorkon's murder").
_ACCUSED = frozenset("accused blamed framed charged suspected convicted".split())  # noqa: SIM905
# Verbs after "to" that give a purpose ("went to Romulus to find Spock"): our own short list.
PURPOSES = frozenset(
    """keep stop save protect prevent find reveal avoid win force end help bring learn expose warn
    rescue destroy kill build seek restore defend free escape recover reach unite punish avenge hide
    spare secure gain claim watch guard spy investigate negotiate replace teach test prove""".split()  # noqa: SIM905
)
# Verbs that move another to do something ("pushed the Empire to seek peace"): the "to" after
# their object says what that one did, not the purpose of the verb's subject. Our own short list.
_MAKING = frozenset(
    """push pushed pushing drive drove driven driving force forced forcing persuade persuaded urge
    urged convince convinced order ordered allow allowed enable enabled tell told invite invited
    ask asked compel compelled""".split()  # noqa: SIM905
)
# What was made or sent for a purpose: "was built to test transwarp drive", "were sent to watch the
# convoys" (not "sent to the mines": a place).
_BEING = frozenset("was were is are been be".split())  # noqa: SIM905
_MADE_FOR = frozenset("built made designed created sent meant founded formed launched raised".split())  # noqa: SIM905
_HELPING = frozenset("aid rescue defence defense relief".split())  # noqa: SIM905  # "to the … of"
# Words before a verb that are not its cause: pronouns, auxiliaries, and the prepositions before
# a participle used as an adjective ("the prefect of occupied Bajor").
_NO_CAUSE = frozenset(
    """which who that he she it they we and then also had has have was were been of in on at by for
    with from""".split()  # noqa: SIM905
)


def fold(word: str) -> str:
    return word.casefold().replace("’", "'").removesuffix("'s")


def _departed(tokens: Sequence[Token], at: int) -> bool:
    """Whether "left" at `at` is followed by a name ("the Accords", "Qo'noS"): a place left."""
    following = [word for word, _ in tokens[at + 1 : at + 3]]
    if following and fold(following[0]) == "the":
        following = following[1:]
    return bool(following) and following[0][:1].isupper()


def is_cause(tokens: Sequence[Token], at: int, word: str) -> bool:
    """Whether the word at `at` (folded: `word`) opens a cause or a purpose."""
    following = fold(tokens[at + 1][0]) if at + 1 < len(tokens) else ""
    if word == "when":  # "When Cardassia joined the Dominion, the Jem'Hadar hunted them down"
        return at == 0 and _opening(tokens) > 0
    if word in _LEADING:  # "led to", "drove him to": "led the attack" gives no reason
        return any(fold(one) in {"to", "into"} for one, _ in tokens[at + 1 : at + 4])
    if word.startswith("fear") and word in CAUSES:  # "feared that peace…", not "the enemy it feared most"
        return following in _FEARED or tokens[at + 1][0][:1].isupper() if following else False
    if word in _OPENING:  # "once it was clear…", "claiming the Dominion had…", "out of fear"
        return _opens(word, following, fold(tokens[at + 2][0]) if at + 2 < len(tokens) else "")
    if word == "order":  # "in order to", not "the Obsidian Order never recovered"
        return at > 0 and fold(tokens[at - 1][0]) == "in" and following in {"to", "that"}
    if word in {"return", "exchange"}:  # "in return for the cloak": what it was given for
        return at > 0 and fold(tokens[at - 1][0]) == "in" and following == "for"
    if word == "blamed" and at and fold(tokens[at - 1][0]) in _PASSIVE:  # "the Dominion was blamed":
        return False  # who took the blame, not why
    if word == "left" and _departed(tokens, at):
        return False  # "left the Accords in 2372": a departure, not "left him stranded"
    if word in CAUSES:  # "died not long after." ends there: no cause follows; "after which" tells what next
        if word in {"after", "since"} and at and fold(tokens[at - 1][0]) in _WHEN:
            return False
        if word == "after" and at and fold(tokens[at - 1][0]) in _GOING:  # "went after Kirk": pursued
            return False
        return bool(following) and not (word in {"after", "since"} and following in _SEQUENCE)
    before = fold(tokens[at - 1][0]) if at else ""  # "went on to make peace" follows, not explains
    if word == "to" and following == "the" and at + 3 < len(tokens):  # "to the aid of the outpost"
        return fold(tokens[at + 2][0]) in _HELPING and fold(tokens[at + 3][0]) == "of"
    if word == "to" and before in _MADE_FOR and at > 1 and fold(tokens[at - 2][0]) in _BEING:
        # "was built to test", not "a drone sent to set…" (whose?), nor "was sent to Nimbus III"
        return following not in _FEARED and not tokens[at + 1][0][:1].isupper()
    if any(fold(one) in _MAKING for one, _ in tokens[max(0, at - 4) : at]):  # "pushing the Empire to
        return False  # seek peace", "persuaded the Senate to reach out": what another was moved to do
    return word == "to" and following in PURPOSES and before != "on"


def explains(tokens: Sequence[Token], cause: int, deed: int) -> bool:
    """Whether the cause at `cause` explains the question's deed at `deed`: a word whose object
    is the effect ("left", "drove") explains what follows it; a cause after the deed, not one
    that belongs to another clause ("it ended when the Cardassians withdrew because…"). A deed
    that is itself a cause's own (see `caused`) is left out before: nothing explains it."""
    word = fold(tokens[cause][0])
    if word == "when":  # an opening clause explains what the main clause after its comma did
        return _when_explains(tokens, deed)
    following = fold(tokens[cause + 1][0]) if cause + 1 < len(tokens) else ""
    purpose = word == "so" and following == "that"
    passive = following == "by" and word != "led"  # "failed, caused by the Veshari": the cause follows
    # "so that" explains what came before; an effect word what follows, unless it did not happen
    if word in _EFFECTS and not purpose and not passive:  # ("so neither war")
        return deed > cause and not any(fold(word) in _NOT for word, _ in tokens[cause + 1 : deed])
    if deed == cause + 1 and fold(tokens[deed][0]).endswith("ing"):
        return False  # "left the Accords after attacking Cardassia": the deed is what came first
    if deed > cause:  # "…after Praxis, and was killed", "…to save him, and the Klingons convicted
        # him": the cause is of another deed
        between = [fold(word) for word, _ in tokens[cause + 1 : deed + 1]]  # … and the deed
        return not any(
            word == "and" and any(after in _NEXT or after.endswith("ed") for after in between[i + 1 : i + 4])
            for i, word in enumerate(between)
        )
    return not any(fold(word) in _CLAUSES for word, _ in tokens[deed + 1 : cause])


_OWN = frozenset("his her their its".split())  # noqa: SIM905  # "ordered her troops to…": she did it
_THE_CLAUSE = frozenset("it this that".split())  # noqa: SIM905  # "…, it ended": the clause's own event


def _past(word: str) -> bool:
    return word.endswith("ed") or word in IRREGULAR


def _when_explains(tokens: Sequence[Token], deed: int) -> bool:
    """Whether an opening "When …," explains the deed at `deed` (or an opening "After …," reaches
    it, see `within`): the first deed of its main clause ("…, the Jem'Hadar hunted them down"), what
    it moved the doer's own to do ("she ordered her troops to stop fighting": not "persuaded the
    Senate to reach out…", whose direction the words cannot tell) or brought about ("and the
    movement was wiped out"); not a later one ("…, Worf killed Gowron and handed the Empire to
    Martok"), nor where someone was ("he was aboard"), nor the clause's own event ("…, it ended")."""
    start = _opening(tokens)
    main = [fold(one) for one, _ in tokens[start : deed + 1]]
    if deed < start or not main or main[0] in _THE_CLAUSE:
        return False
    if any(one == "and" and after in _PRONOUNS for one, after in pairwise(main)):
        return False  # "…, and he killed K'Ehleyr": a deed of its own
    at = len(main) - 1
    first = next((i for i, one in enumerate(main) if _past(one)), None)
    if first is None:
        return False
    if first == at or (
        main[first] in _MAKING and main[first + 1] in _OWN and main[at - 1] == "to" and at - first <= 4
    ):
        return True
    brought = at >= 4 and main[at - 4] == "and" and main[at - 3] == "the" and main[at - 1] in {"was", "were"}
    return brought and _past(main[at])


def within(tokens: Sequence[Token], cause: int, deed: int, near: int) -> bool:
    """Whether the cause at `cause` is near enough the deed at `deed` to be its own: `near` words,
    or the main clause's deed after an opening "When …," or "After …," (see `Words`)."""
    opening = cause == 0 and fold(tokens[0][0]) in {"when", "after"}  # "After the Enterprise destroyed
    return abs(cause - deed) <= near or (opening and _when_explains(tokens, deed))  # …, Colius persuaded"


def explains_named(tokens: Sequence[Token], causes: Sequence[int]) -> bool:
    """With no deed asked ("why the Tomed Incident"), whether one of `causes` explains a clause
    naming what is asked, not another's ("the truth was hidden because…"), nor what follows it
    ("…, so the massacre left Worf an orphan")."""
    named = [i for i, (_, concept) in enumerate(tokens) if concept]
    return any(not _looks_ahead(tokens, f) and explains(tokens, f, o) for f in causes for o in named)


def _looks_ahead(tokens: Sequence[Token], at: int) -> bool:
    """Whether the cause word at `at` explains what follows it ("so", "drove"), not "so that"."""
    following = fold(tokens[at + 1][0]) if at + 1 < len(tokens) else ""
    return fold(tokens[at][0]) in _EFFECTS and following not in {"that", "by"}


# Words that add nothing of their own after a cause word ("to find him" for "why did he go to find him").
_EMPTY = _NO_CAUSE | frozenset("him her them his their its the a an to so".split())  # noqa: SIM905
NEW_AFTER = 6  # words after a cause word in which it must say something the question did not


def adds(tokens: Sequence[Token], cause: int, said: set[str]) -> bool:
    """Whether the cause at `cause` says something the question did not: a word, in the few that
    follow it (precede it, for a word whose object is the effect: "…son, so Curzon swore"), that is
    none of the question's ("…defied orders to find him" answers nothing of "why did Sulu disobey
    orders to find Kirk")."""
    if _looks_ahead(tokens, cause):  # "…murdered Kang's son, so Curzon swore":
        window = tokens[max(0, cause - NEW_AFTER) : cause]  # the cause comes before the word
    else:
        window = tokens[cause + 1 : cause + 1 + NEW_AFTER]
    return any(not concept and (w := fold(one)) not in said and w not in _EMPTY for one, concept in window)


def caused(tokens: Sequence[Token], deed: int) -> bool:
    """Whether the deed at `deed` sits in the clause of a cause just before it ("left the Accords
    after attacking Cardassia", "after Vreenak was killed"): it is that cause, of another deed."""
    return any(
        fold(tokens[i][0]) in _OPENERS and is_cause(tokens, i, fold(tokens[i][0]))
        for i in range(max(0, deed - OWN_CLAUSE), deed)
    )


def acts_on(tokens: Sequence[Token], at: int, predicate: set[str]) -> bool:
    """Whether the question's verb at `at`, in the past, has a cause before it and another of the
    question's own words (not a name it links) right after it, as what was acted on ("the killing
    moved the peace conference"; "a cube reached Earth" says nothing of why)."""
    word = fold(tokens[at][0])
    if at < 2 or not (word.endswith("ed") or word in IRREGULAR):  # a verb in the past: "moved", "drove"
        return False
    if any(concept for _, concept in tokens[max(0, at - 4) : at]) or fold(tokens[at - 1][0]) in _NO_CAUSE:
        return False  # "the conference moved", "whom the Romulan Star Empire kept", "which occupied
        # Bajor": the question's own thing acted, for no reason given
    if tokens[at - 1][0].isdigit():  # "in 2375, raided…": one of a list of deeds, no cause
        return False
    if at + 1 < len(tokens) and fold(tokens[at + 1][0]) == "by":  # "torpedoes fired by Chang's ship":
        return False  # a passive; what comes before was acted on, and is no cause
    return any(concept in predicate and concept != tokens[at][1] for _, concept in tokens[at + 1 : at + 4])


def charged(tokens: Sequence[Token], at: int, asked: set[str]) -> bool:
    """Whether the deed at `at` follows "accused of", "blamed for" and the like, unless that is
    what is asked ("who was blamed for…")."""
    window = tokens[max(0, at - 5) : at]
    return any(fold(word) in _ACCUSED and concept not in asked for word, concept in window)
