"""`make run` serves where its links point (issue 14, first hour 1): emails, feeds, the API,
JSON-LD and .ics name `SITE_URL`, which follows HOST and PORT unless it is set."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


def _dry_run(*args, **env):
    clean = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
    result = subprocess.run(
        ["make", "-s", "-n", "run", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    commands = [line for line in result.stdout.splitlines() if "manage.py" in line]
    assert commands, result.stdout
    return commands


def test_every_step_of_make_run_links_to_the_port_it_serves():
    commands = _dry_run("PORT=8101")
    assert all("SITE_URL=http://127.0.0.1:8101" in command for command in commands)
    assert commands[-1].endswith("runserver 127.0.0.1:8101")


def test_a_site_url_set_by_the_person_wins():
    commands = _dry_run(SITE_URL="https://convergence.example.org")
    assert all("SITE_URL=https://convergence.example.org" in command for command in commands)
