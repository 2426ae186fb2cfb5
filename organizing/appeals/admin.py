from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from organizing.coalitions.admin import HiddenFilter

from .models import Appeal, AppealInvitation, AppealSignature


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
