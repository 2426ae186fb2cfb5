"""The moderation home, the decisions (read-only), reason templates and requests for review.

Admin actions call organizing.moderation.services.decisions; they never change states here.
"""

from django.contrib import admin
from django.db.models import Q, QuerySet
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from organizing.actions.models import Action, ActionStatus
from organizing.collectives.models import Collective, CollectiveStatus
from organizing.core.admin import RecordAdmin

from ..models import (
    CaseStatus,
    Decision,
    ReasonTemplate,
    ReportCase,
    ReviewRequest,
    ReviewStatus,
)
from ..selectors import moderator_countries, vouches_for_review
from ..services.decisions import review_request_answer
from .tools import apply_each, scope_filter

# Moderation home


def _url(name: str, query: str = "") -> str | None:
    try:
        return reverse(name) + query
    except NoReverseMatch:  # that admin page is not registered
        return None


# Pending collectives listed on the moderation home with their vouches (the rest: the queue).
PENDING_SHOWN = 20


def _pending_with_vouches(user) -> list:
    """The oldest pending collectives first, each with the vouches it received."""
    pending = list(
        scope_filter(Collective.objects.filter(status=CollectiveStatus.PENDING), user).order_by(
            "created_at", "pk"
        )[:PENDING_SHOWN]
    )
    vouches = vouches_for_review([collective.pk for collective in pending])
    return [(collective, vouches.get(collective.pk, [])) for collective in pending]


def moderation_home(request):
    user = request.user
    queues = [
        (
            _("Collectives waiting for verification"),
            scope_filter(Collective.objects.filter(status=CollectiveStatus.PENDING), user).count(),
            _url("admin:collectives_collective_changelist", "?status__exact=pending"),
        ),
        (
            _("Actions awaiting review"),
            scope_filter(Action.objects.filter(status=ActionStatus.PENDING_REVIEW), user).count(),
            _url("admin:actions_action_changelist", "?status__exact=pending_review"),
        ),
        (
            _("Open report cases"),
            scope_filter(
                ReportCase.objects.filter(status=CaseStatus.OPEN), user, "collective__country"
            ).count(),
            _url("admin:moderation_reportcase_changelist", "?status__exact=open"),
        ),
        (
            _("Open requests for review"),
            scope_filter(
                ReviewRequest.objects.filter(status=ReviewStatus.OPEN), user, "collective__country"
            ).count(),
            _url("admin:moderation_reviewrequest_changelist", "?status__exact=open"),
        ),
    ]
    recent = DecisionAdmin.scoped(Decision.objects.select_related("moderator", "collective"), user)[
        :20
    ]
    context = {
        **admin.site.each_context(request),
        "title": _("Moderation"),
        "queues": queues,
        "recent_decisions": recent,
        "pending_collectives": _pending_with_vouches(user),
        "decisions_url": _url("admin:moderation_decision_changelist"),
    }
    return TemplateResponse(request, "admin/moderation/home.html", context)


# Decisions: a record nobody edits


@admin.register(Decision)
class DecisionAdmin(RecordAdmin):
    list_display = ["created_at", "verb", "target_kind", "target_label", "collective", "moderator"]
    list_filter = ["verb", "target_kind", "created_at"]
    search_fields = ["target_label", "reason", "collective__name", "moderator__email"]
    list_select_related = ["collective", "moderator"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "verb",
        "moderator",
        "target_kind",
        "target_id",
        "target_label",
        "collective",
        "case",
        "reason_template",
        "reason",
        "created_at",
    ]

    @staticmethod
    def scoped(queryset: QuerySet, user) -> QuerySet:
        countries = moderator_countries(user)
        if not countries:
            return queryset
        return queryset.filter(
            Q(collective__country__in=[c.upper() for c in countries]) | Q(collective__isnull=True)
        )

    def get_queryset(self, request):
        return self.scoped(super().get_queryset(request), request.user)

    def get_urls(self):
        home = path("home/", self.admin_site.admin_view(moderation_home), name="moderation_home")
        return [home, *super().get_urls()]


@admin.register(ReasonTemplate)
class ReasonTemplateAdmin(admin.ModelAdmin):
    list_display = ["title", "active"]
    list_filter = ["active"]
    search_fields = ["title", "text"]


@admin.register(ReviewRequest)
class ReviewRequestAdmin(admin.ModelAdmin):
    list_display = ["created_at", "collective", "decision", "status"]
    list_filter = ["status"]
    search_fields = ["collective__name", "message"]
    list_select_related = ["collective", "decision"]
    readonly_fields = ["decision", "collective", "message", "requested_by", "status", "created_at"]
    fields = [*readonly_fields, "answer"]
    actions = ["mark_answered"]

    def get_queryset(self, request):
        return scope_filter(super().get_queryset(request), request.user, "collective__country")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(
        description=_("Mark answered and email the answer to the collective"),
        permissions=["change"],
    )
    def mark_answered(self, request, queryset):
        apply_each(
            self,
            request,
            queryset.select_related("collective", "decision"),
            apply=lambda review: review_request_answer(review=review, moderator=request.user),
            done_message=ngettext_lazy(
                "%(count)d request answered.", "%(count)d requests answered.", "count"
            ),
        )
