"""Collectives for partner suggestions, made as registration and verification leave them."""

import itertools

import pytest
from django.utils.text import slugify

from organizing.collectives.models import Collective, CollectiveStatus
from organizing.core.models import Cause

_numbers = itertools.count(1)

MONTREAL = {
    "city": "Montréal",
    "country": "CA",
    "region_code": "10",
    "latitude": 45.50884,
    "longitude": -73.58781,
}
LAVAL = {
    "city": "Laval",
    "country": "CA",
    "region_code": "10",
    "latitude": 45.5697,
    "longitude": -73.692,
}
QUEBEC = {
    "city": "Québec",
    "country": "CA",
    "region_code": "10",
    "latitude": 46.8139,
    "longitude": -71.2080,
}
TORONTO = {
    "city": "Toronto",
    "country": "CA",
    "region_code": "08",
    "latitude": 43.7001,
    "longitude": -79.4163,
}
PARIS = {
    "city": "Paris",
    "country": "FR",
    "region_code": "11",
    "latitude": 48.8534,
    "longitude": 2.3488,
}


@pytest.fixture
def causes(db) -> dict[str, Cause]:
    names = {
        "ceasefire": "Immediate ceasefire",
        "arms": "End arms sales to Israel",
        "racism": "Anti-racism and full citizenship",
        "climate": "Climate justice",
    }
    return {key: Cause.objects.create(slug=f"test-{key}", name=name) for key, name in names.items()}


def make_collective(
    name: str | None = None,
    *,
    kind: str = "local_collective",
    causes=(),
    status: str = CollectiveStatus.VERIFIED,
    open_to_partners: bool = True,
    where: dict | None = None,
) -> Collective:
    name = name or f"Partner collective {next(_numbers)}"
    collective = Collective.objects.create(
        name=name,
        slug=slugify(name),
        kind=kind,
        status=status,
        open_to_partners=open_to_partners,
        **(where if where is not None else MONTREAL),
    )
    collective.causes.set(causes)
    return collective
