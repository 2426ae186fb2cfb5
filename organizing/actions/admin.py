from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from organizing.moderation.admin_tools import apply_each, decision_action, scope_filter
from organizing.moderation.services import decisions

from .models import Action, ActionHost


class ActionHostInline(admin.TabularInline):
    model = ActionHost
    extra = 0
    autocomplete_fields = ["collective"]


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = [
        "title", "kind", "status", "starts_at", "date_precision", "city", "country",
        "reported_turnout",
    ]
    list_filter = ["status", "kind", "date_precision", "location_visibility", "country"]
    search_fields = ["title", "slug", "city", "area_label"]
    autocomplete_fields = ["causes", "coalition", "created_by"]
    readonly_fields = ["created_at", "updated_at", "published_at", "status",
                       "status_before_hold"]
    list_select_related = ["coalition"]
    inlines = [ActionHostInline]
    date_hierarchy = "starts_at"
    actions = ["approve", "approve_and_trust", "reject", "hide", "restore"]

    def get_queryset(self, request):
        return scope_filter(super().get_queryset(request), request.user)

    @admin.action(description=_("Approve the selected actions"), permissions=["change"])
    def approve(self, request, queryset):
        apply_each(
            self, request, queryset,
            apply=lambda a: decisions.action_approve(action=a, moderator=request.user),
            done_message=ngettext_lazy("%(count)d action approved.", "%(count)d actions approved.",
                                       "count"),
        )

    @admin.action(description=_("Approve and trust their collectives (later actions skip "
                                "review)"), permissions=["change"])
    def approve_and_trust(self, request, queryset):
        apply_each(
            self, request, queryset,
            apply=lambda a: decisions.action_approve(action=a, moderator=request.user,
                                                     trust_collective=True),
            done_message=ngettext_lazy(
                "%(count)d action approved, its collective trusted.",
                "%(count)d actions approved, their collectives trusted.", "count"),
        )

    reject = decision_action(
        decisions.action_reject, target="action",
        description=_("Reject the selected actions (with a reason)"),
        title=_("Reject"),
    )

    hide = decision_action(
        decisions.action_hide, target="action",
        description=_("Hide the selected actions (with a reason)"),
        title=_("Hide"),
    )

    restore = decision_action(
        decisions.action_restore, target="action",
        description=_("Restore the selected hidden or held actions"),
        title=_("Restore"), reason_required=False,
    )


@admin.register(ActionHost)
class ActionHostAdmin(admin.ModelAdmin):
    list_display = ["collective", "action", "role", "consent"]
    list_filter = ["role", "consent"]
    search_fields = ["collective__name", "action__title"]
    autocomplete_fields = ["collective", "action"]
    list_select_related = ["collective", "action"]
