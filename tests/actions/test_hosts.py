"""Co-hosts and supporters, editing and cancelling: who is asked, who is told."""

import secrets

import pytest
from django.urls import reverse

from organizing.actions.models import ActionHost, ActionStatus, HostConsent, Rsvp
from organizing.actions.services import posting as services
from organizing.collectives.models import Collective, CollectiveStatus, Membership
from organizing.outbox.models import OutboxMessage
from tests.conftest import make_user
from tests.factories import edit_data, post_action

pytestmark = pytest.mark.django_db


@pytest.fixture
def action(alice, collective, gazetteer):
    return post_action(alice, collective)


@pytest.fixture
def partner(charlie):
    """A verified collective where charlie is admin and dora a member."""
    partner = Collective.objects.create(
        name="Tokyo Peace Circle",
        slug="tokyo-peace",
        kind="peace",
        status=CollectiveStatus.VERIFIED,
    )
    Membership.objects.create(user=charlie, collective=partner, role="admin")
    dora = make_user("dora@example.org", display_name="Dora")
    Membership.objects.create(user=dora, collective=partner, role="member")
    return partner


def rsvp(action, email, status="confirmed") -> Rsvp:
    return Rsvp.objects.create(
        action=action,
        name=email.split("@")[0],
        email=email,
        status=status,
        token=secrets.token_urlsafe(32),
    )


# Inviting co-hosts and supporters


def test_invitation_emails_the_invited_admins_only(alice, action, partner):
    host = services.action_invite_host(
        action=action, collective=partner, role="co_host", invited_by=alice
    )
    assert host.consent == HostConsent.INVITED
    email = OutboxMessage.objects.get()
    assert email.to == "charlie@example.org"
    assert "Montréal Solidarity Collective" in email.subject
    link = reverse("actions:host_respond", args=[action.slug, host.pk, "accept"])
    assert link in email.body_text


def test_co_host_is_listed_only_after_acceptance(client, alice, charlie, action, partner):
    host = services.action_invite_host(
        action=action, collective=partner, role="co_host", invited_by=alice
    )
    assert "Tokyo Peace Circle" not in client.get(action.get_absolute_url()).content.decode()
    client.force_login(charlie)
    invitation = reverse("actions:host_respond", args=[action.slug, host.pk, "accept"])
    assert "Tokyo Peace Circle" in client.get(invitation).content.decode()
    response = client.post(invitation)
    assert response.status_code == 302 and response["Location"] == action.get_absolute_url()
    client.logout()
    assert "Tokyo Peace Circle" in client.get(action.get_absolute_url()).content.decode()


def test_decline_is_quiet(alice, charlie, action, partner):
    host = services.action_invite_host(
        action=action, collective=partner, role="supporter", invited_by=alice
    )
    emails = OutboxMessage.objects.count()
    services.action_host_respond(host_link=host, user=charlie, accept=False)
    assert ActionHost.objects.get(pk=host.pk).consent == HostConsent.DECLINED
    assert OutboxMessage.objects.count() == emails


def test_decline_through_the_page(client, alice, charlie, action, partner):
    host = services.action_invite_host(
        action=action, collective=partner, role="co_host", invited_by=alice
    )
    client.force_login(charlie)
    client.post(reverse("actions:host_respond", args=[action.slug, host.pk, "decline"]))
    assert ActionHost.objects.get(pk=host.pk).consent == HostConsent.DECLINED
    assert "Tokyo Peace Circle" not in client.get(action.get_absolute_url()).content.decode()


@pytest.mark.parametrize("who", ["alice", "bob"])
def test_only_the_invited_admins_may_answer(client_as, alice, action, partner, who):
    host = services.action_invite_host(
        action=action, collective=partner, role="co_host", invited_by=alice
    )
    url = reverse("actions:host_respond", args=[action.slug, host.pk, "accept"])
    client = client_as(who)
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    with pytest.raises(services.PostingError):
        services.action_host_respond(host_link=host, user=alice, accept=True)
    assert ActionHost.objects.get(pk=host.pk).consent == HostConsent.INVITED


