from django.contrib import admin

from .models import PartnerExclusion, PartnershipProposal


@admin.register(PartnerExclusion)
class PartnerExclusionAdmin(admin.ModelAdmin):
    """Read mostly: who dismissed or blocked whom, and when (collectives decide, not staff)."""

    list_display = ["collective", "other", "kind", "expires_at", "created_by", "created_at"]
    list_filter = ["kind"]
    search_fields = ["collective__name", "other__name"]
    autocomplete_fields = ["collective", "other", "created_by"]
    list_select_related = ["collective", "other", "created_by"]
    readonly_fields = ["created_at", "updated_at"]
    date_hierarchy = "created_at"


@admin.register(PartnershipProposal)
class PartnershipProposalAdmin(admin.ModelAdmin):
    list_display = ["from_collective", "to_collective", "kind", "status", "created_at"]
    list_filter = ["status", "kind"]
    search_fields = ["from_collective__name", "to_collective__name", "coalition_name"]
    list_select_related = ["from_collective", "to_collective"]
    autocomplete_fields = ["from_collective", "to_collective", "coalition"]
    readonly_fields = ["public_id", "proposed_by", "decided_by", "decided_at"]
