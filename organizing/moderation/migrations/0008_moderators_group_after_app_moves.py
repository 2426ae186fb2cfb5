"""The "Moderators" group again, with the permission names of the apps as they stand after
appeals left coalitions (appeals 0001 moved the content type, so the group's permissions on
appeals already followed; this sets the group from the current list, which tests reuse).

Same rule as 0003: exactly these permissions, none on participants' personal data.
"""

from django.db import migrations

MODERATORS_GROUP = "Moderators"

# (app label, model, actions)
MODERATOR_PERMISSIONS = [
    ("collectives", "collective", ["view", "change"]),
    ("actions", "action", ["view", "change"]),
    ("coalitions", "coalition", ["view", "change"]),
    ("appeals", "appeal", ["view", "change"]),
    ("moderation", "reportcase", ["view", "change"]),
    ("moderation", "report", ["view"]),
    ("moderation", "decision", ["view"]),
    ("moderation", "reasontemplate", ["add", "change", "view"]),
    ("moderation", "reviewrequest", ["view", "change"]),
    ("moderation", "sitesettings", ["view", "change"]),
    ("accounts", "user", ["view", "change"]),
]


def _ensure_permissions(apps, using: str) -> None:
    """Permissions are normally created after `migrate` (post_migrate); on a fresh database
    they do not exist yet when this runs, so create them now."""
    from django.contrib.auth.management import create_permissions

    for app_label in sorted({app_label for app_label, _model, _actions in MODERATOR_PERMISSIONS}):
        app_config = apps.get_app_config(app_label)
        models_module = getattr(app_config, "models_module", None)  # none in a migration
        app_config.models_module = models_module or True
        create_permissions(app_config, verbosity=0, using=using, apps=apps)
        app_config.models_module = models_module


def moderators_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    using = schema_editor.connection.alias
    _ensure_permissions(apps, using)
    permissions = [
        Permission.objects.using(using).get(
            content_type__app_label=app_label, codename=f"{action}_{model}"
        )
        for app_label, model, actions in MODERATOR_PERMISSIONS
        for action in actions
    ]
    group, _created = Group.objects.using(using).get_or_create(name=MODERATORS_GROUP)
    group.permissions.set(permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("appeals", "0001_initial"),
        ("moderation", "0007_report_context"),
    ]

    operations = [
        migrations.RunPython(moderators_group, migrations.RunPython.noop),
    ]
