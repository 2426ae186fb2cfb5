"""The fixed cast and shared fixtures.

alice: admin of the collective `collective`; bob: member of it; charlie: outsider; mod: moderator
(staff in the "Moderators" group). Data is built through the real code paths.
"""

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

# Every city the article's examples need, plus Paris (to check ranking against Paris, Texas).
ARTICLE_CITIES = [
    "Haifa", "Umm al-Fahm", "Washington", "New York City", "Ottawa", "Montreal", "London",
    "Santiago", "Berlin", "Dusseldorf", "Tokyo", "Shibuya", "San Juan", "Nicosia", "Limassol",
    "Islamabad", "Lahore", "Karachi", "Tunis", "Paris", "Rome",
]


@pytest.fixture
def gazetteer(db):
    """A small subset of the GeoNames cities: those the article's examples mention."""
    call_command("import_places", "--only", *ARTICLE_CITIES, "--quiet")


@pytest.fixture
def seeded(gazetteer):
    call_command("seed_examples", stdout=open("/dev/null", "w"))  # noqa: SIM115


def make_user(email: str, **extra) -> User:
    return User.objects.create_user(email, "correct horse battery staple", **extra)


@pytest.fixture
def alice(db):
    return make_user("alice@example.org", display_name="Alice")


@pytest.fixture
def bob(db):
    return make_user("bob@example.org", display_name="Bob")


@pytest.fixture
def charlie(db):
    return make_user("charlie@example.org", display_name="Charlie")


@pytest.fixture
def mod(db):
    user = make_user("mod@example.org", display_name="Mod", is_staff=True)
    user.groups.add(Group.objects.get_or_create(name="Moderators")[0])
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
