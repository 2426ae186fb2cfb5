"""After an RSVP is sent, the action page shows the person's own state (confirmed, on the
waitlist with a position, waiting for the email link), not the empty form again."""

import pytest
from django.urls import reverse

from organizing.actions.models import Rsvp, RsvpStatus
from organizing.actions.selectors.rsvp import SENT_SESSION_KEY, waitlist_position
from organizing.actions.services.rsvp import rsvp_create
from tests.factories import confirmed, make_action, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def action(collective):
    return make_action(collective)


def page_after_rsvp(client, action, **data):
    response = client.post(reverse("actions:rsvp", args=[action.slug]), data, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def test_anonymous_rsvp_shows_waiting_for_email_not_the_empty_form(client, action):
    body = page_after_rsvp(client, action, name="Dana", email="dana@example.net")
    assert "Your RSVP is waiting for your email confirmation." in body
    assert "The same email has a link to cancel." in body
    # The form is tucked away under "send it again", not offered as if nothing happened.
    assert "Send it again, or RSVP for someone else" in body
    assert client.session[SENT_SESSION_KEY] == [str(action.pk)]
    # Not counted until the link is followed.
    assert "0 people are coming." in body


def test_the_waiting_state_reveals_nothing_about_the_address_typed(client, action):
    confirmed(action, "Dana", "dana@example.net")
    body = page_after_rsvp(client, action, name="Mallory", email="dana@example.net")
    assert "Your RSVP is waiting for your email confirmation." in body
    assert "dana@example.net" not in body
    assert "Dana" not in body
    assert "Cancel my RSVP" not in body  # no cancel form for an RSVP this browser never proved


def test_another_browser_sees_the_plain_form(client, action):
    page_after_rsvp(client, action, name="Dana", email="dana@example.net")
    client.cookies.clear()
    body = client.get(action.get_absolute_url()).content.decode()
    assert "Your RSVP is waiting" not in body
    assert "I am coming" in body


def test_following_the_link_then_shows_confirmed_and_counts_them(client, action):
    page_after_rsvp(client, action, name="Dana", email="dana@example.net")
    rsvp = Rsvp.objects.get()
    response = client.post(reverse("actions:rsvp_confirm", args=[rsvp.token]), follow=True)
    body = response.content.decode()
    assert "You are coming: your place is confirmed." in body
    assert "1 person is coming." in body
    assert "(including you)" in body
    assert "Your RSVP is waiting" not in body
    assert "Cancel my RSVP" in body
    assert SENT_SESSION_KEY not in client.session or not client.session[SENT_SESSION_KEY]


def test_cancelling_by_link_clears_the_waiting_state(client, action):
    page_after_rsvp(client, action, name="Dana", email="dana@example.net")
    rsvp = Rsvp.objects.get()
    body = client.post(
        reverse("actions:rsvp_cancel", args=[rsvp.token]), follow=True
    ).content.decode()
    assert "Your RSVP is waiting" not in body
    assert client.session[SENT_SESSION_KEY] == []


def test_signed_in_rsvp_shows_confirmed_with_the_count_including_them(client, alice, action):
    client.force_login(alice)
    body = page_after_rsvp(client, action, name="")
    assert "You are coming: your place is confirmed." in body
    assert "1 person is coming. (including you)" in " ".join(body.split())
    assert "Cancel my RSVP" in body


def test_signed_in_waitlisted_sees_their_position(client, collective):
    action = make_action(collective, capacity=1)
    confirmed(action, "First", "first@example.net")
    rsvp_create(action=action, user=make_user("second@example.org"), name="Second")
    third = make_user("third@example.org")
    client.force_login(third)
    body = page_after_rsvp(client, action, name="")
    rsvp = Rsvp.objects.get(user=third)
    assert rsvp.status == RsvpStatus.WAITLISTED
    assert waitlist_position(rsvp) == 2
    assert "you are number 2 on the waitlist" in body
    assert "Cancel my RSVP" in body


def test_signed_in_with_an_unproven_address_is_told_to_check_email(client, action):
    user = make_user("unproven@example.org", verified=False)
    client.force_login(user)
    body = page_after_rsvp(client, action, name="")
    assert "Check your email: follow the link we sent to confirm your RSVP." in body
    assert "Cancel my RSVP" in body
