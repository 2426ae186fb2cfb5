"""Place names in the visitor's language and script, for every city of the article."""

import unicodedata

import pytest
from django.core.management import call_command
from django.utils import translation

from organizing.places.local_names import local_names
from organizing.places.selectors import city_lookup, city_search

# Each city of the article, labelled in the language of the people who live there, plus the
# examples of the issue (Tokyo for a French and a Japanese visitor).
LABELS = [
    ("Haifa", "IL", "he", "חיפה, ישראל"),
    ("Umm al-Fahm", "IL", "ar", "أم الفحم، إسرائيل"),
    ("Washington", "US", "en", "Washington, United States"),
    ("New York City", "US", "en", "New York City, United States"),
    ("Ottawa", "CA", "en", "Ottawa, Canada"),
    ("Montréal", "CA", "fr", "Montréal, Canada"),
    ("London", "GB", "en", "London, United Kingdom"),
    ("Santiago", "CL", "es", "Santiago de Chile, Chile"),
    ("Berlin", "DE", "de", "Berlin, Deutschland"),
    ("Düsseldorf", "DE", "de", "Düsseldorf, Deutschland"),
    ("Tokyo", "JP", "ja", "東京、日本"),
    ("Shibuya", "JP", "ja", "渋谷、日本"),
    ("San Juan", "PR", "es", "San Juan, Puerto Rico"),
    ("Nicosia", "CY", "el", "Λευκωσία, Κύπρος"),
    ("Limassol", "CY", "el", "Λεμεσός, Κύπρος"),
    ("Islamabad", "PK", "ur", "اسلام آباد، پاکستان"),
    ("Lahore", "PK", "ur", "لاہور، پاکستان"),
    ("Karachi", "PK", "ur", "کراچی، پاکستان"),
    ("Tunis", "TN", "ar", "تونس، تونس"),
    ("Paris", "FR", "fr", "Paris, France"),
    ("Rome", "IT", "it", "Roma, Italia"),
    ("Tokyo", "JP", "fr", "Tokyo, Japon"),
    ("Tokyo", "JP", "ar", "طوكيو، اليابان"),
    ("Karachi", "PK", "ja", "カラチ、パキスタン"),
    ("Nicosia", "CY", "tr", "Lefkoşa, Kıbrıs"),
]


def test_the_table_covers_every_article_city(article_cities):
    assert {(name, code) for name, code, _, _ in LABELS} >= set(article_cities.items())


@pytest.mark.parametrize(("name", "country", "language", "label"), LABELS)
def test_a_city_is_labelled_in_the_visitors_script(gazetteer, name, country, language, label):
    city = city_lookup(name, country=country)
    with translation.override(language):
        assert city.label == label


@pytest.mark.parametrize(("name", "country", "language", "label"), LABELS)
def test_the_label_a_suggestion_shows_finds_its_city_again(
    gazetteer, name, country, language, label
):
    # A city field receives what the visitor picked from the suggestions: the label.
    city = city_lookup(name, country=country)
    with translation.override(language):
        assert city_search(label, limit=1) == [city]


def test_suggestions_are_labelled_in_the_visitors_language(client, gazetteer):
    response = client.get("/places/suggest/", {"q": "東京"}, HTTP_ACCEPT_LANGUAGE="ja")
    assert response.json()["results"][0]["label"] == "東京、日本"
    assert "Accept-Language" in response["Vary"]
    response = client.get("/places/suggest/", {"q": "東京"}, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.json()["results"][0]["label"] == "Tokyo, Japon"


def test_an_old_name_in_the_right_script_is_not_taken_for_the_living_one():
    # GeoNames lists Byzantium among Istanbul's names, and in Hebrew only Byzantium.
    names = ["Istanbul", "Byzantium", "ביזנטיון", "Βυζάντιο", "Ισταμπούλ", "ビュザンティオン"]
    chosen = local_names(main_name="Istanbul", country="TR", timezone="UTC", names=names)
    assert "he" not in chosen
    assert chosen["el"] == "Ισταμπούλ"
    assert "ja" not in chosen


def test_simplified_chinese_is_not_taken_for_japanese():
    names = ["Tokyo", "东京", "東京", "東京都"]
    chosen = local_names(main_name="Tokyo", country="JP", timezone="UTC", names=names)
    assert chosen["ja"] == "東京"


def test_a_re_import_with_the_names_changes_nothing(gazetteer, article_cities):
    call_command("import_places", "--quiet", "--only", *article_cities)
    with translation.override("ja"):
        assert city_lookup("Tokyo").label == "東京、日本"


# How else people type a name in these scripts: the other forms of kāf and yā', vowel marks,
# Greek without tonos, half-width katakana, full-width Latin letters.
_ARABIC_TO_PERSIAN = str.maketrans({"ك": "ک", "ي": "ی"})
_PERSIAN_TO_ARABIC = str.maketrans({"ک": "ك", "ی": "ي", "ہ": "ه", "ے": "ي"})
_FULL_WIDTH = {code: code + 0xFEE0 for code in range(0x21, 0x7F)}


def _half_width(text: str) -> str:
    half = {unicodedata.normalize("NFKC", chr(code)): chr(code) for code in range(0xFF66, 0xFF9E)}
    for code in range(0xFF66, 0xFF9E):
        for mark in ("\uff9e", "\uff9f"):
            half.setdefault(unicodedata.normalize("NFKC", chr(code) + mark), chr(code) + mark)
    return "".join(half.get(char, char) for char in text)


def _without_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(char for char in decomposed if unicodedata.category(char) != "Mn")


def _spellings(name: str) -> set[str]:
    """The ways of typing `name` that the search must take for it."""
    spellings = {name, name.upper(), name.translate(_FULL_WIDTH)}
    spellings |= {name.translate(_ARABIC_TO_PERSIAN), name.translate(_PERSIAN_TO_ARABIC)}
    spellings.add(_half_width(name))
    if not any("\u3040" <= char <= "\ufaff" for char in name):
        spellings.add(_without_marks(name))  # a Japanese dakuten is part of the letter
    if name and "\u0600" <= name[0] <= "\u06ff":
        spellings.add(name[0] + "\u064e" + name[1:])  # a fatha on the first letter
    if name and "\u0590" <= name[0] <= "\u05ff":
        spellings.add(name[0] + "\u05b8" + name[1:])  # a qamats on the first letter
    return spellings


def test_every_article_city_is_found_however_its_names_are_typed(gazetteer, article_cities):
    missed = []
    for name, country in article_cities.items():
        city = city_lookup(name, country=country)
        for local in {city.name, *city.local_names.values()}:
            missed += [
                (name, spelling)
                for spelling in _spellings(local)
                if city_lookup(spelling, country=country) != city
            ]
    assert missed == []


def test_karachi_is_found_in_the_arabic_letters_of_its_urdu_name(gazetteer):
    assert city_lookup("كراچي").name == "Karachi"
    assert city_lookup("کراچی").name == "Karachi"


def _tokyo_action():
    from organizing.actions.models import Action

    return Action.objects.get(title="Action in front of the US embassy in Tokyo")


def test_an_action_page_names_its_city_in_the_visitors_script(client, seeded):
    url = _tokyo_action().get_absolute_url()
    assert "東京、日本" in client.get(url, HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "Tokyo, Japon" in client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()


def test_the_list_names_each_city_in_the_visitors_script(client, seeded):
    page = client.get("/actions/", {"when": "past"}, HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert "طوكيو، اليابان" in page
    assert "Shibuya, Tokyo" in page  # the words a host wrote stay as written
