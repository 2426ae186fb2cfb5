"""The fixed cast and shared fixtures.

alice: admin of the collective `collective`; bob: member of it; charlie: outsider; mod: moderator
(staff in the "Moderators" group). For coalitions and partners: cora admins the coordinating
`union`, which founds `coalition` alone; nora admins `network`, outside it; dora admins
`dockworkers`; dave admins `partner`; olga organizes `collective`. Modules that need another
shape override a fixture of the same name. Data is built through tests/factories.py.
"""

import importlib
import io
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from allauth.mfa.utils import is_mfa_enabled
from django.contrib.auth.models import Group
from django.core.management import call_command

from organizing.accounts.models import User
from organizing.collectives.models import (
    Collective,
    CollectiveKind,
    CollectiveStatus,
    Membership,
    MembershipRole,
)
from tests.factories import PASSWORD, make_coalition, make_collective, make_organizer, make_user
from tests.snapshots import Snapshot

# Every city of the article, in the spelling a person would type, with its country; imported
# with --only so that a test loads about a hundred cities (every namesake, e.g. Paris, Texas)
# instead of 69,000.
ARTICLE_CITIES = {
    "Haifa": "IL",
    "Umm al-Fahm": "IL",
    "Washington": "US",
    "New York City": "US",
    "Ottawa": "CA",
    "Montréal": "CA",
    "London": "GB",
    "Santiago": "CL",
    "Berlin": "DE",
    "Düsseldorf": "DE",
    "Tokyo": "JP",
    "Shibuya": "JP",
    "San Juan": "PR",
    "Nicosia": "CY",
    "Limassol": "CY",
    "Islamabad": "PK",
    "Lahore": "PK",
    "Karachi": "PK",
    "Tunis": "TN",
    "Paris": "FR",
    "Rome": "IT",
}


@pytest.fixture
def article_cities() -> dict[str, str]:
    """City name as typed -> ISO code of its country."""
    return dict(ARTICLE_CITIES)


@pytest.fixture(scope="session")
def gazetteer_snapshot(django_db_setup, django_db_blocker):
    """`import_places --only <article cities>` run once per session (tests/snapshots.py)."""
    with django_db_blocker.unblock():
        snapshot = Snapshot.take(
            "places", lambda: call_command("import_places", "--quiet", "--only", *ARTICLE_CITIES)
        )
    yield snapshot
    with django_db_blocker.unblock():
        snapshot.drop()


@pytest.fixture(scope="session")
def examples_snapshot(gazetteer_snapshot, django_db_blocker):
    """`seed_examples` run once per session over the gazetteer (tests/snapshots.py)."""
    with django_db_blocker.unblock():
        snapshot = Snapshot.take(
            "examples",
            lambda: call_command("seed_examples", stdout=io.StringIO()),
            on=[gazetteer_snapshot],
        )
    yield snapshot
    with django_db_blocker.unblock():
        snapshot.drop()


@pytest.fixture
def gazetteer(db, gazetteer_snapshot):
    """The article's cities and their namesakes, with all their names: the rows
    `import_places --only <article cities>` writes, built once per session and copied in.
    Tests of the import itself run the command (tests/places/test_gazetteer.py)."""
    gazetteer_snapshot.load()


@pytest.fixture
def seeded(gazetteer, examples_snapshot):
    """The article's examples: the rows `seed_examples` writes, built once per session and
    copied in. Tests of the seeding itself run the command (test_seed_examples.py)."""
    examples_snapshot.load()


ROOT = Path(__file__).resolve().parents[1]


