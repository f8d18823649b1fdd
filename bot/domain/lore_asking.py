"""What kind of fact a question asks for, read from its question words: who or what something
is, when, where, why, who did it, what an article says. Pure: the words as typed."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from .lore_doers import TITLES
from .lore_done_to import killed_asked, killer_asked, kin_named, successor_asked
from .lore_facts import Asked
from .lore_years import full_years

_ARTICLE = re.compile(r"\b(?:art(?:icle)?s?\.?\s*(?:[0-9]{1,3}|[ivxlc]{1,6})\b|articles?\b|clauses?\b)", re.I)
TREATY_VERBS = re.compile(
    r"\b(forbid|forbade|forbidden|ban|banned|bans|prohibit\w*|require\w*|allow\w*|permit\w*|oblige\w*|"
    r"promise\w*|guarantee\w*|say|says|said|state|states|set up|establish\w*|provide\w*|demand\w*)\b",
    re.I,
)
_REASON = re.compile(
    r"\b(why|how come|what (?:caused|led to|made|drove|prompted|triggered|got|brought)|cause of|"
    r"reason|motives?|motivation|goal|what (?:did|does|do) [\w' ]{1,40}? want|"
    r"what (?:was|were|is|are) [\w' ]{1,40}? (?:after|going for|aiming for))\b",
    re.I,
)
# "when" asks only at the start or before its verb ("when did…", "the war, when was it"); "what
# was T'Kuvma after when he started the war" asks what he wanted.
_TIME = re.compile(
    r"(?:^\s*when\b|\bwhen(?=\s+(?:did|do|does|was|were|is|are|had|has|have|will|would|could)\b|[\s?.!]*$))|"
    r"\b(what year|which year|what date|how long ago|year (?:did|was|were)|(?:year|date) of|"
    r"(?:founding|signing|birth|death) (?:year|date))\b",
    re.I,
)
_PLACE = re.compile(r"\b(where|(?:what|which) (?:planet|world|system|city|town)|"
                    r"location of)\b", re.I)  # fmt: skip
# "which Starfleet captain": a word or two before a person's noun, but no verb ("what happened to
# Captain Picard", "what did Doctor Phlox cure" ask what, not who)
_BEFORE_PERSON = (
    r"(?:(?!(?:kind|type|sort|happened|happen|did|does|do|was|were|is|are|to|about|of|has|had)\b)[\w'-]+ )"
)
_WHO = re.compile(
    rf"\b(who|whom|whose|(?:which|what) {_BEFORE_PERSON}{{0,2}}"
    r"(?:guy|person|man|woman|officer|captain|admiral|general|commander|ambassador|senator|chancellor|"
    r"praetor|envoy|diplomat|lieutenant|ensign|doctor|crewman)"
    # "which Klingon poisoned him": a people's one, doing the deed
    r"|(?:which|what) (?:klingon|romulan|reman|cardassian|vulcan|human|bajoran|ferengi|changeling|vorta)"
    r"(?= (?:\w+ed|(?:was|were) (?:in on|part of|behind|involved))\b))\b",  # not "which human was framed"
    re.I,
)
_IDENTITY = re.compile(
    r"^\s*(?:(?:who|what)\s*(?:'s|’s|s|is|was|are|were)|tell me about|describe|explain|"
    r"what (?:kind|type|sort) of [\w-]+ (?:is|was|are|were))\s+"
    r"(?P<rest>.+?)[\s?.!]*$",
    re.I,
)


_DOER = re.compile(
    r"^\s*(?:who\s+|(?:which|what)\s+(?:(?!(?:did|does|do|was|were|is|are|had|has|have)\b)[\w'’-]+\s+){1,2}?"
    r"(?=\w+ed\b))"  # "which Klingon poisoned…"
    r"(?!(?:did|does|do|was|were|is|are|had|has|have|will|would|could|can)\b)"
    r"(?:(?:first|later|never|else|also|once|then|finally|secretly|personally|actually|really|"
    r"originally|eventually|ultimately)\s+)*(?P<verb>\w+)",
    re.I,
)


# A question word or pronoun run into its verb ("why'd", "who're", "they've"), and a verb into its
# "not" ("aren't", "won't"): said whole, or "whyd" reads as a name the lore does not know and
# "arent" as a misspelling (of "agent").
_CONTRACTED = re.compile(
    r"\b(who|what|when|where|why|how|i|you|we|they|he|she|it|that|there)\s?['’](d|re|s|ve|ll|m)\b", re.I
)
_SPELLED = {"d": "did", "re": "are", "s": "is", "ve": "have", "ll": "will", "m": "am"}
_NOT = re.compile(r"\b(\w+?)n['’]t\b", re.I)
_NOT_SPELLED = {"wo": "will", "ca": "can", "sha": "shall", "ai": "is"}
# … and as players type them in chat, without the apostrophe ("whyd", "wheres", "didnt"): only
# forms that are no English word of their own ("cant", "wont" and "whore" are left as typed).
_RUN_TOGETHER = re.compile(r"\b(who|what|when|where|why|how)(d|s)\b", re.I)
_NOT_RUN_TOGETHER = re.compile(
    r"\b(did|does|do|was|were|is|are|could|would|should|has|have|had|ai)nt\b", re.I
)
# Fans' word for the Federation, which no entry's sentence uses: the name the sentences say. Not
# "comms" or "tech": a server's own names hold them ("Comms Relay Kappa"), and a name respelt is
# no longer found (tests/services/test_lore_answer_phrasing.py).
_FEDS = re.compile(r"\bfeds\b", re.I)
# Question words as they are typed in a hurry, opening the question ("whn did…", "wat happened…");
# only there: "who wher the Founders" is were, "Worf wen to Boreth" went, and Wen may be a name.
_HURRIED = {"whn": "when", "wen": "when", "wich": "which", "whic": "which",
            "wat": "what", "wht": "what", "wut": "what", "whr": "where",
            "wher": "where", "whre": "where", "hw": "how"}  # fmt: skip
_HURRIED_WORD = re.compile(r"^\s*(" + "|".join(_HURRIED) + r")\b", re.I)
_CARDIES = re.compile(r"\bcardies\b", re.I)  # fans' word for the Cardassians
# Text speak: "kirk n mccoy", "kirk & mccoy" (and; not "a planet n in the treaty"); "how r they"
# (are) after a question word
_AND = re.compile(
    r"(?<=\w)\s+(?:n|&)\s+(?!(?:in|on|at|of|to|for|by|with|the|a|an|is|was|are|were)\b)(?=\w)", re.I
)
_ARE = re.compile(r"\b(how|what|who|where|why|when|which)\s+r\b", re.I)
# "Where is Sisko from", "what city does Worf come from": where the one named was born, as the
# lore says it ("Sisko was born in New Orleans"); "from" alone reads any place near the name. Only
# of one person named alone: a people, a place, a ship or "Worf's son" is read as typed.
_FROM = re.compile(
    r"^\s*(?P<asks>where|(?:what|which) (?:planet|world|homeworld|city|town))\s+"
    r"(?:(?:is|was)\s+(?P<one>.+?)\s+(?:originally\s+)?from"
    r"|does\s+(?P<doer>.+?)\s+(?:originally\s+)?(?:come|hail)\s+from)\s*(?P<end>[?.!]*)\s*$",
    re.I,
)

# … and "what was Worf's birthplace", "kirk's hometown"
_BIRTHPLACE = re.compile(
    r"^\s*(?:(?:what|where)\s+(?:is|was)\s+)?(?P<one>.+?)['’]s?\s+(?:birthplace|birth place|home ?town)"
    r"\s*(?P<end>[?.!]*)\s*$",
    re.I,
)


def born_asked(question: str, person: Callable[[str], bool]) -> str:
    """ "Where is Sisko from" as "where was Sisko born" when `person` takes every word of the name
    asked about (lower case) for a word of a person's name, or any of them after a rank ("Captain
    Okonkwo-Hale"); else the question as typed."""
    found = _FROM.match(question) or _BIRTHPLACE.match(question)
    if found is None:
        return question
    named: str = found["one"] or found.groupdict().get("doer") or ""
    asks = found.groupdict().get("asks") or "where"
    # "Captain Okonkwo-Hale": the name's words, not the rank, which says a person is named
    typed = [w for w in re.split(r"[\s-]+", named.casefold()) if w]
    words = [w for w in typed if w not in TITLES]
    if not words or not (any if len(words) < len(typed) else all)(person(word) for word in words):
        return question
    return f"{asks} was {named} born{found['end']}"


