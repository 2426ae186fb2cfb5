"""The verified badge wherever a host is named: browse rows, the home page's archive rows,
the action page, the feeds, the API and the emails; one component (the `verified` tag
library), no extra query."""

from datetime import timedelta

import pytest
from django.http import QueryDict
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from organizing.actions.services.rsvp import rsvp_create
from organizing.alerts import services as alert_services
from organizing.alerts.models import ActionAlert
from organizing.outbox.models import OutboxMessage
from tests.factories import make_action, make_collective

pytestmark = pytest.mark.django_db

MONTREAL = {
    "kind": "vigil",
    "status": "published",
    "city": "Montréal",
    "country": "CA",
    "timezone": "America/Toronto",
    "latitude": 45.50884,
    "longitude": -73.58781,
}
BADGE = "(verified collective)</span>"
TEXT_BADGE = "Montréal Solidarity Collective (✓ verified collective)"


def upcoming(collective, title="Vigil for a ceasefire"):
    return make_action(
        collective,
        title=title,
        base=MONTREAL,
        published_at=timezone.now(),
        starts_in=timedelta(days=5),
        lasts=timedelta(hours=2),
    )


def test_the_badge_is_for_verified_collectives_only(collective):
    pending = make_collective("Pending Group", "pending-group", status="pending")
    template = Template("{% load verified %}[{% verified_badge c %}][{{ c|verified_text }}]")
    shown = template.render(Context({"c": collective}))
    assert 'class="verified-badge' in shown and 'aria-hidden="true"' in shown
    assert '<span class="visually-hidden"> (verified collective)</span>' in shown
    assert shown.endswith("[ (✓ verified collective)]")
    assert template.render(Context({"c": pending})) == "[][]"


def test_browse_rows_show_the_badge_without_extra_queries(
    client, collective, django_assert_max_num_queries
):
    upcoming(collective)
    url = reverse("actions:browse") + "?place="
    page = client.get(url).content.decode()
    results = page.split('id="results"')[1] if 'id="results"' in page else page
    assert "Montréal Solidarity Collective</a>" in results and BADGE in results
    with django_assert_max_num_queries(12):
        client.get(url)


def test_home_archive_rows_show_the_badge(client, collective):
    make_action(
        collective,
        title="Past march",
        base=MONTREAL,
        published_at=timezone.now() - timedelta(days=40),
        starts_in=-timedelta(days=30),
        reported_turnout=500,
    )
    page = client.get(reverse("pages:home")).content.decode()
    archive = page.split('id="archive"')[1]
    row = archive.split("Past march")[1].split("</li>")[0]
    assert "Montréal Solidarity Collective" in row and BADGE in row


def test_the_action_page_names_its_hosts_with_the_badge(client, collective):
    action = upcoming(collective)
    page = client.get(action.get_absolute_url()).content.decode()
    assert BADGE in page


def test_feeds_and_the_api_say_verified(client, collective):
    upcoming(collective)
    rss = client.get(reverse("feeds:actions_rss")).content.decode()
    assert "Montréal Solidarity Collective (✓ verified collective)" in rss
    atom = client.get(reverse("feeds:actions_atom")).content.decode()
    assert "(✓ verified collective)" in atom
    hosts = client.get(reverse("feeds:api_actions")).json()["results"][0]["hosts"]
    assert hosts[0]["name"] == "Montréal Solidarity Collective"
    assert hosts[0]["verified"] is True
    schema = client.get(reverse("feeds:api_schema")).content.decode()
    assert "verified" in schema


def test_the_rsvp_confirmation_names_the_hosts_with_the_badge(collective, charlie):
    action = upcoming(collective)
    rsvp_create(action=action, user=charlie, name="")
    body = OutboxMessage.objects.get(to=charlie.email).body_text
    assert f"Hosted by: {TEXT_BADGE}" in body


def test_follow_emails_and_the_alert_digest_name_the_host_with_the_badge(collective, gazetteer):
    alert = alert_services.alert_subscribe(
        email="dana@example.net",
        params=QueryDict("place=Montréal&radius=25"),
        language="en",
    )
    alert_services.alert_confirm(token=alert.token)
    alert.refresh_from_db()
    upcoming(collective)
    follow = alert_services.follow_subscribe(
        email="dana@example.net", target=collective, language="en"
    )
    assert TEXT_BADGE in OutboxMessage.objects.get(subject__startswith="Confirm: follow").body_text
    alert_services.follow_confirm(token=follow.token)
    action = upcoming(collective, title="Second vigil")
    assert alert_services.follow_notices_send(action_id=action.pk) == 1
    assert TEXT_BADGE in OutboxMessage.objects.get(subject__contains="published").body_text
    ActionAlert.objects.filter(pk=alert.pk).update(new_since=timezone.now() - timedelta(days=1))
    later = timezone.now() + timedelta(hours=1)
    assert alert_services.alert_digest_send(alert_id=alert.pk, now=later) == 2
    digest = OutboxMessage.objects.filter(subject__contains="new action").get()
    assert TEXT_BADGE in digest.body_text
