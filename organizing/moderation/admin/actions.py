"""Moderation's side of the actions' admin: the moderator's country scope, the actions
(approve, approve and trust, reject, hide, restore) and "break glass", the pages that show
staff the exact place or the attendees of an action, each look with a reason (a decision the
hosts are told of). Actions' own admin (which leaves the exact place out unless it is public)
is registered again here with them; its change page, templates/admin/actions/action/
change_form.html, links to the two pages."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from organizing.actions.access import exact_location_is_public
from organizing.actions.admin import ActionAdmin
from organizing.actions.models import Action
from organizing.actions.selectors.rsvp import attendee_list

from ..services import decisions
from .tools import ReasonForm, apply_each, decision_action, scope_filter

admin.site.unregister(Action)


@admin.register(Action)
class ModeratedActionAdmin(ActionAdmin):
    actions = ["approve", "approve_and_trust", "reject", "hide", "restore"]

    def get_queryset(self, request):
        return scope_filter(super().get_queryset(request), request.user)

    # --- the exact place and the attendees: only through "break glass" ---------------------

    def get_fields(self, request, obj=None):
        """Where the exact place would be (the actions' admin leaves it out when it is not
        public): a notice and the way to break glass."""
        fields = list(super().get_fields(request, obj))
        if obj is not None and not exact_location_is_public(obj):
            fields = [name for name in fields if name != "exact_place"]
            at = fields.index("city") if "city" in fields else 0
            fields.insert(at, "exact_place")
        return fields

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and not exact_location_is_public(obj):
            readonly.append("exact_place")
        return readonly

    @admin.display(description=_("Exact place"))
    def exact_place(self, obj):
        return format_html(
            '{} <a href="{}">{}</a>',
            _("Hidden: the hosts share it with their participants or keep it to themselves."),
            reverse("admin:actions_action_reveal_place", args=[obj.pk]),
            _("Reveal the exact place (with a reason, told to the hosts)"),
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/reveal-place/",
                view(self.reveal_place_view),
                name="actions_action_reveal_place",
            ),
            path(
                "<path:object_id>/attendees/",
                view(self.attendees_view),
                name="actions_action_attendees",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        extra_context = {
            **(extra_context or {}),
            "place_hidden": obj is not None and not exact_location_is_public(obj),
            "may_see_attendees": self._may_see_attendees(request),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    @staticmethod
    def _may_see_attendees(request) -> bool:
        # Moderators have no permission on RSVPs (moderation migration 0003): attendee data
        # is for staff given it explicitly (superusers), and even then only by breaking glass.
        return request.user.has_perm("actions.view_rsvp")

    def _break_glass_target(self, request, object_id) -> Action:
        obj = self.get_object(request, unquote(object_id))  # within the moderator's countries
        if obj is None or not self.has_view_permission(request, obj):
            raise Http404
        return obj

    def reveal_place_view(self, request, object_id):
        action = self._break_glass_target(request, object_id)
        return self._break_glass(
            request,
            action,
            service=decisions.action_address_reveal,
            title=_("Reveal the exact place of “%(title)s”") % {"title": action.title},
            template="admin/actions/action/reveal_place.html",
            shown=lambda: {"action": action},
        )

    def attendees_view(self, request, object_id):
        if not self._may_see_attendees(request):
            raise Http404
        action = self._break_glass_target(request, object_id)
        return self._break_glass(
            request,
            action,
            service=decisions.action_attendees_reveal,
            title=_("See the attendees of “%(title)s”") % {"title": action.title},
            template="admin/actions/action/attendees.html",
            shown=lambda: {"attendees": attendee_list(action)},
        )

    def _break_glass(self, request, action, *, service, title, template, shown):
        """The reason form; once valid, the decision (recorded, hosts emailed) and the data,
        in this response only (the admin sends it with no-cache headers)."""
        form = ReasonForm(request.POST or None)
        revealed = None
        if request.method == "POST" and form.is_valid():
            try:
                service(action=action, moderator=request.user, **form.cleaned_data)
            except decisions.ModerationError as error:
                form.add_error(None, error.message)
            else:
                revealed = shown()
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "form": form,
            "original": action,
            "revealed": revealed,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, template, context)

    @admin.action(description=_("Approve the selected actions"), permissions=["change"])
    def approve(self, request, queryset):
        apply_each(
            self,
            request,
            queryset,
            apply=lambda a: decisions.action_approve(action=a, moderator=request.user),
            done_message=ngettext_lazy(
                "%(count)d action approved.", "%(count)d actions approved.", "count"
            ),
        )

    @admin.action(
        description=_("Approve and trust their collectives (later actions skip review)"),
        permissions=["change"],
    )
    def approve_and_trust(self, request, queryset):
        apply_each(
            self,
            request,
            queryset,
            apply=lambda a: decisions.action_approve(
                action=a, moderator=request.user, trust_collective=True
            ),
            done_message=ngettext_lazy(
                "%(count)d action approved, its collective trusted.",
                "%(count)d actions approved, their collectives trusted.",
                "count",
            ),
        )

    reject = decision_action(
        decisions.action_reject,
        target="action",
        description=_("Reject the selected actions (with a reason)"),
        title=_("Reject"),
    )

    hide = decision_action(
        decisions.action_hide,
        target="action",
        description=_("Hide the selected actions (with a reason)"),
        title=_("Hide"),
    )

    restore = decision_action(
        decisions.action_restore,
        target="action",
        description=_("Restore the selected hidden or held actions"),
        title=_("Restore"),
        reason_required=False,
    )
