"""A who-did question's deed is read in a sentence by its meaning, not its spelling (issue #20,
point 2): small families of verbs ("rescued" says "freed", "invaded" says "attacked"), each in
any of its forms. Our own sentences, not the evaluation's."""

from __future__ import annotations

import pytest

from bot.domain.lore_done_to import killed_asked, kin_named, successor_asked
from bot.domain.lore_query import ANSWERING
from bot.services import lore_text as text
from bot.services.lore import LoreService
from bot.services.lore_search import Question
from bot.services.lore_wording import wording
from tests.services.test_lore_answer_kinds import line
from tests.services.test_lore_answer_kinds import lore as lore  # the fixture: a server with canon lore only
from tests.support.lore_lines import assert_says


def says(question: str, sentence: str) -> bool:
    """Whether the sentence holds every concept of the question's verb (its last word here)."""
    asked, _ = wording(question, Question.of(text.query_terms(question), ANSWERING), {})
    verb = asked.concepts[-1]
    return verb in asked.mapped(text.sentence_terms(sentence))


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("who executed", "The traitor was put to death: Duras slew him."),
        ("who rescued", "Kirk freed the prisoners of Rura Penthe."),
        ("who saved", "The crew liberated the colony."),
        ("who headed", "Legate Damar commanded the rebels."),
        ("who designed", "Klingon scientists developed the virus."),
        ("who constructed", "The Cardassians built the station."),
        ("who invaded", "Gowron's fleet struck the Cardassian Union."),
        ("who attacked", "Four warbirds ambushed the outpost."),
        ("who brokered", "Spock negotiated the first talks."),
        ("who ratified", "The council signed the treaty."),
        ("who uncovered", "Spock discovered the conspiracy."),
        ("who kidnapped", "Sybok took the envoys hostage."),
        ("who abducted", "The Romulans captured the officers."),
        ("who double-crossed", "Ja'rod betrayed the outpost."),
        ("who grabbed", "The raiders seized the envoys."),
        ("who snatched", "Sybok took the consul hostage."),
        ("who stashed", "The ships were hidden in the nebula."),
        ("who figured out", "The constable discovered the impostor."),
        # slang and other words from a later question set ("who trashed the defiant")
        ("who trashed", "The Breen destroyed the ship."),
        ("who snitched on", "Picard revealed the device."),
        ("how was it split", "The second divides salvage equally."),
        ("who invented", "The cure Phlox devised spread."),
        ("who inked", "The accord was signed by General Torvak."),
        ("who confessed", "Picard told the Romulans about the cloak."),
    ],
)
def test_a_deed_is_read_by_its_family_of_verbs(question: str, sentence: str) -> None:
    assert says(question, sentence)


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("who founded", "Spock discovered the conspiracy."),  # founding is no finding
        ("who rescued", "Gowron's fleet struck the Cardassian Union."),
        ("who built", "Gorkon was murdered aboard his flagship."),
        ("who figured out", "The crew found the wreck."),  # finding a thing is no finding out
    ],
)
def test_a_deed_of_another_family_is_not_read_as_it(question: str, sentence: str) -> None:
    assert not says(question, sentence)


def test_taking_a_thing_is_not_how_it_began(lore: LoreService) -> None:
    """ "who took Deep Space Nine": whoever built it (its `by` fact) did not take it; "take" asks
    how a thing began only in "take place"."""
    sentence, _ = line(lore, "who took deep space nine in 2373")
    assert sentence is None or "built it" not in sentence, sentence


@pytest.mark.parametrize(
    ("question", "read"),
    [
        ("who took out gorkon", "who killed gorkon"),
        ("did worf take out duras in 2367", "did worf kill duras in 2367"),
        # a thing, a ship or a treaty's party "taken out" is no killing
        ("who took out the shields", "who took out the shields"),
        ("who took out the odyssey", "who took out the odyssey"),
        ("who took the klingons out of the accords", "who took the klingons out of the accords"),
        # a rank between; a person "ended", "put down", "offed"; a war ended or a rebellion put down lives
        ("who took out general chang", "who killed general chang"),
        ("who ended duras", "who killed duras"),
        ("who put down duras", "who killed duras"),
        ("who offed worf", "who killed worf"),
        ("who ended the war", "who ended the war"),
        ("who put down the rebellion", "who put down the rebellion"),
        ("who put duras in charge", "who put duras in charge"),
    ],
)
def test_a_person_taken_out_was_killed(question: str, read: str) -> None:
    assert killed_asked(question, {"gorkon", "worf", "duras", "chang"}.__contains__) == read


