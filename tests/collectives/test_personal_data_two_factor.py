"""The collective's JSON export (member emails, invited addresses, join requesters) and its
deletion need two-factor, as the members page does (issue 12, P8)."""

import pytest
from django.urls import reverse

from organizing.collectives.models import Collective, MembershipEvent
from tests.conftest import enable_two_factor

pytestmark = pytest.mark.django_db


def test_the_export_sends_an_admin_without_two_factor_to_set_it_up(client_as, collective):
    url = reverse("collectives:export", args=[collective.slug])
    response = client_as("alice").get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('mfa_activate_totp')}?next={url}"
    assert b"bob@example.org" not in response.content
    assert not MembershipEvent.objects.filter(kind="exported").exists()


def test_the_export_answers_an_admin_with_two_factor(client_as, collective, alice):
    enable_two_factor(alice)
    response = client_as("alice").get(reverse("collectives:export", args=[collective.slug]))
    assert response.status_code == 200
    assert b"bob@example.org" in response.content


@pytest.mark.parametrize("method", ["get", "post"])
def test_deleting_sends_an_admin_without_two_factor_to_set_it_up(client_as, collective, method):
    url = reverse("collectives:delete", args=[collective.slug])
    response = getattr(client_as("alice"), method)(url, {"confirm_name": collective.name})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))
    assert Collective.objects.filter(pk=collective.pk).exists()


def test_deleting_works_with_two_factor(client_as, collective, alice):
    enable_two_factor(alice)
    response = client_as("alice").post(
        reverse("collectives:delete", args=[collective.slug]), {"confirm_name": collective.name}
    )
    assert response.status_code == 302
    assert not Collective.objects.filter(pk=collective.pk).exists()


@pytest.mark.parametrize(("who", "status"), [("charlie", 404), ("bob", 403), ("mod", 404)])
@pytest.mark.parametrize("view", ["export", "delete"])
def test_others_still_get_404_or_403_first(client_as, collective, who, status, view):
    response = client_as(who).get(reverse(f"collectives:{view}", args=[collective.slug]))
    assert response.status_code == status
