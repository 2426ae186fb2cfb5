"""Browse /actions/: where, when, what, order; bad input; the remembered area; query budgets."""

import math
import re
from datetime import UTC, date, datetime, timedelta

import pytest
from django.http import QueryDict
from django.utils import timezone, translation

from organizing.actions.filters import ActionBrowseFilter
from organizing.actions.models import Action, ActionOccurrence
from organizing.actions.selectors.browse import BROWSE_PAGE_SIZE, action_browse_queryset
from organizing.coalitions.models import Coalition
from organizing.collectives.models import Collective
from organizing.core.models import Cause
from organizing.places.remembered import COOKIE_NAME
from organizing.places.selectors import EARTH_RADIUS_KM
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("gazetteer")]

SOON = timezone.now() + timedelta(days=10)


# What every action of this module has: a published vigil in Montréal.
MONTREAL_VIGIL = {
    "kind": "vigil",
    "status": "published",
    "timezone": "America/Toronto",
    "city": "Montréal",
    "country": "CA",
}


def action_in_montreal(
    title, *, host=None, lat=45.50884, lng=-73.58781, starts_at=SOON, hours=2, **fields
) -> Action:
    """`tests.factories.make_action` at a point (default: downtown Montréal), from `starts_at`
    (an absolute time, or None) for `hours`; its slug is its title's."""
    return factories.make_action(
        host,
        title=title,
        slug=re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-"),
        starts_in=None,
        base=MONTREAL_VIGIL,
        **{
            "latitude": lat,
            "longitude": lng,
            "starts_at": starts_at,
            "ends_at": starts_at + timedelta(hours=hours) if starts_at else None,
            **fields,
        },
    )


def titles(response) -> list[str]:
    return re.findall(r'<h3 class="h6 mb-1"><a href="[^"]+">([^<]+)</a>', response.content.decode())


def browse(client, query=""):
    response = client.get(f"/actions/?{query}")
    assert response.status_code == 200
    return response


# Where


def test_montreal_within_50_km_finds_the_bridge_blockade_but_not_ottawa(client, seeded):
    found = titles(browse(client, "when=past&place=Montréal&radius=50"))
    assert "Blockade of the Jacques Cartier bridge" in found
    assert "March on Ottawa" not in found


def test_montreal_within_250_km_finds_both(client, seeded):
    # 200 km is not a radius offered: 250 km is the next one (Ottawa is about 165 km away).
    found = titles(browse(client, "when=past&place=Montreal&radius=250"))
    assert {"Blockade of the Jacques Cartier bridge", "March on Ottawa"} <= set(found)


def test_place_in_another_script_and_language(client, seeded):
    found = titles(browse(client, "when=past&place=Монреаль&radius=50"))
    assert "Blockade of the Jacques Cartier bridge" in found


