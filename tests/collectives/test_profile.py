"""The profile, its contact form, and the admins' settings (edit, export, delete)."""

import json

import pytest
from django.urls import reverse

from organizing.actions.models import Action, ActionHost, HostConsent, new_action_slug
from organizing.collectives.models import Collective, MembershipEvent
from organizing.outbox.models import OutboxMessage
from tests.conftest import enable_two_factor, make_user

pytestmark = pytest.mark.django_db

SENTINEL_CONTACT = "private-contact@example.org"
CAST = ["anonymous", "charlie", "bob", "alice", "mod"]


def contact(client, collective, **extra):
    data = {"name": "Sam", "email": "sam@example.org", "message": "Can we join your vigil?"}
    data.update(extra)
    return client.post(reverse("collectives:contact", args=[collective.slug]), data)


def test_profile_shows_the_collective_and_never_an_email(client_as, collective):
    for who in CAST:
        page = client_as(who).get(collective.get_absolute_url()).content.decode()
        assert collective.name in page
        for email in (SENTINEL_CONTACT, "alice@example.org", "bob@example.org"):
            assert email not in page, (who, email)


def test_profile_within_query_budget(client, collective, seeded, django_assert_max_num_queries):
    jvp = Collective.objects.get(slug="jewish-voice-for-peace")
    with django_assert_max_num_queries(10):
        assert client.get(jvp.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(collective.get_absolute_url()).status_code == 200


def test_contact_form_relays_without_revealing_the_sender_by_default(client, collective):
    response = contact(client, collective)
    assert response.status_code == 302
    email = OutboxMessage.objects.get()
    assert email.to == SENTINEL_CONTACT
    assert email.reply_to == ""
    assert "sam@example.org" not in email.body_text
    assert "Can we join your vigil?" in email.body_text


def test_contact_form_shares_the_sender_as_reply_to_when_ticked(client, collective):
    contact(client, collective, share_email="on")
    assert OutboxMessage.objects.get().reply_to == "sam@example.org"


def test_contact_form_bad_input_keeps_the_message_and_sends_nothing(client, collective):
    response = contact(client, collective, email="not-an-email")
    assert response.status_code == 200
    assert "Can we join your vigil?" in response.content.decode()
    assert not OutboxMessage.objects.exists()


def test_contact_form_honeypot_sends_nothing(client, collective):
    contact(client, collective, fax_number="+1 555 0100")
    assert not OutboxMessage.objects.exists()


def test_contact_form_is_rate_limited_with_a_friendly_page(client, collective):
    for _ in range(5):
        assert contact(client, collective).status_code == 302
    response = contact(client, collective)
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert OutboxMessage.objects.count() == 5


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 404), ("charlie", 404), ("bob", 403), ("mod", 404), ("alice", 200)],
)
@pytest.mark.parametrize("view", ["edit", "export", "delete"])
def test_settings_are_for_the_collectives_admins_only(
    client_as, collective, alice, who, status, view
):
    enable_two_factor(alice)  # export and delete need it (test_personal_data_two_factor.py)
    response = client_as(who).get(reverse(f"collectives:{view}", args=[collective.slug]))
    assert response.status_code == status


def test_edit_keeps_the_same_validation(client_as, collective, gazetteer):
    Collective.objects.create(name="Ottawa Vigil Network", slug="ovn", kind="peace")
    response = client_as("alice").post(
        reverse("collectives:edit", args=[collective.slug]),
        {
            "name": "Ottawa Vigil Netw0rk",
            "kind": "peace",
            "city": "Ottawa",
            "causes": [],
            "contact_email": SENTINEL_CONTACT,
        },
    )
    assert response.status_code == 200
    collective.refresh_from_db()
    assert collective.name == "Montréal Solidarity Collective"


def test_edit_saves_and_records_who_did_it(client_as, collective, gazetteer, alice):
    from organizing.core.models import Cause

    cause = Cause.objects.create(name="Immediate ceasefire", slug="ceasefire")
    response = client_as("alice").post(
        reverse("collectives:edit", args=[collective.slug]),
        {
            "name": "Montréal Solidarity Collective",
            "kind": "local_collective",
            "city": "Ottawa, Canada",
            "causes": [cause.pk],
            "contact_email": SENTINEL_CONTACT,
        },
    )
    assert response.status_code == 302
    collective.refresh_from_db()
    assert collective.city == "Ottawa" and list(collective.causes.all()) == [cause]
    assert MembershipEvent.objects.get(collective=collective, kind="profile_edited").actor == alice


def test_export_gives_the_collectives_data_as_json(client_as, collective, alice):
    enable_two_factor(alice)
    response = client_as("alice").get(reverse("collectives:export", args=[collective.slug]))
    data = json.loads(response.content)
    assert response["Content-Disposition"] == 'attachment; filename="montreal-solidarity.json"'
    assert data["collective"]["contact_email"] == SENTINEL_CONTACT
    assert {m["email"] for m in data["members"]} == {"alice@example.org", "bob@example.org"}
    assert MembershipEvent.objects.filter(kind="exported").exists()


def host(collective, status):
    action = Action.objects.create(
        title=f"{status} action",
        slug=new_action_slug(status),
        kind="vigil",
        status=status,
        date_precision="unknown",
    )
    ActionHost.objects.create(
        action=action, collective=collective, role="lead", consent=HostConsent.ACCEPTED
    )
    return action


def test_delete_needs_the_name_typed(client_as, collective, alice):
    enable_two_factor(alice)
    response = client_as("alice").post(
        reverse("collectives:delete", args=[collective.slug]), {"confirm_name": "wrong"}
    )
    assert response.status_code == 200
    assert Collective.objects.filter(pk=collective.pk).exists()


def test_delete_keeps_public_actions_without_private_data(client_as, collective, alice):
    enable_two_factor(alice)
    published, draft = host(collective, "published"), host(collective, "draft")
    response = client_as("alice").post(
        reverse("collectives:delete", args=[collective.slug]), {"confirm_name": collective.name}
    )
    assert response.status_code == 302
    assert not Collective.objects.filter(pk=collective.pk).exists()
    assert Action.objects.filter(pk=published.pk).exists()
    assert not Action.objects.filter(pk=draft.pk).exists()
    assert not ActionHost.objects.filter(collective_id=collective.pk).exists()


def test_ask_to_join_link_only_for_logged_in_non_members(client_as, collective):
    join = reverse("collectives:join", args=[collective.slug])
    assert join in client_as("charlie").get(collective.get_absolute_url()).content.decode()
    assert join not in client_as("bob").get(collective.get_absolute_url()).content.decode()


def test_new_user_fixture_has_verified_email():
    user = make_user("x@example.org")
    assert user.emailaddress_set.get().verified
