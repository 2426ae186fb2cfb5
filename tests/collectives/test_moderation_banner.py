"""The collective's own members see, atop its page, what the moderators keep off public pages
(suspension, actions held, hidden or rejected) with the reason and the way to a review; nobody
else does. The contact form, addressed to the collective itself, is not offered to them."""

import pytest
from django.urls import reverse

from organizing.actions.models import ActionStatus
from organizing.moderation.services import decisions
from tests.factories import make_action, make_undated_action

pytestmark = pytest.mark.django_db


def page(client, collective) -> str:
    response = client.get(collective.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def hidden(collective, mod):
    action = make_undated_action(collective, title="Vigil at the port")
    decisions.action_hide(action=action, moderator=mod, reason="Looks like a provocation.")
    return action


def test_members_see_the_banner_at_the_top_with_reason_and_review_link(
    client_as, collective, hidden
):
    body = page(client_as("alice"), collective)
    banner_at = body.index("moderation-banner")
    assert banner_at < body.index('id="collective-title"')  # at the top, above the header
    banner = body[banner_at : body.index("</ul>", banner_at)]
    assert 'role="alert"' in body[banner_at - 200 : banner_at + 200]
    assert "Vigil at the port" in banner
    assert "hidden by the moderators" in banner
    assert "Looks like a provocation." in banner
    assert reverse("moderation_decisions:action", args=[hidden.slug]) in banner
    assert "ask for a review" in banner  # alice is an admin


def test_plain_members_see_it_too(client_as, collective, hidden):
    body = page(client_as("bob"), collective)
    assert "moderation-banner" in body and "Looks like a provocation." in body


@pytest.mark.parametrize("who", ["anonymous", "charlie"])
def test_outsiders_see_no_banner(client_as, collective, hidden, who):
    body = page(client_as(who), collective)
    assert "moderation-banner" not in body
    assert "Vigil at the port" not in body
    assert "Looks like a provocation." not in body


def test_held_and_rejected_actions_are_listed(client_as, collective, mod):
    held = make_action(collective, title="Held march")
    decisions.action_hold(action=held, case=None)
    rejected = make_undated_action(
        collective, title="Rejected rally", status=ActionStatus.PENDING_REVIEW
    )
    decisions.action_reject(action=rejected, moderator=mod, reason="Not an action for peace.")
    body = page(client_as("alice"), collective)
    assert "Held march" in body and "held from public listings after reports" in body
    assert "Rejected rally" in body and "not published by the moderators" in body
    assert "Not an action for peace." in body


def test_a_suspended_collective_tells_its_members_why(client_as, collective, mod):
    decisions.collective_suspend(collective=collective, moderator=mod, reason="Impersonation.")
    body = page(client_as("bob"), collective)
    assert "The moderators suspended this collective" in body
    assert "Impersonation." in body
    assert reverse("moderation_decisions:collective", args=[collective.slug]) in body


def test_nothing_held_no_banner(client_as, collective):
    make_action(collective)
    assert "moderation-banner" not in page(client_as("alice"), collective)


def test_members_are_not_offered_the_contact_form_addressed_to_themselves(client_as, collective):
    assert 'id="contact-title"' not in page(client_as("alice"), collective)
    assert 'id="contact-title"' not in page(client_as("bob"), collective)
    assert 'id="contact-title"' in page(client_as("charlie"), collective)
