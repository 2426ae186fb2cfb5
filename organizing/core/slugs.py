"""Readable, unique slugs for public records (collectives, coalitions, appeals)."""

from django.db import models
from django.utils.text import slugify


def unique_slug(
    model: type[models.Model], text: str, *, fallback: str, max_length: int = 60
) -> str:
    """`slugify(text)`, or `fallback` when nothing is left of it, with "-2", "-3"... added when
    taken (one query for all the taken ones). The unique constraint stays the guard against a
    race."""
    base = slugify(text)[:max_length].strip("-") or fallback
    taken = set(model._default_manager.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug
