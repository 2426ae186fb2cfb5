from django.contrib import admin

from .models import Cause


class RecordAdmin(admin.ModelAdmin):
    """For records that are evidence (audit rows, histories, reports): read in the admin,
    never added, changed or deleted there, superusers included."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Cause)
class CauseAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "source_title"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
