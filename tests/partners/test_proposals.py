"""Partnership proposals: proposing, accepting (a new coalition, or joining one), declining,
withdrawing; the rules (verified, open, not blocked, one pending per pair); the pages."""

import threading

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from organizing.coalitions.models import (
    Coalition,
    CoalitionMembership,
    CoalitionMembershipStatus,
    CoalitionRole,
)
from organizing.coalitions.services.coalitions import coalition_create
from organizing.collectives.models import Collective, CollectiveStatus
from organizing.core.errors import DomainError
from organizing.outbox.models import OutboxMessage
from organizing.partners.forms.proposals import ProposalForm
from organizing.partners.models import (
    ExclusionKind,
    PartnerExclusion,
    PartnershipProposal,
    ProposalKind,
    ProposalStatus,
)
from organizing.partners.services.proposals import (
    CrossingProposal,
    proposal_answer,
    proposal_withdraw,
)
from tests.factories import PROPOSAL_POINTS as POINTS
from tests.factories import mails_to, propose

pytestmark = pytest.mark.django_db


# Shared helpers are in tests/factories.py, the cast (dave, `partner`, olga) in
# tests/coalitions/conftest.py.


@pytest.fixture
def coalition(collective, alice):
    """A coalition `collective` founded alone, with points of unity (version 1)."""
    return coalition_create(
        name="Ceasefire Coalition",
        founders=[(collective, alice)],
        points_of_unity=POINTS,
        created_by=alice,
    )


# --- accept: a new coalition -----------------------------------------------------------------


def test_proposal_emails_the_targets_admins(collective, partner, alice, dave):
    proposal = propose(collective, partner, alice)
    assert proposal.status == ProposalStatus.PENDING
    (mail,) = mails_to("dave@example.org")
    assert "Montréal Solidarity Collective proposes a partnership" in mail.subject
    assert "Shall we act together?" in mail.body_text
    assert "Form a new coalition" in mail.body_text
    assert proposal.get_absolute_url() in mail.body_text
    assert not mails_to("alice@example.org").exists()


def test_accept_forms_the_coalition_with_both_as_consenting_coordinators(
    collective, partner, alice, dave, django_capture_on_commit_callbacks
):
    proposal = propose(collective, partner, alice)
    with django_capture_on_commit_callbacks(execute=True):
        proposal = proposal_answer(proposal=proposal, by=dave, accept=True)
    coalition = Coalition.objects.get(name="Ottawa–Montréal Front")
    assert proposal.coalition == coalition
    assert (proposal.status, proposal.decided_by) == (ProposalStatus.ACCEPTED, dave)
    assert proposal.decided_at is not None
    assert (coalition.points_version, coalition.points_of_unity) == (1, POINTS)
    memberships = {m.collective: m for m in coalition.memberships.all()}
    assert set(memberships) == {collective, partner}
    for member, admin in ((collective, alice), (partner, dave)):
        membership = memberships[member]
        assert membership.status == CoalitionMembershipStatus.ACTIVE
        assert membership.role == CoalitionRole.COORDINATOR
        assert membership.consented_version == 1
        assert membership.consented_by == admin
    for email in ("alice@example.org", "dave@example.org"):
        mail = mails_to(email).last()
        assert "Partnership accepted: Ottawa–Montréal Front" in mail.subject
        assert coalition.get_absolute_url() in mail.body_text


def test_an_organizers_proposal_leaves_its_collectives_consent_to_an_admin(
    collective, partner, olga, dave
):
    proposal = proposal_answer(proposal=propose(collective, partner, olga), by=dave, accept=True)
    memberships = {m.collective: m for m in proposal.coalition.memberships.all()}
    assert memberships[collective].consented_version is None  # only admins consent
    assert memberships[partner].consented_version == 1


def test_accept_without_draft_points_leaves_points_to_write(collective, partner, alice, dave):
    proposal = proposal_answer(
        proposal=propose(collective, partner, alice, draft_points=""), by=dave, accept=True
    )
    assert proposal.coalition.points_version == 0
    assert all(m.consented_version is None for m in proposal.coalition.memberships.all())


def test_accept_refused_when_the_name_was_taken_meanwhile(collective, partner, alice, dave):
    proposal = propose(collective, partner, alice)
    coalition_create(name="OTTAWA–MONTRÉAL FRONT", founders=[])
    with pytest.raises(DomainError, match="was formed since"):
        proposal_answer(proposal=proposal, by=dave, accept=True)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING


# --- accept: joining a coalition -------------------------------------------------------------


