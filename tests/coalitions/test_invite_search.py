"""The two invitation pages at scale: a search by name lists at most 30 invitable collectives
to choose from (all of them when there are no more than 30 in all, none otherwise), while what
is sent is checked against every invitable collective.

The cast is in tests/coalitions/conftest.py: cora coordinates `coalition` for `union`; alice
admins `collective`, which initiates `appeal`; nora admins `network`.
"""

import re

import pytest
from django.urls import reverse

from organizing.appeals.models import AppealInvitation
from organizing.coalitions.models import CoalitionMembershipStatus
from organizing.coalitions.selectors import INVITE_CHOICES_LIMIT
from organizing.collectives.models import CollectiveKind
from organizing.partners.models import ExclusionKind, PartnerExclusion
from tests.factories import draft, make_collective, membership_of

pytestmark = pytest.mark.django_db

# A signed-in page view once the session is warm: 5 queries for the coalition page, 6 for the
# appeal's (with its invitations listed); a little room for the base template.
MAX_QUERIES = 8


def make_harbour_groups(start: int, stop: int) -> list:
    """Verified student groups "Harbour Group NN" in Halifax, none with an admin."""
    return [
        make_collective(
            f"Harbour Group {n:02d}",
            f"harbour-{n:02d}",
            city="Halifax",
            kind=CollectiveKind.STUDENT_GROUP,
        )
        for n in range(start, stop)
    ]


@pytest.fixture
def appeal(collective, alice):
    return draft(collective, alice)


@pytest.fixture
def invite_url(coalition):
    return reverse("coalitions:invite", args=[coalition.slug])


@pytest.fixture
def appeal_url(appeal):
    return reverse("appeals:invite", args=[appeal.slug])


def choices_in(page: str, name: str) -> int:
    return page.count(f'name="{name}"')


# --- the coalition invitation (one collective: radios) --------------------------------------


def test_few_invitable_collectives_are_all_listed_with_place_and_kind(
    client_as, invite_url, network
):
    make_harbour_groups(1, 3)
    page = client_as("cora").get(invite_url).content.decode()
    assert 'type="radio"' in page and choices_in(page, "invited") == 3
    assert "Find a collective by name" in page
    assert "Harbour Group 01 — Halifax, Canada · Student or school-student group" in page
    assert "Nora&#x27;s Network — Ottawa, Canada · Trade union" in page


def test_too_many_to_list_asks_to_search(client_as, invite_url):
    make_harbour_groups(1, 41)
    page = client_as("cora").get(invite_url).content.decode()
    assert choices_in(page, "invited") == 0
    assert "search for the one you want by name" in page
    assert "Send the invitation" not in page


def test_search_narrows_the_choices(client_as, invite_url, network):
    make_harbour_groups(1, 41)
    response = client_as("cora").get(invite_url, {"q": "nora"})
    page = response.content.decode()
    assert choices_in(page, "invited") == 1 and "Nora&#x27;s Network" in page
    assert "Harbour Group" not in page
    assert 'value="nora"' in page  # the typed search stays in its field


def test_search_lists_at_most_30(client_as, invite_url):
    make_harbour_groups(1, 41)
    page = client_as("cora").get(invite_url, {"q": "Harbour"}).content.decode()
    assert choices_in(page, "invited") == INVITE_CHOICES_LIMIT == 30
    assert "Harbour Group 01" in page and "Harbour Group 31" not in page
    assert "More than 30 collectives match" in page


def test_search_matching_nothing_says_so(client_as, invite_url):
    make_harbour_groups(1, 41)
    page = client_as("cora").get(invite_url, {"q": "zanzibar"}).content.decode()
    assert choices_in(page, "invited") == 0
    assert "No collective that may be invited matches “zanzibar”." in page


def test_members_are_never_listed_even_when_searched(client_as, invite_url):
    page = client_as("cora").get(invite_url, {"q": "Coordinating"}).content.decode()
    assert choices_in(page, "invited") == 0


def test_post_with_a_collective_not_listed_invites_it(
    client_as, invite_url, coalition, union, network
):
    make_harbour_groups(1, 41)
    client = client_as("cora")
    assert "Nora" not in client.get(invite_url, {"q": "Harbour"}).content.decode()
    response = client.post(
        f"{invite_url}?q=Harbour", {"collective": union.pk, "invited": network.pk, "message": ""}
    )
    assert response.status_code == 302
    assert membership_of(coalition, network).status == CoalitionMembershipStatus.INVITED


