"""Invitations: signed single-use links, the accept page, and every way a link can go bad."""

import re
import time
from datetime import timedelta
from unittest import mock

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from organizing.collectives.models import (
    Invitation,
    Membership,
    MembershipEvent,
    MembershipEventKind,
    MembershipRole,
)
from organizing.collectives.services.members import (
    InvitationExpired,
    InvitationRevoked,
    InvitationTampered,
    InvitationUsed,
    MembershipError,
    invitation_accept,
    invitation_create,
    invitation_from_token,
    invitation_revoke,
    invitation_token,
)
from organizing.outbox.models import OutboxMessage
from tests.conftest import enable_two_factor, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation(collective, alice):
    return invitation_create(
        collective=collective,
        invited_by=alice,
        email="dave@example.org",
        role=MembershipRole.ORGANIZER,
    )


def accept_url(invitation):
    return reverse("collectives:invitation_accept", kwargs={"token": invitation_token(invitation)})


def written():
    return (
        Membership.objects.count(),
        MembershipEvent.objects.count(),
        Invitation.objects.filter(accepted_at__isnull=False).count(),
    )


def test_invite_accept_journey(client, collective, alice, settings):
    """Invite by email → the email carries the link → a new person signs up and accepts."""
    enable_two_factor(alice)
    client.force_login(alice)
    response = client.post(
        reverse("collectives:invite", args=[collective.slug]),
        {"email": " Dave@Example.org ", "role": "organizer"},
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.invited_by) == (
        "dave@example.org",
        MembershipRole.ORGANIZER,
        alice,
    )
    assert invitation.expires_at > timezone.now() + timedelta(days=6)
    assert MembershipEvent.objects.filter(kind=MembershipEventKind.INVITED, actor=alice).exists()

    mail = OutboxMessage.objects.get()
    assert mail.to == "dave@example.org"
    assert collective.name in mail.subject
    link = re.search(
        rf"{re.escape(settings.SITE_URL)}(/collectives/invitations/\S+/)", mail.body_text
    ).group(1)

    client.logout()
    page = client.get(link)
    assert page.status_code == 200
    assert f"{reverse('account_signup')}?next=" in page.content.decode()
    assert "dave@example.org" not in page.content.decode()

    dave = make_user("dave@example.org", display_name="Dave")  # as sign-up leaves them
    client.force_login(dave)
    assert "Accept the invitation" in client.get(link).content.decode()
    response = client.post(link)
    assert response.url == reverse("collectives:members", args=[collective.slug])
    assert Membership.objects.get(user=dave, collective=collective).role == "organizer"
    invitation.refresh_from_db()
    assert (invitation.accepted_by, invitation.accepted_at is not None) == (dave, True)
    event = MembershipEvent.objects.get(kind=MembershipEventKind.JOINED)
    assert (event.actor, event.subject, event.detail) == (dave, dave, "organizer")


@pytest.mark.parametrize("who", ["anonymous", "charlie", "bob", "alice", "mod"])
def test_accept_page_access(client_as, invitation, who):
    response = client_as(who).get(accept_url(invitation))
    assert response.status_code == 200
    page = response.content.decode()
    if who == "anonymous":
        assert reverse("account_login") in page and "Accept the invitation" not in page
    elif who in ("bob", "alice"):
        assert "already a member" in page and "Accept the invitation" not in page
    else:
        assert "Accept the invitation" in page


def test_anonymous_post_joins_nobody(client, invitation):
    before = written()
    assert client.post(accept_url(invitation)).status_code == 200
    assert written() == before


# --- links that cannot be used ---------------------------------------------------------------


def expire(invitation):
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())


def revoke(invitation):
    invitation_revoke(invitation=invitation, revoked_by=invitation.invited_by)


def use(invitation):
    invitation_accept(invitation=invitation, user=make_user("first@example.org"))


@pytest.mark.parametrize(
    ("spoil", "status", "text"),
    [(expire, 410, "has expired"), (revoke, 410, "was withdrawn"), (use, 410, "already used")],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_spent_link_gets_a_clear_page(client_as, invitation, spoil, status, text, method):
    url = accept_url(invitation)
    spoil(invitation)
    before = written()
    response = getattr(client_as("charlie"), method)(url)
    assert response.status_code == status
    assert text in response.content.decode()
    assert written() == before
    assert not Membership.objects.filter(user__email="charlie@example.org").exists()


def test_link_older_than_seven_days_is_expired_even_if_the_row_says_otherwise(
    client_as, invitation
):
    eight_days_ago = time.time() - 8 * 24 * 3600
    with mock.patch("django.core.signing.time.time", return_value=eight_days_ago):
        url = accept_url(invitation)
    response = client_as("charlie").post(url)
    assert response.status_code == 410
    assert "has expired" in response.content.decode()
    assert not Membership.objects.filter(user__email="charlie@example.org").exists()


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        lambda token: signing.dumps({"invitation": 1}, salt="another-salt"),
        lambda token: "not-a-token",
    ],
    ids=["altered", "other-salt", "garbage"],
)
def test_tampered_link_gets_400(client_as, invitation, tamper):
    url = reverse(
        "collectives:invitation_accept", kwargs={"token": tamper(invitation_token(invitation))}
    )
    before = written()
    response = client_as("charlie").post(url)
    assert response.status_code == 400
    assert "is not valid" in response.content.decode()
    assert written() == before


