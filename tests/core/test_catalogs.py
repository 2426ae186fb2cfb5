"""The translations (docs/translating.md): every language the site offers (LANGUAGES) has a
complete catalog, and the catalogs hold every string the code marks for translation.

Two gates, so that a new string without its translations cannot land:
- each offered language's catalog has no untranslated and no fuzzy entry, its placeholders
  match the English ones, and its plural entries have the language's number of forms;
- a fresh extraction from the code (Django's makemessages, in a copy of the sources, so the
  committed catalogs are never touched) finds no string missing from the catalogs.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
OFFERED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
# %(name)s, %s, %d: what Python formatting fills in (blocktranslate's {{ name }} becomes
# %(name)s in the catalog); a translation must keep exactly the same ones.
PLACEHOLDER = re.compile(r"%\([a-zA-Z0-9_]+\)[sdif]|%[sdif]")


def catalog(code: str) -> polib.POFile:
    path = ROOT / "locale" / code / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"{code} is in LANGUAGES but has no catalog at {path}"
    return polib.pofile(str(path))


def entries(po: polib.POFile):
    return [entry for entry in po if not entry.obsolete]


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def test_the_site_offers_english_and_at_least_one_translation():
    assert settings.LANGUAGE_CODE == "en"
    assert OFFERED


@pytest.mark.parametrize("code", OFFERED)
def test_every_entry_of_an_offered_language_is_translated(code):
    po = catalog(code)
    assert not po.metadata_is_fuzzy, f"{code}: the catalog's header is marked fuzzy"
    missing = [e.msgid for e in entries(po) if not e.translated()]
    fuzzy = [e.msgid for e in entries(po) if "fuzzy" in e.flags]
    assert not missing, f"{code}: {len(missing)} untranslated, first: {missing[:5]}"
    assert not fuzzy, f"{code}: {len(fuzzy)} fuzzy, first: {fuzzy[:5]}"


@pytest.mark.parametrize("code", OFFERED)
def test_translations_keep_their_placeholders_and_plural_forms(code):
    po = catalog(code)
    forms = int(re.search(r"nplurals=(\d+)", po.metadata["Plural-Forms"]).group(1))
    wrong = []
    # Untranslated entries are the other test's failure.
    for entry in (e for e in entries(po) if e.translated()):
        if entry.msgid_plural:
            if len(entry.msgstr_plural) != forms:
                wrong.append((entry.msgid, f"{len(entry.msgstr_plural)} forms, not {forms}"))
            # The "one" form may spell the number out ("un jour"); the others keep the count.
            for index, text in entry.msgstr_plural.items():
                expected = placeholders(entry.msgid_plural)
                if index and placeholders(text) != expected:
                    wrong.append((entry.msgid, f"form {index}: {placeholders(text)}"))
        elif placeholders(entry.msgstr) != placeholders(entry.msgid):
            wrong.append((entry.msgid, placeholders(entry.msgstr)))
    assert not wrong, f"{code}: {len(wrong)} entries with other placeholders: {wrong[:5]}"


def extracted_msgids(tmp_path) -> set[tuple[str, str]]:
    """(context, msgid) of every string marked in the code, as `make messages` extracts them,
    from a copy of the sources (makemessages writes next to the catalogs it finds)."""
    if not shutil.which("xgettext"):
        pytest.fail("GNU gettext's xgettext is needed to extract strings: apt-get install gettext")
    for part in ("organizing", "templates"):
        shutil.copytree(ROOT / part, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "manage.py", tmp_path)
    (tmp_path / "locale").mkdir()
    environment = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
    }
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale=xx", "--no-location"],
        cwd=tmp_path,
        env=environment,
        check=True,
        capture_output=True,
    )
    po = polib.pofile(str(tmp_path / "locale" / "xx" / "LC_MESSAGES" / "django.po"))
    return {(e.msgctxt or "", e.msgid) for e in po}


def test_the_catalogs_hold_every_string_the_code_marks(tmp_path):
    in_code = extracted_msgids(tmp_path)
    assert len(in_code) > 1000  # the extraction really ran over the project
    for code in OFFERED:
        in_catalog = {(e.msgctxt or "", e.msgid) for e in entries(catalog(code))}
        missing = sorted(in_code - in_catalog)
        assert not missing, (
            f"{code}: {len(missing)} strings of the code are not in the catalog (run "
            f"`make messages`, then translate them): {missing[:5]}"
        )
