"""The registration mode: open or approval required; the switch to approval under a burst of
sign-ups, telling the moderators once; approving the accounts that waited."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from organizing.accounts.models import User
from organizing.moderation.models import (
    Decision,
    DecisionVerb,
    RegistrationMode,
    SiteSettings,
)
from organizing.outbox.models import OutboxMessage
from tests.conftest import PASSWORD, login_with_two_factor

pytestmark = pytest.mark.django_db

SIGNUP = reverse("account_signup")
SWITCH_SUBJECT = "Sign-ups now need your approval"
LINK = re.compile(r"https?://[^\s]+(/accounts/confirm-email/[^\s/]+/)")


def sign_up(client, number: int):
    """One sign-up from its own address (the per-IP limit is tested elsewhere)."""
    client.logout()
    return client.post(
        SIGNUP,
        {
            "email": f"person{number}@example.org",
            "display_name": f"Person {number}",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
        REMOTE_ADDR=f"198.51.100.{number + 1}",
    )


@pytest.fixture
def limit_5(mod):
    """Limit 5 an hour; the cast joined long ago, so only the burst counts."""
    User.objects.update(date_joined=timezone.now() - dt.timedelta(days=30))
    site = SiteSettings.load()
    site.signups_per_hour_limit = 5
    site.save()
    return site


def switch_emails():
    return OutboxMessage.objects.filter(subject__contains=SWITCH_SUBJECT)


def test_open_mode_creates_active_accounts(client, db):
    assert SiteSettings.load().registration_mode == RegistrationMode.OPEN
    sign_up(client, 1)
    assert User.objects.get(email="person1@example.org").is_active


def test_a_burst_of_sign_ups_switches_to_approval_and_tells_moderators_once(client, limit_5, mod):
    for number in range(5):
        sign_up(client, number)
    assert SiteSettings.load().registration_mode == RegistrationMode.OPEN
    assert User.objects.filter(email__startswith="person", is_active=True).count() == 5
    assert not switch_emails().exists()

    sign_up(client, 5)  # the 6th within the hour: above the limit

    site = SiteSettings.load()
    assert site.registration_mode == RegistrationMode.APPROVAL
    assert site.switched_automatically_at is not None
    assert not User.objects.get(email="person5@example.org").is_active
    decision = Decision.objects.get(verb=DecisionVerb.REGISTRATION_MODE)
    assert decision.moderator is None
    assert "6 sign-ups" in decision.reason
    email = switch_emails().get()
    assert email.to == "mod@example.org"
    assert "/admin/accounts/user/?state=pending" in email.body_text

    for number in range(6, 16):
        sign_up(client, number)
    assert switch_emails().count() == 1  # once, not at every later sign-up
    assert Decision.objects.filter(verb=DecisionVerb.REGISTRATION_MODE).count() == 1
    later = User.objects.filter(email__startswith="person").exclude(
        email__in=[f"person{n}@example.org" for n in range(5)]
    )
    assert later.count() == 11
    assert not later.filter(is_active=True).exists()


def test_approval_mode_says_the_account_waits_and_sends_the_confirmation_link(client, mod):
    site = SiteSettings.load()
    site.registration_mode = RegistrationMode.APPROVAL
    site.save()
    response = sign_up(client, 1)
    user = User.objects.get(email="person1@example.org")
    assert not user.is_active
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "wait for a moderator&#x27;s approval" in page
    assert "_auth_user_id" not in client.session
    # The address can be confirmed while the account waits.
    link = LINK.search(OutboxMessage.objects.get(to="person1@example.org").body_text).group(1)
    client.post(link)
    assert user.emailaddress_set.get().verified
    assert "_auth_user_id" not in client.session


def test_approving_sign_ups_activates_them_and_tells_them(client, mod, charlie):
    site = SiteSettings.load()
    site.registration_mode = RegistrationMode.APPROVAL
    site.save()
    sign_up(client, 1)
    waiting = User.objects.get(email="person1@example.org")
    login_with_two_factor(client, mod)
    changelist = reverse("admin:accounts_user_changelist")
    pending = client.get(changelist, {"state": "pending"})
    assert list(pending.context["cl"].queryset) == [waiting]
    response = client.post(
        changelist,
        {"action": "approve_signups", "_selected_action": [waiting.pk, charlie.pk]},
        follow=True,
    )
    assert response.status_code == 200
    waiting.refresh_from_db()
    assert waiting.is_active
    decision = Decision.objects.get(verb=DecisionVerb.SIGNUP_APPROVED)
    assert (decision.moderator, decision.target_id) == (mod, waiting.pk)
    email = OutboxMessage.objects.get(to="person1@example.org", subject__contains="approved")
    assert "/accounts/login/" in email.body_text
    # charlie was not waiting: nothing happens to him, and the moderator is told.
    assert "not waiting for approval" in response.content.decode()
    assert not OutboxMessage.objects.filter(to="charlie@example.org").exists()
    # The approved person can now log in.
    client.logout()
    waiting.emailaddress_set.update(verified=True)
    client.post(reverse("account_login"), {"login": "person1@example.org", "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(waiting.pk)


def test_a_moderator_opening_registration_again_restarts_the_count(client, limit_5, mod):
    for number in range(6):
        sign_up(client, number)
    assert SiteSettings.load().registration_mode == RegistrationMode.APPROVAL

    login_with_two_factor(client, mod)
    url = reverse("admin:moderation_sitesettings_change", args=[1])
    response = client.post(url, {"registration_mode": "open", "signups_per_hour_limit": 5})
    assert response.status_code == 302
    site = SiteSettings.load()
    assert site.registration_mode == RegistrationMode.OPEN
    assert site.switched_automatically_at is None
    reopened = Decision.objects.get(verb=DecisionVerb.REGISTRATION_MODE, moderator=mod)
    assert reopened.target_label.startswith("Open")

    # The burst that caused the switch is forgotten: five more are admitted...
    for number in range(10, 15):
        sign_up(client, number)
    assert (
        User.objects.filter(
            email__in=[f"person{n}@example.org" for n in range(10, 15)], is_active=True
        ).count()
        == 5
    )
    # ...and the next burst switches again, telling the moderators again.
    sign_up(client, 15)
    assert SiteSettings.load().registration_mode == RegistrationMode.APPROVAL
    assert switch_emails().count() == 2


def test_site_settings_are_one_row_never_added_twice_nor_deleted(client, mod):
    login_with_two_factor(client, mod)
    assert client.get(reverse("admin:moderation_sitesettings_changelist")).status_code == 200
    assert SiteSettings.objects.count() == 1
    assert client.get(reverse("admin:moderation_sitesettings_add")).status_code == 403
    delete = reverse("admin:moderation_sitesettings_delete", args=[1])
    assert client.get(delete).status_code == 403
    assert SiteSettings.objects.count() == 1
