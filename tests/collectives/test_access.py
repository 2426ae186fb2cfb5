"""Who sees a collective that is not verified: a matrix of the cast."""

import pytest

from organizing.collectives.models import Collective, CollectiveStatus

pytestmark = pytest.mark.django_db


def viewer_client(client, request, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    return client


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 404), ("charlie", 404), ("bob", 200), ("alice", 200), ("mod", 200)],
)
@pytest.mark.parametrize("state", [CollectiveStatus.PENDING, CollectiveStatus.SUSPENDED])
def test_unverified_collective_visible_to_members_and_staff(
    client, request, collective, who, status, state
):
    Collective.objects.filter(pk=collective.pk).update(status=state)
    response = viewer_client(client, request, who).get(collective.get_absolute_url())
    assert response.status_code == status


@pytest.mark.parametrize("who", ["anonymous", "bob", "charlie", "alice", "mod"])
def test_verified_collective_is_public(client, request, collective, who):
    assert viewer_client(client, request, who).get(collective.get_absolute_url()).status_code == 200


def test_pending_notice_shown_to_members(client, collective, alice):
    Collective.objects.filter(pk=collective.pk).update(status=CollectiveStatus.PENDING)
    client.force_login(alice)
    page = client.get(collective.get_absolute_url()).content.decode()
    assert "awaiting review" in page