def test_accept_joins_the_coalition_consenting_to_its_points(
    collective, partner, coalition, alice, dave
):
    proposal = propose(
        collective,
        partner,
        alice,
        kind=ProposalKind.JOIN_COALITION,
        coalition=coalition,
        coalition_name="ignored",
        draft_points="ignored",
    )
    assert (proposal.coalition_name, proposal.draft_points) == ("", "")
    proposal = proposal_answer(proposal=proposal, by=dave, accept=True)
    assert proposal.coalition == coalition
    membership = CoalitionMembership.objects.get(coalition=coalition, collective=partner)
    assert membership.status == CoalitionMembershipStatus.ACTIVE
    assert membership.role == CoalitionRole.MEMBER
    assert (membership.consented_version, membership.consented_by) == (1, dave)
    assert membership.invited_by == collective
    assert "joined the coalition" in mails_to("alice@example.org").last().body_text


def test_join_refused_for_a_coalition_the_proposer_is_not_in(collective, partner, alice, dave):
    elsewhere = coalition_create(name="Elsewhere", founders=[])
    with pytest.raises(DomainError, match="active member") as error:
        propose(collective, partner, alice, kind=ProposalKind.JOIN_COALITION, coalition=elsewhere)
    assert error.value.field == "coalition"


def test_join_refused_when_the_target_is_already_in(collective, partner, coalition, alice, dave):
    coalition_create(name="Both", founders=[(collective, alice), (partner, dave)])
    both = Coalition.objects.get(name="Both")
    with pytest.raises(DomainError, match="has not joined yet"):
        propose(collective, partner, alice, kind=ProposalKind.JOIN_COALITION, coalition=both)


def test_join_refused_on_accept_when_the_proposer_left(collective, partner, coalition, alice, dave):
    proposal = propose(
        collective, partner, alice, kind=ProposalKind.JOIN_COALITION, coalition=coalition
    )
    CoalitionMembership.objects.filter(collective=collective).update(
        status=CoalitionMembershipStatus.LEFT
    )
    with pytest.raises(DomainError, match="no longer a member"):
        proposal_answer(proposal=proposal, by=dave, accept=True)
    assert not CoalitionMembership.objects.filter(collective=partner).exists()


# --- decline, withdraw, double answers -------------------------------------------------------


def test_decline_forms_nothing_and_tells_the_proposer(collective, partner, alice, dave):
    proposal = proposal_answer(proposal=propose(collective, partner, alice), by=dave, accept=False)
    assert (proposal.status, proposal.decided_by) == (ProposalStatus.DECLINED, dave)
    assert not Coalition.objects.exists()
    mail = mails_to("alice@example.org").last()
    assert "Partnership declined" in mail.subject
    assert "declined the partnership proposal" in mail.body_text


def test_withdraw_tells_the_target_and_closes_the_proposal(collective, partner, alice, dave):
    proposal = proposal_withdraw(proposal=propose(collective, partner, alice), by=alice)
    assert (proposal.status, proposal.decided_by) == (ProposalStatus.WITHDRAWN, alice)
    mail = mails_to("dave@example.org").last()
    assert "withdrew its proposal" in mail.subject
    with pytest.raises(DomainError, match="withdrawn"):
        proposal_answer(proposal=proposal, by=dave, accept=True)
    with pytest.raises(DomainError, match="withdrawn"):
        proposal_withdraw(proposal=proposal, by=alice)
    assert not Coalition.objects.exists()


def test_double_answer_refused(collective, partner, alice, dave):
    proposal = propose(collective, partner, alice)
    stale = PartnershipProposal.objects.get(pk=proposal.pk)
    proposal_answer(proposal=proposal, by=dave, accept=True)
    with pytest.raises(DomainError, match="already been answered"):
        proposal_answer(proposal=stale, by=dave, accept=False)
    with pytest.raises(DomainError, match="already been answered"):
        proposal_withdraw(proposal=stale, by=alice)
    assert Coalition.objects.count() == 1
    assert PartnershipProposal.objects.get().status == ProposalStatus.ACCEPTED


def test_a_new_proposal_is_possible_once_the_last_one_is_answered(collective, partner, alice, dave):
    proposal_answer(proposal=propose(collective, partner, alice), by=dave, accept=False)
    again = propose(collective, partner, alice, coalition_name="Second try")
    assert again.status == ProposalStatus.PENDING


# --- who may propose to whom -----------------------------------------------------------------


