"""Where a person is logged in (allauth's usersessions), kept without an address and with a
coarse browser label only; listed from My account; "log out everywhere else" works; expired
sessions and their records are deleted daily."""

from datetime import timedelta

import pytest
from allauth.usersessions.models import UserSession
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from organizing.accounts.sessions import NO_ADDRESS, device_label, sessions_clear_expired
from organizing.celery import app as celery_app
from tests.factories import PASSWORD, make_user

FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
CHROME_ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A.240905.003) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/131.0.6778.104 Mobile Safari/537.36"
)
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"
)
EDGE_WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86"
)
SENTINEL_ADDRESS = "203.0.113.77"

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("user_agent", "label"),
    [
        (FIREFOX_LINUX, "Firefox on Linux"),
        (CHROME_ANDROID, "Chrome on Android"),
        (SAFARI_IPHONE, "Safari on iOS"),
        (EDGE_WINDOWS, "Edge on Windows"),
        ("curl/8.5.0", "A browser"),
        ("", "A browser"),
    ],
)
def test_the_label_names_a_browser_and_a_system_never_a_version_or_a_model(user_agent, label):
    assert device_label(user_agent) == label


def _log_in(user_agent: str) -> Client:
    client = Client(HTTP_USER_AGENT=user_agent, REMOTE_ADDR=SENTINEL_ADDRESS)
    response = client.post(
        reverse("account_login"), {"login": "sam@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302, response.content[:500]
    return client


def test_a_login_is_recorded_without_its_address_or_its_exact_browser():
    sam = make_user("sam@example.org")
    _log_in(CHROME_ANDROID)
    record = UserSession.objects.get(user=sam)
    assert record.ip == NO_ADDRESS
    assert record.user_agent == "Chrome on Android"
    assert SENTINEL_ADDRESS not in str(record.data)
    # Saving the record again (allauth does on a second login with the same session) keeps it.
    record.save()
    record.refresh_from_db()
    assert (record.ip, record.user_agent) == (NO_ADDRESS, "Chrome on Android")


def test_my_account_lists_the_sessions_and_logs_out_everywhere_else():
    make_user("sam@example.org")
    laptop = _log_in(FIREFOX_LINUX)
    phone = _log_in(SAFARI_IPHONE)
    assert phone.get(reverse("me:dashboard")).status_code == 200

    account = laptop.get(reverse("me:account")).content.decode()
    assert reverse("usersessions_list") in account

    page = laptop.get(reverse("usersessions_list"))
    html = page.content.decode()
    assert "Firefox on Linux" in html and "Safari on iOS" in html
    assert SENTINEL_ADDRESS not in html and "Gecko" not in html and NO_ADDRESS not in html
    assert "This browser" in html

    response = laptop.post(reverse("usersessions_list"))
    assert response.status_code == 302
    # The phone is logged out; the laptop is not.
    assert phone.get(reverse("me:dashboard")).status_code == 302
    assert laptop.get(reverse("me:dashboard")).status_code == 200
    assert list(UserSession.objects.values_list("user_agent", flat=True)) == ["Firefox on Linux"]


def test_the_sessions_page_is_for_the_logged_in_only():
    response = Client().get(reverse("usersessions_list"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_expired_sessions_and_the_records_of_ended_ones_are_deleted_daily():
    sam = make_user("sam@example.org")
    kept = _log_in(FIREFOX_LINUX)
    _log_in(SAFARI_IPHONE)
    ended = _log_in(CHROME_ANDROID)
    ended.post(reverse("account_logout"))  # its record stays until someone lists or purges
    assert UserSession.objects.filter(user=sam).count() == 3

    expired_key = UserSession.objects.get(user_agent="Safari on iOS").session_key
    Session.objects.filter(session_key=expired_key).update(
        expire_date=timezone.now() - timedelta(minutes=1)
    )
    assert sessions_clear_expired() == 1
    assert not Session.objects.filter(session_key=expired_key).exists()
    assert list(UserSession.objects.values_list("user_agent", flat=True)) == ["Firefox on Linux"]
    assert kept.get(reverse("me:dashboard")).status_code == 200


def test_the_clearing_is_on_the_beat_schedule():
    tasks = {entry["task"] for entry in celery_app.conf.beat_schedule.values()}
    assert "organizing.accounts.tasks.sessions_clear_expired" in tasks


def test_the_download_holds_the_sessions_as_kept():
    make_user("sam@example.org")
    client = _log_in(FIREFOX_LINUX)
    sessions = client.post(reverse("me:data")).json()["sessions"]
    assert [s["browser"] for s in sessions] == ["Firefox on Linux"]
    assert SENTINEL_ADDRESS not in str(sessions)
