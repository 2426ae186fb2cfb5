"""The machinery of the URL authorization matrix (tests/security/test_url_matrix.py): walking
the URL resolver, running one request in a savepoint, a fingerprint of the database to see that
a refused POST changed nothing, and the sentinel search."""

import copy
from dataclasses import dataclass

from django.apps import apps
from django.db import connection, transaction
from django.urls import URLPattern, URLResolver, get_resolver

from .world import SENTINELS


def every_pattern() -> list[tuple[str, str]]:
    """(name, route) of every URL pattern of the site, namespaced names ("actions:detail");
    an unnamed pattern gets its route as its name."""
    return [(name, route) for name, route, _ in every_pattern_with_params()]


def every_pattern_with_params() -> list[tuple[str, str, list[str]]]:
    """(name, route, names of its parameters) of every URL pattern, see every_pattern()."""
    found = []

    def params_of(pattern) -> list[str]:
        inner = pattern.pattern
        if hasattr(inner, "converters") and inner.converters:
            return list(inner.converters)
        regex = getattr(inner, "regex", None)
        return list(regex.groupindex) if regex is not None else []

    def walk(resolver, prefix, namespace, params):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                walk(pattern, prefix + str(pattern.pattern), inner, params + params_of(pattern))
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                name = pattern.name
                if name and namespace:
                    name = f"{namespace}:{name}"
                found.append((name or route, route, params + params_of(pattern)))

    walk(get_resolver(), "", None, [])
    return found


def expand(codes: str) -> list[set[int]]:
    """ "302 404 403 200 200 404 404" (one per role, in ROLES order), or a single code for all;
    "200/302" accepts either."""
    from .world import ROLES

    tokens = codes.split()
    if len(tokens) == 1:
        tokens = tokens * len(ROLES)
    assert len(tokens) == len(ROLES), codes
    return [{int(code) for code in token.split("/")} for token in tokens]


@dataclass
class Outcome:
    status: int
    body: str
    location: str
    error: str = ""
    inspected: object = None


def run_request(client, method: str, url: str, data=None, *, inspect=None) -> Outcome:
    """One request inside a savepoint rolled back afterwards, with the client's cookies put
    back: every cell sees the same world, whatever the previous one did (left, deleted,
    logged out). A view that raises is reported as a 500 with the exception. `inspect()`
    runs after the response, before the rollback; its result is `Outcome.inspected`."""
    cookies = copy.deepcopy(client.cookies)
    savepoint = transaction.savepoint_create()
    try:
        response = client.get(url) if method == "GET" else client.post(url, data or {})
        body = b"" if getattr(response, "streaming", False) else response.content
        if getattr(response, "streaming", False):
            body = b"".join(response.streaming_content)
        return Outcome(
            response.status_code,
            body.decode("utf-8", "replace"),
            response.headers.get("Location", ""),
            inspected=inspect() if inspect else None,
        )
    except Exception as error:  # the gate reports it as the 500 it would be
        return Outcome(500, "", "", f"{type(error).__name__}: {error}")
    finally:
        transaction.savepoint_rollback(savepoint)
        client.cookies = cookies


PROJECT_APPS = (
    "accounts",
    "actions",
    "coalitions",
    "collectives",
    "core",
    "matching",
    "moderation",
    "notifications",
    "outbox",
    "account",
    "mfa",
    "auth",
)


def _fingerprint_sql() -> tuple[list[str], str]:
    labels, columns = [], []
    quote = connection.ops.quote_name
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS or model._meta.proxy:
            continue
        table = quote(model._meta.db_table)
        labels.append(model._meta.label_lower)
        latest = (
            f"(SELECT MAX({quote('updated_at')}) FROM {table})"
            if any(f.name == "updated_at" for f in model._meta.fields)
            else "NULL"
        )
        columns.append(f"(SELECT COUNT(*) FROM {table}), {latest}")
    return labels, "SELECT " + ", ".join(columns)


def fingerprint() -> tuple:
    """Row counts of every model of the project and of allauth, and the latest change time of
    those that record one: a refused POST leaves this unchanged. Sessions and the rate-limit
    cache are left out (a request may touch them legitimately). One query: it runs after
    every POST of the matrix."""
    labels, sql = _fingerprint_sql()
    with connection.cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
    return tuple(zip(labels, row[0::2], row[1::2], strict=True))


def leaked(body: str, allowed: set[str]) -> list[str]:
    return [name for name, text in SENTINELS.items() if name not in allowed and text in body]
