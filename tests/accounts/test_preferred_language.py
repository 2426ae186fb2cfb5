"""The language of the pages: the switcher's choice in this browser, then the signed-in
person's preference, then the browser's Accept-Language."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import make_user

pytestmark = pytest.mark.django_db

HOME = "/"


def language_of(response) -> str:
    return response["Content-Language"]


def test_a_visitor_gets_the_language_their_browser_asks_for(client):
    assert language_of(client.get(HOME, HTTP_ACCEPT_LANGUAGE="fr")) == "fr"


def test_the_signed_in_person_gets_their_preference_over_their_browsers(client):
    nadia = make_user("nadia@example.org", language="fr")
    client.force_login(nadia)
    response = client.get(HOME, HTTP_ACCEPT_LANGUAGE="de")
    assert language_of(response) == "fr"
    assert '<html lang="fr"' in response.content.decode()


def test_the_switcher_in_this_browser_wins_over_the_preference(client):
    client.force_login(make_user("nadia@example.org", language="fr"))
    client.post(reverse("set_language"), {"language": "de", "next": HOME})
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "de"
    assert language_of(client.get(HOME, HTTP_ACCEPT_LANGUAGE="fr")) == "de"


def test_without_a_preference_the_browser_decides(client):
    client.force_login(make_user("nadia@example.org", language=""))
    assert language_of(client.get(HOME, HTTP_ACCEPT_LANGUAGE="de")) == "de"


def test_a_preference_the_site_no_longer_offers_is_ignored(client):
    client.force_login(make_user("nadia@example.org", language="xx"))
    assert language_of(client.get(HOME, HTTP_ACCEPT_LANGUAGE="de")) == "de"


def test_saving_a_new_preference_shows_at_once_even_after_the_switcher(client):
    client.force_login(make_user("nadia@example.org", display_name="Nadia", language="de"))
    client.post(reverse("set_language"), {"language": "es", "next": HOME})
    form = {"display_name": "Nadia", "language": "fr", "time_zone": ""}
    response = client.post(reverse("me:settings"), form, follow=True)
    assert response.status_code == 200
    assert language_of(response) == "fr"
