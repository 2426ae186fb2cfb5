"""One normal form for place names, shared by the import and the search so that both sides agree.

"Montréal", "MONTREAL" and "Montreal" all become "montreal"; "Umm al-Fahm" becomes "umm al fahm";
"Λευκωσία" becomes "λευκωσια"; "東京" and "도쿄" stay as they are.
"""

import re
import unicodedata

# Combining marks are stripped only after a Latin, Greek or Cyrillic letter, where they are accents
# people often leave out when typing. After other scripts they are part of the letter (Japanese
# dakuten, Devanagari vowel signs), and NFC below puts those letters back together.
_ACCENTS = re.compile(
    "(?<=[\u0000-\u02ff\u0370-\u052f\u1c80-\u1c8f\u1d00-\u1dbf\u1e00-\u1fff"
    "\u2c60-\u2c7f\u2de0-\u2dff\ua640-\ua69f\ua720-\ua7ff\uab30-\uab6f])"
    "[\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+"
)

# Latin letters that carry their accent inside (no decomposition), spelled as people type them.
_LATIN_LETTERS = {
    "ø": "o", "ł": "l", "đ": "d", "ħ": "h", "\u0131": "i", "æ": "ae", "œ": "oe", "þ": "th",
}  # fmt: skip

# Letter-like apostrophes of transliterations (the ayn of "\u02bfAkko", the okina of "O\u02bbahu"):
# separators, like "'".
_APOSTROPHES = frozenset("\u02b9\u02ba\u02bb\u02bc\u02bd\u02be\u02bf\u02c0\u02c1")


class _CharMap(dict):
    """A `str.translate` table filled on first use: punctuation, symbols and controls -> space."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char in _LATIN_LETTERS:
            mapped = _LATIN_LETTERS[char]
        elif char in _APOSTROPHES or unicodedata.category(char)[0] in "PSZC":
            mapped = " "
        else:
            mapped = char
        self[code] = mapped
        return mapped


_CHAR_MAP = _CharMap()


def normalize_place_name(text: str) -> str:
    """The search key of a place name: no accents, no case, punctuation as single spaces."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = unicodedata.normalize("NFC", _ACCENTS.sub("", text))
    return " ".join(text.translate(_CHAR_MAP).split())
