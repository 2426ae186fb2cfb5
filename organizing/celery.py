"""The Celery app: queue names and the beat schedule live here, in one place.

With no CELERY_BROKER_URL configured the settings turn on eager mode, so tasks run in-process
(the embedded default of `make run`).
"""

import os

from celery import Celery
from kombu import Queue

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "organizing.settings")

QUEUE_DEFAULT = "default"
QUEUE_MAIL = "mail"

app = Celery("organizing")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.task_default_queue = QUEUE_DEFAULT
app.conf.task_queues = (Queue(QUEUE_DEFAULT), Queue(QUEUE_MAIL))
app.conf.task_routes = {"organizing.notifications.tasks.*": {"queue": QUEUE_MAIL}}
app.conf.beat_schedule = {
    # Publishes outbox rows whose task never reached the broker (outage, crash after commit).
    "relay-outbox": {
        "task": "organizing.notifications.tasks.outbox_relay",
        "schedule": 10.0,
    },
}
app.autodiscover_tasks()
