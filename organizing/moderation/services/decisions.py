"""What moderators decide. Every function writes one immutable `Decision` row in the same
transaction as the change, and tells the collective concerned by email (outbox rows), so the
collective's page can say why. The Django admin's actions call these functions; nothing else
changes these states.

Contract (other modules call these):
- decision_record(*, verb, moderator, target, collective=None, reason_template=None,
  reason="", case=None) -> Decision
- collective_verify(*, collective, moderator) -> Collective
- collective_reject(*, collective, moderator, reason_template=None, reason="") -> Collective
- collective_request_info(*, collective, moderator, message) -> Decision
- collective_trust(*, collective, moderator) -> Collective
- collective_suspend(*, collective, moderator, reason_template=None, reason="", case=None)
  -> Collective   (status SUSPENDED, status_before_suspension kept; its published and
  cancelled actions become HIDDEN with status_before_hold kept; admins emailed)
- collective_unsuspend(*, collective, moderator, reason="") -> Collective  (restores both)
- action_approve(*, action, moderator, trust_collective=False) -> Action  (sets published_at)
- action_reject(*, action, moderator, reason_template=None, reason="") -> Action
- action_hold(*, action, case) -> Action   (by the system: HELD, status_before_hold kept)
- action_hide(*, action, moderator, reason_template=None, reason="", case=None) -> Action
- action_restore(*, action, moderator, reason="", case=None) -> Action
- action_address_reveal(*, action, moderator, reason_template=None, reason="") -> Decision
- action_attendees_reveal(*, action, moderator, reason_template=None, reason="") -> Decision
  ("break glass": staff see an exact place that is not public, or the attendees, only with
  a reason, recorded, and the lead host's admins emailed; the caller then shows it once)
- coalition_hide(*, coalition, moderator, reason_template=None, reason="", case=None)
  -> Coalition   (hidden_at set: out of every public page; no collective concerned, no email)
- coalition_restore(*, coalition, moderator, reason="", case=None) -> Coalition
- appeal_hide(*, appeal, moderator, reason_template=None, reason="", case=None) -> Appeal
  (hidden_at set; the initiating collective's admins emailed, if it has one)
- appeal_restore(*, appeal, moderator, reason="", case=None) -> Appeal
- user_suspend(*, user, moderator, reason="", case=None) -> User  (is_active off, sessions
  ended, suspended_at set)
- user_unsuspend(*, user, moderator, reason="") -> User
- review_request_create(*, decision, user, message) -> ReviewRequest  (moderators emailed)
- review_request_answer(*, review, moderator) -> ReviewRequest  (collective emailed)
Raise `ModerationError(message)` when a decision does not apply (e.g. approving a published
action) or is outside the moderator's countries (`ModeratorScope`).

A collective's suspension hides its public actions (published or cancelled, those it leads)
without one decision per action, and its name drops out of the hosts of the actions it
co-hosts (only verified collectives are listed: `ActionHost.objects.listed()`); lifting it
restores the hidden actions whose latest hide/restore decision is not an `ACTION_HIDDEN`
(those a moderator hid on their own stay hidden), each to the status it had.
"""

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from organizing.accounts.models import NotificationKind
from organizing.accounts.notifications import notification_send_many
from organizing.actions.access import exact_location_is_public
from organizing.actions.announcements import action_published_announce
from organizing.actions.models import PUBLIC_STATUSES, Action, ActionStatus, HostRole
from organizing.appeals.models import Appeal
from organizing.coalitions.models import Coalition
from organizing.collectives.models import Collective, CollectiveStatus
from organizing.collectives.selectors import collectives_admin_users
from organizing.core.errors import DomainError
from organizing.outbox.services import outbox_enqueue_template

from ..models import (
    Decision,
    DecisionVerb,
    ReasonTemplate,
    ReportCase,
    ReviewRequest,
    ReviewStatus,
)
from ..selectors import lead_collective, moderator_countries, moderator_emails


class ModerationError(DomainError):
    """A decision that does not apply; the message is meant for the moderator."""


# Helpers


def full_reason(reason_template: ReasonTemplate | None, reason: str) -> str:
    """The text shown to the collective: the template's text, then the moderator's words."""
    parts = [reason_template.text.strip() if reason_template else "", (reason or "").strip()]
    return "\n\n".join(part for part in parts if part)


