"""Delete my account (/me/delete/): the rules on the page, each of them applied."""

import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.http import QueryDict
from django.test import Client
from django.urls import reverse

from organizing.accounts.models import User
from organizing.actions.models import Action, Rsvp
from organizing.actions.services.rsvp import rsvp_create
from organizing.alerts.models import ActionAlert, Follow
from organizing.alerts.services import alert_subscribe, follow_subscribe
from organizing.collectives.models import Invitation, Membership, MembershipEvent
from organizing.collectives.services.members import invitation_create
from organizing.moderation.models import Report, ReportCase
from organizing.moderation.services import decisions
from organizing.outbox.models import OutboxMessage, OutboxStatus
from organizing.outbox.services import outbox_enqueue
from organizing.partners.models import PartnershipProposal
from tests import factories
from tests.conftest import enable_two_factor, totp_code

pytestmark = pytest.mark.django_db

URL = "/me/delete/"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


def subscribe(email: str):
    return alert_subscribe(email=email, params=QueryDict("place=Montréal&radius=25"), language="en")


def delete(client, **data):
    return client.post(URL, {"password": factories.PASSWORD, **data})


def test_url_names():
    assert reverse("me:delete") == URL
    assert reverse("me:goodbye") == "/me/delete/done/"


def test_anonymous_is_sent_to_log_in(client):
    assert "/login/" in client.get(URL)["Location"]
    assert "/login/" in client.post(URL)["Location"]


def test_page_writes_the_rules(client, bob):
    client.force_login(bob)
    page = client.get(URL).content.decode()
    assert "What is erased" in page and "What is kept, without your name" in page
    assert 'name="password"' in page
    assert 'name="code"' not in page  # two-factor is off


def test_wrong_password_deletes_nothing(client, bob, collective):
    client.force_login(bob)
    response = client.post(URL, {"password": "not my password"})
    assert response.status_code == 200
    assert "This is not your password." in response.content.decode()
    assert User.objects.filter(pk=bob.pk).exists()


def test_two_factor_code_is_asked_and_checked(client, bob, collective):
    secret = enable_two_factor(bob)
    client.force_login(bob)
    assert 'name="code"' in client.get(URL).content.decode()
    assert delete(client).status_code == 200  # no code
    assert delete(client, code="000000").status_code == 200  # a wrong code
    assert User.objects.filter(pk=bob.pk).exists()
    response = delete(client, code=totp_code(secret))
    assert response.status_code == 302
    assert not User.objects.filter(pk=bob.pk).exists()


def test_last_admin_is_refused_with_a_way_out(client, alice, bob, collective):
    client.force_login(alice)
    page = client.get(URL).content.decode()
    assert "You are the last admin of a collective" in page
    assert reverse("collectives:members", args=[collective.slug]) in page
    assert reverse("collectives:delete", args=[collective.slug]) in page
    assert 'name="password"' not in page
    assert delete(client).status_code == 200
    assert User.objects.filter(pk=alice.pk).exists()
    # Once bob is admin too, alice may go.
    Membership.objects.filter(user=bob).update(role="admin")
    assert delete(client)["Location"] == reverse("me:goodbye")
    assert not User.objects.filter(pk=alice.pk).exists()
    assert Membership.objects.filter(collective=collective, user=bob, role="admin").exists()


def test_a_moderator_with_decisions_is_refused(client, mod, collective):
    action = factories.make_action(collective)
    decisions.action_hide(action=action, moderator=mod, reason="Test.")
    client.force_login(mod)
    assert "audit trail" in client.get(URL).content.decode()
    assert User.objects.filter(pk=mod.pk).exists()