def haversine_km(lat1, lng1, lat2, lng2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lng2 - lng1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def test_distance_shown_is_the_great_circle_one_from_the_public_point(client, collective):
    action = action_in_montreal("Vigil in Laval", host=collective, lat=45.5699, lng=-73.6921)
    search = browse(client, "place=Montréal&radius=25").context["page"].object_list
    expected = haversine_km(45.50884, -73.58781, action.public_latitude, action.public_longitude)
    assert search[0].distance_km == pytest.approx(expected, rel=1e-9)


def test_across_the_antimeridian_in_fiji(client, collective):
    # Suva (178.44 E) and Taveuni (-179.9 W) are about 190 km apart across the ±180° line.
    action_in_montreal(
        "Rally in Taveuni",
        host=collective,
        lat=-16.85,
        lng=-179.95,
        timezone="Pacific/Fiji",
        city="Taveuni",
        country="FJ",
    )
    action_in_montreal(
        "Rally in Lautoka",
        host=collective,
        lat=-17.6,
        lng=177.45,
        timezone="Pacific/Fiji",
        city="Lautoka",
        country="FJ",
    )
    found = titles(browse(client, "lat=-18.14&lng=178.44&radius=250"))
    assert found == ["Rally in Lautoka", "Rally in Taveuni"] or set(found) == {
        "Rally in Lautoka",
        "Rally in Taveuni",
    }
    box_across = browse(client, "bbox=-20,179,-15,-179")
    assert titles(box_across) == ["Rally in Taveuni"]
    assert box_across.context["map_bounds"] == [[-20, 179], [-15, 181]]
    (_, west), (_, east) = browse(client, "lat=-18.14&lng=179.9&radius=100").context["map_bounds"]
    assert 178 < west < 180 < east < 182


def test_near_the_north_pole(client, collective):
    action_in_montreal(
        "Svalbard teach-in",
        host=collective,
        lat=78.22,
        lng=15.65,
        timezone="Arctic/Longyearbyen",
        city="Longyearbyen",
        country="NO",
    )
    action_in_montreal(
        "Other side of the pole",
        host=collective,
        lat=89.5,
        lng=-165.0,
        timezone="UTC",
        city="",
        country="",
    )
    response = browse(client, "lat=89.9&lng=0&radius=250")
    assert titles(response) == ["Other side of the pole"]
    (_, west), (_, east) = response.context["map_bounds"]
    assert (west, east) == (-180, 180)  # around a pole: every longitude


def test_radius_edge_is_inclusive_and_exclusive_beyond(client, collective):
    # A point 0.5 degrees of latitude north is 55.6 km away: out at 50 km, in at 100 km.
    action_in_montreal("North of Montréal", host=collective, lat=46.00884, lng=-73.58781)
    assert titles(browse(client, "lat=45.50884&lng=-73.58781&radius=50")) == []
    assert titles(browse(client, "lat=45.50884&lng=-73.58781&radius=100")) == ["North of Montréal"]


def test_search_uses_the_public_point_never_the_exact_one(client, collective):
    # Exact point 0.004 degrees from the rounded one: a search centred on the exact point with
    # the smallest radius still finds it, but the distance shown is from the public point.
    action = action_in_montreal(
        "Hidden meeting",
        host=collective,
        lat=45.5039,
        lng=-73.5839,
        location_visibility="participants",
        address="12 Secret Street",
    )
    page = browse(client, "lat=45.5039&lng=-73.5839&radius=5")
    result = page.context["page"].object_list[0]
    assert result.pk == action.pk
    assert result.distance_km == pytest.approx(
        haversine_km(45.5039, -73.5839, 45.50, -73.58), rel=1e-9
    )
    assert "12 Secret Street" not in page.content.decode()


def test_map_markers_are_the_public_points_of_the_listed_actions(client, collective):
    action_in_montreal("Vigil downtown", host=collective, lat=45.50884, lng=-73.58781)
    page = browse(client, "place=Montréal")
    assert page.context["map_points"] == [
        {
            "lat": 45.51,
            "lng": -73.59,
            "title": "Vigil downtown",
            "url": "/actions/vigil-downtown/",
            "target": "result-vigil-downtown",
        }
    ]
    assert 'id="result-vigil-downtown"' in page.content.decode()


# When


def test_upcoming_by_default_and_past_on_request(client, collective):
    action_in_montreal("Coming vigil", host=collective)
    action_in_montreal("Old vigil", host=collective, starts_at=timezone.now() - timedelta(days=30))
    assert titles(browse(client)) == ["Coming vigil"]
    assert titles(browse(client, "when=past")) == ["Old vigil"]


def test_ongoing_action_is_still_upcoming(client, collective):
    action_in_montreal(
        "Encampment", host=collective, starts_at=timezone.now() - timedelta(days=2), hours=24 * 5
    )
    assert titles(browse(client)) == ["Encampment"]


def test_date_range_uses_each_actions_own_time_zone(client, collective):
    # 23:30 in Vancouver on 2 March 2031 is already 3 March in UTC.
    action_in_montreal(
        "Late vigil in Vancouver",
        host=collective,
        timezone="America/Vancouver",
        starts_at=datetime(2031, 3, 3, 7, 30, tzinfo=UTC),
        hours=0.25,
        lat=49.28,
        lng=-123.12,
    )
    assert titles(browse(client, "start=2031-03-02&end=2031-03-02")) == ["Late vigil in Vancouver"]
    assert titles(browse(client, "start=2031-03-03&end=2031-03-03")) == []


def test_weekly_series_shows_its_next_date(client, collective):
    now = timezone.now()
    first = now - timedelta(days=15)  # dates at -15, -8 and -1 days are over
    series = action_in_montreal(
        "Weekly demo",
        host=collective,
        starts_at=first,
        recurrence_until=(now + timedelta(days=30)).date(),
        recurrence_weekdays=[first.weekday()],
    )
    for week in range(7):
        ActionOccurrence.objects.create(
            action=series,
            starts_at=first + timedelta(weeks=week),
            ends_at=first + timedelta(weeks=week, hours=2),
        )
    response = browse(client)
    assert titles(response) == ["Weekly demo"]
    result = response.context["page"].object_list[0]
    assert result.next_starts_at == first + timedelta(weeks=3)
    assert "Next:" in response.content.decode()


def test_series_matches_a_date_range_only_on_one_of_its_dates(client, collective):
    first = datetime(2031, 3, 3, 15, 0, tzinfo=UTC)  # a Monday
    series = action_in_montreal(
        "Monday demo",
        host=collective,
        starts_at=first,
        recurrence_until=date(2031, 3, 31),
        recurrence_weekdays=[0],
    )
    for week in range(5):
        ActionOccurrence.objects.create(action=series, starts_at=first + timedelta(weeks=week))
    assert titles(browse(client, "start=2031-03-10&end=2031-03-10")) == ["Monday demo"]
    assert titles(browse(client, "start=2031-03-11&end=2031-03-16")) == []


# What


@pytest.fixture
def varied_actions(collective, alice):
    ceasefire = Cause.objects.create(name="Ceasefire", slug="ceasefire")
    union = Collective.objects.create(
        name="Teachers' union", slug="teachers", kind="trade_union", status="verified", country="CA"
    )
    coalition = Coalition.objects.create(name="Front uni", slug="front-uni")
    made = {
        "teach_in": action_in_montreal(
            "Teach-in on the siege",
            host=union,
            kind="teach_in",
            description="History and law",
            languages=["fr", "en"],
        ),
        "vigil": action_in_montreal(
            "Candle vigil",
            host=collective,
            coalition=coalition,
            accessibility_info="Step-free access",
        ),
        "online": action_in_montreal(
            "Online call-in",
            host=collective,
            kind="online_action",
            online_url="https://meet.example.org/x",
            latitude=None,
            longitude=None,
            city="",
        ),
    }
    made["vigil"].causes.add(ceasefire)
    return made


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=teach_in", ["Teach-in on the siege"]),
        ("cause=ceasefire", ["Candle vigil"]),
        ("host=teachers", ["Teach-in on the siege"]),
        ("coalition=front-uni", ["Candle vigil"]),
        ("language=fr", ["Teach-in on the siege"]),
        ("format=online", ["Online call-in"]),
        ("format=in_person", ["Candle vigil", "Teach-in on the siege"]),
        ("accessible=on", ["Candle vigil"]),
        ("q=siege", ["Teach-in on the siege"]),
        ("q=law+history", ["Teach-in on the siege"]),
    ],
)
def test_each_filter(client, varied_actions, query, expected):
    assert sorted(titles(browse(client, query))) == expected


