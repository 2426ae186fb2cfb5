"""Anyone can report an action or a collective; only moderators ever read the report."""

import pytest
from django.urls import reverse

from organizing.actions.models import Action, ActionHost, HostConsent, new_action_slug
from organizing.moderation.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def action(collective):
    action = Action.objects.create(
        title="Rally",
        slug=new_action_slug("Rally"),
        kind="rally",
        status="published",
        date_precision="unknown",
    )
    ActionHost.objects.create(
        action=action, collective=collective, role="lead", consent=HostConsent.ACCEPTED
    )
    return action


def report_url(kind, slug):
    return reverse("moderation:report", args=[kind, slug])


def test_action_and_collective_pages_link_to_a_report_form(client, action, collective):
    assert (
        report_url("action", action.slug) in client.get(action.get_absolute_url()).content.decode()
    )
    page = client.get(collective.get_absolute_url()).content.decode()
    assert report_url("collective", collective.slug) in page


@pytest.mark.parametrize("who", ["anonymous", "charlie"])
def test_reporting_without_or_with_an_account_is_acknowledged(client_as, action, who, charlie):
    response = client_as(who).post(
        report_url("action", action.slug), {"reason": "fake", "note": "Not a real group."}
    )
    assert response.status_code == 200
    assert "your report was received" in response.content.decode()
    report = Report.objects.get()
    assert (report.target_kind, report.target_slug, report.reason) == (
        "action",
        action.slug,
        "fake",
    )
    assert report.reporter == (charlie if who == "charlie" else None)


def test_bad_input_keeps_the_note_and_writes_nothing(client, action):
    response = client.post(
        report_url("action", action.slug), {"reason": "made-up", "note": "Keep this text"}
    )
    assert response.status_code == 200
    assert "Keep this text" in response.content.decode()
    assert response.context["form"].errors["reason"]
    assert not Report.objects.exists()


def test_honeypot_writes_nothing(client, action):
    client.post(report_url("action", action.slug), {"reason": "spam", "fax_number": "1"})
    assert not Report.objects.exists()


def test_reports_are_rate_limited(client, action):
    for _ in range(10):
        client.post(report_url("action", action.slug), {"reason": "spam"})
    response = client.post(report_url("action", action.slug), {"reason": "spam"})
    assert response.status_code == 429
    assert Report.objects.count() == 10


@pytest.mark.parametrize("path", [("action", "nope"), ("poll", "x"), ("collective", "nope")])
def test_unknown_or_hidden_targets_are_404(client, path):
    assert client.get(report_url(*path)).status_code == 404


def test_drafts_cannot_be_reported_by_outsiders(client_as, action):
    Action.objects.filter(pk=action.pk).update(status="draft")
    assert client_as("charlie").get(report_url("action", action.slug)).status_code == 404
