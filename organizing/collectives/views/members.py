"""Member management pages: the members list, invitations, join requests, roles, leaving.

Admin-only views go through `_admin_view`: the admin check runs first (404 for outsiders and
anonymous, 403 for members), then two-factor authentication is required. In the other order an
outsider would be sent to the TOTP setup, which tells them the collective exists.
"""

from functools import wraps

from allauth.core.ratelimit import consume_or_429
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from organizing.accounts.access import has_two_factor, two_factor_required
from organizing.core.domain_errors import domain_error_shown

from ..access import (
    get_collective_for_admin,
    get_collective_for_member,
    get_collective_for_user,
    membership_of,
)
from ..forms.members import InvitationForm, JoinRequestForm, RoleForm
from ..models import Invitation, JoinRequest, JoinRequestStatus, Membership, MembershipRole
from ..selectors import invitation_address_matches, membership_history, open_invitations
from ..services import members as services
from ..services.members import (
    InvitationExpired,
    InvitationInvalid,
    InvitationRevoked,
    InvitationTampered,
    InvitationUsed,
    MembershipError,
)

HISTORY_LENGTH = 20
ROLE_ORDER = {MembershipRole.ADMIN: 0, MembershipRole.ORGANIZER: 1, MembershipRole.MEMBER: 2}


def _admin_view(view):
    @wraps(view)
    def wrapper(request, slug, **kwargs):
        collective, admin = get_collective_for_admin(request.user, slug)
        return two_factor_required(view)(request, collective, admin, **kwargs)

    return wrapper


def _role_form(membership: Membership, data=None) -> RoleForm:
    # auto_id keeps the field name "role" but gives every row's select its own id.
    return RoleForm(
        data,
        initial={"role": membership.role},
        auto_id=f"id_m{membership.pk}_%s",
        member_name=membership.user.display_name or membership.user.email,
    )


def _members_context(
    request, collective, membership, *, invite_form=None, bound_role_form=None
) -> dict:
    """Everything the page shows, fetched here with its joins so the template runs no query."""
    memberships = sorted(
        collective.memberships.select_related("user"),
        key=lambda m: (ROLE_ORDER[m.role], (m.user.display_name or m.user.email).lower()),
    )
    is_admin = membership.role == MembershipRole.ADMIN
    # Emails, invitations and requests are management data: like the actions, they need 2FA.
    can_manage = is_admin and has_two_factor(request.user)
    context = {
        "collective": collective,
        "membership": membership,
        "is_admin": is_admin,
        "can_manage": can_manage,
        "members": [(m, None) for m in memberships],
        "events": membership_history(collective, manager=can_manage, limit=HISTORY_LENGTH),
    }
    if can_manage:
        bound_pk, bound = bound_role_form or (None, None)
        context["members"] = [
            (m, bound if m.pk == bound_pk else _role_form(m)) for m in memberships
        ]
        context["invitations"] = open_invitations(collective).select_related("invited_by")
        context["join_requests"] = collective.join_requests.filter(
            status=JoinRequestStatus.PENDING
        ).select_related("user")
        context["invite_form"] = invite_form or InvitationForm()
    return context


def _redirect_to_members(collective):
    return redirect("collectives:members", slug=collective.slug)


def member_list(request, slug):
    collective, membership = get_collective_for_member(request.user, slug)
    context = _members_context(request, collective, membership)
    return render(request, "collectives/members.html", context)


@require_POST
@_admin_view
def invitation_create(request, collective, admin):
    form = InvitationForm(request.POST)
    if form.is_valid():
        with domain_error_shown(request, form=form, field="email"):
            services.invitation_create(
                collective=collective,
                invited_by=request.user,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
            )
            messages.success(request, _("The invitation is on its way."))
            return _redirect_to_members(collective)
    context = _members_context(request, collective, admin, invite_form=form)
    return render(request, "collectives/members.html", context)


@require_POST
@_admin_view
def invitation_revoke(request, collective, admin, pk):
    invitation = get_object_or_404(Invitation, pk=pk, collective=collective)
    with domain_error_shown(request):
        services.invitation_revoke(invitation=invitation, revoked_by=request.user)
        messages.success(request, _("The invitation was revoked; its link no longer works."))
    return _redirect_to_members(collective)


