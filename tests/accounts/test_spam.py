"""Spam defences: email verification before posting, rate limits on sign-up and posting (per IP
and per account), the sign-up honeypot, the disposable-email-domain blocklist."""

import pytest
from allauth.core.internal.ratelimit import parse_rates
from django.conf import settings
from django.urls import reverse

from organizing.accounts.disposable import email_is_disposable
from organizing.accounts.forms import SignupForm
from organizing.accounts.models import User
from organizing.actions.models import Action
from organizing.collectives.models import Collective, Membership
from organizing.outbox.models import OutboxMessage
from tests.conftest import PASSWORD, make_user
from tests.factories import form_data

pytestmark = pytest.mark.django_db

SIGNUP = reverse("account_signup")
POST_ACTION = reverse("coalitions:action_create")


def sign_up(client, email="nadia@example.org", ip="127.0.0.1", **extra):
    data = {
        "email": email,
        "display_name": "Nadia",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **extra,
    }
    return client.post(SIGNUP, data, REMOTE_ADDR=ip)


# Email verification before posting


@pytest.fixture
def unverified_organizer(collective):
    user = make_user("unverified@example.org", verified=False)
    Membership.objects.create(user=user, collective=collective, role="organizer")
    return user


def test_posting_an_action_needs_a_verified_email(
    client, unverified_organizer, collective, gazetteer
):
    client.force_login(unverified_organizer)
    response = client.post(POST_ACTION, form_data(collective))
    assert response.status_code == 200
    assert "account/verified_email_required.html" in [t.name for t in response.templates]
    assert not Action.objects.exists()
    # ...and a new link is sent to confirm the address.
    assert OutboxMessage.objects.filter(to="unverified@example.org").exists()


def test_registering_a_collective_needs_a_verified_email(client, db):
    client.force_login(make_user("fresh@example.org", verified=False))
    response = client.post(reverse("collectives:register"), {"name": "Spam Collective"})
    assert response.status_code == 200
    assert "account/verified_email_required.html" in [t.name for t in response.templates]
    assert not Collective.objects.filter(name="Spam Collective").exists()


def test_an_unverified_account_cannot_even_log_in(client, db):
    make_user("fresh@example.org", verified=False)
    client.post(reverse("account_login"), {"login": "fresh@example.org", "password": PASSWORD})
    assert "_auth_user_id" not in client.session


# Rate limits


def test_sign_up_is_limited_per_ip(client, db):
    amount = parse_rates(settings.ACCOUNT_RATE_LIMITS["signup"])[0].amount
    for number in range(amount):
        assert sign_up(client, email=f"person{number}@example.org").status_code == 302
        client.logout()
    assert sign_up(client, email="one-too-many@example.org").status_code == 429
    assert not User.objects.filter(email="one-too-many@example.org").exists()
    # Another address is not held back by the first one's burst.
    assert sign_up(client, email="elsewhere@example.org", ip="192.0.2.7").status_code == 302


def test_posting_is_limited_per_ip_and_per_account_in_the_settings():
    rates = parse_rates(settings.ACCOUNT_RATE_LIMITS["post_action"])
    per = {rate.per: rate for rate in rates}
    assert set(per) == {"ip", "user"}
    assert per["ip"].amount >= per["user"].amount  # several organizers may share an office


@pytest.fixture
def small_posting_limits(settings):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "post_action": "2/h/user,3/h/ip",
    }


def post(client, collective, ip):
    return client.post(POST_ACTION, form_data(collective), REMOTE_ADDR=ip)


def test_posting_is_limited_per_account(client, alice, collective, gazetteer, small_posting_limits):
    client.force_login(alice)
    assert post(client, collective, "192.0.2.1").status_code == 302
    assert post(client, collective, "192.0.2.2").status_code == 302
    # A third action from yet another address: the account's limit.
    response = post(client, collective, "192.0.2.3")
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert Action.objects.count() == 2


def test_posting_is_limited_per_ip(client, alice, collective, gazetteer, small_posting_limits):
    organizers = [alice]
    for name in ("olga", "omar"):
        user = make_user(f"{name}@example.org")
        Membership.objects.create(user=user, collective=collective, role="organizer")
        organizers.append(user)
    client.force_login(organizers[0])
    assert post(client, collective, "192.0.2.1").status_code == 302
    assert post(client, collective, "192.0.2.1").status_code == 302
    client.force_login(organizers[1])
    assert post(client, collective, "192.0.2.1").status_code == 302
    # A different account, the same address: the address's limit.
    assert post(client, collective, "192.0.2.1").status_code == 429
    client.force_login(organizers[2])
    assert post(client, collective, "192.0.2.1").status_code == 429
    assert post(client, collective, "192.0.2.9").status_code == 302
    assert Action.objects.count() == 4


def test_a_form_sent_back_with_a_mistake_does_not_count(
    client, alice, collective, gazetteer, small_posting_limits
):
    client.force_login(alice)
    for _ in range(5):
        response = client.post(POST_ACTION, form_data(collective, title=""))
        assert response.status_code == 200
    assert post(client, collective, "192.0.2.1").status_code == 302


# Honeypot


def test_the_sign_up_form_is_ours_with_its_honeypot(client, db):
    response = client.get(SIGNUP)
    assert isinstance(response.context["form"], SignupForm)
    page = response.content.decode()
    assert 'name="website"' in page
    assert 'tabindex="-1"' in page and 'autocomplete="off"' in page
    assert "Leave this field empty" in page  # the label, read by screen readers
    assert 'id="div_id_website" class="mb-3 visually-hidden"' in page


def test_a_filled_honeypot_fails_quietly(client, db):
    response = sign_up(client, website="https://cheap-pills.example")
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert errors == ["We could not create your account. Please try again later."]
    assert "website" not in response.context["form"].errors  # never says which field
    assert not User.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_an_empty_honeypot_lets_people_in(client, db):
    assert sign_up(client, website="").status_code == 302
    assert User.objects.get().email == "nadia@example.org"


# Disposable email domains


@pytest.mark.parametrize(
    "email", ["burner@mailinator.com", "burner@inbox.mailinator.com", "Burner@YOPMAIL.com"]
)
def test_sign_up_refuses_disposable_addresses(client, db, email):
    response = sign_up(client, email=email)
    assert response.status_code == 200
    assert "disposable email services" in str(response.context["form"].errors["email"])
    assert not User.objects.exists()


def test_adding_a_disposable_address_is_refused(client, alice):
    client.force_login(alice)
    response = client.post(
        reverse("account_email"), {"email": "alias@sub.guerrillamail.com", "action_add": ""}
    )
    assert response.status_code == 200
    assert "disposable email services" in response.content.decode()
    assert not alice.emailaddress_set.filter(email="alias@sub.guerrillamail.com").exists()


@pytest.mark.parametrize(
    ("email", "disposable"),
    [
        ("a@mailinator.com", True),
        ("a@deep.sub.mailinator.com", True),
        ("a@mailinator.com.", True),
        ("a@example.org", False),
        ("a@gmail.com", False),
        ("a@notyopmail.com", False),  # yopmail.com is listed, not this one
        ("a@com", False),
    ],
)
def test_disposable_domains_and_their_subdomains(email, disposable):
    assert email_is_disposable(email) is disposable
