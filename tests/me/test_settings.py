"""Profile settings (/me/settings/) and the "My account" page (/me/account/), issue 14."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

SETTINGS = reverse("me:settings")
ACCOUNT = reverse("me:account")


def test_settings_show_what_is_saved(client, alice):
    alice.language, alice.time_zone = "fr", "America/Toronto"
    alice.save()
    client.force_login(alice)
    form = client.get(SETTINGS).context["form"]
    assert form["display_name"].value() == "Alice"
    assert form["language"].value() == "fr"
    assert form["time_zone"].value() == "America/Toronto"


def test_saving_the_settings(client, alice):
    client.force_login(alice)
    response = client.post(
        SETTINGS,
        {"display_name": "  Alice   from Montréal ", "language": "ar", "time_zone": "Asia/Nicosia"},
    )
    assert response.status_code == 302 and response["Location"] == SETTINGS
    alice.refresh_from_db()
    assert (alice.display_name, alice.language, alice.time_zone) == (
        "Alice from Montréal",
        "ar",
        "Asia/Nicosia",
    )
    assert str(alice) == "Alice from Montréal"


def test_blanks_mean_the_defaults(client, alice):
    client.force_login(alice)
    client.post(SETTINGS, {"display_name": "Alice", "language": "", "time_zone": ""})
    alice.refresh_from_db()
    assert (alice.language, alice.time_zone) == ("", "")


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"display_name": "   ", "language": "fr", "time_zone": "Europe/Paris"}, "display_name"),
        ({"display_name": "A" * 81, "language": "fr", "time_zone": "Europe/Paris"}, "display_name"),
        ({"display_name": "Alice B", "language": "xx", "time_zone": "Europe/Paris"}, "language"),
        ({"display_name": "Alice B", "language": "fr", "time_zone": "Mars/Olympus"}, "time_zone"),
    ],
)
def test_bad_settings_are_explained_next_to_the_field_and_kept(client, alice, data, field):
    client.force_login(alice)
    response = client.post(SETTINGS, data)
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == [field]
    page = response.content.decode()
    # The error sits in its field's own block; what was typed stays.
    block = page.split(f'id="div_id_{field}"', 1)[1].split('id="div_id_', 1)[0]
    assert f'id="error_1_id_{field}"' in block
    if field != "display_name":
        assert 'value="Alice B"' in page
    if field == "time_zone":
        assert '<option value="fr" selected>' in page
    alice.refresh_from_db()
    assert alice.display_name == "Alice" and alice.language == ""


def test_the_time_zones_are_every_available_zone_grouped(client, alice):
    import zoneinfo

    client.force_login(alice)
    page = client.get(SETTINGS).content.decode()
    assert '<optgroup label="America">' in page
    assert '<option value="America/Toronto">Toronto</option>' in page
    assert (
        '<option value="America/Argentina/Buenos_Aires">Argentina / Buenos Aires</option>' in page
    )
    assert page.count("<option value=") >= len(zoneinfo.available_timezones())


def test_settings_and_account_need_an_account(client):
    for url in (SETTINGS, ACCOUNT):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_the_account_page_reaches_every_setting(client, alice):
    client.force_login(alice)
    page = client.get(ACCOUNT).content.decode()
    for name in ("account_change_password", "account_email", "mfa_index", "me:settings"):
        assert f'href="{reverse(name)}"' in page
    assert "alice@example.org" in page
    # Reached from the dashboard, the menu's first item.
    assert f'href="{ACCOUNT}"' in client.get(reverse("me:dashboard")).content.decode()