def as_asked(question: str, person: Callable[[str], bool], years: Mapping[int, int] | None = None) -> str:
    """The question in the words the lore reads it in: spelled out, a person's origin asked as
    their birthplace, what was done to a person as the lore says it (bot/domain/lore_done_to.py;
    `person`: see born_asked), a year typed short whole (`years`: how often the lore names each)."""
    question = successor_asked(kin_named(spelled_out(addressed(question)), person), person)
    question = killer_asked(killed_asked(born_asked(question, person), person), person)
    return full_years(question, years) if years else question


# Words a player opens or closes a question with that ask nothing ("hey bot", "computer,", "can
# you tell me", "…please"): the question is what follows, or comes before.
_ASKING = r"(?=(?:who|whom|whose|what|when|where|why|how|which)\b)"
_ADDRESSED = re.compile(
    r"^\s*(?:(?:hey|hi|hello|yo|ok|okay|so|um+|uh+|hm+|oh|well|"
    r"(?:quick|random|dumb|silly|lore) (?:question|q)|question|please|pls|plz|q(?=\s*:))\b"
    rf"[\s,:;!.-]*(?:but\s+)?|(?:bot|computer)(?:\s*[,:;!.-]\s*|\s+{_ASKING}))+"
    r"|^\s*(?:(?:can|could|would) you (?:please |pls )?tell me|do you know|does anyone know|"
    rf"i (?:want|wanna|need) to know|tell me)\s+{_ASKING}",
    re.I,
)
_SIGNED_OFF = re.compile(  # "what is a bot" asks of a bot: a name is said off only after a comma
    r"(?:[\s,]+(?:please|pls|plz|thanks|thank you|thx|lol|lmao)|\s*,\s*(?:bot|computer|ty))[\s?!.]*$", re.I
)


