from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import (
    Collective,
    CollectiveStatus,
    Invitation,
    JoinRequest,
    Membership,
    MembershipEvent,
)
from .services.profile import collective_verify


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Collective)
class CollectiveAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "city", "country", "status", "open_to_partners", "created_at"]
    list_filter = ["status", "kind", "open_to_partners", "country"]
    search_fields = ["name", "slug", "city"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["causes", "created_by"]
    readonly_fields = ["created_at", "updated_at", "verified_at"]
    list_select_related = ["created_by"]
    inlines = [MembershipInline]
    date_hierarchy = "created_at"
    actions = ["verify"]

    @admin.action(description=_("Verify the selected collectives"), permissions=["change"])
    def verify(self, request, queryset):
        pending = queryset.filter(status=CollectiveStatus.PENDING)
        for collective in pending:
            collective_verify(collective=collective, moderator=request.user)
        count = len(pending)
        self.message_user(
            request,
            ngettext("%(count)d collective verified.", "%(count)d collectives verified.", count)
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "collective", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "user__display_name", "collective__name"]
    autocomplete_fields = ["user", "collective"]
    list_select_related = ["user", "collective"]


@admin.register(MembershipEvent)
class MembershipEventAdmin(admin.ModelAdmin):
    """The membership history is an audit trail: read-only, even for superusers."""

    list_display = ["created_at", "collective", "kind", "actor", "subject"]
    list_filter = ["kind"]
    search_fields = ["collective__name"]
    list_select_related = ["collective", "actor", "subject"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["collective", "role", "created_at", "expires_at", "accepted_at", "revoked_at"]
    search_fields = ["collective__name"]
    list_select_related = ["collective"]
    readonly_fields = [
        "collective",
        "email",
        "role",
        "invited_by",
        "expires_at",
        "accepted_at",
        "accepted_by",
        "revoked_at",
    ]


@admin.register(JoinRequest)
class JoinRequestAdmin(admin.ModelAdmin):
    list_display = ["collective", "user", "status", "created_at", "decided_at"]
    list_filter = ["status"]
    search_fields = ["collective__name"]
    list_select_related = ["collective", "user"]
    autocomplete_fields = ["collective", "user", "decided_by"]
