"""Reports and report cases in the admin (see services/reports.py).

Moderators read the reports of a case (never who sent them: only whether the reporter had an
account, and how old it was), keep notes, and resolve the case: from the list with an admin
action that asks for a reason on an intermediate page, or with the decision buttons of the case
page. Both call `case_resolve`.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from organizing.core.admin import RecordAdmin

from ..models import CaseResolution, CaseStatus, Report, ReportCase, ReportReason, ReportTarget
from ..selectors import case_target, case_target_user, moderator_countries, with_targets
from ..services import reports
from ..services.decisions import ModerationError
from .tools import ReasonForm, reason_page

# The decisions on a case, as the list's actions and the case page's buttons name them.
DECISION_LABELS = {
    CaseResolution.HIDDEN: _("Hide the reported item"),
    CaseResolution.COLLECTIVE_SUSPENDED: _("Suspend the collective concerned"),
    CaseResolution.USER_SUSPENDED: _("Suspend the account"),
    CaseResolution.DISMISSED: _("Dismiss the reports"),
}

# The case page's decision form: prefixed, beside the change form's own fields.
DECISION_PREFIX = "decision"

PUBLIC_URL_NAMES = {
    ReportTarget.ACTION: "actions:detail",
    ReportTarget.COLLECTIVE: "collectives:detail",
    ReportTarget.COALITION: "coalitions:detail",
    ReportTarget.APPEAL: "appeals:detail",
}


@admin.register(Report)
class ReportAdmin(RecordAdmin):
    """Reports are evidence: moderators read them; nobody edits them. Who reported is never
    shown, to moderators either (a reporter can be targeted by those they report)."""

    exclude = ["reporter"]
    list_display = ["created_at", "target_kind", "target_slug", "reason"]
    list_filter = ["reason", "target_kind"]
    search_fields = ["target_slug", "note"]
    date_hierarchy = "created_at"


class ReportInline(admin.TabularInline):
    """The case's reports, read-only. The reporter is never shown, to moderators neither."""

    model = Report
    fields = ["created_at", "reason", "where", "note", "reporter_kind"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("reporter")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("seen on"))
    def where(self, report: Report) -> str:
        return reported_from(report.context) or "-"

    @admin.display(description=_("reporter"))
    def reporter_kind(self, report: Report) -> str:
        if report.reporter is None:
            return _("without an account")
        return _("with an account, %(age)s old") % {"age": timesince(report.reporter.date_joined)}


# What the reporter saw, by the page a person was reported from (Report.context).
CONTEXT_SENTENCES = {
    "members": _("the members list of %(label)s"),
    "attendees": _("the attendee list of the action “%(label)s”"),
    "proposal": _("a partnership proposal from %(label)s (its author)"),
    "message": _("a message sent to %(label)s through its contact form"),
}


def reported_from(context: dict) -> str:
    """ "the members list of X": the page as it was named when reported."""
    sentence = CONTEXT_SENTENCES.get((context or {}).get("page"))
    return sentence % {"label": context.get("label", "")} if sentence else ""


class CaseChangeList(ChangeList):
    """Cases are named by what they are about: the reported records are read in one query per
    kind of target and page."""

    def get_results(self, request):
        super().get_results(request)
        self.result_list = with_targets(self.result_list)


class StatusFilter(admin.SimpleListFilter):
    """Open cases by default: the queue is what moderators come for."""

    title = _("status")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [(None, _("Open")), ("resolved", _("Resolved")), ("all", _("All"))]

    def choices(self, changelist):
        for value, label in self.lookup_choices:
            yield {
                "selected": self.value() == value,
                "query_string": changelist.get_query_string(
                    {self.parameter_name: value} if value else {}, [self.parameter_name]
                ),
                "display": label,
            }

    def queryset(self, request, queryset):
        if self.value() == "all":
            return queryset
        if self.value() == "resolved":
            return queryset.filter(status=CaseStatus.RESOLVED)
        return queryset.filter(status=CaseStatus.OPEN)


