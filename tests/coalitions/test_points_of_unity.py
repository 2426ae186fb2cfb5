"""Versioned points of unity: editing opens a new version, members consent again; only the
admins of active members edit or consent."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from organizing.coalitions.models import CoalitionMembership, CoalitionMembershipStatus
from organizing.coalitions.services import coalitions as services
from organizing.coalitions.services.common import CoalitionError
from tests.factories import (
    POINTS,
    add_member,
    mails_to,
    make_coalition,
    make_collective,
)
from tests.factories import membership_of as membership

pytestmark = pytest.mark.django_db

V2 = POINTS + "\n3. Free all hostages and prisoners."


@pytest.fixture
def coalition(coalition, collective, alice):
    add_member(coalition, collective, alice)  # consents to version 1 on accepting
    return coalition


def test_edit_opens_a_new_version_and_asks_the_others(
    client_as, coalition, collective, union, django_capture_on_commit_callbacks
):
    client = client_as("cora")
    url = reverse("coalitions:points_edit", args=[coalition.slug])
    assert POINTS.splitlines()[0] in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"collective": union.pk, "text": V2})
    assert response.status_code == 302
    coalition.refresh_from_db()
    assert (coalition.points_version, coalition.points_of_unity) == (2, V2)
    assert membership(coalition, union).consented_version == 2  # the proposer consents
    assert membership(coalition, collective).consented_version == 1
    email = mails_to("alice@example.org").get(subject__contains="version 2")
    assert "Free all hostages" in email.body_text
    assert coalition.get_absolute_url() in email.body_text
    assert not mails_to("cora@example.org").filter(subject__contains="version 2").exists()

    page = client.get(coalition.get_absolute_url()).content.decode()
    assert "consented to version 2" in page and "consented to version 1" in page

    history = (
        client_as("anonymous")
        .get(reverse("coalitions:points_history", args=[coalition.slug]))
        .content.decode()
    )
    assert "Version 2" in history and "Version 1" in history
    assert history.index("Version 2") < history.index("Version 1")
    assert "proposed by Coordinating Union" in history
    assert "Free all hostages" in history


def test_member_consents_again_through_the_page(client_as, coalition, collective, union, cora):
    services.points_of_unity_edit(coalition=coalition, text=V2, by=cora, for_collective=union)
    client = client_as("alice")
    page = client.get(coalition.get_absolute_url()).content.decode()
    assert "Consent to version 2" in page
    response = client.post(
        reverse("coalitions:consent", args=[coalition.slug]), {"collective": collective.pk}
    )
    assert response.status_code == 302
    consent = membership(coalition, collective)
    assert consent.consented_version == 2 and consent.consented_by.email == "alice@example.org"
    page = client.get(coalition.get_absolute_url()).content.decode()
    assert "consented to version 1" not in page and "Consent to version 2" not in page


def test_unchanged_text_is_refused_and_the_form_keeps_it(client_as, coalition, union):
    response = client_as("cora").post(
        reverse("coalitions:points_edit", args=[coalition.slug]),
        {"collective": union.pk, "text": POINTS + "  "},
    )
    assert response.status_code == 200
    assert "unchanged" in " ".join(response.context["form"].non_field_errors())
    assert "An end to arms sales." in response.content.decode()
    coalition.refresh_from_db()
    assert coalition.points_version == 1


@pytest.mark.parametrize("who", ["bob", "olga", "charlie", "mod"])
def test_only_admins_of_members_consent_or_edit(client_as, coalition, collective, olga, who):
    client = client_as(who)
    consent = reverse("coalitions:consent", args=[coalition.slug])
    assert client.post(consent, {"collective": collective.pk}).status_code == 404
    edit = reverse("coalitions:points_edit", args=[coalition.slug])
    assert client.get(edit).status_code == 404
    assert client.post(edit, {"collective": collective.pk, "text": V2}).status_code == 404
    coalition.refresh_from_db()
    assert coalition.points_version == 1


def test_services_refuse_non_admins_and_non_members(coalition, collective, union, bob, alice, cora):
    with pytest.raises(CoalitionError):
        services.points_of_unity_consent(membership=membership(coalition, collective), by=bob)
    with pytest.raises(CoalitionError):
        services.points_of_unity_edit(
            coalition=coalition, text=V2, by=bob, for_collective=collective
        )
    with pytest.raises(CoalitionError):  # cora does not admin alice's collective
        services.points_of_unity_edit(
            coalition=coalition, text=V2, by=cora, for_collective=collective
        )
    outsider = make_collective("Outside", "outside", admin=alice)
    with pytest.raises(CoalitionError, match="active members"):
        services.points_of_unity_edit(
            coalition=coalition, text=V2, by=alice, for_collective=outsider
        )


@pytest.mark.parametrize(
    "status",
    [
        CoalitionMembershipStatus.INVITED,
        CoalitionMembershipStatus.REQUESTED,
        CoalitionMembershipStatus.LEFT,
    ],
)
def test_consent_refused_for_non_active_memberships(coalition, collective, alice, status):
    row = membership(coalition, collective)
    CoalitionMembership.objects.filter(pk=row.pk).update(status=status, consented_version=None)
    with pytest.raises(CoalitionError, match="active members"):
        services.points_of_unity_consent(membership=row, by=alice)
    assert membership(coalition, collective).consented_version is None


def test_consent_to_nothing_written_is_refused(union, cora):
    coalition = make_coalition((union, cora), points="", name="No Points Yet")
    with pytest.raises(CoalitionError):
        services.points_of_unity_consent(membership=membership(coalition, union), by=cora)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    not settings.IS_POSTGRESQL, reason="SQLite serializes writes: races need PostgreSQL"
)
def test_concurrent_edits_give_consecutive_versions(coalition, union, cora):
    editors = 6
    barrier = threading.Barrier(editors)

    def edit(n: int) -> int:
        try:
            barrier.wait(timeout=30)
            return services.points_of_unity_edit(
                coalition=coalition, text=f"{POINTS}\n{n}", by=cora, for_collective=union
            )
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=editors) as pool:
        versions = sorted(pool.map(edit, range(editors)))
    assert versions == list(range(2, 2 + editors))
    coalition.refresh_from_db()
    assert coalition.points_version == 1 + editors
    stored = sorted(coalition.points_versions.values_list("version", flat=True))
    assert stored == list(range(1, 2 + editors))
