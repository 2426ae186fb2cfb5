"""Load the article's examples (pages/examples.py) into the database, idempotently.

A second run changes nothing: rows are matched by slug (or source + title for actions), and
a row is saved only when one of its values differs.
"""

import datetime as dt
import zoneinfo
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction

from organizing.actions.models import (
    Action,
    ActionHost,
    ActionPlace,
    ActionStatus,
    HostConsent,
    HostRole,
    new_action_slug,
)
from organizing.appeals.models import Appeal, AppealSignature
from organizing.coalitions.models import Coalition
from organizing.collectives.models import Collective, CollectiveStatus
from organizing.core.choices import DatePrecision, PlacePrecision
from organizing.core.models import Cause
from organizing.places.selectors import city_lookup

from .. import examples

SOURCE = {"source_title": examples.SOURCE_TITLE, "source_url": examples.SOURCE_URL}


class MissingPlaces(Exception):
    """The gazetteer lacks cities the examples need: run `manage.py import_places` first."""


@dataclass
class SeedReport:
    counts: Counter = field(default_factory=Counter)

    def record(self, model_label: str, outcome: str) -> None:
        self.counts[(model_label, outcome)] += 1

    @property
    def changed(self) -> int:
        return sum(n for (_, outcome), n in self.counts.items() if outcome != "unchanged")

    def lines(self) -> list[str]:
        labels = sorted({label for label, _ in self.counts})
        return [
            f"{label}: "
            + ", ".join(
                f"{self.counts[(label, outcome)]} {outcome}"
                for outcome in ("created", "updated", "unchanged")
                if self.counts[(label, outcome)]
            )
            for label in labels
        ]


def _upsert(report, model, lookup: dict, values: dict, create_values: dict | None = None):
    label = model._meta.verbose_name_plural
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values, **(create_values or {}))
        obj.full_clean()
        obj.save()
        report.record(label, "created")
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.full_clean()
        obj.save(update_fields=[*changed, "updated_at"] if hasattr(obj, "updated_at") else changed)
    report.record(label, "updated" if changed else "unchanged")
    return obj


def _set_m2m(report, obj, attribute: str, targets) -> None:
    manager = getattr(obj, attribute)
    if set(manager.all()) != set(targets):
        manager.set(targets)
        report.record(f"{obj._meta.verbose_name} {attribute}", "updated")


def _seed_causes(report) -> dict[str, Cause]:
    return {
        slug: _upsert(report, Cause, {"slug": slug}, {"name": name, **SOURCE})
        for slug, name in examples.CAUSES
    }


def _seed_collectives(report, causes) -> dict[str, Collective]:
    collectives = {}
    for data in examples.COLLECTIVES:
        values = {
            "name": data["name"],
            "kind": data["kind"],
            "country": data["country"],
            "description": data["description"],
            "place_precision": PlacePrecision.COUNTRY,
            "status": CollectiveStatus.VERIFIED,
            **SOURCE,
        }
        collective = _upsert(report, Collective, {"slug": data["slug"]}, values)
        _set_m2m(report, collective, "causes", [causes[c] for c in data["causes"]])
        collectives[data["slug"]] = collective
    return collectives


def _seed_coalitions(report) -> None:
    for data in examples.COALITIONS:
        values = {key: value for key, value in data.items() if key != "slug"}
        _upsert(report, Coalition, {"slug": data["slug"]}, {**values, **SOURCE})


def _when(data, zone) -> dict:
    """Translate the example's date into stored values, no more precise than reported."""
    when = data["when"]
    note = data.get("date_note", "")

    def start_of(day):
        return dt.datetime.combine(day, dt.time.min, tzinfo=zone)

    if when is None:
        return {
            "starts_at": None,
            "ends_at": None,
            "date_precision": DatePrecision.UNKNOWN,
            "date_note": note,
        }
    if isinstance(when, dt.date):
        return {
            "starts_at": start_of(when),
            "ends_at": None,
            "date_precision": DatePrecision.DAY,
            "date_note": note,
        }
    if when[0] == "around":
        return {
            "starts_at": start_of(when[1]),
            "ends_at": None,
            "date_precision": DatePrecision.AROUND,
            "date_note": note,
        }
    _, first, last = when
    return {
        "starts_at": start_of(first),
        "ends_at": dt.datetime.combine(last, dt.time.max.replace(microsecond=0), tzinfo=zone),
        "date_precision": DatePrecision.PERIOD,
        "date_note": note,
    }


