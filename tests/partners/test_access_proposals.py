"""Access matrix of the proposal views and the inbox.

The cast: anonymous; charlie (outsider); bob (member of `collective`); olga (organizer of
`collective`); alice (admin of `collective`, the proposing side); dave (admin of `partner`, the
receiving side); mod (moderator). Refused requests write nothing.
"""

import pytest
from django.urls import reverse

from organizing.coalitions.models import Coalition
from organizing.outbox.models import OutboxMessage
from organizing.partners.models import PartnershipProposal, ProposalStatus
from tests.factories import make_collective, propose

pytestmark = pytest.mark.django_db

CAST = ["anonymous", "charlie", "bob", "olga", "alice", "dave", "mod"]


@pytest.fixture
def proposal(collective, partner, alice, olga):
    return propose(collective, partner, alice)


def written():
    return (
        PartnershipProposal.objects.count(),
        PartnershipProposal.objects.filter(status=ProposalStatus.PENDING).count(),
        Coalition.objects.count(),
        OutboxMessage.objects.count(),
    )


def assert_login_redirect(response):
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


# Expected status per view and person; 302 for anonymous is the login page.
MATRIX = {
    "proposal_create": {
        "anonymous": 302,
        "charlie": 404,
        "bob": 403,
        "olga": 200,
        "alice": 200,
        "dave": 404,
        "mod": 404,
    },
    "proposal_detail": {
        "anonymous": 302,
        "charlie": 404,
        "bob": 404,
        "olga": 200,
        "alice": 200,
        "dave": 200,
        "mod": 404,
    },
    "proposal_answer": {
        "anonymous": 302,
        "charlie": 404,
        "bob": 404,
        "olga": 403,
        "alice": 403,
        "dave": 302,
        "mod": 404,
    },
    "proposal_withdraw": {
        "anonymous": 302,
        "charlie": 404,
        "bob": 404,
        "olga": 302,
        "alice": 302,
        "dave": 403,
        "mod": 404,
    },
    "inbox": {
        "anonymous": 302,
        "charlie": 404,
        "bob": 403,
        "olga": 200,
        "alice": 200,
        "dave": 404,
        "mod": 404,
    },
}


def url_of(view, collective, partner, proposal):
    if view == "proposal_create":
        return reverse("partners:proposal_create", args=[collective.slug, partner.slug])
    if view == "inbox":
        return reverse("partners:inbox", args=[collective.slug])
    return reverse(f"partners:{view}", args=[proposal.public_id])


@pytest.mark.parametrize("who", CAST)
@pytest.mark.parametrize("view", ["proposal_create", "proposal_detail", "inbox"])
def test_pages_access(client_as, collective, partner, proposal, view, who):
    status = MATRIX[view][who]
    response = client_as(who).get(url_of(view, collective, partner, proposal))
    if who == "anonymous":
        assert_login_redirect(response)
    else:
        assert response.status_code == status


@pytest.mark.parametrize("who", CAST)
def test_propose_post_access(client_as, collective, partner, olga, who):
    url = url_of("proposal_create", collective, partner, None)
    before = written()
    response = client_as(who).post(
        url, {"kind": "new_coalition", "message": "Hello", "coalition_name": "Front"}
    )
    expected = {**MATRIX["proposal_create"], "olga": 302, "alice": 302}[who]
    if who == "anonymous":
        assert_login_redirect(response)
    else:
        assert response.status_code == expected
    if expected == 302 and who != "anonymous":
        assert PartnershipProposal.objects.get().proposed_by.email.startswith(who)
    else:
        assert written() == before


@pytest.mark.parametrize("who", CAST)
@pytest.mark.parametrize("view", ["proposal_answer", "proposal_withdraw"])
def test_actions_access(client_as, collective, partner, proposal, view, who):
    status = MATRIX[view][who]
    before = written()
    response = client_as(who).post(
        url_of(view, collective, partner, proposal), {"decision": "decline"}
    )
    if who == "anonymous":
        assert_login_redirect(response)
    else:
        assert response.status_code == status
    proposal.refresh_from_db()
    if status == 302 and who != "anonymous":
        assert proposal.status != ProposalStatus.PENDING
    else:
        assert proposal.status == ProposalStatus.PENDING
        assert written() == before


@pytest.mark.parametrize(
    ("view", "who"), [("proposal_answer", "dave"), ("proposal_withdraw", "alice")]
)
def test_actions_refuse_get(client_as, collective, partner, proposal, view, who):
    response = client_as(who).get(url_of(view, collective, partner, proposal))
    assert response.status_code == 405
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING


def test_unknown_proposal_is_404(client_as, alice):
    url = reverse("partners:proposal_detail", args=["00000000-0000-4000-8000-000000000000"])
    assert client_as("alice").get(url).status_code == 404


def test_admin_of_a_third_collective_gets_404(client_as, collective, partner, proposal, charlie):
    make_collective("Third", "third", admin=charlie)
    assert client_as("charlie").get(proposal.get_absolute_url()).status_code == 404
    url = reverse("partners:inbox", args=[collective.slug])
    assert client_as("charlie").get(url).status_code == 404
