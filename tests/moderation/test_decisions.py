"""Moderators' decisions: each changes a state, writes one immutable audit row and tells the
collective concerned."""

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.urls import reverse

from organizing.actions.models import Action, ActionHost, ActionStatus, HostConsent
from organizing.collectives.models import Collective, CollectiveStatus
from organizing.moderation.models import (
    Decision,
    DecisionVerb,
    ModeratorScope,
    ReasonTemplate,
    ReviewRequest,
)
from organizing.moderation.services import decisions
from organizing.moderation.services.decisions import ModerationError
from organizing.outbox.models import OutboxMessage
from tests.conftest import PASSWORD, login_with_two_factor
from tests.factories import draft, make_coalition, make_collective, make_undated_action

pytestmark = pytest.mark.django_db


@pytest.fixture
def template(db):
    return ReasonTemplate.objects.create(title="Spam", text="This looks like spam.")


def emails_to(address: str) -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(to=address))


# Collectives


def test_verify_records_a_decision_and_tells_the_admins(pending, mod):
    decisions.collective_verify(collective=pending, moderator=mod)
    pending.refresh_from_db()
    assert pending.status == CollectiveStatus.VERIFIED and pending.verified_at
    decision = Decision.objects.get()
    assert (decision.verb, decision.moderator, decision.collective) == (
        DecisionVerb.COLLECTIVE_VERIFIED,
        mod,
        pending,
    )
    assert decision.target_kind == "collective" and decision.target_label == "Nascent Group"
    assert "is verified" in emails_to("alice@example.org")[0].subject


def test_verify_refuses_a_verified_collective(collective, mod):
    with pytest.raises(ModerationError):
        decisions.collective_verify(collective=collective, moderator=mod)
    assert not Decision.objects.exists()


def test_reject_needs_a_reason_and_combines_template_and_free_text(pending, mod, template):
    with pytest.raises(ModerationError):
        decisions.collective_reject(collective=pending, moderator=mod)
    decisions.collective_reject(
        collective=pending, moderator=mod, reason_template=template, reason="No members listed."
    )
    decision = Decision.objects.get()
    assert decision.verb == DecisionVerb.COLLECTIVE_REJECTED
    assert decision.reason == "This looks like spam.\n\nNo members listed."
    assert decision.reason_template == template
    email = emails_to("alice@example.org")[0]
    assert "was not verified" in email.subject and "No members listed." in email.body_text


def test_request_info_emails_the_question(pending, mod):
    decision = decisions.collective_request_info(
        collective=pending, moderator=mod, message="Who are your members?"
    )
    assert decision.verb == DecisionVerb.COLLECTIVE_INFO_REQUESTED
    assert "Who are your members?" in emails_to("alice@example.org")[0].body_text
    with pytest.raises(ModerationError):
        decisions.collective_request_info(collective=pending, moderator=mod, message="  ")


def test_suspension_hides_published_actions_and_lifting_restores_exactly_those(
    collective, mod, template
):
    published = make_undated_action(collective, title="Published")
    draft = make_undated_action(collective, status=ActionStatus.DRAFT, title="Draft")
    hidden_before = make_undated_action(collective, title="Hidden before")
    decisions.action_hide(action=hidden_before, moderator=mod, reason="Doxxing.")
    co_hosted = make_undated_action(
        Collective.objects.create(
            name="Other", slug="other", kind="local_collective", status="verified"
        ),
        title="Co",
    )
    ActionHost.objects.create(
        action=co_hosted, collective=collective, role="co_host", consent=HostConsent.ACCEPTED
    )

    decisions.collective_suspend(collective=collective, moderator=mod, reason_template=template)
    collective.refresh_from_db()
    assert collective.status == CollectiveStatus.SUSPENDED
    assert collective.status_before_suspension == CollectiveStatus.VERIFIED
    published.refresh_from_db()
    assert (published.status, published.status_before_hold) == ("hidden", "published")
    assert Action.objects.get(pk=draft.pk).status == ActionStatus.DRAFT
    assert Action.objects.get(pk=co_hosted.pk).status == ActionStatus.PUBLISHED
    assert Decision.objects.filter(verb=DecisionVerb.COLLECTIVE_SUSPENDED).count() == 1
    assert any("is suspended" in m.subject for m in emails_to("alice@example.org"))
    with pytest.raises(ModerationError):
        decisions.collective_suspend(collective=collective, moderator=mod, reason="again")

    decisions.collective_unsuspend(collective=collective, moderator=mod, reason="Appeal heard.")
    collective.refresh_from_db()
    assert collective.status == CollectiveStatus.VERIFIED
    assert collective.status_before_suspension == ""
    published.refresh_from_db()
    assert (published.status, published.status_before_hold) == ("published", "")
    assert Action.objects.get(pk=hidden_before.pk).status == ActionStatus.HIDDEN
    assert any("is lifted" in m.subject for m in emails_to("alice@example.org"))


