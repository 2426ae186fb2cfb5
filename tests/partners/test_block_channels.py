"""A block covers every channel between two collectives, whoever blocked whom: co-host
invitations (on the edit page and when posting for a coalition), answering one, coalition
invitations and join requests, solidarity calls and pledges, appeal invitations and the
"appeal changed" emails, partnership proposals. No email crosses.

Cast: alice admins `collective` (Montréal), cora admins `union`, nora admins `network`.
`blocker` says which side of the pair (alice's collective or the union) wrote the block.
"""

import pytest
from django.urls import reverse

from organizing.actions.models import ActionHost, HostConsent
from organizing.actions.services import posting as posting_services
from organizing.appeals.services import appeal_invite, appeal_sign, appeal_update
from organizing.coalitions.models import CoalitionMembership, CoalitionMembershipStatus
from organizing.coalitions.services import coalitions as coalition_services
from organizing.coalitions.services.solidarity import solidarity_call_create, solidarity_pledge
from organizing.collectives.selectors import BLOCKED_EXCLUSION, blocked_between, blocked_with
from organizing.core.errors import DomainError
from organizing.outbox.models import OutboxMessage
from organizing.partners.models import ExclusionKind, PartnerExclusion
from organizing.partners.services.suggestions import partner_block
from tests.conftest import make_user
from tests.factories import (
    draft,
    make_action,
    make_coalition,
    make_collective,
    post_action,
    propose,
)

pytestmark = pytest.mark.django_db

BLOCKERS = ["collective", "union"]


@pytest.fixture
def cora(db):
    return make_user("cora@example.org", display_name="Cora")


@pytest.fixture
def nora(db):
    return make_user("nora@example.org", display_name="Nora")


@pytest.fixture
def union(cora):
    return make_collective("Coordinating Union", "coordinating-union", admin=cora)


@pytest.fixture
def network(nora):
    return make_collective("Nora's Network", "noras-network", admin=nora)


def block(blocker: str, collective, union):
    """`blocker` ("collective" or "union") blocks the other one."""
    a, b = (collective, union) if blocker == "collective" else (union, collective)
    partner_block(collective=a, other=b, by=None)


def mails_to(email: str):
    return OutboxMessage.objects.filter(to=email)


def test_the_low_rule_agrees_with_matching(collective, union, network):
    assert BLOCKED_EXCLUSION == ExclusionKind.BLOCKED
    partner_block(collective=union, other=collective, by=None)
    assert blocked_between(collective.pk, union.pk) and blocked_between(union.pk, collective.pk)
    assert not blocked_between(collective.pk, network.pk)
    assert blocked_with(collective.pk) == {union.pk}
    assert blocked_with(union.pk) == {collective.pk}
    assert blocked_with(network.pk) == set()


# --- co-host invitations on actions ------------------------------------------------------------


@pytest.mark.parametrize("blocker", BLOCKERS)
def test_co_host_invitation_from_the_edit_page_is_refused(
    client_as, alice, collective, union, gazetteer, blocker
):
    action = post_action(alice, collective)
    block(blocker, collective, union)
    OutboxMessage.objects.all().delete()
    response = client_as("alice").post(
        reverse("actions:edit", args=[action.slug]),
        {"intent": "invite", "collective": union.pk, "role": "co_host"},
    )
    assert response.status_code == 200
    assert response.context["invite_form"].errors["collective"] == [
        "You cannot invite this collective."
    ]
    assert not ActionHost.objects.filter(collective=union).exists()
    assert not mails_to("cora@example.org").exists()


@pytest.mark.parametrize("blocker", BLOCKERS)
def test_co_host_invitation_from_the_blocked_side_is_refused(
    alice, cora, collective, union, gazetteer, blocker
):
    """The union's action invites alice's collective: the same refusal the other way."""
    action = post_action(cora, union)
    block(blocker, collective, union)
    with pytest.raises(posting_services.PostingError, match="cannot invite this collective"):
        posting_services.action_invite_host(
            action=action, collective=collective, role="supporter", invited_by=cora
        )
    assert not mails_to("alice@example.org").exists()


