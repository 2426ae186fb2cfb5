"""Taking part: RSVP with and without an account, confirm and cancel links, approval mode,
capacity and waitlist, duplicates, and what the page and the emails reveal."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from organizing.actions.models import (
    Action,
    ActionStatus,
    Rsvp,
    RsvpStatus,
)
from organizing.actions.selectors.rsvp import (
    SESSION_KEY,
    can_see_exact_location,
    rsvp_counts,
    viewer_rsvp,
)
from organizing.actions.services.rsvp import (
    RsvpError,
    rsvp_cancel,
    rsvp_confirm,
    rsvp_create,
    rsvp_decide,
)
from organizing.outbox.models import OutboxMessage
from tests.factories import SECRET_ADDRESS, confirmed, mails_to, make_action, rsvp_anonymously

pytestmark = pytest.mark.django_db


@pytest.fixture
def action(collective):
    return make_action(collective)


def post_rsvp(client, action, **data):
    return client.post(reverse("actions:rsvp", args=[action.slug]), data)


# Without an account -------------------------------------------------------------------------


def test_rsvp_without_account_waits_for_the_email_link(client, action):
    response = post_rsvp(client, action, name="Dana", email="Dana@Example.NET")
    assert response.status_code == 302
    rsvp = Rsvp.objects.get()
    assert rsvp.email == "dana@example.net"
    assert rsvp.status == RsvpStatus.UNCONFIRMED
    mail = mails_to("dana@example.net").get()
    assert reverse("actions:rsvp_confirm", args=[rsvp.token]) in mail.body_text
    assert reverse("actions:rsvp_cancel", args=[rsvp.token]) in mail.body_text
    assert "http://" in mail.body_text or "https://" in mail.body_text
    assert rsvp_counts(action) == {"confirmed": 0, "waitlisted": 0}


def test_confirm_link_shows_a_button_and_post_confirms(client, action):
    rsvp = rsvp_anonymously(action)
    url = reverse("actions:rsvp_confirm", args=[rsvp.token])
    page = client.get(url)
    assert page.status_code == 200
    assert "Yes, I am coming" in page.content.decode()
    rsvp.refresh_from_db()
    assert rsvp.status == RsvpStatus.UNCONFIRMED  # a GET (link preview) changes nothing
    assert client.post(url).status_code == 302
    rsvp.refresh_from_db()
    assert rsvp.status == RsvpStatus.CONFIRMED
    assert rsvp.confirmed_at is not None
    assert client.session[SESSION_KEY] == {str(action.pk): rsvp.token}
    confirmed_mail = mails_to(rsvp.email).last()
    assert SECRET_ADDRESS in confirmed_mail.body_text
    assert reverse("actions:rsvp_cancel", args=[rsvp.token]) in confirmed_mail.body_text


def test_unknown_token_is_404(client):
    assert client.get(reverse("actions:rsvp_confirm", args=["nope"])).status_code == 404
    assert client.post(reverse("actions:rsvp_cancel", args=["nope"])).status_code == 404


def test_honeypot_creates_nothing(client, action):
    response = post_rsvp(client, action, name="Bot", email="bot@example.net", fax_number="1")
    assert response.status_code == 200
    assert not Rsvp.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_bad_email_shows_the_form_again(client, action):
    response = post_rsvp(client, action, name="Dana", email="not-an-email")
    assert response.status_code == 200
    assert response.context["rsvp_form"].errors["email"]
    assert not Rsvp.objects.exists()


def test_rsvp_form_page_renders_for_no_js(client, action):
    page = client.get(reverse("actions:rsvp", args=[action.slug]))
    assert page.status_code == 200
    assert "I am coming" in page.content.decode()


def test_rsvp_is_rate_limited(client, action, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "rsvp": "2/h/ip"}
    for n in range(2):
        assert post_rsvp(client, action, name="D", email=f"d{n}@example.net").status_code == 302
    assert post_rsvp(client, action, name="D", email="d9@example.net").status_code == 429
    assert Rsvp.objects.count() == 2


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"rsvp_mode": "none"}, "takes no RSVPs"),
        ({"rsvp_mode": "external", "external_rsvp_url": "https://example.net/rsvp"}, "elsewhere"),
        ({"status": ActionStatus.CANCELLED}, "not open for RSVPs"),
    ],
)
def test_actions_without_rsvp_say_so(client, collective, fields, message):
    action = make_action(collective, **fields)
    response = post_rsvp(client, action, name="Dana", email="dana@example.net")
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Rsvp.objects.exists()
    with pytest.raises(RsvpError):
        rsvp_anonymously(action)


def test_draft_action_rsvp_is_404_for_outsiders(client, collective):
    action = make_action(collective, status=ActionStatus.DRAFT)
    assert post_rsvp(client, action, name="D", email="d@example.net").status_code == 404


# With an account ----------------------------------------------------------------------------


def test_rsvp_with_account_is_confirmed_at_once(client_as, action, charlie):
    response = post_rsvp(client_as("charlie"), action, name="")
    assert response.status_code == 302
    rsvp = Rsvp.objects.get()
    assert (rsvp.user, rsvp.name, rsvp.email) == (charlie, "Charlie", "charlie@example.org")
    assert rsvp.status == RsvpStatus.CONFIRMED
    assert mails_to("charlie@example.org").get().subject.startswith("You are coming")


def test_account_with_unverified_email_confirms_by_link(client, action):
    from tests.conftest import make_user

    user = make_user("eve@example.org", verified=False, display_name="Eve")
    client.force_login(user)
    post_rsvp(client, action, name="")
    assert Rsvp.objects.get().status == RsvpStatus.UNCONFIRMED


def test_viewer_sees_their_rsvp_and_can_cancel(client_as, action, charlie):
    client = client_as("charlie")
    post_rsvp(client, action, name="")
    request = RequestFactory().get("/")
    request.user = charlie
    request.session = {}
    rsvp = viewer_rsvp(request, action)
    assert rsvp.status == RsvpStatus.CONFIRMED
    page = client.get(reverse("actions:rsvp", args=[action.slug])).content.decode()
    assert reverse("actions:rsvp_cancel", args=[rsvp.token]) in page
    assert "1 person is coming" in page


def test_attendee_count_hidden_when_switched_off(client, collective):
    action = make_action(collective, show_attendee_count=False)
    confirmed(action, "Dana", "dana@example.net")
    page = client.get(reverse("actions:rsvp", args=[action.slug])).content.decode()
    assert "is coming" not in page and "are coming" not in page


# Cancel -------------------------------------------------------------------------------------


def test_cancel_link_get_asks_and_post_cancels(client, action):
    rsvp = confirmed(action, "Dana", "dana@example.net")
    url = reverse("actions:rsvp_cancel", args=[rsvp.token])
    assert "Cancel my RSVP" in client.get(url).content.decode()
    rsvp.refresh_from_db()
    assert rsvp.status == RsvpStatus.CONFIRMED
    assert client.post(url).status_code == 302
    rsvp.refresh_from_db()
    assert rsvp.status == RsvpStatus.CANCELLED
    assert rsvp.cancelled_at is not None
    assert rsvp_counts(action)["confirmed"] == 0


# Duplicates ---------------------------------------------------------------------------------


def test_same_email_returns_the_same_rsvp(action):
    first = confirmed(action, "Dana", "dana@example.net")
    again = rsvp_anonymously(action, "Someone else", "DANA@example.net")
    assert again.pk == first.pk
    assert Rsvp.objects.count() == 1
    again.refresh_from_db()
    assert again.name == "Dana"
    assert again.status == RsvpStatus.CONFIRMED


def test_repeated_unconfirmed_rsvp_resends_the_link(action):
    rsvp_anonymously(action)
    rsvp_anonymously(action)
    assert Rsvp.objects.count() == 1
    assert mails_to("dana@example.net").count() == 2


def test_cancelled_rsvp_can_be_reactivated(action):
    rsvp = confirmed(action, "Dana", "dana@example.net")
    rsvp_cancel(rsvp=rsvp)
    again = rsvp_anonymously(action, "Dana B.", "dana@example.net")
    assert again.pk == rsvp.pk
    assert again.status == RsvpStatus.UNCONFIRMED
    assert again.cancelled_at is None
    rsvp_confirm(rsvp=again)
    again.refresh_from_db()
    assert again.status == RsvpStatus.CONFIRMED


def test_duplicate_anonymous_rsvp_does_not_reveal_the_state(client, action):
    confirmed(action, "Dana", "dana@example.net")
    page = client.post(
        reverse("actions:rsvp", args=[action.slug]),
        {"name": "Mallory", "email": "dana@example.net"},
        follow=True,
    )
    body = page.content.decode()
    assert "Almost there" in body
    assert "your place is confirmed" not in body
    assert SESSION_KEY not in client.session


# Approval mode ------------------------------------------------------------------------------


def test_approval_mode_waits_for_a_host(action, alice):
    Action.objects.filter(pk=action.pk).update(
        rsvp_mode="approval", location_visibility="participants"
    )
    action.refresh_from_db()
    rsvp = confirmed(action, "Dana", "dana@example.net")
    assert rsvp.status == RsvpStatus.PENDING
    assert all(SECRET_ADDRESS not in m.body_text for m in mails_to(rsvp.email))
    assert not can_see_exact_location(_request_with_token(rsvp), action)
    rsvp = rsvp_decide(rsvp=rsvp, approve=True, decided_by=alice)
    assert rsvp.status == RsvpStatus.CONFIRMED
    assert SECRET_ADDRESS in mails_to(rsvp.email).last().body_text
    assert can_see_exact_location(_request_with_token(rsvp), action)


def test_host_decline_frees_a_place(action, alice):
    Action.objects.filter(pk=action.pk).update(capacity=1)
    action.refresh_from_db()
    first = confirmed(action, "Dana", "dana@example.net")
    second = confirmed(action, "Eli", "eli@example.net")
    assert second.status == RsvpStatus.WAITLISTED
    rsvp_decide(rsvp=first, approve=False, decided_by=alice)
    second.refresh_from_db()
    assert second.status == RsvpStatus.CONFIRMED


def test_unconfirmed_cannot_be_approved(action, alice):
    rsvp = rsvp_anonymously(action)
    with pytest.raises(RsvpError):
        rsvp_decide(rsvp=rsvp, approve=True, decided_by=alice)


# Capacity and waitlist ----------------------------------------------------------------------


def test_capacity_waitlist_and_promotion_on_cancel(client, collective):
    action = make_action(collective, capacity=2, location_visibility="participants")
    first = confirmed(action, "Ann", "ann@example.net")
    confirmed(action, "Ben", "ben@example.net")
    third = confirmed(action, "Cat", "cat@example.net")
    fourth = confirmed(action, "Dan", "dan@example.net")
    assert third.status == fourth.status == RsvpStatus.WAITLISTED
    assert rsvp_counts(action) == {"confirmed": 2, "waitlisted": 2}
    waitlist_mail = mails_to("cat@example.net").last()
    assert waitlist_mail.subject.startswith("You are on the waitlist")
    assert SECRET_ADDRESS not in waitlist_mail.body_text

    client.post(reverse("actions:rsvp_cancel", args=[first.token]))
    third.refresh_from_db()
    fourth.refresh_from_db()
    assert third.status == RsvpStatus.CONFIRMED  # the oldest on the waitlist
    assert fourth.status == RsvpStatus.WAITLISTED
    promoted = mails_to("cat@example.net").last()
    assert promoted.subject.startswith("A place freed up")
    assert SECRET_ADDRESS in promoted.body_text
    assert reverse("actions:rsvp_cancel", args=[third.token]) in promoted.body_text
    assert rsvp_counts(action) == {"confirmed": 2, "waitlisted": 1}


def test_cancelling_a_waitlisted_rsvp_promotes_nobody(collective):
    action = make_action(collective, capacity=1)
    confirmed(action, "Ann", "ann@example.net")
    waiting = confirmed(action, "Ben", "ben@example.net")
    rsvp_cancel(rsvp=waiting)
    assert rsvp_counts(action) == {"confirmed": 1, "waitlisted": 0}


# Exact location -----------------------------------------------------------------------------


def _request_with_token(rsvp, user=None):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    request.session = {SESSION_KEY: {str(rsvp.action_id): rsvp.token}}
    return request


@pytest.mark.parametrize(
    ("visibility", "expected"),
    [
        (
            "public",
            {"anonymous": True, "charlie": True, "bob": True, "alice": True, "participant": True},
        ),
        (
            "participants",
            {
                "anonymous": False,
                "charlie": False,
                "bob": False,
                "alice": True,
                "participant": True,
            },
        ),
        (
            "hosts",
            {
                "anonymous": False,
                "charlie": False,
                "bob": False,
                "alice": True,
                "participant": False,
            },
        ),
    ],
)
def test_exact_location_rule(collective, alice, bob, charlie, visibility, expected):
    from django.contrib.auth.models import AnonymousUser

    action = make_action(collective, location_visibility=visibility)
    rsvp = confirmed(action, "Dana", "dana@example.net")

    def request_of(user):
        request = RequestFactory().get("/")
        request.user, request.session = user, {}
        return request

    seen = {
        "anonymous": can_see_exact_location(request_of(AnonymousUser()), action),
        "charlie": can_see_exact_location(request_of(charlie), action),
        "bob": can_see_exact_location(request_of(bob), action),
        "alice": can_see_exact_location(request_of(alice), action),
        "participant": can_see_exact_location(_request_with_token(rsvp), action),
    }
    assert seen == expected


def test_confirmed_account_sees_exact_location(collective, charlie):
    from organizing.actions import access

    action = make_action(collective, location_visibility="participants")
    assert not access.can_see_exact_location(charlie, action)
    rsvp = rsvp_create(action=action, name="", user=charlie)
    assert access.can_see_exact_location(charlie, action, rsvp=rsvp)


def test_hosts_only_address_is_never_emailed(collective):
    action = make_action(collective, location_visibility="hosts")
    rsvp = confirmed(action, "Dana", "dana@example.net")
    assert rsvp.status == RsvpStatus.CONFIRMED
    assert all(SECRET_ADDRESS not in m.body_text for m in mails_to(rsvp.email))


# Sentinel -----------------------------------------------------------------------------------

SENTINEL_NAME = "Zyxwvut Sentinel-Attendee"
SENTINEL_EMAIL = "zyxwvut.sentinel@example.net"


def test_attendee_never_shows_to_others(client_as, collective, charlie):
    action = make_action(collective, location_visibility="participants")
    sentinel = confirmed(action, SENTINEL_NAME, SENTINEL_EMAIL)
    unconfirmed = rsvp_anonymously(action, "Newcomer", "newcomer@example.net")
    rsvp_create(action=action, name="", user=charlie)
    urls = [
        action.get_absolute_url(),
        reverse("actions:rsvp", args=[action.slug]),
        reverse("actions:rsvp_confirm", args=[unconfirmed.token]),
        reverse("actions:rsvp_cancel", args=[unconfirmed.token]),
    ]
    for who in ("anonymous", "charlie"):
        client = client_as(who)
        for url in urls:
            body = client.get(url).content.decode()
            assert SENTINEL_NAME not in body and SENTINEL_EMAIL not in body
            assert sentinel.token not in body
        client.logout()
    for mail in OutboxMessage.objects.exclude(to=SENTINEL_EMAIL):
        assert SENTINEL_NAME not in mail.body_text + mail.subject
        assert SENTINEL_EMAIL not in mail.body_text + mail.subject
    for mail in mails_to("newcomer@example.net"):
        assert SECRET_ADDRESS not in mail.body_text
