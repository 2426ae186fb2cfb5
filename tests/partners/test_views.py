"""The partners page, its filters, and the dismiss, block and unblock buttons."""

import pytest
from django.urls import reverse

from organizing.collectives.models import Membership
from organizing.partners.models import (
    ExclusionKind,
    PartnerExclusion,
    PartnershipProposal,
    ProposalKind,
    ProposalStatus,
)
from organizing.partners.selectors.suggestions import MAX_QUERIES
from organizing.partners.services.proposals import proposal_create
from tests.conftest import make_user

from .conftest import LAVAL, PARIS, make_collective

pytestmark = pytest.mark.django_db


@pytest.fixture
def me(collective, causes):
    collective.causes.set([causes["ceasefire"], causes["arms"]])
    return collective


@pytest.fixture
def page_url(me):
    return reverse("partners:partners", kwargs={"slug": me.slug})


def action_url(name, me, other):
    return reverse(f"partners:{name}", kwargs={"slug": me.slug, "other": other.slug})


def test_page_lists_suggestions_with_their_reasons(client_as, me, causes, page_url):
    union = make_collective(
        "Laval Workers", kind="trade_union", causes=[causes["arms"]], where=LAVAL
    )
    response = client_as("alice").get(page_url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Laval Workers" in page
    assert "shares 1 demand (End arms sales to Israel)" in page
    assert "Trade union: none in your coalitions yet" in page
    assert union.get_absolute_url() in page
    assert (
        reverse("partners:proposal_create", kwargs={"slug": me.slug, "other": union.slug}) in page
    )
    assert action_url("dismiss", me, union) in page
    assert action_url("block", me, union) in page
    assert me.get_absolute_url() in page


def test_page_runs_a_fixed_number_of_queries(
    client_as, me, causes, page_url, django_assert_max_num_queries
):
    for n in range(30):
        make_collective(f"Candidate {n}", causes=[causes["ceasefire"]])
    blocked = make_collective("Blocked one", causes=[causes["ceasefire"]])
    PartnerExclusion.objects.create(collective=me, other=blocked, kind=ExclusionKind.BLOCKED)
    client = client_as("alice")
    client.get(page_url)  # fills the cache of world figures (ten minutes)
    # Session and user, access (2), the blocked list, the form's causes, the suggestions
    # (MAX_QUERIES).
    with django_assert_max_num_queries(6 + MAX_QUERIES):
        response = client.get(page_url, {"kind": "local_collective"})
    assert response.content.decode().count("<article") == 20


def test_pending_proposal_replaces_the_propose_button(client_as, me, causes, alice, page_url):
    other = make_collective("Asked", causes=[causes["ceasefire"]])
    proposal_create(
        from_collective=me,
        to_collective=other,
        by=alice,
        message="Hello",
        kind=ProposalKind.NEW_COALITION,
        coalition_name="Our front",
    )
    page = client_as("alice").get(page_url).content.decode()
    assert "Proposal pending" in page
    assert (
        reverse("partners:proposal_create", kwargs={"slug": me.slug, "other": other.slug})
        not in page
    )


def test_filters(client_as, me, causes, page_url):
    make_collective("Union far away", kind="trade_union", causes=[causes["ceasefire"]], where=PARIS)
    make_collective("Students nearby", kind="student_group", causes=[causes["arms"]], where=LAVAL)
    client = client_as("alice")

    def shown(**params):
        page = client.get(page_url, params).content.decode()
        return {name for name in ("Union far away", "Students nearby") if name in page}

    assert shown() == {"Union far away", "Students nearby"}
    assert shown(distance="country") == {"Students nearby"}
    assert shown(kind="trade_union") == {"Union far away"}
    assert shown(cause="test-arms") == {"Students nearby"}
    assert shown(cause="test-ceasefire", distance="city") == set()


@pytest.mark.parametrize(
    "params",
    [
        {"distance": "moon"},
        {"kind": "dragons"},
        {"cause": "test-climate"},
        {"cause": "x" * 500, "distance": "<script>", "kind": "'"},
    ],
)
def test_bad_filter_values_are_left_out_with_a_message(client_as, me, causes, page_url, params):
    make_collective("Still shown", causes=[causes["ceasefire"]], where=PARIS)
    response = client_as("alice").get(page_url, params)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Part of your search could not be used" in page
    assert "Still shown" in page


def test_unverified_collective_sees_a_notice_and_no_list(client_as, me, causes, page_url):
    me.status = "pending"
    me.save()
    make_collective("Would match", causes=[causes["ceasefire"]])
    page = client_as("alice").get(page_url).content.decode()
    assert "once a moderator has verified your collective" in page
    assert "Would match" not in page


def test_dismiss(client_as, me, causes, page_url):
    other = make_collective("Later", causes=[causes["ceasefire"]])
    response = client_as("alice").post(action_url("dismiss", me, other), follow=True)
    assert response.redirect_chain[-1][0] == page_url
    assert "for the next six months" in response.content.decode()
    exclusion = PartnerExclusion.objects.get(collective=me, other=other)
    assert exclusion.kind == ExclusionKind.DISMISSED and exclusion.expires_at is not None
    assert "Later</a>" not in response.content.decode()


def test_block_stops_suggestions_and_proposals_both_ways(
    client_as, me, causes, alice, charlie, page_url
):
    other = make_collective("Never", causes=[causes["ceasefire"]])
    Membership.objects.create(user=charlie, collective=other, role="admin")
    ours = proposal_create(
        from_collective=me,
        to_collective=other,
        by=alice,
        message="Hi",
        kind=ProposalKind.NEW_COALITION,
        coalition_name="Front",
    )
    response = client_as("alice").post(action_url("block", me, other), follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == page_url
    assert "is blocked" in page
    ours.refresh_from_db()
    assert ours.status == ProposalStatus.WITHDRAWN and ours.decided_at is not None
    # Their page does not suggest us either; the block is listed on ours, to be lifted.
    theirs = make_user("dora@example.org")
    Membership.objects.create(user=theirs, collective=other, role="organizer")
    client = client_as("anonymous")
    client.force_login(theirs)
    their_page = client.get(reverse("partners:partners", kwargs={"slug": other.slug}))
    assert me.name not in their_page.content.decode()


def test_block_declines_their_pending_proposal(client_as, me, causes, charlie):
    other = make_collective("Pushy", causes=[causes["ceasefire"]])
    Membership.objects.create(user=charlie, collective=other, role="admin")
    theirs = proposal_create(
        from_collective=other,
        to_collective=me,
        by=charlie,
        message="Hi",
        kind=ProposalKind.NEW_COALITION,
        coalition_name="Front",
    )
    client_as("alice").post(action_url("block", me, other))
    theirs.refresh_from_db()
    assert theirs.status == ProposalStatus.DECLINED and theirs.decided_at is not None


def test_unblock(client_as, me, causes, page_url):
    other = make_collective("Forgiven", causes=[causes["ceasefire"]])
    client = client_as("alice")
    client.post(action_url("block", me, other))
    page = client.get(page_url).content.decode()
    assert action_url("unblock", me, other) in page  # in the blocked list
    response = client.post(action_url("unblock", me, other), follow=True)
    assert "is no longer blocked" in response.content.decode()
    assert not PartnerExclusion.objects.exists()
    assert (
        reverse("partners:proposal_create", kwargs={"slug": me.slug, "other": other.slug})
        in response.content.decode()
    )


def test_cannot_dismiss_or_block_itself(client_as, me, page_url):
    response = client_as("alice").post(action_url("block", me, me), follow=True)
    assert "cannot dismiss or block itself" in response.content.decode()
    assert not PartnerExclusion.objects.exists()


def test_unknown_or_hidden_other_is_404(client_as, me, causes):
    hidden = make_collective("Pending one", causes=[causes["ceasefire"]], status="pending")
    client = client_as("alice")
    missing = reverse("partners:block", kwargs={"slug": me.slug, "other": "no-such"})
    assert client.post(missing).status_code == 404
    assert client.post(action_url("dismiss", me, hidden)).status_code == 404
    assert not PartnershipProposal.objects.exists() and not PartnerExclusion.objects.exists()


def test_post_views_refuse_get(client_as, me, causes):
    other = make_collective(causes=[causes["ceasefire"]])
    for name in ("dismiss", "block", "unblock"):
        assert client_as("alice").get(action_url(name, me, other)).status_code == 405