@pytest.mark.parametrize("blocker", BLOCKERS)
def test_a_block_with_any_other_host_refuses_the_invitation(
    alice, cora, collective, union, network, gazetteer, blocker
):
    action = post_action(alice, collective)
    link = posting_services.action_invite_host(
        action=action, collective=union, role="co_host", invited_by=alice
    )
    posting_services.action_host_respond(host_link=link, user=cora, accept=True)
    a, b = (union, network) if blocker == "collective" else (network, union)
    partner_block(collective=a, other=b, by=None)
    with pytest.raises(posting_services.PostingError):
        posting_services.action_invite_host(
            action=action, collective=network, role="co_host", invited_by=alice
        )
    assert not mails_to("nora@example.org").exists()


@pytest.mark.parametrize("blocker", BLOCKERS)
def test_a_block_ends_a_waiting_co_host_invitation(
    client, alice, cora, collective, union, gazetteer, blocker
):
    action = post_action(alice, collective)
    link = posting_services.action_invite_host(
        action=action, collective=union, role="co_host", invited_by=alice
    )
    block(blocker, collective, union)
    assert ActionHost.objects.get(pk=link.pk).consent == HostConsent.DECLINED
    OutboxMessage.objects.all().delete()
    client.force_login(cora)
    response = client.post(reverse("actions:host_respond", args=[action.slug, link.pk, "accept"]))
    assert response.status_code == 200 and "already answered" in response.content.decode()
    assert ActionHost.objects.get(pk=link.pk).consent == HostConsent.DECLINED
    assert not OutboxMessage.objects.exists()


@pytest.mark.parametrize("blocker", BLOCKERS)
def test_an_invitation_written_before_the_block_cannot_be_accepted(
    alice, cora, collective, union, gazetteer, blocker
):
    """Should a block land between the invitation and the answer (the row written directly,
    as a race would leave it), accepting still refuses."""
    action = post_action(alice, collective)
    link = posting_services.action_invite_host(
        action=action, collective=union, role="co_host", invited_by=alice
    )
    a, b = (collective, union) if blocker == "collective" else (union, collective)
    PartnerExclusion.objects.create(collective=a, other=b, kind=ExclusionKind.BLOCKED)
    with pytest.raises(posting_services.PostingError):
        posting_services.action_host_respond(host_link=link, user=cora, accept=True)
    assert ActionHost.objects.get(pk=link.pk).consent == HostConsent.INVITED


@pytest.mark.parametrize("blocker", BLOCKERS)
def test_a_block_ends_waiting_coalition_invitations_and_requests(
    alice, cora, collective, union, blocker
):
    theirs = make_coalition((union, cora))
    mine = make_coalition((collective, alice), name="Montréal Front")
    request = coalition_services.coalition_join_request(
        coalition=theirs, collective=collective, by=alice
    )
    invitation = coalition_services.coalition_invite(
        coalition=mine, collective=union, by=alice, inviting_collective=collective
    )
    block(blocker, collective, union)
    for membership in (request, invitation):
        membership.refresh_from_db()
        assert membership.status == CoalitionMembershipStatus.LEFT
    OutboxMessage.objects.all().delete()
    with pytest.raises(DomainError):
        coalition_services.coalition_membership_answer(membership=invitation, by=cora, accept=True)
    with pytest.raises(DomainError):
        coalition_services.coalition_membership_answer(membership=request, by=cora, accept=True)
    assert not OutboxMessage.objects.exists()


@pytest.fixture
def coalition(union, cora, collective, alice, network, nora):
    """Coordinated by the union; alice's collective and nora's network are consenting members."""
    coalition = make_coalition((union, cora))
    for member, admin in ((collective, alice), (network, nora)):
        membership = coalition_services.coalition_invite(
            coalition=coalition, collective=member, by=cora, inviting_collective=union
        )
        coalition_services.coalition_membership_answer(membership=membership, by=admin, accept=True)
    OutboxMessage.objects.all().delete()
    return coalition


@pytest.mark.parametrize("blocker", BLOCKERS)
def test_posting_for_a_coalition_does_not_invite_a_blocked_member(
    alice, collective, union, network, coalition, gazetteer, blocker
):
    block(blocker, collective, union)
    action = post_action(alice, collective, coalition=coalition.pk)
    invited = set(action.host_links.exclude(role="lead").values_list("collective", flat=True))
    assert invited == {network.pk}
    assert not mails_to("cora@example.org").exists()
    assert mails_to("nora@example.org").exists()


# --- coalitions: invitations and requests to join -------------------------------------------


