"""Reporting a person (issue 12, M1): from a members list, an attendee list, a proposal received
or a relayed message; only signed-in people who saw the person there; named by their random
public id and display name, never their email; the moderators see where, and suspending the
account goes through the usual decision."""

import re

import pytest
from django.urls import reverse

from organizing.actions.services.rsvp import rsvp_create
from organizing.moderation.models import CaseResolution, Decision, Report, ReportCase
from organizing.moderation.services.decisions import ModerationError
from organizing.moderation.services.reports import case_resolve, report_create
from organizing.outbox.models import OutboxMessage
from tests.conftest import enable_two_factor, login_with_two_factor, make_user
from tests.factories import make_action, make_collective, propose

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:moderation_reportcase_changelist")


def report_url(person, where=""):
    url = reverse("moderation:report", args=["person", str(person.public_id)])
    return f"{url}?in={where}" if where else url


def members_of(collective):
    return f"members:{collective.slug}"


def report(client, person, where, **data):
    return client.post(
        report_url(person, where),
        {"reason": "harassment", "note": "Threats after the meeting.", **data},
    )


# --- from the members list ---------------------------------------------------------------------


def test_members_list_links_to_reporting_the_others_by_public_id(client_as, collective, alice, bob):
    page = client_as("bob").get(reverse("collectives:members", args=[collective.slug]))
    html = page.content.decode()
    assert report_url(alice, members_of(collective)) in html
    assert str(bob.public_id) not in html  # nobody is offered to report themselves
    assert f"/person/{alice.pk}/" not in html and "alice@example.org" not in html


def test_a_member_reports_another_member(client_as, collective, alice, bob):
    client = client_as("bob")
    form = client.get(report_url(alice, members_of(collective)))
    assert form.status_code == 200
    html = form.content.decode()
    assert "Alice" in html and "alice@example.org" not in html
    assert "You do not need an account" not in html
    response = report(client, alice, members_of(collective))
    assert response.status_code == 200 and "your report was received" in response.content.decode()
    saved = Report.objects.get()
    assert (saved.target_kind, saved.target_slug, saved.reporter) == (
        "person",
        str(alice.public_id),
        bob,
    )
    assert saved.context == {"page": "members", "key": collective.slug, "label": collective.name}
    assert saved.case.target_kind == "person" and saved.case.collective is None
    ack = OutboxMessage.objects.get(to=bob.email)
    assert "alice@example.org" not in ack.body_text
    assert reverse("collectives:members", args=[collective.slug]) in ack.body_text


def test_anonymous_visitors_are_sent_to_log_in(client, collective, alice):
    url = report_url(alice, members_of(collective))
    response = client.get(url)
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert client.post(url, {"reason": "spam"}).status_code == 302
    assert not Report.objects.exists()


@pytest.mark.parametrize("where", ["", "members:", "members:nope", "elsewhere:x", "members"])
def test_without_a_page_seen_there_is_nothing_to_report(client_as, collective, alice, where):
    assert client_as("bob").get(report_url(alice, where)).status_code == 404


def test_outsider_gets_404(client_as, collective, alice):
    client = client_as("charlie")
    assert client.get(report_url(alice, members_of(collective))).status_code == 404
    assert report(client, alice, members_of(collective)).status_code == 404
    assert not Report.objects.exists()


def test_a_person_who_is_not_on_that_page_gets_404(client_as, collective, charlie):
    # charlie exists but is not a member: bob cannot say he saw him on the members list
    assert client_as("bob").get(report_url(charlie, members_of(collective))).status_code == 404


@pytest.mark.parametrize("public_id", ["not-a-uuid", "00000000-0000-0000-0000-000000000000"])
def test_unknown_or_malformed_public_ids_get_404(client_as, collective, public_id):
    url = reverse("moderation:report", args=["person", public_id])
    assert client_as("bob").get(f"{url}?in={members_of(collective)}").status_code == 404


