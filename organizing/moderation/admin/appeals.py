"""Moderation's actions on appeals (hide, restore): the appeals' own admin registered again
here with them."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from organizing.appeals.admin import AppealAdmin
from organizing.appeals.models import Appeal

from ..services import decisions
from .tools import decision_action

admin.site.unregister(Appeal)


@admin.register(Appeal)
class ModeratedAppealAdmin(AppealAdmin):
    actions = ["hide", "restore"]

    hide = decision_action(
        decisions.appeal_hide,
        target="appeal",
        description=_("Hide the selected appeals (with a reason)"),
        title=_("Hide"),
    )

    restore = decision_action(
        decisions.appeal_restore,
        target="appeal",
        description=_("Restore the selected hidden appeals"),
        title=_("Restore"),
        reason_required=False,
    )
