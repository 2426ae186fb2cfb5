"""Who sees a collective that is not verified: a matrix of the cast."""

import pytest

from organizing.collectives.models import Collective, CollectiveStatus

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 404), ("charlie", 404), ("bob", 200), ("alice", 200), ("mod", 200)],
)
@pytest.mark.parametrize("state", [CollectiveStatus.PENDING, CollectiveStatus.SUSPENDED])
def test_unverified_collective_visible_to_members_and_staff(
    client_as, collective, who, status, state
):
    Collective.objects.filter(pk=collective.pk).update(status=state)
    response = client_as(who).get(collective.get_absolute_url())
    assert response.status_code == status


@pytest.mark.parametrize("who", ["anonymous", "bob", "charlie", "alice", "mod"])
def test_verified_collective_is_public(client_as, collective, who):
    assert client_as(who).get(collective.get_absolute_url()).status_code == 200


def test_pending_notice_shown_to_members(client, collective, alice):
    Collective.objects.filter(pk=collective.pk).update(status=CollectiveStatus.PENDING)
    client.force_login(alice)
    page = client.get(collective.get_absolute_url()).content.decode()
    assert "awaiting review" in page
