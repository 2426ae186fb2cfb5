"""The moderation pages of the admin carry the admin's own breadcrumbs (issue 14, first hour
14): a `<nav>` holding `<ol class="breadcrumbs">` of `<li>` items, the last one the current
page, which the admin's stylesheet styles (a bare `<div class="breadcrumbs">` is not)."""

import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests.conftest import login_with_two_factor
from tests.factories import make_undated_action

pytestmark = pytest.mark.django_db


class _Breadcrumbs(HTMLParser):
    """The items of every `<ol class="breadcrumbs">` inside a `<nav>`, and stray
    `div.breadcrumbs` (the unstyled markup)."""

    def __init__(self):
        super().__init__()
        self.nav_depth = 0
        self.in_list = False
        self.items: list[dict] = []
        self.stray_divs = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "nav":
            self.nav_depth += 1
        elif tag == "ol" and "breadcrumbs" in classes and self.nav_depth:
            self.in_list = True
        elif tag == "div" and "breadcrumbs" in classes:
            self.stray_divs += 1
        elif tag == "li" and self.in_list:
            self.items.append({"current": attrs.get("aria-current") == "page", "text": ""})
        elif tag == "a" and self.in_list and self.items:
            self.items[-1]["href"] = attrs.get("href")

    def handle_endtag(self, tag):
        if tag == "nav":
            self.nav_depth -= 1
        elif tag == "ol":
            self.in_list = False

    def handle_data(self, data):
        if self.in_list and self.items:
            self.items[-1]["text"] += data


def breadcrumbs(response) -> _Breadcrumbs:
    assert response.status_code == 200
    parser = _Breadcrumbs()
    parser.feed(response.content.decode())
    return parser


def assert_admin_breadcrumbs(response, *, current: str) -> list[dict]:
    found = breadcrumbs(response)
    assert found.stray_divs == 0, "a div.breadcrumbs is not styled by the admin"
    assert found.items, "no <nav><ol class='breadcrumbs'> on the page"
    assert found.items[0]["href"] == reverse("admin:index")
    *links, last = found.items
    assert all(item.get("href") and not item["current"] for item in links)
    assert last["current"] and "href" not in last
    assert re.sub(r"\s+", " ", last["text"]).strip() == current
    return found.items


@pytest.fixture
def mod_client(client, mod):
    for codename in ["change_collective", "view_collective", "change_action", "view_action"]:
        mod.user_permissions.add(Permission.objects.get(codename=codename))
    return login_with_two_factor(client, mod)


def test_the_moderation_home_has_the_admin_breadcrumbs(mod_client):
    response = mod_client.get(reverse("admin:moderation_home"))
    assert_admin_breadcrumbs(response, current="Moderation")


def test_the_reason_page_has_the_admin_breadcrumbs(mod_client, pending):
    response = mod_client.post(
        reverse("admin:collectives_collective_changelist"),
        {"action": "reject", "_selected_action": [pending.pk]},
    )
    items = assert_admin_breadcrumbs(response, current=str(response.context["title"]))
    assert reverse("admin:collectives_collective_changelist") in [i.get("href") for i in items]


def test_the_break_glass_page_has_the_admin_breadcrumbs(mod_client, collective):
    action = make_undated_action(collective, title="Vigil")
    response = mod_client.get(reverse("admin:actions_action_reveal_place", args=[action.pk]))
    items = assert_admin_breadcrumbs(response, current=str(response.context["title"]))
    change = reverse("admin:actions_action_change", args=[action.pk])
    assert change in [i.get("href") for i in items]
