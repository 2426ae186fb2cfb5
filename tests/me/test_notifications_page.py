"""The notification preferences page (/me/notifications/), issue 14."""

import pytest
from django.urls import reverse

from organizing.accounts.models import NotificationPreference
from organizing.me.services.notifications import (
    NotificationPreferenceError,
    notification_preferences_save,
)

pytestmark = pytest.mark.django_db

URL = reverse("me:notifications")
ALL_EACH = {
    "join_requests": "each",
    "proposals": "each",
    "solidarity_calls": "each",
    "moderation_decisions": "each",
    "new_rsvps": "each",
}


def test_url():
    assert URL == "/me/notifications/"


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert client.post(URL, ALL_EACH).status_code == 302
    assert not NotificationPreference.objects.exists()


def test_page_shows_one_group_per_kind_with_the_defaults(client, alice):
    client.force_login(alice)
    response = client.get(URL)
    assert response.status_code == 200
    text = response.content.decode()
    assert text.count("<fieldset") == 5 and text.count("<legend") == 5
    form = response.context["form"]
    assert form["new_rsvps"].value() == "digest"
    assert form["join_requests"].value() == "each"
    # Moderation decisions: each or digest, never off, and the page says why.
    assert [value for value, _label in form.fields["moderation_decisions"].choices] == [
        "each",
        "digest",
    ]
    assert [value for value, _label in form.fields["proposals"].choices] == [
        "each",
        "digest",
        "off",
    ]
    assert "cannot be turned off" in text
    assert 'for="id_new_rsvps_0"' in text


def test_saving_writes_the_choices(client, alice):
    client.force_login(alice)
    data = {**ALL_EACH, "proposals": "off", "moderation_decisions": "digest"}
    response = client.post(URL, data, follow=True)
    assert response.redirect_chain == [(URL, 302)]
    assert "Your notification preferences are saved." in response.content.decode()
    assert (
        dict(NotificationPreference.objects.filter(user=alice).values_list("kind", "delivery"))
        == data
    )
    # Saved again: the same rows, changed.
    client.post(URL, {**data, "proposals": "digest"})
    assert NotificationPreference.objects.filter(user=alice).count() == 5
    assert NotificationPreference.objects.get(user=alice, kind="proposals").delivery == "digest"
    assert client.get(URL).context["form"]["proposals"].value() == "digest"


@pytest.mark.parametrize(
    "junk", [{"moderation_decisions": "off"}, {"new_rsvps": "sometimes"}, {"proposals": ""}]
)
def test_an_invalid_choice_is_a_field_error(client, alice, junk):
    client.force_login(alice)
    response = client.post(URL, {**ALL_EACH, **junk})
    assert response.status_code == 200
    [field] = junk
    assert response.context["form"].errors[field]
    assert "invalid-feedback" in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_the_service_refuses_off_for_moderation_decisions(alice):
    with pytest.raises(NotificationPreferenceError):
        notification_preferences_save(user=alice, deliveries={"moderation_decisions": "off"})
    assert not NotificationPreference.objects.exists()


def test_the_page_is_reached_from_my_account_and_the_dashboard(client, alice):
    client.force_login(alice)
    assert f'href="{URL}"' in client.get(reverse("me:account")).content.decode()
    assert f'href="{URL}"' in client.get(reverse("me:dashboard")).content.decode()


def test_page_queries_are_few(client, alice, django_assert_max_num_queries):
    client.force_login(alice)
    # Session and account (2), the preferences (1).
    with django_assert_max_num_queries(3):
        assert client.get(URL).status_code == 200
