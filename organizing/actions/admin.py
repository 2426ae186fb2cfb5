from django.contrib import admin

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
    readonly_fields = ["created_at", "updated_at", "published_at"]
    list_select_related = ["coalition"]
    inlines = [ActionHostInline]
    date_hierarchy = "starts_at"


@admin.register(ActionHost)
class ActionHostAdmin(admin.ModelAdmin):
    list_display = ["collective", "action", "role", "consent"]
    list_filter = ["role", "consent"]
    search_fields = ["collective__name", "action__title"]
    autocomplete_fields = ["collective", "action"]
    list_select_related = ["collective", "action"]
