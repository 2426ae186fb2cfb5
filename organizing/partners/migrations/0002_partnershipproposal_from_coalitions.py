"""Partnership proposals, taken over from `coalitions` (coalitions 0005): the state is created
over the existing table `coalitions_partnershipproposal`, no table is created or changed; the
content type moves too, so permissions and admin history follow."""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MOVED = [("partnershipproposal", "matching")]  # (model, new app label), from "coalitions"


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
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("coalitions", "0005_appeals_and_proposals_move_out"),
        ("collectives", "0005_privacy_hardening"),
        ("matching", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    state_operations = [
        migrations.CreateModel(
            name="PartnershipProposal",
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
                    "public_id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, unique=True, verbose_name="public id"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("new_coalition", "Form a new coalition"),
                            ("join_coalition", "Join our coalition"),
                        ],
                        default="new_coalition",
                        max_length=16,
                        verbose_name="proposal",
                    ),
                ),
                ("message", models.TextField(verbose_name="message")),
                (
                    "coalition_name",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="name of the new coalition"
                    ),
                ),
                (
                    "draft_points",
                    models.TextField(
                        blank=True,
                        help_text="The demands and principles you propose to agree on.",
                        verbose_name="draft points of unity",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "Waiting for an answer"),
                            ("accepted", "Accepted"),
                            ("declined", "Declined"),
                            ("withdrawn", "Withdrawn"),
                        ],
                        default="pending",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                (
                    "decided_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="answered at"),
                ),
                (
                    "coalition",
                    models.ForeignKey(
                        blank=True,
                        help_text="The coalition to join; for a new coalition, the one formed on acceptance.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="proposals",
                        to="coalitions.coalition",
                        verbose_name="coalition",
                    ),
                ),
                (
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="answered by",
                    ),
                ),
                (
                    "from_collective",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="proposals_sent",
                        to="collectives.collective",
                        verbose_name="from",
                    ),
                ),
                (
                    "proposed_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="proposed by",
                    ),
                ),
                (
                    "to_collective",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="proposals_received",
                        to="collectives.collective",
                        verbose_name="to",
                    ),
                ),
            ],
            options={
                "verbose_name": "partnership proposal",
                "verbose_name_plural": "partnership proposals",
                "db_table": "coalitions_partnershipproposal",
                "ordering": ["-created_at"],
                "indexes": [
                    models.Index(
                        fields=["to_collective", "status", "-created_at"], name="proposal_inbox"
                    ),
                    models.Index(fields=["from_collective", "status"], name="proposal_sent"),
                ],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("status", "pending")),
                        fields=("from_collective", "to_collective"),
                        name="proposal_one_pending_per_pair",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("from_collective", models.F("to_collective")), _negated=True
                        ),
                        name="proposal_not_to_itself",
                    ),
                ],
            },
        ),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=state_operations, database_operations=[]
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
