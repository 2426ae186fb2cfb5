"""Posting an action: who may, what gets stored, bad input, double submission."""

import datetime as dt
import threading

import pytest
from django.db import connection
from django.urls import reverse

from organizing.actions.forms.posting import ActionCreateForm
from organizing.actions.models import Action, ActionHost, ActionStatus, HostConsent, HostRole
from organizing.actions.services import posting as services
from organizing.collectives.models import Collective, CollectiveStatus, Membership
from tests.conftest import make_user
from tests.factories import form_data, post_action

pytestmark = pytest.mark.django_db

URL = reverse("coalitions:action_create")


@pytest.fixture
def olga(collective):
    """An organizer (not admin) of `collective`."""
    user = make_user("olga@example.org", display_name="Olga")
    Membership.objects.create(user=user, collective=collective, role="organizer")
    return user


@pytest.fixture
def pending_collective(alice):
    collective = Collective.objects.create(
        name="Nascent Group",
        slug="nascent",
        kind="local_collective",
        status=CollectiveStatus.PENDING,
    )
    Membership.objects.create(user=alice, collective=collective, role="admin")
    return collective


# Who may post


@pytest.mark.parametrize("who", ["alice", "olga"])
def test_admin_and_organizer_post_a_published_action(client_as, collective, gazetteer, olga, who):
    response = client_as(who).post(URL, form_data(collective))
    action = Action.objects.get()
    assert response.status_code == 302 and response["Location"] == action.get_absolute_url()
    assert action.status == ActionStatus.PUBLISHED and action.published_at is not None
    assert action.created_by.email == f"{who}@example.org"
    lead = ActionHost.objects.get(action=action)
    assert (lead.collective, lead.role, lead.consent) == (
        collective,
        HostRole.LEAD,
        HostConsent.ACCEPTED,
    )
    assert (action.city, action.country.code, action.timezone) == (
        "Montréal",
        "CA",
        "America/Toronto",
    )
    assert action.area_label == "Montréal"


def test_unverified_collective_posts_for_review(alice, pending_collective, gazetteer):
    action = post_action(alice, pending_collective)
    assert action.status == ActionStatus.PENDING_REVIEW and action.published_at is None


def test_save_as_draft_keeps_it_a_draft(alice, collective, gazetteer):
    action = post_action(alice, collective, save_as_draft="on")
    assert action.status == ActionStatus.DRAFT


def test_collective_is_preselected_from_the_query_string(client_as, collective, pending_collective):
    page = client_as("alice").get(URL, {"collective": "nascent"})
    assert page.context["form"]["collective"].value() == pending_collective.pk


def test_the_exact_place_goes_to_confirmed_participants_unless_the_hosts_choose(
    client_as, collective
):
    """Issue 14, first hour 4: the form offered "Public" first."""
    page = client_as("alice").get(URL)
    assert page.context["form"]["location_visibility"].value() == "participants"
    assert 'value="participants" checked' in page.content.decode() or (
        '<option value="participants" selected>' in page.content.decode()
    )


@pytest.mark.parametrize("who", ["bob", "charlie", "mod"])
def test_non_organizers_get_an_explanation(client_as, collective, gazetteer, who):
    client = client_as(who)
    page = client.get(URL)
    assert page.status_code == 403
    assert "Only organizers can post actions" in page.content.decode()
    assert client.post(URL, form_data(collective)).status_code == 403
    assert not Action.objects.exists()


def test_anonymous_is_sent_to_login(client, collective):
    response = client.get(URL)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_organizer_cannot_post_for_a_collective_they_only_belong_to(
    client_as, collective, gazetteer, bob
):
    other = Collective.objects.create(
        name="Other", slug="other", kind="peace", status=CollectiveStatus.VERIFIED
    )
    Membership.objects.create(user=bob, collective=other, role="organizer")
    response = client_as("bob").post(URL, form_data(collective))
    assert response.status_code == 200 and "collective" in response.context["form"].errors
    assert not Action.objects.exists()


