"""Moderation's actions on coalitions (hide, restore): coalitions' own admin registered again
here with them."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from organizing.coalitions.admin import CoalitionAdmin
from organizing.coalitions.models import Coalition

from ..services import decisions
from .tools import decision_action

admin.site.unregister(Coalition)


@admin.register(Coalition)
class ModeratedCoalitionAdmin(CoalitionAdmin):
    actions = ["hide", "restore"]

    hide = decision_action(
        decisions.coalition_hide,
        target="coalition",
        description=_("Hide the selected coalitions (with a reason)"),
        title=_("Hide"),
    )

    restore = decision_action(
        decisions.coalition_restore,
        target="coalition",
        description=_("Restore the selected hidden coalitions"),
        title=_("Restore"),
        reason_required=False,
    )
