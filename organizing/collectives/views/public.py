"""The public face of a collective: its profile and its contact form."""

from allauth.core.ratelimit import consume_or_429
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from organizing.core.links import site_url

from ..access import get_collective_for_user, membership_of, vouch_link_key
from ..forms.profile import LANGUAGE_CHOICES, ContactForm
from ..models import Collective, CollectiveStatus, MembershipRole
from ..services.profile import collective_contact as relay_contact_message

LANGUAGE_NAMES = dict(LANGUAGE_CHOICES)


def collective_detail(request, slug):
    """The profile. Its sections about what the floors above hold (the collective's actions,
    coalitions, signed appeals, the moderators' decisions) come from those apps' template tags
    (collective_actions, collective_coalitions, collective_appeals, collective_decisions)."""
    collective = get_collective_for_user(
        request.user, slug, queryset=Collective.objects.prefetch_related("causes")
    )
    membership = membership_of(request.user, collective)
    context = {
        "collective": collective,
        "membership": membership,
        "languages": [LANGUAGE_NAMES.get(code, code) for code in collective.languages],
        "map_points": _city_point(collective),
        "contact_form": ContactForm() if collective.status == CollectiveStatus.VERIFIED else None,
        "vouch_link": _vouch_link(collective, membership),
    }
    return render(request, "collectives/collective_detail.html", context)


def _vouch_link(collective: Collective, membership) -> str:
    """For the admins of a pending collective: the link they share with admins of verified
    collectives that know them (signed, fresh on every view; see access.vouch_link_key)."""
    if collective.status != CollectiveStatus.PENDING:
        return ""
    if membership is None or membership.role != MembershipRole.ADMIN:
        return ""
    return site_url(
        reverse("collectives:vouch", args=[collective.slug, vouch_link_key(collective)])
    )


def _city_point(collective: Collective) -> list[dict]:
    if collective.latitude is None:
        return []
    return [
        {
            "lat": collective.latitude,
            "lng": collective.longitude,
            "title": collective.city,
            "url": collective.get_absolute_url(),
        }
    ]


@require_http_methods(["GET", "POST"])
def collective_contact(request, slug):
    collective = get_collective_for_user(request.user, slug)
    form = ContactForm(request.POST or None)
    if request.method == "POST":
        if limited := consume_or_429(request, action="contact_collective"):
            return limited
        if form.is_valid():
            relay_contact_message(
                collective=collective,
                sender_name=form.cleaned_data["name"],
                sender_email=form.cleaned_data["email"],
                message=form.cleaned_data["message"],
                share_email=form.cleaned_data["share_email"],
                sender=request.user,
            )
            messages.success(
                request, _("Your message was sent to %(name)s.") % {"name": collective.name}
            )
            return redirect(collective)
    return render(
        request, "collectives/collective_contact.html", {"collective": collective, "form": form}
    )
