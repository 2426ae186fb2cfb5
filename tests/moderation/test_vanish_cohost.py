"""A suspended collective vanishes from every public path, also through the actions it co-hosts
(they stay public, without its name) and through its cancelled actions (they go with it), and
comes back exactly as it was when the suspension is lifted. Only verified collectives are
ever named as hosts: a pending co-host is not listed either.

The page cache is off in tests (tests/testenv.py), so every request renders afresh.
"""

import datetime as dt

import pytest
from django.utils import timezone

from organizing.actions.models import (
    ActionHost,
    ActionStatus,
    HostConsent,
    HostRole,
)
from organizing.appeals.services import appeal_create
from organizing.collectives.models import CollectiveStatus
from organizing.core.models import Cause
from organizing.moderation.services import decisions
from tests.factories import make_action, make_collective

pytestmark = pytest.mark.django_db

MONTREAL = {
    "city": "Montréal",
    "country": "CA",
    "timezone": "America/Toronto",
    "latitude": 45.50884,
    "longitude": -73.58781,
}


# The actions of these tests: published two-hour vigils in Montréal.
VIGILS = {
    "base": {"kind": "vigil", "status": ActionStatus.PUBLISHED, **MONTREAL},
    "lasts": dt.timedelta(hours=2),
}


def co_host(action, collective) -> ActionHost:
    return ActionHost.objects.create(
        action=action, collective=collective, role=HostRole.CO_HOST, consent=HostConsent.ACCEPTED
    )


@pytest.fixture
def cause(db):
    return Cause.objects.create(name="Immediate ceasefire", slug="ceasefire")


@pytest.fixture
def union(db, cause):
    from tests.conftest import make_user

    cora = make_user("cora@example.org", display_name="Cora")
    union = make_collective("Coordinating Union", "coordinating-union", admin=cora)
    union.causes.add(cause)
    return union


@pytest.fixture
def joint(union, collective, cause):
    """A published action led by a verified union that `collective` co-hosts."""
    collective.causes.add(cause)
    action = make_action(
        union,
        title="Harbour vigil",
        starts_in=dt.timedelta(days=10),
        published_at=timezone.now(),
        description="Harbour vigil: bring candles.",
        causes=[cause],
        **VIGILS,
    )
    co_host(action, collective)
    return action


def bodies(client, paths) -> dict[str, str]:
    pages = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        pages[path] = response.content.decode()
    return pages


def where_shown(pages: dict[str, str], texts) -> set[str]:
    return {path for path, body in pages.items() if any(text in body for text in texts)}


def paths_naming_hosts(action, lead, cause) -> list[str]:
    """Every public path that names (or links) the hosts of a published upcoming action:
    its page (JSON-LD `organizer` included), browse cards, the news feeds, the API list and
    detail, the lead host's page, the cause page."""
    return [
        action.get_absolute_url(),
        "/actions/",
        f"/actions/?host={lead.slug}",
        "/actions/feed.rss",
        "/actions/feed.atom",
        "/api/v1/actions/",
        f"/api/v1/actions/{action.slug}/",
        lead.get_absolute_url(),
        cause.get_absolute_url(),
    ]


def calendars(action) -> list[str]:
    """Calendar files: they never name hosts, and must keep the action itself."""
    return [f"{action.get_absolute_url()}calendar.ics", "/actions/feed.ics"]


def test_a_suspended_co_host_is_named_nowhere_and_listed_again_when_lifted(
    client, joint, union, collective, cause, mod
):
    paths = paths_naming_hosts(joint, union, cause)
    texts = [collective.name, collective.slug]
    before = where_shown(bodies(client, paths), texts)
    assert before == set(paths)  # each path names the co-host today

    decisions.collective_suspend(collective=collective, moderator=mod, reason="Fake group.")
    pages = bodies(client, paths + calendars(joint))
    assert where_shown(pages, texts) == set()
    assert where_shown(pages, [joint.title]) == set(pages)  # the action itself stays public
    json_ld = client.get(joint.get_absolute_url()).context["json_ld"]
    assert [o["name"] for o in json_ld_organizers(json_ld)] == [union.name]

    decisions.collective_unsuspend(collective=collective, moderator=mod)
    assert where_shown(bodies(client, paths), texts) == before


