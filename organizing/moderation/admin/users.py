"""Moderation's actions on accounts: approve the sign-ups waiting for a moderator, suspend,
lift a suspension. Accounts' own admin (fields, filters, what moderators may edit) is
registered again here with them."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from organizing.accounts.admin import UserAdmin
from organizing.accounts.models import User

from ..services.decisions import user_suspend, user_unsuspend
from ..services.signups import signup_approve
from .tools import apply_each, decision_action

admin.site.unregister(User)


@admin.register(User)
class ModeratedUserAdmin(UserAdmin):
    actions = ["approve_signups", "suspend_users", "unsuspend_users"]  # each calls a service

    @admin.action(description=_("Approve the selected sign-ups"), permissions=["change"])
    def approve_signups(self, request, queryset):
        apply_each(
            self,
            request,
            queryset,
            apply=lambda user: signup_approve(user=user, moderator=request.user),
            done_message=ngettext_lazy(
                "%(count)d account approved; its owner is told by email.",
                "%(count)d accounts approved; their owners are told by email.",
                "count",
            ),
        )

    suspend_users = decision_action(
        user_suspend,
        target="user",
        description=_("Suspend the selected users"),
        title=_("Suspend the selected users"),
        done_message=ngettext_lazy(
            "%(count)d account suspended: it can no longer log in.",
            "%(count)d accounts suspended: they can no longer log in.",
            "count",
        ),
    )

    unsuspend_users = decision_action(
        user_unsuspend,
        target="user",
        description=_("Lift the suspension"),
        title=_("Lift the suspension"),
        reason_required=False,
        done_message=ngettext_lazy(
            "%(count)d suspension lifted.", "%(count)d suspensions lifted.", "count"
        ),
    )