def test_deletion_applies_every_rule_and_leaves_others_untouched(
    client, alice, bob, charlie, dave, collective, partner, gazetteer
):
    Membership.objects.filter(user=bob).update(role="admin")
    bob = User.objects.get(pk=bob.pk)
    # bob's records: an upcoming RSVP holding the last place, a past one, an action he
    # posted, a proposal, a report, an alert, an email queued and one sent to him.
    full = factories.make_action(collective, title="Full vigil", capacity=1, created_by=bob)
    past = factories.make_action(collective, title="Past vigil", starts_in=-dt.timedelta(days=40))
    mine = rsvp_create(action=full, name="Bobby", user=bob)
    Rsvp.objects.create(
        action=past, user=bob, name="Bobby", email=bob.email, status="confirmed", token="b" * 40
    )
    waiting = rsvp_create(action=full, name="Charlie", user=charlie)
    assert (mine.status, waiting.status) == ("confirmed", "waitlisted")
    proposal = factories.propose(collective, partner, bob)
    case = ReportCase.objects.create(target_kind="action", target_slug=full.slug)
    report = Report.objects.create(
        case=case, target_kind="action", target_slug=full.slug, reason="fake", reporter=bob
    )
    subscribe("bob@example.org")
    subscribe("charlie@example.org")
    follow_subscribe(email="bob@example.org", target=collective, language="en")
    queued = outbox_enqueue(to="bob@example.org", subject="Queued for Bob", body_text="Hi Bob")
    OutboxMessage.objects.filter(pk=queued.pk).update(status=OutboxStatus.PENDING)
    sent = outbox_enqueue(to="bob@example.org", subject="Sent to Bob", body_text="Hi again")
    OutboxMessage.objects.filter(pk=sent.pk).update(status=OutboxStatus.SENT)
    to_charlie = OutboxMessage.objects.filter(to="charlie@example.org").count()
    invitation_create(collective=partner, invited_by=dave, email="bob@example.org")
    invitation_create(collective=collective, invited_by=alice, email="charlie@example.org")
    other_device = Client()
    other_device.force_login(bob)
    alice_session = Client()
    alice_session.force_login(alice)
    client.force_login(bob)

    response = delete(client)

    assert response["Location"] == reverse("me:goodbye")
    assert "Goodbye" in client.get(response["Location"]).content.decode()
    assert not User.objects.filter(pk=bob.pk).exists()
    # RSVPs: the upcoming one cancelled, its place passed on; both anonymized.
    for rsvp in Rsvp.objects.filter(pk__in=[mine.pk, Rsvp.objects.get(token="b" * 40).pk]):
        assert rsvp.user_id is None and rsvp.name == "" and rsvp.anonymized_at is not None
        assert rsvp.email == f"anonymized-{rsvp.pk}@invalid"
    assert Rsvp.objects.get(pk=mine.pk).status == "cancelled"
    assert Rsvp.objects.get(action=past, token="b" * 40).status == "confirmed"  # the count
    assert Rsvp.objects.get(pk=waiting.pk).status == "confirmed"
    # Authored records kept, without the name.
    assert Action.objects.get(pk=full.pk).created_by_id is None
    assert PartnershipProposal.objects.get(pk=proposal.pk).proposed_by_id is None
    report.refresh_from_db()
    assert report.reporter_id is None
    # Alerts and emails to the address erased.
    assert not ActionAlert.objects.filter(email="bob@example.org").exists()
    assert not Follow.objects.filter(email="bob@example.org").exists()
    assert not OutboxMessage.objects.filter(to="bob@example.org").exists()
    queued.refresh_from_db()
    assert queued.status == OutboxStatus.CANCELLED and queued.subject == ""
    sent.refresh_from_db()
    assert sent.status == OutboxStatus.SENT and sent.purged_at is not None
    assert sent.body_text == ""
    # Logged out, on every device; no more logging in.
    assert "_auth_user_id" not in client.session
    assert "/login/" in other_device.get("/me/data/")["Location"]
    assert not Client().login(email="bob@example.org", password=factories.PASSWORD)
    # Invitations to the address: erased (and revoked); the history no longer quotes it.
    bobs = Invitation.objects.get(collective=partner)
    assert bobs.email == "erased@erased.invalid" and bobs.revoked_at is not None
    assert not MembershipEvent.objects.filter(detail__contains="bob@example.org").exists()
    assert MembershipEvent.objects.filter(detail__contains="charlie@example.org").exists()
    # The collective's history says a member left, without a name.
    left = MembershipEvent.objects.get(collective=collective, kind="left")
    assert (left.actor_id, left.subject_id, left.detail) == (None, None, "account deleted")
    # Everyone else's data untouched.
    assert ActionAlert.objects.filter(email="charlie@example.org").exists()
    assert Rsvp.objects.get(pk=waiting.pk).email == "charlie@example.org"
    assert Rsvp.objects.get(pk=waiting.pk).user_id == charlie.pk
    assert OutboxMessage.objects.filter(to="charlie@example.org").count() >= to_charlie
    assert Membership.objects.filter(user=alice, collective=collective, role="admin").exists()
    assert alice_session.get("/me/data/").status_code == 200
    assert Session.objects.count() >= 1


def test_deletion_is_rate_limited(client, bob, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "account_delete": "2/h/user"}
    client.force_login(bob)
    statuses = [client.post(URL, {"password": "wrong"}).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
