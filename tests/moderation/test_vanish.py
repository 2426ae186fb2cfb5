"""Suspended and hidden content vanishes from every public rendering path (HTML pages, feeds,
the API, the sitemap) and comes back when the decision is lifted.

The page cache is off in tests (tests/testenv.py: PAGE_CACHE_SECONDS=0), so every request
renders afresh.
"""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from organizing.actions.models import Action
from organizing.appeals.models import AppealSignature
from organizing.appeals.services import appeal_invite
from organizing.coalitions.services.coalitions import coalition_invite
from organizing.moderation.services import decisions
from tests.conftest import login_with_two_factor
from tests.factories import add_member, draft, make_action, make_coalition, make_collective

pytestmark = pytest.mark.django_db

MONTREAL = {
    "city": "Montréal",
    "country": "CA",
    "timezone": "America/Toronto",
    "latitude": 45.50884,
    "longitude": -73.58781,
}


def test_the_page_cache_is_off(settings):
    assert settings.PAGE_CACHE_SECONDS == 0


# The actions of these tests: published two-hour vigils in Montréal.
VIGILS = {
    "base": {"kind": "vigil", "status": "published", **MONTREAL},
    "lasts": dt.timedelta(hours=2),
}


@pytest.fixture
def world(collective, alice, db):
    """`collective` leads an upcoming and a past action, is in a coalition founded by another
    collective, and signed that collective's appeal."""
    from tests.conftest import make_user

    cora = make_user("cora@example.org", display_name="Cora")
    union = make_collective("Coordinating Union", "coordinating-union", admin=cora)
    coalition = make_coalition((union, cora))
    add_member(coalition, collective, alice)
    appeal = draft(union, cora)
    AppealSignature.objects.create(
        appeal=appeal,
        collective=collective,
        signed_by=alice,
        signed_at=timezone.now(),
        confirmed_version=1,
    )
    return {
        "upcoming": make_action(
            collective,
            title="Vigil for the bridge workers",
            starts_in=dt.timedelta(days=10),
            published_at=timezone.now(),
            description="Vigil for the bridge workers: bring candles.",
            **VIGILS,
        ),
        "past": make_action(
            collective,
            title="March of the lanterns",
            starts_in=dt.timedelta(days=-10),
            published_at=timezone.now(),
            description="March of the lanterns: bring candles.",
            **VIGILS,
        ),
        "coalition": coalition,
        "appeal": appeal,
        "union": union,
        "cora": cora,
    }


def public_listings(client, world) -> dict[str, str]:
    """Every public listing that could show the collective or its actions: path -> body."""
    paths = [
        "/",
        "/actions/",
        "/actions/?when=past",
        "/actions/feed.ics",
        "/actions/feed.rss",
        "/actions/feed.atom",
        "/actions/feed.rss?when=past",
        "/api/v1/actions/",
        "/api/v1/actions/?when=past",
        "/collectives/",
        "/sitemap.xml",
        world["coalition"].get_absolute_url(),
        world["appeal"].get_absolute_url(),
    ]
    pages = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        pages[path] = response.content.decode()
    return pages


def detail_statuses(client, objects) -> dict[str, int]:
    paths = [obj.get_absolute_url() for obj in objects]
    paths += [f"/api/v1/actions/{obj.slug}/" for obj in objects if isinstance(obj, Action)]
    return {path: client.get(path).status_code for path in paths}


def where_shown(pages: dict[str, str], texts) -> set[str]:
    return {path for path, body in pages.items() if any(text in body for text in texts)}


def test_a_suspended_collective_and_its_actions_vanish_and_return(client, world, collective, mod):
    upcoming, past = world["upcoming"], world["past"]
    texts = [collective.name, collective.slug, upcoming.title, upcoming.slug, past.title, past.slug]
    before = where_shown(public_listings(client, world), texts)
    assert before == set(public_listings(client, world))  # each listing shows something of it
    assert set(detail_statuses(client, [collective, upcoming, past]).values()) == {200}

    decisions.collective_suspend(collective=collective, moderator=mod, reason="Fake group.")
    assert where_shown(public_listings(client, world), texts) == set()
    assert set(detail_statuses(client, [collective, upcoming, past]).values()) == {404}

    decisions.collective_unsuspend(collective=collective, moderator=mod)
    assert where_shown(public_listings(client, world), texts) == before
    assert set(detail_statuses(client, [collective, upcoming, past]).values()) == {200}


@pytest.mark.parametrize("which", ["upcoming", "past"])
def test_a_hidden_action_vanishes_and_returns(client, world, mod, which):
    action = world[which]
    texts = [action.title, action.slug]
    before = where_shown(public_listings(client, world), texts)
    expected = (
        {
            "/actions/",
            "/actions/feed.ics",
            "/actions/feed.rss",
            "/actions/feed.atom",
            "/api/v1/actions/",
        }
        if which == "upcoming"
        else {"/", "/actions/?when=past", "/api/v1/actions/?when=past"}
    )
    assert expected | {"/sitemap.xml"} <= before
    decisions.action_hide(action=action, moderator=mod, reason="Provocation.")
    assert where_shown(public_listings(client, world), texts) == set()
    assert set(detail_statuses(client, [action]).values()) == {404}
    decisions.action_restore(action=action, moderator=mod)
    assert where_shown(public_listings(client, world), texts) == before
    assert set(detail_statuses(client, [action]).values()) == {200}