@pytest.mark.parametrize("blocker", ["proposer", "target"])
def test_block_stops_proposals_in_both_directions(collective, partner, alice, dave, blocker):
    one, other = (collective, partner) if blocker == "proposer" else (partner, collective)
    PartnerExclusion.objects.create(
        collective=one, other=other, kind=ExclusionKind.BLOCKED, created_by=alice
    )
    with pytest.raises(DomainError, match="cannot propose"):
        propose(collective, partner, alice)
    with pytest.raises(DomainError, match="cannot propose"):
        propose(partner, collective, dave)
    assert not PartnershipProposal.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_block_after_proposing_stops_accepting_but_not_declining(collective, partner, alice, dave):
    proposal = propose(collective, partner, alice)
    PartnerExclusion.objects.create(
        collective=partner, other=collective, kind=ExclusionKind.BLOCKED, created_by=dave
    )
    with pytest.raises(DomainError, match="blocked"):
        proposal_answer(proposal=proposal, by=dave, accept=True)
    assert proposal_answer(proposal=proposal, by=dave, accept=False).status == "declined"
    assert not Coalition.objects.exists()


def test_dismissal_does_not_stop_proposals(collective, partner, alice):
    PartnerExclusion.objects.create(
        collective=partner, other=collective, kind=ExclusionKind.DISMISSED
    )
    assert propose(collective, partner, alice).pk


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"status": CollectiveStatus.PENDING}, "Only verified collectives"),
        ({"status": CollectiveStatus.SUSPENDED}, "Only verified collectives"),
        ({"open_to_partners": False}, "does not take partnership proposals"),
    ],
)
def test_cannot_propose_to_an_unverified_or_closed_collective(
    collective, partner, alice, change, message
):
    Collective.objects.filter(pk=partner.pk).update(**change)
    partner.refresh_from_db()
    with pytest.raises(DomainError, match=message):
        propose(collective, partner, alice)
    assert not PartnershipProposal.objects.exists()


def test_unverified_collective_cannot_propose(collective, partner, alice):
    Collective.objects.filter(pk=collective.pk).update(status=CollectiveStatus.PENDING)
    collective.refresh_from_db()
    with pytest.raises(DomainError, match="must be verified"):
        propose(collective, partner, alice)


def test_cannot_propose_to_itself(collective, alice):
    with pytest.raises(DomainError, match="itself"):
        propose(collective, collective, alice)


def test_duplicate_pending_proposal_refused(collective, partner, alice):
    propose(collective, partner, alice)
    with pytest.raises(DomainError, match="already has a proposal waiting"):
        propose(collective, partner, alice, coalition_name="Another name")
    assert PartnershipProposal.objects.count() == 1


def test_reverse_pending_proposal_points_to_answering_it(collective, partner, alice, dave):
    theirs = propose(collective, partner, alice)
    with pytest.raises(CrossingProposal) as error:
        propose(partner, collective, dave, coalition_name="Another name")
    assert error.value.proposal == theirs
    assert "answer their proposal" in error.value.message
    assert PartnershipProposal.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"coalition_name": "  "}, "coalition_name", "Give the new coalition a name"),
        ({"coalition_name": "ceasefire COALITION"}, "coalition_name", "already exists"),
        ({"kind": ProposalKind.JOIN_COALITION, "coalition": None}, "coalition", "Choose"),
        ({"message": " "}, "message", "Write a message"),
        ({"kind": "merger"}, "kind", "Choose what you propose"),
    ],
)
def test_missing_or_wrong_details_refused_on_their_field(
    collective, partner, coalition, alice, fields, field, message
):
    with pytest.raises(DomainError, match=message) as error:
        propose(collective, partner, alice, **fields)
    assert error.value.field == field
    assert not PartnershipProposal.objects.exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    not settings.IS_POSTGRESQL, reason="SQLite serializes writes: races need PostgreSQL"
)
def test_concurrent_double_create_gives_one_proposal(collective, partner, alice, dave):
    count = 8
    barrier = threading.Barrier(count)
    outcomes = []

    def work(n: int) -> None:
        try:
            barrier.wait(timeout=30)
            # Half propose one way, half the other: crossing proposals queue up too.
            one, other, by = (collective, partner, alice) if n % 2 else (partner, collective, dave)
            outcomes.append(propose(one, other, by).pk)
        except DomainError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("refused") == count - 1
    assert PartnershipProposal.objects.count() == 1


# --- the form --------------------------------------------------------------------------------


