"""Accounts through allauth: sign-up with a verified email, login, reset, rate limits."""

import re
import time

import pytest
from django.conf import settings
from django.urls import reverse

from organizing.accounts.models import User
from organizing.outbox.models import OutboxMessage
from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db

NAMED = {"display_name": "Nadia"}
LINK = re.compile(r"https?://[^\s]+/accounts/confirm-email/[^\s/]+/")


def sign_up(client, email="nadia@example.org", password=PASSWORD):
    return client.post(
        reverse("account_signup"),
        {
            "email": email,
            "display_name": "Nadia",
            "password1": password,
            "password2": password,
        },
    )


def test_sign_up_sends_a_verification_link_through_the_outbox(client):
    started = time.monotonic()
    response = sign_up(client)
    assert time.monotonic() - started < 2
    assert response.status_code == 302
    email = OutboxMessage.objects.get(to="nadia@example.org")
    assert LINK.search(email.body_text)
    assert User.objects.get().email == "nadia@example.org"


def test_allauth_emails_name_the_site_and_its_address(client, settings):
    """Issue 14, first hour 3: they said "Hello from !" and "an account on ." before."""
    settings.SITE_URL = "http://127.0.0.1:8101"
    sign_up(client)
    email = OutboxMessage.objects.get(to="nadia@example.org")
    assert "Hello from Convergence!" in email.body_text
    assert "register an account on 127.0.0.1:8101" in email.body_text
    assert "Thank you for using Convergence!" in email.body_text
    assert email.subject.startswith("[Convergence] ")


def test_following_the_link_verifies_and_logs_in(client):
    sign_up(client)
    link = LINK.search(OutboxMessage.objects.get().body_text).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    assert client.get("/" + path).status_code == 200
    response = client.post("/" + path)
    assert response.status_code == 302
    user = User.objects.get()
    assert user.emailaddress_set.get().verified
    assert client.get(reverse("collectives:register")).status_code == 200


def test_sign_up_asks_for_a_display_name_that_need_not_be_the_legal_name(client):
    page = client.get(reverse("account_signup")).content.decode()
    assert 'name="display_name"' in page
    assert "It need not be your legal name" in page
    assert page.index('name="email"') < page.index('name="display_name"')
    assert page.index('name="display_name"') < page.index('name="password1"')
    assert 'name="website"' in page  # the honeypot stays


def test_a_new_account_has_its_display_name(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "nadia@example.org",
            "display_name": "  Nadia  K. ",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302
    user = User.objects.get()
    assert user.display_name == "Nadia K."
    assert str(user) != "Member without a display name"


def test_login_is_refused_until_the_email_is_verified(client):
    sign_up(client)
    client.logout()
    response = client.post(
        reverse("account_login"), {"login": "nadia@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"email": "not-an-email", **NAMED, "password1": PASSWORD, "password2": PASSWORD}, "email"),
        (
            {"email": "n@example.org", **NAMED, "password1": "short", "password2": "short"},
            "password1",
        ),
        (
            {"email": "n@example.org", **NAMED, "password1": PASSWORD, "password2": PASSWORD + "x"},
            "password2",
        ),
        ({"email": "n@example.org", "password1": PASSWORD, "password2": PASSWORD}, "display_name"),
        (
            {
                "email": "n@example.org",
                "display_name": "   ",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
            "display_name",
        ),
    ],
)
def test_bad_sign_up_input_is_explained_and_writes_nothing(client, data, field):
    response = client.post(reverse("account_signup"), data)
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert 'value="' + data["email"] + '"' in response.content.decode()
    assert not User.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_sign_up_is_rate_limited_with_a_friendly_page(client):
    for number in range(10):
        sign_up(client, email=f"person{number}@example.org")
        client.logout()
    response = sign_up(client, email="one-too-many@example.org")
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert not User.objects.filter(email="one-too-many@example.org").exists()


def test_failed_logins_are_rate_limited(client, alice):
    for _ in range(5):
        client.post(
            reverse("account_login"), {"login": "alice@example.org", "password": "wrong password"}
        )
    response = client.post(
        reverse("account_login"), {"login": "alice@example.org", "password": PASSWORD}
    )
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session


def test_password_reset_links_live_one_hour_at_most(client, alice):
    assert settings.PASSWORD_RESET_TIMEOUT <= 3600
    client.post(reverse("account_reset_password"), {"email": "alice@example.org"})
    email = OutboxMessage.objects.get(to="alice@example.org")
    assert "/accounts/password/reset/key/" in email.body_text


def test_changing_email_requires_verifying_the_new_address(client, alice):
    client.force_login(alice)
    client.post(reverse("account_email"), {"email": "alice.new@example.org", "action_add": ""})
    new = alice.emailaddress_set.get(email="alice.new@example.org")
    assert not new.verified
    assert OutboxMessage.objects.filter(to="alice.new@example.org").exists()
    alice.refresh_from_db()
    assert alice.email == "alice@example.org"


def test_totp_can_be_turned_on_by_anyone_after_confirming_their_password(client):
    client.force_login(make_user("member@example.org"))
    assert client.get(reverse("mfa_activate_totp")).status_code == 302  # asks the password
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    assert "data:image/svg+xml" in response.content.decode()


def test_rate_limits_live_in_the_database_not_in_redis():
    # Shared by every process, and still enforced when Redis (the broker) is down.
    assert settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache")
