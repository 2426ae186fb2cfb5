"""On the article's examples: the four US unions that called for a ceasefire are suggested to
each other, with the shared ceasefire demand as the reason."""

import pytest
from django.utils import translation

from organizing.collectives.models import Collective
from organizing.partners.selectors.suggestions import partner_suggestions

UNIONS = ["ue", "cluw", "apwu", "uaw"]


@pytest.mark.parametrize("slug", UNIONS)
def test_the_us_unions_are_suggested_to_each_other(seeded, slug):
    union = Collective.objects.get(slug=slug)
    with translation.override("en"):
        suggestions = {item.collective.slug: item for item in partner_suggestions(union)}
    others = set(UNIONS) - {slug}
    assert others <= set(suggestions)
    for other in others:
        assert "Immediate ceasefire" in suggestions[other].explanation
        assert "ceasefire" in suggestions[other].explanation.lower()
