"""How an answer line reads who did a deed in a sentence, for "who poisoned K'mpec": the one
named before the deed (not whoever it was done to) or after "by", whose deed fell on the one the
question names. Read by bot/domain/lore_answer.py (pure: no I/O).
"""

from __future__ import annotations

from collections.abc import Sequence

from .lore_causes import Token, fold
from .lore_query import IRREGULAR

# Before a name, a title says it is a person's ("Captain Okonkwo", "General Chang").
TITLES = frozenset(
    """captain admiral general chancellor commander colonel gul legate ambassador senator praetor
    doctor lieutenant ensign emperor empress proconsul chairman subcommander president uss iks irw""".split()  # noqa: SIM905
)
_PASSIVE = frozenset("was were been being is are be".split())  # noqa: SIM905
_NOUN_BEFORE = frozenset("of from".split())  # noqa: SIM905
# Words after a verb that begin its object or what follows it, not a noun it qualifies.
_AFTER_VERB = frozenset(
    """the a an to them him her it its their his our us and or of with for in on at from by that which
    who as when while until because after before since although though if unless""".split()  # noqa: SIM905
)
# Nouns that, after a people's name, make a doer of it ("a Klingon agent", "Romulan operatives"):
# our own short list.
_GROUPS = frozenset(
    """agent agents spy spies operative operatives officer officers ship ships fleet fleets warbird
    warbirds crew crews forces troops soldiers rebels conspirators commandos assassin assassins
    saboteur saboteurs raiders fighters dissidents scientists""".split()  # noqa: SIM905
)


# Words before such a group that open it as a doer, not as what a verb acted on ("led Klingon
# forces"): determiners, "by", and numbers.
_OPENERS = frozenset("a an the by some two three four several many".split())  # noqa: SIM905


def group_doer(tokens: Sequence[Token], at: int) -> bool:
    """Whether the capitalised word at `at` names a doer by its people and what they were ("a
    Klingon agent", "by Romulan operatives"), though the people's name alone names no one."""
    if at + 1 >= len(tokens) or fold(tokens[at + 1][0]) not in _GROUPS or fold(tokens[at][0]) in _OPENERS:
        return False  # "The fleet…" opening a sentence names no people
    before = fold(tokens[at - 1][0]) if at else ""
    return not before or before in _OPENERS or before.isdigit()


# Words that may follow a doer named after "by" ("raised by Sergey and Helena", "…by Kor, who");
# another lowercase word makes the name an adjective ("by Bajoran law").
_AFTER_DOER = frozenset("and or who whose in at on of for with to from after before when while as".split())  # noqa: SIM905


def named_by(tokens: Sequence[Token], at: int, word: str, places: set[str], powers: frozenset[str]) -> bool:
    """Whether the capitalised word at `at`, after "by", names who did a deed: no place, power
    or title, and not an adjective before a noun ("by Bajoran law")."""
    if word in places or word in powers or word in TITLES:
        return False
    following = tokens[at + 1][0] if at + 1 < len(tokens) else ""
    return not following or following[:1].isupper() or fold(following) in _AFTER_DOER


_DETERMINERS_BY = frozenset("the a an his her their".split())  # noqa: SIM905


def named_in_apposition(
    tokens: Sequence[Token], at: int, word: str, places: set[str], powers: frozenset[str]
) -> bool:
    """Whether the capitalised word at `at` opens a name set beside what its bearer was, after
    "by" ("led by the former Tal Shiar operative Ekhanis Tor", "by a Klingon agent, Arne Darvin"):
    who did the deed, though "by" is not right before the name."""
    if at < 3 or not named_by(tokens, at, word, places, powers):
        return False
    role = tokens[at - 1][0]
    if not role.isalpha() or not role[:1].islower() or fold(role) in _AFTER_VERB:
        return False  # the name must follow what they were ("operative"), not "of" or "and"
    for by in range(at - 3, max(-1, at - 8), -1):
        if fold(tokens[by][0]) == "by":
            between = [fold(w) for w, _ in tokens[by + 2 : at - 1]]
            return fold(tokens[by + 1][0]) in _DETERMINERS_BY and not _AFTER_VERB.intersection(between)
    return False


def unnamed(tokens: Sequence[Token], at: int) -> bool:
    """Whether the doer at `at` is a people's member left unnamed ("a Klingon agent poisoned…"),
    not one named after it ("the Klingon agent Arne Darvin")."""
    return group_doer(tokens, at) and not (at + 2 < len(tokens) and tokens[at + 2][0][:1].isupper())


# Words that open a clause with a subject of its own ("…was in the chamber when a device left
# behind there…"): a deed after one is not the deed of a person named before it.
_SUBORDINATE = frozenset("when while until whereas because although though if unless that".split())  # noqa: SIM905
_SUBJECTS = frozenset("a an the his her their its".split())  # noqa: SIM905  # … that open its subject


