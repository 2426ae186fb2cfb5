"""No feed and no API answer ever carries a hidden exact address, nor anything about RSVPs:
they are built as for an anonymous visitor, whoever asks (feed links get shared and cached)."""

import pytest

from organizing.actions.models import Action, Rsvp

from .conftest import API_URL, ATOM_URL, ICS_URL, RSS_URL, calendar_of

pytestmark = pytest.mark.django_db

SECRET_ADDRESS = "17 Sentinel Lane, back courtyard"
SECRET_VENUE = "Sentinel community hall"
# The exact point; the public one is rounded to (45.51, -73.56).
SECRET_LAT, SECRET_LNG = 45.512347, -73.556781
RSVP_NAME, RSVP_EMAIL = "Zelda Quartermaine", "zelda.quartermaine@example.org"
SECRETS = ("Sentinel", "45.512347", "73.556781", "45.5123", "73.5567", "Quartermaine")


@pytest.fixture
def hidden(make_action, alice, charlie):
    action = make_action(
        "Vigil at the hall",
        venue=SECRET_VENUE,
        address=SECRET_ADDRESS,
        latitude=SECRET_LAT,
        longitude=SECRET_LNG,
        area_label="Near the Old Port",
        location_visibility="participants",
    )
    Rsvp.objects.create(
        action=action, name=RSVP_NAME, email=RSVP_EMAIL, status="confirmed", token="z" * 40
    )
    Rsvp.objects.create(
        action=action,
        user=charlie,
        name="Charlie",
        email=charlie.email,
        status="confirmed",
        token="c" * 40,
    )
    return action


def every_output(client, action: Action, query: str = "") -> dict[str, str]:
    urls = {"ics": ICS_URL, "rss": RSS_URL, "atom": ATOM_URL, "api": API_URL}
    outputs = {}
    for name, url in urls.items():
        response = client.get(f"{url}?{query}")
        assert response.status_code == 200
        outputs[name] = response.content.decode()
        assert action.slug in outputs[name], name  # the action is there...
    response = client.get(f"{API_URL}{action.slug}/")
    assert response.status_code == 200
    outputs["api detail"] = response.content.decode()
    return outputs


@pytest.mark.parametrize("who", ["anonymous", "charlie", "alice"])
@pytest.mark.parametrize(
    "query",
    ["", "place=Montréal&radius=5&sort=nearest", "lat=45.505&lng=-73.55&radius=5", "q=hall"],
)
def test_hidden_address_and_rsvps_are_in_no_output(client_as, hidden, gazetteer, who, query):
    # charlie is a confirmed participant and alice an organizer: the page shows them the
    # address, the feeds and the API never do.
    for name, text in every_output(client_as(who), hidden, query).items():
        for secret in SECRETS:
            assert secret not in text, (name, secret)  # ...without its secrets
        assert "Near the Old Port" in text, name
        assert "Charlie" not in text and "charlie@" not in text, name


def test_api_has_no_field_about_rsvps_or_the_exact_place(client, hidden):
    data = client.get(f"{API_URL}{hidden.slug}/").json()
    assert data["venue"] is None and data["address"] is None
    assert data["point"] == {"lat": 45.51, "lng": -73.56}
    assert not {key for key in data if "rsvp" in key or "attend" in key or "capacity" in key}
    assert "latitude" not in data and "longitude" not in data


def test_calendar_location_is_the_public_place(client, hidden):
    event = calendar_of(client.get(ICS_URL)).walk("VEVENT")[0]
    assert str(event["LOCATION"]) == "Near the Old Port"
    assert "GEO" not in event


@pytest.mark.parametrize("visibility", ["hosts", "participants"])
def test_address_hidden_for_every_private_visibility(client, hidden, visibility):
    Action.objects.filter(pk=hidden.pk).update(location_visibility=visibility)
    for name, text in every_output(client, hidden).items():
        assert "Sentinel" not in text, name


def test_public_address_is_shown_everywhere(client, hidden):
    Action.objects.filter(pk=hidden.pk).update(location_visibility="public")
    outputs = every_output(client, hidden)
    for name in ("ics", "rss", "atom", "api", "api detail"):
        assert "17 Sentinel Lane" in outputs[name].replace("\\,", ","), name
    assert "Quartermaine" not in "".join(outputs.values())
