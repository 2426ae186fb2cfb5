"""Joint appeals: the list, drafting and editing, signing and withdrawing, the roster as CSV and
the embeddable badge."""

import csv
from html import escape

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST, require_safe

from organizing.coalitions.forms import CollectiveSearchForm
from organizing.coalitions.selectors import invite_choices
from organizing.collectives.access import (
    collectives_user_organizes,
    get_collective_acting_as_admin,
    user_organizes,
)
from organizing.collectives.models import CollectiveStatus
from organizing.core.domain_errors import domain_error_shown
from organizing.core.links import site_url
from organizing.core.spreadsheets import spreadsheet_cell

from . import selectors, services
from .access import get_appeal_for_initiator, get_appeal_for_user
from .forms import ActingCollectiveForm, AppealForm, AppealInviteForm, appeal_initial

PAGE_SIZE = 20
BADGE_CACHE_SECONDS = 300


@require_safe
def appeal_list(request):
    appeals = selectors.appeal_list_queryset(timezone.localdate())
    page = Paginator(appeals, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "appeals/appeal_list.html", {"page": page})


@require_safe
def appeal_detail(request, slug):
    appeal = get_appeal_for_user(request.user, slug, queryset=selectors.appeal_page_queryset())
    closed_reason = selectors.signing_closed_reason(appeal, timezone.localdate())
    panel = selectors.signing_panel(request.user, appeal, is_open=not closed_reason)
    forms = {
        name: ActingCollectiveForm(collectives=collectives, auto_id=f"id_{name}_%s")
        for name, collectives in (
            ("sign", panel.can_sign),
            ("withdraw", panel.can_withdraw),
            ("confirm", panel.can_confirm),
        )
        if collectives
    }
    context = {
        "appeal": appeal,
        "signed_count": selectors.signed_count(appeal, appeal.roster),
        "closed_reason": closed_reason,
        "panel": panel,
        "forms": forms,
        "can_manage": (
            appeal.initiator is not None
            and appeal.accepts_signatures
            and user_organizes(request.user, appeal.initiator)
        ),
        "badge_snippet": _badge_snippet(appeal),
    }
    return render(request, "appeals/appeal_detail.html", context)


def _badge_snippet(appeal) -> str:
    """The HTML an organization pastes into its site (the template escapes it for display)."""
    page = site_url(appeal.get_absolute_url())
    badge = site_url(reverse("appeals:badge", args=[appeal.slug]))
    alt = _("Signatories of “%(title)s”") % {"title": appeal.title}
    return f'<a href="{escape(page)}"><img src="{escape(badge)}" alt="{escape(alt)}"></a>'


@login_required
def appeal_create(request):
    initiators = selectors.initiator_choices(request.user)
    if not initiators.exists():
        pending = collectives_user_organizes(request.user).exclude(status=CollectiveStatus.VERIFIED)
        return render(
            request, "appeals/appeal_form.html", {"no_initiator": True, "pending": list(pending)}
        )
    form = AppealForm(request.POST or None, initiators=initiators)
    if request.method == "POST" and form.is_valid():
        with domain_error_shown(request, form=form):
            appeal = services.appeal_create(by=request.user, **form.cleaned_data)
            messages.success(
                request,
                _(
                    "Your appeal is published, with your collective's "
                    "signature. Invite others to sign it."
                ),
            )
            return redirect(appeal)
    return render(request, "appeals/appeal_form.html", {"form": form})


@login_required
def appeal_edit(request, slug):
    appeal = get_appeal_for_initiator(request.user, slug)
    if not appeal.accepts_signatures:
        messages.error(request, _("This is the record of a past appeal; it cannot be edited."))
        return redirect(appeal)
    form = AppealForm(request.POST or None, initial=appeal_initial(appeal))
    if request.method == "POST" and form.is_valid():
        version = appeal.text_version
        with domain_error_shown(request, form=form):
            appeal = services.appeal_update(appeal=appeal, by=request.user, **form.cleaned_data)
            messages.success(
                request,
                _("The appeal was saved.")
                if appeal.text_version == version
                else _(
                    "The appeal was saved. We asked the signatories to confirm the new version."
                ),
            )
            return redirect(appeal)
    others = (
        appeal.signatures.filter(withdrawn_at__isnull=True)
        .exclude(collective_id=appeal.initiator_id)
        .exists()
    )
    return render(
        request,
        "appeals/appeal_form.html",
        {"form": form, "appeal": appeal, "signed_by_others": others},
    )