# Words that only say how much a player wants to know ("who the heck is Tomalak"), and a name's
# identity asked with the verb last ("tell me who Kor was"), or with a guess after it ("who was
# K'Ehleyr, Worf's ex or something?": the guess asks nothing, a second question would).
_EXCLAIMED = re.compile(
    r"\b(who|what|where|when|why|how)\s+(?:the\s+(?:heck|hell|fuck|frick|devil)|on earth|in the world|tf)\b",
    re.I,
)
# … and words that only hedge it ("who exactly was Kor", "who is Odo anyway"): "exactly" is
# also a word of the lore ("What exactly happened is never explained"), which it is not asking.
_HEDGED = re.compile(
    r"^(\s*(?:who|what|where|when|why|how)(?:\s+(?:is|was|are|were|did|does|do))?)\s+(?:exactly|really|actually)\b"
    r"|[\s,]+(?:anyways?|exactly|again)(?=[\s?!.]*$)",
    re.I,
)
_VERB_LAST = re.compile(
    r"^(\s*(?:who|what))\s+(?!(?:is|was|are|were)\b)([^,?]+?)\s+(is|was|are|were)(?=[\s?.!]*(?:,|$))", re.I
)
_GUESSED = re.compile(  # a guess opens with "the", "a", someone's, or ends "or something"
    r"^(\s*(?:who|what)\s+(?:is|was|are|were)(?:\s+[\w'’-]+){1,4}?)\s*,\s*"
    r"(?!.*\b(?:who|what|when|where|why|how|which|did|does|do|was|is|were|are|has|had|can|could)\b)"
    r"(?=(?:the|a|an|some|that|his|her|their|(?:[\w-]+\s+)?[\w-]+['’]s)\b"
    r"|.*\bor (?:something|smth|whatever)\b)"
    r"[^,0-9]{1,60}$",
    re.I,
)


# A possessive after "u" or "s" ("Sulu's", "Valeris's"): the stemmer keeps a word ending so
# whole ("sulus" is no stem of Sulu), so it is read as the plural's possessive ("Sulu'"), which
# the lore's words and names read as the name itself.
_POSSESSIVE_US = re.compile(r"\b([^\W\d_]+[us])['’]s\b", re.I)


def addressed(question: str) -> str:
    """The question without what only addresses the bot or asks politely ("hey bot where is
    qonos": "where is qonos"), nor an oath, nor a guess after a name whose identity it asks;
    kept whole when nothing else is left ("computer")."""
    asked = _SIGNED_OFF.sub("", _ADDRESSED.sub("", _POSSESSIVE_US.sub(r"\1'", question), count=1))
    asked = _HEDGED.sub(lambda found: found.group(1) or "", _EXCLAIMED.sub(r"\1", asked), count=2)
    asked = _GUESSED.sub(r"\1", _VERB_LAST.sub(r"\1 \3 \2", asked, count=1))
    return asked if asked.strip() else question


