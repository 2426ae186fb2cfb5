"""CSV cells never run as formulas in the spreadsheet that opens them, whitespace before the
formula included (" =1+1" ran before): one function for every CSV the app writes."""

import csv
import io

import pytest
from django.urls import reverse

from organizing.appeals.services import appeal_sign
from organizing.core.spreadsheets import spreadsheet_cell
from tests.conftest import enable_two_factor, login_with_two_factor, make_user
from tests.factories import confirmed, draft, make_action, make_collective

FORMULAS = [
    "=1+1",
    "+1+1",
    "-1+1",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
    "\t",
    "\rtext",
    " =1+1",
    '   =HYPERLINK("http://evil")',
    "\n=1+1",
    "\r\n=1+1",
    "\u00a0=1+1",
    "\u3000=1+1",
    "\u2003+1",
    "\u200b=1+1",
    "\ufeff=1+1",
    " \t @SUM(A1)",
    "\x0b=1",
    "\x0c-1",
    "\uff1d1+1",
    " \uff20SUM(A1)",
]
TEXT = [
    "",
    "Dana",
    "Dana = Dana",
    "a+b",
    "e-mail",
    "dana@example.net",
    "'=already quoted",
    "  Dana",
    "\nDana",
    "Ünïcødé",
    "1+1",
]


@pytest.mark.parametrize("value", FORMULAS)
def test_formulas_are_quoted(value):
    assert spreadsheet_cell(value) == "'" + value


@pytest.mark.parametrize("value", TEXT)
def test_text_is_left_alone(value):
    assert spreadsheet_cell(value) == value


def test_other_values_become_text():
    assert spreadsheet_cell(None) == ""
    assert spreadsheet_cell(3) == "3"
    assert spreadsheet_cell(-3) == "'-3"


def read_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


@pytest.mark.django_db
def test_attendee_csv_quotes_a_formula_behind_whitespace(client, alice, collective):
    enable_two_factor(alice)
    action = make_action(collective)
    confirmed(action, ' =HYPERLINK("http://evil")', "spaced@example.net")
    confirmed(action, "\u00a0@SUM(A1)", "nbsp@example.net")
    login_with_two_factor(client, alice)
    rows = read_csv(client.get(reverse("actions:attendees_csv", args=[action.slug])))
    names = {row[0] for row in rows[1:]}
    assert names == {'\' =HYPERLINK("http://evil")', "'\u00a0@SUM(A1)"}


@pytest.mark.django_db
def test_appeal_csv_quotes_a_formula_behind_whitespace(client, collective, alice):
    appeal = draft(collective, alice)
    admin = make_user("evil@example.org")
    other = make_collective(" =cmd|' /C calc'!A0", "evil", admin=admin, city="\t=1+1")
    appeal_sign(appeal=appeal, collective=other, by=admin)
    rows = read_csv(client.get(reverse("appeals:csv", args=[appeal.slug])))
    row = next(row for row in rows if "cmd" in row[0])
    assert row[0] == "' =cmd|' /C calc'!A0"
    assert row[3] == "'\t=1+1"
