"""Moderating in the admin: the moderation home, the admin actions (with their intermediate
page for a reason), and the record nobody can edit."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from organizing.actions.models import ActionStatus
from organizing.collectives.models import CollectiveStatus
from organizing.moderation.models import (
    Decision,
    DecisionVerb,
    ModeratorScope,
    ReasonTemplate,
    ReviewRequest,
)
from organizing.moderation.services import decisions
from organizing.outbox.models import OutboxMessage
from tests.conftest import login_with_two_factor
from tests.factories import make_undated_action

pytestmark = pytest.mark.django_db

COLLECTIVES = reverse("admin:collectives_collective_changelist")
ACTIONS = reverse("admin:actions_action_changelist")


@pytest.fixture
def mod_client(client, mod):
    """A moderator with the permissions the admin actions need."""
    for codename in [
        "change_collective",
        "view_collective",
        "change_action",
        "view_action",
        "view_decision",
        "change_reviewrequest",
        "view_reviewrequest",
    ]:
        mod.user_permissions.add(Permission.objects.get(codename=codename))
    login_with_two_factor(client, mod)
    return client


@pytest.fixture
def template(db):
    return ReasonTemplate.objects.create(title="Fake", text="This looks fake.")


# Moderation home


def test_moderation_home_counts_and_links(
    mod_client, pending, collective, mod, django_assert_max_num_queries
):
    make_undated_action(pending, status=ActionStatus.PENDING_REVIEW)
    make_undated_action(pending, status=ActionStatus.PENDING_REVIEW, title="Other")
    for n in range(25):
        decisions.decision_record(
            verb=DecisionVerb.COLLECTIVE_TRUSTED,
            moderator=mod,
            target=collective,
            collective=collective,
            reason=f"n{n}",
        )
    index = mod_client.get(reverse("admin:index"))
    assert reverse("admin:moderation_home") in index.content.decode()
    # 12 before issue 12; +4: the pending collectives listed with their vouches and the
    # vouchers' records (tests/collectives/test_vouch.py keeps it flat with more of them).
    with django_assert_max_num_queries(16):
        response = mod_client.get(reverse("admin:moderation_home"))
    assert response.status_code == 200
    queues = {str(label): (count, url) for label, count, url in response.context["queues"]}
    assert queues["Collectives waiting for verification"] == (
        1,
        COLLECTIVES + "?status__exact=pending",
    )
    assert queues["Actions awaiting review"] == (2, ACTIONS + "?status__exact=pending_review")
    assert queues["Open requests for review"][0] == 0
    assert len(response.context["recent_decisions"]) == 20


def test_non_staff_get_no_moderation_home(client, alice):
    client.force_login(alice)
    response = client.get(reverse("admin:moderation_home"))
    assert response.status_code == 302 and "login" in response["Location"]


# Collectives


def test_reject_asks_for_a_reason_then_records_it(mod_client, pending, template):
    data = {"action": "reject", "_selected_action": [pending.pk]}
    page = mod_client.post(COLLECTIVES, data)
    assert page.status_code == 200 and "Nascent Group" in page.content.decode()

    missing = mod_client.post(COLLECTIVES, {**data, "apply": "1", "reason": ""})
    assert missing.status_code == 200 and "Give a reason" in missing.content.decode()
    assert not Decision.objects.exists()

    kept = mod_client.post(
        COLLECTIVES,
        {**data, "apply": "1", "reason_template": "999", "reason": "My own careful words"},
    )
    assert kept.status_code == 200 and "My own careful words" in kept.content.decode()

    done = mod_client.post(
        COLLECTIVES, {**data, "apply": "1", "reason_template": template.pk, "reason": "No members."}
    )
    assert done.status_code == 302
    decision = Decision.objects.get()
    assert decision.verb == DecisionVerb.COLLECTIVE_REJECTED
    assert decision.reason == "This looks fake.\n\nNo members."
    assert OutboxMessage.objects.filter(to="alice@example.org").exists()


def test_verify_request_info_suspend_unsuspend_and_trust(mod_client, pending, template):
    selected = {"_selected_action": [pending.pk]}
    mod_client.post(
        COLLECTIVES, {"action": "request_info", "apply": "1", "message": "Who are you?", **selected}
    )
    mod_client.post(COLLECTIVES, {"action": "verify", **selected})
    mod_client.post(COLLECTIVES, {"action": "trust", **selected})
    mod_client.post(
        COLLECTIVES, {"action": "suspend", "apply": "1", "reason_template": template.pk, **selected}
    )
    pending.refresh_from_db()
    assert pending.status == CollectiveStatus.SUSPENDED and pending.trusted
    mod_client.post(COLLECTIVES, {"action": "unsuspend", "apply": "1", "reason": "", **selected})
    pending.refresh_from_db()
    assert pending.status == CollectiveStatus.VERIFIED
    assert list(Decision.objects.order_by("pk").values_list("verb", flat=True)) == [
        DecisionVerb.COLLECTIVE_INFO_REQUESTED,
        DecisionVerb.COLLECTIVE_VERIFIED,
        DecisionVerb.COLLECTIVE_TRUSTED,
        DecisionVerb.COLLECTIVE_SUSPENDED,
        DecisionVerb.COLLECTIVE_UNSUSPENDED,
    ]


def test_a_refused_decision_is_reported_not_raised(mod_client, collective):
    response = mod_client.post(
        COLLECTIVES, {"action": "verify", "_selected_action": [collective.pk]}, follow=True
    )
    assert "Only a pending collective can be verified." in response.content.decode()


def test_collective_list_shows_the_queue_in_bounded_queries(
    mod_client, pending, django_assert_max_num_queries
):
    with django_assert_max_num_queries(15):
        response = mod_client.get(COLLECTIVES, {"status__exact": "pending"})
    assert list(response.context["cl"].result_list) == [pending]


def test_a_scoped_moderator_sees_only_their_countries(mod_client, mod, pending, collective):
    ModeratorScope.objects.create(user=mod, countries=["CA"])
    response = mod_client.get(COLLECTIVES)
    assert list(response.context["cl"].result_list) == [collective]
    home = mod_client.get(reverse("admin:moderation_home"))
    assert {str(label): count for label, count, _url in home.context["queues"]}[
        "Collectives waiting for verification"
    ] == 0


# Actions


def test_approve_and_approve_and_trust(mod_client, pending):
    first = make_undated_action(pending, status=ActionStatus.PENDING_REVIEW)
    second = make_undated_action(pending, status=ActionStatus.PENDING_REVIEW, title="Second")
    mod_client.post(ACTIONS, {"action": "approve", "_selected_action": [first.pk]})
    first.refresh_from_db()
    assert first.status == ActionStatus.PUBLISHED and first.published_at
    mod_client.post(ACTIONS, {"action": "approve_and_trust", "_selected_action": [second.pk]})
    pending.refresh_from_db()
    assert pending.trusted


def test_reject_hide_and_restore_actions(mod_client, pending, collective, template):
    waiting = make_undated_action(pending, status=ActionStatus.PENDING_REVIEW)
    published = make_undated_action(collective, title="Published")
    page = mod_client.post(
        ACTIONS, {"action": "reject", "_selected_action": [waiting.pk], "apply": "1", "reason": ""}
    )
    assert page.status_code == 200 and "Give a reason" in page.content.decode()
    mod_client.post(
        ACTIONS,
        {
            "action": "reject",
            "_selected_action": [waiting.pk],
            "apply": "1",
            "reason": "Provocation.",
        },
    )
    mod_client.post(
        ACTIONS,
        {
            "action": "hide",
            "_selected_action": [published.pk],
            "apply": "1",
            "reason_template": template.pk,
        },
    )
    waiting.refresh_from_db()
    published.refresh_from_db()
    assert waiting.status == ActionStatus.REJECTED and published.status == ActionStatus.HIDDEN
    mod_client.post(
        ACTIONS,
        {"action": "restore", "_selected_action": [published.pk], "apply": "1", "reason": ""},
    )
    published.refresh_from_db()
    assert published.status == ActionStatus.PUBLISHED


# The record


def test_decisions_cannot_be_added_changed_or_deleted_in_the_admin(admin_client, collective, mod):
    decision = decisions.decision_record(
        verb=DecisionVerb.COLLECTIVE_TRUSTED,
        moderator=mod,
        target=collective,
        collective=collective,
        reason="kept",
    )
    change = reverse("admin:moderation_decision_change", args=[decision.pk])
    delete = reverse("admin:moderation_decision_delete", args=[decision.pk])
    assert admin_client.get(change).status_code == 200  # a superuser may read it
    assert (
        admin_client.post(change, {"reason": "rewritten", "verb": "action_hidden"}).status_code
        == 403
    )
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert admin_client.get(reverse("admin:moderation_decision_add")).status_code == 403
    changelist = reverse("admin:moderation_decision_changelist")
    response = admin_client.post(
        changelist, {"action": "delete_selected", "post": "yes", "_selected_action": [decision.pk]}
    )
    assert response.status_code in (200, 302)
    assert Decision.objects.get().reason == "kept"


def test_decision_list_in_bounded_queries(
    mod_client, collective, mod, django_assert_max_num_queries
):
    for n in range(10):
        decisions.decision_record(
            verb=DecisionVerb.COLLECTIVE_TRUSTED,
            moderator=mod,
            target=collective,
            collective=collective,
            reason=f"{n}",
        )
    with django_assert_max_num_queries(12):
        response = mod_client.get(reverse("admin:moderation_decision_changelist"))
    assert response.status_code == 200


def test_review_request_answered_from_the_admin(mod_client, collective, alice, mod):
    action = make_undated_action(collective)
    decisions.action_hide(action=action, moderator=mod, reason="Fake.")
    review = decisions.review_request_create(
        decision=Decision.objects.get(), user=alice, message="It is real."
    )
    change = reverse("admin:moderation_reviewrequest_change", args=[review.pk])
    mod_client.post(change, {"answer": "We looked again.", "message": "tampered"})
    review.refresh_from_db()
    assert review.answer == "We looked again." and review.message == "It is real."
    mod_client.post(
        reverse("admin:moderation_reviewrequest_changelist"),
        {"action": "mark_answered", "_selected_action": [review.pk]},
    )
    assert ReviewRequest.objects.get().status == "answered"
    assert OutboxMessage.objects.filter(
        to="alice@example.org", subject__contains="answered"
    ).exists()
