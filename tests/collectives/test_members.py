"""Member management: access matrix, roles, removal, leaving, join requests, the members page."""

import threading
import time

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.urls import reverse

from organizing.collectives.models import (
    Invitation,
    JoinRequest,
    JoinRequestStatus,
    Membership,
    MembershipEvent,
    MembershipEventKind,
    MembershipRole,
)
from organizing.collectives.services.members import (
    MembershipError,
    invitation_create,
    join_request_create,
    join_request_decide,
    membership_change_role,
    membership_leave,
    membership_remove,
)
from organizing.outbox.models import OutboxMessage
from tests.conftest import enable_two_factor, make_user

pytestmark = pytest.mark.django_db


def members_url(collective):
    return reverse("collectives:members", kwargs={"slug": collective.slug})


def membership(user, collective):
    return Membership.objects.get(user=user, collective=collective)


def written():
    """Rows a refused request must not add."""
    return (
        Membership.objects.count(),
        MembershipEvent.objects.count(),
        Invitation.objects.count(),
        JoinRequest.objects.filter(status=JoinRequestStatus.PENDING).count(),
        OutboxMessage.objects.count(),
    )


@pytest.fixture
def dave(db):
    return make_user("dave@example.org", display_name="Dave")


@pytest.fixture
def targets(collective, alice, bob, dave):
    """One object of each kind the admin views act on, built through the services."""
    invitation = invitation_create(
        collective=collective,
        invited_by=alice,
        email="erin@example.org",
        role=MembershipRole.MEMBER,
    )
    join_request = join_request_create(collective=collective, user=dave, message="Hello")
    return {
        "invitation": invitation,
        "join_request": join_request,
        "bob": membership(bob, collective),
    }


ADMIN_VIEWS = {
    "invite": (
        lambda c, t: reverse("collectives:invite", args=[c.slug]),
        {"email": "new@example.org", "role": "member"},
    ),
    "invitation_revoke": (
        lambda c, t: reverse("collectives:invitation_revoke", args=[c.slug, t["invitation"].pk]),
        {},
    ),
    "change_role": (
        lambda c, t: reverse("collectives:change_role", args=[c.slug, t["bob"].pk]),
        {"role": "organizer"},
    ),
    "remove": (lambda c, t: reverse("collectives:remove", args=[c.slug, t["bob"].pk]), {}),
    "join_request_accept": (
        lambda c, t: reverse(
            "collectives:join_request_decide", args=[c.slug, t["join_request"].pk, "accept"]
        ),
        {},
    ),
    "join_request_decline": (
        lambda c, t: reverse(
            "collectives:join_request_decide", args=[c.slug, t["join_request"].pk, "decline"]
        ),
        {},
    ),
}


# --- access matrix ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 404), ("charlie", 404), ("bob", 200), ("alice", 200), ("mod", 404)],
)
def test_members_page_access(client_as, collective, who, status):
    assert client_as(who).get(members_url(collective)).status_code == status


@pytest.mark.parametrize("view", ADMIN_VIEWS)
@pytest.mark.parametrize(
    ("who", "status"), [("anonymous", 404), ("charlie", 404), ("bob", 403), ("mod", 404)]
)
def test_admin_views_refused_to_non_admins(client_as, collective, targets, view, who, status):
    url, data = ADMIN_VIEWS[view]
    before = written()
    assert client_as(who).post(url(collective, targets), data).status_code == status
    assert written() == before


@pytest.mark.parametrize("view", ADMIN_VIEWS)
def test_admin_without_two_factor_is_sent_to_totp_setup(client_as, collective, targets, view):
    url, data = ADMIN_VIEWS[view]
    before = written()
    response = client_as("alice").post(url(collective, targets), data)
    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa_activate_totp"))
    assert written() == before


@pytest.mark.parametrize("view", ADMIN_VIEWS)
def test_admin_with_two_factor_may_manage(client_as, collective, targets, alice, view):
    enable_two_factor(alice)
    url, data = ADMIN_VIEWS[view]
    events = MembershipEvent.objects.count()
    response = client_as("alice").post(url(collective, targets), data)
    assert response.status_code == 302
    assert response.url == members_url(collective)
    assert MembershipEvent.objects.count() == events + 1


@pytest.mark.parametrize("view", [*ADMIN_VIEWS, "leave"])
def test_state_changing_views_refuse_get(client_as, collective, targets, alice, view):
    enable_two_factor(alice)
    url = (
        reverse("collectives:leave", args=[collective.slug])
        if view == "leave"
        else ADMIN_VIEWS[view][0](collective, targets)
    )
    assert client_as("alice").get(url).status_code == 405


