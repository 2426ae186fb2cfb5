import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from organizing.accounts.models import User

pytestmark = pytest.mark.django_db


def test_email_is_the_login_and_is_stored_lowercase():
    user = User.objects.create_user("Organizer@Example.ORG", "a long enough password")
    assert user.email == "organizer@example.org"
    assert authenticate(username="ORGANIZER@example.org", password="a long enough password")


def test_str_prefers_the_display_name_and_never_needs_the_email():
    assert str(User(email="nadia@example.org", display_name="Nadia")) == "Nadia"
    assert str(User(email="nadia@example.org")) == "Member without a display name"


def test_superuser_is_staff():
    admin = User.objects.create_superuser("root@example.org", "a long enough password")
    assert admin.is_staff and admin.is_superuser


def test_demo_admin_is_created_once_with_a_stored_password(monkeypatch, settings, tmp_path, capsys):
    # A password from the caller's environment would win over the stored one.
    monkeypatch.delenv("DJANGO_SUPERUSER_PASSWORD", raising=False)
    settings.VAR_DIR = tmp_path
    call_command("ensure_demo_admin")
    call_command("ensure_demo_admin")
    password = (tmp_path / "demo-admin-password").read_text().strip()
    assert User.objects.filter(email="admin@localhost", is_superuser=True).count() == 1
    assert authenticate(username="admin@localhost", password=password)
    assert f"admin@localhost with password {password}" in capsys.readouterr().out


def test_demo_admin_password_from_the_environment(monkeypatch, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "from the environment 42")
    call_command("ensure_demo_admin")
    assert authenticate(username="admin@localhost", password="from the environment 42")
