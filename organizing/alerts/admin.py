from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import ActionAlert, AlertStatus


@admin.register(ActionAlert)
class ActionAlertAdmin(admin.ModelAdmin):
    """Read-only, but staff can stop an alert (an abuse complaint, a bouncing address)."""

    list_display = [
        "email",
        "description",
        "status",
        "language",
        "confirmed_at",
        "last_sent_at",
        "created_at",
    ]
    list_filter = ["status", "language"]
    search_fields = ["email", "description"]
    date_hierarchy = "created_at"
    actions = ["unsubscribe"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Unsubscribe the selected alerts"))
    def unsubscribe(self, request, queryset):
        tokens = list(
            queryset.exclude(status=AlertStatus.UNSUBSCRIBED).values_list("token", flat=True)
        )
        for token in tokens:
            services.alert_unsubscribe(token=token)
        self.message_user(
            request,
            ngettext(
                "%(count)d alert unsubscribed.",
                "%(count)d alerts unsubscribed.",
                len(tokens),
            )
            % {"count": len(tokens)},
            messages.SUCCESS,
        )
