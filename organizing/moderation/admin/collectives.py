"""Moderation's side of the collectives' admin: the verification queue (the vouches each
collective received and gave, each voucher's record), the moderator's country scope, and the
actions (verify, reject, ask for information, suspend, lift, trust). Collectives' own admin is
registered again here with them."""

from django.contrib import admin
from django.template.defaultfilters import date as date_filter
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from organizing.collectives.admin import CollectiveAdmin
from organizing.collectives.models import Collective, Vouch

from ..selectors import suspended_vouchees
from ..services import decisions
from .tools import MessageForm, apply_each, decision_action, reason_page, scope_filter


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


admin.site.unregister(Collective)


@admin.register(Collective)
class ModeratedCollectiveAdmin(CollectiveAdmin):
    inlines = [*CollectiveAdmin.inlines, VouchReceivedInline, VouchGivenInline]
    actions = ["verify", "reject", "request_info", "suspend", "unsuspend", "trust"]

    def get_queryset(self, request):
        return scope_filter(super().get_queryset(request), request.user)

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
