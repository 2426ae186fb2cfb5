"""Every partners view against the whole cast: who gets in, who gets 403, who gets 404."""

import pytest
from django.urls import reverse

from organizing.collectives.models import Membership
from tests.conftest import make_user

from .conftest import make_collective

pytestmark = pytest.mark.django_db

CAST = ["anonymous", "charlie", "bob", "olga", "alice", "mod"]
# Anonymous visitors of the page get 404 as outsiders do (as on the actions' organizer pages);
# the POST views ask them to log in first (302). Moderators act through the Django admin.
EXPECTED = {  # who: (page, dismiss, block, unblock)
    "anonymous": (404, 302, 302, 302),
    "charlie": (404, 404, 404, 404),
    "bob": (403, 403, 403, 403),
    "olga": (200, 302, 302, 302),
    "alice": (200, 302, 302, 302),
    "mod": (404, 404, 404, 404),
}


@pytest.fixture
def olga(collective):
    user = make_user("olga@example.org", display_name="Olga")
    Membership.objects.create(user=user, collective=collective, role="organizer")
    return user


@pytest.mark.parametrize("who", CAST)
def test_partner_views_matrix(client_as, collective, causes, olga, mod, who):
    collective.causes.set([causes["ceasefire"]])
    other = make_collective("Other", causes=[causes["ceasefire"]])
    client = client_as(who)
    args = {"slug": collective.slug, "other": other.slug}
    statuses = (
        client.get(reverse("partners:partners", kwargs={"slug": collective.slug})).status_code,
        client.post(reverse("partners:dismiss", kwargs=args)).status_code,
        client.post(reverse("partners:block", kwargs=args)).status_code,
        client.post(reverse("partners:unblock", kwargs=args)).status_code,
    )
    assert statuses == EXPECTED[who]


@pytest.mark.parametrize("who", ["anonymous", "charlie", "bob", "mod"])
def test_no_exclusion_written_without_access(client_as, collective, causes, olga, mod, who):
    from organizing.partners.models import PartnerExclusion

    other = make_collective("Other", causes=[causes["ceasefire"]])
    args = {"slug": collective.slug, "other": other.slug}
    client_as(who).post(reverse("partners:block", kwargs=args))
    assert not PartnerExclusion.objects.exists()


def test_anonymous_post_goes_to_login(client_as, collective, causes):
    other = make_collective("Other", causes=[causes["ceasefire"]])
    args = {"slug": collective.slug, "other": other.slug}
    response = client_as("anonymous").post(reverse("partners:block", kwargs=args))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
