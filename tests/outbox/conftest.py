"""Real processes for the outbox tests: a Celery worker, and a Redis server the tests own.

Fault tests stop and start their own Redis on a spare port, never the shared one.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path
from unittest import mock

import pytest
from celery import Celery
from django.conf import settings
from django.db import connection

from organizing.outbox.models import OutboxStatus

ROOT = Path(__file__).resolve().parents[2]

requires_worker_setup = [
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


def process_env(broker_url: str) -> dict:
    """The environment of a child process sharing this test's database."""
    return {**os.environ, "DATABASE_URL": worker_database_url(), "CELERY_BROKER_URL": broker_url}


@contextmanager
def celery_worker(broker_url: str):
    """A real `celery worker` process; waits until it answers a ping."""
    # Not the current app: shared tasks must keep publishing through organizing's own app.
    # Celery prefers a CELERY_BROKER_URL variable to `broker=`, hence the patched environment.
    stack = ExitStack()
    stack.enter_context(mock.patch.dict(os.environ, {"CELERY_BROKER_URL": broker_url}))
    control = Celery(broker=broker_url, set_as_current=False)
    control.control.purge()
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "organizing",
            "worker",
            "--pool=solo",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-Q",
            "default,mail",
            "-n",
            f"test-{os.getpid()}-{time.monotonic_ns()}@%h",
            "--loglevel=INFO",
        ],
        cwd=ROOT,
        env=process_env(broker_url),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not control.control.ping(timeout=1.0):
            if worker.poll() is not None or time.monotonic() > deadline:
                worker.kill()
                pytest.fail("the worker did not answer:\n" + worker.communicate()[0][-3000:])
        yield worker
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        control.close()
        stack.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OwnRedis:
    """A throwaway redis-server on a spare port, to stop and start at will."""

    def __init__(self, directory: Path):
        self.port = free_port()
        self.directory = directory
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server") or "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while not self._answers():
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.05)

    def stop(self) -> None:
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False


@pytest.fixture
def own_redis(tmp_path):
    redis = OwnRedis(tmp_path)
    yield redis
    redis.stop()


def run_relay(broker_url: str) -> str:
    """Run the periodic relay once, in its own process, as beat would."""
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from organizing.outbox.tasks import outbox_relay; print(outbox_relay())",
        ],
        cwd=ROOT,
        env=process_env(broker_url),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def wait_until_sent(message, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        message.refresh_from_db()
        if message.status == OutboxStatus.SENT:
            return
        time.sleep(0.2)
