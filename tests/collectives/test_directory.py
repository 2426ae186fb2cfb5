"""The public directory: filters, "near a place", pages, bad input, query budget."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organizing.collectives.filters import CollectiveDirectoryFilter
from organizing.collectives.models import Collective, CollectiveKind, CollectiveStatus
from organizing.core.models import Cause

pytestmark = pytest.mark.django_db

URL = reverse("collectives:directory")
on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")


def make_collective(name: str, *, status=CollectiveStatus.VERIFIED, causes=(), **fields):
    values = {"kind": CollectiveKind.LOCAL_COLLECTIVE, "country": "FR", **fields}
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    collective = Collective.objects.create(name=name, slug=slug, status=status, **values)
    collective.causes.set(causes)
    return collective


def listed(response) -> list[str]:
    """Names of the collectives on the page, in order."""
    assert response.status_code == 200
    return [collective.name for collective in response.context["page"].object_list]


def search(client, **params):
    return client.get(URL, params)


@pytest.fixture
def ottawa_and_paris(gazetteer, collective):
    """Besides Montréal (`collective`): a collective in Ottawa (166 km) and one in Paris."""
    make_collective(
        "Ottawa Peace Network",
        city="Ottawa",
        country="CA",
        latitude=45.41117,
        longitude=-75.69812,
        kind=CollectiveKind.PEACE,
    )
    make_collective("Paris Collectif", city="Paris", latitude=48.85341, longitude=2.3488)


# What is listed.


def test_lists_verified_collectives_by_name(client, seeded):
    names = listed(search(client))
    assert len(names) == 8
    assert names == sorted(names)
    assert "Jewish Voice for Peace" in names


@pytest.mark.parametrize("status", [CollectiveStatus.PENDING, CollectiveStatus.SUSPENDED])
def test_pending_and_suspended_never_listed(client, collective, status):
    make_collective(
        "Hidden Solidarity Group",
        status=status,
        country="CA",
        city="Montréal",
        latitude=45.5,
        longitude=-73.6,
    )
    for params in [
        {},
        {"q": "hidden"},
        {"country": "CA"},
        {"kind": "local_collective"},
        {"status": status},
        {"status": "any"},
    ]:
        response = search(client, **params)
        assert "Hidden Solidarity Group" not in listed(response), params
        assert "Hidden Solidarity" not in response.content.decode()


def test_each_result_shows_name_badge_kind_place_and_causes(client, collective):
    collective.causes.set([Cause.objects.create(name="Immediate ceasefire", slug="ceasefire")])
    page = search(client).content.decode()
    assert f'href="{collective.get_absolute_url()}">Montréal Solidarity Collective</a>' in page
    assert "verified" in page
    assert "Local mobilization collective" in page
    assert "Montréal, Canada" in page
    assert 'href="/causes/ceasefire/">Immediate ceasefire</a>' in page
    assert "km away" not in page  # distances only when searching near a place


def test_empty_directory_says_so(client, db):
    page = search(client).content.decode()
    assert "No collective is listed yet." in page


# Filters.


@pytest.mark.parametrize(("params", "expected"), [
    ({"kind": "trade_union"}, {"United Electrical, Radio and Machine Workers of America (UE)",
                               "Coalition of Labor Union Women (CLUW)",
                               "American Postal Workers Union (APWU)",
                               "United Auto Workers (UAW)"}),
    ({"cause": "end-arms-sales"}, {"Workers for a Free Palestine"}),
    ({"country": "DE"}, {"Internationale Sozialistische Organisation (ISO)"}),
    ({"country": "US", "kind": "jewish_organization", "cause": "ceasefire"},
     {"Jewish Voice for Peace"}),
    ({"country": "JP"}, set()),
])  # fmt: skip
def test_filters_by_kind_cause_and_country(client, seeded, params, expected):
    assert set(listed(search(client, **params))) == expected


@pytest.mark.parametrize(("q", "expected"), [
    ("Jewish Voice", {"Jewish Voice for Peace"}),
    ("voice jewish", {"Jewish Voice for Peace"}),  # every word, any order
    ("congress", {"Jewish Voice for Peace"}),  # a word of the description
    ("TSELEM", {"B'Tselem"}),  # any case
    ("btselem", {"B'Tselem"}),  # punctuation ignored in names
    ("Sozialistische Organisation", {"Internationale Sozialistische Organisation (ISO)"}),
    ("Postal Workers", {"American Postal Workers Union (APWU)"}),
    ("zebra crossing", set()),
])  # fmt: skip
def test_text_search_on_name_and_description(client, seeded, q, expected):
    assert set(listed(search(client, q=q))) == expected


@pytest.mark.parametrize(
    "q", ["a & b | !c", "peace:*", "(((", "%_%", "' OR 1=1 --", '"', "-", "!!!", "נגד", "مسلمون"]
)
def test_search_operators_and_any_script_are_plain_text(client, seeded, q):
    response = search(client, q=q)
    assert response.status_code == 200
    assert response.context["problems"] == []


def test_text_search_ignores_accents_in_names(client, collective):
    assert listed(search(client, q="montreal solidarity")) == [collective.name]
    assert listed(search(client, q="MONTRÉAL")) == [collective.name]


@on_postgresql
def test_postgresql_full_text_search_phrases_and_exclusions(client, seeded):
    with CaptureQueriesContext(connection) as queries:
        assert set(listed(search(client, q='"voice for peace"'))) == {"Jewish Voice for Peace"}
    assert any("websearch_to_tsquery" in query["sql"] for query in queries)
    unions = set(listed(search(client, q="union -postal")))
    assert "Coalition of Labor Union Women (CLUW)" in unions
    assert "American Postal Workers Union (APWU)" not in unions


@on_sqlite
def test_sqlite_searches_every_word_with_like(client, seeded):
    with CaptureQueriesContext(connection) as queries:
        assert listed(search(client, q="occupied congress")) == ["Jewish Voice for Peace"]
    assert any("LIKE" in query["sql"] for query in queries)


# Near a place.


def test_near_a_place_within_a_radius_shows_distances_nearest_first(client, ottawa_and_paris):
    response = search(client, place="Montreal", radius="250")
    assert listed(response) == ["Montréal Solidarity Collective", "Ottawa Peace Network"]
    page = response.content.decode()
    assert "within 250 km of Montréal, Canada" in page
    assert "less than 1 km away" in page
    assert "165 km away" in page  # from the city centre: 165.5 km
    assert '<option value="250" selected>' in page


def test_near_a_place_defaults_to_50_km(client, ottawa_and_paris):
    response = search(client, place="Ottawa")
    assert listed(response) == ["Ottawa Peace Network"]
    assert "within 50 km of Ottawa, Canada" in response.content.decode()


def test_near_a_place_combines_with_other_filters(client, ottawa_and_paris):
    assert listed(search(client, place="Montréal, CA", radius="250", kind="peace")) == [
        "Ottawa Peace Network"
    ]
    assert listed(search(client, place="Paris", radius="5", q="collectif")) == ["Paris Collectif"]


def test_nothing_near_suggests_a_wider_radius(client, ottawa_and_paris):
    response = search(client, place="Tokyo", radius="100", kind="peace")
    assert listed(response) == []
    page = response.content.decode()
    assert "No collective matches this search." in page
    assert 'href="?place=Tokyo&amp;radius=250&amp;kind=peace"' in page
    assert "cannot be found by distance" in page  # collectives that give only their country


def test_radius_without_place_changes_nothing(client, ottawa_and_paris):
    assert len(listed(search(client, radius="5"))) == 3


# Pages.


@pytest.fixture
def forty_five(db):
    causes = [Cause.objects.create(name=f"Cause {n}", slug=f"cause-{n}") for n in range(3)]
    return [
        make_collective(
            f"Collective {n:02}",
            causes=causes,
            latitude=45 + n / 100,
            longitude=-73.6,
            country="CA",
            city="Montréal",
        )
        for n in range(1, 46)
    ]


def test_twenty_per_page(client, forty_five):
    assert listed(search(client)) == [f"Collective {n:02}" for n in range(1, 21)]
    assert listed(search(client, page="3")) == [f"Collective {n:02}" for n in range(41, 46)]
    page = search(client, page="2").content.decode()
    assert "Page 2 of 3" in page
    assert 'href="?page=1"' in page and 'href="?page=3"' in page


def test_page_links_keep_the_search(client, forty_five, gazetteer):
    response = search(client, place="Montréal", radius="250", kind="local_collective")
    assert len(listed(response)) == 20
    assert 'href="?place=Montr%C3%A9al&amp;radius=250&amp;kind=local_collective&amp;page=2"' in (
        response.content.decode()
    )


@pytest.mark.parametrize(
    ("page", "first"), [("junk", 1), ("0", 41), ("-1", 41), ("99", 41), ("1e3", 1), ("", 1)]
)
def test_junk_or_out_of_range_page_shows_a_real_page(client, forty_five, page, first):
    assert listed(search(client, page=page))[0] == f"Collective {first:02}"


@pytest.mark.parametrize("count", [5, 45])
def test_query_budget_does_not_grow_with_results(
    client, gazetteer, django_assert_max_num_queries, count
):
    causes = [Cause.objects.create(name=f"Cause {n}", slug=f"cause-{n}") for n in range(3)]
    for n in range(count):
        make_collective(
            f"Collective {n:02}",
            causes=causes,
            latitude=45.5,
            longitude=-73.6,
            country="CA",
            city="Montréal",
        )
    # count, page, causes of the page, causes for the list; + the city and the chosen cause.
    with django_assert_max_num_queries(4):
        assert len(listed(search(client))) == min(count, 20)
    with django_assert_max_num_queries(6):
        response = search(
            client,
            q="collective",
            kind="local_collective",
            cause="cause-1",
            country="CA",
            place="Montréal",
            radius="25",
        )
        assert len(listed(response)) == min(count, 20)


# Bad input: a message, sensible defaults, status 200, never 500.


@pytest.mark.parametrize(("params", "message"), [
    ({"kind": "wizards"}, "“wizards” is not a kind of group we know, so every kind is shown."),
    ({"kind": "null"}, "is not a kind of group we know"),
    ({"cause": "no-such-cause"}, "“no-such-cause” is not a cause we know"),
    ({"cause": "nul\x00"}, "Null characters are not allowed."),
    ({"kind": "nul\x00", "country": "F\x00"}, "is not a country code we know"),
    ({"country": "ZZ"}, "“ZZ” is not a country code we know, so every country is shown."),
    ({"country": "<script>"}, "“&lt;script&gt;” is not a country code we know"),
    ({"q": "x" * 101}, "at most 100 characters (this has 101)"),
    ({"q": "peace\x00"}, "Null characters are not allowed."),
    ({"place": "Atlantis"}, "We could not find “Atlantis” among our places"),
    ({"place": "y" * 300}, "at most 100 characters (this has 300)"),
    ({"place": "!!!"}, "We could not find “!!!” among our places"),
])  # fmt: skip
def test_bad_value_is_left_out_with_a_message(client, seeded, params, message):
    response = search(client, **params)
    assert len(listed(response)) == 8  # the rest of the search still runs
    page = response.content.decode()
    assert "Part of your search could not be used" in page
    assert message in page


@pytest.mark.parametrize("radius", ["7", "abc", "-50", "1e9", "50.5"])
def test_junk_radius_falls_back_to_50_km(client, ottawa_and_paris, radius):
    response = search(client, place="Montréal", radius=radius)
    assert listed(response) == ["Montréal Solidarity Collective"]
    page = response.content.decode()
    assert "is not one of the distances offered" in page
    assert "within 50 km of Montréal, Canada" in page
    assert '<option value="50" selected>' in page  # the form shows what was used


def test_bad_list_value_shows_the_default_again(client, seeded):
    page = search(client, kind="wizards", country="DE").content.decode()
    assert '<option value="" selected>Any kind</option>' in page
    assert '<option value="DE" selected>Germany</option>' in page


def sql_of(queries) -> list[str]:
    # PostgreSQL names its server-side cursors (choices of a select) differently each time.
    return [
        re.sub(r'^DECLARE "\w+" NO SCROLL CURSOR (WITH HOLD )?FOR ', "", query["sql"])
        for query in queries
    ]


UNKNOWN_PARAMETERS = [
    {"ordering": "-contact_email"},
    {"ordering": "no_such_field"},
    {"o": "contact_email", "sort": "-id", "order_by": "created_by__password"},
    {"status": "pending"},
    {"contact_email__startswith": "private"},
    {"name__regex": "(("},
    {"causes__name": "x", "kind__in": "a,b", "format": "json"},
]


@pytest.mark.parametrize("params", UNKNOWN_PARAMETERS)
def test_unknown_parameters_never_reach_the_orm(client, collective, params):
    make_collective("Another Pending One", status=CollectiveStatus.PENDING)
    with CaptureQueriesContext(connection) as plain:
        expected = listed(search(client))
    with CaptureQueriesContext(connection) as junk:
        assert listed(search(client, **params)) == expected == [collective.name]
    # Exactly the same SQL ran: the parameters did not reach the ORM at all.
    assert sql_of(junk) == sql_of(plain)


def test_the_filter_set_allows_only_its_parameters():
    assert list(CollectiveDirectoryFilter.base_filters) == [
        "q",
        "kind",
        "cause",
        "country",
        "place",
        "radius",
    ]


# The page itself.


def test_form_is_a_get_form_with_a_label_for_every_field(client, db):
    page = search(client).content.decode()
    assert re.search(r'<form method="get" action="/collectives/" role="search"', page)
    for name in ("q", "kind", "cause", "country", "place", "radius"):
        assert f'for="id_{name}"' in page, name
        assert f'name="{name}"' in page
    assert 'data-city-suggest="/places/suggest/"' in page  # suggestions, when scripts run
    assert '<option value="50" selected>' in page


def test_no_inline_script_or_style(client, seeded):
    for params in [{}, {"kind": "wizards"}, {"country": "JP"}]:
        page = search(client, **params).content.decode()
        assert "style=" not in page
        assert re.findall(r"<script(?![^>]*\ssrc=)", page) == []