@login_required
def appeal_invite(request, slug):
    appeal = get_appeal_for_initiator(request.user, slug)
    if not appeal.accepts_signatures:
        messages.error(
            request, _("This is the record of a past appeal; it takes no signatures here.")
        )
        return redirect(appeal)
    invitable = selectors.invitable_collectives(appeal)
    search = CollectiveSearchForm(request.GET)
    choices = invite_choices(invitable, text=search.text, keep=request.POST.getlist("collectives"))
    form = AppealInviteForm(request.POST or None, queryset=invitable, shown=choices.collectives)
    if request.method == "POST" and form.is_valid():
        with domain_error_shown(request, form=form):
            invited = services.appeal_invite(
                appeal=appeal, by=request.user, collectives=form.cleaned_data["collectives"]
            )
            messages.success(
                request,
                ngettext(
                    "%(count)d collective invited.",
                    "%(count)d collectives invited.",
                    len(invited),
                )
                % {"count": len(invited)},
            )
            return redirect(appeal)
    invitations = appeal.invitations.select_related("collective").order_by("collective__name")
    return render(
        request,
        "appeals/appeal_invite.html",
        {
            "form": form,
            "appeal": appeal,
            "invitations": invitations,
            "search": search,
            "choices": choices,
        },
    )


def _act_for_collective(request, slug, service, done: str):
    """Sign, withdraw or confirm for the collective named in the form (404 if the user does
    not admin it), then back to the appeal with a message."""
    appeal = get_appeal_for_user(request.user, slug)
    collective_id = request.POST.get("collective", "")
    if not collective_id.isdigit():
        raise Http404
    collective = get_collective_acting_as_admin(request.user, collective_id)
    with domain_error_shown(request):
        service(appeal=appeal, collective=collective, by=request.user)
        messages.success(request, done % {"name": collective.name})
    return redirect(appeal)


@login_required
@require_POST
def appeal_sign(request, slug):
    return _act_for_collective(
        request, slug, services.appeal_sign, _("%(name)s signed the appeal.")
    )


@login_required
@require_POST
def appeal_withdraw(request, slug):
    return _act_for_collective(
        request, slug, services.appeal_withdraw, _("%(name)s withdrew its signature.")
    )


@login_required
@require_POST
def appeal_confirm(request, slug):
    return _act_for_collective(
        request,
        slug,
        services.appeal_confirm,
        _("%(name)s confirmed its signature of the new version."),
    )


@require_safe
def appeal_csv(request, slug):
    appeal = get_appeal_for_user(request.user, slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{appeal.slug}-signatories.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Collective"),
            _("Kind"),
            _("Country"),
            _("City"),
            _("Verified"),
            _("Signed on"),
            _("Confirmed text version"),
        ]
    )
    for signature in selectors.roster_queryset(appeal):
        collective = signature.collective
        writer.writerow(
            [
                spreadsheet_cell(value)
                for value in (
                    collective.name,
                    collective.get_kind_display(),
                    collective.country.code,
                    collective.city,
                    _("yes") if collective.is_verified else _("no"),
                    signature.signed_at.date().isoformat() if signature.signed_at else "",
                    signature.confirmed_version,
                )
            ]
        )
    if appeal.unnamed_signatory_count:
        note = ngettext(
            "%(count)d organization not named",
            "%(count)d organizations not named",
            appeal.unnamed_signatory_count,
        ) % {"count": appeal.unnamed_signatory_count}
        if appeal.unnamed_signatory_note:
            note += f" ({appeal.unnamed_signatory_note})"
        writer.writerow([spreadsheet_cell(note), "", "", "", "", "", ""])
    return response


@require_safe
@cache_control(public=True, max_age=BADGE_CACHE_SECONDS)
def appeal_badge(request, slug):
    appeal = get_appeal_for_user(request.user, slug, public=True)  # cached publicly
    count = selectors.signed_count(appeal)
    label = _("signed by")
    value = ngettext("%(count)d organization", "%(count)d organizations", count) % {"count": count}
    # A rough text width (about 7 px a character at 11 px) sizes the two halves.
    label_width, value_width = 7 * len(label) + 12, 7 * len(value) + 12
    svg = render_to_string(
        "appeals/_appeal_badge.svg",
        {
            "label": label,
            "value": value,
            "title": f"{appeal.title}: {label} {value}",
            "label_width": label_width,
            "value_width": value_width,
            "width": label_width + value_width,
            "label_x": label_width // 2,
            "value_x": label_width + value_width // 2,
        },
    )
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    # Embeddable on other sites as an image, also those that isolate themselves (COEP).
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response
