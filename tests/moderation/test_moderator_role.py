"""The moderator role: the "Moderators" group's exact permissions (none on participants'
personal data), who reaches the admin at all, two-factor for staff, and suspending users from
the users' admin."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.db import connection
from django.urls import reverse

from organizing.accounts.models import User
from organizing.moderation.models import Decision, DecisionVerb
from tests.conftest import PASSWORD, login_with_two_factor, make_user

pytestmark = pytest.mark.django_db

group_migration = importlib.import_module(
    "organizing.moderation.migrations.0008_moderators_group_after_app_moves"
)

EXPECTED = {
    "collectives.view_collective",
    "collectives.change_collective",
    "actions.view_action",
    "actions.change_action",
    "coalitions.view_coalition",
    "coalitions.change_coalition",
    "appeals.view_appeal",
    "appeals.change_appeal",
    "moderation.view_reportcase",
    "moderation.change_reportcase",
    "moderation.view_report",
    "moderation.view_decision",
    "moderation.add_reasontemplate",
    "moderation.change_reasontemplate",
    "moderation.view_reasontemplate",
    "moderation.view_reviewrequest",
    "moderation.change_reviewrequest",
    "moderation.view_sitesettings",
    "moderation.change_sitesettings",
    "accounts.view_user",
    "accounts.change_user",
}

# Models holding participants' personal data (or granting rights): no permission at all.
OFF_LIMITS = [
    "actions.rsvp",
    "actions.attendeeexport",
    "actions.announcement",
    "outbox.outboxmessage",
    "notifications.actionalert",
    "account.emailaddress",
    "mfa.authenticator",
    "collectives.membership",
    "collectives.invitation",
    "collectives.joinrequest",
    "appeals.appealsignature",
    "moderation.moderatorscope",
    "auth.group",
    "auth.permission",
]


@pytest.fixture(autouse=True)
def moderators_group(db):
    """The group as the migration leaves it (a transactional test elsewhere may have flushed
    the tables since the migrations ran)."""
    group_migration.moderators_group(apps, SimpleNamespace(connection=connection))


def test_the_group_has_exactly_the_permissions_it_needs():
    group = Group.objects.get(name="Moderators")
    granted = {
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.select_related("content_type")
    }
    assert granted == EXPECTED


def test_running_the_migration_again_removes_permissions_added_by_hand():
    group = Group.objects.get(name="Moderators")
    group.permissions.add(*group.permissions.model.objects.filter(codename="view_rsvp"))
    group_migration.moderators_group(apps, SimpleNamespace(connection=connection))
    assert not group.permissions.filter(codename="view_rsvp").exists()


@pytest.mark.parametrize("model", OFF_LIMITS)
def test_a_moderator_has_no_permission_on_personal_data(mod, model):
    mod = User.objects.get(pk=mod.pk)  # no cached permissions
    app_label, model_name = model.split(".")
    for action in ("view", "add", "change", "delete"):
        assert not mod.has_perm(f"{app_label}.{action}_{model_name}")


# The access matrix: who reaches which admin page.

ADMIN_PAGES = {  # name: the moderator's expected status
    "admin:index": 200,
    "admin:collectives_collective_changelist": 200,
    "admin:actions_action_changelist": 200,
    "admin:coalitions_coalition_changelist": 200,
    "admin:appeals_appeal_changelist": 200,
    "admin:moderation_reportcase_changelist": 200,
    "admin:moderation_decision_changelist": 200,
    "admin:moderation_sitesettings_changelist": 200,
    "admin:accounts_user_changelist": 200,
    "admin:outbox_outboxmessage_changelist": 403,
    "admin:notifications_actionalert_changelist": 403,
    "admin:collectives_membership_changelist": 403,
    "admin:appeals_appealsignature_changelist": 403,
    "admin:auth_group_changelist": 403,
}
# Not in the admin at all (a staff member gets 404; if ever registered, a moderator gets 403).
UNREGISTERED = ["/admin/actions/rsvp/", "/admin/actions/attendeeexport/"]
NOT_STAFF = ["anonymous", "bob", "charlie", "alice"]


@pytest.mark.parametrize("who", NOT_STAFF)
@pytest.mark.parametrize("page", [*ADMIN_PAGES, *UNREGISTERED])
def test_people_who_are_not_staff_are_sent_to_the_admin_login(client_as, collective, who, page):
    path = page if page.startswith("/") else reverse(page)
    response = client_as(who).get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize(("page", "status"), ADMIN_PAGES.items())
def test_a_moderator_reaches_moderation_pages_and_nothing_else(
    client, mod, collective, page, status
):
    login_with_two_factor(client, mod)
    assert client.get(reverse(page)).status_code == status


@pytest.mark.parametrize("path", UNREGISTERED)
def test_attendee_lists_are_not_in_the_admin_for_a_moderator(client, mod, path):
    login_with_two_factor(client, mod)
    assert client.get(path).status_code in (403, 404)


def test_a_moderator_without_two_factor_is_sent_to_set_it_up(client, db):
    user = make_user("newmod@example.org", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(user)
    for path in ("/admin/", reverse("admin:collectives_collective_changelist")):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("mfa_activate_totp"))


# Users in the admin: no rights granted, no way into someone's account.


def test_a_moderator_cannot_grant_rights_nor_set_passwords(client, mod, charlie):
    login_with_two_factor(client, mod)
    change = reverse("admin:accounts_user_change", args=[charlie.pk])
    page = client.get(change)
    assert page.status_code == 200
    assert 'name="is_superuser"' not in page.content.decode()
    assert 'name="email"' not in page.content.decode()
    client.post(
        change,
        {
            "display_name": "Charles",
            "is_staff": "on",
            "is_superuser": "on",
            "email": "mine@example.org",
        },
    )
    charlie.refresh_from_db()
    assert (charlie.display_name, charlie.is_staff, charlie.is_superuser, charlie.email) == (
        "Charles",
        False,
        False,
        "charlie@example.org",
    )
    password = reverse("admin:auth_user_password_change", args=[charlie.pk])
    assert client.get(password).status_code == 403


def test_the_users_list_is_bounded_in_queries(
    client, mod, collective, django_assert_max_num_queries
):
    for number in range(30):
        make_user(f"member{number}@example.org")
    login_with_two_factor(client, mod)
    with django_assert_max_num_queries(15):
        assert client.get(reverse("admin:accounts_user_changelist")).status_code == 200


def test_suspending_users_asks_a_reason_then_suspends(client, mod, charlie):
    login_with_two_factor(client, mod)
    changelist = reverse("admin:accounts_user_changelist")
    chosen = {"action": "suspend_users", "_selected_action": [charlie.pk]}
    page = client.post(changelist, chosen)
    assert page.status_code == 200
    assert "admin/moderation/reason_form.html" in [t.name for t in page.templates]
    charlie.refresh_from_db()
    assert charlie.is_active

    refused = client.post(changelist, {**chosen, "apply": "yes", "reason": ""})
    assert refused.status_code == 200 and refused.context["form"].non_field_errors()

    done = client.post(changelist, {**chosen, "apply": "yes", "reason": "Spam accounts."})
    assert done.status_code == 302
    charlie.refresh_from_db()
    assert not charlie.is_active and charlie.suspended_at is not None
    decision = Decision.objects.get(verb=DecisionVerb.USER_SUSPENDED)
    assert (decision.moderator, decision.target_id, decision.reason) == (
        mod,
        charlie.pk,
        "Spam accounts.",
    )

    client.logout()
    client.post(reverse("account_login"), {"login": "charlie@example.org", "password": PASSWORD})
    assert "_auth_user_id" not in client.session

    login_with_two_factor(client, mod)
    lifted = client.post(
        changelist,
        {
            "action": "unsuspend_users",
            "_selected_action": [charlie.pk],
            "apply": "yes",
            "reason": "",
        },
    )
    assert lifted.status_code == 302
    charlie.refresh_from_db()
    assert charlie.is_active and charlie.suspended_at is None
    assert Decision.objects.filter(verb=DecisionVerb.USER_UNSUSPENDED, moderator=mod).exists()


def test_a_moderator_cannot_suspend_a_superuser(client, mod, admin_user):
    login_with_two_factor(client, mod)
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {
            "action": "suspend_users",
            "_selected_action": [admin_user.pk],
            "apply": "yes",
            "reason": "Coup.",
        },
        follow=True,
    )
    assert "cannot be suspended" in response.content.decode()
    admin_user.refresh_from_db()
    assert admin_user.is_active
