"""Partner suggestion scoring: pure functions, no database."""

import pytest
from django.utils import translation

from organizing.partners.scoring import (
    CollectiveFacts,
    DistanceBand,
    Front,
    activity_points,
    distance_between,
    explain,
    rank,
    score,
)

CEASEFIRE, ARMS, ANTIRACISM, CLIMATE = 1, 2, 3, 4
CAUSE_NAMES = {
    CEASEFIRE: "ceasefire",
    ARMS: "end arms sales",
    ANTIRACISM: "anti-racism",
    CLIMATE: "climate",
}
KINDS = {
    "trade_union": "Trade union",
    "local_collective": "Local mobilization collective",
    "student_group": "Student group",
}

MONTREAL = {
    "country": "CA",
    "region_code": "10",
    "city": "Montréal",
    "latitude": 45.5088,
    "longitude": -73.5878,
}


def facts(
    id_, name="Group", kind="local_collective", causes=(CEASEFIRE,), **where
) -> CollectiveFacts:
    return CollectiveFacts(id=id_, name=name, kind=kind, cause_ids=frozenset(causes), **where)


def front(me=None, *, kinds=("local_collective",), excluded=(), frequency=None, count=100):
    me = me or facts(1, "Us", causes=(CEASEFIRE, ARMS, ANTIRACISM), **MONTREAL)
    return Front(
        me=me,
        kinds_in_front=frozenset(kinds),
        excluded_ids=frozenset(excluded),
        cause_frequency=frequency or {CEASEFIRE: 80, ARMS: 5, ANTIRACISM: 20},
        collective_count=count,
    )


def test_a_rare_shared_cause_weighs_more_than_a_common_one():
    rare = score(facts(2, causes=(ARMS,)), front())
    common = score(facts(3, causes=(CEASEFIRE,)), front())
    assert rare.score > common.score


def test_more_shared_causes_weigh_more():
    one = score(facts(2, causes=(CEASEFIRE,)), front())
    two = score(facts(3, causes=(CEASEFIRE, ANTIRACISM)), front())
    assert two.score > one.score
    assert two.shared_cause_ids == (ANTIRACISM, CEASEFIRE)  # rarest first


def test_a_kind_missing_from_the_front_is_favoured():
    union = score(facts(2, kind="trade_union"), front())
    another_collective = score(facts(3, kind="local_collective"), front())
    assert union.brings_new_kind and not another_collective.brings_new_kind
    assert union.score > another_collective.score
    # Once a coalition of ours has a union, a union is no longer new.
    assert not score(
        facts(2, kind="trade_union"), front(kinds=("local_collective", "trade_union"))
    ).brings_new_kind


@pytest.mark.parametrize(
    ("where", "band"),
    [
        (
            {"country": "CA", "region_code": "10", "latitude": 45.53, "longitude": -73.62},
            DistanceBand.SAME_CITY,
        ),  # Laval-ish, 4 km
        (
            {"country": "CA", "region_code": "10", "latitude": 46.81, "longitude": -71.21},
            DistanceBand.SAME_REGION,
        ),  # Québec City: same province, 233 km
        (
            {"country": "CA", "region_code": "08", "latitude": 44.75, "longitude": -74.50},
            DistanceBand.SAME_REGION,
        ),  # Cornwall: another province, 110 km
        (
            {"country": "CA", "region_code": "08", "latitude": 45.42, "longitude": -75.69},
            DistanceBand.SAME_COUNTRY,
        ),  # Ottawa: another province, 165 km
        (
            {"country": "CA", "region_code": "01", "latitude": 51.05, "longitude": -114.07},
            DistanceBand.SAME_COUNTRY,
        ),  # Calgary
        (
            {"country": "FR", "region_code": "11", "latitude": 48.86, "longitude": 2.35},
            DistanceBand.ELSEWHERE,
        ),
        ({"country": "CA", "region_code": "10", "city": "Montréal"}, DistanceBand.SAME_CITY),
        ({"country": "CA", "region_code": "10"}, DistanceBand.SAME_REGION),
        ({"country": "CA"}, DistanceBand.SAME_COUNTRY),
        ({}, DistanceBand.ELSEWHERE),
    ],
)
def test_distance_bands(where, band):
    assert distance_between(front().me, facts(2, **where))[1] == band


