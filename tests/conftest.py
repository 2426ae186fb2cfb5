"""The fixed cast and shared fixtures.

alice: admin of the collective `collective`; bob: member of it; charlie: outsider; mod: moderator
(staff in the "Moderators" group). Data is built through the real code paths.
"""

import importlib
import time

import pytest
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

# Every city of the article, in the spelling a person would type, with its country; imported
# with --only so that a test loads about a hundred cities (every namesake, e.g. Paris, Texas)
# instead of 69,000.
ARTICLE_CITIES = {
    "Haifa": "IL", "Umm al-Fahm": "IL", "Washington": "US", "New York City": "US",
    "Ottawa": "CA", "Montréal": "CA", "London": "GB", "Santiago": "CL", "Berlin": "DE",
    "Düsseldorf": "DE", "Tokyo": "JP", "Shibuya": "JP", "San Juan": "PR", "Nicosia": "CY",
    "Limassol": "CY", "Islamabad": "PK", "Lahore": "PK", "Karachi": "PK", "Tunis": "TN",
    "Paris": "FR", "Rome": "IT",
}


@pytest.fixture
def article_cities() -> dict[str, str]:
    """City name as typed -> ISO code of its country."""
    return dict(ARTICLE_CITIES)


@pytest.fixture
def gazetteer(db):
    """The article's cities and their namesakes, with all their names."""
    call_command("import_places", "--quiet", "--only", *ARTICLE_CITIES)


@pytest.fixture
def seeded(gazetteer):
    call_command("seed_examples", stdout=open("/dev/null", "w"))  # noqa: SIM115


PASSWORD = "correct horse battery staple"


def make_user(email: str, *, verified: bool = True, **extra) -> User:
    """A user as sign-up leaves them: with their email address verified (allauth's record)."""
    from allauth.account.models import EmailAddress

    user = User.objects.create_user(email, PASSWORD, **extra)
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


def enable_two_factor(user) -> str:
    """Turn TOTP on for a user, as the setup page does; returns the secret."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def totp_code(secret: str) -> str:
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


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
    """The "Moderators" group with the permissions migration moderation 0003 gives it (tests
    on a transactional database flush it away, so it is set up again here)."""
    from types import SimpleNamespace

    from django.apps import apps
    from django.db import connection

    migration = importlib.import_module("organizing.moderation.migrations.0003_moderators_group")
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
def client_as(client, request):
    """`client_as("alice")`: the test client logged in as one of the cast, or anonymous."""

    def login(who: str):
        if who != "anonymous":
            client.force_login(request.getfixturevalue(who))
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
