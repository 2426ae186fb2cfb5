"""Every string a person reads is marked for translation (issue 15): the words of the templates
(pages, emails and their subjects) and of the messages, form errors, labels and help texts the
Python code shows. The test extracts what is left unmarked and fails on any of it, printed as
path:line: "text".

Templates are read with Django's own template lexer: text outside {% translate %} and
{% blocktranslate %} counts, less comments, scripts, styles, tags and the attributes no one
reads; in an HTML template the attributes people read or hear (alt, title, placeholder,
aria-label, ...) count too. Python is read with ast: calls of messages.*, ValidationError and
add_error, and label=/help_text=/verbose_name= arguments, whose text is a bare literal.
"""

import ast
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings
from django.template.base import Lexer, TokenType

ROOT = Path(settings.BASE_DIR)
TEMPLATE_SUFFIXES = {".html", ".txt", ".svg"}

# Words that read the same in every language, each with why.
ALLOWED_WORDS = [
    "Convergence",  # the site's name
    "GeoNames",  # the gazetteer's name, in the licence notice
    "OpenStreetMap",  # the map's name, in the licence notice
    "CC BY-SA",  # licence names are not translated
    "CC BY",
    "ODbL",
    "RSS",  # feed formats and file formats
    "Atom",
    "iCal",
    "JSON",
    "API",
    "CSV",
]
# A URL or an e-mail address in a text template is an address, not words.
# (A path or query string, "?in=message:", is what follows a {% url %} or a {{ site_url }}.)
ADDRESS = re.compile(r"\b(?:https?://|mailto:)\S+|\S+@\S+\.\w+|(?:^|(?<=\s))[/?#&]\S*")
LETTER = re.compile(r"[^\W\d_]")
# Attributes a person reads or a screen reader says; the others (class, href, name...) are code.
READ_ATTRIBUTES = {"alt", "title", "placeholder", "aria-label", "aria-description", "label"}
BUTTON_INPUT_TYPES = {"submit", "button", "reset"}
# Elements whose content is code, not text.
CODE_ELEMENTS = {"script", "style"}

TRANSLATED_BLOCKS = {"blocktranslate": "endblocktranslate", "blocktrans": "endblocktrans"}
SKIPPED_BLOCKS = {"comment": "endcomment", "verbatim": "endverbatim"}


@dataclass(frozen=True)
class Offender:
    path: str
    line: int
    text: str

    def __str__(self) -> str:
        return f'{self.path}:{self.line}: "{self.text}"'


def is_words(text: str) -> bool:
    """Whether text has letters left once the allowed words and the addresses are taken out."""
    text = ADDRESS.sub(" ", text)
    for word in ALLOWED_WORDS:
        text = text.replace(word, " ")
    return bool(LETTER.search(text))


# Templates ---------------------------------------------------------------------------------


def untranslated_source(source: str) -> str:
    """The template's text that no translation tag covers, with every tag, variable and
    comment replaced by nothing but its line breaks, so that lines still count true."""
    parts = []
    closing = None  # the end tag of the block being skipped, if any
    for token in Lexer(source).tokenize():
        name = token.contents.split()[0] if token.token_type == TokenType.BLOCK else ""
        if closing:
            if name == closing:
                closing = None
            parts.append("\n" * token.contents.count("\n"))
        elif name in TRANSLATED_BLOCKS or name in SKIPPED_BLOCKS:
            closing = TRANSLATED_BLOCKS.get(name) or SKIPPED_BLOCKS[name]
        elif token.token_type == TokenType.TEXT:
            parts.append(token.contents)
    return "".join(parts)


