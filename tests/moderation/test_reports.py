"""Anyone can report an action, a collective, a coalition or an appeal; only moderators ever
read the report, and a reporter never learns who else reported."""

import pytest
from django.urls import reverse

from organizing.actions.models import Action, ActionHost, HostConsent, new_action_slug
from organizing.moderation.models import CaseResolution, Report, ReportCase
from organizing.moderation.services.reports import case_resolve, report_create
from organizing.outbox.models import OutboxMessage
from tests.factories import draft, make_coalition

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


@pytest.fixture
def coalition(collective, alice):
    return make_coalition((collective, alice))


@pytest.fixture
def appeal(collective, alice):
    return draft(collective, alice)


@pytest.fixture
def targets(action, collective, coalition, appeal):
    return {"action": action, "collective": collective, "coalition": coalition, "appeal": appeal}


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


@pytest.mark.parametrize("kind", ["action", "collective", "coalition", "appeal"])
def test_every_public_page_links_to_its_report_form(client, targets, kind):
    target = targets[kind]
    assert report_url(kind, target.slug) in client.get(target.get_absolute_url()).content.decode()


@pytest.mark.parametrize("who", ["anonymous", "charlie"])
@pytest.mark.parametrize("kind", ["action", "collective", "coalition", "appeal"])
def test_each_kind_can_be_reported(client_as, targets, kind, who, charlie):
    client = client_as(who)
    url = report_url(kind, targets[kind].slug)
    form = client.get(url)
    assert form.status_code == 200
    assert 'class="visually-hidden"' in form.content.decode()  # the honeypot's wrapper
    response = client.post(url, {"reason": "harassment", "note": "Names a person."})
    assert "your report was received" in response.content.decode()
    report = Report.objects.get()
    assert (report.target_kind, report.target_slug) == (kind, targets[kind].slug)
    assert report.case.target_kind == kind and report.case.status == "open"


def test_signed_in_reporters_get_an_acknowledgement_naming_nobody(client_as, action, charlie, bob):
    report_create(target_kind="action", target_slug=action.slug, reason="spam", reporter=bob)
    client_as("charlie").post(report_url("action", action.slug), {"reason": "fake"})
    [mail] = OutboxMessage.objects.filter(to=charlie.email)
    assert action.title in mail.subject
    assert "Fake or provocation" in mail.body_text
    assert "Bob" not in mail.body_text and bob.email not in mail.body_text
    assert set(OutboxMessage.objects.values_list("to", flat=True)) == {charlie.email, bob.email}


def test_anonymous_reporters_get_no_email(client, action):
    client.post(report_url("action", action.slug), {"reason": "spam"})
    assert not OutboxMessage.objects.exists()


def test_honeypot_answers_like_a_real_report(client, action):
    response = client.post(
        report_url("action", action.slug), {"reason": "spam", "fax_number": "555 0101"}
    )
    assert response.status_code == 200
    assert "your report was received" in response.content.decode()
    assert not Report.objects.exists() and not ReportCase.objects.exists()


def test_rate_limit_is_configured_per_ip(settings):
    assert settings.ACCOUNT_RATE_LIMITS["report"] == "10/h/ip"


def test_the_report_page_never_tells_how_many_reported(client, action, charlie, bob):
    for reporter in (charlie, bob):
        report_create(
            target_kind="action", target_slug=action.slug, reason="spam", reporter=reporter
        )
    page = client.get(report_url("action", action.slug)).content.decode()
    done = client.post(report_url("action", action.slug), {"reason": "spam"}).content.decode()
    for text in (page, done):
        assert "Charlie" not in text and "Bob" not in text and "charlie@" not in text


def test_reports_on_one_target_make_one_case(action, charlie, bob, collective):
    for reporter in (charlie, bob, None):
        report_create(
            target_kind="action", target_slug=action.slug, reason="spam", reporter=reporter
        )
    case = ReportCase.objects.get()
    assert case.reports.count() == 3
    assert case.collective == collective  # the action's lead host


def test_a_report_after_resolution_opens_a_new_case(action, charlie, mod):
    first = report_create(target_kind="action", target_slug=action.slug, reason="spam").case
    case_resolve(case=first, moderator=mod, resolution=CaseResolution.DISMISSED)
    second = report_create(target_kind="action", target_slug=action.slug, reason="spam").case
    assert second != first and second.status == "open"
    assert ReportCase.objects.count() == 2


def test_the_case_names_the_collective_concerned(collective, coalition, appeal):
    report_create(target_kind="collective", target_slug=collective.slug, reason="fake")
    report_create(target_kind="appeal", target_slug=appeal.slug, reason="fake")
    report_create(target_kind="coalition", target_slug=coalition.slug, reason="fake")
    cases = {case.target_kind: case for case in ReportCase.objects.all()}
    assert cases["collective"].collective == collective
    assert cases["appeal"].collective == collective  # its initiator
    assert cases["coalition"].collective is None  # no initiating collective
