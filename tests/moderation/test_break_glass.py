"""Moderators and hidden addresses (issue 12, hole 10): the admin never shows nor lets staff
edit an exact place that is not public; a moderator sees it only by "breaking glass", with a
reason, recorded as a decision and emailed to the hosts. The same for staff and attendees."""

from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from organizing.actions.models import new_action_slug
from organizing.moderation.models import Decision, DecisionVerb, ModeratorScope
from organizing.outbox.models import OutboxMessage
from tests.conftest import login_with_two_factor
from tests.factories import confirmed, make_action

pytestmark = pytest.mark.django_db

VENUE, ADDRESS = "Hall of the Sentinel", "12 Sentinel Street"
LATITUDE, LONGITUDE = 45.512347, -73.567891
SECRETS = [VENUE, ADDRESS, str(LATITUDE), str(LONGITUDE)]


# The action of these tests, a week ahead, whose exact place is one of SECRETS.
GATES = {
    "title": "Vigil at the gates",
    "base": {
        "kind": "vigil",
        "status": "published",
        "timezone": "America/Toronto",
        "city": "Montréal",
        "country": "CA",
        "venue": VENUE,
        "address": ADDRESS,
        "latitude": LATITUDE,
        "longitude": LONGITUDE,
        "area_label": "Downtown Montréal",
    },
}


@pytest.fixture
def hidden(collective):
    return make_action(
        collective, slug=new_action_slug("Vigil"), location_visibility="hosts", **GATES
    )


@pytest.fixture
def mod_client(client, mod):
    return login_with_two_factor(client, mod)


def change_url(action) -> str:
    return reverse("admin:actions_action_change", args=[action.pk])


def reveal_url(action) -> str:
    return reverse("admin:actions_action_reveal_place", args=[action.pk])


def attendees_url(action) -> str:
    return reverse("admin:actions_action_attendees", args=[action.pk])


def leaked(body: str) -> list[str]:
    return [secret for secret in SECRETS if secret in body]


@pytest.mark.parametrize("visibility", ["hosts", "participants"])
def test_the_admin_change_page_shows_no_exact_place(mod_client, collective, visibility):
    action = make_action(
        collective, slug=new_action_slug("Vigil"), location_visibility=visibility, **GATES
    )
    page = mod_client.get(change_url(action)).content.decode()
    assert leaked(page) == []
    assert 'name="address"' not in page and 'name="latitude"' not in page
    assert reveal_url(action) in page  # the object tool and the notice in the form
    assert "Downtown Montréal" in page  # the public area stays


def test_the_admin_lists_and_searches_without_the_exact_place(mod_client, hidden):
    changelist = reverse("admin:actions_action_changelist")
    assert leaked(mod_client.get(changelist).content.decode()) == []
    found = mod_client.get(changelist, {"q": "Sentinel"}).content.decode()
    assert hidden.title not in found


def test_a_public_exact_place_stays_editable(mod_client, collective):
    action = make_action(
        collective, slug=new_action_slug("Vigil"), location_visibility="public", **GATES
    )
    page = mod_client.get(change_url(action)).content.decode()
    assert ADDRESS in page and 'name="address"' in page
    assert reveal_url(action) not in page


def test_posting_the_change_form_cannot_change_a_hidden_place(mod_client, hidden):
    form = mod_client.get(change_url(hidden)).context["adminform"].form
    data = {}
    for name in form.fields:  # the form as the browser would send it back
        value = form[name].value()
        if isinstance(value, datetime):
            local = timezone.localtime(value)
            data[f"{name}_0"], data[f"{name}_1"] = local.date().isoformat(), local.time()
        elif isinstance(value, list):
            data[name] = [str(item) for item in value]
        elif value not in (None, False):
            data[name] = value
    assert not {"venue", "address", "latitude", "longitude"} & set(form.fields)
    data.update(
        {
            "title": "Vigil at the north gate",
            "address": "1 Trap Road",
            "venue": "Trap",
            "latitude": "1",
            "longitude": "1",
            "host_links-TOTAL_FORMS": "0",
            "host_links-INITIAL_FORMS": "0",
        }
    )
    response = mod_client.post(change_url(hidden), data)
    assert response.status_code == 302
    hidden.refresh_from_db()
    assert hidden.title == "Vigil at the north gate"  # the form was saved
    assert (hidden.venue, hidden.address, hidden.latitude, hidden.longitude) == (
        VENUE,
        ADDRESS,
        LATITUDE,
        LONGITUDE,
    )


