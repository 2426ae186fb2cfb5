"""Appeals, their invitations and signatures, taken over from `coalitions` (coalitions 0005):
the state is created over the existing tables (`db_table` keeps their names), no table is
created or changed. The content types move too, so permissions (the moderators' "view/change
appeal") and admin history follow the models."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MOVED = [
    ("appeal", "appeals"),
    ("appealinvitation", "appeals"),
    ("appealsignature", "appeals"),
]  # (model, new app label), from "coalitions"


def move_content_types(apps, schema_editor, *, old="coalitions", back=False):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model, new in MOVED:
        source, target = (new, old) if back else (old, new)
        types = ContentType.objects.using(db)
        if types.filter(app_label=target, model=model).exists():
            continue  # made by an earlier run of post_migrate: leave both as they are
        types.filter(app_label=source, model=model).update(app_label=target)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, back=True)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("coalitions", "0005_appeals_and_proposals_move_out"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("collectives", "0005_privacy_hardening"),
        ("core", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    state_operations = [
        migrations.CreateModel(
            name="Appeal",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                (
                    "source_title",
                    models.CharField(
                        blank=True,
                        help_text="Title of the publication the facts come from.",
                        max_length=300,
                        verbose_name="source title",
                    ),
                ),
                (
                    "source_url",
                    models.URLField(
                        blank=True,
                        help_text="Where the source can be read.",
                        max_length=500,
                        verbose_name="source URL",
                    ),
                ),
                ("title", models.CharField(max_length=250, verbose_name="title")),
                ("slug", models.SlugField(max_length=200, unique=True, verbose_name="slug")),
                ("text", models.TextField(verbose_name="text")),
                (
                    "opens_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="open for signatures from"
                    ),
                ),
                (
                    "closes_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="open for signatures until"
                    ),
                ),
                (
                    "date_note",
                    models.CharField(
                        blank=True,
                        help_text="What is known of the dates when they are not exact.",
                        max_length=200,
                        verbose_name="date note",
                    ),
                ),
                (
                    "unnamed_signatory_count",
                    models.PositiveIntegerField(
                        default=0,
                        help_text="Organizations that signed but are not listed by name in the source.",
                        verbose_name="unnamed signatories",
                    ),
                ),
                (
                    "unnamed_signatory_note",
                    models.CharField(
                        blank=True,
                        help_text="E.g. 'about thirty organizations'.",
                        max_length=200,
                        verbose_name="note on unnamed signatories",
                    ),
                ),
                (
                    "accepts_signatures",
                    models.BooleanField(
                        default=True,
                        help_text="Off for the record of a past appeal whose signatories come from a source.",
                        verbose_name="accepts signatures here",
                    ),
                ),
                (
                    "text_version",
                    models.PositiveIntegerField(
                        default=1,
                        help_text="Raised by every edit of the text after signatures exist; signers confirm the new version.",
                        verbose_name="text version",
                    ),
                ),
                (
                    "hidden_at",
                    models.DateTimeField(
                        blank=True,
                        help_text="Set by a moderator's decision: out of every public page until restored.",
                        null=True,
                        verbose_name="hidden by the moderators at",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="drafted by",
                    ),
                ),
                (
                    "demands",
                    models.ManyToManyField(
                        blank=True, related_name="appeals", to="core.cause", verbose_name="demands"
                    ),
                ),
                (
                    "initiator",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="initiated_appeals",
                        to="collectives.collective",
                        verbose_name="initiating collective",
                    ),
                ),
            ],
            options={
                "verbose_name": "appeal",
                "verbose_name_plural": "appeals",
                "db_table": "coalitions_appeal",
                "ordering": ["-opens_on", "title"],
            },
        ),
        migrations.CreateModel(
            name="AppealInvitation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                (
                    "appeal",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="invitations",
                        to="appeals.appeal",
                        verbose_name="appeal",
                    ),
                ),
                (
                    "collective",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="collectives.collective",
                        verbose_name="collective",
                    ),
                ),
                (
                    "invited_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="invited by",
                    ),
                ),
            ],
            options={
                "verbose_name": "appeal invitation",
                "verbose_name_plural": "appeal invitations",
                "db_table": "coalitions_appealinvitation",
                "ordering": ["-created_at"],
            },
        ),
        migrations.AddField(
            model_name="appeal",
            name="invited",
            field=models.ManyToManyField(
                related_name="appeal_invitations",
                through="appeals.AppealInvitation",
                to="collectives.collective",
                verbose_name="invited collectives",
            ),
        ),
        migrations.CreateModel(
            name="AppealSignature",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                (
                    "signed_at",
                    models.DateTimeField(
                        blank=True,
                        help_text="Empty when the date of a recorded signature was not reported.",
                        null=True,
                        verbose_name="signed at",
                    ),
                ),
                (
                    "confirmed_version",
                    models.PositiveIntegerField(
                        default=1,
                        help_text="The version of the appeal's text this signature stands behind.",
                        verbose_name="confirmed text version",
                    ),
                ),
                (
                    "withdrawn_at",
                    models.DateTimeField(
                        blank=True,
                        help_text="A withdrawn signature is kept (for the history) but no longer listed.",
                        null=True,
                        verbose_name="withdrawn at",
                    ),
                ),
                (
                    "appeal",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="signatures",
                        to="appeals.appeal",
                        verbose_name="appeal",
                    ),
                ),
                (
                    "collective",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="appeal_signatures",
                        to="collectives.collective",
                        verbose_name="collective",
                    ),
                ),
                (
                    "signed_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="signed by",
                    ),
                ),
            ],
            options={
                "verbose_name": "appeal signature",
                "verbose_name_plural": "appeal signatures",
                "db_table": "coalitions_appealsignature",
                "ordering": ["signed_at", "collective__name"],
            },
        ),
        migrations.AddField(
            model_name="appeal",
            name="signatories",
            field=models.ManyToManyField(
                related_name="signed_appeals",
                through="appeals.AppealSignature",
                to="collectives.collective",
                verbose_name="signatories",
            ),
        ),
        migrations.AddIndex(
            model_name="appealinvitation",
            index=models.Index(
                fields=["collective", "-created_at"], name="appeal_invitation_inbox"
            ),
        ),
        migrations.AddConstraint(
            model_name="appealinvitation",
            constraint=models.UniqueConstraint(
                fields=("appeal", "collective"), name="appeal_invitation_unique"
            ),
        ),
        migrations.AddIndex(
            model_name="appealsignature",
            index=models.Index(fields=["appeal", "withdrawn_at"], name="appeal_signature_standing"),
        ),
        migrations.AddConstraint(
            model_name="appealsignature",
            constraint=models.UniqueConstraint(
                fields=("appeal", "collective"), name="appeal_signature_unique"
            ),
        ),
        migrations.AddConstraint(
            model_name="appeal",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("closes_on__isnull", True),
                    ("opens_on__isnull", True),
                    ("closes_on__gte", models.F("opens_on")),
                    _connector="OR",
                ),
                name="appeal_closes_after_opening",
            ),
        ),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=state_operations, database_operations=[]
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
