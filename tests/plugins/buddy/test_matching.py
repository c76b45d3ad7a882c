"""Coffee-round grouping and buddy ranking, checked against independent rules and networkx's optimum."""
from __future__ import annotations

import functools
import itertools
import random
from datetime import UTC, datetime, time

import networkx as nx
import pytest

from samovar.plugins.buddy.matching import (
    MatchingConfig,
    Participant,
    RoundResult,
    Volunteer,
    WakingHours,
    pair_round,
    rank_buddies,
)

AT = datetime(2025, 1, 15, 12, 0, tzinfo=UTC)
SUMMER = datetime(2025, 7, 15, 12, 0, tzinfo=UTC)
CONFIG = MatchingConfig()
TOPICS = ["anxiety", "burnout", "career", "procrastination", "relocation", "parenting", "sleep", "grief"]
LANGUAGES = [{"ru"}] * 6 + [{"en"}] * 2 + [{"ru", "en"}] * 2
OFFSETS = [180] * 6 + [60, 120, 240, 300, 420, 600, -300, -480]
WINDOWS = [WakingHours()] * 6 + [WakingHours(time(18), time(23, 30)), WakingHours(time(6), time(14)),
                                 WakingHours(time(12), time(2)), WakingHours(time(10), time(11, 30))]


# --- independent rules, written without the package's own helpers ---------------------------------

@functools.cache
def awake_minutes(person: Participant) -> frozenset[int]:
    """UTC minutes of the day the person is awake (fixed offsets only)."""
    start = person.waking.start.hour * 60 + person.waking.start.minute
    end = person.waking.end.hour * 60 + person.waking.end.minute
    length = (end - start) % 1440 or 1440
    assert person.utc_offset_minutes is not None
    return frozenset((start - person.utc_offset_minutes + minute) % 1440 for minute in range(length))


def group_ok(members: list[Participant], recent: set[frozenset[int]]) -> bool:
    """Shared language, enough common waking time, nobody met inside the window."""
    languages = set.intersection(*(set(person.languages) for person in members))
    awake = frozenset.intersection(*(awake_minutes(person) for person in members))
    met = any(frozenset((a.id, b.id)) in recent for a, b in itertools.combinations(members, 2))
    return bool(languages) and len(awake) >= CONFIG.min_overlap_minutes and not met


def pair_score(a: Participant, b: Participant) -> float:
    overlap = len(awake_minutes(a) & awake_minutes(b))
    return (CONFIG.base_score + CONFIG.topic_weight * len(a.topics & b.topics)
            + CONFIG.overlap_weight * min(overlap, CONFIG.full_overlap_minutes) / CONFIG.full_overlap_minutes)


def community(rng: random.Random, size: int, *, first_id: int = 1) -> list[Participant]:
    return [Participant(id=member_id, languages=frozenset(rng.choice(LANGUAGES)),
                        topics=frozenset(rng.sample(TOPICS, rng.randint(0, 4))),
                        utc_offset_minutes=rng.choice(OFFSETS), waking=rng.choice(WINDOWS))
            for member_id in range(first_id, first_id + size)]


def recent_pairs(rng: random.Random, people: list[Participant], count: int) -> set[frozenset[int]]:
    ids = [person.id for person in people]
    return {frozenset(rng.sample(ids, 2)) for _ in range(count)} if len(ids) >= 2 else set()


def placed_ids(result: RoundResult) -> list[int]:
    return [member for group in result.groups for member in group.members]


