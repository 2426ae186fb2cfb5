"""Vocabulary shared by several apps: how precisely a date or place is known.

The article's examples often give no exact date or place; records say so instead of inventing one.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    EXACT = "exact", _("Exact date and time")
    DAY = "day", _("Date known, time not reported")
    AROUND = "around", _("Around this date")
    PERIOD = "period", _("Over a period")
    UNKNOWN = "unknown", _("Date not reported")


class PlacePrecision(models.TextChoices):
    EXACT = "exact", _("Exact place")
    CITY = "city", _("City")
    COUNTRY = "country", _("Country (several places)")
    REGION = "region", _("Several countries")
    UNKNOWN = "unknown", _("Place not reported")
