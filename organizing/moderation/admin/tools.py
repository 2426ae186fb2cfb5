"""What every moderation admin action shares: the moderator's country scope, applying a
decision to each selected row, and the intermediate page asking why.

Used by the admins of collectives, actions, users, report cases and requests for review, so
that each of them only says which service to call.
"""

import inspect
from collections.abc import Callable

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from ..models import ReasonTemplate
from ..selectors import moderator_countries
from ..services.decisions import ModerationError, full_reason

DONE = ngettext_lazy("%(count)d done: %(what)s.", "%(count)d done: %(what)s.", "count")


def scope_filter(queryset: QuerySet, user, field: str = "country") -> QuerySet:
    """Only the rows of the countries a moderator is limited to (all rows without a scope)."""
    countries = moderator_countries(user)
    if not countries:
        return queryset
    return queryset.filter(**{f"{field}__in": [c.upper() for c in countries]})


class ReasonForm(forms.Form):
    """Why: a reason template, the moderator's own words, or both (`required=False`: may be
    left empty, e.g. dismissing reports)."""

    reason_template = forms.ModelChoiceField(
        label=_("Reason"),
        required=False,
        queryset=ReasonTemplate.objects.filter(active=True),
        help_text=_("Shown to the collective concerned, with your own words below."),
    )
    reason = forms.CharField(
        label=_("In your own words"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.reason_required = required

    def clean(self):
        cleaned = super().clean()
        if (
            self.reason_required
            and not cleaned.get("reason_template")
            and not cleaned.get("reason", "").strip()
        ):
            raise forms.ValidationError(_("Give a reason: pick one, write one, or both."))
        return cleaned


class MessageForm(forms.Form):
    message = forms.CharField(
        label=_("Your question to the collective"), widget=forms.Textarea(attrs={"rows": 6})
    )


def apply_each(
    modeladmin: admin.ModelAdmin,
    request,
    queryset: QuerySet,
    *,
    apply: Callable[[object], object],
    done_message,
) -> None:
    """Apply a decision to each selected row; refusals (ModerationError) are listed as errors.
    `done_message` is pluralized on "count" (ngettext_lazy(..., "count"))."""
    done = 0
    for obj in queryset:
        try:
            apply(obj)
        except ModerationError as error:
            modeladmin.message_user(request, f"{obj}: {error.message}", messages.ERROR)
        else:
            done += 1
    if done:
        modeladmin.message_user(request, done_message % {"count": done}, messages.SUCCESS)


def reason_page(
    modeladmin: admin.ModelAdmin,
    request,
    queryset: QuerySet,
    *,
    title: str,
    apply: Callable[[object, dict], object],
    form_class: type[forms.Form] = ReasonForm,
    form_kwargs: dict | None = None,
    done_message=None,
    note: str = "",
):
    """Show the intermediate page (with `note` above the form); once submitted and valid,
    apply the decision to each selected row with the form's data and go back to the list
    (None)."""
    form_kwargs = form_kwargs or {}
    if "apply" in request.POST:
        form = form_class(request.POST, **form_kwargs)
        if form.is_valid():
            apply_each(
                modeladmin,
                request,
                queryset,
                apply=lambda obj: apply(obj, form.cleaned_data),
                done_message=done_message or _Done(title),
            )
            return None
    else:
        form = form_class(**form_kwargs)
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "note": note,
        "form": form,
        "objects": queryset,
        "opts": modeladmin.model._meta,
        "action_name": request.POST.get("action", ""),
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/moderation/reason_form.html", context)


class _Done:
    """ "3 done: Reject." when an action gave no message of its own."""

    def __init__(self, title):
        self.title = title

    def __mod__(self, values: dict) -> str:
        return DONE % {**values, "what": self.title}


def decision_action(
    service: Callable,
    *,
    target: str,
    description,
    title,
    reason_required: bool = True,
    done_message=None,
):
    """An admin action that asks why on the intermediate page, then calls
    `service(<target>=row, moderator=..., ...)` for each selected row. Services that keep the
    reason template get it with the moderator's words; the others get both as one text."""
    keeps_template = "reason_template" in inspect.signature(service).parameters

    def reasons(data: dict) -> dict:
        if keeps_template:
            return {"reason_template": data["reason_template"], "reason": data["reason"]}
        return {"reason": full_reason(data["reason_template"], data["reason"])}

    @admin.action(description=description, permissions=["change"])
    def action(modeladmin, request, queryset):
        return reason_page(
            modeladmin,
            request,
            queryset,
            title=title,
            done_message=done_message,
            form_kwargs={"required": reason_required},
            apply=lambda row, data: service(
                **{target: row}, moderator=request.user, **reasons(data)
            ),
        )

    return action
