"""A few reasons to start from; moderators edit them, add others or switch them off."""

from django.db import migrations

DEFAULT_REASONS = [
    (
        "Not a collective",
        "We could not confirm that this is a real collective or organization. "
        "Tell us more about who you are and what you do, with a public link if you have one.",
    ),
    (
        "Spam or advertising",
        "This content advertises products or services, or repeats the same "
        "message across the site.",
    ),
    (
        "Private information",
        "This content publishes someone's private information (a home "
        "address, a phone number, an identity document). We never allow it: it puts people at "
        "risk.",
    ),
    (
        "Provocation or fake action",
        "This action appears to be made up or posted to provoke "
        "or mislead people who would attend.",
    ),
    ("Incitement to violence", "This content calls for violence against people."),
    ("Impersonation", "This presents itself as another collective or person."),
    (
        "Dates or place unclear",
        "The date or the place cannot be right as posted (a past date, "
        "a place that does not match the description). Please correct it and post it again.",
    ),
]


def add_reasons(apps, schema_editor):
    ReasonTemplate = apps.get_model("moderation", "ReasonTemplate")
    for title, text in DEFAULT_REASONS:
        ReasonTemplate.objects.get_or_create(title=title, defaults={"text": text})


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0003_moderators_group"),
    ]

    operations = [
        migrations.RunPython(add_reasons, migrations.RunPython.noop),
    ]
