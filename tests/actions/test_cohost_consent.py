"""Co-hosts are asked per action, and see the attendees only when the lead host grants it.

Posting for a coalition invites each consenting member (no one is listed nor gets any right
before its admins accept); attendee personal data (list, CSV, RSVP decisions, announcements,
the hosts-only place) goes to the lead host's admins and organizers, and to a co-host only
with the lead's explicit grant; supporters never.
"""

import pytest
from django.urls import reverse

from organizing.actions.models import ActionHost, HostConsent, HostRole, Rsvp
from organizing.actions.services import posting as services
from organizing.coalitions.services.coalitions import coalition_invite, coalition_membership_answer
from organizing.outbox.models import OutboxMessage
from tests.conftest import login_with_two_factor, make_user
from tests.factories import make_coalition, make_collective, make_organizer, post_action

pytestmark = pytest.mark.django_db

HIDDEN_ADDRESS = "7 Quiet Courtyard"


@pytest.fixture
def cora(db):
    return make_user("cora@example.org", display_name="Cora")


@pytest.fixture
def union(cora):
    """A verified collective: cora is its admin, olga its organizer."""
    union = make_collective("Coordinating Union", "coordinating-union", admin=cora)
    make_organizer(union, "olga@example.org", display_name="Olga")
    return union


@pytest.fixture
def olga(union):
    return union.memberships.get(role="organizer").user


@pytest.fixture
def coalition(union, cora, collective, alice):
    """The union founds the coalition; alice's collective joins and consents to its points."""
    coalition = make_coalition((union, cora))
    membership = coalition_invite(
        coalition=coalition, collective=collective, by=cora, inviting_collective=union
    )
    coalition_membership_answer(membership=membership, by=alice, accept=True)
    return coalition


@pytest.fixture
def action(alice, collective, coalition, gazetteer):
    """Posted by alice for the coalition, its address for the hosts only."""
    return post_action(
        alice,
        collective,
        coalition=coalition.pk,
        location_visibility="hosts",
        venue="Union hall",
        address=HIDDEN_ADDRESS,
    )


@pytest.fixture
def cohost_link(action, union):
    return ActionHost.objects.get(action=action, collective=union)


@pytest.fixture
def dana(action):
    return Rsvp.objects.create(
        action=action, name="Dana", email="dana@example.net", status="confirmed", token="d" * 40
    )


def accept(link, cora):
    return services.action_host_respond(host_link=link, user=cora, accept=True)


def attendee_urls(action, rsvp) -> list[str]:
    return [
        reverse("actions:attendees", args=[action.slug]),
        reverse("actions:attendees_csv", args=[action.slug]),
        reverse("actions:edit", args=[action.slug]),
    ]


def post_urls(action, rsvp) -> list[str]:
    return [
        reverse("actions:rsvp_decide", args=[action.slug, rsvp.pk, "decline"]),
        reverse("actions:announce", args=[action.slug]),
    ]


# --- posting for a coalition asks each member, per action ---------------------------------


def test_posting_for_a_coalition_invites_the_consenting_members(action, union, cohost_link):
    assert action.coalition is not None
    assert (cohost_link.role, cohost_link.consent) == (HostRole.CO_HOST, HostConsent.INVITED)
    assert not cohost_link.attendee_access
    email = OutboxMessage.objects.get(to="cora@example.org", subject__contains=action.title)
    answer = reverse("actions:host_respond", args=[action.slug, cohost_link.pk, "accept"])
    assert answer in email.body_text


def test_invited_co_hosts_are_listed_only_once_they_accept(client, action, cohost_link, cora):
    public = [
        action.get_absolute_url(),
        reverse("feeds:api_action", args=[action.slug]),
        reverse("feeds:api_actions"),
    ]
    by_host = reverse("actions:browse") + "?host=coordinating-union"
    for url in public:
        assert "Coordinating Union" not in client.get(url).content.decode(), url
    assert action.title not in client.get(by_host).content.decode()
    client.force_login(cora)
    client.post(reverse("actions:host_respond", args=[action.slug, cohost_link.pk, "accept"]))
    client.logout()
    for url in public:
        assert "Coordinating Union" in client.get(url).content.decode(), url
    assert action.title in client.get(by_host).content.decode()