def test_the_reveal_page_asks_why_before_showing_anything(mod_client, hidden):
    page = mod_client.get(reveal_url(hidden))
    assert page.status_code == 200
    assert leaked(page.content.decode()) == []
    assert 'name="reason"' in page.content.decode()


def test_revealing_without_a_reason_is_refused_with_a_form_error(mod_client, hidden):
    response = mod_client.post(reveal_url(hidden), {"reason": "  "})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Give a reason" in body
    assert leaked(body) == []
    assert not Decision.objects.filter(verb=DecisionVerb.ADDRESS_REVEALED).exists()
    assert not OutboxMessage.objects.filter(to="alice@example.org").exists()


def test_revealing_records_a_decision_tells_the_hosts_and_shows_the_place(
    mod_client, hidden, mod, collective
):
    response = mod_client.post(reveal_url(hidden), {"reason": "A report says the venue is a trap."})
    assert response.status_code == 200
    assert leaked(response.content.decode()) == SECRETS
    decision = Decision.objects.get(verb=DecisionVerb.ADDRESS_REVEALED)
    assert (decision.moderator, decision.target_kind, decision.target_id) == (
        mod,
        "action",
        hidden.pk,
    )
    assert (decision.collective, decision.reason) == (
        collective,
        "A report says the venue is a trap.",
    )
    email = OutboxMessage.objects.get(to="alice@example.org")  # the lead host's admin
    assert hidden.title in email.subject
    assert "A report says the venue is a trap." in email.body_text
    assert leaked(email.body_text + email.body_html) == []  # who looked and why, not what
    assert not OutboxMessage.objects.filter(to="bob@example.org").exists()  # a plain member
    # The hosts read it on the action's moderation page.
    login_with_two_factor(mod_client, collective.memberships.get(role="admin").user)
    page = mod_client.get(reverse("moderation_decisions:action", args=[hidden.slug]))
    assert "A report says the venue is a trap." in page.content.decode()


def test_a_public_place_has_nothing_to_reveal(mod_client, collective):
    action = make_action(
        collective, slug=new_action_slug("Vigil"), location_visibility="public", **GATES
    )
    response = mod_client.post(reveal_url(action), {"reason": "Curious."})
    assert "nothing to reveal" in response.content.decode()
    assert not Decision.objects.filter(verb=DecisionVerb.ADDRESS_REVEALED).exists()


def test_a_moderator_outside_their_countries_gets_404(mod_client, mod, hidden):
    ModeratorScope.objects.create(user=mod, countries=["FR"])
    assert mod_client.get(reveal_url(hidden)).status_code == 404
    assert mod_client.post(reveal_url(hidden), {"reason": "Why not."}).status_code == 404
    assert not Decision.objects.exists()


def test_staff_without_two_factor_never_reach_the_reveal(client, mod, hidden):
    client.force_login(mod)
    response = client.post(reveal_url(hidden), {"reason": "A report."})
    assert response.status_code == 302
    assert not Decision.objects.exists()


# --- attendees ----------------------------------------------------------------------------


def test_moderators_have_no_way_to_the_attendees(mod_client, hidden):
    confirmed(hidden, "Dana", "dana@example.net")
    assert attendees_url(hidden) not in mod_client.get(change_url(hidden)).content.decode()
    assert mod_client.get(attendees_url(hidden)).status_code == 404
    assert mod_client.post(attendees_url(hidden), {"reason": "A report."}).status_code == 404
    assert not Decision.objects.exists()


def test_staff_see_attendees_only_with_a_reason_recorded_and_told(admin_client, hidden, collective):
    confirmed(hidden, "Dana", "dana@example.net")
    assert attendees_url(hidden) in admin_client.get(change_url(hidden)).content.decode()
    page = admin_client.get(attendees_url(hidden)).content.decode()
    assert "dana@example.net" not in page
    refused = admin_client.post(attendees_url(hidden), {"reason": ""}).content.decode()
    assert "Give a reason" in refused and "dana@example.net" not in refused
    assert not Decision.objects.exists()

    shown = admin_client.post(attendees_url(hidden), {"reason": "A person was reported."})
    assert "dana@example.net" in shown.content.decode()
    decision = Decision.objects.get(verb=DecisionVerb.ATTENDEES_ACCESSED)
    assert (decision.target_id, decision.collective, decision.reason) == (
        hidden.pk,
        collective,
        "A person was reported.",
    )
    email = OutboxMessage.objects.get(to="alice@example.org")
    assert "A person was reported." in email.body_text
    assert "dana@example.net" not in email.body_text