@require_POST
@_admin_view
def membership_change_role(request, collective, admin, pk):
    target = get_object_or_404(
        Membership.objects.select_related("user"), pk=pk, collective=collective
    )
    form = _role_form(target, request.POST)
    if form.is_valid():
        with domain_error_shown(request, form=form, field="role"):
            services.membership_change_role(
                membership=target, role=form.cleaned_data["role"], changed_by=request.user
            )
            messages.success(request, _("The role was changed."))
            return _redirect_to_members(collective)
    context = _members_context(request, collective, admin, bound_role_form=(target.pk, form))
    return render(request, "collectives/members.html", context)


@require_POST
@_admin_view
def membership_remove(request, collective, admin, pk):
    target = get_object_or_404(Membership, pk=pk, collective=collective)
    with domain_error_shown(request):
        services.membership_remove(membership=target, removed_by=request.user)
        messages.success(request, _("The member was removed."))
    return _redirect_to_members(collective)


@require_POST
def membership_leave(request, slug):
    # Any member may leave, admins included; no two-factor needed to manage only yourself.
    collective, membership = get_collective_for_member(request.user, slug)
    with domain_error_shown(request) as attempt:
        services.membership_leave(membership=membership)
    if attempt.failed:
        return _redirect_to_members(collective)
    messages.success(request, _("You left %(name)s.") % {"name": collective.name})
    return redirect(collective)


@require_POST
@_admin_view
def join_request_decide(request, collective, admin, pk, decision):
    if decision not in ("accept", "decline"):
        raise Http404
    join_request = get_object_or_404(JoinRequest, pk=pk, collective=collective)
    accept = decision == "accept"
    with domain_error_shown(request):
        services.join_request_decide(
            join_request=join_request, decided_by=request.user, accept=accept
        )
        messages.success(
            request,
            _("Request accepted: welcome them!")
            if accept
            else _("Request declined. We let them know."),
        )
    return _redirect_to_members(collective)


@login_required
def join_request_create(request, slug):
    collective = get_collective_for_user(request.user, slug)
    if membership_of(request.user, collective) is not None:
        messages.info(request, _("You are already a member of this collective."))
        return _redirect_to_members(collective)
    # Counts POSTs only (allauth lets GETs through): ten requests an hour per person.
    if limited := consume_or_429(request, action="join_request", user=request.user):
        return limited
    form = JoinRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with domain_error_shown(request, form=form):
            services.join_request_create(
                collective=collective, user=request.user, message=form.cleaned_data["message"]
            )
            messages.success(request, _("Your request was sent to the collective's admins."))
            return redirect(collective)
    pending = collective.join_requests.filter(
        user=request.user, status=JoinRequestStatus.PENDING
    ).exists()
    context = {"collective": collective, "form": form, "pending": pending}
    return render(request, "collectives/join_request_form.html", context)


def _invitation_invalid(request, error: InvitationInvalid):
    # 400 for a link that was never ours (tampered); 410 Gone for one that was and is spent.
    status = 400 if isinstance(error, InvitationTampered) else 410
    context = {
        "error": error,
        "expired": isinstance(error, InvitationExpired),
        "used": isinstance(error, InvitationUsed),
        "revoked": isinstance(error, InvitationRevoked),
    }
    return render(request, "collectives/invitation_invalid.html", context, status=status)


def invitation_accept(request, token):
    """The invitation link. On an address mismatch we accept anyway, on purpose.

    The signed, single-use link mailed to the address is the credential (as with most invitation
    systems). An account here has one address (ACCOUNT_CHANGE_EMAIL), so refusing would force
    someone invited at a work address to change their login address. The mismatch is recorded
    in the JOINED event (with the invited address, shown to admins only), so a forwarded link
    is visible and the member can be removed. We do require a verified address on the account.
    """
    try:
        invitation = services.invitation_from_token(token)
    except InvitationInvalid as error:
        return _invitation_invalid(request, error)
    context = {"invitation": invitation, "collective": invitation.collective}
    if not request.user.is_authenticated:  # sign up or log in, then come back here (?next=)
        return render(request, "collectives/invitation_accept.html", context)
    if request.method == "POST":
        try:
            services.invitation_accept(invitation=invitation, user=request.user)
        except InvitationInvalid as error:
            return _invitation_invalid(request, error)
        except MembershipError as error:
            messages.error(request, error.message)
            return redirect(request.path)
        messages.success(request, _("Welcome to %(name)s!") % {"name": invitation.collective})
        return _redirect_to_members(invitation.collective)
    context["already_member"] = membership_of(request.user, invitation.collective) is not None
    context["address_matches"] = invitation_address_matches(invitation, request.user)
    return render(request, "collectives/invitation_accept.html", context)