def test_nearest_or_soonest_first(client, collective):
    action_in_montreal("Far and soon", host=collective, lat=45.9, lng=-73.58781, starts_at=SOON)
    action_in_montreal("Near and later", host=collective, starts_at=SOON + timedelta(days=3))
    assert titles(browse(client, "place=Montréal&radius=100")) == ["Far and soon", "Near and later"]
    assert titles(browse(client, "place=Montréal&radius=100&sort=nearest")) == [
        "Near and later",
        "Far and soon",
    ]


def test_only_published_actions_are_listed(client, collective):
    action_in_montreal("Draft", host=collective, status="draft")
    action_in_montreal("Pending", host=collective, status="pending_review")
    action_in_montreal("Cancelled", host=collective, status="cancelled")
    assert titles(browse(client)) == []


# Bad input never fails the page


BAD_QUERIES = [
    "radius=abc",
    "radius=7",
    "radius=-50",
    "radius=1e309",
    "lat=999&lng=0",
    "lat=abc&lng=1",
    "lat=nan&lng=nan",
    "lat=inf&lng=1",
    "lat=45",
    "lng=-73",
    "bbox=junk",
    "bbox=1,2,3",
    "bbox=50,0,40,10",
    "bbox=-95,0,10,10",
    "bbox=nan,nan,nan,nan",
    "start=2024-13-45",
    "end=yesterday",
    "start=2031-01-01&end=2030-01-01",
    "page=-1",
    "page=99999",
    "page=abc",
    "kind=<script>alert(1)</script>",
    "sort=__class__",
    "sort=-starts_at",
    "when=future",
    "cause=nope",
    "host=nobody",
    "coalition=%00",
    "language=xx",
    "format=teleport",
    "accessible=maybe",
    "q=" + "x" * 5000,
    "place=" + "y" * 5000,
    "place=Zzyzxqw",
    "place=%00%01",
    "order_by=password",
    "status=draft",
    "o=-id",
    "q=%27%3B+DROP+TABLE",
    'q="unbalanced',
    "q=-",
    "q=!!!",
    "q=&&&|||",
    "radius=50&radius=abc",
    "place[]=x",
]


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_bad_query_strings_never_fail(client, collective, query):
    action_in_montreal("Vigil downtown", host=collective)
    response = client.get(f"/actions/?{query}")
    assert response.status_code == 200


