"""Every admin list, search and change page answers for a superuser, in bounded queries."""

import pytest
from django.contrib import admin
from django.urls import reverse

from organizing.accounts.models import User

pytestmark = pytest.mark.django_db

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)


def test_staff_without_two_factor_are_sent_to_set_it_up(client, db):
    client.force_login(User.objects.create_superuser("root@example.org", "a long password 1"))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/totp/activate/")


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_changelist_and_change_pages_render(
    admin_client, seeded, model, django_assert_max_num_queries
):
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    with django_assert_max_num_queries(20):
        assert admin_client.get(changelist).status_code == 200
    assert admin_client.get(changelist, {"q": "a"}).status_code == 200
    obj = model._default_manager.first()
    if obj is not None:
        change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        assert admin_client.get(change).status_code == 200


def test_the_country_filter_offers_the_countries_in_use_by_name(admin_client):
    """Issue 14, first hour 14: the filter listed all ~250 countries, by code."""
    from tests.factories import make_collective

    make_collective("Nicosia Peace Collective", "nicosia-peace", country="CY", city="Nicosia")
    make_collective("Dock Workers Union", "dock-workers", country="CA")
    response = admin_client.get(reverse("admin:collectives_collective_changelist"))
    spec = next(s for s in response.context["cl"].filter_specs if s.field_path == "country")
    displays = [str(choice["display"]) for choice in spec.choices(response.context["cl"])]
    assert displays == ["All", "Canada", "Cyprus"]
