from django.contrib import admin
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.template.defaultfilters import date as date_filter
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from organizing.core.admin import RecordAdmin
from organizing.moderation.admin_tools import (
    MessageForm,
    apply_each,
    decision_action,
    reason_page,
    scope_filter,
)
from organizing.moderation.selectors import suspended_vouchees
from organizing.moderation.services import decisions

from .models import (
    Collective,
    Invitation,
    JoinRequest,
    Membership,
    MembershipEvent,
    Vouch,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


class ReadOnlyVouchInline(admin.TabularInline):
    """Vouches are the vouching admins' words: moderators read them, nobody edits them here."""

    model = Vouch
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        # Part of the collective's record for its review: whoever may review the collective
        # reads them (the Moderators group has no permission on Vouch itself).
        return request.user.has_perm("collectives.change_collective")


class VouchReceivedInline(ReadOnlyVouchInline):
    """The verification queue: who vouches for this collective, and how each voucher's earlier
    vouches turned out."""

    fk_name = "collective"
    verbose_name = _("vouch received")
    verbose_name_plural = _("vouches received (seen by moderators only)")
    fields = ["voucher", "statement", "author", "created_at", "voucher_record"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("voucher", "author")

    @admin.display(description=_("voucher's record"))
    def voucher_record(self, vouch: Vouch) -> str:
        earlier = suspended_vouchees([vouch.voucher_id]).get(vouch.voucher_id, [])
        if not earlier:
            return "-"
        return "; ".join(
            str(
                _("vouched for %(name)s, suspended on %(date)s")
                % {
                    "name": item.name,
                    "date": date_filter(item.suspended_on, "SHORT_DATE_FORMAT") or "?",
                }
            )
            for item in earlier
        )


class VouchGivenInline(ReadOnlyVouchInline):
    fk_name = "voucher"
    verbose_name = _("vouch given")
    verbose_name_plural = _("vouches given (seen by moderators only)")
    fields = ["collective", "statement", "author", "created_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("collective", "author")


@admin.register(Collective)
class CollectiveAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "kind",
        "city",
        "country",
        "status",
        "trusted",
        "vouch_count",
        "created_by",
        "created_at",
    ]
    list_filter = ["status", "trusted", "kind", "open_to_partners", "country"]
    search_fields = ["name", "slug", "city"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["causes", "created_by"]
    readonly_fields = [
        "created_at",
        "updated_at",
        "verified_at",
        "status",
        "status_before_suspension",
        "trusted",
    ]
    list_select_related = ["created_by"]
    inlines = [MembershipInline, VouchReceivedInline, VouchGivenInline]
    date_hierarchy = "created_at"
    actions = ["verify", "reject", "request_info", "suspend", "unsuspend", "trust"]

    def get_queryset(self, request):
        # A subquery, not a join: the selected rows go on to admin actions (row locks).
        vouches = (
            Vouch.objects.filter(collective=OuterRef("pk"))
            .order_by()
            .values("collective")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return scope_filter(super().get_queryset(request), request.user).annotate(
            n_vouches=Coalesce(Subquery(vouches), 0)
        )

    @admin.display(description=_("vouches"), ordering="n_vouches")
    def vouch_count(self, collective: Collective) -> int:
        return collective.n_vouches

    @admin.action(description=_("Verify the selected collectives"), permissions=["change"])
    def verify(self, request, queryset):
        apply_each(
            self,
            request,
            queryset,
            apply=lambda c: decisions.collective_verify(collective=c, moderator=request.user),
            done_message=ngettext_lazy(
                "%(count)d collective verified.", "%(count)d collectives verified.", "count"
            ),
        )

    reject = decision_action(
        decisions.collective_reject,
        target="collective",
        description=_("Reject the selected collectives (with a reason)"),
        title=_("Reject"),
    )

    @admin.action(
        description=_("Ask the selected collectives for more information"), permissions=["change"]
    )
    def request_info(self, request, queryset):
        return reason_page(
            self,
            request,
            queryset,
            title=_("Ask for more information"),
            form_class=MessageForm,
            apply=lambda c, data: decisions.collective_request_info(
                collective=c, moderator=request.user, message=data["message"]
            ),
        )

    suspend = decision_action(
        decisions.collective_suspend,
        target="collective",
        description=_("Suspend the selected collectives (with a reason)"),
        title=_("Suspend"),
    )

    unsuspend = decision_action(
        decisions.collective_unsuspend,
        target="collective",
        description=_("Lift the suspension of the selected collectives"),
        title=_("Lift the suspension"),
        reason_required=False,
    )

    @admin.action(
        description=_("Trust the selected collectives (their actions skip review)"),
        permissions=["change"],
    )
    def trust(self, request, queryset):
        apply_each(
            self,
            request,
            queryset,
            apply=lambda c: decisions.collective_trust(collective=c, moderator=request.user),
            done_message=ngettext_lazy(
                "%(count)d collective trusted.", "%(count)d collectives trusted.", "count"
            ),
        )


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "collective", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "user__display_name", "collective__name"]
    autocomplete_fields = ["user", "collective"]
    list_select_related = ["user", "collective"]


@admin.register(MembershipEvent)
class MembershipEventAdmin(RecordAdmin):
    """The membership history is an audit trail: read-only, even for superusers."""

    list_display = ["created_at", "collective", "kind", "actor", "subject"]
    list_filter = ["kind"]
    search_fields = ["collective__name"]
    list_select_related = ["collective", "actor", "subject"]
    date_hierarchy = "created_at"


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["collective", "role", "created_at", "expires_at", "accepted_at", "revoked_at"]
    search_fields = ["collective__name"]
    list_select_related = ["collective"]
    readonly_fields = [
        "collective",
        "email",
        "role",
        "invited_by",
        "expires_at",
        "accepted_at",
        "accepted_by",
        "revoked_at",
    ]


@admin.register(JoinRequest)
class JoinRequestAdmin(admin.ModelAdmin):
    list_display = ["collective", "user", "status", "created_at", "decided_at"]
    list_filter = ["status"]
    search_fields = ["collective__name"]
    list_select_related = ["collective", "user"]
    autocomplete_fields = ["collective", "user", "decided_by"]
