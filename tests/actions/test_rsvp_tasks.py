"""Periodic RSVP work: reminders once, anonymization that keeps the counts, the beat schedule."""

from datetime import timedelta

import pytest
from django.utils import timezone

from organizing.actions import tasks
from organizing.actions.models import Action, Rsvp, RsvpStatus
from organizing.actions.selectors.rsvp import rsvp_counts
from organizing.actions.services.rsvp import rsvp_anonymize_past, rsvp_send_reminders
from organizing.celery import app
from organizing.outbox.models import OutboxMessage
from tests.factories import SECRET_ADDRESS, confirmed, make_action, rsvp_anonymously

pytestmark = pytest.mark.django_db


def reminders():
    return OutboxMessage.objects.filter(subject__startswith="Reminder:")


def test_beat_schedule_has_both_tasks():
    tasks_scheduled = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert "organizing.actions.tasks.rsvp_send_reminders" in tasks_scheduled
    assert "organizing.actions.tasks.rsvp_anonymize_past" in tasks_scheduled


def test_reminders_go_once_to_confirmed_participants(collective):
    now = timezone.now()
    soon = make_action(
        collective,
        starts_at=now + timedelta(hours=24, minutes=30),
        location_visibility="participants",
        capacity=1,
    )
    confirmed(soon, "Ann", "ann@example.net")
    confirmed(soon, "Wait", "wait@example.net")  # waitlisted
    rsvp_anonymously(soon, "Unc", "unc@example.net")
    later = make_action(collective, title="Later", starts_at=now + timedelta(days=3))
    confirmed(later, "Lou", "lou@example.net")

    assert rsvp_send_reminders(now=now) == 1
    assert tasks.rsvp_send_reminders.apply().get() == 0  # the task itself: nothing new
    assert rsvp_send_reminders(now=now + timedelta(minutes=30)) == 0
    mail = reminders().get()
    assert mail.to == "ann@example.net"
    assert SECRET_ADDRESS in mail.body_text
    assert "/cancel/" in mail.body_text


def test_a_moved_action_gets_a_new_reminder(collective):
    now = timezone.now()
    action = make_action(collective, starts_at=now + timedelta(hours=24, minutes=30))
    confirmed(action, "Ann", "ann@example.net")
    rsvp_send_reminders(now=now)
    Action.objects.filter(pk=action.pk).update(starts_at=now + timedelta(days=5, minutes=30))
    assert rsvp_send_reminders(now=now + timedelta(days=4)) == 1
    assert reminders().count() == 2


def test_reminders_skip_cancelled_actions(collective):
    now = timezone.now()
    action = make_action(collective, starts_at=now + timedelta(hours=24, minutes=30))
    confirmed(action, "Ann", "ann@example.net")
    Action.objects.filter(pk=action.pk).update(status="cancelled")
    assert rsvp_send_reminders(now=now) == 0


def test_anonymization_keeps_counts(collective, charlie):
    now = timezone.now()
    past = make_action(collective, capacity=1)
    recent = make_action(collective, title="Recent")
    first = confirmed(past, "Ann", "ann@example.net")
    confirmed(past, "Wait", "wait@example.net")
    confirmed(recent, "Rey", "rey@example.net")
    Action.objects.filter(pk=past.pk).update(
        starts_at=now - timedelta(days=40), ends_at=now - timedelta(days=31)
    )
    Action.objects.filter(pk=recent.pk).update(
        starts_at=now - timedelta(days=10), ends_at=now - timedelta(days=9)
    )
    counts_before = rsvp_counts(past)

    assert tasks.rsvp_anonymize_past.apply().get() == 2
    first.refresh_from_db()
    assert first.name == ""
    assert first.email == f"anonymized-{first.pk}@invalid"
    assert first.user is None
    assert first.anonymized_at is not None
    assert first.status == RsvpStatus.CONFIRMED
    assert rsvp_counts(past) == counts_before == {"confirmed": 1, "waitlisted": 1}
    assert Rsvp.objects.get(email="rey@example.net").anonymized_at is None
    assert rsvp_anonymize_past(now=now) == 0  # already done


def test_anonymized_rsvp_links_stop_working(client, collective):
    now = timezone.now()
    action = make_action(collective)
    rsvp = confirmed(action, "Ann", "ann@example.net")
    Action.objects.filter(pk=action.pk).update(
        starts_at=now - timedelta(days=40), ends_at=now - timedelta(days=31)
    )
    rsvp_anonymize_past()
    assert client.post(f"/actions/rsvp/{rsvp.token}/cancel/").status_code == 404
    rsvp.refresh_from_db()
    assert rsvp.status == RsvpStatus.CONFIRMED
