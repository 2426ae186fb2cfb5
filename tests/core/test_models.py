import pytest
from django.db import IntegrityError, transaction

from organizing.actions.models import ActionHost, ActionKind, HostRole, new_action_slug
from organizing.appeals.models import Appeal, AppealSignature
from organizing.coalitions.models import Coalition, CoalitionMembership
from organizing.collectives.models import Collective, CollectiveKind, Membership
from organizing.core.models import Cause
from tests.factories import make_action

pytestmark = pytest.mark.django_db


# A bare action (no host), of unknown date unless a test says otherwise: the constraints
# under test are the database's own.
BARE = {
    "title": "Vigil",
    "base": {"kind": ActionKind.VIGIL, "date_precision": "unknown"},
    "starts_in": None,
}


def assert_violates(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_one_membership_per_user_and_collective(alice, collective):
    assert_violates(lambda: Membership.objects.create(user=alice, collective=collective))


def test_collective_names_are_unique_ignoring_case(db):
    Collective.objects.create(name="Students for Peace", slug="sfp", kind=CollectiveKind.PEACE)
    assert_violates(
        lambda: Collective.objects.create(
            name="STUDENTS FOR PEACE", slug="other", kind=CollectiveKind.PEACE
        )
    )


def test_one_host_link_per_collective_and_action(collective):
    action = make_action(**BARE)
    ActionHost.objects.create(action=action, collective=collective)
    assert_violates(lambda: ActionHost.objects.create(action=action, collective=collective))


def test_one_lead_host_per_action(collective):
    other = Collective.objects.create(name="Other", slug="other", kind=CollectiveKind.PEACE)
    action = make_action(**BARE)
    ActionHost.objects.create(action=action, collective=collective, role=HostRole.LEAD)
    assert_violates(
        lambda: ActionHost.objects.create(action=action, collective=other, role=HostRole.LEAD)
    )


def test_one_signature_per_collective_and_appeal(collective):
    appeal = Appeal.objects.create(title="Ceasefire now", slug="ceasefire-now", text="...")
    AppealSignature.objects.create(appeal=appeal, collective=collective)
    assert_violates(lambda: AppealSignature.objects.create(appeal=appeal, collective=collective))


def test_one_coalition_membership_per_collective(collective):
    coalition = Coalition.objects.create(name="Front", slug="front")
    CoalitionMembership.objects.create(coalition=coalition, collective=collective)
    assert_violates(
        lambda: CoalitionMembership.objects.create(coalition=coalition, collective=collective)
    )


def test_action_cannot_end_before_it_starts():
    from datetime import UTC, datetime

    assert_violates(
        lambda: make_action(
            **BARE,
            starts_at=datetime(2026, 5, 1, 18, tzinfo=UTC),
            ends_at=datetime(2026, 5, 1, 17, tzinfo=UTC),
            date_precision="exact",
        )
    )


def test_action_needs_a_start_unless_date_unknown():
    assert_violates(lambda: make_action(**BARE, starts_at=None, date_precision="exact"))
    assert make_action(**BARE, starts_at=None, date_precision="unknown").pk


def test_action_slugs_are_not_guessable():
    first, second = new_action_slug("Vigil for Gaza"), new_action_slug("Vigil for Gaza")
    assert first.startswith("vigil-for-gaza-")
    assert first != second
    assert len(first.rsplit("-", 1)[1]) == 8


def test_coarse_point_is_rounded_to_about_a_kilometre():
    action = make_action(**BARE, latitude=45.508840, longitude=-73.587810)
    assert action.coarse_point == (45.51, -73.59)


def test_str_and_urls(collective):
    cause = Cause.objects.create(name="Immediate ceasefire", slug="ceasefire")
    coalition = Coalition.objects.create(name="Front", slug="front")
    appeal = Appeal.objects.create(title="Ceasefire now", slug="ceasefire-now", text="...")
    action = make_action(**BARE)
    host = ActionHost.objects.create(action=action, collective=collective, role=HostRole.LEAD)
    membership = collective.memberships.get(role="admin")
    assert str(cause) == "Immediate ceasefire" and cause.get_absolute_url() == "/causes/ceasefire/"
    assert str(collective) == collective.name
    assert collective.get_absolute_url() == "/collectives/montreal-solidarity/"
    assert str(coalition) == "Front" and coalition.get_absolute_url() == "/coalitions/front/"
    assert str(appeal) == "Ceasefire now" and appeal.get_absolute_url() == "/appeals/ceasefire-now/"
    assert str(action) == "Vigil" and action.get_absolute_url() == f"/actions/{action.slug}/"
    assert str(host) == f"{collective} · Lead host · Vigil"
    assert str(membership) == f"Alice · {collective} (Admin)"
    assert membership.get_absolute_url() == collective.get_absolute_url()
