"""The members page's history names who asked to join only to those who manage the requests
(admins with two-factor): a plain member, an organizer or an admin without two-factor sees
the rest of the history but not the requests, accepted ones aside (that person is a member)."""

import pytest
from django.urls import reverse

from organizing.collectives.models import Membership, MembershipEventKind, MembershipRole
from organizing.collectives.services.members import join_request_create, join_request_decide
from tests.conftest import enable_two_factor, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def requests_made(collective, alice):
    """Erin asked and was declined, Frank's request is pending, Gail was accepted."""
    enable_two_factor(alice)
    erin = make_user("erin@example.org", display_name="Erin Asker")
    frank = make_user("frank@example.org", display_name="Frank Asker")
    gail = make_user("gail@example.org", display_name="Gail Newcomer")
    declined = join_request_create(collective=collective, user=erin, message="")
    join_request_decide(join_request=declined, decided_by=alice, accept=False)
    join_request_create(collective=collective, user=frank, message="")
    accepted = join_request_create(collective=collective, user=gail, message="")
    join_request_decide(join_request=accepted, decided_by=alice, accept=True)


def history(client, collective) -> tuple[list, str]:
    response = client.get(reverse("collectives:members", kwargs={"slug": collective.slug}))
    assert response.status_code == 200
    return [event.kind for event in response.context["events"]], response.content.decode()


def test_admin_with_two_factor_sees_every_request(client_as, collective, requests_made):
    kinds, html = history(client_as("alice"), collective)
    assert kinds.count(MembershipEventKind.REQUESTED) == 3
    assert MembershipEventKind.REQUEST_DECLINED in kinds
    assert "Erin Asker" in html
    assert "Frank Asker" in html


@pytest.mark.parametrize(
    "role", [MembershipRole.MEMBER, MembershipRole.ORGANIZER, MembershipRole.ADMIN]
)
def test_others_do_not_see_who_asked_to_join(client, bob, collective, requests_made, role):
    # An admin without two-factor does not manage requests either (the page tells them why).
    Membership.objects.filter(user=bob, collective=collective).update(role=role)
    client.force_login(bob)
    kinds, html = history(client, collective)
    assert MembershipEventKind.REQUESTED not in kinds
    assert MembershipEventKind.REQUEST_DECLINED not in kinds
    assert "Erin Asker" not in html
    assert "Frank Asker" not in html
    # The accepted one is a member now: listed, and her arrival is in the history.
    assert MembershipEventKind.REQUEST_ACCEPTED in kinds
    assert "Gail Newcomer" in html


def test_hidden_requests_do_not_shorten_the_history(client, bob, alice, collective, requests_made):
    # More requests than the page shows: what is hidden is left out before the page's 20.
    for number in range(25):
        join_request_create(
            collective=collective, message="", user=make_user(f"asker{number}@example.org")
        )
    client.force_login(bob)
    kinds, _html = history(client, collective)
    assert MembershipEventKind.REQUEST_ACCEPTED in kinds