def _check_scope(moderator, country) -> None:
    countries = moderator_countries(moderator)
    if not countries:
        return
    code = getattr(country, "code", country) or ""
    if code.upper() not in {c.upper() for c in countries}:
        raise ModerationError(_("This is outside the countries you moderate."))


def _target_kind(target) -> str:
    if isinstance(target, Action):
        return "action"
    if isinstance(target, Collective):
        return "collective"
    if isinstance(target, Coalition):
        return "coalition"
    if isinstance(target, Appeal):
        return "appeal"
    if isinstance(target, ReportCase):
        return "case"
    return "user"


def _label(target) -> str:
    return str(getattr(target, "title", None) or getattr(target, "name", None) or target)[:250]


def _tell_admins(collective: Collective | None, *, template: str, context: dict) -> None:
    if collective is None:
        return
    context = {"collective": collective, "site_url": settings.SITE_URL, **context}
    # Never off (accounts/notifications.py NEVER_OFF): each time or in the daily digest.
    notification_send_many(
        users=collectives_admin_users([collective]),
        kind=NotificationKind.MODERATION_DECISIONS,
        template=template,
        context=context,
    )


def _require_reason(reason_template, reason: str) -> str:
    text = full_reason(reason_template, reason)
    if not text:
        raise ModerationError(_("Give a reason: choose a template or write one."))
    return text


def _lock(model, obj):
    return model.objects.select_for_update().get(pk=obj.pk)


def decision_record(
    *,
    verb: str,
    moderator,
    target,
    collective: Collective | None = None,
    reason_template: ReasonTemplate | None = None,
    reason: str = "",
    case: ReportCase | None = None,
) -> Decision:
    """Write the audit row; `reason` is stored as given (callers combine it with the template)."""
    return Decision.objects.create(
        verb=verb,
        moderator=moderator,
        target_kind=_target_kind(target) if target is not None else "",
        target_id=target.pk if target is not None else None,
        target_label=_label(target) if target is not None else "",
        collective=collective,
        case=case,
        reason_template=reason_template,
        reason=reason,
    )


# Collectives


@transaction.atomic
def collective_verify(*, collective: Collective, moderator) -> Collective:
    """A moderator vouches for a pending collective: its page becomes public; admins are told."""
    _check_scope(moderator, collective.country)
    locked = _lock(Collective, collective)
    if locked.status != CollectiveStatus.PENDING:
        raise ModerationError(_("Only a pending collective can be verified."))
    collective.status = CollectiveStatus.VERIFIED
    collective.verified_at = timezone.now()
    collective.save(update_fields=["status", "verified_at", "updated_at"])
    decision_record(
        verb=DecisionVerb.COLLECTIVE_VERIFIED,
        moderator=moderator,
        target=collective,
        collective=collective,
    )
    _tell_admins(collective, template="collective_verified", context={})
    return collective


@transaction.atomic
def collective_reject(
    *,
    collective: Collective,
    moderator,
    reason_template: ReasonTemplate | None = None,
    reason: str = "",
) -> Collective:
    """Refuse to verify: the collective stays unlisted (pending) and its admins learn why;
    they may edit the profile and ask for a review."""
    _check_scope(moderator, collective.country)
    text = _require_reason(reason_template, reason)
    if _lock(Collective, collective).status != CollectiveStatus.PENDING:
        raise ModerationError(_("Only a pending collective can be rejected."))
    decision = decision_record(
        verb=DecisionVerb.COLLECTIVE_REJECTED,
        moderator=moderator,
        target=collective,
        collective=collective,
        reason_template=reason_template,
        reason=text,
    )
    _tell_admins(collective, template="collective_rejected", context={"decision": decision})
    return collective


@transaction.atomic
def collective_request_info(*, collective: Collective, moderator, message: str) -> Decision:
    """Ask a pending collective's admins for more information, by email."""
    _check_scope(moderator, collective.country)
    message = (message or "").strip()
    if not message:
        raise ModerationError(_("Write the question to send to the collective."))
    if _lock(Collective, collective).status != CollectiveStatus.PENDING:
        raise ModerationError(_("Only a pending collective can be asked for information."))
    decision = decision_record(
        verb=DecisionVerb.COLLECTIVE_INFO_REQUESTED,
        moderator=moderator,
        target=collective,
        collective=collective,
        reason=message,
    )
    _tell_admins(collective, template="collective_info_requested", context={"decision": decision})
    return decision


