"""Search forms that never fail a page: a value that cannot be used is left out of the search,
reported in `problems`, and a list shows its default again."""

import django_filters
from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _


class ForgivingFilterSet(django_filters.FilterSet):
    """Always bound (so that bad values are reported), with `defaults` for missing values.

    Only the declared filters (the allow-list in Meta.fields) ever reach the ORM: anything else
    in the query string is ignored.
    """

    defaults: dict[str, str] = {}

    def __init__(self, data: QueryDict | None = None, *args, **kwargs):
        data = data.copy() if data is not None else QueryDict(mutable=True)
        for name, value in self.defaults.items():
            if not data.get(name):
                data[name] = value
        super().__init__(data, *args, **kwargs)
        self.problems = self._set_aside_bad_values()

    def _set_aside_bad_values(self) -> list[tuple[str, str]]:
        """(label, message) of each value left out of the search. A list shows its default
        again, since that is what the search used; typed text stays, to be corrected."""
        problems = []
        for name, messages in self.form.errors.items():
            field = self.form.fields.get(name)
            label = field.label if field else _("Search")
            problems.extend((label, message) for message in messages)
            if isinstance(field, forms.ChoiceField | forms.DateField | forms.FloatField):
                self.form.data[name] = str(field.initial or self.defaults.get(name, ""))
        return problems

    def value(self, name: str):
        """The cleaned value of a filter, or None when it was missing or set aside."""
        return self.form.cleaned_data.get(name)