def json_ld_organizers(json_ld) -> list[dict]:
    import json

    data = json.loads(json_ld) if isinstance(json_ld, str) else json_ld
    return data["organizer"]


def test_the_host_filter_treats_a_suspended_collective_as_unknown(client, joint, collective, mod):
    def results(host: str):
        response = client.get("/actions/", {"host": host})
        assert response.status_code == 200
        return (
            [a.slug for a in response.context["page"].object_list],
            [str(label) for label, _message in response.context["search"].problems],
        )

    assert results(collective.slug) == ([joint.slug], [])
    unknown = results("no-such-collective")
    assert unknown[1] == ["Hosted by"]
    decisions.collective_suspend(collective=collective, moderator=mod, reason="Fake group.")
    assert results(collective.slug) == unknown
    decisions.collective_unsuspend(collective=collective, moderator=mod)
    assert results(collective.slug) == ([joint.slug], [])


def test_a_pending_co_host_is_not_listed_publicly(client, joint, union, cause):
    pending = make_collective("Nascent Group", "nascent-group", status=CollectiveStatus.PENDING)
    co_host(joint, pending)
    pages = bodies(client, paths_naming_hosts(joint, union, cause))
    assert where_shown(pages, [pending.name, pending.slug]) == set()
    assert where_shown(pages, [joint.title]) == set(pages)


# --- a suspended collective's cancelled actions ---------------------------------------------


@pytest.fixture
def cancelled(collective, cause):
    """`collective` leads a cancelled upcoming action and a cancelled past one (the home page's
    archive and map show past public actions, cancelled ones included)."""
    return {
        "upcoming": make_action(
            collective,
            title="Vigil called off",
            starts_in=dt.timedelta(days=12),
            published_at=timezone.now(),
            description="Vigil called off: bring candles.",
            status=ActionStatus.CANCELLED,
            causes=[cause],
            **VIGILS,
        ),
        "past": make_action(
            collective,
            title="March that was cancelled",
            starts_in=dt.timedelta(days=-12),
            published_at=timezone.now(),
            description="March that was cancelled: bring candles.",
            status=ActionStatus.CANCELLED,
            causes=[cause],
            **VIGILS,
        ),
    }


def own_paths(action) -> list[str]:
    return [
        action.get_absolute_url(),
        f"{action.get_absolute_url()}calendar.ics",
        f"{action.get_absolute_url()}rsvp/",
        f"/report/action/{action.slug}/",
        f"/api/v1/actions/{action.slug}/",
    ]


def statuses(client, paths) -> set[int]:
    return {client.get(path).status_code for path in paths}


def test_a_suspended_collectives_cancelled_actions_vanish_and_return_cancelled(
    client, cancelled, collective, cause, mod
):
    upcoming, past = cancelled["upcoming"], cancelled["past"]
    listings = ["/", "/actions/feed.ics", cause.get_absolute_url()]
    texts = [upcoming.title, upcoming.slug, past.title, past.slug]
    before = where_shown(bodies(client, listings), texts)
    assert before == set(listings)
    home = client.get("/")
    assert past.get_absolute_url() in {p["url"] for p in home.context["map_points"]}
    assert statuses(client, own_paths(upcoming) + own_paths(past)) == {200}

    decisions.collective_suspend(collective=collective, moderator=mod, reason="Fake group.")
    assert where_shown(bodies(client, listings), texts) == set()
    assert client.get("/").context["map_points"] == []
    assert statuses(client, own_paths(upcoming) + own_paths(past)) == {404}
    for action in (upcoming, past):
        action.refresh_from_db()
        assert (action.status, action.status_before_hold) == ("hidden", "cancelled")

    decisions.collective_unsuspend(collective=collective, moderator=mod)
    assert where_shown(bodies(client, listings), texts) == before
    assert statuses(client, own_paths(upcoming) + own_paths(past)) == {200}
    for action in (upcoming, past):
        action.refresh_from_db()
        assert (action.status, action.status_before_hold) == ("cancelled", "")