@transaction.atomic
def collective_trust(*, collective: Collective, moderator) -> Collective:
    """Its later actions are published without review."""
    _check_scope(moderator, collective.country)
    locked = _lock(Collective, collective)
    if locked.trusted:
        raise ModerationError(_("This collective is already trusted."))
    if locked.status == CollectiveStatus.SUSPENDED:
        raise ModerationError(_("A suspended collective cannot be trusted."))
    collective.trusted = True
    collective.save(update_fields=["trusted", "updated_at"])
    decision_record(
        verb=DecisionVerb.COLLECTIVE_TRUSTED,
        moderator=moderator,
        target=collective,
        collective=collective,
    )
    return collective


@transaction.atomic
def collective_suspend(
    *,
    collective: Collective,
    moderator,
    reason_template: ReasonTemplate | None = None,
    reason: str = "",
    case: ReportCase | None = None,
) -> Collective:
    """Take the collective and the actions it leads off every public page, reversibly."""
    _check_scope(moderator, collective.country)
    text = _require_reason(reason_template, reason)
    locked = _lock(Collective, collective)
    if locked.status == CollectiveStatus.SUSPENDED:
        raise ModerationError(_("This collective is already suspended."))
    collective.status_before_suspension = locked.status
    collective.status = CollectiveStatus.SUSPENDED
    collective.save(update_fields=["status", "status_before_suspension", "updated_at"])
    # Every public action it leads, cancelled ones too (their page, .ics, the home archive
    # and calendars show them): each keeps the status it had (the SET reads the row as it
    # was), so lifting restores it exactly. Actions it only co-hosts stay public, belonging
    # to their lead; the co-host drops out of their hosts (ActionHost.objects.listed()).
    Action.objects.filter(
        host_links__collective=collective,
        host_links__role=HostRole.LEAD,
        status__in=PUBLIC_STATUSES,
    ).update(status=ActionStatus.HIDDEN, status_before_hold=F("status"), updated_at=timezone.now())
    decision = decision_record(
        verb=DecisionVerb.COLLECTIVE_SUSPENDED,
        moderator=moderator,
        target=collective,
        collective=collective,
        reason_template=reason_template,
        reason=text,
        case=case,
    )
    _tell_admins(collective, template="collective_suspended", context={"decision": decision})
    return collective


def _hidden_by_suspension(collective: Collective) -> list[int]:
    """The hidden actions it leads that no moderator hid on their own."""
    hidden = list(
        Action.objects.filter(
            host_links__collective=collective,
            host_links__role=HostRole.LEAD,
            status=ActionStatus.HIDDEN,
        ).values_list("pk", flat=True)
    )
    latest: dict[int, str] = {}
    for target_id, verb in (
        Decision.objects.filter(
            target_kind="action",
            target_id__in=hidden,
            verb__in=[DecisionVerb.ACTION_HIDDEN, DecisionVerb.ACTION_RESTORED],
        )
        .order_by("created_at", "pk")
        .values_list("target_id", "verb")
    ):
        latest[target_id] = verb
    return [pk for pk in hidden if latest.get(pk) != DecisionVerb.ACTION_HIDDEN]


@transaction.atomic
def collective_unsuspend(*, collective: Collective, moderator, reason: str = "") -> Collective:
    """Lift the suspension: the collective and the actions it hid return as they were."""
    _check_scope(moderator, collective.country)
    locked = _lock(Collective, collective)
    if locked.status != CollectiveStatus.SUSPENDED:
        raise ModerationError(_("This collective is not suspended."))
    collective.status = locked.status_before_suspension or CollectiveStatus.PENDING
    collective.status_before_suspension = ""
    collective.save(update_fields=["status", "status_before_suspension", "updated_at"])
    for action in Action.objects.filter(pk__in=_hidden_by_suspension(collective)):
        action.status = action.status_before_hold or ActionStatus.PUBLISHED
        action.status_before_hold = ""
        action.save(update_fields=["status", "status_before_hold", "updated_at"])
    decision = decision_record(
        verb=DecisionVerb.COLLECTIVE_UNSUSPENDED,
        moderator=moderator,
        target=collective,
        collective=collective,
        reason=reason.strip(),
    )
    _tell_admins(collective, template="collective_unsuspended", context={"decision": decision})
    return collective


# Actions


