"""Staff powers on the public site (drafts, held, hidden and rejected actions, pending and
suspended collectives, hidden coalitions and appeals) need a session that passed two-factor:
with the password alone, staff see what an outsider sees."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from organizing.actions.models import Action, ActionStatus
from organizing.appeals.models import Appeal
from organizing.coalitions.models import Coalition
from organizing.collectives.models import CollectiveStatus
from organizing.moderation.services import decisions
from tests.conftest import (
    PASSWORD,
    enable_two_factor,
    login_with_two_factor,
    make_user,
    moderators_group,
    totp_code,
)
from tests.factories import draft, make_coalition, make_collective, make_undated_action

pytestmark = pytest.mark.django_db

ACTION_STATUSES = [
    ActionStatus.DRAFT,
    ActionStatus.PENDING_REVIEW,
    ActionStatus.HELD,
    ActionStatus.HIDDEN,
    ActionStatus.REJECTED,
]


@pytest.fixture
def hidden_world(mod, db):
    """One of each thing only staff may see, led by collectives charlie does not belong to."""
    cora = make_user("cora@example.org", display_name="Cora")
    union = make_collective("Coordinating Union", "coordinating-union", admin=cora)
    coalition = make_coalition((union, cora))
    appeal = draft(union, cora)
    decisions.coalition_hide(coalition=coalition, moderator=mod, reason="Impersonation.")
    decisions.appeal_hide(appeal=appeal, moderator=mod, reason="Incitement.")
    actions = {}
    for status in ACTION_STATUSES:
        actions[status] = make_undated_action(union, status=status, title=f"Rally {status}")
    pending = make_collective(
        "Nascent Group",
        "nascent",
        admin=make_user("nina@example.org"),
        status=CollectiveStatus.PENDING,
    )
    suspended = make_collective(
        "Shady Group",
        "shady",
        admin=make_user("sam@example.org"),
        status=CollectiveStatus.SUSPENDED,
    )
    return {
        "actions": actions,
        "collectives": [pending, suspended],
        "coalition": Coalition.objects.get(pk=coalition.pk),
        "appeal": Appeal.objects.get(pk=appeal.pk),
    }


def staff_paths(world) -> list[str]:
    paths = []
    for action in world["actions"].values():
        paths += [
            action.get_absolute_url(),
            reverse("actions:calendar", args=[action.slug]),
            reverse("actions:rsvp", args=[action.slug]),
            reverse("moderation:report", args=["action", action.slug]),
        ]
    for collective in world["collectives"]:
        paths += [
            collective.get_absolute_url(),
            reverse("collectives:contact", args=[collective.slug]),
            reverse("collectives:join", args=[collective.slug]),
            reverse("moderation:report", args=["collective", collective.slug]),
        ]
    coalition, appeal = world["coalition"], world["appeal"]
    paths += [
        coalition.get_absolute_url(),
        reverse("coalitions:points_history", args=[coalition.slug]),
        reverse("moderation:report", args=["coalition", coalition.slug]),
        appeal.get_absolute_url(),
        reverse("appeals:csv", args=[appeal.slug]),
        reverse("moderation:report", args=["appeal", appeal.slug]),
    ]
    return paths


def statuses(client, paths) -> dict[str, int]:
    return {path: client.get(path).status_code for path in paths}


def a_staff_member(email: str = "staffer@example.org") -> tuple:
    """A moderator with TOTP on; returns the user and the TOTP secret."""
    user = make_user(email, display_name="Staffer", is_staff=True)
    # The group as migrated, again if a transactional test has flushed it away since.
    user.groups.add(moderators_group())
    return user, enable_two_factor(user)


def test_staff_with_the_password_alone_see_what_an_outsider_sees(hidden_world, mod, charlie):
    paths = staff_paths(hidden_world)
    assert len(paths) == 34  # 5 kinds of actions, 2 of collectives, a coalition, an appeal
    # (each with its page, calendar or feed, RSVP / contact / join / CSV page, report page)
    outsider = Client()
    outsider.force_login(charlie)
    password_only = Client()
    password_only.force_login(mod)  # mod has TOTP, but this session never passed it
    assert set(statuses(outsider, paths).values()) == {404}
    assert statuses(password_only, paths) == statuses(outsider, paths)


def test_staff_after_two_factor_see_them(hidden_world, mod):
    paths = staff_paths(hidden_world)
    verified = login_with_two_factor(Client(), mod)
    assert set(statuses(verified, paths).values()) == {200}


def test_output_cached_or_shared_for_everyone_stays_closed_to_staff_too(hidden_world, mod):
    """The API, the coalition's calendar feed and the appeal's badge answer as to anyone."""
    world = hidden_world
    paths = [reverse("feeds:api_action", args=[a.slug]) for a in world["actions"].values()]
    paths += [
        reverse("feeds:coalition_ics", args=[world["coalition"].slug]),
        reverse("appeals:badge", args=[world["appeal"].slug]),
    ]
    verified = login_with_two_factor(Client(), mod)
    assert set(statuses(verified, paths).values()) == {404}


def test_staff_without_totp_get_no_staff_powers_even_with_an_old_mfa_record(hidden_world, mod):
    client = login_with_two_factor(Client(), mod)
    mod.authenticator_set.all().delete()  # TOTP removed since: the session's record is stale
    paths = staff_paths(hidden_world)
    assert set(statuses(client, paths).values()) == {404}


def test_a_real_login_with_the_code_gives_staff_powers(client, hidden_world):
    staffer, secret = a_staff_member()
    draft_page = hidden_world["actions"][ActionStatus.DRAFT].get_absolute_url()
    response = client.post(reverse("account_login"), {"login": staffer.email, "password": PASSWORD})
    assert response["Location"].startswith(reverse("mfa_authenticate"))
    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert client.session["_auth_user_id"] == str(staffer.pk)
    assert client.get(draft_page).status_code == 200
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_turning_totp_on_in_this_session_counts_as_passing_it(client, mod):
    # transaction=True: allauth announces the new authenticator when its transaction commits.
    from organizing.actions.models import ActionHost, HostConsent, new_action_slug

    staffer = make_user("newstaff@example.org", is_staff=True)
    staffer.groups.add(Group.objects.get(name="Moderators"))
    union = make_collective("Coordinating Union", "coordinating-union")
    action = Action.objects.create(
        title="Plan",
        slug=new_action_slug("Plan"),
        kind="rally",
        status=ActionStatus.DRAFT,
        date_precision="unknown",
    )
    ActionHost.objects.create(
        action=action, collective=union, role="lead", consent=HostConsent.ACCEPTED
    )
    client.post(reverse("account_login"), {"login": staffer.email, "password": PASSWORD})
    assert client.get(action.get_absolute_url()).status_code == 404
    admin_redirect = client.get("/admin/")["Location"]
    assert admin_redirect.startswith(reverse("mfa_activate_totp"))
    setup = client.get(admin_redirect)  # no second password prompt right after the login
    assert setup.status_code == 200
    secret = setup.context["form"].secret
    client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert staffer.authenticator_set.filter(type="totp").exists()
    assert client.get(action.get_absolute_url()).status_code == 200
    assert client.get("/admin/").status_code == 200


def test_the_admin_asks_a_password_only_session_for_the_code(client):
    staffer, secret = a_staff_member()
    client.force_login(staffer)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('mfa_reauthenticate')}?next=/admin/"
    client.post(response["Location"], {"code": totp_code(secret)})
    assert client.get("/admin/").status_code == 200


def test_the_admin_still_sends_staff_without_totp_to_set_it_up(client):
    staffer = make_user("nototp@example.org", is_staff=True)
    client.force_login(staffer)
    response = client.get(reverse("admin:collectives_collective_changelist"))
    assert response["Location"].startswith(reverse("mfa_activate_totp"))


def test_the_test_helper_leaves_the_session_a_real_login_leaves(client, mod):
    from organizing.accounts.access import session_passed_two_factor

    login_with_two_factor(client, mod)
    request = type("Request", (), {"session": client.session})()
    assert session_passed_two_factor(request, mod)


def test_the_admin_index_names_each_section_once(rf):
    """Issue 14, first hour 14: two sections were titled "Accounts" (ours and allauth's)."""
    from django.contrib import admin

    request = rf.get("/admin/")
    request.user = make_user("root@example.org", is_staff=True, is_superuser=True)
    names = [str(app["name"]) for app in admin.site.get_app_list(request)]
    assert len(names) == len(set(names)), names