def test_nobody_reports_themselves(client_as, collective, bob):
    assert client_as("bob").get(report_url(bob, members_of(collective))).status_code == 404
    with pytest.raises(ModerationError):
        report_create(
            target_kind="person",
            target_slug=str(bob.public_id),
            reason="spam",
            reporter=bob,
            context={"page": "members", "key": collective.slug},
        )


def test_the_service_refuses_anonymous_or_placeless_person_reports(collective, alice, bob):
    for reporter, context in ((None, {"page": "members"}), (bob, {})):
        with pytest.raises(ModerationError):
            report_create(
                target_kind="person",
                target_slug=str(alice.public_id),
                reason="spam",
                reporter=reporter,
                context=context,
            )
    assert not Report.objects.exists()


def test_person_reports_share_the_report_rate_limit(client_as, collective, alice, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "report": "1/h/ip"}
    client = client_as("bob")
    assert report(client, alice, members_of(collective)).status_code == 200
    assert report(client, alice, members_of(collective)).status_code == 429
    assert Report.objects.count() == 1


def test_a_bad_reason_is_shown_next_to_the_field(client_as, collective, alice):
    response = report(client_as("bob"), alice, members_of(collective), reason="made-up")
    assert response.status_code == 200 and response.context["form"].errors["reason"]
    assert not Report.objects.exists()


# --- from the attendee list, a proposal, a message ----------------------------------------------


@pytest.fixture
def attendee(collective):
    """dana RSVP'd with her account to an action `collective` hosts."""
    dana = make_user("dana@example.org", display_name="Dana")
    action = make_action(collective)
    rsvp_create(action=action, name="", user=dana)
    return action, dana


def test_hosts_report_an_attendee_with_an_account(client_as, alice, attendee):
    action, dana = attendee
    enable_two_factor(alice)  # attendee data needs two-factor
    client = client_as("alice")
    where = f"attendees:{action.slug}"
    rsvp_create(action=action, name="Eve", email="eve@example.net")  # no account: no link
    page = client.get(reverse("actions:attendees", args=[action.slug])).content.decode()
    assert report_url(dana, where) in page and page.count("?in=attendees:") == 1
    assert report(client, dana, where).status_code == 200
    assert Report.objects.get().context == {
        "page": "attendees",
        "key": action.slug,
        "label": action.title,
    }


def test_only_those_who_see_the_attendees_report_from_there(client_as, attendee):
    action, dana = attendee
    for who in ("bob", "charlie"):  # a plain member of the host, an outsider
        assert client_as(who).get(report_url(dana, f"attendees:{action.slug}")).status_code == 404


def test_a_proposal_received_lets_its_author_be_reported(client_as, collective, alice):
    frank = make_user("frank@example.org", display_name="Frank")
    other = make_collective("Ottawa Union", "ottawa-union", admin=frank)
    proposal = propose(other, collective, frank)
    where = f"proposal:{proposal.public_id}"
    client = client_as("alice")
    inbox = client.get(reverse("partners:inbox", args=[collective.slug])).content.decode()
    assert report_url(frank, where).replace("&", "&amp;") in inbox
    assert report(client, frank, where).status_code == 200
    assert Report.objects.get().context["label"] == "Ottawa Union"
    assert client_as("bob").get(report_url(frank, where)).status_code == 404  # not an organizer


def test_the_proposal_must_be_the_persons(client_as, collective, alice, bob):
    frank = make_user("frank@example.org", display_name="Frank")
    proposal = propose(
        make_collective("Ottawa Union", "ottawa-union", admin=frank), collective, frank
    )
    assert (
        client_as("alice").get(report_url(bob, f"proposal:{proposal.public_id}")).status_code == 404
    )