def test_nearer_scores_higher_all_else_equal():
    near = score(facts(2, latitude=45.53, longitude=-73.62, country="CA"), front())
    far = score(facts(3, latitude=48.86, longitude=2.35, country="FR"), front())
    assert near.score > far.score


def test_activity_has_diminishing_returns():
    assert activity_points(0) == 0
    assert activity_points(1) > 0
    assert activity_points(10) - activity_points(9) < activity_points(1) - activity_points(0)
    assert activity_points(1000) < 1.5


@pytest.mark.parametrize("excluded", [True, False])
def test_partners_dismissed_and_blocked_are_never_suggested(excluded):
    candidate = facts(2, causes=(ARMS,))
    result = score(candidate, front(excluded=(2,) if excluded else ()))
    assert (result is None) == excluded


def test_itself_and_collectives_sharing_no_demand_are_not_suggested():
    assert score(front().me, front()) is None
    assert score(facts(2, causes=(CLIMATE,)), front()) is None


def test_rank_best_first_and_limited():
    candidates = [
        facts(2, "B", causes=(CEASEFIRE,)),
        facts(3, "A", causes=(ARMS,)),
        facts(4, "C", causes=(CLIMATE,)),
        facts(5, "D", causes=(ARMS, CEASEFIRE)),
    ]
    ranked = rank(candidates, front(), limit=2)
    assert [s.collective.id for s in ranked] == [5, 3]


def test_explanation_in_words():
    me = front().me
    union = facts(
        2,
        "Union",
        kind="trade_union",
        causes=(CEASEFIRE, ARMS, ANTIRACISM),
        country="CA",
        region_code="10",
        latitude=45.53,
        longitude=-73.62,
    )
    suggestion = score(union, front(me))
    with translation.override("en"):
        text = explain(suggestion, cause_names=CAUSE_NAMES, kind_labels=KINDS)
    assert text == (
        "shares 3 demands (end arms sales, anti-racism, ceasefire) · 3 km away · "
        "Trade union: none in your coalitions yet"
    )


def test_explanation_without_coordinates_names_the_band():
    suggestion = score(facts(2, causes=(CEASEFIRE,), country="CA"), front())
    with translation.override("en"):
        text = explain(suggestion, cause_names=CAUSE_NAMES, kind_labels=KINDS)
    assert text == "shares 1 demand (ceasefire) · in your country"


def test_rank_is_score_then_sort_whatever_the_shortcuts():
    """rank() skips work for speed; it must give what scoring each candidate and sorting does
    (same suggestions, same order), bands filter included."""
    import random

    rng = random.Random(6)
    me = facts(1, "Us", causes=(CEASEFIRE, ARMS, ANTIRACISM), **MONTREAL)
    places = [
        MONTREAL,
        {"country": "CA", "region_code": "10", "city": "Laval"},
        {"country": "CA"},
        {},
        {"country": "FR", "city": "Montréal"},
    ]
    candidates = []
    for n in range(2, 400):
        where = dict(rng.choice(places))
        if rng.random() < 0.8:
            where |= {"latitude": 45.5 + rng.gauss(0, 2), "longitude": -73.6 + rng.gauss(0, 3)}
        candidates.append(
            CollectiveFacts(
                id=n,
                name=rng.choice("ABC"),
                kind=rng.choice(list(KINDS)),
                cause_ids=frozenset(
                    rng.sample([CEASEFIRE, ARMS, ANTIRACISM, CLIMATE], rng.randint(1, 3))
                ),
                recent_actions=rng.choice([0, 0, 1, 3]),
                **where,
            )
        )
    the_front = front(me, excluded=range(2, 400, 17))
    for band in DistanceBand:
        naive = [s for c in candidates if (s := score(c, the_front)) and s.band <= band]
        naive.sort(
            key=lambda s: (
                -s.score,
                -len(s.shared_cause_ids),
                s.band,
                s.collective.name,
                s.collective.id,
            )
        )
        assert rank(candidates, the_front, limit=50, max_band=band) == naive[:50]
