"""partner_suggestions: the facts it gathers, what it leaves out, its filters, its queries."""

import datetime as dt

import pytest
from django.utils import timezone

from organizing.actions.models import Action, ActionHost, HostConsent, new_action_slug
from organizing.coalitions.services.coalitions import coalition_create
from organizing.partners.models import PartnerExclusion, ProposalKind
from organizing.partners.scoring import DistanceBand
from organizing.partners.selectors.suggestions import MAX_QUERIES, partner_suggestions
from organizing.partners.services.proposals import proposal_create
from organizing.partners.services.suggestions import partner_block, partner_dismiss

from .conftest import LAVAL, PARIS, QUEBEC, TORONTO, make_collective

pytestmark = pytest.mark.django_db


def names(suggestions) -> list[str]:
    return [item.collective.name for item in suggestions]


@pytest.fixture
def me(collective, causes):
    collective.causes.set([causes["ceasefire"], causes["arms"]])
    return collective


def host(collective, *, days_ago: int, status="published", consent=HostConsent.ACCEPTED):
    action = Action.objects.create(
        title="Rally",
        slug=new_action_slug("Rally"),
        kind="rally",
        status=status,
        starts_at=timezone.now() - dt.timedelta(days=days_ago),
        timezone="America/Toronto",
        city="Montréal",
        country="CA",
        latitude=45.5,
        longitude=-73.6,
    )
    ActionHost.objects.create(action=action, collective=collective, role="lead", consent=consent)


@pytest.mark.parametrize("count", [5, 50])
def test_query_count_does_not_grow_with_candidates(
    me, causes, count, django_assert_max_num_queries
):
    for n in range(count):
        other = make_collective(
            f"Candidate {n}",
            causes=[causes["ceasefire"]],
            kind="trade_union" if n % 2 else "student_group",
        )
        host(other, days_ago=n % 100)
    coalition_create(
        name="Front", founders=[(me, None), (make_collective(causes=[causes["climate"]]), None)]
    )
    partner_suggestions(me)  # fills the cache of world figures (ten minutes)
    with django_assert_max_num_queries(MAX_QUERIES):
        suggestions = partner_suggestions(me)
    assert len(suggestions) == min(count, 20)


def test_shares_a_cause_and_explains_why(me, causes):
    make_collective("Laval Workers", kind="trade_union", causes=[causes["arms"]], where=LAVAL)
    make_collective("Climate only", causes=[causes["climate"]])
    [item] = partner_suggestions(me)
    assert item.collective.name == "Laval Workers"
    assert item.explanation.startswith("shares 1 demand (End arms sales to Israel) · ")
    assert "km away" in item.explanation
    assert "Trade union: none in your coalitions yet" in item.explanation
    assert not item.proposal_pending


def test_rarer_and_more_causes_rank_first(me, causes):
    for n in range(5):
        make_collective(f"Ceasefire {n}", causes=[causes["ceasefire"]])
    make_collective("Both", causes=[causes["ceasefire"], causes["arms"]])
    make_collective("Arms", causes=[causes["arms"]])
    assert names(partner_suggestions(me))[:2] == ["Both", "Arms"]


def test_recent_published_actions_count_as_activity(me, causes):
    busy = make_collective("Busy", causes=[causes["ceasefire"]])
    idle = make_collective("Idle", causes=[causes["ceasefire"]])
    host(busy, days_ago=10)
    host(idle, days_ago=200)  # too long ago
    host(idle, days_ago=5, status="draft")
    host(idle, days_ago=5, consent=HostConsent.INVITED)
    by_name = {item.collective.name: item.suggestion for item in partner_suggestions(me)}
    assert by_name["Busy"].collective.recent_actions == 1
    assert by_name["Idle"].collective.recent_actions == 0
    assert names(partner_suggestions(me)) == ["Busy", "Idle"]


def test_kinds_of_my_coalitions_are_not_new(me, causes):
    union = make_collective("A union", kind="trade_union", causes=[causes["ceasefire"]])
    assert partner_suggestions(me)[0].suggestion.brings_new_kind
    ally = make_collective("Our union ally", kind="trade_union", causes=[causes["climate"]])
    coalition_create(name="Our front", founders=[(me, None), (ally, None)])
    [item] = partner_suggestions(me)
    assert item.collective == union and not item.suggestion.brings_new_kind


def test_not_suggested_pending_closed_unrelated_or_itself(me, causes):
    make_collective("Pending", causes=[causes["ceasefire"]], status="pending")
    make_collective("Suspended", causes=[causes["ceasefire"]], status="suspended")
    make_collective("Closed", causes=[causes["ceasefire"]], open_to_partners=False)
    make_collective("Unrelated", causes=[causes["climate"]])
    make_collective("Welcome", causes=[causes["ceasefire"]])
    assert names(partner_suggestions(me)) == ["Welcome"]


