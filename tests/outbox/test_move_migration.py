"""The outbox moved out of `notifications` in state only: the rows written before the move (and
the alerts beside them) are all there after it, unchanged."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from organizing.alerts.models import ActionAlert
from organizing.outbox.models import OutboxMessage, OutboxStatus
from organizing.places.models import City

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE_THE_MOVE = ("notifications", "0004_outbox_concerns")
MOVED_APPS = ("notifications", "outbox")


def migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()  # what is applied now
    return executor


def latest() -> list[tuple[str, str]]:
    graph = MigrationExecutor(connection).loader.graph
    return [node for node in graph.leaf_nodes() if node[0] in MOVED_APPS]


def field_names(model) -> list[str]:
    return [field.attname for field in model._meta.concrete_fields]


def test_the_rows_written_before_the_move_are_found_after_it():
    city = City.objects.get_or_create(
        geonameid=6077243,
        defaults={
            "name": "Montréal",
            "country": "CA",
            "latitude": 45.5,
            "longitude": -73.6,
            "population": 1,
            "timezone": "UTC",
        },
    )[0]
    now = timezone.now()
    try:
        executor = migrate([BEFORE_THE_MOVE, ("outbox", None)])
        old = executor.loader.project_state([BEFORE_THE_MOVE]).apps
        old_message = old.get_model("notifications", "OutboxMessage")
        old_alert = old.get_model("notifications", "ActionAlert")
        old_message.objects.create(
            to="dana@example.net",
            reply_to="host@example.org",
            subject="Reminder: Vigil for peace",
            body_text="See you at 12 Hidden Lane",
            body_html="<p>See you at 12 Hidden Lane</p>",
            status=OutboxStatus.SENT,
            attempts=2,
            queued_at=now - timedelta(minutes=3),
            sent_at=now - timedelta(minutes=1),
            last_error="",
            headers={"List-Unsubscribe": "<https://example.org/u/secret>"},
            concerns="rsvp:42",
        )
        old_message.objects.create(
            to="erased@erased.invalid",
            status=OutboxStatus.CANCELLED,
            purged_at=now,
            last_error="",
        )
        old_message.objects.create(
            to="eli@example.net",
            subject="Welcome",
            body_text="Hello",
            status=OutboxStatus.PENDING,
            last_error="ConnectionRefusedError(111)",
        )
        old_alert.objects.create(
            email="dana@example.net",
            city_id=city.pk,
            query="place=Montréal&radius=25",
            description="Within 25 km of Montréal",
            language="fr",
            token="a-secret-token",
            status="active",
            confirmed_at=now,
            new_since=now,
        )
        messages = list(old_message.objects.order_by("pk").values(*field_names(OutboxMessage)))
        alerts = list(old_alert.objects.order_by("pk").values(*field_names(ActionAlert)))

        migrate(latest())

        assert list(OutboxMessage.objects.order_by("pk").values(*field_names(OutboxMessage))) == (
            messages
        )
        assert list(ActionAlert.objects.order_by("pk").values(*field_names(ActionAlert))) == alerts
        assert len(messages) == 3 and len(alerts) == 1
    finally:
        migrate(latest())