def test_a_rank_of_something_asks_who_held_the_post(lore: LoreService) -> None:
    """ "Captain of the Scimitar" asks who commanded it, in any words; "which admiral" still wants
    an admiral named."""
    assert "Shinzon commanded the Scimitar" in (line(lore, "who was the captain of the scimitar")[0] or "")
    assert "Admiral Brett Anderson" in (
        line(lore, "which admiral led the starfleet flotilla at the binary stars")[0] or ""
    )


def test_a_ship_told_apart_by_a_letter_is_read_only_where_the_letter_is(lore: LoreService) -> None:
    """ "Who destroyed the Enterprise-D": the first Enterprise, set to self-destruct in 2285, is
    another ship; the Enterprise-D's own lines still answer."""
    assert "self-destruct" not in (line(lore, "who destroyed the enterprise-d")[0] or "")
    assert "2371" in (line(lore, "when was the enterprise-d destroyed")[0] or "")
    assert "John Harriman" in (line(lore, "who commanded the enterprise-b")[0] or "")


def test_breaking_a_thing_is_not_how_it_began(lore: LoreService) -> None:
    """ "Who broke the Khitomer Accords" does not ask who made them (a war "broke out" began, and
    that phrase still says so)."""
    assert "the work of" not in (line(lore, "who broke the khitomer accords")[0] or "")
    assert "2373" in (line(lore, "when did the dominion war break out")[0] or "")


def test_taking_command_is_no_capture(lore: LoreService) -> None:
    """ "Commandeer" shares command's stem: Sisko taking command of the station did not capture it."""
    assert "took command" not in (line(lore, "who captured deep space nine")[0] or "")
    assert "Kruge" in (line(lore, "who seized the bird of prey from kruge")[0] or "")


def test_whom_someone_did_a_deed_to_is_read_the_right_way_round(lore: LoreService) -> None:
    """ "Who did Shinzon kill": not Picard, who killed Shinzon; a marriage goes both ways."""
    assert "Hiren" in (line(lore, "who did shinzon kill")[0] or "")
    assert "K'Ehleyr" in (line(lore, "who was murdered by duras")[0] or "")
    assert "married Worf" in (line(lore, "who did worf marry")[0] or "")


def test_a_killing_of_another_told_by_their_name_answers_no_who(lore: LoreService) -> None:
    """The lore never says Spock was killed: Valeris's part in "Chancellor Gorkon's murder" is no
    answer."""
    assert line(lore, "who killed spock")[0] is None
    assert "Chang" in (line(lore, "who killed gorkon")[0] or "")


def test_a_light_verb_asked_with_its_particle_needs_it_nearby(lore: LoreService) -> None:
    """ "Who took out the Yamato": Varley "had taken it into the zone" took it nowhere out."""
    assert line(lore, "who took out the yamato")[0] is None
    assert line(lore, "who took out the enterprise c")[0] is None  # Garrett "took her ship to the aid"


def test_whom_someone_did_a_deed_to_is_read_by_the_verb_asked(lore: LoreService) -> None:
    """ "Who did Eddington betray": Eddington, named by no entry of his own, is no deed."""
    assert "betrayed Sisko" in (line(lore, "who did eddington betray")[0] or "")
    assert "Kruge" in (line(lore, "who commandeered the bird of prey")[0] or "")  # seized it


@pytest.mark.parametrize(
    ("question", "read"),
    [
        ("who took over when gorkon died", "who succeeded gorkon"),
        ("who stepped in when chancellor gowron was killed", "who succeeded chancellor gowron"),
        # no one named to succeed: the question stays as typed
        ("who took over when the praetor died", "who took over when the praetor died"),
        ("who took over when the senate was killed", "who took over when the senate was killed"),
    ],
)
def test_who_took_over_when_someone_died_is_their_successor(question: str, read: str) -> None:
    assert successor_asked(question, {"gorkon", "gowron"}.__contains__) == read


@pytest.mark.parametrize(
    ("question", "read"),
    [
        ("who murdered worf's mate k'ehleyr", "who murdered k'ehleyr"),
        ("who killed worf's brother kurn", "who killed kurn"),
        # no name after the relation, or a word that names no one: as typed
        ("who killed kang's son", "who killed kang's son"),
        ("what did worf's son do", "what did worf's son do"),
    ],
)
def test_a_relative_named_is_asked_of_by_name(question: str, read: str) -> None:
    assert kin_named(question, {"k'ehleyr", "kurn", "worf", "kang"}.__contains__) == read


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("who murdered worf's mate k'ehleyr", "murdered by Duras"),  # "mate" is no deed
        ("when did praxis go kaboom", "2293"),
        ("where did kirk kick the bucket", "Veridian III"),
        ("who captained the excelsior during st6", "Hikaru Sulu"),  # the film's year, not a word
    ],
)
def test_a_players_words_for_a_deed_or_a_time_are_read(lore: LoreService, question: str, said: str) -> None:
    assert_says(lore, question, said)