class HeldFilter(admin.SimpleListFilter):
    title = _("held after reports")
    parameter_name = "held"

    def lookups(self, request, model_admin):
        return [("yes", _("Held")), ("no", _("Not held"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(held_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(held_at__isnull=True)
        return queryset


REASON_COUNTS = {
    f"n_{reason.value}": Count("reports", filter=Q(reports__reason=reason.value))
    for reason in ReportReason
}


@admin.register(ReportCase)
class ReportCaseAdmin(admin.ModelAdmin):
    list_display = [
        "case_title",
        "target",
        "reason_counts",
        "status",
        "held",
        "collective",
        "updated_at",
        "resolution",
    ]
    list_filter = [StatusFilter, HeldFilter, "target_kind", "resolution"]
    list_select_related = ["collective"]
    search_fields = ["target_slug", "collective__name"]
    date_hierarchy = "updated_at"
    inlines = [ReportInline]
    fields = [
        "target",
        "collective",
        "status",
        "held_at",
        "user_concerned",
        "resolution",
        "resolved_by",
        "resolved_at",
        "created_at",
        "updated_at",
        "moderator_notes",
    ]
    readonly_fields = [field for field in fields if field != "moderator_notes"]
    actions = ["hide_target", "suspend_collective", "suspend_user", "dismiss"]

    def get_queryset(self, request):
        cases = (
            super()
            .get_queryset(request)
            .select_related("collective", "resolved_by")
            .annotate(n_reports=Count("reports"), **REASON_COUNTS)
        )
        if countries := moderator_countries(request.user):  # a moderator limited to some
            cases = cases.filter(
                Q(collective__country__in=[c.upper() for c in countries])
                | Q(collective__isnull=True)
            )
        return cases

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    # --- columns and fields --------------------------------------------------------------

    def get_changelist(self, request, **kwargs):
        return CaseChangeList

    @admin.display(description=_("case"), ordering="target_slug")
    def case_title(self, case: ReportCase) -> str:
        """The link to the case page: what it is about (the reported column links to the
        record itself)."""
        return case.title()

    @admin.display(description=_("reported"), ordering="target_slug")
    def target(self, case: ReportCase):
        target = getattr(case, "target_object", None) or case_target(case)
        if case.target_kind == ReportTarget.PERSON:
            # By display name only: moderators need no email to judge what someone did.
            person = target
            if person is None:
                return format_html(
                    "{}: {}", case.get_target_kind_display(), _("an account that no longer exists")
                )
            return format_html(
                '{}: <a href="{}">{}</a>',
                case.get_target_kind_display(),
                reverse("admin:accounts_user_change", args=[person.pk]),
                person,
            )
        url = reverse(PUBLIC_URL_NAMES[case.target_kind], args=[case.target_slug])
        if target is None:
            return format_html(
                "{}: {} ({})",
                case.get_target_kind_display(),
                case.target_slug,
                _("no longer exists"),
            )
        return format_html('{}: <a href="{}">{}</a>', case.get_target_kind_display(), url, target)

    @admin.display(description=_("reasons"), ordering="n_reports")
    def reason_counts(self, case: ReportCase) -> str:
        parts = [
            f"{reason.label} × {getattr(case, f'n_{reason.value}', 0)}"
            for reason in ReportReason
            if getattr(case, f"n_{reason.value}", 0)
        ]
        return ", ".join(parts) or "-"

    @admin.display(description=_("held"), boolean=True, ordering="held_at")
    def held(self, case: ReportCase) -> bool:
        return case.held_at is not None

    @admin.display(description=_("person concerned"))
    def user_concerned(self, case: ReportCase):
        user = case_target_user(case)
        if user is None:
            return _("none: a group, or unknown (suspend users from the users' admin)")
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:accounts_user_change", args=[user.pk]), user
        )

    # --- the case page: its title and decision buttons ------------------------------------

    def get_urls(self):
        decide = path(
            "<path:object_id>/decide/",
            self.admin_site.admin_view(self.decide_view),
            name="moderation_reportcase_decide",
        )
        return [decide, *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        case = self.get_object(request, unquote(object_id))
        extra_context = dict(extra_context or {})
        if case is not None:
            extra_context["title"] = case.title()
            extra_context["subtitle"] = None
            if case.status == CaseStatus.OPEN and self.has_change_permission(request, case):
                extra_context["decisions"] = self._decisions(case)
                extra_context["decision_form"] = ReasonForm(prefix=DECISION_PREFIX)
        return super().change_view(request, object_id, form_url, extra_context)

    @staticmethod
    def _decisions(case: ReportCase) -> list[tuple[str, str]]:
        offered = reports.case_resolutions_offered(case)
        return [(resolution.value, DECISION_LABELS[resolution]) for resolution in offered]

    def decide_view(self, request, object_id):
        """One decision button of the case page: the same `case_resolve` as the list's actions
        (recorded as a decision, the collective told why), then back to the case."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        case = self.get_object(request, unquote(object_id))  # within the moderator's countries
        if case is None:
            raise Http404
        if not self.has_change_permission(request, case):
            raise PermissionDenied
        back = HttpResponseRedirect(reverse("admin:moderation_reportcase_change", args=[case.pk]))
        resolution = request.POST.get("resolution", "")
        if resolution not in DECISION_LABELS:
            self.message_user(request, _("Choose one of the decisions."), messages.ERROR)
            return back
        dismissing = resolution == CaseResolution.DISMISSED
        form = ReasonForm(request.POST, prefix=DECISION_PREFIX, required=not dismissing)
        if not form.is_valid():
            for error in form.errors.get("__all__", []) or [_("Check the reason you gave.")]:
                self.message_user(request, error, messages.ERROR)
            return back
        try:
            reports.case_resolve(
                case=case,
                moderator=request.user,
                resolution=resolution,
                reason_template=form.cleaned_data["reason_template"],
                reason=form.cleaned_data["reason"],
            )
        except ModerationError as error:
            self.message_user(request, error.message, messages.ERROR)
            return back
        self.message_user(
            request,
            _("Case resolved: %(decision)s.") % {"decision": DECISION_LABELS[resolution]},
            messages.SUCCESS,
        )
        return back

    # --- resolving -----------------------------------------------------------------------

    def _resolve(self, request, queryset, resolution: str, title):
        dismissing = resolution == CaseResolution.DISMISSED
        return reason_page(
            self,
            request,
            queryset.filter(status=CaseStatus.OPEN),
            title=title,
            form_kwargs={"required": not dismissing},
            note=""
            if dismissing
            else _(
                "The collective concerned sees the reason on its page "
                "and receives it by email. Write it for them."
            ),
            apply=lambda case, data: reports.case_resolve(
                case=case,
                moderator=request.user,
                resolution=resolution,
                reason_template=data["reason_template"],
                reason=data["reason"],
            ),
            done_message=ngettext_lazy(
                "%(count)d case resolved.", "%(count)d cases resolved.", "count"
            ),
        )

    @admin.action(description=DECISION_LABELS[CaseResolution.HIDDEN], permissions=["change"])
    def hide_target(self, request, queryset):
        return self._resolve(
            request, queryset, CaseResolution.HIDDEN, DECISION_LABELS[CaseResolution.HIDDEN]
        )

    @admin.action(
        description=DECISION_LABELS[CaseResolution.COLLECTIVE_SUSPENDED], permissions=["change"]
    )
    def suspend_collective(self, request, queryset):
        return self._resolve(
            request,
            queryset,
            CaseResolution.COLLECTIVE_SUSPENDED,
            DECISION_LABELS[CaseResolution.COLLECTIVE_SUSPENDED],
        )

    @admin.action(
        description=_(
            "Suspend the account (the reported person, or who posted the action or appeal)"
        ),
        permissions=["change"],
    )
    def suspend_user(self, request, queryset):
        return self._resolve(
            request,
            queryset,
            CaseResolution.USER_SUSPENDED,
            DECISION_LABELS[CaseResolution.USER_SUSPENDED],
        )

    @admin.action(description=DECISION_LABELS[CaseResolution.DISMISSED], permissions=["change"])
    def dismiss(self, request, queryset):
        return self._resolve(
            request, queryset, CaseResolution.DISMISSED, DECISION_LABELS[CaseResolution.DISMISSED]
        )
