"""Behind the documented proxy, the rate limits count each visitor, not the proxy: a spoofed
X-Forwarded-For from anyone but a trusted proxy is ignored, the proxy's is used; and a lockout
of an account never stops the right password plus a second factor from another address."""

import pytest
from allauth.core import ratelimit
from django.test import RequestFactory, override_settings
from django.urls import reverse

from organizing.accounts.adapter import AccountAdapter
from organizing.core.client_ip import client_ip
from tests.conftest import PASSWORD, enable_two_factor, make_user, totp_code

PROXY = "127.0.0.1"  # nginx on the same host, as in docs/deployment.md
STRANGER = "203.0.113.9"  # a peer that is not our proxy
BEHIND_ONE_PROXY = override_settings(TRUSTED_PROXY_COUNT=1)


def request_from(peer: str, **headers):
    return RequestFactory().post("/", REMOTE_ADDR=peer, headers=headers)


@pytest.mark.parametrize(
    ("settings_", "peer", "headers", "expected"),
    [
        # Default: no proxy configured, the header is ignored even from loopback.
        ({}, PROXY, {"X-Forwarded-For": "198.51.100.7"}, PROXY),
        ({}, STRANGER, {"X-Forwarded-For": "198.51.100.7"}, STRANGER),
        # One proxy: the last hop it appended is the client; what the client sent is not.
        ({"TRUSTED_PROXY_COUNT": 1}, PROXY, {"X-Forwarded-For": "198.51.100.7"}, "198.51.100.7"),
        (
            {"TRUSTED_PROXY_COUNT": 1},
            PROXY,
            {"X-Forwarded-For": "6.6.6.6, 198.51.100.7"},
            "198.51.100.7",
        ),
        # A spoofed header straight from an untrusted peer is ignored.
        ({"TRUSTED_PROXY_COUNT": 1}, STRANGER, {"X-Forwarded-For": "198.51.100.7"}, STRANGER),
        # Two proxies (a CDN, then nginx): the second hop from the right.
        (
            {"TRUSTED_PROXY_COUNT": 2},
            PROXY,
            {"X-Forwarded-For": "6.6.6.6, 198.51.100.7, 192.0.2.1"},
            "198.51.100.7",
        ),
        # Fewer hops than proxies, junk, or no header: the peer, never an error.
        ({"TRUSTED_PROXY_COUNT": 2}, PROXY, {"X-Forwarded-For": "198.51.100.7"}, PROXY),
        ({"TRUSTED_PROXY_COUNT": 1}, PROXY, {"X-Forwarded-For": "not-an-ip"}, PROXY),
        ({"TRUSTED_PROXY_COUNT": 1}, PROXY, {"X-Forwarded-For": " , "}, PROXY),
        ({"TRUSTED_PROXY_COUNT": 1}, PROXY, {}, PROXY),
        (
            {"TRUSTED_PROXY_COUNT": 1},
            PROXY,
            {"X-Forwarded-For": "198.51.100.7:4711"},
            "198.51.100.7",
        ),
        (
            {"TRUSTED_PROXY_COUNT": 1},
            "::1",
            {"X-Forwarded-For": "[2001:db8::5]:443"},
            "2001:db8::5",
        ),
        # A header set by the proxy (nginx's X-Real-IP), believed from the proxy only.
        (
            {"TRUSTED_CLIENT_IP_HEADER": "X-Real-IP"},
            PROXY,
            {"X-Real-IP": "198.51.100.7"},
            "198.51.100.7",
        ),
        (
            {"TRUSTED_CLIENT_IP_HEADER": "X-Real-IP"},
            STRANGER,
            {"X-Real-IP": "198.51.100.7"},
            STRANGER,
        ),
        (
            {"TRUSTED_CLIENT_IP_HEADER": "X-Real-IP"},
            PROXY,
            {"X-Forwarded-For": "198.51.100.7"},
            PROXY,
        ),
        # A proxy elsewhere on the network, named in TRUSTED_PROXIES.
        (
            {"TRUSTED_PROXY_COUNT": 1, "TRUSTED_PROXIES": ["10.0.0.0/8"]},
            "10.1.2.3",
            {"X-Forwarded-For": "198.51.100.7"},
            "198.51.100.7",
        ),
        (
            {"TRUSTED_PROXY_COUNT": 1, "TRUSTED_PROXIES": ["10.0.0.0/8"]},
            PROXY,
            {"X-Forwarded-For": "198.51.100.7"},
            PROXY,
        ),
    ],
)
def test_client_ip(settings_, peer, headers, expected):
    with override_settings(**settings_):
        assert client_ip(request_from(peer, **headers)) == expected