def test_suspension_needs_a_reason(collective, mod):
    with pytest.raises(ModerationError):
        decisions.collective_suspend(collective=collective, moderator=mod)


# Actions


def test_approve_publishes_sets_published_at_and_tells_the_admins(pending, mod):
    action = make_undated_action(pending, status=ActionStatus.PENDING_REVIEW)
    decisions.action_approve(action=action, moderator=mod)
    action.refresh_from_db()
    assert action.status == ActionStatus.PUBLISHED and action.published_at is not None
    assert Decision.objects.get().verb == DecisionVerb.ACTION_APPROVED
    assert "is published" in emails_to("alice@example.org")[0].subject
    with pytest.raises(ModerationError):
        decisions.action_approve(action=action, moderator=mod)


def test_approve_and_trust_lets_the_next_action_skip_review(pending, alice, mod, gazetteer):
    from tests.factories import post_action

    first = post_action(alice, pending)
    assert first.status == ActionStatus.PENDING_REVIEW
    decisions.action_approve(action=first, moderator=mod, trust_collective=True)
    pending.refresh_from_db()
    assert pending.trusted
    assert set(Decision.objects.values_list("verb", flat=True)) == {
        DecisionVerb.ACTION_APPROVED,
        DecisionVerb.COLLECTIVE_TRUSTED,
    }
    second = post_action(alice, pending, title="Second vigil")
    assert second.status == ActionStatus.PUBLISHED and second.published_at is not None


def test_reject_action_with_reason(pending, mod):
    action = make_undated_action(pending, status=ActionStatus.PENDING_REVIEW)
    with pytest.raises(ModerationError):
        decisions.action_reject(action=action, moderator=mod, reason="")
    decisions.action_reject(action=action, moderator=mod, reason="Provocation.")
    action.refresh_from_db()
    assert action.status == ActionStatus.REJECTED
    assert "Provocation." in emails_to("alice@example.org")[0].body_text


def test_hold_then_hide_then_restore_keeps_the_first_status(collective, mod):
    action = make_undated_action(collective)
    decisions.action_hold(action=action, case=None)
    action.refresh_from_db()
    assert (action.status, action.status_before_hold) == ("held", "published")
    held = Decision.objects.get()
    assert held.moderator is None and held.verb == DecisionVerb.ACTION_HELD
    assert not OutboxMessage.objects.exists()
    decisions.action_hide(action=action, moderator=mod, reason="Fake.")
    action.refresh_from_db()
    assert (action.status, action.status_before_hold) == ("hidden", "published")
    assert "was hidden" in emails_to("alice@example.org")[0].subject
    decisions.action_restore(action=action, moderator=mod)
    action.refresh_from_db()
    assert (action.status, action.status_before_hold) == ("published", "")
    with pytest.raises(ModerationError):
        decisions.action_restore(action=action, moderator=mod)


# Coalitions and appeals


def test_coalition_hide_and_restore_record_decisions_without_email(
    collective, alice, mod, template
):
    coalition = make_coalition((collective, alice))
    OutboxMessage.objects.all().delete()
    decisions.coalition_hide(
        coalition=coalition, moderator=mod, reason_template=template, reason="Not a real coalition."
    )
    coalition.refresh_from_db()
    assert coalition.hidden_at is not None and coalition.status == "active"
    hidden = Decision.objects.get()
    assert (hidden.verb, hidden.moderator, hidden.collective) == (
        DecisionVerb.COALITION_HIDDEN,
        mod,
        None,
    )
    assert (hidden.target_kind, hidden.target_id, hidden.target_label) == (
        "coalition",
        coalition.pk,
        "Ceasefire Front",
    )
    assert hidden.reason == "This looks like spam.\n\nNot a real coalition."
    assert not OutboxMessage.objects.exists()  # a coalition has no collective of its own
    with pytest.raises(ModerationError):
        decisions.coalition_hide(coalition=coalition, moderator=mod, reason="again")

    decisions.coalition_restore(coalition=coalition, moderator=mod, reason=" Checked. ")
    coalition.refresh_from_db()
    assert coalition.hidden_at is None and coalition.status == "active"
    restored = Decision.objects.get(verb=DecisionVerb.COALITION_RESTORED)
    assert (restored.target_kind, restored.reason) == ("coalition", "Checked.")
    with pytest.raises(ModerationError):
        decisions.coalition_restore(coalition=coalition, moderator=mod)
    assert Decision.objects.count() == 2


