"""Coalition pages and membership: invitations, requests, answers, leaving, archiving.

The cast: `collective` (alice admin, bob member) and, from tests/coalitions/conftest.py, the
coordinating union (cora admin) and a network outside the coalition (nora admin).
"""

import pytest
from django.urls import reverse

from organizing.coalitions.models import (
    Coalition,
    CoalitionMembership,
    CoalitionMembershipStatus,
    CoalitionRole,
    CoalitionStatus,
)
from organizing.coalitions.services import coalitions as services
from organizing.coalitions.services.common import CoalitionError
from organizing.collectives.models import CollectiveStatus
from organizing.partners.models import ExclusionKind, PartnerExclusion
from tests.conftest import make_user
from tests.factories import (
    add_member,
    mails_to,
    make_action,
    make_coalition,
    make_collective,
    membership_of,
)

pytestmark = pytest.mark.django_db


# --- invitations ----------------------------------------------------------------------------


def test_invite_then_accept(
    client_as, coalition, collective, cora, union, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.coalition_invite(
            coalition=coalition,
            collective=collective,
            by=cora,
            inviting_collective=union,
            message="Stand with us",
        )
    invitation = mails_to("alice@example.org").get()
    assert "Ceasefire Front" in invitation.subject
    assert coalition.get_absolute_url() in invitation.body_text
    assert "Stand with us" in invitation.body_text
    membership = membership_of(coalition, collective)
    assert membership.status == CoalitionMembershipStatus.INVITED

    client = client_as("alice")
    page = client.get(coalition.get_absolute_url()).content.decode()
    assert "Accept the invitation" in page
    url = reverse("coalitions:membership_answer", args=[coalition.slug, membership.pk, "accept"])
    assert client.post(url).status_code == 302
    membership.refresh_from_db()
    assert membership.status == CoalitionMembershipStatus.ACTIVE
    assert membership.consented_version == 1
    assert membership.consented_by.email == "alice@example.org"
    assert mails_to("cora@example.org").filter(subject__contains="joined").exists()
    page = client.get(coalition.get_absolute_url()).content.decode()
    assert "Montréal Solidarity Collective" in page and "consented to version 1" in page


def test_invite_refusals(coalition, collective, cora, union, bob, network):
    # A plain member of a member collective cannot invite.
    add_member(coalition, collective, collective.memberships.get(role="admin").user)
    with pytest.raises(CoalitionError):
        services.coalition_invite(
            coalition=coalition, collective=network, by=bob, inviting_collective=collective
        )
    # An active member is not invited again.
    with pytest.raises(CoalitionError, match="already a member"):
        services.coalition_invite(
            coalition=coalition, collective=collective, by=cora, inviting_collective=union
        )
    # Unverified collectives cannot join.
    pending = make_collective("Pending", "pending", status=CollectiveStatus.PENDING)
    with pytest.raises(CoalitionError, match="verified"):
        services.coalition_invite(
            coalition=coalition, collective=pending, by=cora, inviting_collective=union
        )
    # Blocked, whichever side blocked.
    PartnerExclusion.objects.create(collective=network, other=union, kind=ExclusionKind.BLOCKED)
    with pytest.raises(CoalitionError, match="cannot be invited"):
        services.coalition_invite(
            coalition=coalition, collective=network, by=cora, inviting_collective=union
        )
    assert not CoalitionMembership.objects.filter(collective__in=[pending, network]).exists()
    assert not mails_to("nora@example.org").exists()


def test_invite_form_shows_the_error_and_keeps_the_message(
    client_as, coalition, cora, union, network
):
    PartnerExclusion.objects.create(collective=union, other=network, kind=ExclusionKind.BLOCKED)
    client = client_as("cora")
    url = reverse("coalitions:invite", args=[coalition.slug])
    assert "Nora&#x27;s Network" in client.get(url).content.decode()
    response = client.post(
        url, {"collective": union.pk, "invited": network.pk, "message": "Please join"}
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert "Please join" in response.content.decode()


def test_invite_through_the_page(client_as, coalition, union, network):
    response = client_as("cora").post(
        reverse("coalitions:invite", args=[coalition.slug]),
        {"collective": union.pk, "invited": network.pk, "message": ""},
    )
    assert response.status_code == 302
    assert membership_of(coalition, network).status == CoalitionMembershipStatus.INVITED
    assert mails_to("nora@example.org").count() == 1


def test_decline_invitation_marks_left_and_tells_the_inviter(
    client_as, coalition, collective, cora, union
):
    membership = services.coalition_invite(
        coalition=coalition, collective=collective, by=cora, inviting_collective=union
    )
    url = reverse("coalitions:membership_answer", args=[coalition.slug, membership.pk, "decline"])
    assert client_as("alice").post(url).status_code == 302
    membership.refresh_from_db()
    assert membership.status == CoalitionMembershipStatus.LEFT and membership.left_at
    assert mails_to("cora@example.org").filter(subject__contains="declined").exists()
    # The row is revived by a later invitation.
    again = services.coalition_invite(
        coalition=coalition, collective=collective, by=cora, inviting_collective=union
    )
    assert again.pk == membership.pk and again.status == CoalitionMembershipStatus.INVITED


# --- requests to join ----------------------------------------------------------------------


def test_request_then_approval_by_a_coordinator(
    client_as, coalition, collective, alice, cora, network, nora
):
    add_member(coalition, collective, alice)
    client = client_as("nora")
    page = client.get(coalition.get_absolute_url()).content.decode()
    assert "Ask to join" in page
    join = reverse("coalitions:join", args=[coalition.slug])
    assert client.get(join).status_code == 200
    response = client.post(join, {"collective": network.pk, "message": "We march every week"})
    assert response.status_code == 302
    membership = membership_of(coalition, network)
    assert membership.status == CoalitionMembershipStatus.REQUESTED
    request_mail = mails_to("cora@example.org").get(subject__contains="asks to join")
    assert "We march every week" in request_mail.body_text
    assert not mails_to("alice@example.org").filter(subject__contains="asks to join").exists()

    # A member's admin who does not coordinate cannot answer.
    url = reverse("coalitions:membership_answer", args=[coalition.slug, membership.pk, "accept"])
    assert client_as("alice").post(url).status_code == 404
    with pytest.raises(CoalitionError):
        services.coalition_membership_answer(membership=membership, by=alice, accept=True)
    with pytest.raises(CoalitionError):  # nor the requesting collective itself
        services.coalition_membership_answer(membership=membership, by=nora, accept=True)

    client = client_as("cora")
    assert "We march every week" in client.get(coalition.get_absolute_url()).content.decode()
    assert client.post(url).status_code == 302
    membership.refresh_from_db()
    assert membership.status == CoalitionMembershipStatus.ACTIVE
    assert membership.consented_version is None  # they consent separately
    assert mails_to("nora@example.org").filter(subject__contains="joined").exists()
    page = client.get(coalition.get_absolute_url()).content.decode()
    assert "not yet consented" in page


def test_coordinator_declines_a_request(coalition, cora, network, nora):
    membership = services.coalition_join_request(
        coalition=coalition, collective=network, by=nora, message=""
    )
    services.coalition_membership_answer(membership=membership, by=cora, accept=False)
    membership.refresh_from_db()
    assert membership.status == CoalitionMembershipStatus.LEFT
    assert mails_to("nora@example.org").filter(subject__contains="declined").exists()


def test_a_request_needs_an_admin_and_is_not_repeated(coalition, network, nora, bob):
    with pytest.raises(CoalitionError):
        services.coalition_join_request(coalition=coalition, collective=network, by=bob)
    services.coalition_join_request(coalition=coalition, collective=network, by=nora)
    with pytest.raises(CoalitionError, match="already asked"):
        services.coalition_join_request(coalition=coalition, collective=network, by=nora)


def test_join_page_is_404_when_no_collective_may_join(client_as, coalition, collective, alice):
    add_member(coalition, collective, alice)
    url = reverse("coalitions:join", args=[coalition.slug])
    for who in ("alice", "bob", "charlie"):
        assert client_as(who).get(url).status_code == 404


# --- leaving and archiving -----------------------------------------------------------------


def test_leave_through_the_page(client_as, coalition, collective, alice):
    add_member(coalition, collective, alice)
    client = client_as("alice")
    url = reverse("coalitions:leave", args=[coalition.slug])
    client.post(url, {"collective": collective.pk})  # not confirmed: nothing happens
    assert membership_of(coalition, collective).status == CoalitionMembershipStatus.ACTIVE
    assert client.post(url, {"collective": collective.pk, "confirm": "on"}).status_code == 302
    membership = membership_of(coalition, collective)
    assert membership.status == CoalitionMembershipStatus.LEFT and membership.left_at
    response = client.get(coalition.get_absolute_url())
    assert "Montréal Solidarity Collective has left the coalition." in response.content.decode()
    members = [m.collective for m in response.context["coalition"].active_memberships]
    assert members == [coalition.memberships.get(role="coordinator").collective]
    assert "Ask to join" in response.content.decode()  # it may come back


def test_leaving_coordinator_hands_over_to_the_oldest_member(
    coalition, collective, alice, cora, union, network, nora
):
    add_member(coalition, collective, alice)
    add_member(coalition, network, nora)
    services.coalition_leave(membership=membership_of(coalition, union), by=cora)
    assert membership_of(coalition, collective).role == CoalitionRole.COORDINATOR
    assert membership_of(coalition, network).role == CoalitionRole.MEMBER
    coalition.refresh_from_db()
    assert coalition.status == CoalitionStatus.ACTIVE


def test_last_member_leaving_archives_the_coalition(
    client_as, coalition, collective, alice, cora, union, network, nora
):
    add_member(coalition, collective, alice)
    services.coalition_leave(membership=membership_of(coalition, union), by=cora)
    services.coalition_leave(membership=membership_of(coalition, collective), by=alice)
    coalition.refresh_from_db()
    assert coalition.status == CoalitionStatus.ARCHIVED and coalition.archived_at
    page = client_as("nora").get(coalition.get_absolute_url()).content.decode()
    assert "This coalition is archived" in page and "Ask to join" not in page
    with pytest.raises(CoalitionError, match="archived"):
        services.coalition_join_request(coalition=coalition, collective=network, by=nora)
    assert (
        client_as("nora").get(reverse("coalitions:join", args=[coalition.slug])).status_code == 404
    )


def test_only_an_admin_leaves_for_the_collective(coalition, collective, alice, bob):
    membership = add_member(coalition, collective, alice)
    with pytest.raises(CoalitionError):
        services.coalition_leave(membership=membership, by=bob)
    services.coalition_leave(membership=membership, by=alice)
    with pytest.raises(CoalitionError, match="not an active member"):
        services.coalition_leave(membership=membership, by=alice)


# --- pages ---------------------------------------------------------------------------------


def test_detail_shows_members_coordinators_and_the_feed_link(client, coalition, collective, alice):
    add_member(coalition, collective, alice)
    page = client.get(coalition.get_absolute_url()).content.decode()
    assert "Coordinating Union" in page and "coordinator" in page and "verified" in page
    assert reverse("feeds:coalition_ics", args=[coalition.slug]) in page
    assert reverse("coalitions:points_history", args=[coalition.slug]) in page
    assert "For your collectives" not in page


def test_list_shows_active_and_forming_coalitions_with_member_counts(
    client, coalition, collective, alice, cora, union
):
    add_member(coalition, collective, alice)
    forming = Coalition.objects.create(
        name="Forming Front", slug="forming-front", status=CoalitionStatus.FORMING
    )
    archived = Coalition.objects.create(
        name="Old Front", slug="old-front", status=CoalitionStatus.ARCHIVED
    )
    page = client.get(reverse("coalitions:list")).content.decode()
    assert coalition.name in page and forming.name in page and archived.name not in page
    assert "2 member collectives" in page and "0 member collectives" in page


def _grow(count: int, start: int = 0) -> None:
    """`count` coalitions of two members each, with an admin for each member."""
    for n in range(start, start + count):
        admin = make_user(f"admin{n}@example.org")
        first = make_collective(f"Group {n}a", f"group-{n}a", admin=admin)
        second = make_collective(f"Group {n}b", f"group-{n}b", admin=admin)
        make_coalition((first, admin), (second, admin), name=f"Front {n}")


@pytest.mark.parametrize("count", [1, 30])
def test_list_query_budget_is_constant(client, django_assert_max_num_queries, count):
    _grow(count)
    with django_assert_max_num_queries(3):
        response = client.get(reverse("coalitions:list"))
    assert response.status_code == 200


@pytest.mark.parametrize("members", [1, 12])
@pytest.mark.parametrize("who", ["anonymous", "alice", "cora", "nora"])
def test_detail_query_budget_is_constant(
    client_as,
    coalition,
    collective,
    alice,
    network,
    nora,
    members,
    who,
    django_assert_max_num_queries,
):
    add_member(coalition, collective, alice)
    for n in range(members):
        admin = make_user(f"member{n}@example.org")
        add_member(coalition, make_collective(f"Member {n}", f"member-{n}", admin=admin), admin)
        make_action(collective, coalition=coalition, title=f"Rally {n}")
    services.coalition_join_request(coalition=coalition, collective=network, by=nora)
    client = client_as(who)
    # Session and user, the coalition and its prefetches (causes, members, actions with hosts
    # and causes, appeals), the panel (four queries for an admin) and the Follow button
    # (whether the person follows it; the follower count for its members).
    with django_assert_max_num_queries(7 if who == "anonymous" else 15):
        response = client.get(coalition.get_absolute_url())
    assert response.status_code == 200


def test_seeded_coalitions_render(client, seeded):
    coalitions = list(Coalition.objects.all())
    assert coalitions
    listing = client.get(reverse("coalitions:list")).content.decode()
    for coalition in coalitions:
        response = client.get(coalition.get_absolute_url())
        assert response.status_code == 200
        if coalition.status != CoalitionStatus.ARCHIVED:
            assert coalition.name.replace("'", "&#x27;") in listing


def test_a_coalition_name_that_only_differs_by_case_accents_or_lookalikes_is_taken(collective):
    services.coalition_create(name="Front de Montréal", founders=[(collective, None)])
    cyrillic_e = "\u0435"
    for lookalike in ("FRONT DE MONTRÉAL", "front de montreal", f"Front de Montr{cyrillic_e}al"):
        with pytest.raises(CoalitionError, match="already exists"):
            services.coalition_create(name=lookalike, founders=[])
