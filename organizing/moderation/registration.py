"""The registration mode: open, or approval by a moderator.

Each sign-up asks `registration_admit` whether the new account may be active at once. Open mode
admits everyone until the sign-ups of the last hour exceed `SiteSettings.signups_per_hour_limit`:
then the mode switches to approval by itself, records a `Decision` (no moderator) and emails the
moderators, once. Later sign-ups find the mode already on approval, so nobody is emailed again
until a moderator opens registration again (`registration_settings_update`), which also starts
the count afresh: the burst that caused the switch does not switch it back at the next sign-up.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from organizing.core.links import site_url
from organizing.outbox.services import outbox_enqueue_template

from .models import Decision, DecisionVerb, RegistrationMode, SiteSettings
from .selectors import moderator_emails

WINDOW = timedelta(hours=1)
TARGET_KIND = "settings"


def _locked_settings() -> SiteSettings:
    SiteSettings.load()  # creates the row on first use
    return SiteSettings.objects.select_for_update().get(pk=1)


def _mode_label(mode: str) -> str:
    return str(RegistrationMode(mode).label)


def _record(*, mode: str, moderator, reason: str) -> Decision:
    return Decision.objects.create(
        verb=DecisionVerb.REGISTRATION_MODE,
        moderator=moderator,
        target_kind=TARGET_KIND,
        target_id=1,
        target_label=_mode_label(mode)[:250],
        reason=reason,
    )


def signups_counted_since(now=None):
    """Where the count of recent sign-ups starts: an hour ago, or when a moderator last set the
    registration mode, whichever is later."""
    now = now or timezone.now()
    since = now - WINDOW
    last_set = (
        Decision.objects.filter(verb=DecisionVerb.REGISTRATION_MODE, moderator__isnull=False)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    return max(since, last_set) if last_set else since


def signups_recent_count(now=None) -> int:
    return get_user_model().objects.filter(date_joined__gte=signups_counted_since(now)).count()


@transaction.atomic
def registration_admit() -> bool:
    """Called for each new sign-up, before the account is saved: True when it may be active at
    once, False when it waits for a moderator's approval. May switch the mode to approval."""
    site = _locked_settings()
    if site.registration_mode == RegistrationMode.APPROVAL:
        return False
    # The new account is not saved yet: it is the "+ 1".
    count = signups_recent_count() + 1
    if count <= site.signups_per_hour_limit:
        return True
    _switch_to_approval(site, count=count)
    return False


def _switch_to_approval(site: SiteSettings, *, count: int) -> None:
    site.registration_mode = RegistrationMode.APPROVAL
    site.switched_automatically_at = timezone.now()
    site.save(update_fields=["registration_mode", "switched_automatically_at"])
    _record(
        mode=RegistrationMode.APPROVAL,
        moderator=None,
        reason=_(
            "%(count)d sign-ups within an hour, above the limit of %(limit)d: new accounts "
            "now wait for a moderator's approval."
        )
        % {"count": count, "limit": site.signups_per_hour_limit},
    )
    context = {
        "count": count,
        "limit": site.signups_per_hour_limit,
        "switched_at": site.switched_automatically_at,
        "settings_url": site_url(reverse("admin:moderation_sitesettings_change", args=[site.pk])),
        "pending_url": site_url(reverse("admin:accounts_user_changelist") + "?state=pending"),
    }
    for email in moderator_emails():
        outbox_enqueue_template(to=email, template="registration_mode_switched", context=context)


@transaction.atomic
def registration_settings_update(
    *, moderator, registration_mode: str, signups_per_hour_limit: int
) -> SiteSettings:
    """A moderator's change to the site settings. Changing the mode is a decision (an audit
    row); opening registration again forgets the automatic switch and restarts the count."""
    site = _locked_settings()
    mode_changed = site.registration_mode != registration_mode
    site.registration_mode = registration_mode
    site.signups_per_hour_limit = signups_per_hour_limit
    if registration_mode == RegistrationMode.OPEN:
        site.switched_automatically_at = None
    site.full_clean()
    site.save()
    if mode_changed:
        _record(mode=registration_mode, moderator=moderator, reason="")
    return site