@transaction.atomic
def action_approve(*, action: Action, moderator, trust_collective: bool = False) -> Action:
    """Publish an action waiting for review; optionally trust its collective from now on."""
    _check_scope(moderator, action.country)
    if _lock(Action, action).status != ActionStatus.PENDING_REVIEW:
        raise ModerationError(_("Only an action waiting for review can be approved."))
    collective = lead_collective(action)
    if collective is not None and collective.status == CollectiveStatus.SUSPENDED:
        raise ModerationError(_("Its collective is suspended."))
    action.status = ActionStatus.PUBLISHED
    action.published_at = timezone.now()
    action.save(update_fields=["status", "published_at", "updated_at"])
    action_published_announce(action=action)
    decision = decision_record(
        verb=DecisionVerb.ACTION_APPROVED, moderator=moderator, target=action, collective=collective
    )
    if trust_collective and collective is not None and not collective.trusted:
        collective_trust(collective=collective, moderator=moderator)
    _tell_admins(
        collective, template="action_approved", context={"action": action, "decision": decision}
    )
    return action


@transaction.atomic
def action_reject(
    *, action: Action, moderator, reason_template: ReasonTemplate | None = None, reason: str = ""
) -> Action:
    _check_scope(moderator, action.country)
    text = _require_reason(reason_template, reason)
    if _lock(Action, action).status != ActionStatus.PENDING_REVIEW:
        raise ModerationError(_("Only an action waiting for review can be rejected."))
    collective = lead_collective(action)
    action.status = ActionStatus.REJECTED
    action.save(update_fields=["status", "updated_at"])
    decision = decision_record(
        verb=DecisionVerb.ACTION_REJECTED,
        moderator=moderator,
        target=action,
        collective=collective,
        reason_template=reason_template,
        reason=text,
    )
    _tell_admins(
        collective, template="action_rejected", context={"action": action, "decision": decision}
    )
    return action


_HIDEABLE = (
    ActionStatus.PUBLISHED,
    ActionStatus.CANCELLED,
    ActionStatus.PENDING_REVIEW,
    ActionStatus.HELD,
)


@transaction.atomic
def action_hold(*, action: Action, case: ReportCase | None) -> Action:
    """Reports from established accounts hold the action from listings until a moderator
    decides (a system decision: no moderator, no email)."""
    if _lock(Action, action).status not in (ActionStatus.PUBLISHED, ActionStatus.CANCELLED):
        raise ModerationError(_("Only a public action can be held."))
    action.status_before_hold = action.status
    action.status = ActionStatus.HELD
    action.save(update_fields=["status", "status_before_hold", "updated_at"])
    decision_record(
        verb=DecisionVerb.ACTION_HELD,
        moderator=None,
        target=action,
        collective=lead_collective(action),
        case=case,
    )
    return action


@transaction.atomic
def action_hide(
    *,
    action: Action,
    moderator,
    reason_template: ReasonTemplate | None = None,
    reason: str = "",
    case: ReportCase | None = None,
) -> Action:
    _check_scope(moderator, action.country)
    text = _require_reason(reason_template, reason)
    if _lock(Action, action).status not in _HIDEABLE:
        raise ModerationError(_("This action cannot be hidden in its current state."))
    if action.status != ActionStatus.HELD:  # a held action keeps the status it had before
        action.status_before_hold = action.status
    action.status = ActionStatus.HIDDEN
    action.save(update_fields=["status", "status_before_hold", "updated_at"])
    collective = lead_collective(action)
    decision = decision_record(
        verb=DecisionVerb.ACTION_HIDDEN,
        moderator=moderator,
        target=action,
        collective=collective,
        reason_template=reason_template,
        reason=text,
        case=case,
    )
    _tell_admins(
        collective, template="action_hidden", context={"action": action, "decision": decision}
    )
    return action


@transaction.atomic
def action_restore(
    *, action: Action, moderator, reason: str = "", case: ReportCase | None = None
) -> Action:
    """Lift a hold or a hiding: the action returns to the status it had."""
    _check_scope(moderator, action.country)
    if _lock(Action, action).status not in (ActionStatus.HIDDEN, ActionStatus.HELD):
        raise ModerationError(_("Only a held or hidden action can be restored."))
    collective = lead_collective(action)
    if collective is not None and collective.status == CollectiveStatus.SUSPENDED:
        raise ModerationError(_("Its collective is suspended: lift the suspension instead."))
    action.status = action.status_before_hold or ActionStatus.PUBLISHED
    action.status_before_hold = ""
    fields = ["status", "status_before_hold", "updated_at"]
    first_published = action.status == ActionStatus.PUBLISHED and action.published_at is None
    if first_published:
        action.published_at = timezone.now()
        fields.append("published_at")
    action.save(update_fields=fields)
    if first_published:
        action_published_announce(action=action)
    decision_record(
        verb=DecisionVerb.ACTION_RESTORED,
        moderator=moderator,
        target=action,
        collective=collective,
        reason=reason.strip(),
        case=case,
    )
    return action


