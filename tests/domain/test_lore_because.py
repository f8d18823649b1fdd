"""Issue #20: a "why" asked of named things in words no sentence says ("why was Korrd stuck on
Nimbus III") is answered by the sentence naming them all that tells what the first named did
"because" of something, and by no other."""

from __future__ import annotations

import re

from bot.domain.lore_answer import Statement
from bot.domain.lore_because import because_of
from bot.domain.lore_causes import Token

# the question's concepts, as bot/services would map a sentence's words onto them
CONCEPTS = {"korrd": "korrd", "nimbus": "nimbus", "romulans": "romulan", "duras": "duras", "invaded": "invad",
            "invasion": "invad", "gowron": "gowron", "cardassia": "cardassia"}  # fmt: skip


def tokens(sentence: str) -> list[Token]:
    return [(word, CONCEPTS.get(word.casefold(), "")) for word in re.findall(r"[\w'-]+", sentence)]


def said(text: str, subject: bool = True, rank: int = 0) -> Statement:
    words = tuple(concept for _, concept in tokens(text) if concept)
    return Statement("entry", text, words, rank, subject, False)


KORRD = [frozenset({"korrd"}), frozenset({"nimbus"})]


def test_the_sentence_naming_both_tells_why_the_first_did_what_it_did() -> None:
    served = said("Korrd served on Nimbus III because the High Council had sent him there as a punishment.")
    found = because_of([said("Korrd was a Klingon general."), served], KORRD, set(), tokens)
    assert found == served


def test_a_sentence_opening_with_another_doer_or_naming_one_thing_is_none() -> None:
    others = [
        said("Romulan warbirds attacked Korrd at Nimbus III because he stood in their way."),  # not his deed
        said("Korrd drank because he was bored."),  # Nimbus unnamed
        said("Korrd served on Nimbus III after the council sent him."),  # no "because"
    ]
    assert because_of(others, KORRD, set(), tokens) is None


def test_the_first_named_in_the_question_is_the_doer() -> None:
    backed = said("The House of Duras backed the Romulans because they offered a road to power.")
    asked = [frozenset({"romulan"}), frozenset({"duras"})]  # "why were the Romulans arming the Duras"
    assert because_of([backed], asked, set(), tokens) is None


def test_a_deed_the_lore_says_of_them_must_be_said() -> None:
    """Another sentence names Gowron, Cardassia and the invasion: one without it tells another deed,
    and one holding it only after "because" tells its cause."""
    restored = said("Gowron restored the Accords because the Dominion had joined with Cardassia.")
    condemned = said("Gowron left the Accords because the Council condemned his invasion of Cardassia.")
    invaded = said("Gowron invaded Cardassia because he believed the Dominion had taken over.", rank=3)
    asked = [frozenset({"gowron"}), frozenset({"cardassia"})]
    assert because_of([restored, condemned, invaded], asked, {"invad"}, tokens) == invaded
    assert because_of([restored, condemned], asked, {"invad"}, tokens) is None