def test_token_for_a_deleted_invitation_reads_as_withdrawn(invitation):
    token = invitation_token(invitation)
    invitation.delete()
    with pytest.raises(InvitationRevoked):
        invitation_from_token(token)


@pytest.mark.parametrize(
    ("spoil", "error"),
    [(expire, InvitationExpired), (revoke, InvitationRevoked), (use, InvitationUsed)],
)
def test_token_errors_say_why(invitation, spoil, error):
    token = invitation_token(invitation)
    spoil(invitation)
    with pytest.raises(error):
        invitation_from_token(token)


def test_tampered_token_error():
    with pytest.raises(InvitationTampered):
        invitation_from_token("x:y:z")


def test_stale_invitation_object_cannot_be_accepted_twice(invitation, charlie):
    """Two clicks racing with the same loaded invitation: the row lock makes the second fail."""
    invitation_accept(invitation=invitation, user=charlie)
    with pytest.raises(InvitationUsed):
        invitation_accept(invitation=invitation, user=make_user("other@example.org"))


# --- who accepts -----------------------------------------------------------------------------


def test_other_address_may_accept_and_admins_see_it(client_as, invitation, collective, charlie):
    client = client_as("charlie")
    assert "different email address" in client.get(accept_url(invitation)).content.decode()
    client.post(accept_url(invitation))
    assert Membership.objects.filter(user=charlie, collective=collective).exists()
    detail = MembershipEvent.objects.get(kind=MembershipEventKind.JOINED).detail
    assert "dave@example.org" in detail and "another address" in detail


def test_unverified_account_cannot_accept(client, invitation):
    unverified = make_user("dave@example.org", verified=False)
    client.force_login(unverified)
    before = written()
    response = client.post(accept_url(invitation), follow=True)
    assert "confirm your email address" in response.content.decode()
    assert written() == before


def test_member_accepting_keeps_their_role_and_spends_the_link(invitation, collective, bob):
    before = MembershipEvent.objects.count()
    invitation_accept(invitation=invitation, user=bob)
    assert Membership.objects.get(user=bob, collective=collective).role == MembershipRole.MEMBER
    assert MembershipEvent.objects.count() == before
    with pytest.raises(InvitationUsed):
        invitation_from_token(invitation_token(invitation))


# --- creating and revoking -------------------------------------------------------------------


@pytest.mark.parametrize("email", ["bob@example.org", "BOB@example.org"])
def test_inviting_a_member_is_refused(collective, alice, email):
    with pytest.raises(MembershipError):
        invitation_create(collective=collective, invited_by=alice, email=email, role="member")
    assert not Invitation.objects.exists() and not OutboxMessage.objects.exists()


def test_inviting_a_member_through_the_page_shows_the_error(client_as, collective, alice):
    enable_two_factor(alice)
    response = client_as("alice").post(
        reverse("collectives:invite", args=[collective.slug]),
        {"email": "bob@example.org", "role": "member"},
    )
    assert response.status_code == 200
    assert "already a member" in str(response.context["invite_form"].errors["email"])
    assert not Invitation.objects.exists()


def test_second_open_invitation_to_the_same_address_is_refused(invitation, collective, alice):
    with pytest.raises(MembershipError):
        invitation_create(
            collective=collective, invited_by=alice, email="DAVE@example.org", role="member"
        )
    revoke(invitation)
    invitation_create(
        collective=collective, invited_by=alice, email="dave@example.org", role="member"
    )
    assert Invitation.objects.count() == 2


def test_revoke_through_the_page(client_as, invitation, collective, alice):
    enable_two_factor(alice)
    url = reverse("collectives:invitation_revoke", args=[collective.slug, invitation.pk])
    client_as("alice").post(url)
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert MembershipEvent.objects.filter(kind=MembershipEventKind.INVITATION_REVOKED).exists()
    before = written(), MembershipEvent.objects.count()
    response = client_as("alice").post(url, follow=True)
    assert "no longer open" in response.content.decode()
    assert (written(), MembershipEvent.objects.count()) == before
