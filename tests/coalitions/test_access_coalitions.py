"""Every coalition view of this part against the whole cast.

The coalition: the coordinating union (cora admin) and `collective` (alice admin, bob member,
olga organizer). Nora admins a verified collective outside it; another collective asked to
join. The action is hosted by `collective`, which called the coalition for solidarity.
Pages of the public record answer everyone; acting for a collective needs to admin (or, for
solidarity, organize) the right one: 404 for anyone else, 403 where the actions app says so
(its organizer pages answer 403 to those who may see a public action). Moderators act through
the Django admin, never through these pages.
"""

import pytest
from django.urls import reverse

from organizing.coalitions.services import coalitions as services
from organizing.coalitions.services.solidarity import solidarity_call_create
from tests.conftest import make_user
from tests.factories import add_member, make_action, make_collective

pytestmark = pytest.mark.django_db

# Leaving comes last: it ends what the other views check.
VIEWS = [
    "list",
    "detail",
    "feed",
    "history",
    "points_edit",
    "consent",
    "invite",
    "join",
    "answer",
    "solidarity",
    "pledge",
    "leave",
]
L = 302  # to the login page, or back to the coalition after a POST
EXPECTED = {
    #             list detail feed hist edit consent invite join answer solid pledge leave
    "anonymous": (200, 200, 200, 200, L, L, L, L, L, L, L, L),
    "charlie": (200, 200, 200, 200, 404, 404, 404, 404, 404, 403, 404, 404),
    "bob": (200, 200, 200, 200, 404, 404, 404, 404, 404, 403, 404, 404),
    "olga": (200, 200, 200, 200, 404, 404, 404, 404, 404, 200, 404, 404),
    "alice": (200, 200, 200, 200, 200, 302, 200, 404, 404, 200, 404, 302),
    "cora": (200, 200, 200, 200, 200, 302, 200, 404, 302, 403, 200, 302),
    "nora": (200, 200, 200, 200, 404, 404, 404, 200, 404, 403, 404, 404),
    "mod": (200, 200, 200, 200, 404, 404, 404, 404, 404, 403, 404, 404),
}


@pytest.fixture
def world(collective, alice, cora, network, olga, union, coalition):
    add_member(coalition, collective, alice)
    ann = make_user("ann@example.org")
    asking = make_collective("Asking Group", "asking", admin=ann)
    request = services.coalition_join_request(coalition=coalition, collective=asking, by=ann)
    action = make_action(collective, title="Vigil", coalition=coalition)
    call = solidarity_call_create(
        action=action, coalition=coalition, collective=collective, by=alice
    )
    return {
        "coalition": coalition,
        "union": union,
        "request": request,
        "action": action,
        "call": call,
    }


def _acting_for(who: str, world, collective) -> int:
    return world["union"].pk if who == "cora" else collective.pk


@pytest.mark.parametrize("who", list(EXPECTED))
def test_coalition_views_matrix(client_as, world, collective, who):
    coalition, slug = world["coalition"], world["coalition"].slug
    acting = {"collective": _acting_for(who, world, collective)}
    requests = {
        "list": ("get", reverse("coalitions:list"), None),
        "detail": ("get", coalition.get_absolute_url(), None),
        "feed": ("get", reverse("feeds:coalition_ics", args=[slug]), None),
        "history": ("get", reverse("coalitions:points_history", args=[slug]), None),
        "points_edit": ("get", reverse("coalitions:points_edit", args=[slug]), None),
        "consent": ("post", reverse("coalitions:consent", args=[slug]), acting),
        "invite": ("get", reverse("coalitions:invite", args=[slug]), None),
        "join": ("get", reverse("coalitions:join", args=[slug]), None),
        "answer": (
            "post",
            reverse("coalitions:membership_answer", args=[slug, world["request"].pk, "accept"]),
            {},
        ),
        "leave": ("post", reverse("coalitions:leave", args=[slug]), {**acting, "confirm": "on"}),
        "solidarity": (
            "get",
            reverse("coalitions:solidarity_call", args=[world["action"].slug]),
            None,
        ),
        "pledge": ("get", reverse("coalitions:pledge", args=[world["call"].pk]), None),
    }
    client = client_as(who)
    got = []
    for view in VIEWS:
        method, url, data = requests[view]
        response = getattr(client, method)(url, data) if data is not None else client.get(url)
        got.append(response.status_code)
        if who == "anonymous" and response.status_code == 302:
            assert response["Location"].startswith(reverse("account_login"))
    assert dict(zip(VIEWS, got, strict=True)) == dict(zip(VIEWS, EXPECTED[who], strict=True))


@pytest.mark.parametrize("who", ["alice", "cora"])
def test_posts_change_nothing_for_those_refused(client_as, world, collective, who):
    """A request answered or a membership left only by those the matrix lets through."""
    client = client_as("bob")
    slug = world["coalition"].slug
    client.post(
        reverse("coalitions:leave", args=[slug]),
        {"collective": _acting_for(who, world, collective), "confirm": "on"},
    )
    client.post(reverse("coalitions:membership_answer", args=[slug, world["request"].pk, "accept"]))
    statuses = set(world["coalition"].memberships.values_list("status", flat=True))
    assert statuses == {"active", "requested"}


def test_unknown_coalition_is_404_everywhere(client_as, world):
    client = client_as("cora")
    for name in (
        "coalitions:detail",
        "feeds:coalition_ics",
        "coalitions:points_history",
        "coalitions:points_edit",
        "coalitions:invite",
        "coalitions:join",
    ):
        assert client.get(reverse(name, args=["nope"])).status_code == 404
    assert client.get(reverse("coalitions:pledge", args=[999999])).status_code == 404


def test_bad_decision_is_404(client_as, world):
    url = reverse(
        "coalitions:membership_answer", args=[world["coalition"].slug, world["request"].pk, "maybe"]
    )
    assert client_as("cora").post(url).status_code == 404


def test_get_on_post_only_views_is_refused(client_as, world):
    client = client_as("alice")
    slug = world["coalition"].slug
    for url in (
        reverse("coalitions:consent", args=[slug]),
        reverse("coalitions:leave", args=[slug]),
    ):
        assert client.get(url).status_code == 405
