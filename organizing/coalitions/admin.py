from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from organizing.core.admin import CountryInUseFilter

from .models import (
    Coalition,
    CoalitionMembership,
    PointsOfUnity,
    SolidarityCall,
    SolidarityPledge,
)


class HiddenFilter(admin.SimpleListFilter):
    """Coalitions (and appeals, whose admin uses it too) the moderators hid (`hidden_at` set)."""

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
    list_filter = ["status", HiddenFilter, ("country", CountryInUseFilter)]
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