# "Break glass": what only the hosts (and their participants) may see, seen by staff. The
# moderators' admin never shows it otherwise; each look needs a reason, leaves a Decision the
# hosts can read on their moderation page, and emails the lead host's admins (without the
# data itself: the email says who looked, why and when, not what they saw).


def _break_glass(
    *,
    verb: str,
    template: str,
    action: Action,
    moderator,
    reason_template: ReasonTemplate | None,
    reason: str,
) -> Decision:
    _check_scope(moderator, action.country)
    text = _require_reason(reason_template, reason)
    collective = lead_collective(action)
    decision = decision_record(
        verb=verb,
        moderator=moderator,
        target=action,
        collective=collective,
        reason_template=reason_template,
        reason=text,
    )
    _tell_admins(collective, template=template, context={"action": action, "decision": decision})
    return decision


@transaction.atomic
def action_address_reveal(
    *, action: Action, moderator, reason_template: ReasonTemplate | None = None, reason: str = ""
) -> Decision:
    """Record that a moderator is about to see an action's exact place (venue, address,
    point) that is not public; the caller shows it after this returns."""
    if exact_location_is_public(action):
        raise ModerationError(_("The exact place of this action is public: nothing to reveal."))
    return _break_glass(
        verb=DecisionVerb.ADDRESS_REVEALED,
        template="action_address_revealed",
        action=action,
        moderator=moderator,
        reason_template=reason_template,
        reason=reason,
    )


@transaction.atomic
def action_attendees_reveal(
    *, action: Action, moderator, reason_template: ReasonTemplate | None = None, reason: str = ""
) -> Decision:
    """Record that staff are about to see an action's attendees (names, emails, statuses)."""
    return _break_glass(
        verb=DecisionVerb.ATTENDEES_ACCESSED,
        template="action_attendees_accessed",
        action=action,
        moderator=moderator,
        reason_template=reason_template,
        reason=reason,
    )


# Coalitions and appeals: hidden by a date (`hidden_at`), their status kept as it is.


@transaction.atomic
def coalition_hide(
    *,
    coalition: Coalition,
    moderator,
    reason_template: ReasonTemplate | None = None,
    reason: str = "",
    case: ReportCase | None = None,
) -> Coalition:
    """Take the coalition off every public page, reversibly. It has no collective of its
    own: the decision concerns none, and no one is emailed."""
    _check_scope(moderator, coalition.country)
    text = _require_reason(reason_template, reason)
    if _lock(Coalition, coalition).hidden_at is not None:
        raise ModerationError(_("This coalition is already hidden."))
    coalition.hidden_at = timezone.now()
    coalition.save(update_fields=["hidden_at", "updated_at"])
    decision_record(
        verb=DecisionVerb.COALITION_HIDDEN,
        moderator=moderator,
        target=coalition,
        reason_template=reason_template,
        reason=text,
        case=case,
    )
    return coalition


@transaction.atomic
def coalition_restore(
    *, coalition: Coalition, moderator, reason: str = "", case: ReportCase | None = None
) -> Coalition:
    """The hidden coalition returns to the public pages as it was."""
    _check_scope(moderator, coalition.country)
    if _lock(Coalition, coalition).hidden_at is None:
        raise ModerationError(_("Only a hidden coalition can be restored."))
    coalition.hidden_at = None
    coalition.save(update_fields=["hidden_at", "updated_at"])
    decision_record(
        verb=DecisionVerb.COALITION_RESTORED,
        moderator=moderator,
        target=coalition,
        reason=(reason or "").strip(),
        case=case,
    )
    return coalition


def _appeal_country(appeal: Appeal):
    """An appeal is moderated in its initiating collective's country."""
    return appeal.initiator.country if appeal.initiator is not None else ""