@pytest.mark.parametrize(
    ("who", "status"), [("anonymous", 404), ("charlie", 404), ("mod", 404), ("bob", 302)]
)
def test_leave_access(client_as, collective, who, status):
    before = Membership.objects.count()
    response = client_as(who).post(reverse("collectives:leave", args=[collective.slug]))
    assert response.status_code == status
    assert Membership.objects.count() == before - (1 if status == 302 else 0)


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("charlie", 200), ("mod", 200), ("bob", 302), ("alice", 302)],
)
def test_join_page_access(client_as, collective, who, status):
    response = client_as(who).get(reverse("collectives:join", args=[collective.slug]))
    assert response.status_code == status
    if who == "anonymous":
        assert response.url.startswith(reverse("account_login"))
    elif status == 302:  # already members: sent to the members page
        assert response.url == members_url(collective)


def test_unknown_decision_is_404(client_as, collective, targets, alice):
    enable_two_factor(alice)
    url = reverse(
        "collectives:join_request_decide",
        args=[collective.slug, targets["join_request"].pk, "maybe"],
    )
    assert client_as("alice").post(url).status_code == 404


def test_object_of_another_collective_is_404(client_as, collective, alice, charlie):
    from organizing.collectives.models import Collective, CollectiveKind

    other = Collective.objects.create(name="Other", slug="other", kind=CollectiveKind.PEACE)
    Membership.objects.create(user=charlie, collective=other, role=MembershipRole.MEMBER)
    enable_two_factor(alice)
    url = reverse("collectives:remove", args=[collective.slug, membership(charlie, other).pk])
    assert client_as("alice").post(url).status_code == 404
    assert Membership.objects.filter(user=charlie).exists()


# --- roles -----------------------------------------------------------------------------------


def test_change_role_records_event(client_as, collective, alice, bob):
    enable_two_factor(alice)
    url = reverse("collectives:change_role", args=[collective.slug, membership(bob, collective).pk])
    client_as("alice").post(url, {"role": "organizer"})
    assert membership(bob, collective).role == MembershipRole.ORGANIZER
    event = MembershipEvent.objects.get(kind=MembershipEventKind.ROLE_CHANGED)
    assert (event.actor, event.subject, event.detail) == (alice, bob, "member → organizer")


def test_unknown_role_rerenders_with_error_next_to_field(client_as, collective, alice, bob):
    enable_two_factor(alice)
    bob_membership = membership(bob, collective)
    url = reverse("collectives:change_role", args=[collective.slug, bob_membership.pk])
    before = written()
    response = client_as("alice").post(url, {"role": "overlord"})
    assert response.status_code == 200
    assert "overlord is not one of the available choices" in response.content.decode()
    assert response.context["members"][-1][1].errors  # bob's row carries the error
    assert written() == before


def test_last_admin_cannot_be_demoted(client_as, collective, alice):
    enable_two_factor(alice)
    url = reverse(
        "collectives:change_role", args=[collective.slug, membership(alice, collective).pk]
    )
    before = written()
    response = client_as("alice").post(url, {"role": "member"})
    assert response.status_code == 200
    assert "at least one admin" in response.content.decode()
    assert membership(alice, collective).role == MembershipRole.ADMIN
    assert written() == before


def test_admin_may_step_down_when_another_admin_remains(collective, alice, bob):
    membership_change_role(membership=membership(bob, collective), role="admin", changed_by=alice)
    membership_change_role(
        membership=membership(alice, collective), role="member", changed_by=alice
    )
    # Now bob is the last admin: alice's stale object must not let her demote him.
    with pytest.raises(MembershipError):
        membership_change_role(
            membership=membership(bob, collective), role="member", changed_by=bob
        )
    assert membership(bob, collective).role == MembershipRole.ADMIN


def test_same_role_writes_nothing(collective, alice, bob):
    before = written()
    membership_change_role(membership=membership(bob, collective), role="member", changed_by=alice)
    assert written() == before


# --- removal and leaving ---------------------------------------------------------------------


def test_remove_member_records_event(client_as, collective, alice, bob):
    enable_two_factor(alice)
    url = reverse("collectives:remove", args=[collective.slug, membership(bob, collective).pk])
    client_as("alice").post(url)
    assert not Membership.objects.filter(user=bob, collective=collective).exists()
    event = MembershipEvent.objects.get(kind=MembershipEventKind.REMOVED)
    assert (event.actor, event.subject) == (alice, bob)


def test_last_admin_cannot_be_removed(client_as, collective, alice):
    enable_two_factor(alice)
    url = reverse("collectives:remove", args=[collective.slug, membership(alice, collective).pk])
    before = written()
    response = client_as("alice").post(url, follow=True)
    assert "last admin cannot be removed" in response.content.decode()
    assert written() == before


