"""The dashboard, /me/ (issue 14, "Your own space"): where login lands, each section with its
content and its empty state, only the person's own things, and a query count that does not
grow with the rows."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organizing.actions.models import ActionStatus, RsvpStatus
from organizing.actions.services.rsvp import rsvp_create
from organizing.coalitions.services.coalitions import _write_points, coalition_create
from organizing.collectives.models import CollectiveStatus, Membership, MembershipRole
from organizing.collectives.services.members import join_request_create
from organizing.moderation.services.decisions import action_hide
from tests.conftest import PASSWORD
from tests.factories import POINTS, make_action, make_collective, make_user, propose

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("me:dashboard")
HIDING = "It publishes a private home address."


def fill(person, mod, n: int, *, tag: str = "") -> dict:
    """`n` rows of every section of `person`'s dashboard: collectives they admin (each with a
    join request, a proposal received, a coalition it coordinates with a request to join and
    new points awaiting consent), actions in every state, RSVPs (the later ones waitlisted)."""
    made = {"collectives": [], "actions": {}}
    for i in range(n):
        key = f"{tag}{n}-{i}"
        mine = make_collective(f"Mine {key}", f"mine-{key}", admin=person)
        made["collectives"].append(mine)
        asker = make_user(f"asker-{key}@example.org", display_name=f"Asker {key}")
        join_request_create(collective=mine, user=asker, message="Let me in")
        other_admin = make_user(f"other-{key}@example.org", display_name=f"Other {key}")
        other = make_collective(f"Other {key}", f"other-{key}", admin=other_admin)
        propose(other, mine, other_admin, coalition_name=f"Front {key}")
        coalition = coalition_create(
            name=f"Coalition {key}",
            founders=[(mine, person), (other, other_admin)],
            points_of_unity=POINTS,
            created_by=person,
        )
        _write_points(
            coalition=coalition, text=POINTS + "\n3. More.", by=other_admin, for_collective=other
        )
        for status in (ActionStatus.DRAFT, ActionStatus.PENDING_REVIEW, ActionStatus.PUBLISHED):
            made["actions"].setdefault(status, []).append(
                make_action(mine, title=f"{status} {key}", status=status, created_by=person)
            )
        to_hide = make_action(mine, title=f"Hidden {key}", created_by=person)
        action_hide(action=to_hide, moderator=mod, reason=HIDING)
        make_action(mine, title=f"Past {key}", starts_in=timedelta(days=-30))
        going = make_action(other, title=f"Going {key}", capacity=1)
        if i % 2:  # full: person waits behind someone else
            rsvp_create(action=going, name="First", email=f"first-{key}@example.net")
            rsvp_create(action=going, name="First", user=make_user(f"first-{key}@example.org"))
        rsvp_create(action=going, name="", user=person)
    return made


def count_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(DASHBOARD)
    assert response.status_code == 200
    return len(queries)


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_login_lands_on_the_dashboard(client, alice):
    response = client.post(reverse("account_login"), {"login": alice.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == DASHBOARD


def test_login_still_follows_next(client, alice, collective):
    url = reverse("account_login") + "?next=" + collective.get_absolute_url()
    response = client.post(url, {"login": alice.email, "password": PASSWORD})
    assert response["Location"] == collective.get_absolute_url()


def test_the_menu_leads_with_the_dashboard_when_signed_in(client, alice):
    client.force_login(alice)
    page = client.get(reverse("pages:home")).content.decode()
    menu = page.split('id="main-nav"', 1)[1]
    assert menu.index(f'href="{DASHBOARD}"') < menu.index(f'href="{reverse("actions:browse")}"')
    client.logout()
    assert f'href="{DASHBOARD}"' not in client.get(reverse("pages:home")).content.decode()


def test_a_newcomer_is_told_what_to_do_next(client, charlie):
    client.force_login(charlie)
    page = client.get(DASHBOARD).content.decode()
    assert "You are not part of a collective yet" in page
    assert reverse("collectives:register") in page
    assert reverse("collectives:directory") in page
    assert "You have no RSVP to an upcoming action" in page
    assert reverse("actions:browse") in page
    assert "No action of yours yet" in page


def test_my_collectives_show_role_status_and_what_waits(client, alice, bob, collective, mod):
    pending = make_collective("Pending Group", "pending-group", status=CollectiveStatus.PENDING)
    Membership.objects.create(user=alice, collective=pending, role=MembershipRole.ORGANIZER)
    suspended = make_collective("Gone Group", "gone-group", status=CollectiveStatus.SUSPENDED)
    Membership.objects.create(user=alice, collective=suspended, role=MembershipRole.MEMBER)
    join_request_create(collective=collective, user=make_user("asker@example.org"))
    other_admin = make_user("dave@example.org", display_name="Dave")
    other = make_collective("Ottawa Postal Workers", "ottawa-postal", admin=other_admin)
    propose(other, collective, other_admin)
    coalition = coalition_create(
        name="Ceasefire Front",
        founders=[(collective, alice), (other, other_admin)],
        points_of_unity=POINTS,
        created_by=alice,
    )
    _write_points(coalition=coalition, text=POINTS + "\n3.", by=other_admin, for_collective=other)

    client.force_login(alice)
    page = client.get(DASHBOARD).content.decode()
    assert "Pending verification" in page and "Verified" in page and "Suspended" in page
    assert "Your role: Admin" in page and "Your role: Organizer" in page
    assert "1 join request to decide" in page
    assert reverse("collectives:members", args=[collective.slug]) in page
    assert "1 item waits in the inbox" in page
    assert reverse("partners:inbox", args=[collective.slug]) in page
    assert "Points of unity of Ceasefire Front (version 2) await your consent" in page
    assert reverse("moderation_decisions:collective", args=[suspended.slug]) in page
    assert "Ceasefire Front" in page.split('id="my-coalitions"')[1]

    # Bob is a plain member: he decides nothing, so nothing waits for him.
    client.force_login(bob)
    page = client.get(DASHBOARD).content.decode()
    assert "Your role: Member" in page
    assert "join request" not in page and "inbox" not in page
    assert "await your consent" not in page


def test_my_actions_by_state_with_the_moderators_reason(client, alice, bob, collective, mod):
    draft = make_action(collective, title="Draft vigil", status=ActionStatus.DRAFT)
    review = make_action(collective, title="Vigil in review", status=ActionStatus.PENDING_REVIEW)
    upcoming = make_action(collective, title="Vigil to come")
    past = make_action(collective, title="Vigil gone by", starts_in=timedelta(days=-10))
    hidden = make_action(collective, title="Vigil at a home")
    action_hide(action=hidden, moderator=mod, reason=HIDING)
    elsewhere = make_collective("Elsewhere", "elsewhere")
    make_action(elsewhere, title="Not mine", status=ActionStatus.DRAFT)

    client.force_login(alice)
    page = client.get(DASHBOARD).content.decode()
    actions = page.split('id="my-actions"')[1]
    for action in (draft, review, upcoming, past, hidden):
        assert action.get_absolute_url() in actions
    assert "Not mine" not in page
    assert HIDING in actions
    assert reverse("moderation_decisions:action", args=[hidden.slug]) in actions
    decision = hidden_decision(hidden)
    assert reverse("moderation_decisions:review", args=[collective.slug, decision.pk]) in actions
    assert actions.index("Draft vigil") < actions.index("Vigil to come")

    # A plain member organizes nothing: the collective's actions are not "theirs".
    client.force_login(bob)
    assert "Draft vigil" not in client.get(DASHBOARD).content.decode()


def hidden_decision(action):
    from organizing.moderation.models import Decision

    return Decision.objects.get(target_kind="action", target_id=action.pk)


def test_the_actions_i_created_are_mine_too(client, charlie, collective):
    make_action(collective, title="Posted by Charlie", created_by=charlie)
    client.force_login(charlie)
    assert "Posted by Charlie" in client.get(DASHBOARD).content.decode()


def test_my_rsvps_with_cancel_and_waitlist_position(client, alice, bob, charlie, collective):
    full = make_action(collective, title="Small vigil", capacity=1)
    rsvp_create(action=full, name="", user=bob)
    ahead = rsvp_create(action=full, name="", user=charlie)
    mine = rsvp_create(action=full, name="", user=alice)
    open_one = make_action(collective, title="Big march")
    going = rsvp_create(action=open_one, name="", user=alice)
    gone = make_action(collective, title="Old march", starts_in=timedelta(days=-3))
    rsvp_create(action=gone, name="", user=alice)
    assert (ahead.status, mine.status) == (RsvpStatus.WAITLISTED, RsvpStatus.WAITLISTED)

    client.force_login(alice)
    rsvps = rsvps_section(client)
    assert "Small vigil" in rsvps and "Big march" in rsvps
    assert "Old march" not in rsvps
    assert "number 2 on the waitlist" in rsvps
    cancel = reverse("actions:rsvp_cancel", args=[going.token])
    assert f'action="{cancel}"' in rsvps
    response = client.post(cancel)
    assert response.status_code == 302
    going.refresh_from_db()
    assert going.status == RsvpStatus.CANCELLED
    assert "Big march" not in rsvps_section(client)


def rsvps_section(client) -> str:
    return client.get(DASHBOARD).content.decode().split('id="my-rsvps"')[1].split("</section>")[0]


def test_only_my_own_things(client, alice, charlie, collective):
    make_action(collective, title="Alice's vigil", status=ActionStatus.DRAFT, created_by=alice)
    rsvp_create(action=make_action(collective, title="Alice goes"), name="", user=alice)
    client.force_login(charlie)
    page = client.get(DASHBOARD).content.decode()
    assert "Alice" not in page and collective.name not in page


def test_sections_are_bounded(client, alice, mod):
    fill(alice, mod, 7)
    client.force_login(alice)
    page = client.get(DASHBOARD).content.decode()
    assert page.count('class="list-group-item px-0 dashboard-draft"') == 5
    assert page.count("dashboard-rsvp") == 5
    assert page.count("dashboard-collective") == 7
    assert reverse("me:actions", args=["drafts"]) in page
    assert reverse("me:rsvps") in page
    assert reverse("me:actions", args=["withheld"]) in page


def test_the_full_lists_hold_every_row_a_page_at_a_time(client, alice, mod):
    fill(alice, mod, 7)
    client.force_login(alice)
    drafts = client.get(reverse("me:actions", args=["drafts"])).content.decode()
    assert drafts.count('class="list-group-item px-0 my-action"') == 7
    withheld = client.get(reverse("me:actions", args=["withheld"])).content.decode()
    assert withheld.count("dashboard-withheld") == 7 and withheld.count(HIDING) == 7
    rsvps = client.get(reverse("me:rsvps")).content.decode()
    assert rsvps.count("dashboard-rsvp") == 7
    assert client.get(reverse("me:actions", args=["junk"])).status_code == 404


def test_the_full_lists_are_only_mine(client, alice, charlie, collective):
    make_action(collective, title="Alice's draft", status=ActionStatus.DRAFT, created_by=alice)
    rsvp_create(action=make_action(collective, title="Alice goes"), name="", user=alice)
    client.force_login(charlie)
    for url in (reverse("me:actions", args=["drafts"]), reverse("me:rsvps")):
        assert "Alice" not in client.get(url).content.decode()


@pytest.mark.parametrize("state", ["withheld", "drafts", "upcoming"])
def test_the_full_lists_query_count_does_not_grow(client, alice, bob, mod, state):
    fill(alice, mod, 1, tag="a")
    fill(bob, mod, 10, tag="b")
    counts = []
    for person in (alice, bob):
        client.force_login(person)
        for url in (reverse("me:actions", args=[state]), reverse("me:rsvps")):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            counts.append(len(queries))
    assert counts[:2] == counts[2:]


def test_the_query_count_does_not_grow_with_the_rows(client, alice, bob, mod):
    fill(alice, mod, 1, tag="a")
    fill(bob, mod, 10, tag="b")
    client.force_login(alice)
    one = count_queries(client)
    client.force_login(bob)
    ten = count_queries(client)
    page = client.get(DASHBOARD).content.decode()
    assert "10 join requests" not in page and "1 join request to decide" in page
    assert page.count("dashboard-withheld") == 5
    assert ten == one
    assert ten <= 20
