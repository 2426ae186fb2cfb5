"""The Celery app: queue names and the beat schedule live here, in one place.

With no CELERY_BROKER_URL configured the settings turn on eager mode, so tasks run in-process
(the embedded default of `make run`).
"""

import os

from celery import Celery
from celery.schedules import crontab
from kombu import Queue

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "organizing.settings")

QUEUE_DEFAULT = "default"
QUEUE_MAIL = "mail"

app = Celery("organizing")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.task_default_queue = QUEUE_DEFAULT
app.conf.task_queues = (Queue(QUEUE_DEFAULT), Queue(QUEUE_MAIL))
app.conf.task_routes = {
    "organizing.outbox.tasks.*": {"queue": QUEUE_MAIL},
    "organizing.alerts.tasks.*": {"queue": QUEUE_MAIL},
    "organizing.accounts.tasks.*": {"queue": QUEUE_MAIL},
}
app.conf.beat_schedule = {
    # Publishes outbox rows whose task never reached the broker (outage, crash after commit).
    "relay-outbox": {
        "task": "organizing.outbox.tasks.outbox_relay",
        "schedule": 10.0,
    },
    # Confirmed participants of actions starting in 24-25 hours: one reminder each (in the
    # hour after the reveal time instead, when the hosts reveal the exact place later).
    "rsvp-send-reminders": {
        "task": "organizing.actions.tasks.rsvp_send_reminders",
        "schedule": crontab(minute=5),
    },
    # Action alerts: a digest of the actions published since the last one, once a day.
    "alerts-send-digests": {
        "task": "organizing.alerts.tasks.alerts_send_digests",
        "schedule": crontab(hour=6, minute=15),
    },
    # Notification digests: one email per person with held notifications, once a day.
    "notifications-send-digests": {
        "task": "organizing.accounts.tasks.notifications_send_digests",
        "schedule": crontab(hour=6, minute=30),
    },
    # Sent emails lose their recipient, subject and body after OUTBOX_RETENTION_DAYS.
    "outbox-purge-expired": {
        "task": "organizing.outbox.tasks.outbox_purge_expired",
        "schedule": crontab(hour=3, minute=45),
    },
    # Follow emails a lost task never sent (a broker outage): the fan-out again, idempotent.
    "follows-sweep-published": {
        "task": "organizing.alerts.tasks.follows_sweep_published",
        "schedule": crontab(minute=25),
    },
    # Alerts never confirmed, or unsubscribed, are deleted after 30 days.
    "alerts-purge-stale": {
        "task": "organizing.alerts.tasks.alerts_purge_stale",
        "schedule": crontab(hour=3, minute=50),
    },
    # RSVPs of actions that ended more than their retention_days ago (30 by default) lose
    # their names and addresses, and every email about them is erased.
    "rsvp-anonymize-past": {
        "task": "organizing.actions.tasks.rsvp_anonymize_past",
        "schedule": crontab(hour=3, minute=30),
    },
    # Sessions past SESSION_COOKIE_AGE and the "where you are logged in" records of ended ones.
    "sessions-clear-expired": {
        "task": "organizing.accounts.tasks.sessions_clear_expired",
        "schedule": crontab(hour=3, minute=55),
    },
}
app.autodiscover_tasks()
