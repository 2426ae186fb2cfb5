"""The one "near" selector: bounding box (pure) and great-circle distance in the database."""

import itertools
import math
import random

import pytest

from organizing.collectives.models import Collective
from organizing.places.models import City
from organizing.places.selectors import (
    EARTH_RADIUS_KM,
    MAX_RADIUS_KM,
    bounding_box,
    city_lookup,
    near,
)

KM_PER_DEGREE = math.pi * EARTH_RADIUS_KM / 180  # along a meridian: about 111.2 km
_ids = itertools.count(9_000_000)


def point(name: str, lat: float, lng: float) -> City:
    return City.objects.create(
        geonameid=next(_ids),
        name=name,
        country="FR",
        latitude=lat,
        longitude=lng,
        population=0,
        timezone="UTC",
    )


def names(queryset) -> list[str]:
    return [row.name for row in queryset]


def destination(lat: float, lng: float, km: float, bearing: float) -> tuple[float, float]:
    """The point `km` away from (lat, lng) heading `bearing` degrees from north."""
    angle, theta = km / EARTH_RADIUS_KM, math.radians(bearing)
    lat1, lng1 = math.radians(lat), math.radians(lng)
    lat2 = math.asin(
        math.sin(lat1) * math.cos(angle) + math.cos(lat1) * math.sin(angle) * math.cos(theta)
    )
    lng2 = lng1 + math.atan2(
        math.sin(theta) * math.sin(angle) * math.cos(lat1),
        math.cos(angle) - math.sin(lat1) * math.sin(lat2),
    )
    return math.degrees(lat2), (math.degrees(lng2) + 540) % 360 - 180