def optimum(people: list[Participant], recent: set[frozenset[int]]) -> tuple[int, float]:
    """(people placed, total score) of the best grouping: networkx matching, plus every possible triple."""
    def best_matching(subset: list[Participant]) -> tuple[int, float]:
        graph = nx.Graph()
        for a, b in itertools.combinations(subset, 2):
            if group_ok([a, b], recent):
                graph.add_edge(a.id, b.id, weight=pair_score(a, b))
        matching = nx.max_weight_matching(graph, maxcardinality=True)
        return 2 * len(matching), sum(graph[a][b]["weight"] for a, b in matching)

    best = best_matching(people)
    for triple in itertools.combinations(people, 3):
        if group_ok(list(triple), recent):
            placed, total = best_matching([person for person in people if person not in triple])
            weight = sum(pair_score(a, b) for a, b in itertools.combinations(triple, 2)) / 2
            best = max(best, (placed + 3, total + weight))
    return best


# --- coffee rounds --------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", range(40))
def test_every_group_shares_a_language_and_waking_hours_and_is_new(seed: int) -> None:
    rng = random.Random(seed)
    people = community(rng, rng.choice([2, 3, 7, 12, 16, 17, 25, 60, 150]))
    recent = recent_pairs(rng, people, len(people))
    result = pair_round(people, recent, seed=seed, at=AT)
    by_id = {person.id: person for person in people}
    for group in result.groups:
        assert group_ok([by_id[member] for member in group.members], recent), group


@pytest.mark.parametrize("seed", range(40))
def test_everyone_is_either_in_exactly_one_group_or_listed_unmatched(seed: int) -> None:
    rng = random.Random(1000 + seed)
    people = community(rng, rng.randint(1, 120))
    result = pair_round(people, recent_pairs(rng, people, 2 * len(people)), seed=seed, at=AT)
    everyone = placed_ids(result) + list(result.unmatched)
    assert sorted(everyone) == sorted(person.id for person in people)
    assert all(len(group.members) in (2, 3) for group in result.groups)
    assert sum(len(group.members) == 3 for group in result.groups) <= 1


@pytest.mark.parametrize("seed", range(25))
def test_people_left_unmatched_could_not_have_met_each_other(seed: int) -> None:
    rng = random.Random(2000 + seed)
    people = community(rng, rng.randint(10, 120))
    recent = recent_pairs(rng, people, 3 * len(people))
    result = pair_round(people, recent, seed=seed, at=AT)
    by_id = {person.id: person for person in people}
    for a, b in itertools.combinations(result.unmatched, 2):
        assert not group_ok([by_id[a], by_id[b]], recent)


@pytest.mark.parametrize("size", [3, 5, 11, 15, 17, 21, 99, 501])
def test_odd_count_gives_exactly_one_group_of_three_and_nobody_left_out(size: int) -> None:
    rng = random.Random(size)
    people = [Participant(id=i, languages=frozenset({"ru"}), topics=frozenset(rng.sample(TOPICS, 2)),
                          utc_offset_minutes=180) for i in range(size)]
    result = pair_round(people, seed=1, at=AT)
    assert result.unmatched == ()
    assert [len(group.members) for group in result.groups].count(3) == 1
    assert sorted(placed_ids(result)) == list(range(size))


@pytest.mark.parametrize("size", [2, 10, 16, 18, 100, 500])
def test_even_count_gives_only_pairs(size: int) -> None:
    rng = random.Random(size)
    people = [Participant(id=i, languages=frozenset({"ru", "en"}), topics=frozenset(rng.sample(TOPICS, 1)),
                          utc_offset_minutes=rng.choice([120, 180, 240])) for i in range(size)]
    result = pair_round(people, seed=3, at=AT)
    assert result.unmatched == ()
    assert {len(group.members) for group in result.groups} == {2}


@pytest.mark.parametrize("size", [6, 40])
def test_a_member_nobody_can_meet_is_reported_not_dropped(size: int) -> None:
    people = [Participant(id=i, languages=frozenset({"ru"}), utc_offset_minutes=180) for i in range(size)]
    lonely_language = Participant(id=100, languages=frozenset({"fi"}), utc_offset_minutes=180)
    night_owl = Participant(id=101, languages=frozenset({"ru"}), utc_offset_minutes=180,
                            waking=WakingHours(time(23), time(4)))
    all_met = Participant(id=102, languages=frozenset({"ru"}), utc_offset_minutes=180)
    recent = {frozenset((102, i)) for i in range(size)} | {frozenset((102, 101))}
    result = pair_round(people + [lonely_language, night_owl, all_met], recent, seed=0, at=AT)
    assert result.unmatched == (100, 101, 102)
    assert sorted(placed_ids(result)) == list(range(size))


