"""How an answer line reads who did a deed and why (issue #20, points 2 and 5), in general terms:
a deed inside a cause's own clause is the cause of something else, not what it explains; "soon
after" tells when, not why."""

from __future__ import annotations

from bot.domain.lore import Kind
from bot.domain.lore_answer import Statement, carries, choose, compose_agents
from bot.domain.lore_doers import group_doer
from bot.domain.lore_facts import Asked, parse_facts


def tokens(sentence: str, concept: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple((w, concept.get(w.casefold(), "")) for w in sentence.replace(",", "").rstrip(".").split())


def why(sentence: str, concept: dict[str, str]) -> bool:
    return carries(Asked.REASON, tokens(sentence, concept), set(concept.values()), set(), set(), set())


def test_a_deed_inside_a_cause_is_what_caused_something_else_not_what_is_explained() -> None:
    attack = {"attacking": "attack", "attacked": "attack"}
    assert not why("The Klingon Empire left the Accords in 2372 after attacking Cardassia", attack)
    killed = {"killed": "kill"}
    assert not why("The Romulans entered the war in 2374 after Senator Vreenak was killed", killed)
    # … but a cause that opens the sentence explains the deed of its main clause
    assert why(
        "After the explosion of Praxis Gorkon was assassinated by his own officers", {"assassinated": "kill"}
    )
    assert why("The Klingons attacked the station after the Federation condemned them", attack)


def test_soon_after_tells_when_not_why() -> None:
    killed = {"assassinated": "kill"}
    assert not why("Gorkon was assassinated in 2293 soon after he had dined aboard the Enterprise", killed)
    assert not why("Gorkon was assassinated shortly after he had dined aboard the Enterprise", killed)
    assert why("Gorkon was assassinated after he had opened peace talks with the Federation", killed)


def test_a_doer_whose_deed_fell_on_someone_else_did_not_do_the_deed_asked() -> None:
    killed = {"killed": "kill", "poisoned": "kill"}

    def doer(sentence: str) -> bool:
        people = {"worf", "duras", "gowron", "k'mpec"}
        return carries(Asked.AGENT, tokens(sentence, killed), {"kill"}, {"kmpec"}, people, set(), doer=True)

    # "who poisoned K'mpec": Worf killed Duras, not K'mpec
    assert not doer("Gowron succeeded K'mpec as chancellor in 2367 after Worf killed Duras")
    assert doer("Duras poisoned K'mpec in 2367")
    assert doer("K'mpec was poisoned by Duras")


def test_a_named_entrys_own_line_also_names_the_others_the_question_names() -> None:
    """ "when did Worf kill Duras": Worf's "killed Gowron in 2375" is another killing."""

    def said(text: str, key: str, words: tuple[str, ...]) -> Statement:
        return Statement(key, text, words, 0, True, lead=False, names=frozenset({key}))

    gowron = said("Worf killed Gowron in 2375", "worf", ("worf", "kill", "gowron", "2375"))
    duras = said("Worf killed Duras in 2367", "duras", ("worf", "kill", "dura", "2367"))
    weights = {"worf": 2.0, "dura": 2.2, "kill": 1.0, "klingon": 0.3}
    split = lambda text: tokens(text, {"killed": "kill", "worf": "worf", "duras": "dura"})  # noqa: E731

    def chosen(statements: list[Statement], named: list[str]) -> Statement | None:
        subjects = [frozenset({c}) for c in named]
        found = choose(statements, Asked.TIME, ["kill"], named, weights, set(), set(), set(), subjects, split)
        return found.statement if found else None

    assert chosen([gowron], ["dura", "worf"]) is None
    assert chosen([gowron, duras], ["dura", "worf"]) is duras
    # … but a great power, named everywhere, may go unsaid
    assert chosen([gowron], ["klingon", "worf"]) is gowron


def test_a_cause_in_a_relative_clause_explains_that_clause_not_the_noun_before_it() -> None:
    peace = {"peace": "peac", "stop": "stop"}
    assert not why("The peace conference went ahead despite a conspiracy that tried to stop it", peace)
    assert why("The Klingons sought peace to stop the ruin of their empire", peace)


def test_forced_gives_a_reason_only_when_it_drove_someone_to_do_something() -> None:
    stopped = {"stopped": "stop"}
    assert not why("Spock forced the names out of Valeris and Kirk stopped the shot", stopped)
    assert why("Their defeats forced the Klingons to withdraw so they stopped the attack", stopped)


def test_the_other_ways_a_sentence_gives_a_cause() -> None:
    invaded = {"invaded": "invade"}
    assert why("Gowron invaded Cardassia claiming the Dominion had taken over", invaded)
    assert why("Gowron invaded Cardassia once it was clear that the Dominion ruled it", invaded)
    assert not why("Gowron once invaded Cardassia and held the border", invaded)
    assert why("Gowron invaded Cardassia out of fear of the Dominion", invaded)
    assert not why("Gowron invaded Cardassia and pulled out of the Accords", invaded)
    assert why("Gowron invaded Cardassia so that the Dominion could not take it", invaded)
    assert why("Gowron invaded Cardassia in revenge for the raids", invaded)


def test_another_entrys_line_names_the_rarest_name_asked_not_only_a_great_power() -> None:
    """ "why did Damar turn against the Dominion": a line of another entry must name Damar (or
    come from an entry whose title does), not only the Dominion, named everywhere."""
    concept = {"damar": "damar", "dominion": "dominion", "turned": "turn", "because": ""}
    split = lambda text: tokens(text, concept)  # noqa: E731
    weights = {"damar": 3.0, "dominion": 0.4, "turn": 1.0}

    def chosen(text: str, words: tuple[str, ...], titled: frozenset[str] = frozenset()) -> bool:
        said = Statement("other", text, words, 0, False, lead=False, titled=titled)
        subjects = [frozenset({"damar"}), frozenset({"dominion"})]
        named = ["damar", "dominion"]
        found = choose([said], Asked.REASON, ["turn"], named, weights, set(), set(), set(), subjects, split)
        return found is not None

    dukat = "Dukat turned against the Dominion because he lost his daughter"
    assert not chosen(dukat, ("dukat", "turn", "dominion", "because", "lost", "daughter"))
    rebels = "He turned against the Dominion because it betrayed Cardassia"
    assert chosen(rebels, ("he", "turn", "dominion", "because", "betray", "cardassia"), frozenset({"damar"}))
    damar = "Damar turned against the Dominion because it betrayed Cardassia"
    assert chosen(damar, ("damar", "turn", "dominion", "because", "betray", "cardassia"))


def test_a_doer_may_be_a_group_named_by_its_people_and_what_they_were() -> None:
    """ "who poisoned the grain": "a Klingon agent" did, though "Klingon" alone names no one."""
    poisoned = {"poisoned": "kill", "grain": "grain"}

    def doer(sentence: str) -> bool:
        return carries(
            Asked.AGENT, tokens(sentence, poisoned), {"kill", "grain"}, set(), set(), set(), doer=True
        )

    assert doer("A Klingon agent poisoned the grain bound for the colony")
    assert doer("The grain was poisoned by Romulan operatives")
    assert not doer("The Klingon grain was poisoned in 2267")
    assert not doer("Klingon space held the poisoned grain")


def test_a_group_after_a_verb_is_what_the_verb_acted_on_not_a_doer() -> None:
    assert not group_doer(tokens("Martok led Klingon forces", {}), 2)
    assert group_doer(tokens("In 2344 Romulan warbirds attacked", {}), 2)
    assert group_doer(tokens("poisoned by a Klingon agent", {}), 3)


def test_each_fact_of_who_did_it_is_a_sentence_of_its_own() -> None:
    """ "who commanded the fleet at Wolf 359" is answered by its commander, though its `by` fact
    (who did the battle) comes first."""
    facts = parse_facts({"by": "a single Borg cube", "commander": "Admiral J.P. Hanson"})
    assert compose_agents("Battle of Wolf 359", Kind.BATTLE, facts) == [
        "The Battle of Wolf 359 was the work of a single Borg cube.",
        "The Battle of Wolf 359 was commanded by Admiral J.P. Hanson.",
    ]
    assert compose_agents("Praxis", Kind.PLACE, parse_facts({})) == []


def test_a_deed_said_as_a_noun_after_of_was_done_by_no_one_named_before_it() -> None:
    poison = {"poison": "kill", "poisoned": "kill"}

    def doer(sentence: str) -> bool:
        people = {"picard", "duras"}
        return carries(Asked.AGENT, tokens(sentence, poison), {"kill"}, {"kmpec"}, people, set(), doer=True)

    assert not doer("In 2367 Chancellor K'mpec received Picard aboard a ship and died there of poison")
    assert doer("Duras poisoned K'mpec")


def test_going_to_the_aid_of_someone_is_a_purpose() -> None:
    took = {"took": "take"}
    assert why("Garrett took her ship to the aid of the Klingon outpost", took)
    assert why("The fleet took position to the rescue of the colony", took)
    assert not why("Garrett took her wounded to the aid station", took)  # a place, no purpose