def run_manage(*args, **env) -> subprocess.CompletedProcess:
    """`manage.py *args` in a child process, with the test run's variables that would decide
    the answer left out and `env` added."""
    ignored = ("SECRET_KEY", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", "EMAIL_URL")
    environment = {k: v for k, v in os.environ.items() if k not in ignored}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def enable_two_factor(user) -> str:
    """Turn TOTP on for a user, as the setup page does; returns the secret."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def totp_code(secret: str) -> str:
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def login_with_two_factor(client, user):
    """Log `client` in as `user` as a real login with a second factor leaves the session: with
    allauth's "mfa" authentication record, which is what staff powers and the admin require
    (a bare `force_login` is a password-only session). Turns TOTP on if the user has none."""
    from allauth.account.internal.flows.login import (
        _AUTHENTICATION_METHODS_USER_SESSION_KEY,
        AUTHENTICATION_METHODS_SESSION_KEY,
    )
    from allauth.account.internal.userkit import user_id_to_str
    from allauth.mfa.models import Authenticator

    totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if totp is None:
        enable_two_factor(user)
        totp = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    client.force_login(user)
    session = client.session  # a new store on every access: read once, write, save
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": time.time(), "email": user.email},
        {"method": "mfa", "at": time.time(), "id": totp.pk, "type": totp.type},
    ]
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = user_id_to_str(user)
    session.save()
    return client


@pytest.fixture
def alice(db):
    return make_user("alice@example.org", display_name="Alice")


@pytest.fixture
def bob(db):
    return make_user("bob@example.org", display_name="Bob")


@pytest.fixture
def charlie(db):
    return make_user("charlie@example.org", display_name="Charlie")


def moderators_group() -> Group:
    """The "Moderators" group with the permissions migration moderation 0008 gives it (tests
    on a transactional database flush it away, so it is set up again here)."""
    from types import SimpleNamespace

    from django.apps import apps
    from django.db import connection

    migration = importlib.import_module(
        "organizing.moderation.migrations.0008_moderators_group_after_app_moves"
    )
    migration.moderators_group(apps, SimpleNamespace(connection=connection))
    return Group.objects.get(name="Moderators")


@pytest.fixture
def mod(db):
    user = make_user("mod@example.org", display_name="Mod", is_staff=True)
    user.groups.add(moderators_group())
    enable_two_factor(user)
    return user


@pytest.fixture
def collective(alice, bob):
    """A verified collective where alice is admin and bob a member."""
    collective = Collective.objects.create(
        name="Montréal Solidarity Collective",
        slug="montreal-solidarity",
        kind=CollectiveKind.LOCAL_COLLECTIVE,
        city="Montréal",
        country="CA",
        latitude=45.50884,
        longitude=-73.58781,
        status=CollectiveStatus.VERIFIED,
        contact_email="private-contact@example.org",
    )
    Membership.objects.create(user=alice, collective=collective, role=MembershipRole.ADMIN)
    Membership.objects.create(user=bob, collective=collective, role=MembershipRole.MEMBER)
    return collective


@pytest.fixture
def cora(db):
    return make_user("cora@example.org", display_name="Cora")


@pytest.fixture
def nora(db):
    return make_user("nora@example.org", display_name="Nora")


@pytest.fixture
def dora(db):
    return make_user("dora@example.org", display_name="Dora")


@pytest.fixture
def dave(db):
    return make_user("dave@example.org", display_name="Dave")


@pytest.fixture
def olga(collective):
    """An organizer (not an admin) of `collective`."""
    return make_organizer(collective, display_name="Olga")


@pytest.fixture
def union(cora):
    return make_collective("Coordinating Union", "coordinating-union", admin=cora)


@pytest.fixture
def network(nora):
    return make_collective("Nora's Network", "noras-network", admin=nora)


@pytest.fixture
def dockworkers(dora):
    """Another verified collective; dora is its admin."""
    return make_collective("Ottawa Dockworkers Union", "dockworkers", admin=dora)


@pytest.fixture
def partner(dave):
    """A second verified collective, open to partners; dave is its admin."""
    return make_collective("Ottawa Postal Workers", "ottawa-postal", admin=dave)


@pytest.fixture
def coalition(union, cora):
    """The coalition the union coordinates alone, with points of unity (version 1)."""
    return make_coalition((union, cora))


@pytest.fixture
def client_as(client, request):
    """`client_as("alice")`: the test client logged in as one of the cast, or anonymous."""

    def login(who: str):
        if who == "anonymous":
            return client
        user = request.getfixturevalue(who)
        # Someone with TOTP on cannot log in without it, so their session carries the record
        # (mod's staff powers depend on it); everyone else logs in with a password only.
        if is_mfa_enabled(user):
            return login_with_two_factor(client, user)
        client.force_login(user)
        return client

    return login


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hashing with PBKDF2 dominates test time; production keeps Django's default."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def admin_user(db):
    """pytest-django's `admin_client` logs this user in: staff need two-factor to use the admin."""
    user = User.objects.create_superuser("root@example.org", PASSWORD)
    enable_two_factor(user)
    return user


@pytest.fixture
def admin_client(db, admin_user):
    """pytest-django's `admin_client` (a client of its own, beside `client`), logged in with
    the second factor the admin requires."""
    from django.test import Client

    return login_with_two_factor(Client(), admin_user)