def test_form_offers_only_coalitions_the_target_may_join(
    collective, partner, coalition, alice, dave
):
    coalition_create(name="Both", founders=[(collective, alice), (partner, dave)])
    coalition_create(name="Not ours", founders=[(partner, dave)])
    form = ProposalForm(collective=collective, target=partner)
    assert list(form.fields["coalition"].queryset) == [coalition]
    assert form.offers_join


def test_form_without_a_coalition_to_join_offers_only_a_new_one(collective, partner):
    form = ProposalForm(collective=collective, target=partner)
    assert "coalition" not in form.fields
    assert [value for value, _label in form.fields["kind"].choices] == ["new_coalition"]
    form = ProposalForm(
        {"kind": "join_coalition", "message": "Hi"}, collective=collective, target=partner
    )
    assert not form.is_valid()
    assert "kind" in form.errors


def test_form_requires_the_fields_of_the_chosen_kind(collective, partner, coalition):
    form = ProposalForm(
        {"kind": "new_coalition", "message": "Hi"}, collective=collective, target=partner
    )
    assert not form.is_valid()
    assert list(form.errors) == ["coalition_name"]
    form = ProposalForm(
        {"kind": "join_coalition", "message": "Hi", "coalition_name": "X"},
        collective=collective,
        target=partner,
    )
    assert not form.is_valid()
    assert list(form.errors) == ["coalition"]
    form = ProposalForm(
        {
            "kind": "join_coalition",
            "message": " Hi ",
            "coalition": coalition.pk,
            "coalition_name": "X",
            "draft_points": "Y",
        },
        collective=collective,
        target=partner,
    )
    assert form.is_valid()
    assert form.cleaned_data["message"] == "Hi"
    assert (form.cleaned_data["coalition_name"], form.cleaned_data["draft_points"]) == ("", "")


# --- the pages -------------------------------------------------------------------------------


def propose_url(collective, partner):
    return reverse("partners:proposal_create", args=[collective.slug, partner.slug])


def test_propose_page_shows_the_other_collective_and_shared_causes(client_as, collective, partner):
    from organizing.core.models import Cause

    ceasefire = Cause.objects.create(name="Ceasefire", slug="ceasefire")
    housing = Cause.objects.create(name="Housing", slug="housing")
    collective.causes.add(ceasefire, housing)
    partner.causes.add(ceasefire)
    response = client_as("alice").get(propose_url(collective, partner))
    assert response.status_code == 200
    assert list(response.context["shared_causes"]) == [ceasefire]
    content = response.content.decode()
    assert "Ottawa Postal Workers" in content
    assert "Trade union" in content
    assert "Ottawa" in content


def test_propose_page_sends_the_proposal(client_as, collective, partner, alice):
    response = client_as("alice").post(
        propose_url(collective, partner),
        {
            "kind": "new_coalition",
            "message": "Let us march together.",
            "coalition_name": "Capital Front",
            "draft_points": POINTS,
        },
        follow=True,
    )
    proposal = PartnershipProposal.objects.get()
    assert response.redirect_chain[-1][0] == proposal.get_absolute_url()
    assert "Your proposal was sent" in response.content.decode()
    assert (proposal.coalition_name, proposal.proposed_by) == ("Capital Front", alice)


