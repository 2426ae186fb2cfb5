"""The JSON API: the browse search as JSON, one action, and the OpenAPI schema they follow."""

import datetime as dt

import pytest
from django.urls import reverse
from openapi_core import OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse
from openapi_spec_validator import validate

from organizing.actions.filters import ActionBrowseFilter
from organizing.actions.models import Action
from organizing.coalitions.models import Coalition
from organizing.feeds.schema import DESCRIPTIONS

from .conftest import API_URL, OTTAWA, TOKYO, api_results

pytestmark = pytest.mark.django_db

FIELDS = {
    "slug",
    "url",
    "title",
    "kind",
    "kind_label",
    "description",
    "status",
    "starts_at",
    "ends_at",
    "next_starts_at",
    "timezone",
    "date_precision",
    "date_note",
    "place",
    "country",
    "point",
    "venue",
    "address",
    "online",
    "online_url",
    "languages",
    "accessibility_info",
    "causes",
    "hosts",
    "coalition",
    "distance_km",
}


@pytest.fixture
def openapi(client) -> OpenAPI:
    """The schema as served, checked against the OpenAPI 3 specification ($refs resolved)."""
    response = client.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    spec = response.json()
    validate(spec)
    return OpenAPI.from_dict(spec)


def checked(openapi: OpenAPI, response):
    """The response, once it is known to follow the schema (status, headers and body)."""
    openapi.validate_response(
        DjangoOpenAPIRequest(response.wsgi_request), DjangoOpenAPIResponse(response)
    )
    return response


def test_url_names():
    assert reverse("feeds:api_actions") == API_URL
    assert reverse("feeds:api_action", kwargs={"slug": "x"}) == f"{API_URL}x/"
    assert reverse("feeds:api_schema") == "/api/v1/schema/"


def test_schema_documents_every_search_parameter(openapi, client):
    spec = client.get("/api/v1/schema/?format=json").json()
    parameters = {p["name"]: p for p in spec["paths"][API_URL]["get"]["parameters"]}
    assert set(parameters) == {
        "q",
        "place",
        "radius",
        "lat",
        "lng",
        "bbox",
        "when",
        "start",
        "end",
        "kind",
        "cause",
        "host",
        "coalition",
        "language",
        "format",
        "accessible",
        "sort",
        "page",
    }
    assert all(p["description"] for p in parameters.values())
    assert set(DESCRIPTIONS) == set(ActionBrowseFilter.base_filters)
    assert parameters["radius"]["schema"] == {
        "type": "integer",
        "enum": [5, 10, 25, 50, 100, 250],
        "default": 50,
    }
    assert "blockade" in parameters["kind"]["schema"]["enum"]
    assert parameters["when"]["schema"]["default"] == "upcoming"
    yaml = client.get("/api/v1/schema/")
    assert yaml.status_code == 200 and b"openapi: 3" in yaml.content


def test_list_follows_the_schema_with_results(client, openapi, make_action, ceasefire, alice):
    coalition = Coalition.objects.create(name="Ceasefire Now", slug="ceasefire-now")
    make_action(
        "Vigil at the square",
        causes=[ceasefire],
        coalition=coalition,
        languages=["fr", "en"],
        accessibility_info="Step-free access.",
        online_url="https://meet.example.org/vigil",
    )
    make_action("Vigil at Shibuya", **TOKYO)
    data = checked(openapi, client.get(API_URL)).json()
    assert data["count"] == 2 and data["next"] is None and data["problems"] == []
    first = data["results"][0]
    assert set(first) == FIELDS
    assert first["title"] == "Vigil at the square" and first["kind_label"] == "Vigil"
    assert first["causes"] == [{"slug": "ceasefire", "name": "Ceasefire"}]
    assert first["coalition"] == {"slug": "ceasefire-now", "name": "Ceasefire Now"}
    assert first["hosts"] == [
        {
            "slug": "montreal-solidarity",
            "name": "Montréal Solidarity Collective",
            "verified": True,
            "url": "http://127.0.0.1:8000/collectives/montreal-solidarity/",
        }
    ]
    assert first["point"] == {"lat": 45.51, "lng": -73.59}
    assert first["online"] is True and first["online_url"] == "https://meet.example.org/vigil"
    assert first["distance_km"] is None
    shibuya = data["results"][1]
    assert shibuya["timezone"] == "Asia/Tokyo" and shibuya["starts_at"].endswith("+09:00")


def test_list_follows_the_schema_without_results(client, openapi, db):
    data = checked(openapi, client.get(f"{API_URL}?kind=strike&radius=abc")).json()
    assert data == {
        "count": 0,
        "next": None,
        "previous": None,
        "results": [],
        "problems": [
            {
                "parameter": "radius",
                "label": "Within",
                "message": "“abc” is not one of the distances offered, so the search used the "
                "default distance.",
            }
        ],
    }


