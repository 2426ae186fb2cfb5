"""Collective names that look alike are the same name: impersonation starts with a lookalike.

`name_skeleton` folds case, accents, punctuation, homoglyphs from other scripts (a Cyrillic "a",
a Greek "O"...) and the classic Latin lookalikes (0/o, 1/l/i, rn/m) into one key, in the spirit of
Unicode TR39's confusable skeletons. Two collectives may not share a skeleton.
"""

import unicodedata
from functools import cache

from confusable_homoglyphs.confusables import confusables_data

LATIN_LOOKALIKES = str.maketrans({"0": "o", "1": "l", "i": "l", "|": "l"})


@cache
def _latin_homoglyph(char: str) -> str:
    for glyph in confusables_data.get(char, ()):
        candidate = glyph["c"]
        if candidate.isascii() and glyph["n"].startswith(("LATIN", "DIGIT")):
            return candidate
    return char


def name_skeleton(name: str) -> str:
    text = unicodedata.normalize("NFKC", name)
    text = "".join(char if char.isascii() else _latin_homoglyph(char) for char in text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if not unicodedata.combining(char)).casefold()
    text = "".join(char for char in text if char.isalnum())
    return text.translate(LATIN_LOOKALIKES).replace("rn", "m")