def test_form_errors_keep_the_typed_data(client_as, collective, partner):
    response = client_as("alice").post(
        propose_url(collective, partner),
        {
            "kind": "new_coalition",
            "message": "Words typed with care.",
            "draft_points": "Point A",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"coalition_name": ["Give the new coalition a name."]}
    content = response.content.decode()
    assert "Words typed with care." in content
    assert "Point A" in content
    assert not PartnershipProposal.objects.exists()


def test_service_refusal_rerenders_on_the_field_with_the_typed_data(
    client_as, collective, partner, coalition
):
    response = client_as("alice").post(
        propose_url(collective, partner),
        {
            "kind": "new_coalition",
            "message": "Words typed with care.",
            "coalition_name": "Ceasefire coalition",
        },
    )
    assert response.status_code == 200
    assert "already exists" in response.context["form"].errors["coalition_name"][0]
    assert "Words typed with care." in response.content.decode()
    assert not PartnershipProposal.objects.exists()


def test_crossing_proposal_links_to_theirs(client_as, collective, partner, alice, dave):
    theirs = propose(partner, collective, dave)
    response = client_as("alice").post(
        propose_url(collective, partner),
        {
            "kind": "new_coalition",
            "message": "Hello",
            "coalition_name": "Something else",
        },
    )
    assert response.status_code == 200
    assert response.context["crossing"] == theirs
    assert theirs.get_absolute_url() in response.content.decode()
    assert PartnershipProposal.objects.count() == 1


def test_propose_page_for_a_closed_collective_shows_no_form(client_as, collective, partner):
    Collective.objects.filter(pk=partner.pk).update(open_to_partners=False)
    response = client_as("alice").get(propose_url(collective, partner))
    assert response.status_code == 200
    assert "does not take partnership proposals" in response.content.decode()
    assert b'name="message"' not in response.content


@pytest.mark.parametrize("target", ["unverified", "itself", "unknown", "blocked"])
def test_propose_page_404_for_impossible_targets(client_as, collective, partner, alice, target):
    slug = partner.slug
    if target == "unverified":
        Collective.objects.filter(pk=partner.pk).update(status=CollectiveStatus.PENDING)
    elif target == "itself":
        slug = collective.slug
    elif target == "unknown":
        slug = "nobody"
    else:
        PartnerExclusion.objects.create(
            collective=partner, other=collective, kind=ExclusionKind.BLOCKED
        )
    url = reverse("partners:proposal_create", args=[collective.slug, slug])
    assert client_as("alice").get(url).status_code == 404
    assert (
        client_as("alice")
        .post(url, {"kind": "new_coalition", "message": "x", "coalition_name": "y"})
        .status_code
        == 404
    )
    assert not PartnershipProposal.objects.exists()


def test_detail_page_shows_the_proposal_and_the_answer_buttons(
    client_as, collective, partner, alice
):
    proposal = propose(collective, partner, alice)
    response = client_as("dave").get(proposal.get_absolute_url())
    content = response.content.decode()
    assert response.context["can_answer"] and not response.context["can_withdraw"]
    for text in (
        "Shall we act together?",
        "Ottawa–Montréal Front",
        "Ceasefire now.",
        "Waiting for an answer",
        'value="accept"',
        'value="decline"',
    ):
        assert text in content


def test_detail_page_offers_withdraw_to_the_proposer(client_as, collective, partner, alice):
    proposal = propose(collective, partner, alice)
    response = client_as("alice").get(proposal.get_absolute_url())
    assert response.context["can_withdraw"] and not response.context["can_answer"]
    assert (
        reverse("partners:proposal_withdraw", args=[proposal.public_id])
        in response.content.decode()
    )


def test_detail_page_of_an_answered_proposal_says_who_and_offers_nothing(
    client_as, collective, partner, alice, dave
):
    proposal = proposal_answer(proposal=propose(collective, partner, alice), by=dave, accept=False)
    response = client_as("dave").get(proposal.get_absolute_url())
    assert not response.context["can_answer"]
    content = response.content.decode()
    assert "Declined" in content and "Dave" in content
    assert 'value="accept"' not in content


def test_accept_view_leads_to_the_coalition(client_as, collective, partner, alice):
    proposal = propose(collective, partner, alice)
    url = reverse("partners:proposal_answer", args=[proposal.public_id])
    response = client_as("dave").post(url, {"decision": "accept"})
    coalition = Coalition.objects.get()
    assert response.status_code == 302
    assert response.url == coalition.get_absolute_url()


def test_decline_view_leads_back_to_the_inbox(client_as, collective, partner, alice):
    proposal = propose(collective, partner, alice)
    url = reverse("partners:proposal_answer", args=[proposal.public_id])
    response = client_as("dave").post(url, {"decision": "decline"})
    assert response.url == reverse("partners:inbox", args=[partner.slug])
    assert not Coalition.objects.exists()


def test_answer_view_unknown_decision_is_400(client_as, collective, partner, alice):
    proposal = propose(collective, partner, alice)
    url = reverse("partners:proposal_answer", args=[proposal.public_id])
    assert client_as("dave").post(url, {"decision": "maybe"}).status_code == 400
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING


def test_answer_view_twice_says_already_answered(client_as, collective, partner, alice):
    proposal = propose(collective, partner, alice)
    url = reverse("partners:proposal_answer", args=[proposal.public_id])
    client = client_as("dave")
    client.post(url, {"decision": "decline"})
    response = client.post(url, {"decision": "accept"}, follow=True)
    assert response.redirect_chain[-1][0] == proposal.get_absolute_url()
    assert "already been answered" in response.content.decode()
    assert not Coalition.objects.exists()


def test_withdraw_view_leads_back_to_the_inbox(client_as, collective, partner, alice):
    proposal = propose(collective, partner, alice)
    url = reverse("partners:proposal_withdraw", args=[proposal.public_id])
    response = client_as("alice").post(url)
    assert response.url == reverse("partners:inbox", args=[collective.slug])
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.WITHDRAWN
