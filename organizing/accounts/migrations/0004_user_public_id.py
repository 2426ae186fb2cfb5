"""A random public id for every account (report links name a person by it).

Three steps, as Django documents for a unique field with a callable default on existing rows:
add it nullable, give each row its own value, then make it unique and required."""

import uuid

from django.db import migrations, models


def give_each_user_an_id(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    for user in User.objects.filter(public_id__isnull=True).only("pk"):
        User.objects.filter(pk=user.pk).update(public_id=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_user_date_joined_index")]

    operations = [
        migrations.AddField(
            model_name="user",
            name="public_id",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(give_each_user_an_id, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="user",
            name="public_id",
            field=models.UUIDField(
                default=uuid.uuid4,
                editable=False,
                unique=True,
                verbose_name="public id",
                help_text="Names the person in report links; random, so it reveals nothing.",
            ),
        ),
    ]