def spelled_out(question: str) -> str:
    """`question` as the lore writes it: contractions spelled out ("why'd" is "why did", "aren't"
    "are not"), a question word typed in a hurry whole ("whn did": when did), text speak ("kirk n
    mccoy", "how r they"), "the feds" the Federation and "cardies" the Cardassians."""
    for pattern in (_CONTRACTED, _RUN_TOGETHER):
        question = pattern.sub(lambda m: f"{m.group(1)} {_SPELLED[m.group(2).lower()]}", question)
    for pattern in (_NOT, _NOT_RUN_TOGETHER):
        question = pattern.sub(lambda m: f"{_NOT_SPELLED.get(m.group(1).lower(), m.group(1))} not", question)
    question = _HURRIED_WORD.sub(lambda m: _HURRIED[m.group(1).lower()], question)
    question = _ARE.sub(r"\1 are", _AND.sub(" and ", question))
    return _CARDIES.sub("Cardassians", _FEDS.sub("Federation", question))


def asks_doer(question: str) -> bool:
    """ "Who poisoned K'mpec": who did the deed, not whom it was done to ("who did Worf kill")."""
    return _DOER.match(question) is not None


# "Who did Shinzon kill", "who was murdered by Duras": the one the deed was done to, by the one named.
_PATIENT = re.compile(
    r"^\s*who(?:m)?\s+(?:(?:did|does|do)\s+(?P<doer>\S+(?:\s+\S+){0,2}?)\s+(?P<verb>\w+)(?=\s*(?:[?.!]|$)|\s+"
    r"(?:in|at|on|during|with|to|for|before|after|over|aboard)\b)"
    r"|(?:was|were|got)\s+(?P<done>\w+)\s+by\s+(?P<by>.+?)\s*[?.!]*\s*$)",
    re.I,
)


def patient_asked(question: str) -> tuple[str, str] | None:
    """The doer a question names and its verb, when it asks whom the deed was done to
    (("Shinzon", "kill") in "who did Shinzon kill", ("Duras", "murdered") in "who was murdered
    by Duras"); None when it asks none."""
    found = _PATIENT.match(question)
    if found is None:
        return None
    return (found["doer"], found["verb"]) if found["doer"] else (found["by"], found["done"])


def doers_verb(question: str) -> str | None:
    """The verb of a who-did question as typed ("poisoned"), or None."""
    found = _DOER.match(question)
    return found.group("verb") if found else None


def done_to(question: str) -> str:
    """What comes after a who-did question's verb ("the three ambassadors" in "who kidnapped the
    three ambassadors"): whom the deed was done to, not who did it; "" when it asks none."""
    found = _DOER.match(question)
    return question[found.end() :] if found else ""


def asked_of(question: str) -> Asked:
    """The kind of fact `question` wants, from its question words (identity is decided with the
    names it holds: bot/services/lore_question.py)."""
    if _ARTICLE.search(question):
        return Asked.ARTICLE
    kinds = ((_REASON, Asked.REASON), (_TIME, Asked.TIME), (_PLACE, Asked.PLACE), (_WHO, Asked.AGENT))
    found = [(match.start(), asked) for pattern, asked in kinds if (match := pattern.search(question))]
    return min(found, key=lambda item: item[0])[1] if found else Asked.ANYTHING  # the first asks


# … asked after the name, as players type in a hurry: "nanclus who was that", "rura penthe what
# kind of place", "koval romulan guy who".
_IDENTITY_AFTER = re.compile(
    r"^\s*(?P<rest>.+?)[\s,:;-]+(?:(?:who|what)(?:\s*(?:'s|’s|s|is|was|are|were))?|"
    r"(?:what|which) (?:kind|type|sort) of [\w-]+(?:\s+(?:is|was|are|were))?)"
    r"(?:\s+(?:that|this|he|she|it|they|him|her|them))?(?:\s+(?:again|exactly|even|then))?[\s?.!]*$",
    re.I,
)


def identity_rest(question: str) -> str | None:
    """What follows "who was", "what is", "tell me about" (or comes before "who was that"): the
    thing whose identity is asked."""
    found = _IDENTITY.match(question) or _IDENTITY_AFTER.match(question)
    return found.group("rest") if found else None
