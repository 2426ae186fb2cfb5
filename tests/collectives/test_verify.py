"""Until moderation has its queue, moderators verify collectives from the Django admin."""

import pytest
from django.urls import reverse

from organizing.collectives.models import Collective, CollectiveStatus
from organizing.outbox.models import OutboxMessage
from tests.conftest import login_with_two_factor

pytestmark = pytest.mark.django_db


def test_moderator_verifies_a_pending_collective_and_its_admins_are_told(client, collective, mod):
    Collective.objects.filter(pk=collective.pk).update(status=CollectiveStatus.PENDING)
    assert client.get(collective.get_absolute_url()).status_code == 404

    mod.is_superuser = True
    mod.save()
    login_with_two_factor(client, mod)
    response = client.post(
        reverse("admin:collectives_collective_changelist"),
        {"action": "verify", "_selected_action": [collective.pk]},
    )
    assert response.status_code == 302
    collective.refresh_from_db()
    assert collective.status == CollectiveStatus.VERIFIED and collective.verified_at
    email = OutboxMessage.objects.get(to="alice@example.org")
    assert "is verified and public" in email.subject
    client.logout()
    assert client.get(collective.get_absolute_url()).status_code == 200
