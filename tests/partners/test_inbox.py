"""The collective's inbox: each section's content and empty state, and a fixed query count."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from organizing.appeals.models import Appeal, AppealInvitation, AppealSignature
from organizing.coalitions.models import (
    CoalitionMembership,
    CoalitionMembershipStatus,
    SolidarityCall,
    SolidarityPledge,
)
from organizing.coalitions.services.coalitions import _write_points, coalition_create
from organizing.partners.models import ProposalStatus
from organizing.partners.selectors.inbox import collective_inbox
from organizing.partners.services.proposals import proposal_answer
from tests.conftest import make_user
from tests.factories import PROPOSAL_POINTS as POINTS
from tests.factories import make_action, make_collective, propose

pytestmark = pytest.mark.django_db


def inbox_url(collective):
    return reverse("partners:inbox", args=[collective.slug])


def fill_inbox(collective, alice, n: int) -> None:
    """`n` items in every section of `collective`'s inbox, built through the services where
    they exist (invitations and requests to join are written as their services leave them)."""
    for i in range(n):
        admin = make_user(f"admin{n}-{i}@example.org", display_name=f"Admin {i}")
        other = make_collective(f"Union {n}-{i}", f"union-{n}-{i}", admin=admin)
        third = make_collective(f"Group {n}-{i}", f"group-{n}-{i}")
        # Proposals received (half answered) and sent.
        received = propose(other, collective, admin, coalition_name=f"Front {n}-{i}")
        if i % 2:
            proposal_answer(proposal=received, by=alice, accept=False)
        propose(collective, third, alice, coalition_name=f"Sent front {n}-{i}")
        # A coalition `collective` coordinates with `other`: a request to join, a new version
        # of the points awaiting consent, and a call of `other` for one of its actions.
        coalition = coalition_create(
            name=f"Coalition {n}-{i}",
            founders=[(collective, alice), (other, admin)],
            points_of_unity=POINTS,
            created_by=alice,
        )
        CoalitionMembership.objects.create(
            coalition=coalition,
            collective=third,
            status=CoalitionMembershipStatus.REQUESTED,
            message="Let us in",
        )
        _write_points(
            coalition=coalition, text=POINTS + "\n3. More.", by=admin, for_collective=other
        )
        action = make_action(other, title=f"March {n}-{i}")
        call = SolidarityCall.objects.create(
            action=action, coalition=coalition, collective=other, created_by=admin
        )
        if i % 2:
            SolidarityPledge.objects.create(
                call=call, collective=collective, headcount=12, pledged_by=alice
            )
        # An invitation to another coalition.
        elsewhere = coalition_create(name=f"Elsewhere {n}-{i}", founders=[(other, admin)])
        CoalitionMembership.objects.create(
            coalition=elsewhere,
            collective=collective,
            status=CoalitionMembershipStatus.INVITED,
            invited_by=other,
            message="Join us",
        )
        # An appeal to sign (half signed).
        appeal = Appeal.objects.create(
            title=f"Appeal {n}-{i}",
            slug=f"appeal-{n}-{i}",
            text="We call for peace.",
            initiator=other,
        )
        AppealInvitation.objects.create(appeal=appeal, collective=collective, invited_by=admin)
        if i % 2:
            AppealSignature.objects.create(
                appeal=appeal, collective=collective, signed_at=timezone.now(), signed_by=alice
            )


def test_empty_inbox_says_so_in_every_section(client_as, collective):
    response = client_as("alice").get(inbox_url(collective))
    assert response.status_code == 200
    content = response.content.decode()
    for empty in (
        "No proposal received yet.",
        "has not proposed any partnership yet.",
        "No open invitation.",
        "No pending request.",
        "No call for an upcoming action.",
        "No invitation to sign an appeal.",
        "has consented to the current points of unity",
    ):
        assert empty in content


def test_inbox_lists_every_section(client_as, collective, alice):
    fill_inbox(collective, alice, 2)
    inbox = collective_inbox(collective)
    assert len(inbox.received) == len(inbox.sent) == 2
    assert [p.status for p in inbox.received] == [ProposalStatus.PENDING, ProposalStatus.DECLINED]
    assert inbox.pending_received == 1
    assert [m.coalition.name for m in inbox.invitations] == ["Elsewhere 2-1", "Elsewhere 2-0"]
    assert {m.collective.name for m in inbox.join_requests} == {"Group 2-0", "Group 2-1"}
    assert [c.action.title for c in inbox.solidarity_calls] == ["March 2-0", "March 2-1"]
    assert [c.my_headcount for c in inbox.solidarity_calls] == [None, 12]
    assert {i.appeal.title: i.signed for i in inbox.appeal_invitations} == {
        "Appeal 2-0": False,
        "Appeal 2-1": True,
    }
    assert [
        (m.coalition.name, m.consented_version, m.coalition.points_version)
        for m in inbox.consents_due
    ] == [("Coalition 2-0", 1, 2), ("Coalition 2-1", 1, 2)]

    content = client_as("alice").get(inbox_url(collective)).content.decode()
    for text in (
        "From Union 2-0",
        "To Group 2-0",
        "Elsewhere 2-0",
        "Group 2-1 asks to join",
        "March 2-0",
        "You pledged 12 people.",
        "Pledge a headcount",
        "Appeal 2-1",
        "Not signed",
        "consented to version 1",
    ):
        assert text in content
    coalition = inbox.consents_due[0].coalition
    assert reverse("coalitions:detail", args=[coalition.slug]) in content
    assert reverse("coalitions:pledge", kwargs={"pk": inbox.solidarity_calls[0].pk}) in content


def test_inbox_leaves_out_what_is_not_for_this_collective(collective, partner, alice, dave):
    coalition = coalition_create(
        name="Shared", founders=[(collective, alice), (partner, dave)], points_of_unity=POINTS
    )
    # Our own call, a past action's call, a withdrawn signature, a request to a coalition we
    # are only a member of (not coordinator), and consent already up to date.
    SolidarityCall.objects.create(
        action=make_action(collective), coalition=coalition, collective=collective
    )
    past = make_action(partner, title="Over", starts_at=timezone.now() - timedelta(days=3))
    SolidarityCall.objects.create(action=past, coalition=coalition, collective=partner)
    appeal = Appeal.objects.create(title="Withdrawn", slug="withdrawn", text="x")
    AppealInvitation.objects.create(appeal=appeal, collective=collective)
    AppealSignature.objects.create(
        appeal=appeal, collective=collective, withdrawn_at=timezone.now()
    )
    member_only = coalition_create(name="Member only", founders=[(partner, dave)])
    CoalitionMembership.objects.create(
        coalition=member_only, collective=collective, status=CoalitionMembershipStatus.ACTIVE
    )
    third = make_collective("Third", "third")
    CoalitionMembership.objects.create(
        coalition=member_only, collective=third, status=CoalitionMembershipStatus.REQUESTED
    )
    inbox = collective_inbox(collective)
    assert inbox.solidarity_calls == []
    assert [i.signed for i in inbox.appeal_invitations] == [False]
    assert inbox.join_requests == []
    assert inbox.consents_due == []


def test_organizer_sees_the_inbox_with_a_note_on_roles(client_as, collective, olga):
    response = client_as("olga").get(inbox_url(collective))
    assert response.status_code == 200
    assert "admins accept, decline, consent and sign" in response.content.decode()


def test_admin_sees_no_note_on_roles(client_as, collective):
    response = client_as("alice").get(inbox_url(collective))
    assert "admins accept, decline, consent and sign" not in response.content.decode()


@pytest.mark.parametrize("n", [1, 10])
def test_inbox_runs_a_fixed_number_of_queries(
    client_as, collective, alice, n, django_assert_max_num_queries
):
    fill_inbox(collective, alice, n)
    client = client_as("alice")
    # Session, user, the organizer check (collective, membership), then the seven sections.
    with django_assert_max_num_queries(11):
        response = client.get(inbox_url(collective))
    inbox = response.context["inbox"]
    assert len(inbox.received) == len(inbox.sent) == len(inbox.invitations) == n
    assert len(inbox.join_requests) == len(inbox.solidarity_calls) == n
    assert len(inbox.appeal_invitations) == len(inbox.consents_due) == n
