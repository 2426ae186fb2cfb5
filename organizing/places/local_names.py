"""A city's name in each language of the site, chosen offline from what GeoNames lists.

The GeoNames city files give a city's alternate names without saying which language each is in
(the per-language table, alternateNamesV2, is 700 MB and not shipped by any package we can
install). So the choice is made in three steps, best source first:

1. CLDR's exemplar city (through Babel) when the city is the one its time zone is named after:
   "東京" for Tokyo in Japanese, "Nicosie" in French, "کراچی" in Urdu. CLDR is reviewed by
   native speakers, so it wins wherever it speaks.
2. Otherwise the alternate names written in the language's script (Japanese, Arabic as Arabic
   writes it, Urdu's letters, Hebrew, Greek), the one that sounds most like the city's main
   name: transliterated to Latin letters (anyascii) and compared, so that old names
   ("Βυζάντιο" for Istanbul, "ビュザンティオン") lose to the living one, and a script holding
   only an old name gives nothing.
3. Otherwise nothing: the page shows GeoNames' own name, which for Latin-script languages is
   what a French, German or Turkish visitor reads anyway (Düsseldorf, Santiago).
"""

import difflib
import functools
import re
import unicodedata

from anyascii import anyascii
from babel.core import Locale, UnknownLocaleError
from babel.dates import get_timezone_location
from django.conf import settings

from .normalize import normalize_place_name

# Below this likeness to the main name, a name in the right script is taken for another name
# of the city (historic, a translation of its meaning) rather than how the language spells it.
MIN_LIKENESS = 0.52  # Βυζάντιο is 0.50 like Istanbul, Τύνιδα 0.55 like Tunis

_HAN_OR_KANA = re.compile(r"^[\u3005\u3040-\u30ff\u4e00-\u9fff\uf900-\ufaff ・ー]+$")
_KATAKANA = re.compile(r"^[\u30a0-\u30ff ・]+$")
_GREEK = re.compile(r"^[\u0370-\u03ff\u1f00-\u1fff \-]+$")
_HEBREW = re.compile(r"^[\u0590-\u05ef\u05f3\u05f4 \-־–]+$")
_ARABIC_SCRIPT = re.compile(r"^[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff \-\u200c]+$")
# Letters of Persian, Urdu, Pashto, Kurdish, Sindhi or Uyghur that Arabic does not write.
_NOT_ARABIC = re.compile("[پچژگکیۍېڤٹڈڑںےہۃەێۆڵٲۇۋڭھڪډښږڼ]|ى(?=\\S)")
# Letters only Urdu writes, and those it shares with Persian; Arabic's own kāf and yā' are wrong
# in Urdu, and Pashto, Kurdish or Sindhi letters are another language.
_URDU_OWN = re.compile("[ٹڈڑںےہھ]")
_NOT_URDU = re.compile("[كيإڤۍېڼډښږەێۆڵڪ]")
# Where a Japanese reader sees a city's name in kanji rather than katakana.
_KANJI_COUNTRIES = frozenset({"JP", "CN", "TW", "HK", "MO"})
_ABJADS = frozenset({"ar", "he", "ur"})
# The language's own list separator between a city and its country.
_SEPARATORS = {"ja": "、", "ar": "، ", "ur": "، "}


# Transliterated letters that stand for one sound across scripts: the matres lectionis of Hebrew
# and Arabic come out of anyascii as y, w or v where the Latin name has i, u or o.
_SOUNDS = str.maketrans({"y": "i", "w": "u", "v": "u", "o": "u", "e": "i", "q": "k", "p": "f"})


def _sounds(text: str) -> str:
    return "".join(ch for ch in anyascii(text).lower() if ch.isalpha()).translate(_SOUNDS)


def _likeness(name: str, main_name: str) -> float:
    return difflib.SequenceMatcher(None, _sounds(name), _sounds(main_name)).ratio()


def _japanese(name: str, country: str) -> bool:
    if country in _KANJI_COUNTRIES:
        if not _HAN_OR_KANA.match(name):
            return False
        try:
            # Simplified Chinese forms (东京) have no JIS code; the Japanese ones (東京) do.
            name.encode("shift_jis")
        except UnicodeEncodeError:
            return False
        return True
    return bool(_KATAKANA.match(name))


