"""How long attendee data is kept: each action's retention_days within the site's limits, the
posting form's field and its errors, and anonymization erasing every email about the RSVP
(and nothing else sent to the same address)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from organizing.actions.forms.posting import ActionCreateForm
from organizing.actions.models import Action, Rsvp
from organizing.actions.retention import attendee_erasure_at
from organizing.actions.services import posting
from organizing.actions.services.rsvp import (
    announcement_send,
    rsvp_anonymize_past,
    rsvp_cancel,
    rsvp_decide,
    rsvp_send_reminders,
)
from organizing.collectives.models import Collective
from organizing.outbox.models import OutboxMessage, OutboxStatus
from organizing.outbox.services import ERASED_ADDRESS, outbox_enqueue
from tests.conftest import login_with_two_factor
from tests.factories import POST_URL, SECRET_ADDRESS, confirmed, form_data, mails_to, make_action

pytestmark = pytest.mark.django_db


def ended(action, *, days_ago: float) -> Action:
    now = timezone.now()
    Action.objects.filter(pk=action.pk).update(
        starts_at=now - timedelta(days=days_ago, hours=2), ends_at=now - timedelta(days=days_ago)
    )
    action.refresh_from_db()
    return action


def is_anonymized(rsvp) -> bool:
    rsvp.refresh_from_db()
    return rsvp.anonymized_at is not None


# Per-action retention, within the site's limits


def test_each_action_keeps_its_attendees_as_long_as_it_chose(collective):
    short = make_action(collective, title="Short", retention_days=7)
    default = make_action(collective, title="Default")
    short_rsvp = confirmed(short, "Ann", "ann@example.net")
    default_rsvp = confirmed(default, "Bea", "bea@example.net")
    ended(short, days_ago=8)
    ended(default, days_ago=8)
    assert default.retention_days == 30

    assert rsvp_anonymize_past() == 1
    assert is_anonymized(short_rsvp)
    assert not is_anonymized(default_rsvp)
    assert rsvp_anonymize_past(now=timezone.now() + timedelta(days=23)) == 1
    assert is_anonymized(default_rsvp)


def test_the_site_limits_bind_actions_that_chose_more(collective, settings):
    action = make_action(collective, retention_days=60)
    rsvp = confirmed(action, "Ann", "ann@example.net")
    ended(action, days_ago=15)
    assert rsvp_anonymize_past() == 0
    settings.ATTENDEE_RETENTION_DAYS_MAX = 14  # the site narrows its limit later
    assert rsvp_anonymize_past() == 1
    assert is_anonymized(rsvp)


def test_a_series_keeps_its_attendees_until_its_last_date_is_over(collective):
    now = timezone.now()
    series = make_action(
        collective,
        retention_days=1,
        recurrence_weekdays=[0, 3],
        recurrence_until=(now + timedelta(days=20)).date(),
    )
    rsvp = confirmed(series, "Ann", "ann@example.net")
    Action.objects.filter(pk=series.pk).update(  # the first date was long ago
        starts_at=now - timedelta(days=40), ends_at=now - timedelta(days=40, hours=-2)
    )
    assert rsvp_anonymize_past() == 0
    assert not is_anonymized(rsvp)
    assert rsvp_anonymize_past(now=now + timedelta(days=24)) == 1


def test_the_erasure_moment(collective, settings):
    action = ended(make_action(collective, retention_days=10), days_ago=1)
    assert attendee_erasure_at(action) == action.ends_at + timedelta(days=10)
    settings.ATTENDEE_RETENTION_DAYS_MAX = 5
    assert attendee_erasure_at(action) == action.ends_at + timedelta(days=5)


# The posting form


def test_the_posting_form_stores_the_choice(alice, collective, gazetteer):
    form = ActionCreateForm(
        form_data(collective, retention_days="7"),
        collectives=Collective.objects.filter(pk=collective.pk),
    )
    assert form.is_valid(), form.errors
    action = posting.action_create(user=alice, collective=collective, data=form.cleaned_data)
    assert action.retention_days == 7


def test_left_empty_it_is_the_default(alice, collective, gazetteer):
    form = ActionCreateForm(
        form_data(collective), collectives=Collective.objects.filter(pk=collective.pk)
    )
    assert form.is_valid(), form.errors
    action = posting.action_create(user=alice, collective=collective, data=form.cleaned_data)
    assert action.retention_days == 30


@pytest.mark.parametrize("value", ["0", "91", "-3", "1000000", "soon"])
def test_out_of_limits_gets_an_error_next_to_the_field(client_as, collective, gazetteer, value):
    response = client_as("alice").post(POST_URL, form_data(collective, retention_days=value))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["retention_days"]
    assert not Action.objects.exists()


def test_the_error_names_the_site_limits(collective, settings):
    settings.ATTENDEE_RETENTION_DAYS_MIN, settings.ATTENDEE_RETENTION_DAYS_MAX = 3, 14
    form = ActionCreateForm(
        form_data(collective, retention_days="30"),
        collectives=Collective.objects.filter(pk=collective.pk),
    )
    assert not form.is_valid()
    assert form.errors["retention_days"] == ["Choose between 3 and 14 days."]
    assert "Between 3 and 14" in str(form["retention_days"].help_text)


def test_the_service_refuses_it_on_its_own(alice, collective, gazetteer):
    form = ActionCreateForm(
        form_data(collective), collectives=Collective.objects.filter(pk=collective.pk)
    )
    assert form.is_valid()
    with pytest.raises(posting.ValidationError) as refused:
        posting.action_create(
            user=alice, collective=collective, data={**form.cleaned_data, "retention_days": 400}
        )
    assert "retention_days" in refused.value.message_dict
    assert not Action.objects.exists()


def test_the_edit_form_shows_and_changes_it(client_as, alice, collective, gazetteer):
    form = ActionCreateForm(
        form_data(collective, retention_days="12"),
        collectives=Collective.objects.filter(pk=collective.pk),
    )
    assert form.is_valid()
    action = posting.action_create(user=alice, collective=collective, data=form.cleaned_data)
    client = client_as("alice")
    page = client.get(reverse("actions:edit", args=[action.slug]))
    assert 'name="retention_days" value="12"' in page.content.decode()
    data = form_data(collective, retention_days="3")
    response = client.post(reverse("actions:edit", args=[action.slug]), data)
    assert response.status_code == 302, response.context["form"].errors
    action.refresh_from_db()
    assert action.retention_days == 3


# The attendee page says when


def test_the_attendee_page_says_when_the_data_goes(client, alice, collective):
    action = make_action(collective, retention_days=14)
    login_with_two_factor(client, alice)
    body = client.get(reverse("actions:attendees", args=[action.slug])).content.decode()
    erased = attendee_erasure_at(action)
    assert "erased 14 days after the action ends" in body
    assert f"{erased:%Y}" in body and f"{erased.day}" in body


# Anonymization erases every copy of the emails about the RSVP, and only those


def test_anonymization_erases_the_emails_about_the_rsvp(collective, alice):
    action = make_action(collective, location_visibility="participants", retention_days=2)
    rsvp = confirmed(action, "Dana", "dana@example.net")
    announcement_send(action=action, sender=alice, subject="Bring water", body="See you")
    other = make_action(collective, title="Next week")  # dana is coming to this one too
    confirmed(other, "Dana", "dana@example.net")
    outbox_enqueue(to="dana@example.net", subject="Reset your password", body_text="Link")
    about_rsvp = list(OutboxMessage.objects.filter(concerns=f"rsvp:{rsvp.pk}"))
    assert len(about_rsvp) == 3  # confirm link, confirmed (with the address), announcement
    assert any(SECRET_ADDRESS in mail.body_text for mail in about_rsvp)
    # One of them is still waiting for the broker: it must not go out after the erasure.
    OutboxMessage.objects.filter(pk=about_rsvp[-1].pk).update(status=OutboxStatus.PENDING)
    ended(action, days_ago=3)

    assert rsvp_anonymize_past() == 1
    for mail in about_rsvp:
        mail.refresh_from_db()
        assert mail.to == ERASED_ADDRESS and mail.body_text == "" and mail.subject == ""
        assert mail.purged_at is not None
    assert OutboxMessage.objects.get(pk=about_rsvp[-1].pk).status == OutboxStatus.CANCELLED
    # Dana's other RSVP and account mail went to the same address: untouched.
    left = mails_to("dana@example.net")
    assert sorted(mail.subject for mail in left) == [
        "Confirm your RSVP: Next week",
        "Reset your password",
        "You are coming: Next week",
    ]
    assert not left.filter(purged_at__isnull=False).exists()


def test_emails_about_a_changed_action_are_erased_too(collective, alice, gazetteer):
    form = ActionCreateForm(
        form_data(collective, retention_days="1"),
        collectives=Collective.objects.filter(pk=collective.pk),
    )
    assert form.is_valid()
    action = posting.action_create(user=alice, collective=collective, data=form.cleaned_data)
    rsvp = confirmed(action, "Dana", "dana@example.net")
    posting.action_update(
        action=action, user=alice, data={**form.cleaned_data, "venue": "Another hall"}
    )
    assert mails_to("dana@example.net").filter(body_text__contains="Another hall").exists()
    ended(action, days_ago=2)
    rsvp_anonymize_past()
    assert not mails_to("dana@example.net").exists()
    assert (
        OutboxMessage.objects.filter(concerns=f"rsvp:{rsvp.pk}", purged_at__isnull=True).count()
        == 0
    )


def test_anonymization_works_in_batches(collective, django_assert_max_num_queries):
    action = make_action(collective, retention_days=1)
    rsvps = [confirmed(action, f"P{n}", f"p{n}@example.net") for n in range(5)]
    ended(action, days_ago=2)
    # Batches of 2: 2 + 2 + 1, each a handful of queries (the retentions in use, the ids, the
    # RSVPs' UPDATE, the emails' two UPDATEs, the digest items' DELETE, a savepoint pair):
    # never a query per RSVP.
    with django_assert_max_num_queries(3 * 8) as captured:
        assert rsvp_anonymize_past(batch_size=2) == 5
    rsvp_updates = [
        q for q in captured.captured_queries if q["sql"].startswith('UPDATE "actions_rsvp"')
    ]
    assert len(rsvp_updates) == 3
    assert all(is_anonymized(rsvp) for rsvp in rsvps)
    assert not OutboxMessage.objects.filter(to__endswith="@example.net").exists()


def test_cancelling_stops_the_mail_not_sent_yet(collective):
    action = make_action(collective)
    rsvp = confirmed(action, "Dana", "dana@example.net")
    sent = list(mails_to("dana@example.net"))
    # (Tests never commit, so nothing was really sent: as the outbox would have it.)
    mails_to("dana@example.net").update(status=OutboxStatus.SENT, sent_at=timezone.now())
    queued = outbox_enqueue(
        to="dana@example.net",
        subject="Reminder: Vigil for peace",
        body_text=SECRET_ADDRESS,
        concerns=f"rsvp:{rsvp.pk}",
    )
    OutboxMessage.objects.filter(pk=queued.pk).update(status=OutboxStatus.PENDING)
    rsvp_cancel(rsvp=rsvp)
    queued.refresh_from_db()
    assert queued.status == OutboxStatus.CANCELLED and queued.to == ERASED_ADDRESS
    for mail in sent:  # what was sent stays until the outbox retention
        mail.refresh_from_db()
        assert mail.to == "dana@example.net" and mail.purged_at is None
    assert Rsvp.objects.get(pk=rsvp.pk).email == "dana@example.net"  # the hosts still see it


def test_every_email_to_a_participant_names_its_rsvp(collective, alice, gazetteer):
    """The guard for new emails: anything sent about an RSVP must carry its `concerns`, or the
    anonymization cannot find it (services pass retention.rsvp_concerns(rsvp.pk))."""
    form = ActionCreateForm(
        form_data(collective, location_visibility="participants"),
        collectives=Collective.objects.filter(pk=collective.pk),
    )
    assert form.is_valid()
    action = posting.action_create(user=alice, collective=collective, data=form.cleaned_data)
    rsvp = confirmed(action, "Dana", "dana@example.net")
    waiting = make_action(collective, title="Full", capacity=1, rsvp_mode="approval")
    confirmed(waiting, "Ann", "ann@example.net")
    other = confirmed(waiting, "Dana", "dana@example.net")
    rsvp_decide(rsvp=other, approve=True, decided_by=alice)  # waitlisted
    announcement_send(action=action, sender=alice, subject="Bring water", body="See you")
    Action.objects.filter(pk=action.pk).update(
        starts_at=timezone.now() + timedelta(hours=24, minutes=30)
    )
    rsvp_send_reminders()
    posting.action_update(
        action=Action.objects.get(pk=action.pk),
        user=alice,
        data={**form.cleaned_data, "venue": "Another hall"},
    )
    posting.action_cancel(action=Action.objects.get(pk=action.pk), user=alice)

    mails = list(mails_to("dana@example.net"))
    subjects = " | ".join(mail.subject for mail in mails)
    assert "Reminder:" in subjects and "Bring water" in subjects, subjects
    assert len(mails) >= 8, subjects  # confirm, in, announcement, reminder, changed,
    # cancelled; and for the second action confirm, pending, waitlisted
    assert {mail.concerns for mail in mails} == {f"rsvp:{rsvp.pk}", f"rsvp:{other.pk}"}


def test_anonymization_erases_the_hosts_digest_items_about_the_rsvp(collective, alice):
    from organizing.accounts.models import DigestItem

    action = make_action(collective, retention_days=1)
    confirmed(action, "Pat", "pat@example.net")
    assert DigestItem.objects.filter(user=alice, concerns__startswith="rsvp:").count() == 1
    ended(action, days_ago=2)
    rsvp_anonymize_past()
    assert not DigestItem.objects.filter(user=alice).exists()