def test_member_leaves(client_as, collective, bob):
    response = client_as("bob").post(reverse("collectives:leave", args=[collective.slug]))
    assert response.url == collective.get_absolute_url()
    event = MembershipEvent.objects.get(kind=MembershipEventKind.LEFT)
    assert (event.actor, event.subject) == (bob, bob)


def test_last_admin_cannot_leave(client_as, collective, alice):
    before = written()
    response = client_as("alice").post(
        reverse("collectives:leave", args=[collective.slug]), follow=True
    )
    assert "You are the last admin" in response.content.decode()
    assert written() == before


def test_admin_may_leave_when_another_admin_remains(collective, alice, bob):
    membership_change_role(membership=membership(bob, collective), role="admin", changed_by=alice)
    membership_leave(membership=membership(alice, collective))
    assert not Membership.objects.filter(user=alice, collective=collective).exists()


def test_removing_an_already_removed_member_is_refused(collective, alice, bob):
    stale = membership(bob, collective)
    membership_remove(membership=stale, removed_by=alice)
    with pytest.raises(MembershipError):
        membership_remove(membership=stale, removed_by=alice)


# --- join requests ---------------------------------------------------------------------------


def test_join_request_emails_the_admins(client_as, collective, alice, bob, charlie):
    response = client_as("charlie").post(
        reverse("collectives:join", args=[collective.slug]), {"message": "We organize on campus."}
    )
    assert response.status_code == 302
    request = JoinRequest.objects.get(user=charlie)
    assert request.status == JoinRequestStatus.PENDING
    assert request.message == "We organize on campus."
    mail = OutboxMessage.objects.get()
    assert mail.to == alice.email  # the admin, not bob
    assert "Charlie" in mail.body_text and "We organize on campus." in mail.body_text
    assert "charlie@example.org" not in mail.body_text
    assert members_url(collective) in mail.body_text
    assert MembershipEvent.objects.filter(
        kind=MembershipEventKind.REQUESTED, subject=charlie
    ).exists()


def test_second_pending_join_request_is_refused(client_as, collective, charlie):
    join_request_create(collective=collective, user=charlie, message="")
    before = written()
    url = reverse("collectives:join", args=[collective.slug])
    response = client_as("charlie").post(url, {"message": "again"})
    assert response.status_code == 200
    assert "already asked to join" in response.content.decode()
    assert written() == before
    assert "already asked to join" in client_as("charlie").get(url).content.decode()


def test_member_cannot_request_to_join(collective, bob):
    with pytest.raises(MembershipError):
        join_request_create(collective=collective, user=bob, message="")


