"""Cells for the CSV files people open in a spreadsheet (attendee lists, appeal signatories).

A name typed as `=HYPERLINK(...)` or `@SUM(...)` would run as a formula on the host's machine
(OWASP "CSV injection"). Spreadsheets skip leading blanks before reading a formula, so
" =1+1", "\\u00a0=1+1" and "\\n=1+1" are formulas too; a tab or a carriage return at the start
is refused as such (OWASP's list). Such cells get a leading apostrophe, which spreadsheets
read as "this is text" and do not show.
"""

import re

# Unicode whitespace (\s: spaces, tabs, CR/LF, no-break and ideographic spaces...) and the
# invisible characters \s leaves out, then a character that starts a formula: = + - @ and
# their full-width forms, which some spreadsheets accept in their place.
FORMULA_START = re.compile("^[\\s\u200b\u200c\u200d\u2060\ufeff]*[=+\\-@\uff1d\uff0b\uff0d\uff20]")
CONTROL_START = ("\t", "\r")


def spreadsheet_cell(value) -> str:
    """The value as text that a spreadsheet shows and never evaluates."""
    text = "" if value is None else str(value)
    if text.startswith(CONTROL_START) or FORMULA_START.match(text):
        return "'" + text
    return text
