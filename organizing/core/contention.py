"""Telling "the database is busy, try again" apart from a real database fault.

SQLite waits up to its busy timeout for a write lock (settings: `timeout`, IMMEDIATE
transactions) and then raises `OperationalError("database is locked")`; PostgreSQL reports a
deadlock, a serialization failure or a lock it could not get. A view that writes where many
people write at once (RSVPs) turns these into a clear answer; everything else stays an error.
"""

import logging

from django.db import OperationalError
from django.shortcuts import render

logger = logging.getLogger(__name__)

# deadlock_detected, serialization_failure, lock_not_available
POSTGRESQL_CONTENTION_CODES = {"40P01", "40001", "55P03"}


def database_is_busy(error: Exception) -> bool:
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__
    if getattr(cause, "sqlstate", None) in POSTGRESQL_CONTENTION_CODES:
        return True
    message = str(error).lower()
    return "database is locked" in message or "database table is locked" in message


class DatabaseBusyMiddleware:
    """Any view whose database stayed busy past the wait answers 503 "try again in a
    minute", never a 500: its transaction was rolled back, nothing half-saved. Views where
    many write at once (RSVPs) answer on their own page first; this is for every other one."""

    RETRY_AFTER_SECONDS = 30

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not database_is_busy(exception):
            return None
        logger.warning("Database busy on %s %s: %s", request.method, request.path, exception)
        # A page of its own, like 500.html: no query, whatever state the database is in.
        response = render(request, "503.html", status=503)
        response["Retry-After"] = str(self.RETRY_AFTER_SECONDS)
        return response
