"""How an answer line reads a sentence (issue #20, third pass): where is a place and not what
happened to it, why is a cause and not a sequence, a year may date a whole sentence, phrasal
verbs are one word, and sentences composed from facts read right."""

from __future__ import annotations

from bot.domain.lore import Kind
from bot.domain.lore_answer import Statement, carries, choose, compose, compose_years, identity_rest
from bot.domain.lore_facts import Asked, parse_facts
from bot.domain.lore_phrases import phrased, phrases_in
from bot.domain.lore_query import sentences


def tokens(sentence: str, concept: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple((w, concept.get(w.casefold(), "")) for w in sentence.replace(",", "").rstrip(".").split())


def where(sentence: str, verb: str, places: set[str]) -> bool:
    return carries(Asked.PLACE, tokens(sentence, {verb: verb}), {verb}, set(), set(), places)


def test_a_place_is_where_a_thing_was_not_what_happened_to_it() -> None:
    places = {"praxis", "remus", "kronos"}
    assert not where(
        "Gorkon opened talks after the explosion of Praxis and was assassinated", "assassinated", places
    )
    assert where("Shinzon was raised in the mines of Remus", "raised", places)
    assert where("Gorkon was killed in 2293 aboard Kronos One", "killed", places)


def why(sentence: str, concept: dict[str, str]) -> bool:
    return carries(Asked.REASON, tokens(sentence, concept), set(concept.values()), set(), set(), set())


def test_a_reason_is_a_cause_or_a_purpose_not_what_came_next() -> None:
    attack = {"attack": "attack"}
    assert not why("From his flagship Gowron led the attack on the station", attack)
    assert why("His jealousy led him to attack the station", attack)
    assert not why("K'mpec received Picard and died of poison not long after", {"poison": "poison"})
    assert why("He went to Romulus undercover to find Spock", {"went": "go"})
    assert not why("Kirk stopped the shot and the conference went on to make peace", {"conference": "confer"})
    moved = {"moved": "move", "peace": "peac", "conference": "confer"}
    assert why("The killing moved the peace conference from Earth to Camp Khitomer", moved)
    assert not why("His daughter succeeded him and the conference moved to Camp Khitomer", moved)


def test_the_askeds_own_subject_acting_or_a_list_of_deeds_is_no_cause() -> None:
    kept = {"romulan": "romulan", "kept": "keep", "slave": "slave"}
    assert not why("whom the Romulan Star Empire kept as slave labour in the mines", kept)
    raided = {"raided": "raid", "headquarters": "hq"}
    assert not why("They signed with the Dominion in 2375 raided Starfleet Headquarters on Earth", raided)


def test_a_deed_told_as_what_came_before_is_not_explained_by_it() -> None:
    """ "How come the Klingons attacked Cardassia in 2372": the line says they left the Accords
    after attacking, which explains the leaving; nor is "left the Accords" an effect word."""
    attacked = {"attacking": "attack", "2372": "2372"}
    assert not why("The Klingon Empire left the Accords in 2372 after attacking Cardassia", attacked)
    assert why("In 2372 the Klingons attacked Cardassia claiming the Dominion had taken it", attacked)
    # "left" with what it left stranded still tells an effect
    stranded = {"stranded": "strand"}
    assert why("The cure left many Klingons stranded without ridges", stranded)


def test_so_gives_the_cause_before_it_and_to_watch_a_purpose() -> None:
    swore = {"swore": "swear", "blood": "blood", "oath": "oath", "curzon": "curzon"}
    assert why("The Albino had murdered Kang's firstborn son so Curzon swore the blood oath", swore)
    # nothing before "so" but the question's own words: no cause is given
    assert not why("Curzon and the Klingons so Curzon swore the blood oath", {**swore, "klingons": "klingon"})
    sent = {"sent": "send", "border": "border", "torvak": "torvak"}
    assert why("Torvak was first sent to the border to watch the Federation", sent)


def test_what_a_thing_was_given_in_return_for_is_its_cause() -> None:
    gave = {"klingon": "klingon", "gave": "give", "d7s": "d7"}
    assert why("The Klingon Empire gave twelve D7s to the Romulans in return for the cloak", gave)
    assert why("The Klingon Empire gave twelve D7s to the Romulans in exchange for the cloak", gave)
    assert not why("The Klingon Empire gave twelve D7s to the Romulans on their return", gave)


def test_a_year_may_date_the_whole_sentence_it_tells() -> None:
    sentence = tokens(
        "In 2271 given command of a fleet built largely of new D7 variants he won the Battle of Klach",
        {"won": "win"},
    )
    assert carries(Asked.TIME, sentence, {"win"}, set(), set(), set())


def test_phrasal_verbs_are_read_as_their_one_word() -> None:
    assert phrased("why did the alliance fall apart") == "why did the alliance collapse"
    assert phrased("where did the Yamato blow up") == "where did the Yamato explode"
    assert phrases_in("who took over Cardassia") == [("took over", "seize")]
    assert phrased("who fell in battle") == "who fell in battle"


def test_a_phrasal_verb_split_around_its_object_is_read_as_its_one_word() -> None:
    assert (
        phrased("why did gowron pull the klingons out of the accords")
        == "why did gowron withdraw the klingons of the accords"
    )
    assert phrased("who finished shinzon off") == "who kill shinzon"
    assert phrases_in("who blew the scimitar up") == [("blew up", "explode")]
    # a person pulled out of the rubble was not withdrawn; a phrase split by more than three words is none
    assert phrased("who pulled worf out of the rubble") == "who pulled worf out of the rubble"
    assert (
        phrased("who pulled the plug on the alliance out west")
        == "who pulled the plug on the alliance out west"
    )


def test_what_kind_of_thing_asks_what_it_is() -> None:
    assert identity_rest("what kind of ship was the enterprise-d") == "the enterprise-d"
    assert identity_rest("what type of weapon is a bat'leth?") == "a bat'leth"


def test_composed_sentences_read_right_for_battles_and_factions() -> None:
    binary = parse_facts({"place": "the Binary Stars"})
    assert compose("Battle at the Binary Stars", Kind.BATTLE, binary, Asked.PLACE) == (
        "The Battle at the Binary Stars took place at the Binary Stars."
    )
    assert compose_years("Red Talon Syndicate", Kind.FACTION, parse_facts({}), 2398, 2402) == (
        "The Red Talon Syndicate was active from 2398 to 2402."
    )
    assert (
        compose_years("Remans", Kind.FACTION, parse_facts({}), 2379, 2380)
        == "The Remans were active from 2379 to 2380."
    )
    assert compose_years("Maquis", Kind.FACTION, parse_facts({}), 2370, None) == "The Maquis dates from 2370."


def test_a_question_of_names_only_is_answered_by_the_statement_holding_most_of_them() -> None:
    picard = Statement(
        "picard", "Picard faced the Romulans in 2364", ("picard", "romulan"), 0, True, lead=True
    )
    said = "In 2370 the Pegasus cloak was shown at last"
    pegasus = Statement("pegasus", said, ("pegasus", "cloak"), 0, True, lead=False)
    weights = {"picard": 1.8, "romulan": 0.6, "pegasus": 3.7, "cloak": 2.5}
    named = ["cloak", "pegasus", "picard", "romulan"]
    subjects = [frozenset({c}) for c in named]
    split = lambda text: tokens(text, {"picard": "picard", "romulans": "romulan", "cloak": "cloak"})  # noqa: E731
    chosen = choose([picard, pegasus], Asked.TIME, [], named, weights, set(), set(), set(), subjects, split)
    assert chosen is not None and chosen.statement is pegasus


def test_initials_and_abbreviations_do_not_end_a_sentence() -> None:
    said = sentences(
        "James T. Kirk took the U.S.S. Enterprise to Khitomer. Lt. Valeris and Cmdr. Chang plotted, "
        "with Gen. Chang's men, e.g. the assassins. Dr. McCoy was convicted. He served on the "
        "Enterprise-A. It was decommissioned in 2293."
    )
    assert said == [
        "James T. Kirk took the U.S.S. Enterprise to Khitomer.",
        "Lt. Valeris and Cmdr. Chang plotted, with Gen. Chang's men, e.g. the assassins.",
        "Dr. McCoy was convicted.",
        "He served on the Enterprise-A.",
        "It was decommissioned in 2293.",
    ]


def test_a_cause_word_that_names_an_effect_explains_what_follows_it_not_what_came_before() -> None:
    occupy = {"occupation": "occupi", "occupied": "occupi"}
    # the occupation caused the stripping: this says what it did, not why it happened
    assert not why("Decades of Cardassian occupation left the planet stripped", occupy)
    assert why("Hunger for ore left Cardassia eager so it occupied the planet", occupy)
    assert why("The planet was occupied because Cardassia needed its ore", occupy)
    # … but said in the passive, the cause follows "by" and explains what came before
    fail = {"failed": "fail"}
    assert why("For a week every relay failed, caused by a storm in the nebula", fail)
    assert why("The relays failed, triggered by a rogue signal", fail)
    assert not why("The relays failed, and the blackout caused panic on the stations", fail)


def who_did(sentence: str, concept: dict[str, str], people: set[str]) -> bool:
    return carries(Asked.AGENT, tokens(sentence, concept), set(concept.values()), set(), people, set())


def test_whoever_is_accused_or_blamed_is_not_named_as_the_doer() -> None:
    betray = {"betraying": "betray", "betrayed": "betray"}
    people = {"mogh", "jarod"}
    assert not who_did(
        "Mogh was killed there and later falsely accused of betraying the outpost", betray, people
    )
    assert not who_did("Mogh was blamed for betraying the outpost", betray, people)
    assert not who_did(
        "Duras accused Mogh of the Khitomer betrayal to hide his guilt", {"betrayal": "betray"}, {"duras"}
    )
    assert who_did("Jarod betrayed the outpost to the Romulans", betray, people)
    # … unless being accused is what is asked
    assert who_did("Mogh was blamed for betraying the outpost", {**betray, "blamed": "blame"}, people)


def test_fear_gives_a_reason_only_when_it_says_what_was_feared() -> None:
    came = {"reached": "come"}
    assert not why(
        "A cube reached Earth and the Borg remained the enemy Starfleet feared above all others", came
    )
    assert why("A cube reached Earth because the Borg feared that humanity would resist", came)
    assert why("Their ships reached Earth fearing the Borg would return", came)


def test_a_verb_of_purpose_gives_a_reason_only_after_to() -> None:
    helped = {"helped": "help"}
    assert not why("The ship was framed for the attack and then helped save the conference", helped)
    assert why("Spock helped the chancellor to save the peace", helped)


def test_a_person_after_to_or_on_is_no_place() -> None:
    def born_at(sentence: str) -> bool:
        return carries(Asked.PLACE, tokens(sentence, {"born": "born"}), {"born"}, set(), {"kehleyr"}, set())

    assert not born_at("Alexander was born in 2366 to KEhleyr")
    assert born_at("Worf was born in 2340 on Qonos")


def test_a_cause_in_another_clause_explains_that_clause() -> None:
    occupy = {"occupation": "occupi"}
    assert not why(
        "The occupation ended in 2369 when the Cardassians withdrew because it cost too much", occupy
    )
    assert why("The occupation began in 2328 because Cardassia wanted ore", occupy)


def test_the_deed_asked_is_no_cause_of_itself() -> None:
    # "left" is a cause word ("the occupation left the planet stripped") and here the deed asked
    left = {"left": "withdraw"}
    assert not why("In 2372 the Klingons left the Khitomer Accords and attacked", left)
    assert not why(
        "Gowron left the Accords and his fleets withdrew from the border", left | {"withdrew": "withdraw"}
    )
    assert why("The Klingons left the Khitomer Accords because the Federation condemned them", left)


def test_a_cause_of_what_did_not_happen_explains_no_deed() -> None:
    war = {"war": "war"}
    assert not why("The Union had not signed the accords so neither war was fought under them", war)
    assert why("The Union had not signed the accords so the war was fought without rules", war)


def test_who_did_it_is_named_before_the_deed_or_after_by() -> None:
    poisoned = {"poisoned": "poison"}

    def doer(sentence: str) -> bool:
        people = {"picard", "duras", "k'mpec", "gowron"}
        said = {"kmpec"}  # as typed: a name the question gives is no answer, with or without its apostrophe
        return carries(Asked.AGENT, tokens(sentence, poisoned), {"poison"}, said, people, set(), doer=True)

    assert not doer("K'mpec slowly poisoned in 2367 asked Picard to choose his successor")
    assert doer("K'mpec was poisoned by Duras in 2367")
    assert doer("Duras poisoned K'mpec in 2367")
    # … and whoever "was poisoned" suffered it
    assert not doer("When Gowron was poisoned in 2367 Duras was one of the two rivals")


def test_a_cause_explains_its_own_clause_not_what_came_next_or_one_after_and() -> None:
    attack = {"attacked": "attack"}
    assert why("The Klingons attacked the station after the Federation condemned them", attack)
    # "after which": what came next, no cause
    signed = {"signed": "sign"}
    assert not why("The treaty was signed in 2311 after which the Romulans withdrew", signed)
    # "…after Praxis, and was assassinated": the cause belongs to the talks, not the killing
    killed = {"assassinated": "kill"}
    assert not why("Gorkon opened talks after the explosion of Praxis and was assassinated", killed)
    assert why("After the explosion of Praxis Gorkon was assassinated by his own officers", killed)
