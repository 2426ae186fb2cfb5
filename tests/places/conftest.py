import pytest
from django.core.management import call_command

# Every city of the article, in the spelling a person would type; imported with --only so that
# a test loads about a hundred cities (every city so named) instead of 69,000.
ARTICLE_CITIES = {
    "Haifa": "IL",
    "Umm al-Fahm": "IL",
    "Washington": "US",
    "New York City": "US",
    "Ottawa": "CA",
    "Montréal": "CA",
    "London": "GB",
    "Santiago": "CL",
    "Berlin": "DE",
    "Düsseldorf": "DE",
    "Tokyo": "JP",
    "Shibuya": "JP",
    "San Juan": "PR",
    "Nicosia": "CY",
    "Limassol": "CY",
    "Islamabad": "PK",
    "Lahore": "PK",
    "Karachi": "PK",
    "Tunis": "TN",
    "Paris": "FR",
    "Rome": "IT",
}


@pytest.fixture
def article_cities() -> dict[str, str]:
    """City name as typed -> ISO code of its country."""
    return dict(ARTICLE_CITIES)


@pytest.fixture
def gazetteer(db):
    """The article's cities and their namesakes (Paris, Texas comes along), with all names."""
    call_command("import_places", "--quiet", "--only", *ARTICLE_CITIES)