def test_post_with_an_invalid_collective_is_a_form_error(
    client_as, invite_url, union, collective, coalition
):
    make_harbour_groups(1, 41)
    response = client_as("cora").post(
        invite_url, {"collective": union.pk, "invited": 999999, "message": "Hello"}
    )
    assert response.status_code == 200
    assert "invited" in response.context["form"].errors
    # A member (the union itself) is no more valid than an unknown id.
    response = client_as("cora").post(invite_url, {"collective": union.pk, "invited": union.pk})
    assert "invited" in response.context["form"].errors


def test_an_error_keeps_the_search_the_choice_and_the_message(
    client_as, invite_url, union, network
):
    make_harbour_groups(1, 41)
    PartnerExclusion.objects.create(collective=union, other=network, kind=ExclusionKind.BLOCKED)
    response = client_as("cora").post(
        f"{invite_url}?q=Harbour",
        {"collective": union.pk, "invited": network.pk, "message": "Please join"},
    )
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    page = response.content.decode()
    assert 'value="Harbour"' in page and "Please join" in page
    assert re.search(rf'value="{network.pk}"[^>]*checked', page)
    assert choices_in(page, "invited") == 31  # the 30 found and the one chosen


@pytest.mark.parametrize("text", ["", "Harbour"])
def test_invite_page_queries_do_not_grow(
    client_as, invite_url, django_assert_max_num_queries, text
):
    client = client_as("cora")
    client.get(invite_url)  # warm up (session, caches)
    counts = []
    for start, stop in ((1, 6), (6, 41)):  # 5 collectives, then 40
        make_harbour_groups(start, stop)
        with django_assert_max_num_queries(MAX_QUERIES) as captured:
            assert client.get(invite_url, {"q": text}).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], counts


# --- the appeal invitation (several collectives: checkboxes) --------------------------------


def test_appeal_few_invitable_collectives_are_all_listed(client_as, appeal_url, network):
    page = client_as("alice").get(appeal_url).content.decode()
    assert 'type="checkbox"' in page and choices_in(page, "collectives") >= 1
    assert "Nora&#x27;s Network — Ottawa, Canada · Trade union" in page


def test_appeal_too_many_to_list_asks_to_search(client_as, appeal_url):
    make_harbour_groups(1, 41)
    page = client_as("alice").get(appeal_url).content.decode()
    assert choices_in(page, "collectives") == 0
    assert "search for the ones you want by name" in page


def test_appeal_search_narrows_the_choices(client_as, appeal_url, network):
    make_harbour_groups(1, 41)
    page = client_as("alice").get(appeal_url, {"q": "Harbour Group 07"}).content.decode()
    assert "Harbour Group 07" in page and "Harbour Group 08" not in page
    assert "Nora" not in page


def test_appeal_search_lists_at_most_30(client_as, appeal_url):
    make_harbour_groups(1, 41)
    page = client_as("alice").get(appeal_url, {"q": "harbour"}).content.decode()
    assert choices_in(page, "collectives") == 30
    assert "More than 30 collectives match" in page


def test_appeal_post_with_collectives_not_listed_invites_them(
    client_as, appeal_url, appeal, network
):
    groups = make_harbour_groups(1, 41)
    chosen = [network.pk, groups[-1].pk]  # neither among the 30 listed for "Harbour"
    response = client_as("alice").post(
        f"{appeal_url}?q=Harbour", {"collectives": chosen}, follow=True
    )
    assert "2 collectives invited." in response.content.decode()
    assert set(
        AppealInvitation.objects.filter(appeal=appeal).values_list("collective_id", flat=True)
    ) == set(chosen)


def test_appeal_post_with_an_invalid_collective_is_a_form_error(
    client_as, appeal_url, appeal, collective, network
):
    response = client_as("alice").post(
        f"{appeal_url}?q=Nora", {"collectives": [network.pk, collective.pk]}
    )
    assert response.status_code == 200
    assert "collectives" in response.context["form"].errors
    assert not AppealInvitation.objects.filter(appeal=appeal).exists()
    page = response.content.decode()
    assert 'value="Nora"' in page and "Nora&#x27;s Network" in page


@pytest.mark.parametrize("text", ["", "Harbour"])
def test_appeal_invite_page_queries_do_not_grow(
    client_as, appeal_url, django_assert_max_num_queries, text
):
    client = client_as("alice")
    client.get(appeal_url)  # warm up (session, caches)
    counts = []
    for start, stop in ((1, 6), (6, 41)):  # 5 collectives, then 40
        make_harbour_groups(start, stop)
        with django_assert_max_num_queries(MAX_QUERIES) as captured:
            assert client.get(appeal_url, {"q": text}).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], counts
