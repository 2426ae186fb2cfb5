"""Follows: a collective or a coalition, with an account (one click) or with an address
confirmed by link; one email per published action (deduplicated, idempotent, through the
outbox), one-click unsubscribe (RFC 8058); the admins see a count, never the list."""

from datetime import timedelta

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from organizing.actions.models import ActionStatus
from organizing.actions.services.posting import action_publish
from organizing.alerts import services, tasks
from organizing.alerts.models import AlertStatus, Follow, FollowNotice
from organizing.moderation.services.decisions import action_approve, action_hide
from organizing.outbox.models import OutboxMessage
from tests.factories import add_member, make_action, make_collective, make_user, post_action

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fan_out_in_process(settings):
    """The fan-out task runs in this process, with or without a broker (CI's PostgreSQL pass
    has one): these tests are about which emails it writes; reaching a real worker through
    the broker is tests/outbox/test_worker.py's part."""
    from organizing.celery import app

    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER


DANA = "dana@example.net"


def follow_url(target, kind="collective"):
    return reverse("notifications:follow", args=[kind, target.slug])


def follow_emails(to=DANA):
    return OutboxMessage.objects.filter(to=to, subject__contains="published an action")


def follow_by_email(client, target, email=DANA, kind="collective") -> Follow:
    response = client.post(follow_url(target, kind), {"email": email})
    assert response.status_code == 200
    assert b"Check your inbox" in response.content
    return Follow.objects.get(email=email)


def confirm_link_of(email=DANA) -> str:
    body = OutboxMessage.objects.filter(to=email, subject__startswith="Confirm").get().body_text
    return next(line for line in body.splitlines() if "/confirm/" in line)


def publish(alice, collective, capture, **overrides):
    with capture(execute=True):
        return post_action(alice, collective, **overrides)


# --- following ----------------------------------------------------------------------------


def test_a_signed_in_person_follows_in_one_click_and_unfollows(client, collective, charlie):
    client.force_login(charlie)
    page = client.get(collective.get_absolute_url()).content.decode()
    assert ">Follow</button>" in page
    response = client.post(follow_url(collective))
    assert response.status_code == 302 and response.url == collective.get_absolute_url()
    follow = Follow.objects.get(user=charlie, collective=collective)
    assert follow.status == AlertStatus.ACTIVE and follow.email == ""
    page = client.get(collective.get_absolute_url()).content.decode()
    assert "Following" in page and ">Unfollow</button>" in page
    client.post(reverse("notifications:unfollow", args=["collective", collective.slug]))
    follow.refresh_from_db()
    assert follow.status == AlertStatus.UNSUBSCRIBED
    assert ">Follow</button>" in client.get(collective.get_absolute_url()).content.decode()
    client.post(follow_url(collective))  # following again is the same row, active again
    assert Follow.objects.get(user=charlie, collective=collective).is_active


def test_a_visitor_follows_by_email_once_confirmed(client, collective):
    page = client.get(follow_url(collective)).content.decode()
    assert "Your email address" in page
    follow = follow_by_email(client, collective)
    assert follow.status == AlertStatus.UNCONFIRMED and follow.user is None
    link = confirm_link_of()
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    assert client.get(path).status_code == 200
    follow.refresh_from_db()
    assert follow.status == AlertStatus.UNCONFIRMED  # a GET (a mail scanner) changes nothing
    client.post(path)
    follow.refresh_from_db()
    assert follow.is_active


def test_confirm_post_needs_the_csrf_token(collective):
    follow = services.follow_subscribe(email=DANA, target=collective, language="en")
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("notifications:follow_confirm", args=[follow.token]))
    assert response.status_code == 403


def test_following_again_is_one_row_and_confirm_links_are_throttled(client, collective):
    for _ in range(3):
        follow_by_email(client, collective)
    assert Follow.objects.count() == 1
    assert OutboxMessage.objects.filter(to=DANA).count() == 1  # once per 10 minutes


def test_a_pending_collective_cannot_be_followed(client, charlie):
    pending = make_collective("Pending Group", "pending-group", status="pending")
    client.force_login(charlie)
    assert client.post(follow_url(pending)).status_code == 404


def test_the_model_refuses_two_targets_or_two_followers(collective, coalition, charlie):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Follow.objects.create(user=charlie, collective=collective, coalition=coalition, token="a")
    with pytest.raises(IntegrityError), transaction.atomic():
        Follow.objects.create(user=charlie, email=DANA, collective=collective, token="b")
    Follow.objects.create(user=charlie, collective=collective, token="c")
    with pytest.raises(IntegrityError), transaction.atomic():
        Follow.objects.create(user=charlie, collective=collective, token="d")


# --- the email when it publishes ------------------------------------------------------------


