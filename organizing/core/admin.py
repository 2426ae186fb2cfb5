from django.contrib import admin
from django_countries import countries

from .models import Cause


class CountryInUseFilter(admin.AllValuesFieldListFilter):
    """A country filter offering only the countries the rows use, by name: a CountryField's
    own filter lists all ~250 countries. Use as `("country", CountryInUseFilter)`."""

    def choices(self, changelist):
        for choice in super().choices(changelist):
            code, _, rest = str(choice["display"]).partition(" ")
            if code in self.lookup_choices and code in countries:
                choice = {**choice, "display": f"{countries.name(code)} {rest}".strip()}
            yield choice


class RecordAdmin(admin.ModelAdmin):
    """For records that are evidence (audit rows, histories, reports): read in the admin,
    never added, changed or deleted there, superusers included."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Cause)
class CauseAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "source_title"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
