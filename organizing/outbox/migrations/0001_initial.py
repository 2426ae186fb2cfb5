"""The outbox's model, moved here from `notifications` (the package organizing/alerts) in
state only: its table keeps its name (Meta.db_table), rows and indexes. On a fresh database
the table is made by notifications 0001-0004, which run first."""

from django.db import migrations, models

MOVED = ("notifications", "outbox")


def _relabel_content_type(apps, old_label: str, new_label: str) -> None:
    """Permissions and admin history point at the model's content type: it moves along."""
    content_type = apps.get_model("contenttypes", "ContentType")
    if content_type.objects.filter(app_label=new_label, model="outboxmessage").exists():
        return
    content_type.objects.filter(app_label=old_label, model="outboxmessage").update(
        app_label=new_label
    )


def content_type_forward(apps, schema_editor):
    _relabel_content_type(apps, *MOVED)


def content_type_backward(apps, schema_editor):
    _relabel_content_type(apps, *reversed(MOVED))


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("notifications", "0005_outbox_to_its_own_app"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="OutboxMessage",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="created"),
                        ),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                        ("to", models.EmailField(max_length=254, verbose_name="to")),
                        (
                            "reply_to",
                            models.EmailField(blank=True, max_length=254, verbose_name="reply to"),
                        ),
                        (
                            "subject",
                            models.CharField(blank=True, max_length=300, verbose_name="subject"),
                        ),
                        ("body_text", models.TextField(blank=True, verbose_name="plain-text body")),
                        ("body_html", models.TextField(blank=True, verbose_name="HTML body")),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("pending", "Pending"),
                                    ("sending", "Sending"),
                                    ("sent", "Sent"),
                                    ("failed", "Failed"),
                                    ("cancelled", "Cancelled"),
                                ],
                                default="pending",
                                max_length=10,
                                verbose_name="status",
                            ),
                        ),
                        (
                            "attempts",
                            models.PositiveSmallIntegerField(default=0, verbose_name="attempts"),
                        ),
                        (
                            "queued_at",
                            models.DateTimeField(
                                blank=True,
                                help_text="The relay hands a pending row to the broker again once this is old.",
                                null=True,
                                verbose_name="last handed to the broker",
                            ),
                        ),
                        (
                            "sent_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="sent at"),
                        ),
                        ("last_error", models.TextField(blank=True, verbose_name="last error")),
                        (
                            "headers",
                            models.JSONField(
                                blank=True,
                                default=dict,
                                help_text="Extra email headers, e.g. List-Unsubscribe for one-click unsubscribe.",
                                verbose_name="extra headers",
                            ),
                        ),
                        (
                            "purged_at",
                            models.DateTimeField(
                                blank=True,
                                help_text="When the recipient and the body were erased (retention, or the recipient's data being anonymized).",
                                null=True,
                                verbose_name="purged at",
                            ),
                        ),
                        (
                            "concerns",
                            models.CharField(
                                blank=True,
                                help_text="The record this email is about, as kind:id (e.g. rsvp:42), so that erasing that record's personal data erases its copies too.",
                                max_length=64,
                                verbose_name="concerns",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "outgoing email",
                        "verbose_name_plural": "outgoing emails",
                        "db_table": "notifications_outboxmessage",
                        "ordering": ["-created_at"],
                        "indexes": [
                            models.Index(
                                fields=["status", "created_at"], name="outbox_status_created"
                            ),
                            models.Index(fields=["to"], name="outbox_to"),
                            models.Index(
                                condition=models.Q(("purged_at__isnull", True)),
                                fields=["sent_at"],
                                name="outbox_unpurged_sent",
                            ),
                            models.Index(
                                condition=models.Q(("concerns", ""), _negated=True),
                                fields=["concerns"],
                                name="outbox_concerns",
                            ),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_type_forward, content_type_backward),
    ]
