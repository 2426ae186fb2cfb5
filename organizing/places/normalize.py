"""One normal form for place names, shared by the import and the search so that both sides agree.

"Montréal", "MONTREAL" and "Montreal" all become "montreal"; "Umm al-Fahm" becomes "umm al fahm";
"Λευκωσία" becomes "λευκωσια"; "東京" and "도쿄" stay as they are. Letters that people write
either way fold into one: the Arabic and Persian/Urdu forms of kāf and yā' ("كراچي" and "کراچی"
meet), tā' marbūṭa and hā', hamza on its carriers; Arabic harakat and Hebrew niqqud go, like
Latin accents; Japanese full- and half-width forms meet through NFKD.
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

# Marks that vowel or cantillate Arabic (harakat, shadda, sukun, the hamza and madda NFKD splits
# off alif, waw and ya', the dagger alif, Quranic marks) and Hebrew (niqqud, te'amim): most
# people type without them, so, like Latin accents, they never take part in a match.
_SEMITIC_MARKS = re.compile(
    "[\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7"
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
    "\u08d3-\u08ff]+"
)

# Letters written one way or another for the same sound across Arabic, Persian and Urdu
# keyboards, folded to the Arabic form; tatweel (the stretching stroke) goes.
_ARABIC_LETTERS = {
    # keheh, swash kaf -> kaf
    "\u06a9": "\u0643", "\u06aa": "\u0643",
    # farsi yeh, alef maksura, yeh barree, e -> yeh
    "\u06cc": "\u064a", "\u0649": "\u064a", "\u06d2": "\u064a", "\u06d0": "\u064a",
    # ta marbuta, heh goal, teh marbuta goal, heh doachashmee, ae -> heh
    "\u0629": "\u0647", "\u06c1": "\u0647", "\u06c3": "\u0647", "\u06be": "\u0647",
    "\u06d5": "\u0647",
    "\u0671": "\u0627",  # alef wasla -> alef (hamza and madda carriers are split by NFKD)
    "\u0621": "",  # a lone hamza: written or not
    "\u0640": "",  # tatweel
}  # fmt: skip

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
        elif char in _ARABIC_LETTERS:
            mapped = _ARABIC_LETTERS[char]
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
    text = unicodedata.normalize("NFC", _SEMITIC_MARKS.sub("", _ACCENTS.sub("", text)))
    return " ".join(text.translate(_CHAR_MAP).split())
