"""An action as the JSON API shows it to anyone: the public place and coarse point, the exact
venue and address only when they are public, never anything about RSVPs.

Read-only, and without a query per row: hosts, causes and the coalition come prefetched
(actions.selectors.action_list_queryset).
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from organizing.actions.access import exact_location_is_public
from organizing.actions.formats import absolute_url
from organizing.actions.models import PUBLIC_STATUSES, Action, ActionKind
from organizing.core.choices import DatePrecision
from organizing.core.links import site_url


class PointSerializer(serializers.Serializer):
    lat = serializers.FloatField()
    lng = serializers.FloatField()


class CauseSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class HostSerializer(serializers.Serializer):
    slug = serializers.CharField(source="collective.slug")
    name = serializers.CharField(source="collective.name")
    verified = serializers.BooleanField(source="collective.is_verified")
    url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, host) -> str:
        return site_url(host.collective.get_absolute_url())


class CoalitionSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


def _local(action: Action, moment) -> str | None:
    """A moment in the action's own time zone, with its offset, as the page shows it."""
    return moment.astimezone(action.zone).isoformat() if moment else None


_MOMENT = serializers.DateTimeField(allow_null=True)


class ActionSerializer(serializers.Serializer):
    slug = serializers.CharField()
    url = serializers.SerializerMethodField(help_text="The action's page.")
    title = serializers.CharField()
    kind = serializers.ChoiceField(choices=ActionKind.choices)
    kind_label = serializers.CharField(
        source="get_kind_display", help_text="The kind in the request's language."
    )
    description = serializers.CharField()
    status = serializers.ChoiceField(choices=[(s.value, s.label) for s in PUBLIC_STATUSES])
    starts_at = serializers.SerializerMethodField(
        help_text="In the action's time zone; null for archive records with no known date."
    )
    ends_at = serializers.SerializerMethodField(help_text="In the action's time zone.")
    next_starts_at = serializers.SerializerMethodField(
        help_text="A weekly series' next date that is not over or cancelled; else starts_at."
    )
    timezone = serializers.CharField(help_text="IANA time zone, e.g. America/Toronto.")
    date_precision = serializers.ChoiceField(
        choices=DatePrecision.choices,
        help_text="How much of the date is known: trust starts_at only as far as this says.",
    )
    date_note = serializers.CharField(help_text="The date in words when it is not exact.")
    place = serializers.CharField(source="public_place", help_text="The public place label.")
    country = serializers.SerializerMethodField(help_text="ISO 3166-1 alpha-2 code.")
    point = serializers.SerializerMethodField(
        help_text="The public point, rounded to about a kilometre, whatever the visibility."
    )
    venue = serializers.SerializerMethodField(help_text="Only when the exact place is public.")
    address = serializers.SerializerMethodField(help_text="Only when the exact place is public.")
    online = serializers.SerializerMethodField()
    online_url = serializers.SerializerMethodField()
    languages = serializers.ListField(
        child=serializers.CharField(), help_text="Language codes, e.g. en, fr, ar."
    )
    accessibility_info = serializers.CharField()
    causes = CauseSerializer(many=True)
    hosts = HostSerializer(
        many=True,
        source="accepted_hosts",
        help_text="The verified collectives that accepted to host it "
        "(a suspended or pending one is never listed).",
    )
    coalition = CoalitionSerializer(allow_null=True)
    distance_km = serializers.SerializerMethodField(
        help_text="From the searched place or position; null without one."
    )

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, action: Action) -> str:
        return absolute_url(action)

    @extend_schema_field(_MOMENT)
    def get_starts_at(self, action: Action) -> str | None:
        return _local(action, action.starts_at)

    @extend_schema_field(_MOMENT)
    def get_ends_at(self, action: Action) -> str | None:
        return _local(action, action.ends_at)

    @extend_schema_field(_MOMENT)
    def get_next_starts_at(self, action: Action) -> str | None:
        return _local(action, getattr(action, "next_starts_at", action.starts_at))

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_country(self, action: Action) -> str | None:
        return action.country.code or None

    @extend_schema_field(PointSerializer(allow_null=True))
    def get_point(self, action: Action) -> dict | None:
        point = action.coarse_point
        return {"lat": point[0], "lng": point[1]} if point else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_venue(self, action: Action) -> str | None:
        return (action.venue or None) if exact_location_is_public(action) else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_address(self, action: Action) -> str | None:
        return (action.address or None) if exact_location_is_public(action) else None

    def get_online(self, action: Action) -> bool:
        return bool(action.online_url)

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_online_url(self, action: Action) -> str | None:
        # Public on the action's page too, for every visitor.
        return action.online_url or None

    @extend_schema_field(serializers.FloatField(allow_null=True))
    def get_distance_km(self, action: Action) -> float | None:
        km = getattr(action, "distance_km", None)
        return round(km, 1) if km is not None else None


class ProblemSerializer(serializers.Serializer):
    parameter = serializers.CharField(allow_null=True)
    label = serializers.CharField()
    message = serializers.CharField()


class ActionPageSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="Results in all pages.")
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    problems = ProblemSerializer(many=True, help_text="Values left out of the search, and why.")
    results = ActionSerializer(many=True)
