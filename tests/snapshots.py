"""Worlds built once per test session and copied into each test that asks for one.

Building the gazetteer subset (`import_places --only <article cities>`) and the article's
examples (`seed_examples`) through the real commands took about half a second per test that
asked for them; copying the rows they leave takes a few milliseconds. A `Snapshot` runs the real
build once, on the test database as it stands (outside any test's transaction), keeps the rows
the build added in shadow tables (`zz_snap_<name>__<table>`: Django's flush knows only its models'
tables, so a transactional test's flush leaves them alone), and deletes those rows again, so
that a test asking for no world sees none. `load()` copies the rows back, one
`INSERT ... SELECT` per table: inside a test's transaction (rolled back with it) or, in a
transactional test, committed and flushed away after it like anything else the test wrote.

The copy is exact (same primary keys, same stored values); the build refuses to snapshot if it
changed a row that was there before it or wrote to a table no model owns.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction

PREFIX = "zz_snap_"


def _models():
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _rows(model) -> dict:
    """Every row of the model's table, by primary key."""
    table, pk = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {_q(pk)}, * FROM {_q(table)}")
        return {row[0]: row for row in cursor.fetchall()}


def _columns(model) -> list[str]:
    pk = model._meta.pk.column
    others = [
        f.column
        for f in model._meta.concrete_fields
        if f.column != pk and not getattr(f, "generated", False)
    ]
    return [pk, *others]


def _state() -> dict[str, dict]:
    return {model._meta.db_table: _rows(model) for model in _models()}


def _other_tables() -> dict[str, int]:
    """Row counts of the tables no model owns (the cache table, ...), shadows excepted."""
    owned = {model._meta.db_table for model in _models()}
    counts = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table not in owned and not table.startswith(PREFIX):
                cursor.execute(f"SELECT COUNT(*) FROM {_q(table)}")
                counts[table] = cursor.fetchone()[0]
    return counts


def _not_in(column: str, keys) -> tuple[str, list]:
    if not keys:
        return "", []
    return f" WHERE {_q(column)} NOT IN ({', '.join(['%s'] * len(keys))})", list(keys)


@dataclass
class Snapshot:
    name: str
    tables: list[tuple[object, str, list[str]]] = field(default_factory=list)

    @classmethod
    def take(cls, name: str, build: Callable[[], None], *, on: Sequence["Snapshot"] = ()):
        """Run `build` (after loading the snapshots `on`), keep what it added, then undo both.

        Must run outside any transaction (under `django_db_blocker.unblock()` in a session
        fixture); nothing the build hands to `on_commit` runs, as in a test's transaction.
        """
        assert connection.get_autocommit(), "take a snapshot outside any transaction"
        snapshot = cls(name)
        snapshot.drop()
        others = _other_tables()
        with transaction.atomic():
            start = _state()
            for base in on:
                base.load()
            before = _state()
            build()
            after = _state()
            for model in _models():
                table = model._meta.db_table
                changed = [
                    key for key, row in before[table].items() if after[table].get(key) != row
                ]
                if changed:
                    raise RuntimeError(f"snapshot {name}: the build changed {table} {changed[:5]}")
                added = set(after[table]) - set(before[table])
                if not added:
                    continue
                shadow = f"{PREFIX}{name}__{table}"
                columns = _columns(model)
                cols = ", ".join(map(_q, columns))
                where, params = _not_in(columns[0], before[table])
                with connection.cursor() as cursor:
                    cursor.execute(
                        f"CREATE TABLE {_q(shadow)} AS SELECT {cols} FROM {_q(table)}{where}",
                        params,
                    )
                    # The copy holds exactly the rows added, value for value (and SQLite type
                    # for type: a compound SELECT compares storage classes).
                    cursor.execute(
                        f"SELECT COUNT(*) FROM (SELECT {cols} FROM {_q(table)}{where}"
                        f" EXCEPT SELECT {cols} FROM {_q(shadow)}) AS missing",
                        params,
                    )
                    assert cursor.fetchone()[0] == 0, f"snapshot {name}: {table} copied inexactly"
                snapshot.tables.append((model, shadow, columns))
            for model in _models():
                table = model._meta.db_table
                if set(after[table]) - set(start[table]):
                    where, params = _not_in(model._meta.pk.column, start[table])
                    with connection.cursor() as cursor:
                        cursor.execute(f"DELETE FROM {_q(table)}{where}", params)
            if _other_tables() != others:
                raise RuntimeError(f"snapshot {name}: the build wrote to a table no model owns")
            # What the build handed to on_commit would run now; in a test it never runs.
            connection.run_on_commit.clear()
        return snapshot

    def load(self) -> None:
        """Copy the snapshot's rows into the database, in the current transaction if any."""
        with transaction.atomic(), connection.cursor() as cursor:
            for _model, shadow, columns in self.tables:
                table = _model._meta.db_table
                cols = ", ".join(map(_q, columns))
                cursor.execute(f"INSERT INTO {_q(table)} ({cols}) SELECT {cols} FROM {_q(shadow)}")
            # PostgreSQL's identity sequences do not follow explicit keys (SQLite's do).
            if connection.vendor == "postgresql":
                for sql in connection.ops.sequence_reset_sql(
                    no_style(), [model for model, _, _ in self.tables]
                ):
                    cursor.execute(sql)

    def drop(self) -> None:
        with connection.cursor() as cursor:
            for table in connection.introspection.table_names(cursor):
                if table.startswith(f"{PREFIX}{self.name}__"):
                    cursor.execute(f"DROP TABLE {_q(table)}")
        self.tables = []