def test_a_cancelled_action_a_moderator_hid_stays_hidden_after_the_lift(cancelled, collective, mod):
    action = cancelled["upcoming"]
    decisions.action_hide(action=action, moderator=mod, reason="Doxxing.")
    decisions.collective_suspend(collective=collective, moderator=mod, reason="Fake group.")
    decisions.collective_unsuspend(collective=collective, moderator=mod)
    action.refresh_from_db()
    assert (action.status, action.status_before_hold) == ("hidden", "cancelled")
    cancelled["past"].refresh_from_db()
    assert cancelled["past"].status == "cancelled"


def test_suspension_leaves_the_co_hosted_actions_of_others_alone(joint, collective, mod):
    decisions.collective_suspend(collective=collective, moderator=mod, reason="Fake group.")
    joint.refresh_from_db()
    assert joint.status == ActionStatus.PUBLISHED


# --- cause pages ----------------------------------------------------------------------------


def test_a_hidden_appeal_vanishes_from_its_cause_page_and_returns(client, union, cause, mod):
    appeal = appeal_create(
        initiator=union,
        by=union.memberships.get().user,
        title="Ceasefire now",
        text="We call for an immediate ceasefire.",
        demands=[cause],
        opens_on=None,
        closes_on=None,
    )
    page = cause.get_absolute_url()
    assert appeal.get_absolute_url() in client.get(page).content.decode()
    decisions.appeal_hide(appeal=appeal, moderator=mod, reason="Incitement.")
    body = client.get(page).content.decode()
    assert appeal.get_absolute_url() not in body and appeal.title not in body
    decisions.appeal_restore(appeal=appeal, moderator=mod)
    assert appeal.get_absolute_url() in client.get(page).content.decode()


@pytest.mark.parametrize("count", [1, 12])
def test_the_cause_page_costs_the_same_queries_whatever_it_lists(
    client, union, collective, cause, count, django_assert_max_num_queries
):
    for index in range(count):
        action = make_action(
            union,
            title=f"Vigil {index}",
            starts_in=dt.timedelta(days=index + 1),
            published_at=timezone.now(),
            description=f"Vigil {index}: bring candles.",
            causes=[cause],
            **VIGILS,
        )
        co_host(action, collective)
        appeal_create(
            initiator=union,
            by=union.memberships.get().user,
            title=f"Appeal {index}",
            text="We call for a ceasefire.",
            demands=[cause],
            opens_on=None,
            closes_on=None,
        )
    with django_assert_max_num_queries(6):  # cause, actions, hosts, causes, collectives, appeals
        response = client.get(cause.get_absolute_url())
    assert response.status_code == 200
    assert response.content.decode().count(collective.name) == count


# --- appeals ---------------------------------------------------------------------------------


def test_a_suspended_initiator_is_named_on_none_of_its_appeals_pages(
    client, union, collective, alice, cause, mod
):
    """The appeal stands for its other signatories and stays public; its suspended initiator
    is named nowhere (the roster already leaves it out) until the suspension is lifted."""
    appeal = appeal_create(
        initiator=collective,
        by=alice,
        title="Open the borders",
        text="We call for open borders.",
        demands=[cause],
        opens_on=None,
        closes_on=None,
    )
    paths = ["/appeals/", appeal.get_absolute_url()]
    texts = [collective.name, collective.slug]
    before = where_shown(bodies(client, paths), texts)
    assert before == set(paths)
    decisions.collective_suspend(collective=collective, moderator=mod, reason="Fake group.")
    pages = bodies(client, [*paths, cause.get_absolute_url()])
    assert where_shown(pages, texts) == set()
    assert where_shown(pages, [appeal.title]) == set(pages)
    decisions.collective_unsuspend(collective=collective, moderator=mod)
    assert where_shown(bodies(client, paths), texts) == before
