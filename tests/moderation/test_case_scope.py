"""A moderator limited to some countries sees only the report cases about collectives there
(and cases about no collective, e.g. coalitions)."""

import pytest
from django.urls import reverse

from organizing.moderation.models import ModeratorScope
from organizing.moderation.services.reports import report_create
from tests.conftest import login_with_two_factor
from tests.factories import make_coalition, make_collective

pytestmark = pytest.mark.django_db


def test_a_scoped_moderator_sees_the_cases_of_their_countries_only(client, mod):
    in_scope = make_collective("Ottawa Union", "ottawa-union", country="CA")
    outside = make_collective("Paris Union", "paris-union", country="FR", city="Paris")
    coalition = make_coalition((in_scope, None), name="Front")
    for kind, slug in [
        ("collective", in_scope.slug),
        ("collective", outside.slug),
        ("coalition", coalition.slug),
    ]:
        report_create(target_kind=kind, target_slug=slug, reason="fake", note="", reporter=None)
    ModeratorScope.objects.create(user=mod, countries=["ca"])
    login_with_two_factor(client, mod)
    page = client.get(reverse("admin:moderation_reportcase_changelist"))
    shown = {case.target_slug for case in page.context["cl"].queryset}
    assert shown == {"ottawa-union", coalition.slug}
