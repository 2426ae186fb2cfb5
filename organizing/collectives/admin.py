from django.contrib import admin

from .models import Collective, Membership


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


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "collective", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "user__display_name", "collective__name"]
    autocomplete_fields = ["user", "collective"]
    list_select_related = ["user", "collective"]