def test_follow_confirm_publish_one_email_unsubscribe_then_nothing(
    client, alice, collective, gazetteer, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://convergence.example"
    follow_by_email(client, collective)
    client.post("/" + confirm_link_of().split("://", 1)[1].split("/", 1)[1])
    action = publish(alice, collective, django_capture_on_commit_callbacks)
    assert action.status == ActionStatus.PUBLISHED
    email = follow_emails().get()
    assert action.title in email.subject and collective.name in email.subject
    assert action.get_absolute_url() in email.body_text
    assert "Montréal Solidarity Collective (✓ verified collective)" in email.body_text
    follow = Follow.objects.get(email=DANA)
    unsubscribe = reverse("notifications:follow_unsubscribe", args=[follow.token])
    assert email.headers["List-Unsubscribe"] == f"<https://convergence.example{unsubscribe}>"
    assert email.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # The mail program's one-click POST: no CSRF token, no session.
    one_click = Client(enforce_csrf_checks=True)
    response = one_click.post(unsubscribe, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    follow.refresh_from_db()
    assert follow.status == AlertStatus.UNSUBSCRIBED

    publish(alice, collective, django_capture_on_commit_callbacks, title="A second vigil")
    assert follow_emails().count() == 1


def test_unsubscribe_get_shows_a_confirm_page_and_changes_nothing(client, collective):
    follow = services.follow_confirm(
        token=services.follow_subscribe(email=DANA, target=collective, language="en").token
    )
    page = client.get(reverse("notifications:follow_unsubscribe", args=[follow.token]))
    assert b">Unfollow</button>" in page.content
    follow.refresh_from_db()
    assert follow.is_active


def test_an_account_follower_gets_the_email_in_its_language(
    alice, collective, charlie, gazetteer, django_capture_on_commit_callbacks
):
    charlie.language = "fr"
    charlie.save(update_fields=["language"])
    services.follow_for_user(user=charlie, target=collective)
    publish(alice, collective, django_capture_on_commit_callbacks)
    body = OutboxMessage.objects.get(to=charlie.email).body_text
    assert "mars 2031" in body and "March" not in body  # the date (12 March 2031) in French
    assert Follow.objects.get(user=charlie).language == "fr"


def test_following_a_host_and_its_coalition_is_one_email(
    alice, collective, coalition, union, cora, gazetteer, django_capture_on_commit_callbacks
):
    add_member(coalition, collective, alice)
    for target in (collective, coalition):
        services.follow_confirm(
            token=services.follow_subscribe(email=DANA, target=target, language="en").token
        )
    charlie = make_user("charlie@example.org")
    services.follow_for_user(user=charlie, target=coalition)
    action = publish(alice, collective, django_capture_on_commit_callbacks, coalition=coalition.pk)
    assert action.coalition == coalition
    assert follow_emails().count() == 1
    assert follow_emails(charlie.email).count() == 1  # the coalition's follower too
    # The email is about the host it follows (a host comes before the coalition).
    assert FollowNotice.objects.get(follow__email=DANA).follow.collective == collective


def test_the_fan_out_run_again_sends_nothing_twice(
    alice, collective, gazetteer, django_capture_on_commit_callbacks
):
    services.follow_confirm(
        token=services.follow_subscribe(email=DANA, target=collective, language="en").token
    )
    action = publish(alice, collective, django_capture_on_commit_callbacks)
    assert tasks.follow_notify_published(action.pk) == 0  # a retry
    assert tasks.follow_notify_published(action.pk) == 0
    assert follow_emails().count() == 1


def test_pending_review_sends_nothing_until_approved(
    alice, gazetteer, mod, django_capture_on_commit_callbacks
):
    pending = make_collective("New Group", "new-group", admin=alice)
    services.follow_confirm(
        token=services.follow_subscribe(email=DANA, target=pending, language="en").token
    )
    pending.status = "pending"
    pending.save(update_fields=["status"])
    action = publish(alice, pending, django_capture_on_commit_callbacks)
    assert action.status == ActionStatus.PENDING_REVIEW
    assert follow_emails().count() == 0
    pending.status = "verified"
    pending.save(update_fields=["status"])
    with django_capture_on_commit_callbacks(execute=True):
        action_approve(action=action, moderator=mod)
    assert follow_emails().count() == 1


def test_a_hidden_or_draft_action_sends_nothing(
    alice, collective, mod, gazetteer, django_capture_on_commit_callbacks
):
    services.follow_confirm(
        token=services.follow_subscribe(email=DANA, target=collective, language="en").token
    )
    draft = publish(alice, collective, django_capture_on_commit_callbacks, save_as_draft="on")
    assert draft.status == ActionStatus.DRAFT
    assert follow_emails().count() == 0
    # Hidden between the publication and the task: the task sends nothing.
    hidden = make_action(collective, status=ActionStatus.PUBLISHED, published_at=timezone.now())
    action_hide(action=hidden, moderator=mod, reason="Spam")
    assert tasks.follow_notify_published(hidden.pk) == 0
    # A draft published later does send.
    with django_capture_on_commit_callbacks(execute=True):
        action_publish(action=draft, user=alice)
    assert follow_emails().count() == 1


def test_the_exact_address_only_when_public(
    alice, collective, gazetteer, django_capture_on_commit_callbacks
):
    services.follow_confirm(
        token=services.follow_subscribe(email=DANA, target=collective, language="en").token
    )
    publish(
        alice,
        collective,
        django_capture_on_commit_callbacks,
        address="12 Secret Street",
        location_visibility="participants",
    )
    assert "12 Secret Street" not in follow_emails().get().body_text
    publish(
        alice,
        collective,
        django_capture_on_commit_callbacks,
        title="Open vigil",
        address="1 Public Square",
        location_visibility="public",
    )
    assert "1 Public Square" in follow_emails().get(subject__contains="Open vigil").body_text


def test_stale_follows_are_purged(collective, charlie):
    stale = services.follow_subscribe(email=DANA, target=collective, language="en")
    gone = services.follow_for_user(user=charlie, target=collective)
    services.unfollow_for_user(user=charlie, target=collective)
    later = timezone.now() + timedelta(days=31)
    assert services.follow_purge_stale(now=later) == 2
    assert not Follow.objects.filter(pk__in=[stale.pk, gone.pk]).exists()


# --- the count, never the list -------------------------------------------------------------


def test_admins_see_the_count_members_and_visitors_do_not(client, collective, alice, bob):
    for index in range(3):
        services.follow_confirm(
            token=services.follow_subscribe(
                email=f"f{index}@example.net", target=collective, language="en"
            ).token
        )
    services.follow_subscribe(email="unconfirmed@example.net", target=collective, language="en")
    client.force_login(alice)
    page = client.get(collective.get_absolute_url()).content.decode()
    assert "3 followers" in page
    assert "f0@example.net" not in page
    client.force_login(bob)
    assert "followers" not in client.get(collective.get_absolute_url()).content.decode()
    client.logout()
    assert "followers" not in client.get(collective.get_absolute_url()).content.decode()


def test_coalition_members_see_the_count(client, coalition, cora, charlie):
    services.follow_for_user(user=charlie, target=coalition)
    client.force_login(cora)
    page = client.get(coalition.get_absolute_url()).content.decode()
    assert "1 follower" in page and charlie.email not in page
    client.force_login(charlie)
    page = client.get(coalition.get_absolute_url()).content.decode()
    assert "Following" in page and "1 follower" not in page


def test_follows_have_no_admin_list():
    assert Follow not in admin.site._registry
    assert FollowNotice not in admin.site._registry


def test_the_follow_button_costs_bounded_queries(
    client, collective, charlie, django_assert_max_num_queries
):
    client.force_login(charlie)
    with django_assert_max_num_queries(40):
        client.get(collective.get_absolute_url())
    services.follow_for_user(user=charlie, target=collective)
    baseline = len_queries(client, collective)
    for index in range(20):
        services.follow_for_user(user=make_user(f"u{index}@example.org"), target=collective)
    assert len_queries(client, collective) == baseline


def len_queries(client, collective) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(collective.get_absolute_url())
    return len(queries)


def test_the_hourly_sweep_sends_what_a_lost_task_never_did_once(collective, charlie):
    services.follow_for_user(user=charlie, target=collective)
    # Published an hour ago, and its task lost (written with the ORM: no signal at all).
    lost = make_action(
        collective, status=ActionStatus.PUBLISHED, published_at=timezone.now() - timedelta(hours=1)
    )
    Follow.objects.filter(user=charlie).update(confirmed_at=timezone.now() - timedelta(days=1))
    assert tasks.follows_sweep_published() == 1
    assert tasks.follows_sweep_published() == 0
    assert OutboxMessage.objects.filter(to=charlie.email, subject__contains=lost.title).count() == 1


def test_someone_who_follows_after_the_publication_is_not_sent_it(collective, charlie):
    action = make_action(
        collective, status=ActionStatus.PUBLISHED, published_at=timezone.now() - timedelta(hours=1)
    )
    services.follow_for_user(user=charlie, target=collective)
    assert tasks.follow_notify_published(action.pk) == 0


def test_following_by_account_and_by_its_address_is_one_email(
    alice, collective, charlie, gazetteer, django_capture_on_commit_callbacks
):
    services.follow_for_user(user=charlie, target=collective)
    services.follow_confirm(
        token=services.follow_subscribe(
            email=charlie.email.upper(), target=collective, language="en"
        ).token
    )
    publish(alice, collective, django_capture_on_commit_callbacks)
    assert follow_emails(charlie.email).count() == 1


def test_beat_runs_the_sweep_hourly():
    from organizing.celery import app

    tasks_scheduled = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert "organizing.alerts.tasks.follows_sweep_published" in tasks_scheduled