def test_detail_follows_the_schema(client, openapi, make_action):
    action = make_action("Vigil at the square", venue="The square", address="1 Main Street")
    data = checked(openapi, client.get(f"{API_URL}{action.slug}/")).json()
    assert set(data) == FIELDS
    assert data["url"] == f"http://127.0.0.1:8000{action.get_absolute_url()}"
    assert data["venue"] == "The square" and data["address"] == "1 Main Street"  # public
    local = action.starts_at.astimezone(action.zone)
    assert dt.datetime.fromisoformat(data["starts_at"]) == local
    assert data["starts_at"] == local.isoformat()
    assert data["next_starts_at"] == data["starts_at"]


@pytest.mark.parametrize("status", ["draft", "pending_review", "rejected"])
def test_detail_is_404_unless_public(client, openapi, make_action, status):
    action = make_action(status=status)
    response = checked(openapi, client.get(f"{API_URL}{action.slug}/"))
    assert response.status_code == 404 and response.json() == {"detail": "Not found."}


def test_detail_of_a_cancelled_or_past_action_says_so(client, openapi, make_action):
    cancelled = make_action("Called off", status="cancelled")
    start = dt.datetime(2023, 11, 16, 17, 0, tzinfo=dt.UTC)
    past = make_action("Long ago", starts_at=start, ends_at=start + dt.timedelta(hours=1))
    assert (
        checked(openapi, client.get(f"{API_URL}{cancelled.slug}/")).json()["status"] == "cancelled"
    )
    assert (
        checked(openapi, client.get(f"{API_URL}{past.slug}/")).json()["starts_at"]
        == "2023-11-16T12:00:00-05:00"
    )


def test_unknown_slug_is_404(client, openapi, db):
    assert checked(openapi, client.get(f"{API_URL}no-such-action/")).status_code == 404


def test_pages_of_twenty_with_links(client, openapi, make_action):
    for n in range(45):
        make_action(f"Vigil {n:02}")
    first = checked(openapi, client.get(f"{API_URL}?kind=vigil")).json()
    assert first["count"] == 45 and len(first["results"]) == 20 and first["previous"] is None
    assert first["next"] == "http://127.0.0.1:8000/api/v1/actions/?kind=vigil&page=2"
    last = checked(openapi, client.get(f"{API_URL}?kind=vigil&page=3")).json()
    assert [r["title"] for r in last["results"]] == [f"Vigil {n}" for n in range(40, 45)]
    assert last["next"] is None and last["previous"].endswith("page=2")
    assert len(api_results(client, "kind=vigil")) == 45


def test_distance_when_searching_near_a_place(client, openapi, make_action, gazetteer):
    make_action("Vigil in Montréal")
    make_action("Vigil in Ottawa", **OTTAWA)
    data = checked(openapi, client.get(f"{API_URL}?place=Ottawa&radius=250&sort=nearest")).json()
    assert [r["title"] for r in data["results"]] == ["Vigil in Ottawa", "Vigil in Montréal"]
    ottawa, montreal = (r["distance_km"] for r in data["results"])
    assert ottawa < 5 and 150 < montreal < 170


def test_read_only_and_json_only(client, make_action):
    action = make_action()
    for url in (API_URL, f"{API_URL}{action.slug}/"):
        assert client.post(url, {}, content_type="application/json").status_code == 405
        assert client.delete(url).status_code == 405
        assert client.options(url).status_code == 405
    # A browser gets JSON too: there is no browsable HTML API.
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = client.get(API_URL, headers={"Accept": browser})
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    # `format` is a search parameter (online or in person), not a choice of renderer.
    for value in ("api", "online", "json"):
        response = client.get(f"{API_URL}?format={value}")
        assert response.status_code == 200 and response["Content-Type"] == "application/json"


def test_answers_are_cacheable_by_anyone(client, make_action):
    action = make_action()
    for url in (API_URL, f"{API_URL}{action.slug}/"):
        response = client.get(url)
        assert "public" in response["Cache-Control"] and not response.cookies


def test_swagger_ui_is_served_from_our_own_files_with_nothing_inline(client, db):
    response = client.get(reverse("feeds:api_docs"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower() and "<style" not in page and "style=" not in page
    assert page.count("<script") == page.count("<script src=") == 3
    script = client.get(f"{reverse('feeds:api_docs')}?script=")
    assert script.status_code == 200 and b"/api/v1/schema/" in script.content
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_api_counts_actions_from_the_browse_queryset_only(client, make_action):
    make_action("Published")
    make_action("A draft", status="draft")
    make_action("Cancelled", status="cancelled")
    assert [r["title"] for r in api_results(client)] == ["Published"]
    assert Action.objects.count() == 3
