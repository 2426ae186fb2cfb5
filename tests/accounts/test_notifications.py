"""Notification preferences: each email, a daily digest or off, per kind, at the real email
sites; moderation decisions never off; new RSVPs reach the hosts in a digest by default; the
digest task sends one email per person, in their language, once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from organizing.accounts import notifications
from organizing.accounts.models import (
    DigestItem,
    NotificationDelivery,
    NotificationKind,
    NotificationPreference,
)
from organizing.accounts.notifications import (
    digest_items_purge_concerning,
    notification_delivery,
    notification_send,
)
from organizing.accounts.tasks import notifications_send_digests
from organizing.actions.models import Rsvp
from organizing.actions.services.rsvp import rsvp_anonymize_for_account, rsvp_create
from organizing.celery import app
from organizing.coalitions.services.coalitions import coalition_invite
from organizing.coalitions.services.solidarity import solidarity_call_create
from organizing.collectives.models import CollectiveStatus
from organizing.collectives.services.members import join_request_create
from organizing.moderation.services import decisions
from organizing.outbox.models import OutboxMessage
from tests import factories
from tests.factories import add_member, mails_to, make_action, make_collective, make_user

pytestmark = pytest.mark.django_db

EACH, DIGEST, OFF = NotificationDelivery.EACH, NotificationDelivery.DIGEST, NotificationDelivery.OFF


# Each kind at its real email site: (kind, recipient, trigger(request) -> None).


def _join_request(request):
    join_request_create(
        collective=request.getfixturevalue("collective"), user=request.getfixturevalue("charlie")
    )
    return "alice@example.org"


def _proposal(request):
    factories.propose(
        request.getfixturevalue("collective"),
        request.getfixturevalue("partner"),
        request.getfixturevalue("alice"),
    )
    return "dave@example.org"


def _coalition_invitation(request):
    coalition = request.getfixturevalue("coalition")
    coalition_invite(
        coalition=coalition,
        collective=request.getfixturevalue("partner"),
        by=request.getfixturevalue("cora"),
        inviting_collective=request.getfixturevalue("union"),
        message="Join us",
    )
    return "dave@example.org"


def _solidarity_call(request):
    coalition = request.getfixturevalue("coalition")
    collective = request.getfixturevalue("collective")
    add_member(coalition, collective, request.getfixturevalue("alice"))
    # The invitation and its answer were emails too: count from here.
    OutboxMessage.objects.all().delete()
    DigestItem.objects.all().delete()
    action = make_action(collective, title="Vigil at city hall")
    solidarity_call_create(
        action=action,
        coalition=coalition,
        collective=collective,
        by=request.getfixturevalue("alice"),
        message="Bring banners",
    )
    return "cora@example.org"


def _moderation_decision(request):
    pending = make_collective(
        "Pending Collective",
        "pending-collective",
        admin=request.getfixturevalue("dave"),
        status=CollectiveStatus.PENDING,
    )
    decisions.collective_verify(collective=pending, moderator=request.getfixturevalue("mod"))
    return "dave@example.org"


def _new_rsvp(request):
    action = make_action(request.getfixturevalue("collective"), title="Vigil at city hall")
    rsvp_create(action=action, name="Charlie", user=request.getfixturevalue("charlie"))
    return "alice@example.org"


SITES = {
    "join_request": (NotificationKind.JOIN_REQUESTS, _join_request),
    "proposal": (NotificationKind.PROPOSALS, _proposal),
    "coalition_invitation": (NotificationKind.PROPOSALS, _coalition_invitation),
    "solidarity_call": (NotificationKind.SOLIDARITY_CALLS, _solidarity_call),
    "moderation_decision": (NotificationKind.MODERATION_DECISIONS, _moderation_decision),
    "new_rsvp": (NotificationKind.NEW_RSVPS, _new_rsvp),
}
RECIPIENTS = {
    "join_request": "alice",
    "proposal": "dave",
    "coalition_invitation": "dave",
    "solidarity_call": "cora",
    "moderation_decision": "dave",
    "new_rsvp": "alice",
}


def _choose(user, kind, delivery):
    NotificationPreference.objects.update_or_create(
        user=user, kind=kind, defaults={"delivery": delivery}
    )


@pytest.mark.parametrize("site", SITES)
@pytest.mark.parametrize("delivery", [EACH, DIGEST, OFF])
def test_each_kind_is_routed_as_chosen_at_its_email_site(request, site, delivery):
    kind, trigger = SITES[site]
    recipient = request.getfixturevalue(RECIPIENTS[site])
    _choose(recipient, kind, delivery)

    address = trigger(request)

    assert address == recipient.email
    emails = mails_to(address).count()
    items = DigestItem.objects.filter(user=recipient, kind=kind).count()
    if delivery == EACH:
        assert (emails, items) == (1, 0)
    elif delivery == DIGEST:
        assert (emails, items) == (0, 1)
    elif kind == NotificationKind.MODERATION_DECISIONS:  # never off: each instead
        assert (emails, items) == (1, 0)
    else:
        assert (emails, items) == (0, 0)


@pytest.mark.parametrize("site", SITES)
def test_defaults_each_except_new_rsvps_in_a_digest(request, site):
    kind, trigger = SITES[site]
    recipient = request.getfixturevalue(RECIPIENTS[site])
    trigger(request)
    emails = mails_to(recipient.email).count()
    items = DigestItem.objects.filter(user=recipient, kind=kind).count()
    if kind == NotificationKind.NEW_RSVPS:
        assert (emails, items) == (0, 1)
    else:
        assert (emails, items) == (1, 0)


def test_moderation_decisions_are_never_off(alice):
    _choose(alice, NotificationKind.MODERATION_DECISIONS, OFF)
    assert notification_delivery(alice, NotificationKind.MODERATION_DECISIONS) == EACH
    assert notification_delivery(alice, NotificationKind.NEW_RSVPS) == DIGEST


def test_an_address_without_an_account_gets_the_plain_email(db):
    sent = notification_send(
        kind=NotificationKind.JOIN_REQUESTS,
        template="notification_digest",
        context={"items": [], "preferences_url": "x"},
        to="nobody@example.net",
    )
    assert sent == 1 and mails_to("nobody@example.net").count() == 1


def test_the_host_email_names_no_attendee_address(alice, charlie, collective):
    _choose(alice, NotificationKind.NEW_RSVPS, EACH)
    action = make_action(collective, title="Vigil at city hall")
    rsvp_create(action=action, name="", email="secret.attendee@example.net")
    # Not yet confirmed: the hosts hear nothing.
    assert not mails_to("alice@example.org").exists()
    rsvp = Rsvp.objects.get(email="secret.attendee@example.net")
    from organizing.actions.services.rsvp import rsvp_confirm

    rsvp_confirm(rsvp=rsvp)
    rsvp_create(action=action, name="Charlie", user=charlie)
    first, second = mails_to("alice@example.org")
    assert "secret.attendee" not in first.subject + first.body_text + first.body_html
    assert "Someone will take part" in first.body_text and "one RSVP" in first.body_text
    assert f"/actions/{action.slug}/attendees/" in first.body_text
    assert "Charlie will take part" in second.body_text and "2 RSVPs" in second.body_text
    assert first.concerns == f"rsvp:{rsvp.pk}"


def test_an_admin_is_not_told_of_their_own_rsvp(alice, collective):
    action = make_action(collective, title="Vigil at city hall")
    rsvp_create(action=action, name="Alice", user=alice)
    assert not DigestItem.objects.exists()


def test_erasing_an_rsvp_erases_the_digest_items_about_it(alice, charlie, collective):
    action = make_action(collective, title="Vigil at city hall")
    rsvp = rsvp_create(action=action, name="Charlie", user=charlie)
    item = DigestItem.objects.get(user=alice)
    assert item.concerns == f"rsvp:{rsvp.pk}" and "Charlie" in item.body_text
    DigestItem.objects.create(user=alice, kind="join_requests", subject="Other", body_text="x")

    rsvp_anonymize_for_account(user=charlie)

    assert list(DigestItem.objects.values_list("subject", flat=True)) == ["Other"]
    assert digest_items_purge_concerning(concerns=[]) == 0


def _hold(user, subject, kind=NotificationKind.NEW_RSVPS):
    return DigestItem.objects.create(user=user, kind=kind, subject=subject, body_text=f"{subject}!")


def test_digest_task_sends_one_email_per_person_then_nothing(alice, bob):
    _hold(alice, "First for alice")
    _hold(alice, "Second for alice", NotificationKind.JOIN_REQUESTS)
    _hold(bob, "One for bob")

    assert notifications_send_digests() == 2

    [to_alice] = mails_to("alice@example.org")
    [to_bob] = mails_to("bob@example.org")
    assert to_alice.subject == "Your daily digest"
    body = to_alice.body_text
    assert body.index("First for alice") < body.index("Second for alice")
    assert "One for bob" not in body and "One for bob" in to_bob.body_text
    assert "/me/notifications/" in body
    assert not DigestItem.objects.exists()
    # A re-run (or a retry) sends nothing.
    assert notifications_send_digests() == 0
    assert OutboxMessage.objects.count() == 2


def test_digest_is_written_in_the_persons_language(alice, bob, monkeypatch):
    alice.language = "fr"
    alice.save(update_fields=["language"])
    _hold(alice, "Pour alice")
    _hold(bob, "For bob")
    seen = {}
    real = notifications.outbox_enqueue_template

    def spy(**kwargs):
        seen[kwargs["to"]] = translation.get_language()
        return real(**kwargs)

    monkeypatch.setattr(notifications, "outbox_enqueue_template", spy)
    with translation.override("en"):
        notifications_send_digests()
        assert translation.get_language() == "en"
    assert seen == {"alice@example.org": "fr", "bob@example.org": "en"}


def test_digest_queries_do_not_grow_with_the_items(alice):
    for number in range(2):
        _hold(alice, f"Item {number}")
    with CaptureQueriesContext(connection) as few:
        notifications.digest_send(user_id=alice.pk)
    for number in range(20):
        _hold(alice, f"Item {number}")
    with CaptureQueriesContext(connection) as many:
        notifications.digest_send(user_id=alice.pk)
    assert len(many) == len(few)


def test_many_recipients_cost_one_preference_query(db):
    users = [make_user(f"admin{n}@example.org") for n in range(6)]
    with CaptureQueriesContext(connection) as queries:
        notifications.notification_deliveries(users, NotificationKind.PROPOSALS)
    assert len(queries) == 1


def test_digest_task_is_in_the_beat_schedule():
    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert "organizing.accounts.tasks.notifications_send_digests" in tasks


def _is_japanese(text: str) -> bool:
    return any("\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff" for c in text)


@pytest.mark.parametrize("site", SITES)
def test_each_kind_is_written_in_its_recipients_language(request, site):
    """The people who cause an email browse in English; its recipient prefers Japanese."""
    kind, trigger = SITES[site]
    recipient = request.getfixturevalue(RECIPIENTS[site])
    recipient.language = "ja"
    recipient.save(update_fields=["language"])
    _choose(recipient, kind, EACH)

    with translation.override("en"):
        trigger(request)

    email = mails_to(recipient.email).get()
    assert _is_japanese(email.subject), email.subject
    assert _is_japanese(email.body_text)


def test_without_a_preference_an_email_is_in_the_sites_language(request):
    _kind, trigger = SITES["join_request"]
    alice = request.getfixturevalue("alice")
    with translation.override("ja"):
        trigger(request)
    email = mails_to(alice.email).get()
    assert not _is_japanese(email.subject + email.body_text)
