from django.contrib import admin
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .models import City, CityName
from .selectors import city_search

# Names shown on a city's page: big cities have hundreds, in every script.
INLINE_NAMES = 50


class CityNameInline(admin.TabularInline):
    model = CityName
    fields = ["name", "normalized"]
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False
    verbose_name_plural = format_lazy(_("names (the first {count})"), count=INLINE_NAMES)


@admin.register(City)
class CityAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "admin1_code", "population", "timezone"]
    list_filter = ["country"]
    # Required by autocomplete_fields elsewhere; get_search_results widens it to every known name.
    search_fields = ["name"]
    ordering = ["-population"]
    readonly_fields = ["geonameid", "source_digest"]
    inlines = [CityNameInline]

    def has_add_permission(self, request):
        return False  # cities come from GeoNames: manage.py import_places

    def get_search_results(self, request, queryset, search_term):
        # The gazetteer search knows alternate names and ignores accents: "Montreal" finds
        # Montréal, "東京" finds Tokyo. A number finds the city with that GeoNames id.
        term = search_term.strip()
        if not term:
            return queryset, False
        found = Q(name__icontains=term) | Q(pk__in=[c.pk for c in city_search(term, limit=100)])
        if term.isascii() and term.isdigit() and len(term) <= 9:
            found |= Q(pk=int(term))
        return queryset.filter(found), False

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, CityNameInline) and obj is not None:
            # An inline formset cannot take a sliced queryset: pick the first names by id.
            first = obj.names.order_by("pk").values_list("pk", flat=True)[:INLINE_NAMES]
            kwargs["queryset"] = CityName.objects.filter(pk__in=list(first)).order_by("pk")
        return kwargs