def test_a_declined_coalition_invitation_lists_nothing(client, action, cohost_link, cora):
    services.action_host_respond(host_link=cohost_link, user=cora, accept=False)
    assert "Coordinating Union" not in client.get(action.get_absolute_url()).content.decode()


def test_an_invited_co_host_has_no_rights_yet(client, action, cohost_link, olga, dana):
    login_with_two_factor(client, olga)
    for url in attendee_urls(action, dana):
        assert client.get(url).status_code == 403
    assert HIDDEN_ADDRESS not in client.get(action.get_absolute_url()).content.decode()


# --- a co-host sees the attendees only with the lead's grant --------------------------------


@pytest.mark.parametrize("who", ["cora", "olga"])
def test_co_host_organizer_without_grant_gets_403_and_no_address(
    client, request, action, cohost_link, cora, dana, who
):
    accept(cohost_link, cora)
    login_with_two_factor(client, request.getfixturevalue(who))
    for url in attendee_urls(action, dana):
        assert client.get(url).status_code == 403, url
    for url in post_urls(action, dana):
        assert client.post(url, {"subject": "Hi", "body": "Hello"}).status_code == 403, url
    assert Rsvp.objects.get(pk=dana.pk).status == "confirmed"
    page = client.get(action.get_absolute_url()).content.decode()
    calendar = client.get(reverse("actions:calendar", args=[action.slug])).content.decode()
    assert HIDDEN_ADDRESS not in page and HIDDEN_ADDRESS not in calendar
    assert "Dana" not in page and "dana@example.net" not in page


def test_co_host_organizer_with_the_grant_sees_attendees_and_address(
    client, alice, action, cohost_link, cora, olga, dana
):
    accept(cohost_link, cora)
    services.action_host_grant_attendee_access(host_link=cohost_link, user=alice, grant=True)
    login_with_two_factor(client, olga)
    for url in attendee_urls(action, dana):
        assert client.get(url).status_code == 200, url
    csv = client.get(reverse("actions:attendees_csv", args=[action.slug])).content.decode()
    assert "dana@example.net" in csv
    assert HIDDEN_ADDRESS in client.get(action.get_absolute_url()).content.decode()
    calendar = client.get(reverse("actions:calendar", args=[action.slug])).content.decode()
    assert HIDDEN_ADDRESS in calendar


def test_a_suspended_co_host_loses_the_use_of_its_grant_until_lifted(
    client, alice, mod, action, cohost_link, cora, olga, dana
):
    from organizing.moderation.services.decisions import (
        collective_suspend,
        collective_unsuspend,
    )

    accept(cohost_link, cora)
    services.action_host_grant_attendee_access(host_link=cohost_link, user=alice, grant=True)
    collective_suspend(collective=cohost_link.collective, moderator=mod, reason="Spam")
    login_with_two_factor(client, olga)
    for url in attendee_urls(action, dana):
        assert client.get(url).status_code in (403, 404), url
    assert HIDDEN_ADDRESS not in client.get(action.get_absolute_url()).content.decode()

    collective_unsuspend(collective=cohost_link.collective, moderator=mod, reason="Appeal heard")
    assert client.get(reverse("actions:attendees", args=[action.slug])).status_code == 200