def haversine(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """The same formula in Python, as a reference."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((phi2 - phi1) / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lng2 - lng1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(a, 1)))


def in_box(box, lat: float, lng: float) -> bool:
    if not box.min_lat <= lat <= box.max_lat:
        return False
    return not box.lng_ranges or any(west <= lng <= east for west, east in box.lng_ranges)


# bounding_box: pure, no database.


def test_box_around_a_point_away_from_poles_and_dateline():
    box = bounding_box(45.0, 2.0, 100)
    assert box.min_lat == pytest.approx(45 - 100 / KM_PER_DEGREE)
    assert box.max_lat == pytest.approx(45 + 100 / KM_PER_DEGREE)
    [(west, east)] = box.lng_ranges
    # At 45° a degree of longitude is about 78.6 km: the box is wider than it is tall.
    assert west < 2 - 100 / KM_PER_DEGREE and east > 2 + 100 / KM_PER_DEGREE
    assert east - 2 == pytest.approx(2 - west)


@pytest.mark.parametrize(("lng", "expected"), [
    (179.9, ((179.63, 180.0), (-180.0, -179.83))),  # 30 km: 0.27° of longitude at the equator
    (-179.9, ((179.83, 180.0), (-180.0, -179.63))),
])  # fmt: skip
def test_box_across_the_dateline_has_two_longitude_ranges(lng, expected):
    box = bounding_box(0.0, lng, 30)
    assert len(box.lng_ranges) == 2
    for (west, east), (expected_west, expected_east) in zip(box.lng_ranges, expected, strict=True):
        assert west == pytest.approx(expected_west, abs=0.01)
        assert east == pytest.approx(expected_east, abs=0.01)


@pytest.mark.parametrize(
    ("lat", "km"), [(89.9, 100), (90, 1), (-89.5, 80), (-90, 5), (0, MAX_RADIUS_KM)]
)
def test_box_reaching_a_pole_has_no_longitude_restriction(lat, km):
    box = bounding_box(lat, 10.0, km)
    assert box.lng_ranges == ()
    assert -90 <= box.min_lat <= box.max_lat <= 90
    assert box.max_lat == 90 or box.min_lat == -90


def test_box_holds_every_point_within_the_radius():
    rng = random.Random(42)
    for _ in range(2000):
        lat, lng = rng.uniform(-90, 90), rng.uniform(-180, 180)
        km = rng.choice([1, 5, 50, 250, 2000])
        box = bounding_box(lat, lng, km)
        for bearing in (0, 45, 90, 135, 180, 225, 270, 315, rng.uniform(0, 360)):
            inside = destination(lat, lng, km * 0.999, bearing)
            assert in_box(box, *inside), (lat, lng, km, bearing, box)


@pytest.mark.parametrize(("lat", "lng", "km"), [
    (90.01, 0, 10), (-91, 0, 10), (0, 180.5, 10), (0, -181, 10),
    (0, 0, 0), (0, 0, -5), (0, 0, MAX_RADIUS_KM + 1),
    (math.nan, 0, 10), (0, math.inf, 10), (0, 0, math.nan), ("45", 0, 10), (0, 0, True),
])  # fmt: skip
def test_invalid_point_or_radius_raises_value_error(lat, lng, km):
    with pytest.raises(ValueError):
        bounding_box(lat, lng, km)
    with pytest.raises(ValueError):
        near(City.objects.all(), lat=lat, lng=lng, km=km)  # raises before any query


# near(): in the database.


@pytest.mark.django_db
@pytest.mark.parametrize(("here", "there", "km"), [
    ("Montréal", "Ottawa", 166), ("Paris", "London", 344), ("Berlin", "Düsseldorf", 477),
])  # fmt: skip
def test_known_distances_within_one_percent(gazetteer, here, there, km):
    origin, target = city_lookup(here), city_lookup(there)
    found = near(
        City.objects.filter(pk=target.pk), lat=origin.latitude, lng=origin.longitude, km=1000
    ).get()
    assert found.distance_km == pytest.approx(km, rel=0.01)
    assert found.distance_km == pytest.approx(
        haversine(origin.latitude, origin.longitude, target.latitude, target.longitude)
    )


@pytest.mark.django_db
def test_nearest_first_then_by_id():
    point("far", 0.9, 0.0)
    point("near", 0.1, 0.0)
    point("middle", 0.0, -0.5)
    point("middle twin", 0.0, 0.5)
    found = list(near(City.objects.all(), lat=0.0, lng=0.0, km=200))
    assert names(found) == ["near", "middle", "middle twin", "far"]
    assert [round(row.distance_km) for row in found] == [11, 56, 56, 100]


@pytest.mark.django_db
def test_radius_excludes_what_lies_beyond():
    point("inside", 48.0 + 49 / KM_PER_DEGREE, 2.0)  # 49 km due north
    point("outside", 48.0 + 51 / KM_PER_DEGREE, 2.0)
    point("corner of the box", 48.0 + 45 / KM_PER_DEGREE, 2.0 + 45 / 74.4)  # in the box, 64 km
    assert names(near(City.objects.all(), lat=48.0, lng=2.0, km=50)) == ["inside"]
    assert names(near(City.objects.all(), lat=48.0, lng=2.0, km=65)) == [
        "inside",
        "outside",
        "corner of the box",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("lat", [0.0, 60.0, -45.0])
def test_dateline_is_no_wall(lat):
    point("east of the line", lat, 179.9)
    point("west of the line", lat, -179.9)
    point("far away", lat, 0.0)
    km = 0.2 * KM_PER_DEGREE * math.cos(math.radians(lat))
    found = near(City.objects.all(), lat=lat, lng=179.9, km=30)
    assert names(found) == ["east of the line", "west of the line"]
    assert found[1].distance_km == pytest.approx(km, rel=0.001)
    assert names(near(City.objects.all(), lat=lat, lng=-179.9, km=30)) == [
        "west of the line",
        "east of the line",
    ]


@pytest.mark.django_db
def test_dateline_on_either_sign_of_180():
    point("on 180", 10.0, 180.0)
    point("on -180", 10.0, -180.0)
    assert names(near(City.objects.all(), lat=10.0, lng=179.95, km=20)) == ["on 180", "on -180"]
    assert sorted(names(near(City.objects.all(), lat=10.0, lng=-180.0, km=1))) == [
        "on -180",
        "on 180",
    ]


@pytest.mark.django_db
def test_poles_find_every_longitude():
    point("Alert side", 89.5, -62.0)
    point("Siberian side", 89.5, 118.0)
    point("Svalbard", 78.2, 15.6)
    point("South Pole station", -90.0, 0.0)
    point("Antarctic plateau", -89.4, 139.0)
    north = near(City.objects.all(), lat=89.9, lng=0.0, km=100)
    assert sorted(names(north)) == ["Alert side", "Siberian side"]
    for row in north:
        assert row.distance_km == pytest.approx(haversine(89.9, 0.0, row.latitude, row.longitude))
    south = near(City.objects.all(), lat=-90.0, lng=-77.0, km=100)
    assert names(south) == ["South Pole station", "Antarctic plateau"]


@pytest.mark.django_db
def test_largest_radius_reaches_almost_the_antipode():
    point("here", 0.0, 0.0)
    point("nearly antipodal", 0.0, -179.8)
    point("antipode", 0.0, 180.0)  # 20,015 km away: beyond the largest radius
    found = near(City.objects.all(), lat=0.0, lng=0.0, km=MAX_RADIUS_KM)
    assert names(found) == ["here", "nearly antipodal"]
    assert found[1].distance_km == pytest.approx(179.8 * KM_PER_DEGREE)


@pytest.mark.django_db
def test_rows_without_coordinates_are_left_out_and_other_filters_kept():
    for slug, lat, lng in [
        ("placed", 45.51, -73.56),
        ("unplaced", None, None),
        ("elsewhere", 48.85, 2.35),
    ]:
        Collective.objects.create(name=slug, slug=slug, kind="peace", latitude=lat, longitude=lng)
    found = near(Collective.objects.exclude(slug="elsewhere"), lat=45.5, lng=-73.6, km=20_000)
    assert [c.slug for c in found] == ["placed"]
