from django.contrib import admin

from .models import Report


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    """Reports are evidence: moderators read them; nobody edits them."""

    list_display = ["created_at", "target_kind", "target_slug", "reason"]
    list_filter = ["reason", "target_kind"]
    search_fields = ["target_slug", "note"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