def test_too_long_join_message_is_refused(client_as, collective):
    before = written()
    response = client_as("charlie").post(
        reverse("collectives:join", args=[collective.slug]), {"message": "x" * 1001}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["message"]
    assert written() == before


def test_join_requests_are_rate_limited(client_as, collective, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "join_request": "1/h/user"}
    client = client_as("charlie")
    url = reverse("collectives:join", args=[collective.slug])
    assert client.post(url, {"message": ""}).status_code == 302
    assert client.post(url, {"message": ""}).status_code == 429


@pytest.mark.parametrize(("decision", "accepted"), [("accept", True), ("decline", False)])
def test_answer_to_join_request_emails_the_requester(
    client_as, collective, alice, charlie, decision, accepted
):
    enable_two_factor(alice)
    request = join_request_create(collective=collective, user=charlie, message="")
    OutboxMessage.objects.all().delete()
    url = reverse("collectives:join_request_decide", args=[collective.slug, request.pk, decision])
    client_as("alice").post(url)
    request.refresh_from_db()
    assert request.status == (
        JoinRequestStatus.ACCEPTED if accepted else JoinRequestStatus.DECLINED
    )
    assert (request.decided_by, request.decided_at is not None) == (alice, True)
    assert Membership.objects.filter(user=charlie, collective=collective).exists() is accepted
    mail = OutboxMessage.objects.get()
    assert mail.to == charlie.email
    assert ("accepted your request" in mail.body_text) is accepted
    kind = (
        MembershipEventKind.REQUEST_ACCEPTED if accepted else MembershipEventKind.REQUEST_DECLINED
    )
    assert MembershipEvent.objects.filter(kind=kind, actor=alice, subject=charlie).exists()


def test_join_request_cannot_be_answered_twice(client_as, collective, alice, charlie):
    enable_two_factor(alice)
    request = join_request_create(collective=collective, user=charlie, message="")
    join_request_decide(join_request=request, decided_by=alice, accept=False)
    before = written()
    url = reverse("collectives:join_request_decide", args=[collective.slug, request.pk, "accept"])
    response = client_as("alice").post(url, follow=True)
    assert "already been answered" in response.content.decode()
    assert written() == before


def test_accepting_someone_who_joined_meanwhile_keeps_one_membership(collective, alice, charlie):
    request = join_request_create(collective=collective, user=charlie, message="")
    Membership.objects.create(user=charlie, collective=collective, role=MembershipRole.ORGANIZER)
    join_request_decide(join_request=request, decided_by=alice, accept=True)
    assert membership(charlie, collective).role == MembershipRole.ORGANIZER


# --- the members page ------------------------------------------------------------------------


def test_members_never_see_emails(client_as, collective, alice):
    sentinel = make_user("sentinel-7f3a@example.org", display_name="Sentinel")
    nameless = make_user("nameless-9c2e@example.org")
    for user in (sentinel, nameless):
        Membership.objects.create(user=user, collective=collective)
    invitation_create(
        collective=collective,
        invited_by=alice,
        email="invitee-4d1b@example.org",
        role=MembershipRole.MEMBER,
    )
    page = client_as("bob").get(members_url(collective)).content.decode()
    assert "Sentinel" in page
    for secret in ("sentinel-7f3a", "nameless-9c2e", "invitee-4d1b", "alice@", "bob@"):
        assert secret not in page
    assert "Send the invitation" not in page and "Change role" not in page


def test_admin_without_two_factor_sees_read_only_page_and_setup_link(client_as, collective):
    page = client_as("alice").get(members_url(collective)).content.decode()
    assert reverse("mfa_activate_totp") in page
    assert "bob@example.org" not in page and "Send the invitation" not in page


def test_admin_with_two_factor_sees_management(client_as, collective, alice, targets):
    enable_two_factor(alice)
    page = client_as("alice").get(members_url(collective)).content.decode()
    for expected in (
        "bob@example.org",
        "erin@example.org",
        "Dave",
        "Hello",
        "Send the invitation",
        "Change role",
        "Revoke",
    ):
        assert expected in page


def test_invalid_invitation_email_rerenders_with_error(client_as, collective, alice):
    enable_two_factor(alice)
    before = written()
    response = client_as("alice").post(
        reverse("collectives:invite", args=[collective.slug]),
        {"email": "not-an-address", "role": "member"},
    )
    assert response.status_code == 200
    assert response.context["invite_form"].errors["email"]
    assert "Enter a valid email address" in response.content.decode()
    assert written() == before


def test_unknown_invitation_role_rerenders_with_error(client_as, collective, alice):
    enable_two_factor(alice)
    before = written()
    response = client_as("alice").post(
        reverse("collectives:invite", args=[collective.slug]),
        {"email": "new@example.org", "role": "overlord"},
    )
    assert response.status_code == 200
    assert response.context["invite_form"].errors["role"]
    assert written() == before


@pytest.mark.parametrize("who", ["alice", "bob"])
def test_members_page_query_budget(
    client_as, collective, alice, who, django_assert_max_num_queries
):
    enable_two_factor(alice)
    for number in range(30):
        user = make_user(f"member{number}@example.org", display_name=f"Member {number}")
        Membership.objects.create(user=user, collective=collective)
        membership_change_role(
            membership=membership(user, collective), role="organizer", changed_by=alice
        )
    for number in range(5):
        invitation_create(
            collective=collective,
            invited_by=alice,
            email=f"invitee{number}@example.org",
            role=MembershipRole.MEMBER,
        )
        join_request_create(
            collective=collective, user=make_user(f"asker{number}@example.org"), message=""
        )
    client = client_as(who)
    with django_assert_max_num_queries(10):
        response = client.get(members_url(collective))
    assert response.status_code == 200
    assert len(response.context["members"]) == 32


@pytest.mark.skipif(not settings.IS_POSTGRESQL, reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_admins_demoting_each_other_at_once_leave_one_admin(collective, alice, bob):
    """Without the lock both would see "another admin remains" and both would step down."""
    membership_change_role(membership=membership(bob, collective), role="admin", changed_by=alice)
    alice_membership, bob_membership = membership(alice, collective), membership(bob, collective)
    outcome = {}

    def bob_steps_down():
        try:
            membership_change_role(membership=bob_membership, role="member", changed_by=bob)
            outcome["bob"] = "demoted"
        except MembershipError:
            outcome["bob"] = "refused"
        finally:
            connection.close()

    with transaction.atomic():
        membership_change_role(membership=alice_membership, role="member", changed_by=alice)
        thread = threading.Thread(target=bob_steps_down)
        thread.start()
        time.sleep(0.5)  # bob's call now waits on the collective row this transaction holds
    thread.join(timeout=10)
    assert outcome == {"bob": "refused"}
    assert Membership.objects.filter(collective=collective, role="admin").count() == 1
