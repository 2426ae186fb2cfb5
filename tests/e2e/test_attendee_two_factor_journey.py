"""An organizer without two-factor opens the attendee list: they are asked to turn it on
first (issue 12, P8), do so with their authenticator app, and then see who is coming."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from organizing.actions.models import Action, ActionHost, HostConsent, new_action_slug
from organizing.actions.services.rsvp import rsvp_confirm, rsvp_create

from .conftest import assert_accessible
from .logins import fresh_totp_code
from .steps import log_in, organizer_in_nicosia


def an_action_with_one_participant(collective) -> Action:
    action = Action.objects.create(
        title="Vigil for the detained",
        slug=new_action_slug("Vigil"),
        kind="vigil",
        status="published",
        starts_at=timezone.now() + timedelta(days=5),
        timezone="Asia/Nicosia",
        city="Nicosia",
        country="CY",
    )
    ActionHost.objects.create(
        action=action, collective=collective, role="lead", consent=HostConsent.ACCEPTED
    )
    rsvp_confirm(rsvp=rsvp_create(action=action, name="Dana", email="dana@example.net"))
    return action


def test_the_organizer_turns_two_factor_on_before_seeing_the_attendees(page, seeded_site):
    action = an_action_with_one_participant(organizer_in_nicosia())
    attendees = f"{seeded_site.url}/actions/{action.slug}/attendees/"
    log_in(page, seeded_site)
    page.goto(attendees)
    expect(page.get_by_text("dana@example.net")).to_have_count(0)
    # Just logged in: no second password prompt before the set-up.
    expect(page.get_by_role("heading", name="Activate Authenticator App")).to_be_visible()
    assert_accessible(page)
    secret = page.locator("#authenticator_secret").input_value()
    page.locator("#id_code").fill(fresh_totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    page.goto(attendees)
    expect(page.get_by_text("dana@example.net")).to_be_visible()
    assert_accessible(page)
