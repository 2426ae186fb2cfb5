"""The demo admin of `make run` (issue 14, item 2): its first login goes straight from the
password to TOTP set-up (no "Verify your email address", no second password prompt), and the
recovery codes page leads on to the admin."""

import io
import time

import pytest
from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.urls import reverse

from organizing.accounts.management.commands.ensure_demo_admin import DEMO_EMAIL
from organizing.accounts.models import User
from tests.conftest import PASSWORD, make_user, totp_code


@pytest.fixture
def demo_admin(db, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    call_command("ensure_demo_admin", stdout=io.StringIO())
    return User.objects.get(email=DEMO_EMAIL)


def test_the_demo_admins_address_is_verified_and_primary(demo_admin):
    address = EmailAddress.objects.get(user=demo_admin)
    assert address.email == DEMO_EMAIL
    assert address.verified
    assert address.primary


def test_a_second_make_run_keeps_one_verified_address(demo_admin, monkeypatch):
    EmailAddress.objects.filter(user=demo_admin).update(verified=False)  # an older demo database
    call_command("ensure_demo_admin", stdout=io.StringIO())
    addresses = EmailAddress.objects.filter(user=demo_admin)
    assert list(addresses.values_list("verified", "primary")) == [(True, True)]


# transaction=True: allauth announces the new authenticator when its transaction commits.
@pytest.mark.django_db(transaction=True)
def test_the_first_login_goes_from_the_password_to_the_qr_code_and_on_to_the_admin(
    client, demo_admin
):
    response = client.post(
        reverse("account_login") + "?next=/admin/", {"login": DEMO_EMAIL, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"  # not the "Verify your email address" page
    setup = client.get("/admin/")["Location"]
    assert setup.startswith(reverse("mfa_activate_totp"))
    response = client.get(setup)
    assert response.status_code == 200  # no second password prompt
    assert "data:image/svg+xml" in response.content.decode()
    secret = response.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    codes = client.get(response["Location"])
    assert codes.status_code == 200
    assert f'href="{reverse("admin:index")}"' in codes.content.decode()
    assert "Continue to the administration" in codes.content.decode()
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_the_recovery_codes_page_leads_others_to_their_dashboard(client):
    member = make_user("member@example.org")
    client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    secret = client.get(reverse("mfa_activate_totp")).context["form"].secret
    client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    page = client.get(reverse("mfa_view_recovery_codes")).content.decode()
    assert f'href="{reverse("me:dashboard")}"' in page
    assert f'href="{reverse("admin:index")}"' not in page


def test_an_old_login_is_asked_for_the_password_again(client, demo_admin):
    client.post(reverse("account_login"), {"login": DEMO_EMAIL, "password": PASSWORD})
    session = client.session
    records = session[AUTHENTICATION_METHODS_SESSION_KEY]
    for record in records:
        record["at"] = time.time() - 3600
    session[AUTHENTICATION_METHODS_SESSION_KEY] = records
    session.save()
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