@pytest.mark.parametrize("blocker", BLOCKERS)
def test_join_request_to_a_coalition_a_blocked_collective_coordinates(
    alice, cora, collective, union, blocker
):
    coalition = make_coalition((union, cora))
    OutboxMessage.objects.all().delete()
    block(blocker, collective, union)
    with pytest.raises(DomainError):
        coalition_services.coalition_join_request(
            coalition=coalition, collective=collective, by=alice, message="Let us in"
        )
    assert not CoalitionMembership.objects.filter(collective=collective).exists()
    assert not mails_to("cora@example.org").exists()


@pytest.mark.parametrize("blocker", BLOCKERS)
def test_join_request_through_the_page_gets_a_clear_answer(
    client_as, cora, collective, union, blocker
):
    coalition = make_coalition((union, cora))
    block(blocker, collective, union)
    response = client_as("alice").post(
        reverse("coalitions:join", args=[coalition.slug]),
        {"collective": collective.pk, "message": "Hi"},
        follow=True,
    )
    assert response.status_code == 200
    assert "cannot ask to join this coalition" in response.content.decode()
    assert not mails_to("cora@example.org").exists()


@pytest.mark.parametrize("blocker", BLOCKERS)
def test_coalition_invitation_is_refused(cora, collective, union, blocker):
    coalition = make_coalition((union, cora))
    OutboxMessage.objects.all().delete()
    block(blocker, collective, union)
    with pytest.raises(DomainError):
        coalition_services.coalition_invite(
            coalition=coalition, collective=collective, by=cora, inviting_collective=union
        )
    assert not mails_to("alice@example.org").exists()


# --- solidarity calls and pledges --------------------------------------------------------------


@pytest.mark.parametrize("blocker", BLOCKERS)
def test_solidarity_call_skips_the_blocked_partner(
    alice, collective, union, network, coalition, blocker
):
    block(blocker, collective, union)
    action = make_action(collective)
    call = solidarity_call_create(
        action=action, coalition=coalition, collective=collective, by=alice, message="Come"
    )
    assert not mails_to("cora@example.org").exists()
    assert mails_to("nora@example.org").filter(subject__contains="solidarity").exists()
    with pytest.raises(DomainError):
        solidarity_pledge(call=call, collective=union, by=union.memberships.get().user, headcount=3)
    assert not call.pledges.exists()


@pytest.mark.parametrize("blocker", BLOCKERS)
def test_solidarity_call_from_the_blocked_side(
    cora, collective, union, network, coalition, blocker
):
    block(blocker, collective, union)
    action = make_action(union)
    solidarity_call_create(action=action, coalition=coalition, collective=union, by=cora)
    assert not mails_to("alice@example.org").exists()
    assert mails_to("nora@example.org").exists()


# --- appeals -------------------------------------------------------------------------------------


@pytest.mark.parametrize("blocker", BLOCKERS)
def test_appeal_invitations_skip_a_blocked_collective_both_ways(
    alice, cora, collective, union, blocker
):
    block(blocker, collective, union)
    mine = draft(collective, alice)
    theirs = draft(union, cora, title="Arms embargo now")
    assert appeal_invite(appeal=mine, collectives=[union], by=alice) == []
    assert appeal_invite(appeal=theirs, collectives=[collective], by=cora) == []
    assert not OutboxMessage.objects.filter(
        to__in=["alice@example.org", "cora@example.org"]
    ).exists()


@pytest.mark.parametrize("blocker", BLOCKERS)
def test_appeal_changed_email_does_not_reach_a_blocked_signatory(
    alice, cora, nora, collective, union, network, blocker
):
    appeal = draft(collective, alice)
    appeal_sign(appeal=appeal, collective=union, by=cora)
    appeal_sign(appeal=appeal, collective=network, by=nora)
    block(blocker, collective, union)
    OutboxMessage.objects.all().delete()
    appeal_update(appeal=appeal, by=alice, title=appeal.title, text="A new text.")
    assert not mails_to("cora@example.org").exists()
    assert mails_to("nora@example.org").exists()


# --- proposals -----------------------------------------------------------------------------------


@pytest.mark.parametrize("blocker", BLOCKERS)
def test_proposals_are_refused_both_ways(alice, cora, collective, union, blocker):
    block(blocker, collective, union)
    with pytest.raises(DomainError):
        propose(collective, union, alice)
    with pytest.raises(DomainError):
        propose(union, collective, cora)
    assert not OutboxMessage.objects.filter(
        to__in=["alice@example.org", "cora@example.org"]
    ).exists()
