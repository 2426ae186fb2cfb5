"""A real `celery worker` process, against the real Redis broker, writing to PostgreSQL."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from organizing.celery import app
from organizing.notifications import services
from organizing.notifications.models import OutboxStatus
from organizing.notifications.tasks import outbox_send

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.worker,
    pytest.mark.skipif(not settings.CELERY_BROKER_URL, reason="no broker configured"),
    pytest.mark.skipif(not settings.IS_POSTGRESQL, reason="the worker needs a shared database"),
]


def worker_database_url() -> str:
    db = connection.settings_dict
    return (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )


@pytest.fixture
def celery_worker_process(transactional_db):
    app.control.purge()
    env = {**os.environ, "DATABASE_URL": worker_database_url()}
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "organizing", "worker", "--pool=solo",
         "--without-gossip", "--without-mingle", "--without-heartbeat", "-Q", "default,mail",
         "-n", f"test-{os.getpid()}@%h", "--loglevel=INFO"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not app.control.ping(timeout=1.0):
            assert worker.poll() is None, worker.stdout.read()
            assert time.monotonic() < deadline, "the worker did not answer in 60 s"
        yield worker
    finally:
        worker.terminate()
        worker.wait(timeout=30)


def test_worker_sends_an_outbox_message_recorded_in_postgresql(celery_worker_process):
    message = services.outbox_enqueue(
        to="organizer@example.org", subject="Welcome", body_text="Hello from the worker."
    )
    outbox_send.delay(message.pk)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        message.refresh_from_db()
        if message.status == OutboxStatus.SENT:
            break
        time.sleep(0.2)
    assert message.status == OutboxStatus.SENT
    assert message.sent_at is not None and message.attempts == 1