def test_a_relayed_message_carries_a_signed_link_to_report_its_sender(
    client, collective, charlie, alice
):
    client.force_login(charlie)
    client.post(
        reverse("collectives:contact", args=[collective.slug]),
        {"name": "C.", "email": "charlie@example.org", "message": "You will regret it."},
    )
    mail = OutboxMessage.objects.get(to=collective.contact_email)
    link = re.search(r"https?://\S+/report/person/\S+", mail.body_text).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    assert str(charlie.public_id) in path and "charlie@example.org" not in path
    client.force_login(alice)  # a member of the collective the message was for
    assert client.get("/" + path).status_code == 200
    assert client.post("/" + path, {"reason": "harassment"}).status_code == 200
    assert Report.objects.get().context == {
        "page": "message",
        "key": collective.slug,
        "label": collective.name,
    }
    outsider = make_user("gus@example.org")
    client.force_login(outsider)
    assert client.get("/" + path).status_code == 404
    client.force_login(alice)
    assert client.get("/" + path[:-3] + "xyz").status_code == 404  # tampered key


def test_anonymous_messages_have_no_report_link(client, collective):
    client.post(
        reverse("collectives:contact", args=[collective.slug]),
        {"name": "Anon", "email": "anon@example.net", "message": "Hello."},
    )
    assert "/report/person/" not in OutboxMessage.objects.get(to=collective.contact_email).body_text


# --- the moderators ------------------------------------------------------------------------------


@pytest.fixture
def person_case(collective, alice, bob):
    return report_create(
        target_kind="person",
        target_slug=str(alice.public_id),
        reason="harassment",
        note="Threats.",
        reporter=bob,
        context={"page": "members", "key": collective.slug, "label": collective.name},
    ).case


def test_case_page_shows_the_person_and_where_never_the_reporter(
    client, admin_user, person_case, alice, bob
):
    login_with_two_factor(client, admin_user)
    page = client.get(
        reverse("admin:moderation_reportcase_change", args=[person_case.pk])
    ).content.decode()
    assert "Alice" in page and "the members list of Montréal Solidarity Collective" in page
    assert alice.email not in page
    assert bob.email not in page and "Bob" not in page


def test_case_list_names_people_with_bounded_queries(
    client, admin_user, person_case, collective, django_assert_max_num_queries
):
    login_with_two_factor(client, admin_user)
    with django_assert_max_num_queries(15):
        first = client.get(CHANGELIST)
    assert "Person: " in first.content.decode() and "Alice" in first.content.decode()
    for n in range(5):
        member = make_user(f"m{n}@example.org", display_name=f"Member {n}")
        collective.memberships.create(user=member, role="member")
        report_create(
            target_kind="person",
            target_slug=str(member.public_id),
            reason="spam",
            reporter=make_user(f"r{n}@example.org"),
            context={"page": "members", "key": collective.slug, "label": "x"},
        )
    with django_assert_max_num_queries(15):
        page = client.get(CHANGELIST).content.decode()
    assert all(f"Member {n}" in page for n in range(5))


def test_suspending_the_account_from_the_case(client, admin_user, person_case, alice):
    alice_client = type(client)()
    alice_client.force_login(alice)
    assert alice_client.get(reverse("account_email")).status_code == 200
    login_with_two_factor(client, admin_user)
    data = {"action": "suspend_user", "_selected_action": [person_case.pk]}
    done = client.post(CHANGELIST, {**data, "apply": "yes", "reason": "Threats to members."})
    assert done.status_code == 302
    alice.refresh_from_db()
    person_case.refresh_from_db()
    assert not alice.is_active and alice.suspended_at is not None
    assert (person_case.status, person_case.resolution) == ("resolved", "user_suspended")
    assert Decision.objects.get(verb="user_suspended").case == person_case
    assert alice_client.get(reverse("account_email")).status_code == 302  # session ended


def test_a_person_is_not_hidden(person_case, mod):
    with pytest.raises(ModerationError):
        case_resolve(case=person_case, moderator=mod, resolution=CaseResolution.HIDDEN, reason="x")
    assert ReportCase.objects.get().status == "open"
