"""Actions in the admin. Moderation registers the actions' admin again with its actions
(approve, reject, hide, restore), the moderator's country scope and the "break glass" pages
(the exact place, the attendees): organizing/moderation/admin/actions.py."""

from django.contrib import admin

from organizing.core.admin import CountryInUseFilter

from .access import exact_location_is_public
from .models import Action, ActionHost

# The exact place: what the action's location visibility keeps from the public (and so from
# staff) when it is not public. The area label, city and coarse point stay in the admin.
EXACT_PLACE_FIELDS = ("venue", "address", "latitude", "longitude")


class ActionHostInline(admin.TabularInline):
    model = ActionHost
    extra = 0
    autocomplete_fields = ["collective"]


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "kind",
        "status",
        "starts_at",
        "date_precision",
        "city",
        "country",
        "reported_turnout",
    ]
    list_filter = [
        "status",
        "kind",
        "date_precision",
        "location_visibility",
        ("country", CountryInUseFilter),
    ]
    search_fields = ["title", "slug", "city", "area_label"]
    autocomplete_fields = ["causes", "coalition", "created_by"]
    readonly_fields = ["created_at", "updated_at", "published_at", "status", "status_before_hold"]
    list_select_related = ["coalition"]
    inlines = [ActionHostInline]
    date_hierarchy = "starts_at"

    # --- the exact place: not in the admin unless public (moderation's admin breaks glass) ---

    def get_fields(self, request, obj=None):
        """Without the exact place when it is not public: neither shown nor editable (a field
        left out of the form is never saved, whatever is posted)."""
        fields = list(super().get_fields(request, obj))
        if obj is not None and not exact_location_is_public(obj):
            fields = [name for name in fields if name not in EXACT_PLACE_FIELDS]
        return fields

    def get_exclude(self, request, obj=None):
        exclude = list(super().get_exclude(request, obj) or [])
        if obj is not None and not exact_location_is_public(obj):
            exclude += EXACT_PLACE_FIELDS
        return exclude


@admin.register(ActionHost)
class ActionHostAdmin(admin.ModelAdmin):
    list_display = ["collective", "action", "role", "consent"]
    list_filter = ["role", "consent"]
    search_fields = ["collective__name", "action__title"]
    autocomplete_fields = ["collective", "action"]
    list_select_related = ["collective", "action"]
