"""A host's own page says who else sees the exact address, and "View as a visitor" shows the
page as an anonymous visitor sees it: never more to anyone else."""

import pytest

from organizing.actions.models import ActionStatus, LocationVisibility
from tests.factories import SECRET_ADDRESS, confirmed, make_action

pytestmark = pytest.mark.django_db


def page(client, action, query="") -> str:
    response = client.get(action.get_absolute_url() + query)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("visibility", "mark"),
    [
        (LocationVisibility.PARTICIPANTS, "Only confirmed participants and the hosts see this"),
        (LocationVisibility.HOSTS, "Only the hosts who see the attendee list see this address"),
        (LocationVisibility.PUBLIC, "Everyone sees this address."),
    ],
)
def test_hosts_see_who_else_sees_the_address(client_as, collective, visibility, mark):
    action = make_action(collective, location_visibility=visibility)
    body = page(client_as("alice"), action)
    assert SECRET_ADDRESS in body
    assert mark in body
    assert f'href="{action.get_absolute_url()}?as=visitor"' in body


def test_view_as_a_visitor_hides_the_address_and_the_host_tools(client_as, collective):
    action = make_action(collective, location_visibility=LocationVisibility.PARTICIPANTS)
    body = page(client_as("alice"), action, "?as=visitor")
    assert "You are viewing this page as a visitor sees it." in body
    assert f'href="{action.get_absolute_url()}">Back to your own view' in body
    assert SECRET_ADDRESS not in body
    assert "The exact address is shared with confirmed participants." in body
    assert "Cancel the action" not in body
    assert "/attendees/" not in body
    assert "Only confirmed participants and the hosts see this" not in body
    assert "I am coming" in body  # the form a visitor would get


def test_the_preview_ignores_the_hosts_own_rsvp(client_as, collective, alice):
    action = make_action(collective, location_visibility=LocationVisibility.PARTICIPANTS)
    client = client_as("alice")
    client.post(f"/actions/{action.slug}/rsvp/", {"name": ""})
    assert "Your RSVP" in page(client, action)
    assert "Your RSVP" not in page(client, action, "?as=visitor")


def test_a_public_address_stays_visible_in_the_preview(client_as, collective):
    action = make_action(collective, location_visibility=LocationVisibility.PUBLIC)
    assert SECRET_ADDRESS in page(client_as("alice"), action, "?as=visitor")


def test_the_preview_says_when_visitors_cannot_open_the_page(client_as, collective):
    action = make_action(collective, status=ActionStatus.DRAFT)
    body = page(client_as("alice"), action, "?as=visitor")
    assert "Visitors cannot open it yet: it is not public." in body


@pytest.mark.parametrize("who", ["anonymous", "charlie", "bob"])
def test_the_parameter_gives_no_one_else_anything(client_as, collective, who):
    action = make_action(collective, location_visibility=LocationVisibility.PARTICIPANTS)
    client = client_as(who)
    plain = page(client, action)
    preview = page(client, action, "?as=visitor")
    for body in (plain, preview):
        assert SECRET_ADDRESS not in body
        assert "You are viewing this page as a visitor" not in body
        assert "View as a visitor" not in body


def test_a_confirmed_participant_keeps_their_own_view(client, collective):
    action = make_action(collective, location_visibility=LocationVisibility.PARTICIPANTS)
    rsvp = confirmed(action, "Dana", "dana@example.net")
    session = client.session
    session["rsvp_tokens"] = {str(action.pk): rsvp.token}
    session.save()
    body = page(client, action, "?as=visitor")
    assert SECRET_ADDRESS in body  # their own page: the parameter changes nothing
    assert "You are viewing this page as a visitor" not in body
    assert "Only confirmed participants and the hosts see this" not in body
