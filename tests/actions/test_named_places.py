"""A record that names cities is found near each of them (issue 14, first hour 15): the
article's country-level record of Pakistan's mobilizations ("Islamabad, Lahore, Karachi and
other major cities") has no point of its own, and is found near Karachi, Lahore and Islamabad,
never near a city far away; in the same number of queries as any search near a place."""

import re

import pytest

from organizing.actions.models import Action, ActionPlace

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded")]

PAKISTAN = "Mass mobilizations in Pakistan&#x27;s major cities"


def titles(response) -> list[str]:
    assert response.status_code == 200
    return re.findall(r'<h3 class="h6 mb-1"><a href="[^"]+">([^<]+)</a>', response.content.decode())


def test_the_seed_names_the_records_cities():
    record = Action.objects.get(title="Mass mobilizations in Pakistan's major cities")
    assert record.public_latitude is None  # a country, no point of its own
    assert sorted(record.named_places.values_list("name", flat=True)) == [
        "Islamabad",
        "Karachi",
        "Lahore",
    ]


@pytest.mark.parametrize("city", ["Karachi", "Lahore", "Islamabad"])
def test_a_search_near_each_named_city_finds_the_country_record(
    client, city, django_assert_max_num_queries
):
    # city lookup, count, the page's ids, its rows, hosts, causes, the cause list of the form
    with django_assert_max_num_queries(7):
        response = client.get(f"/actions/?when=past&place={city}&radius=25")
    assert PAKISTAN in titles(response)
    page = response.context["page"].object_list
    (record,) = [a for a in page if a.title.startswith("Mass mobilizations in Pakistan")]
    assert record.distance_km < 10  # from the named city's centre


@pytest.mark.parametrize("city", ["Tunis", "Tokyo", "Berlin"])
def test_a_search_near_a_far_city_does_not(client, city):
    assert PAKISTAN not in titles(client.get(f"/actions/?when=past&place={city}&radius=250"))


def test_nearest_first_orders_by_the_nearest_named_city(client):
    record = Action.objects.get(title="Mass mobilizations in Pakistan's major cities")
    karachi = record.named_places.get(name="Karachi")
    # Another record with a point of its own, 50 km away from Karachi.
    other = Action.objects.get(title="Protest outside the French embassy in Tunis")
    other.latitude, other.longitude = karachi.latitude + 0.45, karachi.longitude
    other.save()
    found = titles(client.get("/actions/?when=past&place=Karachi&radius=100&sort=nearest"))
    assert found.index(PAKISTAN) < found.index("Protest outside the French embassy in Tunis")


def test_a_named_place_outside_the_radius_does_not_bring_a_record_with_a_point(client):
    """A record with its own point far away is found near the city it names, not elsewhere."""
    tunis = Action.objects.get(title="Protest outside the French embassy in Tunis")
    ActionPlace.objects.create(action=tunis, name="Lahore", latitude=31.558, longitude=74.35071)
    assert "Protest outside the French embassy in Tunis" in titles(
        client.get("/actions/?when=past&place=Lahore&radius=25")
    )
    assert "Protest outside the French embassy in Tunis" in titles(
        client.get("/actions/?when=past&place=Tunis&radius=25")
    )
    assert "Protest outside the French embassy in Tunis" not in titles(
        client.get("/actions/?when=past&place=Berlin&radius=250")
    )
