"""Registering a collective: one form, plain words, nothing half-saved on bad input."""

import pytest
from django.urls import reverse

from organizing.collectives.models import (
    Collective,
    CollectiveStatus,
    Membership,
    MembershipEvent,
)
from organizing.core.models import Cause
from organizing.outbox.models import OutboxMessage
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

URL = reverse("collectives:register")


@pytest.fixture
def causes(db):
    return [
        Cause.objects.create(name="Immediate ceasefire", slug="ceasefire"),
        Cause.objects.create(name="End arms sales", slug="end-arms-sales"),
    ]


@pytest.fixture
def organizer(client, gazetteer):
    user = make_user("nadia@example.org", display_name="Nadia")
    client.force_login(user)
    return user


def form_data(cause_list, **overrides):
    data = {
        "name": "Haifa Students for Peace",
        "kind": "student_group",
        "city": "Haifa",
        "causes": [c.pk for c in cause_list],
        "languages": ["ar", "he", "en"],
        "description": "Students organizing vigils & teach-ins.",
        "website": "https://students.example.org",
        "social_links": "https://social.example.org/@hsp\nhttps://video.example.org/hsp",
        "contact_email": "hsp-private@example.org",
        "open_to_partners": "on",
    }
    data.update(overrides)
    return data


def test_register_creates_a_pending_collective_with_its_creator_as_admin(client, organizer, causes):
    response = client.post(URL, form_data(causes))
    collective = Collective.objects.get()
    assert response.status_code == 302 and response["Location"] == collective.get_absolute_url()
    assert collective.status == CollectiveStatus.PENDING
    assert (collective.city, collective.country.code, collective.region_code) == (
        "Haifa",
        "IL",
        "04",
    )
    assert collective.latitude == pytest.approx(32.8, abs=0.1)
    assert collective.languages == ["ar", "he", "en"]
    assert collective.social_links == [
        "https://social.example.org/@hsp",
        "https://video.example.org/hsp",
    ]
    assert set(collective.causes.all()) == set(causes)
    assert Membership.objects.get(collective=collective).user == organizer
    assert Membership.objects.get(collective=collective).role == "admin"
    assert MembershipEvent.objects.get(collective=collective).kind == "created"


def test_register_queues_the_awaiting_review_email(
    client, organizer, causes, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, form_data(causes))
    email = OutboxMessage.objects.get(to="nadia@example.org")
    assert "awaits review" in email.subject
    assert "Haifa Students for Peace" in email.body_text
    assert "&amp;" not in email.body_text


def test_the_creator_sees_the_awaiting_review_notice(client, organizer, causes):
    response = client.post(URL, form_data(causes), follow=True)
    assert "awaiting review" in response.content.decode()


def test_city_in_another_script_sets_coordinates_and_country(client, organizer, causes):
    client.post(URL, form_data(causes, city="東京"))
    collective = Collective.objects.get()
    assert (collective.city, collective.country.code) == ("Tokyo", "JP")


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_unverified_email_cannot_register(client, gazetteer, causes):
    client.force_login(make_user("new@example.org", verified=False))
    response = client.post(URL, form_data(causes))
    assert not Collective.objects.exists()
    assert response.status_code == 200
    assert "verif" in response.content.decode().lower()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "This field is required."),
        ("kind", "army", "Select a valid choice."),
        ("city", "Atlantis Under The Sea", "We could not find"),
        ("causes", [], "Pick at least one cause."),
        ("website", "not a link", "Enter a valid URL."),
        ("social_links", "javascript:alert(1)", "is not a valid link"),
        ("contact_email", "nobody-at-example", "Enter a valid email address."),
        ("languages", ["xx-klingon"], "Select a valid choice."),
    ],
)
def test_bad_input_is_explained_next_to_the_field_and_nothing_is_written(
    client, organizer, causes, field, value, message
):
    data = form_data(causes, **{field: value})
    response = client.post(URL, data)
    assert response.status_code == 200
    form = response.context["form"]
    assert any(message in error for error in form.errors[field]), form.errors
    page = response.content.decode()
    assert f'id="error_1_id_{field}"' in page  # crispy puts the message under the field
    if field != "contact_email":  # what was typed is kept
        assert 'value="hsp-private@example.org"' in page
    assert not Collective.objects.exists()
    assert not OutboxMessage.objects.exists()


@pytest.mark.parametrize(
    "lookalike",
    [
        "haifa students for peace",
        "Haïfa Students for Peace",
        "Наifа Students for Peace",
        "Haifa  Students  f0r  Peace",
        "HAIFA-STUDENTS-FOR-PEACE",
    ],
)
def test_a_name_confusable_with_an_existing_one_is_refused(client, organizer, causes, lookalike):
    client.post(URL, form_data(causes))
    response = client.post(URL, form_data(causes, name=lookalike))
    assert Collective.objects.count() == 1
    errors = response.context["form"].errors["name"]
    assert "too close to “Haifa Students for Peace”" in errors[0]