def test_coalition_hide_needs_a_reason(collective, alice, mod):
    coalition = make_coalition((collective, alice))
    with pytest.raises(ModerationError):
        decisions.coalition_hide(coalition=coalition, moderator=mod, reason="  ")
    coalition.refresh_from_db()
    assert coalition.hidden_at is None and not Decision.objects.exists()


def test_appeal_hide_tells_the_initiators_admins_and_restore_brings_it_back(collective, alice, mod):
    appeal = draft(collective, alice)
    decisions.appeal_hide(appeal=appeal, moderator=mod, reason="Incitement.")
    appeal.refresh_from_db()
    assert appeal.hidden_at is not None
    hidden = Decision.objects.get()
    assert (hidden.verb, hidden.collective, hidden.target_kind, hidden.target_label) == (
        DecisionVerb.APPEAL_HIDDEN,
        collective,
        "appeal",
        "Ceasefire now",
    )
    [email] = emails_to("alice@example.org")
    assert "Ceasefire now" in email.subject and "was hidden" in email.subject
    assert "Incitement." in email.body_text and collective.get_absolute_url() in email.body_text
    assert not emails_to("bob@example.org")  # a member, not an admin
    with pytest.raises(ModerationError):
        decisions.appeal_hide(appeal=appeal, moderator=mod, reason="again")

    decisions.appeal_restore(appeal=appeal, moderator=mod)
    appeal.refresh_from_db()
    assert appeal.hidden_at is None
    restored = Decision.objects.get(verb=DecisionVerb.APPEAL_RESTORED)
    assert restored.collective == collective and restored.target_id == appeal.pk
    with pytest.raises(ModerationError):
        decisions.appeal_restore(appeal=appeal, moderator=mod)


def test_an_appeal_without_initiator_is_hidden_without_email(collective, alice, mod):
    appeal = draft(collective, alice)
    type(appeal).objects.filter(pk=appeal.pk).update(initiator=None)
    appeal.refresh_from_db()
    OutboxMessage.objects.all().delete()
    decisions.appeal_hide(appeal=appeal, moderator=mod, reason="Spam.")
    assert Decision.objects.get().collective is None
    assert not OutboxMessage.objects.exists()


def test_a_scoped_moderator_hides_coalitions_and_appeals_of_their_countries(collective, alice, mod):
    ModeratorScope.objects.create(user=mod, countries=["FR"])
    coalition = make_coalition((collective, alice))
    type(coalition).objects.filter(pk=coalition.pk).update(country="CA")
    coalition.refresh_from_db()
    appeal = draft(collective, alice)  # initiated by a collective in CA
    with pytest.raises(ModerationError):
        decisions.coalition_hide(coalition=coalition, moderator=mod, reason="x")
    with pytest.raises(ModerationError):
        decisions.appeal_hide(appeal=appeal, moderator=mod, reason="x")
    french = make_collective("Collectif Paris", "collectif-paris", admin=alice, country="FR")
    decisions.appeal_hide(appeal=draft(french, alice, title="Appel"), moderator=mod, reason="x")
    assert Decision.objects.count() == 1


# Coalitions and appeals in the admin (as a member of the Moderators group)