class _ReadTextCollector(HTMLParser):
    """The text nodes and the read attributes of an HTML document, with their lines."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self._in_code = 0

    def handle_starttag(self, tag, attrs):
        if tag in CODE_ELEMENTS:
            self._in_code += 1
        attributes = dict(attrs)
        line = self.getpos()[0]
        for name, value in attrs:
            if value and name in READ_ATTRIBUTES:
                self.found.append((line, value))
        is_button = tag == "input" and attributes.get("type") in BUTTON_INPUT_TYPES
        if is_button and attributes.get("value"):
            self.found.append((line, attributes["value"]))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in CODE_ELEMENTS:
            self._in_code -= 1

    def handle_endtag(self, tag):
        if tag in CODE_ELEMENTS and self._in_code:
            self._in_code -= 1

    def handle_data(self, data):
        if not self._in_code:
            self.found.append((self.getpos()[0], data))


def template_offenders(source: str, path: str, *, is_html: bool) -> list[Offender]:
    text = untranslated_source(source)
    if is_html:
        collector = _ReadTextCollector()
        collector.feed(text)
        collector.close()
        pieces = collector.found
    else:
        # A text email: everything outside the tags is read.
        pieces = [(number, line) for number, line in enumerate(text.splitlines(), start=1)]
    return [
        Offender(path, line, " ".join(piece.split())) for line, piece in pieces if is_words(piece)
    ]


def template_files() -> list[Path]:
    roots = [ROOT / "templates", *sorted((ROOT / "organizing").glob("**/templates"))]
    return sorted(
        path
        for root in roots
        for path in root.rglob("*")
        if path.suffix in TEMPLATE_SUFFIXES and path.is_file()
    )


def all_template_offenders() -> list[Offender]:
    offenders = []
    for path in template_files():
        offenders += template_offenders(
            path.read_text(), str(path.relative_to(ROOT)), is_html=path.suffix != ".txt"
        )
    return offenders


# Python ------------------------------------------------------------------------------------

MESSAGE_FUNCTIONS = {"success", "info", "warning", "error", "debug"}
SHOWN_KEYWORDS = {"label", "help_text", "verbose_name", "verbose_name_plural"}


def is_bare_text(node: ast.AST | None) -> bool:
    """A literal (or an f-string, a %-formatted or .format()ted literal) not passed through
    gettext: what would reach the reader in English whatever their language."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and is_words(node.value)
    if isinstance(node, ast.JoinedStr):
        return any(is_bare_text(part) for part in node.values if isinstance(part, ast.Constant))
    if isinstance(node, ast.BinOp):
        return is_bare_text(node.left)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr == "format" and is_bare_text(node.func.value)
    return False


def _argument(call: ast.Call, position: int, keyword: str) -> ast.AST | None:
    if len(call.args) > position:
        return call.args[position]
    return next((k.value for k in call.keywords if k.arg == keyword), None)


def _function_name(call: ast.Call) -> tuple[str, str]:
    """(owner, name) of what is called: ("messages", "success"), ("", "ValidationError")."""
    func = call.func
    if isinstance(func, ast.Attribute):
        owner = func.value.id if isinstance(func.value, ast.Name) else ""
        return owner, func.attr
    if isinstance(func, ast.Name):
        return "", func.id
    return "", ""


def _is_api_schema(owner: str, name: str) -> bool:
    """A field of the JSON API's serializers: its help_text is the OpenAPI schema, developers'
    documentation written in English like the field names (its docs page is lang="en")."""
    return owner == "serializers" or name.endswith("Serializer")


def domain_errors(trees: list[ast.Module]) -> set[str]:
    """The names of DomainError and its subclasses: their message is shown to the person as is
    (core.domain_errors.domain_error_shown)."""
    bases = {
        node.name: {ast.unparse(base).rsplit(".", 1)[-1] for base in node.bases}
        for tree in trees
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
    }
    found = {"DomainError"}
    while grown := {name for name, parents in bases.items() if parents & found} - found:
        found |= grown
    return found


def shown_texts(call: ast.Call, errors: set[str]) -> list[ast.AST]:
    """The arguments of this call that a person reads."""
    owner, name = _function_name(call)
    shown = []
    if not _is_api_schema(owner, name):
        shown += [k.value for k in call.keywords if k.arg in SHOWN_KEYWORDS]
    if owner == "messages" and name in MESSAGE_FUNCTIONS:
        shown.append(_argument(call, 1, "message"))
    elif owner == "messages" and name == "add_message":
        shown.append(_argument(call, 2, "message"))
    elif name == "ValidationError" or name in errors:
        shown.append(_argument(call, 0, "message"))
    elif name == "add_error":
        shown.append(_argument(call, 1, "error"))
    return shown


def python_offenders(source: str, path: str, errors: set[str] = frozenset()) -> list[Offender]:
    tree = ast.parse(source)
    errors = errors | domain_errors([tree])
    offenders = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for text in shown_texts(node, errors):
                if is_bare_text(text):
                    offenders.append(Offender(path, text.lineno, ast.unparse(text)))
    return offenders


