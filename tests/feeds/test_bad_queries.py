"""Junk in the query string never breaks a feed or the API: the value is set aside, and the
API says so in `problems`."""

import pytest

from .conftest import API_URL, ATOM_URL, ICS_URL, RSS_URL

pytestmark = pytest.mark.django_db

BAD_QUERIES = {
    "radius": "radius=abc",
    "negative radius": "radius=-5",
    "latitude off the globe": "lat=999&lng=10",
    "latitude alone": "lat=45.5",
    "not a number": "lat=nan&lng=inf",
    "huge numbers": "lat=1e308&lng=-1e308",
    "box": "bbox=junk",
    "box upside down": "bbox=50,10,40,20",
    "box too long": "bbox=" + "1," * 200,
    "impossible date": "start=2024-13-45",
    "29 February 2023": "end=2023-02-29",
    "end before start": "start=2031-05-01&end=2031-04-01",
    "negative page": "page=-1",
    "page zero": "page=0",
    "page far away": "page=99999",
    "page not a number": "page=abc",
    "kind": "kind=<script>alert(1)</script>",
    "sort": "sort=__class__",
    "when": "when=tomorrow",
    "ordering": "ordering=-pk&status=draft&o=slug",
    "long words": "q=" + "x" * 5000,
    "null byte in words": "q=a%00b",
    "null byte in place": "place=Mont%00r%C3%A9al",
    "unknown place": "place=xyz-unknown",
    "long place": "place=" + "Montréal" * 50,
    "emoji place": "place=%F0%9F%94%A5",
    "cause": "cause=nope",
    "host": "host=nope",
    "coalition": "coalition=../../etc/passwd",
    "language": "language=zz",
    "format": "format=teleport",
    "accessible": "accessible=maybe",
    "repeated": "kind=vigil&kind=march&kind=",
    "bad percent-encoding": "q=%E9%ZZ&place=%C3",
    "everything at once": "radius=abc&lat=999&bbox=junk&start=2024-13-45&page=-1&kind=x&"
    "sort=__class__&cause=nope",
}


@pytest.mark.parametrize("url", [ICS_URL, RSS_URL, ATOM_URL, API_URL])
@pytest.mark.parametrize("query", BAD_QUERIES.values(), ids=BAD_QUERIES.keys())
def test_bad_query_never_breaks_an_output(client, make_action, url, query):
    make_action()
    response = client.get(f"{url}?{query}")
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("radius=abc", "radius"),
        ("lat=999&lng=10", "lat"),
        ("bbox=junk", "bbox"),
        ("start=2024-13-45", "start"),
        ("kind=<script>", "kind"),
        ("sort=__class__", "sort"),
        ("q=" + "x" * 5000, "q"),
        ("place=xyz-unknown", "place"),
        ("cause=nope", "cause"),
    ],
)
def test_api_reports_what_it_set_aside(client, make_action, query, parameter):
    make_action()
    data = client.get(f"{API_URL}?{query}").json()
    assert {p["parameter"] for p in data["problems"]} == {parameter}
    assert data["problems"][0]["message"]
    assert data["count"] == 1  # the rest of the search still ran


def test_page_beyond_the_last_gives_the_last(client, make_action):
    for n in range(25):
        make_action(f"Vigil {n}")
    data = client.get(f"{API_URL}?page=99999").json()
    assert len(data["results"]) == 5 and data["next"] is None
    assert client.get(f"{API_URL}?page=abc").json()["previous"] is None
