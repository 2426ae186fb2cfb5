import io

import pytest
from django.core.management import call_command

from organizing.actions.models import Action, ActionStatus
from organizing.appeals.models import Appeal
from organizing.coalitions.models import Coalition
from organizing.collectives.models import Collective
from organizing.core.choices import DatePrecision
from organizing.core.models import Cause
from organizing.pages import examples

pytestmark = pytest.mark.django_db

SEEDED_MODELS = [Cause, Collective, Coalition, Action, Appeal]


def run_seed() -> str:
    out = io.StringIO()
    call_command("seed_examples", stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded(gazetteer):
    """The seeding under test runs for real here, not the session's copy (tests/conftest.py)."""
    run_seed()


def local_date(action):
    return action.local_starts_at.date().isoformat()


def test_every_row_of_the_article_is_seeded(seeded):
    assert Action.objects.count() == len(examples.ACTIONS) == 25
    assert Collective.objects.count() == 8
    assert Coalition.objects.count() == 3
    assert Appeal.objects.count() == 2
    assert Cause.objects.count() == 12


def test_seeded_actions_are_past_published_archive(seeded):
    assert Action.objects.past().count() == 25
    assert not Action.objects.upcoming().exists()
    assert set(Action.objects.values_list("status", flat=True)) == {ActionStatus.PUBLISHED}


def test_every_seeded_record_cites_the_article(seeded):
    for model in SEEDED_MODELS:
        assert model.objects.exists()
        for record in model.objects.all():
            assert record.source_url == examples.SOURCE_URL, record
            assert "Building international solidarity" in record.source_title


def test_second_run_changes_nothing(seeded):
    before = {m: list(m.objects.order_by("pk").values()) for m in SEEDED_MODELS}
    output = run_seed()
    assert "nothing changed" in output
    assert {m: list(m.objects.order_by("pk").values()) for m in SEEDED_MODELS} == before


def test_first_run_prints_what_it_did(gazetteer):
    output = run_seed()
    assert "actions: 25 created" in output


def test_spot_check_ottawa(seeded):
    ottawa = Action.objects.get(city="Ottawa")
    assert local_date(ottawa) == "2023-11-26"
    assert ottawa.reported_turnout == 25000
    assert ottawa.turnout_note == "about 25,000"
    assert ottawa.timezone == "America/Toronto"
    assert ottawa.latitude == pytest.approx(45.41, abs=0.05)


def test_spot_check_santiago_and_shibuya(seeded):
    santiago = Action.objects.get(city="Santiago", country="CL")
    assert (local_date(santiago), santiago.reported_turnout) == ("2023-11-04", 20000)
    shibuya = Action.objects.get(city="Shibuya")
    assert (local_date(shibuya), shibuya.reported_turnout) == ("2023-10-11", 4000)
    assert shibuya.timezone == "Asia/Tokyo"


def test_unknown_dates_and_places_are_flagged_not_invented(seeded):
    berlin = Action.objects.get(city="Berlin")
    assert berlin.starts_at is None
    assert berlin.date_precision == DatePrecision.UNKNOWN
    assert berlin.date_note == "Date not reported"
    several = Action.objects.get(area_label="Jordan, Egypt, Algeria, Morocco")
    assert several.country == ""
    assert several.latitude is None


def test_arrests_are_recorded(seeded):
    assert Action.objects.get(city="Haifa").arrests == 5
    assert Action.objects.get(city="Umm el Faḥm").arrests == 12


def test_weekly_demonstrations_carry_their_recurrence(seeded):
    weekly = Action.objects.filter(recurrence_note="every week")
    assert sorted(weekly.values_list("city", flat=True)) == ["Limassol", "Nicosia"]


def test_unions_appeal_has_four_named_signatures(seeded):
    appeal = Appeal.objects.get(slug="us-unions-ceasefire-call")
    names = set(appeal.signatories.values_list("slug", flat=True))
    assert names == {"ue", "cluw", "apwu", "uaw"}
    assert appeal.unnamed_signatory_count == 0


def test_btselem_appeal_has_one_named_and_about_thirty_unnamed(seeded):
    appeal = Appeal.objects.get(slug="btselem-appeal-stop-forced-transfer")
    assert list(appeal.signatories.values_list("name", flat=True)) == ["B'Tselem"]
    assert appeal.unnamed_signatory_count == 30
    assert appeal.initiator.slug == "btselem"


def test_jvp_hosts_its_occupations(seeded):
    jvp = Collective.objects.get(slug="jewish-voice-for-peace")
    assert sorted(jvp.actions.values_list("kind", flat=True)) == ["occupation", "occupation"]


def test_seed_refuses_without_gazetteer(db):
    with pytest.raises(Exception, match="import_places"):
        run_seed()
    assert not Action.objects.exists()
