"""Shared building blocks: timestamps, source citations, and the causes (demands) taxonomy."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class DerivedFieldsModel(models.Model):
    """A model with fields computed from its other fields (a rounded point, local dates):
    save() refreshes them, also when it saves only some fields. bulk_create() callers must call
    derive_fields() themselves."""

    derived_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.derive_fields()
        if (update_fields := kwargs.get("update_fields")) is not None:
            kwargs["update_fields"] = {*update_fields, *self.derived_fields}
        super().save(*args, **kwargs)

    def derive_fields(self) -> None:
        raise NotImplementedError


# The source of the synthetic rows of `manage.py generate_sample_data` (pages/services/
# sample_data.py): never mixed up with the article's records (the archive leaves them out).
SAMPLE_SOURCE_TITLE = "Sample data (generate_sample_data)"


class SourcedModel(models.Model):
    """A record that can cite where its facts come from (every seeded record does)."""

    source_title = models.CharField(
        _("source title"),
        max_length=300,
        blank=True,
        help_text=_("Title of the publication the facts come from."),
    )
    source_url = models.URLField(
        _("source URL"), max_length=500, blank=True, help_text=_("Where the source can be read.")
    )

    class Meta:
        abstract = True

    @property
    def has_source(self) -> bool:
        return bool(self.source_title and self.source_url)


class Cause(SourcedModel):
    """A demand or theme that collectives, actions and appeals rally around."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("cause")
        verbose_name_plural = _("causes")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("pages:cause_detail", kwargs={"slug": self.slug})
