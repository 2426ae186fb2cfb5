#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys
from pathlib import Path


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "organizing.settings")
    unconfigured = "SECRET_KEY" not in os.environ and not (Path(__file__).parent / ".env").exists()
    if unconfigured:
        # A bare checkout (no SECRET_KEY, no .env) is a developer's machine. Configured
        # installations, and every web or Celery process, keep DEBUG off unless told otherwise.
        os.environ.setdefault("DEBUG", "true")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