# --- coalitions and appeals the moderators hid --------------------------------------------


@pytest.fixture
def guest(world):
    """A collective invited to join the coalition and to sign the appeal, with a client logged
    in as its admin (for its inbox)."""
    from tests.conftest import make_user

    dora = make_user("dora@example.org", display_name="Dora")
    guest = make_collective("Ottawa Dockworkers Union", "dockworkers", admin=dora)
    coalition_invite(
        coalition=world["coalition"],
        collective=guest,
        by=world["cora"],
        inviting_collective=world["union"],
        message="Join us",
    )
    appeal_invite(appeal=world["appeal"], collectives=[guest], by=world["cora"])
    inbox_client = Client()
    inbox_client.force_login(dora)
    return {"collective": guest, "client": inbox_client}


def listings_of(client, paths, guest) -> dict[str, str]:
    """path -> body for each public listing, and the invited collective's inbox."""
    pages = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        pages[path] = response.content.decode()
    inbox = reverse("partners:inbox", args=[guest["collective"].slug])
    response = guest["client"].get(inbox)
    assert response.status_code == 200
    pages[inbox] = response.content.decode()
    return pages


def statuses(client, paths) -> dict[str, int]:
    return {path: client.get(path).status_code for path in paths}


def test_a_hidden_coalition_vanishes_and_returns(client, world, collective, guest, mod):
    coalition = world["coalition"]
    texts = [coalition.name, coalition.slug]
    listings = [
        "/coalitions/",
        "/sitemap.xml",
        collective.get_absolute_url(),
        world["union"].get_absolute_url(),
    ]
    own = [coalition.get_absolute_url(), reverse("feeds:coalition_ics", args=[coalition.slug])]
    before = where_shown(listings_of(client, listings, guest), texts)
    assert before == set(listings_of(client, listings, guest))  # each one shows it
    assert set(statuses(client, own).values()) == {200}

    decisions.coalition_hide(coalition=coalition, moderator=mod, reason="Impersonation.")
    assert where_shown(listings_of(client, listings, guest), texts) == set()
    assert set(statuses(client, own).values()) == {404}
    assert set(statuses(guest["client"], own).values()) == {404}  # members' admins too
    login_with_two_factor(client, mod)
    assert statuses(client, own) == {own[0]: 200, own[1]: 404}  # staff see the page only
    client.logout()

    decisions.coalition_restore(coalition=coalition, moderator=mod)
    assert where_shown(listings_of(client, listings, guest), texts) == before
    assert set(statuses(client, own).values()) == {200}


def test_a_hidden_appeal_vanishes_and_returns(client, world, collective, alice, guest, mod):
    appeal = world["appeal"]
    texts = [appeal.title, appeal.slug]
    listings = [
        "/appeals/",
        "/sitemap.xml",
        collective.get_absolute_url(),
        world["union"].get_absolute_url(),
        world["coalition"].get_absolute_url(),
    ]
    own = [
        appeal.get_absolute_url(),
        reverse("appeals:badge", args=[appeal.slug]),
        reverse("appeals:csv", args=[appeal.slug]),
    ]
    before = where_shown(listings_of(client, listings, guest), texts)
    assert before == set(listings_of(client, listings, guest))  # each one shows it
    assert set(statuses(client, own).values()) == {200}

    decisions.appeal_hide(appeal=appeal, moderator=mod, reason="Incitement.")
    assert where_shown(listings_of(client, listings, guest), texts) == set()
    assert set(statuses(client, own).values()) == {404}
    client.force_login(alice)  # a signatory's admin
    assert set(statuses(client, own).values()) == {404}
    login_with_two_factor(client, mod)
    assert statuses(client, own) == {own[0]: 200, own[1]: 404, own[2]: 200}  # not the badge
    client.logout()

    decisions.appeal_restore(appeal=appeal, moderator=mod)
    assert where_shown(listings_of(client, listings, guest), texts) == before
    assert set(statuses(client, own).values()) == {200}


def test_a_hidden_coalition_is_no_browse_filter_nor_counted_on_the_home_page(client, world, mod):
    coalition = world["coalition"]
    browse = client.get("/actions/", {"coalition": coalition.slug}).content.decode()
    assert "not a coalition we know" not in browse
    counted = client.get("/").context["coalition_count"]
    decisions.coalition_hide(coalition=coalition, moderator=mod, reason="Impersonation.")
    browse = client.get("/actions/", {"coalition": coalition.slug}).content.decode()
    assert "not a coalition we know" in browse and coalition.name not in browse
    assert client.get("/").context["coalition_count"] == counted - 1
