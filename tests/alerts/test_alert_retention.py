"""Alert retention: alerts never confirmed or unsubscribed go after 30 days."""

from datetime import timedelta

import pytest
from django.utils import timezone

from organizing.alerts import tasks
from organizing.alerts.models import ActionAlert
from organizing.celery import app
from organizing.places.models import City

pytestmark = pytest.mark.django_db

# Alerts that nobody uses keep an address for nothing


def alert(email, status, *, days_ago):
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
    when = timezone.now() - timedelta(days=days_ago)
    return ActionAlert.objects.create(
        email=email,
        city=city,
        query=f"place=Montréal&radius={days_ago}",
        description="x",
        language="en",
        token=email,
        status=status,
        confirmation_sent_at=when,
        unsubscribed_at=when if status == "unsubscribed" else None,
        confirmed_at=when if status != "unconfirmed" else None,
    )


def test_stale_alerts_are_deleted_active_ones_stay():
    kept = [
        alert("new@example.net", "unconfirmed", days_ago=2),
        alert("left@example.net", "unsubscribed", days_ago=29),
        alert("active@example.net", "active", days_ago=400),
    ]
    alert("never@example.net", "unconfirmed", days_ago=31)
    alert("gone@example.net", "unsubscribed", days_ago=31)
    assert tasks.alerts_purge_stale.apply().get() == 2
    assert set(ActionAlert.objects.values_list("pk", flat=True)) == {a.pk for a in kept}
    scheduled = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert "organizing.alerts.tasks.alerts_purge_stale" in scheduled
