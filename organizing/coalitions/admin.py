from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import (
    Appeal,
    AppealInvitation,
    AppealSignature,
    Coalition,
    CoalitionMembership,
    PartnershipProposal,
    PointsOfUnity,
    SolidarityCall,
    SolidarityPledge,
)


class HiddenFilter(admin.SimpleListFilter):
    """Coalitions and appeals the moderators hid (`hidden_at` set)."""

    title = _("hidden by the moderators")
    parameter_name = "hidden"

    def lookups(self, request, model_admin):
        return [("yes", _("Hidden")), ("no", _("Public"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(hidden_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(hidden_at__isnull=True)
        return queryset


class CoalitionMembershipInline(admin.TabularInline):
    model = CoalitionMembership
    extra = 0
    autocomplete_fields = ["collective"]
    fields = ["collective", "status", "role", "consented_version", "joined_at", "left_at"]
    readonly_fields = ["consented_version", "joined_at", "left_at"]


class PointsOfUnityInline(admin.TabularInline):
    """The history of the points of unity: read-only (an edit is a new version, made by the
    members through the site)."""

    model = PointsOfUnity
    extra = 0
    can_delete = False
    fields = ["version", "text", "written_for", "written_by", "created_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("written_for", "written_by")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Coalition)
class CoalitionAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "status",
        "points_version",
        "city",
        "country",
        "created_at",
        "hidden_at",
    ]
    list_filter = ["status", HiddenFilter, "country"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["causes"]
    readonly_fields = [
        "points_of_unity",
        "points_version",
        "archived_at",
        "created_by",
        "hidden_at",
    ]
    inlines = [CoalitionMembershipInline, PointsOfUnityInline]
    # Moderation's actions (hide, restore): organizing/moderation/admin/coalitions.py.


@admin.register(CoalitionMembership)
class CoalitionMembershipAdmin(admin.ModelAdmin):
    list_display = ["collective", "coalition", "status", "role", "consented_version"]
    list_filter = ["status", "role"]
    search_fields = ["collective__name", "coalition__name"]
    autocomplete_fields = ["collective", "coalition"]
    list_select_related = ["collective", "coalition"]


class AppealSignatureInline(admin.TabularInline):
    model = AppealSignature
    extra = 0
    autocomplete_fields = ["collective", "signed_by"]
    fields = ["collective", "signed_at", "signed_by", "confirmed_version", "withdrawn_at"]


class AppealInvitationInline(admin.TabularInline):
    model = AppealInvitation
    extra = 0
    autocomplete_fields = ["collective"]
    fields = ["collective", "invited_by", "created_at"]
    readonly_fields = ["invited_by", "created_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("collective", "invited_by")


@admin.register(Appeal)
class AppealAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "initiator",
        "opens_on",
        "closes_on",
        "accepts_signatures",
        "text_version",
        "unnamed_signatory_count",
        "hidden_at",
    ]
    list_filter = ["accepts_signatures", HiddenFilter]
    search_fields = ["title", "slug", "text"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["initiator", "demands"]
    readonly_fields = ["created_by", "hidden_at"]
    list_select_related = ["initiator"]
    inlines = [AppealSignatureInline, AppealInvitationInline]
    # Moderation's actions (hide, restore): organizing/moderation/admin/appeals.py.


class StandingFilter(admin.SimpleListFilter):
    title = _("standing")
    parameter_name = "standing"

    def lookups(self, request, model_admin):
        return [("yes", _("Standing")), ("no", _("Withdrawn"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(withdrawn_at__isnull=True)
        if self.value() == "no":
            return queryset.filter(withdrawn_at__isnull=False)
        return queryset


@admin.register(AppealSignature)
class AppealSignatureAdmin(admin.ModelAdmin):
    list_display = ["collective", "appeal", "signed_at", "confirmed_version", "withdrawn_at"]
    list_filter = [StandingFilter]
    search_fields = ["collective__name", "appeal__title"]
    autocomplete_fields = ["collective", "appeal", "signed_by"]
    list_select_related = ["collective", "appeal"]


@admin.register(PartnershipProposal)
class PartnershipProposalAdmin(admin.ModelAdmin):
    list_display = ["from_collective", "to_collective", "kind", "status", "created_at"]
    list_filter = ["status", "kind"]
    search_fields = ["from_collective__name", "to_collective__name", "coalition_name"]
    list_select_related = ["from_collective", "to_collective"]
    autocomplete_fields = ["from_collective", "to_collective", "coalition"]
    readonly_fields = ["public_id", "proposed_by", "decided_by", "decided_at"]


class SolidarityPledgeInline(admin.TabularInline):
    model = SolidarityPledge
    extra = 0
    autocomplete_fields = ["collective"]
    readonly_fields = ["pledged_by"]


@admin.register(SolidarityCall)
class SolidarityCallAdmin(admin.ModelAdmin):
    list_display = ["action", "coalition", "collective", "created_at"]
    search_fields = ["action__title", "coalition__name", "collective__name"]
    list_select_related = ["action", "coalition", "collective"]
    autocomplete_fields = ["action", "coalition", "collective"]
    readonly_fields = ["created_by"]
    inlines = [SolidarityPledgeInline]