def test_no_causes_no_suggestions(collective, causes):
    make_collective(causes=[causes["ceasefire"]])
    assert partner_suggestions(collective) == []


def test_partners_are_not_suggested(me, causes, alice):
    partner = make_collective("Partner", causes=[causes["ceasefire"]])
    make_collective("Stranger", causes=[causes["ceasefire"]])
    coalition_create(name="Together", founders=[(me, alice), (partner, None)])
    assert names(partner_suggestions(me)) == ["Stranger"]


def test_dismissed_is_hidden_until_the_dismissal_expires(me, causes, alice):
    other = make_collective("Later", causes=[causes["ceasefire"]])
    partner_dismiss(collective=me, other=other, by=alice)
    assert partner_suggestions(me) == []
    assert names(partner_suggestions(other)) == [me.name]  # a dismissal is one-way
    PartnerExclusion.objects.filter(collective=me).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    assert names(partner_suggestions(me)) == ["Later"]


def test_blocked_is_hidden_both_ways(me, causes, alice):
    other = make_collective("Never", causes=[causes["ceasefire"]])
    partner_block(collective=me, other=other, by=alice)
    assert partner_suggestions(me) == []
    assert partner_suggestions(other) == []


def test_pending_proposals_are_marked_either_way(me, causes, alice, charlie):
    asked = make_collective("Asked", causes=[causes["ceasefire"]])
    asking = make_collective("Asking", causes=[causes["ceasefire"]])
    make_collective("Quiet", causes=[causes["ceasefire"]])
    proposal_create(
        from_collective=me,
        to_collective=asked,
        by=alice,
        message="Hello",
        kind=ProposalKind.NEW_COALITION,
        coalition_name="Front one",
    )
    proposal_create(
        from_collective=asking,
        to_collective=me,
        by=charlie,
        message="Hello",
        kind=ProposalKind.NEW_COALITION,
        coalition_name="Front two",
    )
    pending = {item.collective.name: item.proposal_pending for item in partner_suggestions(me)}
    assert pending == {"Asked": True, "Asking": True, "Quiet": False}


@pytest.mark.parametrize(
    ("distance", "expected"),
    [
        (None, {"Laval", "Québec", "Toronto", "Paris"}),
        (DistanceBand.ELSEWHERE, {"Laval", "Québec", "Toronto", "Paris"}),
        (DistanceBand.SAME_COUNTRY, {"Laval", "Québec", "Toronto"}),
        (DistanceBand.SAME_REGION, {"Laval", "Québec"}),
        (DistanceBand.SAME_CITY, {"Laval"}),
    ],
)
def test_distance_filter(me, causes, distance, expected):
    me.region_code = "10"
    me.save()
    for name, where in [
        ("Laval", LAVAL),
        ("Québec", QUEBEC),
        ("Toronto", TORONTO),
        ("Paris", PARIS),
    ]:
        make_collective(name, causes=[causes["ceasefire"]], where=where)
    assert set(names(partner_suggestions(me, distance=distance))) == expected


def test_same_city_without_coordinates(me, causes):
    make_collective(
        "Montréal, no point",
        causes=[causes["ceasefire"]],
        where={"city": "Montréal", "country": "CA"},
    )
    make_collective(
        "Elsewhere, no point",
        causes=[causes["ceasefire"]],
        where={"city": "Gatineau", "country": "CA"},
    )
    assert names(partner_suggestions(me, distance=DistanceBand.SAME_CITY)) == ["Montréal, no point"]


def test_cause_and_kind_filters(me, causes):
    make_collective("Union ceasefire", kind="trade_union", causes=[causes["ceasefire"]])
    make_collective("Union arms", kind="trade_union", causes=[causes["arms"]])
    make_collective("Students arms", kind="student_group", causes=[causes["arms"]])
    assert set(names(partner_suggestions(me, cause="test-arms"))) == {"Union arms", "Students arms"}
    assert set(names(partner_suggestions(me, kind="trade_union"))) == {
        "Union ceasefire",
        "Union arms",
    }
    assert names(partner_suggestions(me, cause="test-arms", kind="trade_union")) == ["Union arms"]
    assert partner_suggestions(me, cause="no-such-cause") == []


def test_limit(me, causes):
    for n in range(5):
        make_collective(f"Candidate {n}", causes=[causes["ceasefire"]])
    assert len(partner_suggestions(me, limit=3)) == 3
