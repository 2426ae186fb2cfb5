"""My private calendar (/me/calendar/): make the link, show it, replace it, turn it off."""

import pytest
from django.urls import reverse

from organizing.accounts.models import User

pytestmark = pytest.mark.django_db

URL = "/me/calendar/"


def token_of(user) -> str | None:
    return User.objects.get(pk=user.pk).calendar_token


def test_url_name():
    assert reverse("me:calendar") == URL


def test_anonymous_is_sent_to_log_in(client):
    assert "/login/" in client.get(URL)["Location"]


def test_create_show_regenerate_and_turn_off(client, bob):
    client.force_login(bob)
    assert "Create my calendar link" in client.get(URL).content.decode()

    client.post(URL, {"intent": "enable"})
    first = token_of(bob)
    page = client.get(URL)
    text = page.content.decode()
    assert f"http://127.0.0.1:8000/calendar/{first}.ics" in text
    assert f"webcal://127.0.0.1:8000/calendar/{first}.ics" in text
    assert set(page["Cache-Control"].replace(" ", "").split(",")) == {"private", "no-store"}
    assert client.get(f"/calendar/{first}.ics").status_code == 200

    client.post(URL, {"intent": "enable"})  # keeps the link it has
    assert token_of(bob) == first

    client.post(URL, {"intent": "regenerate"})
    second = token_of(bob)
    assert second and second != first
    assert client.get(f"/calendar/{first}.ics").status_code == 404
    assert client.get(f"/calendar/{second}.ics").status_code == 200

    response = client.post(URL, {"intent": "disable"})
    assert response["Location"] == URL
    assert token_of(bob) is None
    assert client.get(f"/calendar/{second}.ics").status_code == 404


def test_unknown_choice_changes_nothing(client, bob):
    client.force_login(bob)
    assert client.post(URL, {"intent": "everything"}).status_code == 400
    assert token_of(bob) is None


def test_tokens_are_long_and_distinct(client, bob, charlie):
    for user in (bob, charlie):
        client.force_login(user)
        client.post(URL, {"intent": "enable"})
    assert len(token_of(bob)) >= 40 and token_of(bob) != token_of(charlie)
