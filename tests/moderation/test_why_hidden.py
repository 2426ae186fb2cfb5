"""The collective concerned sees the moderators' decisions and why, and can ask for a review;
nobody else sees them."""

import pytest
from django.urls import reverse

from organizing.actions.models import ActionStatus
from organizing.moderation.models import Decision, ReviewRequest
from organizing.moderation.services import decisions
from organizing.outbox.models import OutboxMessage
from tests.factories import make_undated_action

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden(collective, mod):
    action = make_undated_action(collective, title="Vigil")
    decisions.action_hide(action=action, moderator=mod, reason="Looks like a provocation.")
    return action


@pytest.fixture
def decision(hidden):
    return Decision.objects.get()


def test_members_see_the_reason_on_the_collective_page(client_as, collective, hidden):
    for who in ["alice", "bob"]:
        page = client_as(who).get(collective.get_absolute_url()).content.decode()
        assert "Moderation decisions" in page and "Looks like a provocation." in page


@pytest.mark.parametrize("who", ["anonymous", "charlie", "mod"])
def test_others_do_not_see_decisions_on_the_collective_page(client_as, collective, hidden, who):
    page = client_as(who).get(collective.get_absolute_url()).content.decode()
    assert "Looks like a provocation." not in page and "Moderation decisions" not in page


def test_collective_decisions_page_in_bounded_queries(
    client_as, collective, hidden, mod, django_assert_max_num_queries
):
    for n in range(5):
        decisions.action_hide(
            action=make_undated_action(collective, title=f"A{n}"), moderator=mod, reason=f"r{n}"
        )
    client = client_as("alice")
    with django_assert_max_num_queries(10):
        response = client.get(reverse("moderation_decisions:collective", args=[collective.slug]))
    assert response.status_code == 200
    assert "Ask for a review" in response.content.decode()


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("charlie", 404),
        ("mod", 404),
        ("bob", 200),
        ("alice", 200),
    ],
)
def test_collective_decisions_access(client_as, collective, hidden, who, status):
    url = reverse("moderation_decisions:collective", args=[collective.slug])
    response = client_as(who).get(url)
    assert response.status_code == status
    if who == "bob":
        assert "Ask for a review" not in response.content.decode()  # admins only


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("charlie", 404),
        ("mod", 404),
        ("bob", 403),
        ("alice", 200),
    ],
)
def test_review_request_access(client_as, collective, decision, who, status):
    url = reverse("moderation_decisions:review", args=[collective.slug, decision.pk])
    response = client_as(who).get(url)
    assert response.status_code == status
    if who == "anonymous":
        assert "login" in response["Location"]


def test_admin_asks_for_a_review_once(client_as, collective, decision):
    client = client_as("alice")
    url = reverse("moderation_decisions:review", args=[collective.slug, decision.pk])
    empty = client.post(url, {"message": ""})
    assert empty.status_code == 200 and not ReviewRequest.objects.exists()
    response = client.post(url, {"message": "It is a real vigil."})
    assert response.status_code == 302
    assert ReviewRequest.objects.get().message == "It is a real vigil."
    assert OutboxMessage.objects.filter(to="mod@example.org").count() == 1
    again = client.post(url, {"message": "Please?"})
    assert again.status_code == 200 and "already waiting" in again.content.decode()
    assert "Please?" in again.content.decode()
    assert ReviewRequest.objects.count() == 1


def test_a_decision_of_another_collective_is_404(client_as, collective, mod):
    from organizing.collectives.models import Collective

    other = Collective.objects.create(
        name="Other", slug="other", kind="local_collective", status="verified"
    )
    action = make_undated_action(other)
    decisions.action_hide(action=action, moderator=mod, reason="x")
    url = reverse("moderation_decisions:review", args=[collective.slug, Decision.objects.get().pk])
    assert client_as("alice").get(url).status_code == 404


@pytest.mark.parametrize("status", [ActionStatus.HIDDEN, ActionStatus.HELD, ActionStatus.REJECTED])
def test_hosts_see_why_an_action_is_not_public(client_as, collective, mod, status):
    action = make_undated_action(collective)
    if status == ActionStatus.HELD:
        decisions.action_hold(action=action, case=None)
    elif status == ActionStatus.HIDDEN:
        decisions.action_hide(action=action, moderator=mod, reason="Doxxing an address.")
    else:
        action.status = ActionStatus.PENDING_REVIEW
        action.save()
        decisions.action_reject(action=action, moderator=mod, reason="Doxxing an address.")
    client = client_as("bob")
    page = client.get(action.get_absolute_url()).content.decode()
    why = reverse("moderation_decisions:action", args=[action.slug])
    assert why in page
    response = client.get(why)
    assert response.status_code == 200
    if status != ActionStatus.HELD:
        assert "Doxxing an address." in response.content.decode()


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("charlie", 404),
        ("bob", 200),
    ],
)
def test_why_hidden_page_access(client_as, hidden, who, status):
    url = reverse("moderation_decisions:action", args=[hidden.slug])
    assert client_as(who).get(url).status_code == status
