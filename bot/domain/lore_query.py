"""What a lore question asks, in pure terms: its words without the stop words, what kind of
answer it wants (who, when, where), and how well a stretch of text answers it.

Words come in already analysed (lower case, accents and apostrophes gone, stemmed) by
bot.services.lore_text: this module only reasons about them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

# English words that carry no topic: they never decide a ranking. Our own list, short on
# purpose (a word like "war", "first" or "new" is a topic in our lore and stays).
STOP_WORDS = frozenset(
    """
    a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further
    had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my myself no nor not of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves
    tell know give gave given get got also ever yet s t d ll m re ve whose much many anything
    something someone say says said mean means whos whats wheres whens whys hows
    """.split()  # noqa: SIM905
)


# Words a question may use for what our lore says otherwise ("vessel" for "ship"): our own
# short list of the lore's common ideas. A synonym counts for half of the word itself.
SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("ship", "vessel", "starship", "warship", "cruiser", "battleship", "warbird", "craft", "fleet"),
    ("kill", "murder", "assassinate", "assassination", "slay", "slain", "death", "die", "died"),
    ("war", "conflict", "hostilities", "fighting"),
    ("treaty", "accord", "accords", "agreement", "pact", "compact"),
    ("peace", "truce", "armistice", "ceasefire"),
    ("leader", "chancellor", "praetor", "president", "emperor", "ruler"),
    ("planet", "world", "homeworld"),
    ("spy", "agent", "operative", "infiltrator", "espionage", "spying"),
    ("betray", "betrayal", "betrayed", "treachery", "traitor", "treason"),
    ("captain", "commander", "commanding"),
    ("secret", "covert", "hidden", "clandestine"),
    (
        "trade",
        "exchange",
        "swap",
        "give",
        "gave",
        "supply",
        "provide",
        "sold",
        "bought",
        "funnel",
        "funneled",
        "funnelled",
        "smuggle",
        "smuggled",
    ),
    ("cloak", "cloaking", "invisible", "invisibility", "stealth"),
    ("destroy", "destroyed", "destruction", "explode", "explosion", "exploded"),
    ("border", "frontier", "boundary"),
    ("negotiate", "negotiator", "negotiation", "talks", "diplomat", "envoy", "ambassador", "emissary"),
    ("weapon", "weaponry", "arms", "armament"),
    ("cede", "ceded", "surrender", "relinquish"),
    ("singularity", "black hole"),
    ("withdraw", "withdrawal", "leave", "quit", "pull out"),
    ("prison", "jail", "jailed", "penal", "imprisoned", "pow", "pows"),
    ("defend", "defended", "defence", "defense", "lawyer", "attorney"),  # "advocated peace" is none
)


# The same ideas, finer and more of them, for telling whether a sentence says what was asked
# ("died" is not "killed"; "hq" is "headquarters"). Not used to rank: every synonym is one more
# read of the index, and ranking with these cost 25% more time at 1,000 entries.
ANSWERING: tuple[tuple[str, ...], ...] = (
    *(group for group in SYNONYMS if group[0] not in {"kill", "negotiate", "planet", "destroy"}),
    ("destroy", "destroyed", "destruction", "explode", "explosion", "exploded", "blow", "blew", "blown",
     "trash", "trashed"),
    # not "commandeer": its stem is command's ("Sisko took command" is no capture)
    ("steal", "stole", "stolen", "seize", "seized", "capture", "captured", "hijack", "hijacked"),
    ("establish", "established", "create", "created", "founded", "founding", "form", "formed", "set",
     "creation", "formation"),
    ("raise", "raised", "grow", "grew", "grown", "childhood", "upbringing"),
    ("respect", "honour", "honor", "honoured", "honored", "revere", "revered", "admire", "admired"),
    ("succeed", "succeeded", "successor", "succession", "replace", "replaced"),
    ("end", "ended", "collapse", "collapsed", "dissolve", "dissolved"),
    ("join", "joined", "enter", "entered"),
    ("choose", "pick", "picked", "select", "selected"),
    ("rejoin", "rejoined", "restore", "restored", "reinstate", "reinstated", "reinstatement", "renew",
     "renewed", "resume", "resumed"),
    ("lead", "led", "leader", "leadership", "rule", "ruled", "ruler", "head", "headed"),
    ("run", "ran", "command", "commanded", "commanding", "manage", "managed", "oversee", "oversaw"),
    ("ally", "allied", "alliance", "allies"),
    ("kill", "murder", "assassinate", "assassination", "slay", "slain", "assassin", "shot", "shoot",
     "poison", "poisoned"),
    ("send", "sent", "sentence", "sentenced", "exile", "exiled", "banish", "banished"),
    ("defend", "defended", "defence", "defense", "counsel"),  # not "advocate": "advocated peace" is none
    ("die", "died", "death", "dead", "perish", "perished"),
    ("negotiate", "negotiator", "negotiation", "talks", "diplomat", "envoy", "ambassador", "emissary",
     "speak", "spoke", "represent", "represented", "delegate"),
    ("planet", "world", "homeworld", "capital"),
    ("start", "begin", "began", "outbreak", "opened", "launched", "erupted"),
    ("forbid", "forbade", "ban", "banned", "prohibit", "prohibited", "outlaw", "outlawed", "bar", "barred"),
    ("appear", "appeared", "emerge", "emerged", "arrive", "arrived", "return", "returned"),
    ("sign", "signed", "signing", "ratify", "ratified", "conclude", "concluded", "ink", "inked", "agree",
     "agreed"),
    ("throw", "threw", "thrown", "fling", "flung", "hurl", "hurled", "toss", "tossed"),
    ("addict", "addicted", "addiction", "dependent", "dependence", "dependency", "hooked"),
    ("cleric", "clerics", "monk", "monks", "priest", "priests", "clergy"),
    ("mother", "mom", "mum", "mama"),
    ("born", "birth", "birthday", "birthdate"),
    ("father", "dad", "papa"),
    ("loss", "lose", "lost", "losing", "disappear", "disappeared", "vanish", "vanished", "missing"),
    ("disaster", "catastrophe", "ruin", "ruined", "calamity", "crisis", "wreck", "wrecked", "devastated",
     "crippled"),
    ("headquarters", "hq", "headquartered", "based"),
    ("win", "won", "victory", "triumph", "defeat", "defeated", "beat", "beaten", "rout", "routed", "crush",
     "crushed"),
    ("trial", "court", "tribunal", "prosecutor", "prosecute", "prosecuted", "accused"),
    ("plot", "conspiracy", "conspire", "conspired", "conspirator", "conspirators", "scheme", "intrigue",
     "mastermind", "masterminded", "orchestrate", "orchestrated"),
    ("fake", "faked", "impostor", "imposter", "counterfeit", "posing", "posed", "forge", "forged", "forgery",
     "fabricate", "fabricated", "falsify", "falsified"),
    ("pull", "pulled", "dig", "dug", "drag", "dragged", "haul", "hauled"),
    ("hide", "hid", "hidden", "stash", "stashed", "conceal", "concealed"),
    # the families of deeds a who-did asks about, each in its forms ("who rescued": "freed")
    ("kill", "killer", "murderer", "execute", "executed", "execution", "slew", "slay", "slain"),
    ("save", "saved", "rescue", "rescued", "free", "freed", "liberate", "liberated"),
    ("lead", "led", "head", "headed", "command", "commanded", "run", "ran", "running"),
    ("build", "built", "builder", "design", "designed", "designer", "develop", "developed", "construct",
     "constructed", "engineer", "engineered", "devise", "devised", "invent", "invented"),
    ("attack", "attacked", "invade", "invaded", "invasion", "strike", "struck", "raid", "raided", "assault",
     "assaulted", "ambush", "ambushed", "bombard", "bombarded"),
    ("negotiate", "negotiated", "broker", "brokered", "mediate", "mediated", "arrange", "arranged"),
    ("discover", "discovered", "discovery", "uncover", "uncovered", "detect", "detected", "expose",
     "exposed", "reveal", "revealed"),
    ("divide", "divided", "divides", "split", "splits"),
    ("confess", "confessed", "admit", "admitted", "tell", "told", "disclose", "disclosed"),
    ("help", "helped", "aid", "aided", "relief", "assist", "assisted", "assistance"),
    ("capture", "captured", "kidnap", "kidnapped", "abduct", "abducted", "hostage", "hostages", "seize",
     "seized", "grab", "grabbed", "snatch", "snatched"),
    # turning on one's own side, seen from either: betrayal and rebellion
    ("betray", "betrayed", "betrayal", "traitor", "rebel", "rebelled", "rebellion", "revolt", "revolted",
     "uprising", "insurrection"),
    ("teach", "taught", "train", "trained", "instruct", "instructed", "mentor", "mentored", "tutor"),
    ("meet", "meeting", "met", "gather", "gathered", "convene", "convened", "assemble", "assembled"),
    ("revenge", "vengeance", "avenge", "avenged", "payback", "retaliate", "retaliated", "retaliation",
     "retribution"),
    ("deceive", "deceived", "deception", "trick", "tricked", "con", "conned", "fool", "fooled", "dupe",
     "duped", "mislead", "misled", "hoodwink", "hoodwinked"),
    ("oppose", "opposed", "opposition", "resist", "resisted", "object", "objected"),
    ("trap", "trapped", "setup", "ruse", "ploy", "lure", "lured", "bait", "baited"),
    ("fight", "fought", "battle", "battles", "clash", "clashed", "skirmish", "engagement", "combat"),
    ("last", "final"),  # "the last battle"; "how long did it last" is read as a length
    ("want", "wanted", "seek", "sought", "desire", "desired", "wish", "wished"),
)  # fmt: skip


# Past forms a stemmer cannot bring home ("withdrew" to "withdraw"): our own list of the ones
# the lore's stories use.
IRREGULAR = {
    past: base
    for base, pasts in {
        "withdraw": "withdrew withdrawn", "win": "won", "give": "gave given", "take": "took taken",
        "make": "made", "lead": "led", "fight": "fought", "begin": "began begun", "become": "became",
        "choose": "chose chosen", "send": "sent", "leave": "left", "hold": "held", "meet": "met",
        "sell": "sold", "buy": "bought", "bring": "brought", "steal": "stole stolen", "build": "built",
        "break": "broke broken", "write": "wrote written", "fall": "fell fallen", "drive": "drove driven",
        "rise": "rose risen", "speak": "spoke spoken", "strike": "struck", "shoot": "shot",
        "keep": "kept", "lose": "lost", "find": "found", "tell": "told", "see": "saw seen",
        "come": "came", "run": "ran", "fly": "flew flown", "hide": "hid hidden", "swear": "swore sworn",
        "throw": "threw thrown", "overthrow": "overthrew overthrown", "slay": "slew slain",
        "sink": "sank sunk", "stand": "stood", "wake": "woke woken", "forget": "forgot forgotten",
        "forgive": "forgave forgiven", "freeze": "froze frozen", "grow": "grew grown", "bear": "bore borne",
        "seek": "sought", "teach": "taught", "catch": "caught", "think": "thought", "flee": "fled",
    }.items()
    for past in pasts.split()
}  # fmt: skip


class Asks(StrEnum):
    """The kind of answer a question wants, from its question word."""

    ANYTHING = "anything"
    PERSON = "person"  # who
    TIME = "time"  # when, what year
    PLACE = "place"  # where
    SPECIES = "species"  # which aliens, what people


_PEOPLE = "klingon|romulan|vulcan|human|cardassian|bajoran|captain|commander|admiral|chancellor|praetor|general|officer|senator|ambassador|envoy|emperor|spy"  # noqa: E501
_ASKS = (
    (re.compile(r"\b(aliens?|species|race|which people|what people)\b"), Asks.SPECIES),
    (re.compile(rf"\b(who|whom|whose|(?:which|what) (?:{_PEOPLE}))\b"), Asks.PERSON),
    (re.compile(r"\b(when|what year|which year|how long ago)\b"), Asks.TIME),
    (re.compile(r"\b(where|what planet|which planet|what world|which world)\b"), Asks.PLACE),
)
YEAR = re.compile(r"\b(1[0-9]{3}|2[0-9]{3})\b")


def asks(question: str) -> Asks:
    text = question.casefold()
    return next((kind for pattern, kind in _ASKS if pattern.search(text)), Asks.ANYTHING)


@dataclass(frozen=True, slots=True)
class Match:
    """How a field's words meet the question's terms."""

    found: frozenset[str]  # which terms occur
    phrase: bool  # all terms, side by side, in order
    window: int  # the shortest stretch holding every term found (0: none)


def match(terms: Sequence[str], words: Sequence[str]) -> Match:
    """Where `terms` occur in `words` (both analysed): which, whether as a phrase, how close."""
    wanted = set(terms)
    positions = [(i, w) for i, w in enumerate(words) if w in wanted]
    found = frozenset(w for _, w in positions)
    phrase = len(terms) > 1 and any(
        tuple(words[i : i + len(terms)]) == tuple(terms) for i, _ in positions if words[i] == terms[0]
    )
    return Match(found, phrase, _window(positions, found) if len(found) > 1 else (1 if found else 0))


def match_counted(terms: Sequence[str], counted: Mapping[str, str], words: Sequence[str]) -> Match:
    """match(terms, the words each written as the term it counts for) without writing every word
    out: `counted` maps each word that counts for a term to that term (Question.counted). Only
    the positions holding a term are read twice; a body of 400 words is read once."""
    positions = [(i, counted[w]) for i, w in enumerate(words) if w in counted]
    found = frozenset(term for _, term in positions)
    phrase = False
    if len(terms) > 1 and found:
        at = dict(positions)
        rest = list(enumerate(terms))[1:]
        phrase = any(
            all(at.get(i + k) == term for k, term in rest) for i, first in positions if first == terms[0]
        )
    return Match(found, phrase, _window(positions, found) if len(found) > 1 else (1 if found else 0))


def _window(positions: Sequence[tuple[int, str]], needed: frozenset[str]) -> int:
    """The shortest run of positions covering every needed word (two pointers, linear)."""
    best, have, left = 0, dict[str, int](), 0
    for at, word in positions:
        have[word] = have.get(word, 0) + 1
        while len(have) == len(needed):
            start, first = positions[left]
            span = at - start + 1
            best = span if not best or span < best else best
            have[first] -= 1
            if not have[first]:
                del have[first]
            left += 1
    return best


def sentence_score(terms: Sequence[str], weights: Mapping[str, float], words: Sequence[str], raw: str,
                   wants: Asks) -> float:  # fmt: skip
    """How well one sentence answers: the weight of the terms it holds, more when close
    together, and for "when" a year in it."""
    found = match(terms, words)
    if not found.found:
        return 0.0
    score = sum(weights.get(t, 1.0) for t in found.found)
    if found.phrase:
        score *= 1.5
    elif found.window and len(found.found) > 1:
        score *= 1.0 + len(found.found) / (2 * found.window)
    if wants is Asks.TIME and YEAR.search(raw):
        score *= 1.6
    return score


# Not after an initial ("James T. Kirk", "U.S.S.") or a title's abbreviation ("Lt.", "Cmdr."); a
# letter after a hyphen still ends one ("the Enterprise-A.").
_SENTENCE = re.compile(
    r"(?<=[.!?])(?<!\s[A-Za-z]\.)(?<!\.[A-Za-z]\.)(?<!\b(?:Lt|Dr|Mr|Ms|Mt|St|Jr|Sr|vs)\.)"
    r"(?<!\b(?:Mrs|Col|Gen|Adm|Cpt|Sgt|Maj|Cdr|Ens|Sen|Gov|Rev)\.)(?<!\b(?:Capt|Cmdr|Prof)\.)"
    r"\s+(?=[A-Z0-9\"“'(])"
)


def sentences(text: str) -> list[str]:
    """A paragraph cut into sentences (good enough for our own prose)."""
    return [s.strip() for s in _SENTENCE.split(" ".join(text.split())) if s.strip()]


def paragraphs(body: str) -> list[str]:
    """A Markdown body's prose: paragraphs without their headings ("## Collapse")."""
    return [
        " ".join(line for line in block.splitlines() if not line.lstrip().startswith("#"))
        for block in re.split(r"\n\s*\n", body)
        if block.strip()
    ]