@transaction.atomic
def appeal_hide(
    *,
    appeal: Appeal,
    moderator,
    reason_template: ReasonTemplate | None = None,
    reason: str = "",
    case: ReportCase | None = None,
) -> Appeal:
    """Take the appeal (page, roster, badge, CSV) off every public page and stop signatures,
    reversibly; the initiating collective's admins learn why."""
    _check_scope(moderator, _appeal_country(appeal))
    text = _require_reason(reason_template, reason)
    if _lock(Appeal, appeal).hidden_at is not None:
        raise ModerationError(_("This appeal is already hidden."))
    appeal.hidden_at = timezone.now()
    appeal.save(update_fields=["hidden_at", "updated_at"])
    decision = decision_record(
        verb=DecisionVerb.APPEAL_HIDDEN,
        moderator=moderator,
        target=appeal,
        collective=appeal.initiator,
        reason_template=reason_template,
        reason=text,
        case=case,
    )
    _tell_admins(
        appeal.initiator, template="appeal_hidden", context={"appeal": appeal, "decision": decision}
    )
    return appeal


@transaction.atomic
def appeal_restore(
    *, appeal: Appeal, moderator, reason: str = "", case: ReportCase | None = None
) -> Appeal:
    """The hidden appeal returns as it was, signatures and all."""
    _check_scope(moderator, _appeal_country(appeal))
    if _lock(Appeal, appeal).hidden_at is None:
        raise ModerationError(_("Only a hidden appeal can be restored."))
    appeal.hidden_at = None
    appeal.save(update_fields=["hidden_at", "updated_at"])
    decision_record(
        verb=DecisionVerb.APPEAL_RESTORED,
        moderator=moderator,
        target=appeal,
        collective=appeal.initiator,
        reason=(reason or "").strip(),
        case=case,
    )
    return appeal


# Users


def _end_sessions(user) -> None:
    """Delete every stored session logged in as this user. Refusing inactive users is not
    enough: a session left behind would log in again once the suspension is lifted. Sessions
    are not indexed by user, so this reads them all: fine for a rare moderator decision; a
    session store keyed by user would be needed at a large scale."""
    stale = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk)
    ]
    Session.objects.filter(pk__in=stale).delete()


@transaction.atomic
def user_suspend(*, user, moderator, reason: str = "", case: ReportCase | None = None):
    """The account can no longer log in or post; its open sessions end now."""
    if not user.is_active:
        raise ModerationError(_("This account is already suspended."))
    if user.is_superuser or user == moderator:
        raise ModerationError(_("This account cannot be suspended by a moderator."))
    user.is_active = False
    user.suspended_at = timezone.now()
    user.save(update_fields=["is_active", "suspended_at"])
    _end_sessions(user)
    decision_record(
        verb=DecisionVerb.USER_SUSPENDED,
        moderator=moderator,
        target=user,
        reason=(reason or "").strip(),
        case=case,
    )
    return user


@transaction.atomic
def user_unsuspend(*, user, moderator, reason: str = ""):
    if user.suspended_at is None:
        raise ModerationError(_("This account is not suspended."))
    user.is_active = True
    user.suspended_at = None
    user.save(update_fields=["is_active", "suspended_at"])
    decision_record(
        verb=DecisionVerb.USER_UNSUSPENDED,
        moderator=moderator,
        target=user,
        reason=(reason or "").strip(),
    )
    return user


# Requests for review


@transaction.atomic
def review_request_create(*, decision: Decision, user, message: str) -> ReviewRequest:
    """A collective asks the moderators to look at a decision again; one open request per
    decision at a time."""
    message = (message or "").strip()
    if decision.collective_id is None:
        raise ModerationError(_("This decision concerns no collective."))
    if not message:
        raise ModerationError(_("Say why the moderators should look at this again."))
    if (
        ReviewRequest.objects.select_for_update()
        .filter(decision=decision, status=ReviewStatus.OPEN)
        .exists()
    ):
        raise ModerationError(_("A request for review of this decision is already waiting."))
    review = ReviewRequest.objects.create(
        decision=decision, collective=decision.collective, message=message, requested_by=user
    )
    for email in moderator_emails():
        outbox_enqueue_template(
            to=email,
            template="review_request_received",
            context={"review": review, "site_url": settings.SITE_URL},
        )
    return review


@transaction.atomic
def review_request_answer(*, review: ReviewRequest, moderator) -> ReviewRequest:
    """Mark the request answered and email the collective's admins the answer."""
    _check_scope(moderator, review.collective.country)
    if review.status != ReviewStatus.OPEN:
        raise ModerationError(_("This request was already answered."))
    if not review.answer.strip():
        raise ModerationError(_("Write the answer first."))
    review.status = ReviewStatus.ANSWERED
    review.save(update_fields=["status"])
    _tell_admins(review.collective, template="review_request_answered", context={"review": review})
    return review
