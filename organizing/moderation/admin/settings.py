"""Site settings (registration mode) in the admin: one row, never deleted; changing the mode
goes through `registration_settings_update`, which records the decision."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ..models import SiteSettings
from ..registration import registration_settings_update, signups_recent_count


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "registration_mode",
        "signups_per_hour_limit",
        "switched_automatically_at",
    ]
    list_filter = ["registration_mode"]
    fields = [
        "registration_mode",
        "signups_per_hour_limit",
        "switched_automatically_at",
        "recent_signups",
    ]
    readonly_fields = ["switched_automatically_at", "recent_signups"]

    def changelist_view(self, request, extra_context=None):
        SiteSettings.load()  # the one row always exists, so there is nothing to add
        return super().changelist_view(request, extra_context)

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("sign-ups counted now"))
    def recent_signups(self, obj: SiteSettings) -> int:
        """The count compared with the limit: the last hour, or since a moderator last set
        the mode."""
        return signups_recent_count()

    def save_model(self, request, obj, form, change):
        if not change:
            obj.pk = 1
            super().save_model(request, obj, form, change)
            return
        saved = registration_settings_update(
            moderator=request.user,
            registration_mode=obj.registration_mode,
            signups_per_hour_limit=obj.signups_per_hour_limit,
        )
        obj.switched_automatically_at = saved.switched_automatically_at
