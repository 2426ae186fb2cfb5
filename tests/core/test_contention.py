"""Which database errors mean "busy, try again" (a clear 503) and which stay errors."""

import pytest
from django.db import IntegrityError, OperationalError

from organizing.core.contention import database_is_busy


class PostgresError(Exception):
    def __init__(self, sqlstate: str):
        super().__init__(sqlstate)
        self.sqlstate = sqlstate


def wrapped(error: Exception, cause: Exception | None = None) -> Exception:
    error.__cause__ = cause  # as Django's wrap_database_errors leaves it
    return error


@pytest.mark.parametrize(
    "error",
    [
        OperationalError("database is locked"),
        OperationalError("database table is locked: actions_rsvp"),
        wrapped(OperationalError("deadlock detected"), PostgresError("40P01")),
        wrapped(OperationalError("could not serialize access"), PostgresError("40001")),
        wrapped(OperationalError("could not obtain lock"), PostgresError("55P03")),
    ],
)
def test_busy(error):
    assert database_is_busy(error)


@pytest.mark.parametrize(
    "error",
    [
        OperationalError("no such table: actions_rsvp"),
        OperationalError("disk I/O error"),
        wrapped(OperationalError("connection refused"), PostgresError("08006")),
        IntegrityError("database is locked"),
        ValueError("database is locked"),
    ],
)
def test_not_busy(error):
    assert not database_is_busy(error)