def test_bad_values_are_reported_and_defaults_used(client, collective):
    action_in_montreal("Vigil downtown", host=collective)
    response = browse(client, "radius=7&kind=parade&place=Montréal")
    page = response.content.decode()
    assert "is not one of the distances offered" in page
    assert "is not a kind of action we know" in page
    assert "within 50 km of Montréal" in page
    assert titles(response) == ["Vigil downtown"]
    assert 'value="Montréal"' in page  # what was typed stays in the form


def test_unknown_place_says_so_and_searches_everywhere(client, collective):
    action_in_montreal("Vigil downtown", host=collective)
    response = browse(client, "place=Zzyzxqw")
    assert "We could not find “Zzyzxqw”" in response.content.decode()
    assert titles(response) == ["Vigil downtown"]


def test_status_and_ordering_parameters_never_reach_the_database(client, collective):
    action_in_montreal("Draft", host=collective, status="draft")
    assert titles(browse(client, "status=draft&ordering=-id&o=status")) == []


def test_empty_state_offers_a_wider_radius_and_the_past(client, collective):
    page = browse(client, "place=Montréal&radius=25").content.decode()
    assert "No action matches this search." in page
    assert "radius=50" in page and "when=past" in page


# The remembered area


def test_a_searched_city_is_remembered_for_the_next_visit(client, collective):
    action_in_montreal("Vigil downtown", host=collective)
    first = browse(client, "place=Montréal&radius=25")
    cookie = first.cookies[COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    later = browse(client)
    assert later.context["search"].area.source == "remembered"
    assert later.context["search"].area.km == 25
    assert "We remembered the place of your last search" in later.content.decode()
    assert titles(later) == ["Vigil downtown"]


def test_a_position_from_the_browser_is_never_remembered(client, collective):
    response = browse(client, "lat=45.5&lng=-73.6")
    assert COOKIE_NAME not in response.cookies


def test_searching_anywhere_forgets_the_area(client, collective):
    browse(client, "place=Montréal")
    response = browse(client, "place=")
    assert response.cookies[COOKIE_NAME].value == ""
    assert response.context["search"].area is None


def test_forget_area_is_a_post(client, collective):
    browse(client, "place=Montréal")
    assert client.get("/actions/forget-area/").status_code == 405
    response = client.post("/actions/forget-area/")
    assert response.status_code == 302
    assert response.cookies[COOKIE_NAME].value == ""


def test_a_tampered_cookie_is_ignored(client, collective):
    client.cookies[COOKIE_NAME] = "6077243:50"  # unsigned
    assert browse(client).context["search"].area is None


def test_home_page_shows_upcoming_actions_near_the_remembered_area(client, collective):
    action_in_montreal("Vigil downtown", host=collective)
    page = client.get("/").content.decode()
    assert "Find actions" in page and "Vigil downtown" not in page
    browse(client, "place=Montréal")
    page = client.get("/").content.decode()
    assert "Vigil downtown" in page
    assert "1 upcoming action within 50 km of Montréal, Canada." in page


# Query budgets: the same at 1 and at a full page of results


@pytest.mark.parametrize("count", [1, BROWSE_PAGE_SIZE + 30])
def test_query_budget_is_constant(client, collective, django_assert_max_num_queries, count):
    cause = Cause.objects.create(name="Ceasefire", slug="ceasefire")
    for number in range(count):
        action = action_in_montreal(
            f"Vigil {number}", host=collective, starts_at=SOON + timedelta(hours=number)
        )
        action.causes.add(cause)
    # city lookup, count, the page's ids, its rows, hosts, causes, the cause list of the form
    with django_assert_max_num_queries(7):
        response = browse(client, "place=Montréal&radius=50")
    assert len(titles(response)) == min(count, BROWSE_PAGE_SIZE)


def test_feed_links_name_the_city_in_english_whatever_the_language(client, collective):
    with translation.override("de"):
        search = ActionBrowseFilter(
            QueryDict("place=Montréal&kind=vigil"), queryset=action_browse_queryset()
        )
        assert search.query_params()["place"] == "Montréal, Canada"
        assert search.query_params()["kind"] == "vigil"
