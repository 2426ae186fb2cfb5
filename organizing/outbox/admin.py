from django.contrib import admin

from .models import OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """Read-only: staff can see what was (or was not yet) sent, never edit it."""

    # Purged rows keep only their status and dates (services.outbox_purge_expired).
    list_display = ["subject", "status", "attempts", "created_at", "sent_at", "purged_at"]
    list_filter = ["status", ("purged_at", admin.EmptyFieldListFilter)]
    search_fields = ["subject"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
