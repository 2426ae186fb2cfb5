import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.models import Q
from django.urls import reverse

from organizing.places.models import City, CityName, GazetteerImport
from organizing.places.selectors import _ranked_matches, city_lookup, city_search
from organizing.places.services import (
    SOURCE_FILES,
    _already_imported,
    places_import,
    source_cities,
    source_fingerprint,
    source_threshold,
)

PARIS_FR, PARIS_TX, MONTREAL, TOKYO, NICOSIA, UMM_AL_FAHM = (
    2988507, 4717560, 6077243, 1850147, 146268, 293286,
)  # fmt: skip


@pytest.fixture
def gazetteer(db, article_cities):
    """The import under test runs for real here, not the session's copy (tests/conftest.py)."""
    call_command("import_places", "--quiet", "--only", *article_cities)


def import_places(*names: str) -> str:
    out = io.StringIO()
    call_command("import_places", "--only", *names, stdout=out)
    return out.getvalue()


def test_every_article_city_is_found_in_its_country(gazetteer, article_cities):
    found = {name: getattr(city_lookup(name), "country", None) for name in article_cities}
    assert {name: country.code for name, country in found.items() if country} == article_cities


@pytest.mark.parametrize(
    ("spellings", "geonameid"),
    [
        (["Montréal", "Montreal", "MONTREAL"], MONTREAL),
        (["東京", "Tokyo", "Tōkyō", "도쿄"], TOKYO),
        (["Λευκωσία", "Nicosia", "Lefkoşa"], NICOSIA),
        (["Umm al-Fahm", "Umm el Faḥm", "أم الفحم"], UMM_AL_FAHM),
    ],
)
def test_every_spelling_finds_the_same_city(gazetteer, spellings, geonameid):
    assert [city_lookup(spelling).pk for spelling in spellings] == [geonameid] * len(spellings)


def test_dusseldorf_without_umlaut(gazetteer):
    assert city_lookup("Dusseldorf").name == "Düsseldorf"


def test_paris_ranks_france_before_texas(gazetteer):
    ids = [city.pk for city in city_search("Paris")]
    assert ids[0] == PARIS_FR
    assert PARIS_TX in ids


@pytest.mark.parametrize("query", ["Paris, France", "Paris, FR", "paris,fra"])
def test_country_after_a_comma_narrows_the_search(gazetteer, query):
    assert {city.country.code for city in city_search(query)} == {"FR"}


@pytest.mark.parametrize("query", ["Paris, Texas", "Paris, TX"])
def test_us_state_after_a_comma_narrows_the_search(gazetteer, query):
    assert [city.pk for city in city_search(query)] == [PARIS_TX]


def test_unknown_qualifier_is_ignored(gazetteer):
    assert city_search("Paris, somewhere")[0].pk == PARIS_FR


def test_country_argument_filters(gazetteer):
    assert city_lookup("Paris", country="us").pk == PARIS_TX
    assert city_lookup("Ottawa", country="CA").label == "Ottawa, Canada"


def test_prefix_finds_the_biggest_cities_after_exact_names(gazetteer):
    found = city_search("par")
    assert found[0].pk == PARIS_FR
    assert all(city.names.filter(normalized__startswith="par").exists() for city in found)
    populations = [city.population for city in found]
    assert populations == sorted(populations, reverse=True)


def test_each_city_appears_once(gazetteer):
    ids = [city.pk for city in city_search("sa", limit=100)]
    assert len(ids) == len(set(ids)) > 1


def test_search_is_one_query(gazetteer, django_assert_num_queries):
    with django_assert_num_queries(1):
        city_search("Montreal")


def test_lookup_needs_a_whole_name(gazetteer):
    assert city_lookup("Montr") is None
    assert city_lookup("Xyzzyville") is None
    assert city_search("") == city_search(" , ") == []


def test_label_names_the_country(gazetteer):
    assert str(City.objects.get(pk=PARIS_FR)) == "Paris, France"


def test_search_uses_the_name_index(gazetteer):
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # A hundred rows make a sequential scan cheaper: check that the index *can* serve.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL enable_seqscan = off")
        plan = _ranked_matches("paris", Q()).explain()
    assert "places_cityname_search_idx" in plan


def test_second_import_changes_nothing(gazetteer, article_cities):
    counts = City.objects.count(), CityName.objects.count()
    assert "Already up to date" in import_places(*article_cities)
    assert (City.objects.count(), CityName.objects.count()) == counts


def test_import_reports_what_it_did(db):
    assert re.search(r"\n\d+ cities, [\d,]+ names imported", import_places("Paris", "Rome"))


def test_changed_city_is_updated(gazetteer):
    City.objects.filter(pk=PARIS_FR).update(population=1, source_digest="stale")
    CityName.objects.filter(city_id=PARIS_FR).delete()
    assert "1 cities updated" in import_places("Paris")
    paris = City.objects.get(pk=PARIS_FR)
    assert paris.population > 2_000_000
    assert paris.names.filter(normalized="paris").exists()


def test_population_below_every_file_is_refused(db):
    with pytest.raises(CommandError, match="500"):
        call_command("import_places", "--min-population", "100", "--quiet")


def test_admin_search_knows_every_spelling(gazetteer, admin_client):
    response = admin_client.get(reverse("admin:places_city_changelist"), {"q": "Montreal"})
    assert "Montréal" in response.content.decode()


def test_admin_city_page_shows_names(gazetteer, admin_client):
    response = admin_client.get(reverse("admin:places_city_change", args=[PARIS_FR]))
    assert "Lutetia" in response.content.decode()


def test_own_name_ranks_before_another_city_s_old_name(db):
    # "Islamabad" is also an old name of Chattogram (Bangladesh), a bigger city.
    import_places("Islamabad")
    assert [city.country.code for city in city_search("Islamabad")][:2] == ["PK", "BD"]


def test_import_of_an_unknown_name_fails_loudly(db):
    with pytest.raises(CommandError, match="Xyzzyville"):
        call_command("import_places", "--quiet", "--only", "Paris", "Xyzzyville")


def _stamp(min_population: int, cities: int) -> None:
    GazetteerImport.objects.create(
        source=SOURCE_FILES[source_threshold(min_population)],
        fingerprint=source_fingerprint(min_population),
        cities=cities,
    )


def test_a_whole_import_already_done_by_the_same_code_reads_nothing(gazetteer):
    _stamp(15000, cities=City.objects.count())
    source_cities.cache_clear()
    result = places_import(min_population=15000)
    assert (result.changed, result.unchanged) == (False, City.objects.count())
    assert source_cities.cache_info().currsize == 0  # the file was not even parsed


def test_a_stamp_with_cities_missing_since_is_not_trusted(gazetteer):
    _stamp(15000, cities=City.objects.count() + 1)
    assert _already_imported(15000) is None