def test_a_group_of_three_only_forms_when_all_three_share_a_language() -> None:
    people = [Participant(id=1, languages=frozenset({"ru", "en"}), utc_offset_minutes=180),
              Participant(id=2, languages=frozenset({"ru"}), utc_offset_minutes=180),
              Participant(id=3, languages=frozenset({"en"}), utc_offset_minutes=180)]
    result = pair_round(people, seed=0, at=AT)
    assert len(result.groups) == 1 and len(result.groups[0].members) == 2
    assert len(result.unmatched) == 1


@pytest.mark.parametrize("russians", [5, 22, 23, 60])
def test_someone_with_a_single_possible_partner_gets_that_partner(russians: int) -> None:
    """The only English speaker's one possible partner is also everyone's favourite topic match."""
    rng = random.Random(russians)
    people = [Participant(id=i, languages=frozenset({"ru"}), topics=frozenset({"career", "burnout"}),
                          utc_offset_minutes=180) for i in range(1, russians + 1)]
    people.append(Participant(id=1000, languages=frozenset({"ru", "en"}), topics=frozenset({"career", "burnout"}),
                              utc_offset_minutes=180))
    people.append(Participant(id=2000, languages=frozenset({"en"}), utc_offset_minutes=-300))
    rng.shuffle(people)
    result = pair_round(people, seed=russians, at=AT)
    assert result.unmatched == ()
    assert any(set(group.members) >= {1000, 2000} for group in result.groups)


@pytest.mark.parametrize("seed", range(15))
def test_sparse_possibilities_still_place_as_many_people_as_possible(seed: int) -> None:
    """Recent meetings leave each person only a few possible partners; the round must still be maximal."""
    rng = random.Random(6000 + seed)
    people = [Participant(id=i, languages=frozenset({"ru"}), utc_offset_minutes=180) for i in range(rng.randint(17, 60))]
    possible = {frozenset(pair) for pair in itertools.combinations(range(len(people)), 2) if rng.random() < 0.08}
    recent = {frozenset(pair) for pair in itertools.combinations(range(len(people)), 2)} - possible
    result = pair_round(people, recent, seed=seed, at=AT)
    graph = nx.Graph([tuple(pair) for pair in possible])
    assert len(result.groups) == len(nx.max_weight_matching(graph, maxcardinality=True))
    for group in result.groups:
        assert all(frozenset(pair) in possible for pair in itertools.combinations(group.members, 2))


