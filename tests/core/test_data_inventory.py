"""The data inventory (organizing/core/data_inventory.py): every field of our models that can
hold personal data has a stated retention, and what the inventory claims is true."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models

from organizing.celery import app as celery_app
from organizing.core import data_inventory
from organizing.core.data_inventory import NOT_PERSONAL, PERSONAL, may_hold_personal_data

ON_DELETE = {"set null": models.SET_NULL, "cascade": models.CASCADE, "protect": models.PROTECT}


def our_fields():
    """Every concrete field and many-to-many of every model of organizing.*."""
    for model in apps.get_models():
        if not model.__module__.startswith("organizing."):
            continue
        for field in [*model._meta.concrete_fields, *model._meta.local_many_to_many]:
            yield f"{model._meta.label}.{field.name}", field


def unclassified(fields) -> list[str]:
    return [
        name
        for name, field in fields
        if may_hold_personal_data(field) and name not in PERSONAL and name not in NOT_PERSONAL
    ]


def resolve(path: str):
    """Import "package.module.Name.attribute": the longest importable module, then getattr."""
    parts = path.split(".")
    for split in range(len(parts) - 1, 0, -1):
        try:
            target = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        for name in parts[split:]:
            target = getattr(target, name)
        return target
    raise ImportError(path)


def test_every_field_that_can_hold_personal_data_has_a_retention():
    missing = unclassified(our_fields())
    assert not missing, (
        "These fields can hold personal data but are not in organizing/core/data_inventory.py: "
        "add each to PERSONAL (what it holds, how long it is kept, what enforces it) or to "
        f"NOT_PERSONAL with the reason: {', '.join(missing)}"
    )


def test_a_new_field_without_a_retention_fails_by_name():
    # As if someone added a free-text field, a contact address and a link to an account.
    # (Unbound fields: no model is changed, so no other test sees them.)
    new = [
        ("actions.Rsvp.phone", models.CharField(max_length=30)),
        ("actions.Rsvp.backup_email", models.EmailField()),
        ("outbox.OutboxMessage.ip", models.GenericIPAddressField()),
        ("actions.Action.notes_json", models.JSONField()),
        ("actions.Action.reviewer", models.ForeignKey(get_user_model(), on_delete=models.CASCADE)),
    ]
    assert unclassified(new) == [name for name, _field in new]
    # Not candidates: a choice field, a number, a link to something other than an account.
    rsvp = apps.get_model("actions", "Rsvp")
    assert (
        unclassified(
            [
                (f"actions.Rsvp.{name}", rsvp._meta.get_field(name))
                for name in ("status", "id", "action", "confirmed_at")
            ]
        )
        == []
    )


def test_every_entry_names_a_real_field():
    real = {name for name, _field in our_fields()}
    stale = sorted((set(PERSONAL) | set(NOT_PERSONAL)) - real)
    assert not stale, f"Inventory entries for fields that do not exist: {stale}"
    both = sorted(set(PERSONAL) & set(NOT_PERSONAL))
    assert not both, f"Both personal and not personal: {both}"


def test_every_entry_says_something():
    for name, entry in PERSONAL.items():
        assert entry.holds.strip() and entry.retention.strip(), name
    for name, reason in NOT_PERSONAL.items():
        assert reason.strip(), name


@pytest.mark.parametrize(
    "path", sorted({path for entry in PERSONAL.values() for path in entry.enforced_by})
)
def test_the_code_that_enforces_a_retention_exists(path):
    target = resolve(path)
    assert callable(target), path
    if hasattr(target, "delay"):  # a Celery task enforces nothing unless beat runs it
        scheduled = {entry["task"] for entry in celery_app.conf.beat_schedule.values()}
        assert target.name in scheduled, f"{path} is not in the beat schedule"


def test_links_to_accounts_say_what_deleting_the_account_does():
    fields = dict(our_fields())
    for name, entry in PERSONAL.items():
        field = fields[name]
        if not field.is_relation:
            assert not entry.account_deleted, name
            continue
        assert entry.account_deleted in ON_DELETE, f"{name}: say what deleting the account does"
        assert field.remote_field.on_delete is ON_DELETE[entry.account_deleted], name


def test_the_retention_settings_the_inventory_names_exist(settings):
    words = data_inventory.OUTBOX + data_inventory.ATTENDEE
    for setting in ("OUTBOX_RETENTION_DAYS", "ATTENDEE_RETENTION_DAYS_MIN"):
        assert setting in words
        assert isinstance(getattr(settings, setting), int)
    assert isinstance(settings.ATTENDEE_RETENTION_DAYS_MAX, int)