def test_lead_grants_and_withdraws_from_the_edit_page(
    client, alice, action, cohost_link, cora, olga, dana
):
    accept(cohost_link, cora)
    login_with_two_factor(client, alice)
    edit = reverse("actions:edit", args=[action.slug])
    page = client.get(edit).content.decode()
    assert "Let Coordinating Union see the attendees" in page
    response = client.post(edit, {"intent": "grant_attendees", "host": cohost_link.pk}, follow=True)
    assert "now see the attendees" in response.content.decode()
    assert ActionHost.objects.get(pk=cohost_link.pk).attendee_access
    response = client.post(
        edit, {"intent": "withdraw_attendees", "host": cohost_link.pk}, follow=True
    )
    assert "no longer sees the attendees" in response.content.decode()
    assert not ActionHost.objects.get(pk=cohost_link.pk).attendee_access
    login_with_two_factor(client, olga)
    assert client.get(reverse("actions:attendees", args=[action.slug])).status_code == 403


@pytest.mark.parametrize("host", ["", "abc", "99999", "1e3", "²"])
def test_junk_host_in_the_grant_form_is_a_404(client, alice, action, host):
    login_with_two_factor(client, alice)
    response = client.post(
        reverse("actions:edit", args=[action.slug]), {"intent": "grant_attendees", "host": host}
    )
    assert response.status_code == 404


def test_only_the_lead_host_grants(action, cohost_link, cora, olga):
    accept(cohost_link, cora)
    for user in (cora, olga):
        with pytest.raises(services.PostingError):
            services.action_host_grant_attendee_access(host_link=cohost_link, user=user, grant=True)
    assert not ActionHost.objects.get(pk=cohost_link.pk).attendee_access


def test_no_grant_before_the_co_host_accepts(alice, action, cohost_link):
    with pytest.raises(services.PostingError):
        services.action_host_grant_attendee_access(host_link=cohost_link, user=alice, grant=True)


def test_a_co_host_member_without_organizing_role_never_sees_attendees(
    client, alice, action, cohost_link, cora, dana
):
    accept(cohost_link, cora)
    services.action_host_grant_attendee_access(host_link=cohost_link, user=alice, grant=True)
    member = make_user("mia@example.org")
    cohost_link.collective.memberships.create(user=member, role="member")
    login_with_two_factor(client, member)
    assert client.get(reverse("actions:attendees", args=[action.slug])).status_code == 403


# --- supporters never -------------------------------------------------------------------------


@pytest.fixture
def supporter_link(alice, action, gazetteer):
    dora = make_user("dora@example.org")
    supporter = make_collective("Dockworkers", "dockworkers", admin=dora)
    link = services.action_invite_host(
        action=action, collective=supporter, role="supporter", invited_by=alice
    )
    services.action_host_respond(host_link=link, user=dora, accept=True)
    return link


def test_supporters_cannot_be_granted(alice, supporter_link):
    with pytest.raises(services.PostingError):
        services.action_host_grant_attendee_access(host_link=supporter_link, user=alice, grant=True)


def test_supporters_never_see_attendees_even_with_the_flag_set(
    client, action, supporter_link, dana
):
    ActionHost.objects.filter(pk=supporter_link.pk).update(attendee_access=True)
    dora = supporter_link.collective.memberships.get().user
    login_with_two_factor(client, dora)
    for url in attendee_urls(action, dana):
        assert client.get(url).status_code == 403, url
    assert HIDDEN_ADDRESS not in client.get(action.get_absolute_url()).content.decode()


def test_lead_organizers_keep_every_right(client, alice, action, dana):
    login_with_two_factor(client, alice)
    for url in attendee_urls(action, dana):
        assert client.get(url).status_code == 200, url
    assert HIDDEN_ADDRESS in client.get(action.get_absolute_url()).content.decode()


def test_the_posting_page_says_who_was_asked(client, alice, collective, coalition, gazetteer):
    from tests.factories import POST_URL as URL
    from tests.factories import form_data

    login_with_two_factor(client, alice)
    response = client.post(URL, form_data(collective, coalition=coalition.pk), follow=True)
    assert "1 collective of the coalition is asked to co-host it" in response.content.decode()
