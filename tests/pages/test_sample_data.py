import io
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Q

from organizing.actions.models import Action, ActionHost, ActionStatus, HostConsent, HostRole
from organizing.collectives.models import Collective, CollectiveStatus
from organizing.core.models import Cause
from organizing.pages.services.sample_data import (
    SAMPLE_SOURCE_TITLE,
    sample_actions,
    sample_collectives,
)

pytestmark = pytest.mark.django_db


def generate(collectives=5, actions=40, seed=7) -> str:
    out = io.StringIO()
    call_command(
        "generate_sample_data",
        "--collectives",
        str(collectives),
        "--actions",
        str(actions),
        "--seed",
        str(seed),
        stdout=out,
    )
    return out.getvalue()


def delete_sample_data() -> str:
    out = io.StringIO()
    call_command("generate_sample_data", "--delete", stdout=out)
    return out.getvalue()


def titles() -> list[str]:
    return list(sample_actions().order_by("pk").values_list("title", flat=True))


def test_creates_as_many_rows_as_asked_and_prints_timing(gazetteer):
    output = generate(collectives=5, actions=40)
    assert Collective.objects.count() == 5
    assert Action.objects.count() == 40
    assert "Generated 5 sample collectives, 40 actions" in output
    assert " s (places " in output


def test_same_seed_gives_same_titles(gazetteer):
    generate(seed=11)
    first = titles()
    delete_sample_data()
    generate(seed=11)
    assert titles() == first
    delete_sample_data()
    generate(seed=12)
    assert titles() != first


def test_every_row_is_marked_as_sample_data(gazetteer):
    generate()
    for collective in Collective.objects.all():
        assert collective.source_title == SAMPLE_SOURCE_TITLE
        assert collective.slug.startswith("sample-")
        assert collective.name.startswith("Sample: ")
        assert "sample data" in collective.description
        assert collective.status == CollectiveStatus.VERIFIED
        assert collective.name_key
    for action in Action.objects.all():
        assert action.source_title == SAMPLE_SOURCE_TITLE
        assert action.slug.startswith("sample-")
        assert action.title.startswith("Sample: ")
        assert "sample data" in action.description


def test_sample_causes_are_created_only_when_there_are_none(gazetteer):
    generate()
    assert set(Cause.objects.values_list("source_title", flat=True)) == {SAMPLE_SOURCE_TITLE}
    assert Action.causes.through.objects.exists()
    delete_sample_data()
    assert not Cause.objects.exists()


def test_existing_causes_are_used(seeded):
    causes = set(Cause.objects.all())
    generate()
    assert set(Cause.objects.all()) == causes
    for action in sample_actions().prefetch_related("causes"):
        assert 1 <= len(action.causes.all()) <= 3


def test_delete_removes_only_sample_rows(seeded):
    real_actions = set(Action.objects.values_list("pk", flat=True))
    real_collectives = set(Collective.objects.values_list("pk", flat=True))
    real_action = Action.objects.first()
    # Half-marked rows are not sample data: a real slug with the sample source, and the reverse.
    Action.objects.filter(pk=real_action.pk).update(source_title=SAMPLE_SOURCE_TITLE)
    lookalike = Collective.objects.create(
        name="Sample street residents", slug="sample-street", kind="local_collective"
    )
    generate()
    output = delete_sample_data()
    assert "Deleted 40 sample actions, 5 collectives, 0 causes" in output
    assert set(Action.objects.values_list("pk", flat=True)) == real_actions
    assert set(Collective.objects.values_list("pk", flat=True)) == real_collectives | {lookalike.pk}
    assert ActionHost.objects.filter(action__in=real_actions).exists()
    assert not ActionHost.objects.exclude(action__in=real_actions).exists()


def test_derived_fields_are_set(gazetteer):
    generate(actions=80)
    actions = list(sample_actions())
    in_person = [action for action in actions if action.latitude is not None]
    online = [action for action in actions if action.latitude is None]
    assert in_person
    for action in in_person:
        assert action.public_latitude == round(action.latitude, 2)
        assert action.public_longitude == round(action.longitude, 2)
    for action in actions:
        assert action.starts_on == action.local_starts_at.date()
        assert action.ends_on == action.local_ends_at.date()
        assert 10 <= action.local_starts_at.hour <= 19
        assert action.city and action.country and action.area_label
    for action in online:
        assert action.online_url and action.public_latitude is None


def test_every_action_has_exactly_one_accepted_lead_host_in_its_city(gazetteer):
    generate(collectives=8, actions=60)
    leads = Count("host_links", filter=Q(host_links__role=HostRole.LEAD))
    assert set(sample_actions().annotate(leads=leads).values_list("leads", flat=True)) == {1}
    for link in ActionHost.objects.filter(role=HostRole.LEAD).select_related(
        "action", "collective"
    ):
        assert link.consent == HostConsent.ACCEPTED
        assert link.action.city == link.collective.city


def test_dates_and_statuses_are_spread(gazetteer):
    generate(collectives=10, actions=300)
    upcoming = sample_actions().upcoming().count()
    assert 0.2 * 300 < upcoming < 0.5 * 300
    statuses = Counter(sample_actions().values_list("status", flat=True))
    assert statuses[ActionStatus.PUBLISHED] > 0.8 * 300
    assert statuses[ActionStatus.CANCELLED] > 0


def test_refuses_to_generate_over_existing_sample_data(gazetteer):
    generate()
    with pytest.raises(CommandError, match="--delete"):
        generate()


def test_needs_the_gazetteer(db):
    with pytest.raises(CommandError, match="import_places"):
        generate()
    assert not sample_collectives().exists()