def _own_subject(tokens: Sequence[Token], at: int, deed: int) -> bool:
    """Whether the word at `at` opens a clause whose own subject ("a device", "Worf") does the
    deed right after it ("when a device left"); "Chang, while cloaked, fired" is still Chang's."""
    if fold(tokens[at][0]) not in _SUBORDINATE or deed > at + 3:
        return False
    subject = tokens[at + 1][0]
    return fold(subject) in _SUBJECTS or subject[:1].isupper()


def does(tokens: Sequence[Token], person: int, deed: int) -> bool:
    """Whether the person at `person` did the deed at `deed`: named before it (unless it was
    done to them: "K'mpec was poisoned", or the deed is another subject's, in a clause of its
    own: "Hiren was there when a device left…"), or after "by"."""
    if person < deed:  # "died there of poison": a deed said as a noun after "of" is no one's before it
        if person == deed - 1 and _owned_deed(tokens, deed):  # "Scotty's sabotage left it dead"
            return True
        if _object_of_another(tokens, person, deed):  # "Picard and Spock exposed the scheme"
            return False
        if (deed and fold(tokens[deed - 1][0]) in _NOUN_BEFORE) or _qualifies(tokens, deed):
            return False
        if _done_to(tokens, deed) or _owned_doer(tokens, deed):
            return False
        if any(_own_subject(tokens, i, deed) for i in range(max(person + 1, deed - 3), deed - 1)):
            return False
        return not any(fold(word) in _PASSIVE for word, _ in tokens[max(person, deed - 2) : deed])
    return any(fold(word) == "by" for word, _ in tokens[deed + 1 : person])


# Nouns of deeds whose owner did them ("Scotty's sabotage", "Gowron's invasion"), unlike those
# whose owner suffered them ("Gorkon's murder", "Kirk's arrest"): our own short list.
_DOERS_DEEDS = frozenset(
    """sabotage betrayal treachery invasion attack assault ambush raid plot scheme conspiracy coup
    forgery ruse deception discovery defection intervention bombing blockade offensive""".split()  # noqa: SIM905
)


def _owned_deed(tokens: Sequence[Token], deed: int) -> bool:
    """Whether the deed, a noun of a deed its owner does, is owned by a name right before it
    ("Scotty's sabotage")."""
    if deed == 0:  # a sentence's first word has no owner (tokens[-1] would be its last)
        return False
    before = tokens[deed - 1][0]
    return before.endswith(("'s", "’s")) and before[:1].isupper() and fold(tokens[deed][0]) in _DOERS_DEEDS


# Verbs of finding a deed out: whoever did them did not do it ("Picard and Spock exposed the
# scheme"); "helped run a plot", "died leading the assault" are the deed's. Our own short list.
_FOUND_OUT = frozenset(
    """exposed uncovered discovered spotted caught foiled thwarted revealed unmasked detected found
    learned stopped suspected investigated""".split()  # noqa: SIM905
)


def _object_of_another(tokens: Sequence[Token], person: int, deed: int) -> bool:
    """Whether the deed, the noun of one (see _DOERS_DEEDS), is what the person found out
    ("exposed the scheme"), not what they did ("helped run a plot")."""
    if fold(tokens[deed][0]) not in _DOERS_DEEDS or fold(tokens[deed - 1][0]) not in _DETERMINERS_BY:
        return False
    return any(fold(one) in _FOUND_OUT for one, _ in tokens[person + 1 : deed - 1])


def deed_owner(tokens: Sequence[Token], at: int) -> bool:
    """Whether the capitalised word at `at` owns the noun of a deed its owner did ("Scotty's
    sabotage"): a doer, though no entry names them, or a people's member ("a Klingon agent")."""
    return group_doer(tokens, at) or (at + 1 < len(tokens) and _owned_deed(tokens, at + 1))


def _done_to(tokens: Sequence[Token], deed: int) -> bool:
    """Whether the deed's word, a past followed by "as", says what the one before it turned out
    to be ("Nanclus, …, exposed as a conspirator"), which someone unnamed did to them."""
    word = fold(tokens[deed][0])
    return word.endswith("ed") and deed + 1 < len(tokens) and fold(tokens[deed + 1][0]) == "as"


_POSSESSIVES = frozenset("his her their its".split())  # noqa: SIM905
# Nouns for the one who does a deed ("his successor"; not "on his orders"): our own list.
DOER_NOUNS = frozenset(
    """successor successors predecessor predecessors killer killers murderer murderers assassin
    assassins slayer slayers attacker attackers captor captors""".split()  # noqa: SIM905
)


def owned_only(tokens: Sequence[Token], concepts: set[str]) -> bool:
    """Whether the sentence holds `concepts` only as doers someone owns ("asked Picard to choose
    his successor") or in a title ("Arbiter of Succession"): it names nobody who did it."""
    held = [at for at, (_, concept) in enumerate(tokens) if concept in concepts]
    titled = [at for at in held if at and fold(tokens[at - 1][0]) == "of" and tokens[at][0][:1].isupper()]
    return bool(held) and all(_owned_doer(tokens, at) or at in titled for at in held)


