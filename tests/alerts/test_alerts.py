"""Action alerts: sign-up confirmed by link, a daily digest of new matching actions, one-click
unsubscribe (RFC 8058), and what the sign-up form refuses or keeps to itself."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from organizing.actions.filters import ActionBrowseFilter
from organizing.actions.models import Action
from organizing.actions.selectors.browse import action_browse_queryset
from organizing.alerts import selectors, services, tasks
from organizing.alerts.models import ActionAlert, AlertStatus
from organizing.celery import app
from organizing.core.models import Cause
from organizing.outbox.models import OutboxMessage
from organizing.outbox.services import outbox_deliver
from organizing.places.models import City
from tests.factories import post_action

pytestmark = pytest.mark.django_db

URL = reverse("notifications:alert_create")
MONTREAL_CEASEFIRE = "place=Montréal&radius=25&cause=ceasefire"
DANA = "dana@example.net"


@pytest.fixture
def causes(db) -> dict[str, Cause]:
    return {
        "ceasefire": Cause.objects.create(name="Ceasefire", slug="ceasefire"),
        "climate": Cause.objects.create(name="Climate justice", slug="climate"),
    }


def subscribe(search: str = MONTREAL_CEASEFIRE, email: str = DANA, **extra) -> ActionAlert:
    return services.alert_subscribe(email=email, params=params_of(search, **extra), language="en")


def params_of(search: str, **extra):
    from django.http import QueryDict

    params = QueryDict(search, mutable=True)
    params.update(extra)
    return params


def confirmed(search: str = MONTREAL_CEASEFIRE, email: str = DANA) -> ActionAlert:
    return services.alert_confirm(token=subscribe(search, email).token)


def publish(
    alice, collective, causes, *, title: str, city: str = "Montréal", cause: str = "ceasefire"
) -> Action:
    return post_action(alice, collective, title=title, city=city, causes=[causes[cause].pk])


def digests(email: str = DANA):
    return OutboxMessage.objects.filter(to=email, body_text__contains="/unsubscribe/").order_by(
        "created_at", "pk"
    )


def pages(response) -> list[str]:
    """The templates of the page itself (not those of an email written meanwhile)."""
    return [t.name for t in response.templates if not t.name.startswith("emails/")]


def a_day_later():
    return timezone.now() + timedelta(days=1)


def published_earlier(*actions: Action, by=timedelta(hours=1)) -> None:
    """As if the actions were published `by` earlier (the task uses the real clock)."""
    for action in actions:
        Action.objects.filter(pk=action.pk).update(published_at=action.published_at - by)


def confirmed_earlier(alert: ActionAlert, by=timedelta(hours=3)) -> None:
    ActionAlert.objects.filter(pk=alert.pk).update(new_since=alert.new_since - by)


# Signing up and confirming ---------------------------------------------------------------------


def test_sign_up_emails_a_confirm_link_and_post_confirms(
    client, gazetteer, causes, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"email": "Dana@Example.NET", "search": MONTREAL_CEASEFIRE})
    assert response.status_code == 200
    assert "Check your inbox" in response.content.decode()
    alert = ActionAlert.objects.get()
    assert alert.email == DANA
    assert alert.status == AlertStatus.UNCONFIRMED
    assert alert.city.name == "Montréal"
    assert alert.query == "cause=ceasefire&place=Montr%C3%A9al%2C+Canada&radius=25"
    assert alert.description == "within 25 km of Montréal, Canada · Cause: Ceasefire"
    confirm_url = reverse("notifications:alert_confirm", args=[alert.token])
    message = OutboxMessage.objects.get(to=DANA)
    assert confirm_url in message.body_text and message.body_text.count("http") >= 1
    assert "Montréal, Canada" in message.subject
    if settings.CELERY_TASK_ALWAYS_EAGER:
        assert mail.outbox[0].to == [DANA]

    page = client.get(confirm_url)
    assert page.status_code == 200
    assert "Yes, email me new actions" in page.content.decode()
    alert.refresh_from_db()
    assert alert.status == AlertStatus.UNCONFIRMED  # a GET (a mail scanner) changes nothing

    assert client.post(confirm_url).status_code == 302
    alert.refresh_from_db()
    assert alert.status == AlertStatus.ACTIVE
    assert alert.confirmed_at is not None and alert.new_since == alert.confirmed_at
    assert "This alert is on" in client.get(confirm_url).content.decode()


def test_confirm_post_needs_the_csrf_token(gazetteer, causes):
    alert = subscribe()
    url = reverse("notifications:alert_confirm", args=[alert.token])
    assert Client(enforce_csrf_checks=True).post(url).status_code == 403
    alert.refresh_from_db()
    assert alert.status == AlertStatus.UNCONFIRMED


def test_sign_up_keeps_the_visitor_language(client, gazetteer, causes):
    client.post(URL, {"email": DANA, "search": MONTREAL_CEASEFIRE}, HTTP_ACCEPT_LANGUAGE="fr")
    assert ActionAlert.objects.get().language == "fr"


def test_same_search_again_is_one_alert_and_the_same_answer(client, gazetteer, causes):
    confirmed()
    first = client.post(URL, {"email": DANA, "search": MONTREAL_CEASEFIRE})
    other = client.post(URL, {"email": "new@example.net", "search": MONTREAL_CEASEFIRE})
    assert ActionAlert.objects.filter(email=DANA).count() == 1
    assert ActionAlert.objects.get(email=DANA).status == AlertStatus.ACTIVE
    assert first.status_code == other.status_code == 200
    assert pages(first) == pages(other) == ["notifications/alert_check_inbox.html", "base.html"]
    assert OutboxMessage.objects.filter(to=DANA).count() == 1  # no new confirm link


def test_an_unsubscribed_alert_signed_up_again_waits_for_a_new_confirmation(gazetteer, causes):
    alert = confirmed()
    services.alert_unsubscribe(token=alert.token)
    ActionAlert.objects.update(confirmation_sent_at=timezone.now() - timedelta(hours=1))
    again = subscribe()
    assert again.pk == alert.pk
    assert again.status == AlertStatus.UNCONFIRMED
    assert OutboxMessage.objects.filter(to=DANA).count() == 2


def test_confirm_links_to_one_address_are_capped(gazetteer, causes):
    for km in (5, 10, 25, 50, 100, 250):
        subscribe(f"place=Montréal&radius={km}")
    assert ActionAlert.objects.count() == 6
    assert OutboxMessage.objects.filter(to=DANA).count() == (
        services.CONFIRMATIONS_PER_ADDRESS_PER_DAY
    )


def test_the_city_id_decides_between_namesakes(gazetteer):
    texas = City.objects.get(name="Paris", country="US", admin1_code="TX")
    alert = subscribe("place=Paris&radius=25", city=str(texas.pk))
    assert alert.city == texas
    assert "United States" in alert.description


def test_the_sign_up_page_shows_the_search(client, gazetteer, causes):
    page = client.get(URL, {"place": "Montréal", "radius": "25", "cause": "ceasefire"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "within 25 km of Montréal, Canada · Cause: Ceasefire" in html
    assert 'name="search"' in html and 'for="id_email"' in html


# What the sign-up refuses ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("search", "says"),
    [
        ("lat=45.5&lng=-73.6&radius=25", "your position is never saved"),
        ("bbox=45,-74,46,-73", "rather than a map area"),
        ("cause=ceasefire", "An alert needs a city"),
        ("place=Nowhereville", "We could not find “Nowhereville”"),
    ],
)
def test_a_search_without_a_city_is_refused_with_a_reason(client, gazetteer, causes, search, says):
    response = client.post(URL, {"email": "Dana@Example.net", "search": search})
    assert response.status_code == 200
    html = response.content.decode()
    assert says in html
    assert 'value="Dana@Example.net"' in html  # the address stays as typed
    assert 'name="place"' in html  # a city can be typed right there
    assert not ActionAlert.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_a_city_typed_on_the_sign_up_page_replaces_the_position(client, gazetteer, causes):
    response = client.post(
        URL,
        {
            "email": DANA,
            "search": "lat=45.5&lng=-73.6&cause=ceasefire",
            "place": "Montréal",
            "radius": "25",
        },
    )
    assert "Check your inbox" in response.content.decode()
    alert = ActionAlert.objects.get()
    assert alert.query == "cause=ceasefire&place=Montr%C3%A9al%2C+Canada&radius=25"
    assert "lat" not in alert.query


def test_the_empty_sign_up_page_asks_for_a_city(client, db):
    html = client.get(URL).content.decode()
    assert "An alert needs a city" in html
    assert 'for="id_place"' in html and 'for="id_email"' in html


def test_a_bad_address_is_shown_next_to_the_field(client, gazetteer, causes):
    response = client.post(URL, {"email": "not-an-address", "search": MONTREAL_CEASEFIRE})
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert 'value="not-an-address"' in response.content.decode()
    assert not ActionAlert.objects.exists()


def test_honeypot_stores_nothing_and_answers_the_same(client, gazetteer, causes):
    response = client.post(URL, {"email": DANA, "search": MONTREAL_CEASEFIRE, "fax_number": "1"})
    assert response.status_code == 200
    assert "Check your inbox" in response.content.decode()
    assert not ActionAlert.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_sign_up_is_rate_limited_by_ip(client, gazetteer, causes, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "alert": "2/h/ip"}
    for number in range(2):
        response = client.post(
            URL, {"email": f"p{number}@example.net", "search": MONTREAL_CEASEFIRE}
        )
        assert response.status_code == 200
    response = client.post(URL, {"email": "p3@example.net", "search": MONTREAL_CEASEFIRE})
    assert response.status_code == 429
    assert ActionAlert.objects.count() == 2


@pytest.mark.parametrize("name", ["notifications:alert_confirm", "notifications:alert_unsubscribe"])
def test_unknown_token_is_404(client, db, name):
    url = reverse(name, args=["nope"])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404


# The digest ------------------------------------------------------------------------------------


def test_digest_lists_new_matching_actions_only(alice, collective, gazetteer, causes):
    alert = confirmed()
    match = publish(alice, collective, causes, title="Vigil for a ceasefire")
    publish(alice, collective, causes, title="Paris vigil", city="Paris, France")
    publish(alice, collective, causes, title="Climate march", cause="climate")

    assert services.alert_digest_send(alert_id=alert.pk, now=a_day_later()) == 1
    message = digests().get()
    assert "Vigil for a ceasefire" in message.body_text
    assert "Paris vigil" not in message.body_text and "Climate march" not in message.body_text
    assert message.subject == "1 new action: within 25 km of Montréal, Canada · Cause: Ceasefire"
    body = message.body_text
    assert match.get_absolute_url() in body
    assert "(Montréal time, UTC" in body and "2031" in body  # local time, readable zone
    assert "America/Toronto" not in body
    assert "Montréal Solidarity Collective" in body  # the host
    assert reverse("notifications:alert_unsubscribe", args=[alert.token]) in body
    assert "/actions/?cause=ceasefire&place=Montr%C3%A9al%2C+Canada&radius=25" in body
    assert message.headers == {
        "List-Unsubscribe": "<{}>".format(
            settings.SITE_URL + reverse("notifications:alert_unsubscribe", args=[alert.token])
        ),
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def test_an_action_already_sent_is_not_sent_again(alice, collective, gazetteer, causes):
    alert = confirmed()
    confirmed_earlier(alert)
    published_earlier(publish(alice, collective, causes, title="First vigil"))
    assert services.alert_digest_send(alert_id=alert.pk, now=timezone.now()) == 1
    publish(alice, collective, causes, title="Second vigil")
    assert services.alert_digest_send(alert_id=alert.pk, now=a_day_later()) == 1
    second = digests().last()
    assert "Second vigil" in second.body_text and "First vigil" not in second.body_text


def test_nothing_new_sends_nothing_and_moves_the_watermark(alice, collective, gazetteer, causes):
    alert = confirmed()
    publish(alice, collective, causes, title="Paris vigil", city="Paris, France")
    now = a_day_later()
    assert services.alert_digest_send(alert_id=alert.pk, now=now) == 0
    assert not digests().exists()
    alert.refresh_from_db()
    assert alert.new_since == now - services.PUBLISH_GRACE
    assert alert.last_sent_at is None


def test_actions_published_before_the_confirmation_are_not_new(
    alice, collective, gazetteer, causes
):
    publish(alice, collective, causes, title="Old vigil")
    alert = confirmed()
    assert services.alert_digest_send(alert_id=alert.pk, now=a_day_later()) == 0


def test_past_actions_are_not_listed(alice, collective, gazetteer, causes):
    alert = confirmed()
    action = publish(alice, collective, causes, title="Vigil")
    later = action.starts_at + timedelta(days=2)
    assert services.alert_digest_send(alert_id=alert.pk, now=later) == 0


def test_unconfirmed_and_unsubscribed_alerts_get_no_digest(alice, collective, gazetteer, causes):
    unconfirmed = subscribe()
    stopped = confirmed(email="stop@example.net")
    services.alert_unsubscribe(token=stopped.token)
    publish(alice, collective, causes, title="Vigil")
    now = a_day_later()
    assert selectors.alert_ids_due(now=now) == []
    assert services.alert_digest_send(alert_id=unconfirmed.pk, now=now) == 0
    assert services.alert_digest_send(alert_id=stopped.pk, now=now) == 0
    assert not OutboxMessage.objects.filter(body_text__contains="/unsubscribe/").exists()


def test_a_long_digest_says_how_many_more(alice, collective, gazetteer, causes, monkeypatch):
    monkeypatch.setattr(services, "DIGEST_MAX_ACTIONS", 2)
    alert = confirmed()
    for number in range(4):
        publish(alice, collective, causes, title=f"Vigil {number}")
    assert services.alert_digest_send(alert_id=alert.pk, now=a_day_later()) == 4
    body = digests().get().body_text
    assert body.count("/actions/vigil-") == 2
    assert "And 2 more actions" in body


def test_digest_queries_do_not_grow_with_the_actions(
    alice, collective, gazetteer, causes, django_assert_max_num_queries
):
    alert = confirmed()
    for number in range(8):
        publish(alice, collective, causes, title=f"Vigil {number}")
    with django_assert_max_num_queries(10):  # 9: constant, whatever the number of actions
        assert services.alert_digest_send(alert_id=alert.pk, now=a_day_later()) == 8


def test_the_sent_email_carries_the_one_click_headers(alice, collective, gazetteer, causes):
    alert = confirmed()
    publish(alice, collective, causes, title="Vigil")
    services.alert_digest_send(alert_id=alert.pk, now=a_day_later())
    mail.outbox.clear()
    assert outbox_deliver(message_id=digests().get().pk)
    sent = mail.outbox[0].message()
    unsubscribe = settings.SITE_URL + reverse("notifications:alert_unsubscribe", args=[alert.token])
    assert sent["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert sent["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


# The daily task --------------------------------------------------------------------------------


def test_beat_runs_the_digest_daily():
    entry = next(
        e
        for e in app.conf.beat_schedule.values()
        if e["task"] == "organizing.alerts.tasks.alerts_send_digests"
    )
    assert entry["schedule"].hour == {6}


def test_running_the_task_twice_sends_one_email(alice, collective, gazetteer, causes):
    confirmed_earlier(confirmed())
    published_earlier(publish(alice, collective, causes, title="Vigil"))
    assert tasks.alerts_send_digests.apply().get() == 1
    published_earlier(
        publish(alice, collective, causes, title="Another vigil"), by=timedelta(minutes=30)
    )
    assert tasks.alerts_send_digests.apply().get() == 0  # the same day: nothing twice
    assert digests().count() == 1


# Unsubscribing ---------------------------------------------------------------------------------


def test_one_click_unsubscribe_without_csrf_stops_the_digests(alice, collective, gazetteer, causes):
    alert = confirmed()
    url = reverse("notifications:alert_unsubscribe", args=[alert.token])
    page = Client().get(url)
    assert "Unsubscribe" in page.content.decode()
    alert.refresh_from_db()
    assert alert.status == AlertStatus.ACTIVE  # a GET changes nothing

    mail_program = Client(enforce_csrf_checks=True)
    response = mail_program.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    alert.refresh_from_db()
    assert alert.status == AlertStatus.UNSUBSCRIBED and alert.unsubscribed_at is not None
    assert mail_program.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200

    publish(alice, collective, causes, title="Vigil")
    assert services.alert_digest_send(alert_id=alert.pk, now=a_day_later()) == 0
    assert not digests().exists()


def test_staff_can_unsubscribe_from_the_admin(admin_client, gazetteer, causes):
    alert = confirmed()
    changelist = reverse("admin:notifications_actionalert_changelist")
    assert admin_client.get(changelist).status_code == 200
    admin_client.post(changelist, {"action": "unsubscribe", "_selected_action": [alert.pk]})
    alert.refresh_from_db()
    assert alert.status == AlertStatus.UNSUBSCRIBED


# The browse page's form ------------------------------------------------------------------------


def render_partial(query: dict):
    """The search as the browse page builds it, and a function rendering the partial."""
    from django.http import QueryDict

    data = QueryDict(mutable=True)
    data.update(query)
    search = ActionBrowseFilter(data, queryset=action_browse_queryset())
    request = RequestFactory().get("/actions/")
    return search, lambda: render_to_string(
        "notifications/_alert_form.html", {"search": search}, request=request
    )


def test_partial_offers_the_form_for_a_city_without_a_query(
    gazetteer, causes, django_assert_num_queries
):
    search, render = render_partial({"place": "Montréal", "radius": "25", "cause": "ceasefire"})
    with django_assert_num_queries(0):
        html = render()
    assert f'action="{URL}"' in html
    assert 'name="email"' in html and 'for="alert_email"' in html
    assert "place=Montr%C3%A9al%2C+Canada" in html and "cause=ceasefire" in html
    assert f'name="city" value="{search.area.city.pk}"' in html
    assert 'id="div_id_fax_number"' in html and 'name="fax_number"' in html


@pytest.mark.parametrize("query", [{"lat": "45.5", "lng": "-73.6"}, {}])
def test_partial_asks_for_a_city_first(db, query):
    _search, render = render_partial(query)
    html = render()
    assert "choose a city in the search first" in html
    assert "<form" not in html


def test_the_browse_page_offers_the_alert_for_its_city(client, gazetteer, causes):
    html = client.get(reverse("actions:browse"), {"place": "Montréal", "radius": "25"}).content
    html = html.decode()
    assert f'action="{URL}"' in html
    assert "place=Montr%C3%A9al%2C+Canada&amp;radius=25" in html