@pytest.mark.parametrize("kind", ["coalition", "appeal"])
def test_admin_hides_with_a_reason_then_restores(client, collective, alice, mod, template, kind):
    target = (
        make_coalition((collective, alice)) if kind == "coalition" else draft(collective, alice)
    )
    app = "coalitions" if kind == "coalition" else "appeals"
    changelist = reverse(f"admin:{app}_{kind}_changelist")
    login_with_two_factor(client, mod)
    hide = {"action": "hide", "_selected_action": [target.pk]}
    page = client.post(changelist, hide)
    assert page.status_code == 200 and "In your own words" in page.content.decode()
    again = client.post(changelist, {**hide, "apply": "yes"})
    assert again.status_code == 200 and "Give a reason" in again.content.decode()
    assert (
        client.post(
            changelist, {**hide, "apply": "yes", "reason_template": template.pk}
        ).status_code
        == 302
    )
    target.refresh_from_db()
    assert target.hidden_at is not None
    assert Decision.objects.get().verb == f"{kind}_hidden"

    hidden_list = client.get(changelist, {"hidden": "yes"})
    assert list(hidden_list.context["cl"].queryset) == [target]
    assert not client.get(changelist, {"hidden": "no"}).context["cl"].queryset.exists()
    change = client.get(reverse(f"admin:{app}_{kind}_change", args=[target.pk]))
    assert change.status_code == 200
    assert 'name="hidden_at"' not in change.content.decode()  # read-only

    restore = {"action": "restore", "_selected_action": [target.pk], "apply": "yes"}
    assert client.post(changelist, restore).status_code == 302
    target.refresh_from_db()
    assert target.hidden_at is None
    assert Decision.objects.filter(verb=f"{kind}_restored").count() == 1
    client.post(changelist, restore)  # not hidden any more: refused, listed as an error
    assert Decision.objects.filter(verb=f"{kind}_restored").count() == 1


# Users


def test_user_suspend_ends_sessions_and_refuses_login(client, charlie, mod):
    client.force_login(charlie)
    assert client.get(reverse("account_email")).status_code == 200
    other_client_session = Session.objects.count()
    assert other_client_session == 1

    decisions.user_suspend(user=charlie, moderator=mod, reason="Harassment.")
    charlie.refresh_from_db()
    assert not charlie.is_active and charlie.suspended_at is not None
    assert not Session.objects.exists()
    response = client.get(reverse("account_email"))
    assert response.status_code == 302 and "login" in response["Location"]
    assert Decision.objects.get().verb == DecisionVerb.USER_SUSPENDED

    client.post(reverse("account_login"), {"login": charlie.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session

    decisions.user_unsuspend(user=charlie, moderator=mod)
    charlie.refresh_from_db()
    assert charlie.is_active and charlie.suspended_at is None


def test_user_suspend_keeps_other_users_sessions(client, alice, charlie, mod):
    client.force_login(alice)
    decisions.user_suspend(user=charlie, moderator=mod)
    assert Session.objects.count() == 1


# Scope


def test_a_scoped_moderator_cannot_decide_outside_their_countries(pending, collective, mod):
    ModeratorScope.objects.create(user=mod, countries=["CA"])
    with pytest.raises(ModerationError):
        decisions.collective_verify(collective=pending, moderator=mod)  # FR
    action = make_undated_action(collective, country="FR")
    with pytest.raises(ModerationError):
        decisions.action_hide(action=action, moderator=mod, reason="x")
    decisions.collective_suspend(collective=collective, moderator=mod, reason="CA is mine")


# The record


def test_decisions_cannot_be_changed_or_deleted(collective, mod):
    decision = decisions.decision_record(
        verb=DecisionVerb.COLLECTIVE_TRUSTED,
        moderator=mod,
        target=collective,
        collective=collective,
    )
    decision.reason = "rewritten"
    with pytest.raises(ValidationError):
        decision.save()
    with pytest.raises(ValidationError):
        decision.delete()
    assert Decision.objects.get().reason == ""


# Requests for review


def test_review_request_emails_moderators_once_per_open_request(collective, alice, mod):
    action = make_undated_action(collective)
    decisions.action_hide(action=action, moderator=mod, reason="Fake.")
    decision = Decision.objects.get()
    review = decisions.review_request_create(decision=decision, user=alice, message="It is real.")
    assert review.collective == collective
    assert "Request for review" in emails_to("mod@example.org")[0].subject
    with pytest.raises(ModerationError):
        decisions.review_request_create(decision=decision, user=alice, message="Again.")
    review.answer = "We checked: restored."
    review.save()
    decisions.review_request_answer(review=review, moderator=mod)
    assert ReviewRequest.objects.get().status == "answered"
    assert any("answered" in m.subject for m in emails_to("alice@example.org"))