def _owned_doer(tokens: Sequence[Token], deed: int) -> bool:
    """Whether the deed's word names someone who does it, owned ("asked Picard to choose his
    successor", "her killer"): another person than the one named before."""
    owned = deed > 0 and fold(tokens[deed - 1][0]) in _POSSESSIVES
    return owned and fold(tokens[deed][0]) in DOER_NOUNS


def _qualifies(tokens: Sequence[Token], deed: int) -> bool:
    """Whether the deed's word, uninflected, is a noun before a noun ("the Romulan supply lines"),
    or a past after "the" or "a" before one ("the forged recording"): nobody named before it did
    it ("the Romulans supplied them", "Garak forged the recording" do)."""
    word = fold(tokens[deed][0])
    if deed + 1 >= len(tokens):
        return False
    following = tokens[deed + 1][0]
    noun_next = following.isalpha() and following[:1].islower() and fold(following) not in _AFTER_VERB
    if word.endswith("ed") and deed and fold(tokens[deed - 1][0]) in _DETERMINERS:
        return noun_next
    if word.endswith(("ed", "ing")) or word in IRREGULAR:
        return False
    return noun_next


_DETERMINERS = frozenset("the a an".split())  # noqa: SIM905  # before a past that qualifies a noun


_PARTICLES = frozenset("on against off out up over".split())  # noqa: SIM905  # of a phrasal verb


def done_to_another(
    tokens: Sequence[Token], deed: int, said: set[str], people: set[str], powers: frozenset[str]
) -> bool:
    """Whether the deed at `deed` fell on a person the question does not name ("who poisoned
    K'mpec": "Worf killed Duras" is another killing): its object right after it, past "the" or a
    title, or said before it ("Weyoun was shot by Garak", "Gorkon's murder"); a great power
    (`powers`) is named too widely to tell."""
    if deed >= 2 and fold(tokens[deed - 1][0]) in _PASSIVE:
        return _another(tokens[deed - 2][0], said, people, powers)
    before = tokens[deed - 1][0] if deed else ""
    if before.endswith(("'s", "’s")):  # "Chancellor Gorkon's murder", "the chancellor's murder": his
        owner = fold(before)
        return _another(before[:-2], said, people, powers) or (owner in TITLES and owner not in said)
    for word, _ in tokens[deed + 1 : deed + 4]:
        folded = fold(word)
        if folded == "the" or folded in TITLES or folded in _PARTICLES:  # "turned against Shinzon"
            continue
        return _another(word, said, people, powers)
    return False


def _another(word: str, said: set[str], people: set[str], powers: frozenset[str]) -> bool:
    """Whether `word` names a person the question does not."""
    folded = fold(word)
    plain = folded.replace("'", "")
    return word[:1].isupper() and folded in people and folded not in powers and not ({folded, plain} & said)


def before_said(tokens: Sequence[Token], at: int, said: set[str], people: set[str]) -> bool:
    """Whether the capitalised word at `at` opens a person's name the question gives: a word of
    the capitalised run after it ("Jean", "Luc", then "Picard") is of a person's name, and the
    question's. Only after it: a name before may end a clause ("…of Gorkon, Azetbur succeeded")."""
    for near in range(at + 1, len(tokens)):
        if not tokens[near][0][:1].isupper():
            return False
        word = fold(tokens[near][0])
        if word in people and word not in TITLES and (word in said or word.replace("'", "") in said):
            return True
    return False


def done_by(tokens: Sequence[Token], deed: str, doers: set[str]) -> bool:
    """Whether one of `doers` (folded words of a name, without apostrophes) did the deed `deed` (a
    concept) in the sentence: named before it ("Sisko killed Dukat") or after "by" ("murdered by
    Duras")."""
    deeds = [at for at, (_, concept) in enumerate(tokens) if concept == deed]
    named = [at for at, (word, _) in enumerate(tokens) if fold(word).replace("'", "") in doers]
    return any(
        does(tokens, one, at) and not _named_between(tokens, one, at, doers) for at in deeds for one in named
    )


def _named_between(tokens: Sequence[Token], one: int, deed: int, doers: set[str]) -> bool:
    """Whether someone else is named right before the deed, after `one` ("Duras … before Worf
    killed him": Worf did), and not beside them ("Sisko's crew and Dukat rescued…")."""
    before = tokens[deed - 1][0] if deed else ""
    joined = deed >= 2 and fold(tokens[deed - 2][0]) == "and"  # "Sisko's crew and Dukat rescued": both
    other = before[:1].isupper() and fold(before).replace("'", "") not in doers
    return one < deed - 1 and other and not joined


def falls_on(tokens: Sequence[Token], deed: str, owners: set[str]) -> bool:
    """Whether the deed `deed` (a concept) fell, in the sentence, on one of `owners` themselves:
    named right after it ("killed Duras in 2367"), past "the" or a title, and not as the owner of
    what follows ("killed Duras's son")."""
    for at, (_, concept) in enumerate(tokens):
        if concept != deed:
            continue
        for word, _ in tokens[at + 1 : at + 4]:
            folded = fold(word)
            if folded == "the" or folded in TITLES:
                continue
            if folded.replace("'", "") in owners:
                return True
            break
    return False