def test_allauth_and_our_limits_ask_the_same_function():
    request = request_from(PROXY, **{"X-Forwarded-For": "198.51.100.7"})
    with BEHIND_ONE_PROXY:
        assert AccountAdapter(request).get_client_ip(request) == "198.51.100.7"


@pytest.mark.django_db
@BEHIND_ONE_PROXY
def test_per_address_budget_counts_each_visitor_behind_the_proxy():
    # The RSVP budget is 10 an hour per address (settings.ACCOUNT_RATE_LIMITS).
    for _ in range(10):
        assert ratelimit.consume(
            request_from(PROXY, **{"X-Forwarded-For": "198.51.100.66"}), action="rsvp"
        )
    assert not ratelimit.consume(
        request_from(PROXY, **{"X-Forwarded-For": "198.51.100.66"}), action="rsvp"
    )
    assert ratelimit.consume(
        request_from(PROXY, **{"X-Forwarded-For": "198.51.100.7"}), action="rsvp"
    )


@pytest.mark.django_db
@BEHIND_ONE_PROXY
def test_a_spoofed_header_from_a_stranger_does_not_buy_a_fresh_budget():
    for n in range(10):
        assert ratelimit.consume(
            request_from(STRANGER, **{"X-Forwarded-For": f"198.51.100.{n}"}), action="rsvp"
        )
    assert not ratelimit.consume(
        request_from(STRANGER, **{"X-Forwarded-For": "198.51.100.200"}), action="rsvp"
    )


def login(client, email: str, password: str, address: str):
    return client.post(
        reverse("account_login"),
        {"login": email, "password": password},
        REMOTE_ADDR=PROXY,
        headers={"X-Forwarded-For": address},
    )


def too_many(response) -> bool:
    return response.status_code == 200 and b"Too many failed login attempts" in response.content


@pytest.mark.django_db
@BEHIND_ONE_PROXY
def test_failed_logins_from_one_visitor_do_not_lock_out_the_others(client, bob):
    for n in range(10):
        login(client, f"made-up-{n}@example.net", "wrong password", "198.51.100.66")
    assert too_many(login(client, "made-up-x@example.net", "wrong password", "198.51.100.66"))
    response = login(client, bob.email, PASSWORD, "198.51.100.7")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(bob.pk)


@pytest.mark.django_db
@BEHIND_ONE_PROXY
def test_account_lockout_never_stops_password_plus_second_factor_from_elsewhere(client):
    dana = make_user("dana@example.net")
    secret = enable_two_factor(dana)
    # An attacker spends the account's budget (5 in 5 minutes) from many addresses.
    for n in range(6):
        login(client, dana.email, "wrong password", f"198.51.100.{n}")
    assert too_many(login(client, dana.email, "still wrong", "198.51.100.50"))
    # Dana, from home: the right password leads to the second factor, and in.
    response = login(client, dana.email, PASSWORD, "192.0.2.44")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_authenticate"))
    client.post(
        reverse("mfa_authenticate"),
        {"code": totp_code(secret)},
        REMOTE_ADDR=PROXY,
        headers={"X-Forwarded-For": "192.0.2.44"},
    )
    assert client.session["_auth_user_id"] == str(dana.pk)


@pytest.mark.django_db
@BEHIND_ONE_PROXY
def test_locked_account_without_second_factor_stays_locked(client, bob):
    # Without a second factor the password is the only secret: the per-account limit holds
    # against guesses spread over many addresses, and answers the same to a right password.
    for n in range(6):
        login(client, bob.email, "wrong password", f"198.51.100.{n}")
    assert too_many(login(client, bob.email, PASSWORD, "192.0.2.44"))
    assert "_auth_user_id" not in client.session