@pytest.mark.parametrize("seed", range(12))
def test_small_rounds_reach_the_networkx_optimum(seed: int) -> None:
    rng = random.Random(3000 + seed)
    people = community(rng, 4 + seed % 8)
    recent = recent_pairs(rng, people, len(people) // 2)
    result = pair_round(people, recent, seed=seed, at=AT)
    placed, best = optimum(people, recent)
    assert len(placed_ids(result)) == placed
    assert result.score == pytest.approx(best, abs=1e-6)


@pytest.mark.parametrize("seed", range(4))
def test_larger_rounds_come_close_to_the_networkx_optimum(seed: int) -> None:
    rng = random.Random(4000 + seed)
    people = community(rng, 80 + seed)
    recent = recent_pairs(rng, people, 2 * len(people))
    result = pair_round(people, recent, seed=seed, at=AT)
    by_id = {person.id: person for person in people}
    ours = 0.0
    for group in result.groups:  # pairs only: a triple counts as its best pair
        ours += max(pair_score(by_id[a], by_id[b]) for a, b in itertools.combinations(group.members, 2))
    graph = nx.Graph()
    for a, b in itertools.combinations(people, 2):
        if group_ok([a, b], recent):
            graph.add_edge(a.id, b.id, weight=pair_score(a, b))
    matching = nx.max_weight_matching(graph, maxcardinality=True)
    assert len(result.groups) == len(matching)
    assert ours >= 0.98 * sum(graph[a][b]["weight"] for a, b in matching)


def test_group_scores_and_details_describe_the_pair() -> None:
    a = Participant(id=1, languages=frozenset({"ru", "en"}), topics=frozenset({"career", "sleep", "grief"}),
                    utc_offset_minutes=180)
    b = Participant(id=2, languages=frozenset({"en"}), topics=frozenset({"career", "sleep"}),
                    utc_offset_minutes=-300, waking=WakingHours(time(8), time(12)))
    group, = pair_round([a, b], seed=0, at=AT).groups
    assert group.members == (1, 2)
    assert group.languages == {"en"} and group.topics == {"career", "sleep"}
    assert group.overlap_minutes == 240  # 13:00-17:00 UTC: 8-12 in New York, 16-20 in Moscow
    assert group.awake_together_utc == ((780, 1020),)
    assert group.score == pytest.approx(pair_score(a, b))


def test_preferred_partner_shares_topics() -> None:
    people = [Participant(id=1, languages=frozenset({"ru"}), topics=frozenset({"grief"}), utc_offset_minutes=180),
              Participant(id=2, languages=frozenset({"ru"}), topics=frozenset({"sleep"}), utc_offset_minutes=180),
              Participant(id=3, languages=frozenset({"ru"}), topics=frozenset({"grief"}), utc_offset_minutes=180),
              Participant(id=4, languages=frozenset({"ru"}), topics=frozenset({"sleep"}), utc_offset_minutes=180)]
    result = pair_round(people, seed=5, at=AT)
    assert sorted(group.members for group in result.groups) == [(1, 3), (2, 4)]


@pytest.mark.parametrize("size", [9, 300])
def test_same_seed_gives_the_same_round_whatever_the_input_order(size: int) -> None:
    rng = random.Random(size)
    people = community(rng, size)
    recent = recent_pairs(rng, people, size)
    first = pair_round(people, recent, seed="round-7", at=AT)
    shuffled = list(people)
    rng.shuffle(shuffled)
    assert pair_round(shuffled, recent, seed="round-7", at=AT) == first


def test_different_seeds_vary_the_pairs_between_equally_good_options() -> None:
    people = [Participant(id=i, languages=frozenset({"ru"}), utc_offset_minutes=180) for i in range(60)]
    rounds = {tuple(group.members for group in pair_round(people, seed=seed, at=AT).groups) for seed in range(3)}
    assert len(rounds) == 3


def test_past_groups_of_three_forbid_all_their_pairs() -> None:
    people = [Participant(id=i, languages=frozenset({"ru"}), utc_offset_minutes=180) for i in range(1, 5)]
    result = pair_round(people, [frozenset({1, 2, 3})], seed=0, at=AT)
    group, = result.groups
    assert group.members[1] == 4 and group.members[0] in (1, 2, 3)
    assert sorted([*result.unmatched, group.members[0]]) == [1, 2, 3]


def test_iana_time_zones_follow_daylight_saving_time() -> None:
    london = Participant(id=1, languages=frozenset({"en"}), timezone="Europe/London",
                         waking=WakingHours(time(9), time(10)))
    utc = Participant(id=2, languages=frozenset({"en"}), utc_offset_minutes=0, waking=WakingHours(time(8), time(9)))
    assert pair_round([london, utc], seed=0, at=AT).unmatched == (1, 2)  # winter: London is UTC
    summer, = pair_round([london, utc], seed=0, at=SUMMER).groups  # summer: London is UTC+1
    assert summer.awake_together_utc == ((480, 540),)


def test_unknown_language_or_time_zone_does_not_exclude_anyone() -> None:
    quiet = Participant(id=1)
    other = Participant(id=2, languages=frozenset({"en"}), utc_offset_minutes=600)
    group, = pair_round([quiet, other], seed=0, at=AT).groups
    assert group.members == (1, 2) and group.overlap_minutes is None


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError):
        Participant(id=1, utc_offset_minutes=60, timezone="Europe/Moscow")
    with pytest.raises(ValueError):
        Participant(id=1, timezone="Mars/Olympus")
    with pytest.raises(ValueError):
        pair_round([Participant(id=1), Participant(id=1)], at=AT)


