"""The "Moderators" group with exactly the permissions moderators need.

Moderators verify, review, hide and suspend (collectives, actions, coalitions, appeals, report
cases, users), read reports and decisions, edit reason templates, answer requests for review and
set the registration mode. They get nothing on RSVPs, attendee exports, the outbox, action alerts
or anything else holding participants' personal data. Running this again resets the group to
this list (permissions added by hand are removed).
"""

from django.db import migrations

MODERATORS_GROUP = "Moderators"

# (app label, model, actions)
MODERATOR_PERMISSIONS = [
    ("collectives", "collective", ["view", "change"]),
    ("actions", "action", ["view", "change"]),
    ("coalitions", "coalition", ["view", "change"]),
    ("coalitions", "appeal", ["view", "change"]),
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
    _ensure_permissions(apps, schema_editor.connection.alias)
    permissions = []
    for app_label, model, actions in MODERATOR_PERMISSIONS:
        for action in actions:
            permissions.append(
                Permission.objects.using(schema_editor.connection.alias).get(
                    content_type__app_label=app_label, codename=f"{action}_{model}"
                )
            )
    group, _created = Group.objects.get_or_create(name=MODERATORS_GROUP)
    group.permissions.set(permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("accounts", "0002_user_suspended_at"),
        ("actions", "0005_moderation_holds"),
        ("coalitions", "0003_coalition_name_key"),
        ("collectives", "0004_trust_and_suspension"),
        ("moderation", "0002_cases_decisions_reviews_settings"),
    ]

    operations = [
        migrations.RunPython(moderators_group, migrations.RunPython.noop),
    ]