def test_service_refuses_a_member(bob, collective, gazetteer):
    form = ActionCreateForm(form_data(collective), collectives=Collective.objects.all())
    assert form.is_valid()
    with pytest.raises(services.PostingError):
        services.action_create(user=bob, collective=collective, data=form.cleaned_data)
    assert not Action.objects.exists()


# Time zones


def test_evening_in_tokyo_is_stored_in_utc(alice, collective, gazetteer):
    action = post_action(alice, collective, city="Tokyo", start_time="18:00", end_time="21:00")
    assert action.timezone == "Asia/Tokyo"
    assert action.starts_at == dt.datetime(2031, 3, 12, 9, 0, tzinfo=dt.UTC)
    assert action.ends_at == dt.datetime(2031, 3, 12, 12, 0, tzinfo=dt.UTC)


def test_end_on_a_later_day(alice, collective, gazetteer):
    action = post_action(alice, collective, end_date="2031-03-13", end_time="02:00")
    assert action.ends_at - action.starts_at == dt.timedelta(hours=8)


def test_map_point_overrides_the_city_centre(alice, collective, gazetteer):
    action = post_action(
        alice, collective, latitude="45.5017", longitude="-73.5673", address="1 Place Ville-Marie"
    )
    assert (action.latitude, action.longitude, action.place_precision) == (
        45.5017,
        -73.5673,
        "exact",
    )


# Bad input: an error next to the field, what was typed kept, nothing written


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"end_time": "17:00"}, "end_time"),
        ({"end_date": "2031-03-11", "end_time": "23:00"}, "end_time"),
        ({"city": "Xyzzyville"}, "city"),
        ({"rsvp_mode": "external"}, "external_rsvp_url"),
        ({"kind": "online_action"}, "online_url"),
        ({"capacity": "0"}, "capacity"),
        ({"capacity": "many"}, "capacity"),
        ({"latitude": "45.5"}, "longitude"),
        ({"recurrence_weekdays": ["2"]}, "recurrence_until"),
        ({"recurrence_weekdays": ["2"], "recurrence_until": "2034-01-01"}, "recurrence_until"),
        ({"start_time": ""}, "start_time"),
    ],
)
def test_bad_input_writes_nothing(client_as, collective, gazetteer, overrides, field):
    response = client_as("alice").post(URL, form_data(collective, **overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert 'value="Vigil for a ceasefire"' in response.content.decode()
    assert not Action.objects.exists()
    assert not ActionHost.objects.exists()


def test_service_validates_on_its_own(alice, collective, gazetteer):
    form = ActionCreateForm(form_data(collective), collectives=Collective.objects.all())
    assert form.is_valid()
    data = {**form.cleaned_data, "rsvp_mode": "external"}
    with pytest.raises(services.ValidationError):
        services.action_create(user=alice, collective=collective, data=data)
    assert not Action.objects.exists() and not ActionHost.objects.exists()


# Double submission


def test_same_submission_twice_creates_one_action(client_as, collective, gazetteer):
    client = client_as("alice")
    data = form_data(collective)
    first = client.post(URL, data)
    second = client.post(URL, data)
    action = Action.objects.get()
    assert first["Location"] == second["Location"] == action.get_absolute_url()
    assert str(action.submission_key) == data["submission_key"]


def test_each_rendered_form_has_its_own_key(client_as, collective):
    client = client_as("alice")
    keys = {client.get(URL).context["form"]["submission_key"].value() for _ in range(2)}
    assert len(keys) == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serializes all writes")
def test_two_submissions_at_once_create_one_action(alice, collective, gazetteer):
    collectives = Collective.objects.filter(pk=collective.pk)
    form = ActionCreateForm(form_data(collective), collectives=collectives)
    assert form.is_valid()
    barrier = threading.Barrier(2)
    results, errors = [], []

    def submit():
        try:
            barrier.wait(timeout=10)
            results.append(
                services.action_create(user=alice, collective=collective, data=form.cleaned_data).pk
            )
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert Action.objects.count() == 1
    assert results == [Action.objects.get().pk] * 2
