"""A visitor follows a collective by email, confirms from the email in the outbox; the
collective publishes an action; the follow email is in the outbox, with its one-click
unsubscribe headers, and its link stops the emails."""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from organizing.alerts.models import Follow
from organizing.outbox.models import OutboxMessage

from .conftest import assert_accessible
from .steps import log_in, organizer_in_nicosia

VISITOR = "dana@example.net"
CONFIRM_LINK = re.compile(r"https?://\S+/alerts/follow/\S+/confirm/")


def local_path(link: str) -> str:
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def post_action(page, site, collective, title):
    page.goto(site.url + collective.get_absolute_url())
    page.get_by_role("link", name="Post an action").click()
    page.get_by_label("Title").fill(title)
    page.get_by_label("Kind of action").select_option("vigil")
    page.get_by_label("Start date").fill((timezone.localdate() + timedelta(days=9)).isoformat())
    page.get_by_label("Start time").fill("18:00")
    page.get_by_label("End time").fill("19:30")
    page.get_by_role("combobox", name="City").fill("Nicosia, Cyprus")
    page.get_by_label("Street address").fill("3 Hidden Lane, Nicosia")
    page.get_by_label("Who sees the exact place").select_option("participants")
    page.get_by_role("button", name="Post the action").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def test_visitor_follows_by_email_and_gets_the_published_action(page, browser, seeded_site):
    collective = organizer_in_nicosia()

    visitor = browser.new_context(bypass_csp=True).new_page()
    visitor.goto(seeded_site.url + collective.get_absolute_url())
    assert_accessible(visitor)
    visitor.get_by_role("link", name="Follow", exact=True).click()
    assert_accessible(visitor)
    visitor.get_by_label("Your email address").fill(VISITOR)
    visitor.get_by_role("button", name="Follow by email").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Check your inbox")

    confirm = OutboxMessage.objects.get(to=VISITOR, subject__startswith="Confirm: follow")
    visitor.goto(seeded_site.url + local_path(CONFIRM_LINK.search(confirm.body_text).group(0)))
    assert_accessible(visitor)
    visitor.get_by_role("button", name="Yes, email me its new actions").click()
    expect(visitor.get_by_text("You follow it")).to_be_visible()
    assert Follow.objects.get(email=VISITOR).is_active

    log_in(page, seeded_site)
    page.goto(seeded_site.url + collective.get_absolute_url())
    expect(page.get_by_text("1 follower", exact=True)).to_be_visible()  # the admin's count
    assert VISITOR not in page.content()
    assert_accessible(page)
    post_action(page, seeded_site, collective, "Vigil at the green line")

    email = OutboxMessage.objects.get(to=VISITOR, subject__contains="published an action")
    assert "Vigil at the green line" in email.subject
    assert "Nicosia Peace Collective (✓ verified collective)" in email.body_text
    assert "3 Hidden Lane" not in email.body_text  # the address is for participants only
    assert email.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = email.headers["List-Unsubscribe"].strip("<>")

    visitor.goto(seeded_site.url + local_path(unsubscribe))
    assert_accessible(visitor)
    visitor.get_by_role("button", name="Unfollow").click()
    expect(visitor.get_by_role("status")).to_contain_text("You are unsubscribed")
    assert Follow.objects.get(email=VISITOR).is_unsubscribed