def _where(data, cities) -> dict:
    if "city" in data:
        city = cities[data["city"], data["country"]]
        return {
            "city": city.name,
            "city_names": city.local_names,
            "country": data["country"],
            "timezone": city.timezone,
            "latitude": city.latitude,
            "longitude": city.longitude,
            "place_precision": PlacePrecision.EXACT if data.get("venue") else PlacePrecision.CITY,
            "area_label": data.get("area_label", ""),
        }
    return {
        "city": "",
        "country": data["country"],
        "timezone": data["tz"],
        "latitude": None,
        "longitude": None,
        "place_precision": PlacePrecision.COUNTRY if data["country"] else PlacePrecision.REGION,
        "area_label": data.get("area_label", ""),
    }


def _locate_cities() -> dict[tuple[str, str], object]:
    wanted = {(a["city"], a["country"]) for a in examples.ACTIONS if "city" in a}
    wanted |= {(name, a["country"]) for a in examples.ACTIONS for name in a.get("named_cities", [])}
    found = {key: city_lookup(key[0], country=key[1]) for key in sorted(wanted)}
    missing = [f"{name} ({country})" for (name, country), city in found.items() if city is None]
    if missing:
        raise MissingPlaces(
            "Not in the gazetteer: " + ", ".join(missing) + ". Run `manage.py import_places`."
        )
    return found


OPTIONAL_ACTION_FIELDS = {
    "description": "",
    "venue": "",
    "turnout_note": "",
    "reported_turnout": None,
    "arrests": None,
    "outcome_notes": "",
    "recurrence_note": "",
}


def _seed_actions(report, causes, collectives, cities) -> None:
    for data in examples.ACTIONS:
        where = _where(data, cities)
        values = {
            "kind": data["kind"],
            "status": ActionStatus.PUBLISHED,
            **{key: data.get(key, default) for key, default in OPTIONAL_ACTION_FIELDS.items()},
            **where,
            **_when(data, zoneinfo.ZoneInfo(where["timezone"])),
        }
        action = _upsert(
            report,
            Action,
            {"title": data["title"], "source_url": examples.SOURCE_URL},
            {**values, "source_title": examples.SOURCE_TITLE},
            create_values={"slug": new_action_slug(data["title"])},
        )
        _set_m2m(report, action, "causes", [causes[c] for c in data.get("causes", [])])
        _seed_named_places(report, action, data, cities)
        for position, slug in enumerate(data.get("hosts", [])):
            _upsert(
                report,
                ActionHost,
                {"action": action, "collective": collectives[slug]},
                {
                    "role": HostRole.LEAD if position == 0 else HostRole.CO_HOST,
                    "consent": HostConsent.ACCEPTED,
                },
            )


def _seed_named_places(report, action, data, cities) -> None:
    """The further cities the record names, at their gazetteer centres."""
    names = data.get("named_cities", [])
    for name in names:
        city = cities[name, data["country"]]
        _upsert(
            report,
            ActionPlace,
            {"action": action, "name": name},
            {"latitude": city.latitude, "longitude": city.longitude},
        )
    stale = action.named_places.exclude(name__in=names)
    if stale.exists():
        stale.delete()
        report.record(ActionPlace._meta.verbose_name_plural, "updated")


def _seed_appeals(report, causes, collectives) -> None:
    for data in examples.APPEALS:
        values = {
            "title": data["title"],
            "text": data["text"],
            "initiator": collectives.get(data["initiator"]),
            "unnamed_signatory_count": data["unnamed_signatory_count"],
            "unnamed_signatory_note": data.get("unnamed_signatory_note", ""),
            "date_note": data["date_note"],
            # Records of past appeals: their signatories come from the source, none sign here.
            "accepts_signatures": False,
            **SOURCE,
        }
        appeal = _upsert(report, Appeal, {"slug": data["slug"]}, values)
        _set_m2m(report, appeal, "demands", [causes[c] for c in data["demands"]])
        for slug in data["signatories"]:
            _upsert(
                report, AppealSignature, {"appeal": appeal, "collective": collectives[slug]}, {}
            )


@transaction.atomic
def examples_seed() -> SeedReport:
    """Create or update every example; all or nothing."""
    report = SeedReport()
    cities = _locate_cities()
    causes = _seed_causes(report)
    collectives = _seed_collectives(report, causes)
    _seed_coalitions(report)
    _seed_actions(report, causes, collectives, cities)
    _seed_appeals(report, causes, collectives)
    return report