def _urdu(name: str) -> bool:
    return bool(_ARABIC_SCRIPT.match(name)) and not _NOT_URDU.search(name)


def _arabic(name: str) -> bool:
    return bool(_ARABIC_SCRIPT.match(name)) and not _NOT_ARABIC.search(name)


# For each language written in its own script: is a name written the way that language writes?
_SCRIPTS = {
    "ja": _japanese,
    "ar": lambda name, country: _arabic(name),
    "ur": lambda name, country: _urdu(name),
    "he": lambda name, country: bool(_HEBREW.match(name)),
    "el": lambda name, country: bool(_GREEK.match(name)),
}


def _has_marks(name: str) -> bool:
    """Hebrew with niqqud, Arabic with harakat: reading aids, not how a city's name is written
    on a sign (precomposed letters, Greek's or Japanese kana's, are no marks)."""
    return any(unicodedata.category(ch) == "Mn" for ch in name)


def _score(language: str, name: str, main_name: str, country: str) -> tuple:
    likeness = _likeness(name, main_name)
    if language == "ja" and country in _KANJI_COUNTRIES:
        likeness = 1.0  # kanji read in Japanese sound nothing like the romanized name
    urdu_own = language == "ur" and bool(_URDU_OWN.search(name))
    # Best first: a name without vowel marks; likeness (Urdu's own letters as a tie-break);
    # then, in Hebrew and Arabic script, the fuller spelling (Haifa's "חיפה" before "חפה":
    # the vowel letters help), elsewhere the shorter name ("東京" before "東京都");
    # then the written form, so that the choice never depends on the file's order.
    length = -len(name) if language in _ABJADS else len(name)
    # Urdu writes do-chashmi he only in aspirates: "لاہور" (gol he), not "لاھور".
    do_chashmi = name.count("\u06be")
    return (_has_marks(name), -likeness, not urdu_own, do_chashmi, length, name), likeness


def _script_name(language: str, main_name: str, country: str, names: list[str]) -> str | None:
    matches = _SCRIPTS[language]
    scored = sorted(
        _score(language, name, main_name, country) for name in names if matches(name, country)
    )
    if not scored:
        return None
    (*_, best), likeness = scored[0]
    return best if likeness >= MIN_LIKENESS else None


@functools.cache
def _exemplar_city(timezone: str, language: str) -> str | None:
    try:
        return get_timezone_location(timezone, locale=language, return_city=True)
    except (LookupError, UnknownLocaleError, ValueError):
        return None


def _cldr_name(language: str, timezone: str, main_name: str) -> str | None:
    english = _exemplar_city(timezone, "en")
    # The main name only: San Juan lists "Puerto Rico" among its names, and America/Puerto_Rico
    # is named after the island.
    if not english or normalize_place_name(english) != normalize_place_name(main_name):
        return None  # not the city its time zone is named after
    return _exemplar_city(timezone, language)


def site_languages() -> tuple[str, ...]:
    """The site's languages but English, whose names are GeoNames' own."""
    return tuple(code for code, _ in settings.LANGUAGES if code != "en")


def local_names(*, main_name: str, country: str, timezone: str, names: list[str]) -> dict[str, str]:
    """{language: the city's name in it} for the site's languages where it differs from
    `main_name`; `names` are all the names GeoNames lists for the city (main one included)."""
    chosen = {}
    for language in site_languages():
        name = _cldr_name(language, timezone, main_name)
        if not name and language in _SCRIPTS:
            name = _script_name(language, main_name, country, names)
        if name and name != main_name:
            chosen[language] = name
    return chosen


def place_separator(language: str) -> str:
    """What stands between a city and its country in `language`: "Tokyo, Japon", "東京、日本"."""
    return _SEPARATORS.get(language, ", ")


@functools.cache
def _territories(language: str) -> dict[str, str]:
    try:
        return dict(Locale.parse(language).territories)
    except (UnknownLocaleError, ValueError):
        return {}


def country_name(code: str, language: str) -> str:
    """The country's name in `language`, from CLDR (django-countries has no Urdu, Turkish or
    plain Portuguese names); the code itself if CLDR has no name for it."""
    return _territories(language).get(code) or _territories("en").get(code) or code


def country_names(code: str) -> set[str]:
    """Every name of the country in the site's languages: what a visitor may type after a comma."""
    return {country_name(code, language) for language, _ in settings.LANGUAGES}