def test_member_of_the_invited_collective_cannot_accept(alice, action, partner):
    host = services.action_invite_host(
        action=action, collective=partner, role="co_host", invited_by=alice
    )
    dora = Membership.objects.get(collective=partner, role="member").user
    with pytest.raises(services.PostingError):
        services.action_host_respond(host_link=host, user=dora, accept=True)


def test_invite_from_the_edit_page(client_as, action, partner):
    url = reverse("actions:edit", args=[action.slug])
    response = client_as("alice").post(
        url, {"intent": "invite", "collective": partner.pk, "role": "supporter"}
    )
    assert response.status_code == 302
    host = ActionHost.objects.get(collective=partner)
    assert (host.role, host.consent) == ("supporter", HostConsent.INVITED)


def test_unverified_collectives_cannot_be_invited(alice, action):
    pending = Collective.objects.create(name="Pending", slug="pending", kind="peace")
    with pytest.raises(services.PostingError):
        services.action_invite_host(
            action=action, collective=pending, role="co_host", invited_by=alice
        )
    assert not ActionHost.objects.filter(collective=pending).exists()


def test_only_organizers_invite(bob, action, partner):
    with pytest.raises(services.PostingError):
        services.action_invite_host(
            action=action, collective=partner, role="co_host", invited_by=bob
        )


# Editing and cancelling


@pytest.mark.parametrize(
    ("who", "status"), [("alice", 200), ("bob", 403), ("charlie", 403), ("mod", 403)]
)
def test_edit_page_for_organizers_only(client_as, action, who, status):
    assert client_as(who).get(reverse("actions:edit", args=[action.slug])).status_code == status


def test_edit_page_of_a_draft_is_404_for_outsiders(client_as, alice, collective, gazetteer):
    draft = post_action(alice, collective, save_as_draft="on")
    assert client_as("charlie").get(reverse("actions:edit", args=[draft.slug])).status_code == 404


def test_editing_the_time_tells_confirmed_participants(client_as, action):
    rsvp(action, "dana@example.org")
    rsvp(action, "eli@example.org", status="pending")
    response = client_as("alice").post(
        reverse("actions:edit", args=[action.slug]), edit_data(action, start_time="19:00")
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.local_starts_at.hour == 19
    email = OutboxMessage.objects.get()
    assert email.to == "dana@example.org"
    assert "19:00" in email.body_text and action.get_absolute_url() in email.body_text


def test_editing_the_description_tells_nobody(client_as, action):
    rsvp(action, "dana@example.org")
    client_as("alice").post(
        reverse("actions:edit", args=[action.slug]), edit_data(action, description="More candles.")
    )
    action.refresh_from_db()
    assert action.description == "More candles."
    assert not OutboxMessage.objects.exists()


def test_bad_edit_changes_nothing(client_as, action):
    before = action.ends_at
    response = client_as("alice").post(
        reverse("actions:edit", args=[action.slug]),
        edit_data(action, end_time="10:00", title="New title"),
    )
    assert response.status_code == 200 and "end_time" in response.context["form"].errors
    action.refresh_from_db()
    assert (action.title, action.ends_at) == ("Vigil for a ceasefire", before)


def test_publish_a_draft(client_as, alice, collective, gazetteer):
    draft = post_action(alice, collective, save_as_draft="on")
    client_as("alice").post(reverse("actions:edit", args=[draft.slug]), {"intent": "publish"})
    draft.refresh_from_db()
    assert draft.status == ActionStatus.PUBLISHED


def test_cancel_tells_confirmed_and_waitlisted_participants(client_as, action):
    rsvp(action, "dana@example.org")
    rsvp(action, "fay@example.org", status="waitlisted")
    rsvp(action, "gus@example.org", status="cancelled")
    url = reverse("actions:cancel", args=[action.slug])
    client = client_as("alice")
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.CANCELLED
    assert sorted(OutboxMessage.objects.values_list("to", flat=True)) == [
        "dana@example.org",
        "fay@example.org",
    ]


def test_member_cannot_cancel(client_as, action):
    assert client_as("bob").post(reverse("actions:cancel", args=[action.slug])).status_code == 403
    action.refresh_from_db()
    assert action.status == ActionStatus.PUBLISHED
