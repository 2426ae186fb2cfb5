"""Every appeal view against the whole cast: who gets in, who is sent to log in, who gets 404.

Appeals are public records: the list, the page, the CSV and the badge answer everyone. Editing
and inviting are for the initiating collective's admins and organizers (404 for everyone else:
moderators edit through the Django admin). Signing, withdrawing and confirming act for a
collective named in the form, which the user must admin (404 otherwise).
"""

import pytest
from django.urls import reverse

from organizing.appeals.models import AppealSignature
from organizing.appeals.services import appeal_sign, appeal_update
from tests.conftest import make_user
from tests.factories import draft, make_collective

pytestmark = pytest.mark.django_db

CAST = ["anonymous", "charlie", "bob", "olga", "alice", "dora", "mod"]
LOGIN = "login"  # a redirect to the login page
BACK = "back"  # a redirect back to the appeal page

PAGES = [
    "list",
    "create",
    "detail",
    "edit",
    "invite",
    "csv",
    "badge",
]
EXPECTED_PAGES = {  # who: status of each page in PAGES (GET)
    "anonymous": (200, LOGIN, 200, LOGIN, LOGIN, 200, 200),
    "charlie": (200, 200, 200, 404, 404, 200, 200),
    "bob": (200, 200, 200, 404, 404, 200, 200),
    "olga": (200, 200, 200, 200, 200, 200, 200),
    "alice": (200, 200, 200, 200, 200, 200, 200),
    "dora": (200, 200, 200, 404, 404, 200, 200),
    "mod": (200, 200, 200, 404, 404, 200, 200),
}
ACTIONS = ["sign", "confirm", "withdraw"]
EXPECTED_ACTIONS = {  # who: status of each POST in ACTIONS, for the collective they name
    "anonymous": (LOGIN, LOGIN, LOGIN),
    "charlie": (404, 404, 404),
    "bob": (404, 404, 404),
    "olga": (404, 404, 404),
    "alice": (BACK, BACK, BACK),
    "dora": (BACK, BACK, BACK),
    "mod": (404, 404, 404),
}


@pytest.fixture
def union(dockworkers):
    """Dora's union, which signs the appeal."""
    return dockworkers


@pytest.fixture
def appeal(collective, alice, union, dora):
    """Signed by the initiator and by dora's union; a second text version awaits their
    confirmation (the initiator's is automatic)."""
    appeal = draft(collective, alice)
    appeal_sign(appeal=appeal, collective=union, by=dora)
    third = make_collective("Third", "third", admin=make_user("t@example.org"))
    appeal_sign(appeal=appeal, collective=third, by=third.memberships.get().user)
    return appeal_update(
        appeal=appeal,
        by=alice,
        title=appeal.title,
        text="Version two",
        demands=[],
        opens_on=None,
        closes_on=None,
    )


def assert_status(response, expected, appeal):
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    elif expected == BACK:
        assert response.status_code == 302 and response["Location"] == appeal.get_absolute_url()
    else:
        assert response.status_code == expected


@pytest.mark.parametrize("who", CAST)
def test_appeal_pages_matrix(client_as, appeal, olga, who):
    client = client_as(who)
    for name, expected in zip(PAGES, EXPECTED_PAGES[who], strict=True):
        url = reverse(
            f"appeals:{name}",
            args=[] if name in ("list", "create") else [appeal.slug],
        )
        assert_status(client.get(url), expected, appeal)


@pytest.mark.parametrize("who", CAST)
def test_appeal_actions_matrix(client_as, appeal, union, olga, who):
    client = client_as(who)
    acting_for = union if who == "dora" else appeal.initiator
    for name, expected in zip(ACTIONS, EXPECTED_ACTIONS[who], strict=True):
        url = reverse(f"appeals:{name}", args=[appeal.slug])
        assert_status(client.post(url, {"collective": acting_for.pk}), expected, appeal)
    standing = AppealSignature.objects.get(appeal=appeal, collective=acting_for).is_standing
    assert standing == (who not in ("alice", "dora"))  # only admins withdrew


@pytest.mark.parametrize("name", ACTIONS)
def test_actions_refuse_get(client_as, appeal, name):
    response = client_as("dora").get(reverse(f"appeals:{name}", args=[appeal.slug]))
    assert response.status_code == 405


@pytest.mark.parametrize("value", ["", "abc", "999999"])
def test_actions_with_a_bad_collective_are_404(client_as, appeal, value):
    response = client_as("dora").post(
        reverse("appeals:sign", args=[appeal.slug]), {"collective": value}
    )
    assert response.status_code == 404


def test_unknown_appeal_is_404_everywhere(client_as, union):
    client = client_as("dora")
    for name in PAGES[2:]:
        assert client.get(reverse(f"appeals:{name}", args=["nope"])).status_code == 404
    for name in ACTIONS:
        response = client.post(reverse(f"appeals:{name}", args=["nope"]), {"collective": union.pk})
        assert response.status_code == 404


def test_organizer_of_the_initiator_can_edit_but_not_sign(client_as, appeal, olga):
    client = client_as("olga")
    response = client.post(
        reverse("appeals:edit", args=[appeal.slug]),
        {"title": appeal.title, "text": "Version three"},
    )
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert appeal.text == "Version three"
