"""Shared by the moderation tests."""

import pytest

from organizing.collectives.models import Collective, CollectiveStatus, Membership


@pytest.fixture
def pending(alice):
    """A collective waiting for verification; alice is its admin."""
    collective = Collective.objects.create(
        name="Nascent Group",
        slug="nascent",
        kind="local_collective",
        country="FR",
        status=CollectiveStatus.PENDING,
    )
    Membership.objects.create(user=alice, collective=collective, role="admin")
    return collective
