"""Sentinel addresses (the private contact, every member's, an invitee's) never reach an outsider:
not in a page they can open, not in an email they can receive."""

import pytest
from django.urls import reverse

from organizing.collectives.services.members import (
    invitation_create,
    join_request_create,
    join_request_decide,
)
from organizing.outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db

SENTINELS = [
    "private-contact@example.org",
    "alice@example.org",
    "bob@example.org",
    "invitee-sentinel@example.org",
]


@pytest.fixture
def busy_collective(collective, alice, charlie):
    invitation_create(
        collective=collective, invited_by=alice, email="invitee-sentinel@example.org", role="member"
    )
    request = join_request_create(collective=collective, user=charlie, message="Hello!")
    join_request_decide(join_request=request, decided_by=alice, accept=False)
    return collective


def outsider_paths(collective):
    slug = collective.slug
    return [
        "/",
        reverse("collectives:directory"),
        f"{reverse('collectives:directory')}?q=Montreal",
        collective.get_absolute_url(),
        reverse("collectives:contact", args=[slug]),
        reverse("collectives:join", args=[slug]),
        reverse("collectives:members", args=[slug]),
        reverse("collectives:edit", args=[slug]),
        reverse("collectives:export", args=[slug]),
        f"{reverse('places:suggest')}?q=Mont",
    ]


@pytest.mark.parametrize("who", ["anonymous", "charlie"])
def test_no_sentinel_in_any_page_an_outsider_can_open(client_as, busy_collective, who):
    client = client_as(who)
    for path in outsider_paths(busy_collective):
        body = client.get(path).content.decode()
        for sentinel in SENTINELS:
            assert sentinel not in body, (who, path, sentinel)


def test_no_sentinel_in_any_email_an_outsider_receives(client_as, busy_collective):
    client_as("charlie").post(
        reverse("collectives:contact", args=[busy_collective.slug]),
        {"name": "Charlie", "email": "charlie@example.org", "message": "Hi", "share_email": "on"},
    )
    received = OutboxMessage.objects.filter(to="charlie@example.org")
    assert received.exists()  # the answer to the join request
    for email in received:
        text = " ".join([email.subject, email.body_text, email.body_html, email.reply_to])
        for sentinel in SENTINELS:
            assert sentinel not in text