def test_empty_round() -> None:
    assert pair_round([], at=AT) == RoundResult(groups=(), unmatched=())


# --- newcomer buddies -----------------------------------------------------------------------------

DAYTIME = WakingHours()


def volunteer(member_id: int, *, languages: frozenset[str] | set[str] = frozenset({"ru"}),
              topics: frozenset[str] | set[str] = frozenset(), offset: int = 180, load: int = 0, capacity: int = 2,
              paused: bool = False, waking: WakingHours = DAYTIME) -> Volunteer:
    return Volunteer(Participant(id=member_id, languages=frozenset(languages), topics=frozenset(topics),
                                 utc_offset_minutes=offset, waking=waking),
                     load=load, capacity=capacity, paused=paused)


NEWCOMER = Participant(id=1, languages=frozenset({"ru"}), topics=frozenset({"burnout", "career"}),
                       utc_offset_minutes=180)


def ranked_ids(newcomer: Participant, volunteers: list[Volunteer], history: tuple[int, ...] = ()) -> list[int]:
    return [candidate.id for candidate in rank_buddies(newcomer, volunteers, history, at=AT)]


def test_buddies_who_cannot_take_the_newcomer_are_left_out() -> None:
    volunteers = [volunteer(1), volunteer(2, paused=True), volunteer(3, load=2), volunteer(4, load=3, capacity=3),
                  volunteer(5), volunteer(6, languages={"en"}), volunteer(7), volunteer(8)]
    assert ranked_ids(NEWCOMER, volunteers, history=(5, 7)) == [8]


def test_buddies_sharing_more_topics_come_first_then_the_least_busy() -> None:
    volunteers = [volunteer(10, topics={"sleep"}), volunteer(11, topics={"career"}, load=1),
                  volunteer(12, topics={"career", "burnout"}, load=1), volunteer(13, topics={"burnout"}),
                  volunteer(14)]
    assert ranked_ids(NEWCOMER, volunteers) == [12, 13, 11, 10, 14]


def test_buddies_awake_at_the_same_time_come_before_topic_matches() -> None:
    far_away = volunteer(20, topics={"career", "burnout"}, offset=-480, waking=WakingHours(time(12), time(22)))
    nearby = volunteer(21)
    assert ranked_ids(NEWCOMER, [far_away, nearby]) == [21, 20]


def test_buddy_candidate_explains_the_fit() -> None:
    candidate, = rank_buddies(NEWCOMER, [volunteer(30, languages={"ru", "en"}, topics={"career", "grief"}, load=1)],
                              at=AT)
    assert (candidate.id, candidate.topics, candidate.languages, candidate.load) == (30, {"career"}, {"ru"}, 1)
    assert candidate.overlap_minutes == 13 * 60


def test_newcomer_who_skipped_the_questions_can_get_any_buddy() -> None:
    shy = Participant(id=1)
    assert ranked_ids(shy, [volunteer(40, languages={"en"}, load=1), volunteer(41, languages={"ru"})]) == [41, 40]


def test_no_buddy_available_gives_an_empty_list() -> None:
    assert ranked_ids(NEWCOMER, [volunteer(50, paused=True), volunteer(51, load=2)]) == []
