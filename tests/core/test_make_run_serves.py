"""What `make run` starts, started for real (issue 14, first hour 12 and 13): the web server
with DEBUG off, so that a missing or not public page shows the site's own 404 page (and an
error its own 500 page), never Django's technical pages; and a Celery worker with the beat
schedule embedded, on kombu's filesystem transport, so that the periodic tasks of
organizing/celery.py run in the demo (here: the outbox relay sends a pending email). Ctrl-C
stops both.

The commands are read from `make -n run` (so they are the Makefile's own), then run with this
test's database, a free port and folders in a temporary directory."""

import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from organizing.actions.models import ActionStatus
from organizing.outbox.models import OutboxMessage, OutboxStatus
from tests.factories import make_undated_action

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.skipif(shutil.which("make") is None, reason="needs make"),
    pytest.mark.django_db(transaction=True),
]

# Variables of the test run that `make run` does not set and that would change the answer.
IGNORED = ("DJANGO_ALLOW_ASYNC_UNSAFE", "EMAIL_URL", "SITE_URL", "CELERY_BROKER_URL", "DEBUG")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    """This test's database, for the child processes."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )


def make_run_serve_line(tmp_path: Path, port: int) -> str:
    """The last step of `make run` (the worker and the server), as make would run it."""
    key = tmp_path / "secret-key"
    key.write_text("a-secret-key-for-this-test-only-" + "x" * 40)
    result = subprocess.run(
        [
            "make",
            "-s",
            "-n",
            "run",
            f"PORT={port}",
            f"CELERY_DIR={tmp_path / 'celery'}",
            f"DEMO_SECRET_KEY_FILE={key}",
        ],
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if k not in IGNORED},
        capture_output=True,
        text=True,
        check=True,
    )
    steps = result.stdout.replace("\\\n", " ").splitlines()
    for line in steps:
        if line.startswith("mkdir -p"):
            subprocess.run(line, shell=True, check=True, cwd=ROOT)  # make's own line
    serve = [line for line in steps if "runserver" in line]
    assert len(serve) == 1, result.stdout
    return serve[0]


@contextmanager
def started(command: str, *, tmp_path: Path, port: int, database: str):
    """`command` in bash, in its own process group (as a terminal runs it); its output in a
    file. Waits until the server answers; stops every process of the group at the end."""
    output = (tmp_path / f"output-{port}.txt").open("w+")
    env = {k: v for k, v in os.environ.items() if k not in IGNORED}
    env["DATABASE_URL"] = database
    process = subprocess.Popen(
        ["bash", "-c", command],
        cwd=ROOT,
        env=env,
        stdout=output,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not _answers(port):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail("make run's server did not start:\n" + _read(output)[-3000:])
            time.sleep(0.2)
        yield process, output
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        output.close()


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


def _read(output) -> str:
    output.flush()
    return Path(output.name).read_text()


def get(port: int, path: str) -> tuple[int, str, dict]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def server_only(line: str) -> str:
    """The server's part of the serve line (without the worker)."""
    return line.rsplit(";", 1)[1].strip()


def test_make_run_shows_the_sites_own_404_and_500_pages(tmp_path, collective):
    pending = make_undated_action(collective, status=ActionStatus.PENDING_REVIEW, title="Draft")
    port = free_port()
    line = server_only(make_run_serve_line(tmp_path, port))
    assert "DEBUG=false" in line
    with started(line, tmp_path=tmp_path, port=port, database=database_url()):
        for path in (pending.get_absolute_url(), "/actions/no-such-action/", "/no/such/page/"):
            status, body, _ = get(port, path)
            assert status == 404, path
            assert "This page does not exist, or it is not public." in body
            assert "URLconf" not in body and "Django tried these URL patterns" not in body
        # The page is styled: its stylesheet is served (whitenoise, with DEBUG off).
        stylesheet = re.search(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', body)
        assert stylesheet, body
        status, _, headers = get(port, stylesheet.group(1))
        assert status == 200 and headers["Content-Type"].startswith("text/css")

    # A database without tables: every page fails, and shows the site's own 500 page.
    port = free_port()
    line = server_only(make_run_serve_line(tmp_path, port))
    empty = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    with started(line, tmp_path=tmp_path, port=port, database=empty):
        status, body, _ = get(port, "/")
        assert status == 500
        assert "Something went wrong" in body
        assert "Traceback" not in body and "OperationalError" not in body


@pytest.mark.worker
def test_make_run_runs_the_periodic_tasks_and_ctrl_c_stops_everything(tmp_path):
    # A pending email that nothing sent (as after a crash): only the periodic relay sends it.
    message = OutboxMessage.objects.create(
        to="someone@example.org", subject="Sent by the periodic relay", body_text="Hello."
    )
    OutboxMessage.objects.filter(pk=message.pk).update(
        created_at=timezone.now() - timedelta(minutes=1)
    )
    port = free_port()
    line = make_run_serve_line(tmp_path, port)
    assert "--beat" in line and "CELERY_BROKER_URL=filesystem://" in line
    with started(line, tmp_path=tmp_path, port=port, database=database_url()) as (
        process,
        output,
    ):
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            message.refresh_from_db()
            if message.status == OutboxStatus.SENT:
                break
            time.sleep(0.5)
        shown = _read(output)
        assert message.status == OutboxStatus.SENT, shown[-3000:]
        # Sent to the console, where `make run` prints every email.
        assert "Subject: Sent by the periodic relay" in shown

        # Ctrl-C in the terminal: the interrupt goes to the whole process group.
        os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=60)
        deadline = time.monotonic() + 30
        while group_alive(process.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not group_alive(process.pid), "a process of make run outlived Ctrl-C"
