"""Collectives in the admin. Moderation registers the collectives' admin again with its
actions (verify, reject, ask for information, suspend, trust), the moderator's country scope
and the vouches: organizing/moderation/admin/collectives.py."""

from django.contrib import admin
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from organizing.core.admin import CountryInUseFilter, RecordAdmin

from .models import (
    Collective,
    Invitation,
    JoinRequest,
    Membership,
    MembershipEvent,
    Vouch,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Collective)
class CollectiveAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "kind",
        "city",
        "country",
        "status",
        "trusted",
        "vouch_count",
        "created_by",
        "created_at",
    ]
    list_filter = ["status", "trusted", "kind", "open_to_partners", ("country", CountryInUseFilter)]
    search_fields = ["name", "slug", "city"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["causes", "created_by"]
    readonly_fields = [
        "created_at",
        "updated_at",
        "verified_at",
        "status",
        "status_before_suspension",
        "trusted",
    ]
    list_select_related = ["created_by"]
    inlines = [MembershipInline]
    date_hierarchy = "created_at"

    def get_queryset(self, request):
        # A subquery, not a join: the selected rows go on to admin actions (row locks).
        vouches = (
            Vouch.objects.filter(collective=OuterRef("pk"))
            .order_by()
            .values("collective")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return super().get_queryset(request).annotate(n_vouches=Coalesce(Subquery(vouches), 0))

    @admin.display(description=_("vouches"), ordering="n_vouches")
    def vouch_count(self, collective: Collective) -> int:
        return collective.n_vouches


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "collective", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "user__display_name", "collective__name"]
    autocomplete_fields = ["user", "collective"]
    list_select_related = ["user", "collective"]


@admin.register(MembershipEvent)
class MembershipEventAdmin(RecordAdmin):
    """The membership history is an audit trail: read-only, even for superusers."""

    list_display = ["created_at", "collective", "kind", "actor", "subject"]
    list_filter = ["kind"]
    search_fields = ["collective__name"]
    list_select_related = ["collective", "actor", "subject"]
    date_hierarchy = "created_at"


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