def python_files() -> list[Path]:
    return sorted(
        path for path in (ROOT / "organizing").rglob("*.py") if "migrations" not in path.parts
    )


def all_python_offenders() -> list[Offender]:
    sources = {path: path.read_text() for path in python_files()}
    errors = domain_errors([ast.parse(source) for source in sources.values()])
    offenders = []
    for path, source in sources.items():
        offenders += python_offenders(source, str(path.relative_to(ROOT)), errors)
    return offenders


# The tests ---------------------------------------------------------------------------------


def _report(offenders: list[Offender]) -> str:
    return "Strings shown to people but not marked for translation:\n" + "\n".join(
        map(str, offenders)
    )


def test_templates_mark_every_word_for_translation():
    offenders = all_template_offenders()
    print(_report(offenders))
    assert offenders == [], _report(offenders)


def test_python_marks_every_shown_string_for_translation():
    offenders = all_python_offenders()
    print(_report(offenders))
    assert offenders == [], _report(offenders)


BAD_TEMPLATE = """{% load i18n %}<h1>Welcome</h1>
<img src="x.png" alt="A map">
<input type="submit" value="Send" class="btn">
<p title="{% translate 'Fine' %}">{{ count }} people</p>
"""
GOOD_TEMPLATE = """{% load i18n %}{# A comment in English #}
<h1>{% translate "Welcome" %}</h1>
<img src="x.png" alt="{% translate 'A map' %}" class="map-image" data-zoom="far">
{% blocktranslate trimmed count counter=count %}
  One person{% plural %}{{ counter }} people
{% endblocktranslate %}
{% comment %}Notes for the team.{% endcomment %}
<script src="app.js">var text = "not read";</script><style>body { color: red; }</style>
<p>Convergence · GeoNames &copy; 2026 &nbsp; — 42 % : {{ name }}</p>
<input type="hidden" name="next" value="/actions/">
"""
BAD_EMAIL = "{% load i18n %}{% translate 'Hello' %} {{ name }},\nSee you soon.\n"
GOOD_EMAIL = (
    "{% load i18n %}{% translate 'Hello' %} {{ name }},\n{{ url }}\nhttps://example.org/x\n"
)


def test_the_detector_flags_words_outside_translation_in_a_template():
    offenders = template_offenders(BAD_TEMPLATE, "bad.html", is_html=True)
    assert [(o.line, o.text) for o in offenders] == [
        (1, "Welcome"),
        (2, "A map"),
        (3, "Send"),
        (4, "people"),
    ]
    assert [str(o) for o in template_offenders(BAD_EMAIL, "bad.txt", is_html=False)] == [
        'bad.txt:2: "See you soon."'
    ]


def test_the_detector_lets_translated_and_unread_text_through():
    assert template_offenders(GOOD_TEMPLATE, "good.html", is_html=True) == []
    assert template_offenders(GOOD_EMAIL, "good.txt", is_html=False) == []


BAD_PYTHON = """
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError

def view(request, form, name):
    messages.success(request, "Saved.")
    messages.add_message(request, messages.INFO, f"Hello {name}")
    form.add_error("email", "Already taken.")
    raise ValidationError("Too long: %s" % name)

class SomeForm(forms.Form):
    city = forms.CharField(label="City", help_text="Where it happens.")
"""
GOOD_PYTHON = """
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _, gettext_lazy, ngettext

def view(request, form, name, count):
    messages.success(request, _("Saved."))
    messages.info(request, ngettext("%d person", "%d people", count) % count)
    messages.error(request, message)
    form.add_error("email", _("Already taken."))
    form.add_error(None, error)
    raise ValidationError(_("Too long: %(name)s"), params={"name": name}, code="too_long")

class SomeForm(forms.Form):
    city = forms.CharField(label=gettext_lazy("City"), help_text="", max_length=80)
"""


def test_the_detector_flags_bare_strings_in_python():
    offenders = python_offenders(BAD_PYTHON, "bad.py")
    assert [(o.line, o.text) for o in offenders] == [
        (7, "'Saved.'"),
        (8, "f'Hello {name}'"),
        (9, "'Already taken.'"),
        (10, "'Too long: %s' % name"),
        (13, "'City'"),
        (13, "'Where it happens.'"),
    ]


def test_the_detector_lets_marked_strings_in_python_through():
    assert python_offenders(GOOD_PYTHON, "good.py") == []
