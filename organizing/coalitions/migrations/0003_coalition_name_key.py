from django.db import migrations, models

from organizing.collectives.names import name_skeleton


def fill_name_keys(apps, schema_editor):
    Coalition = apps.get_model("coalitions", "Coalition")
    for coalition in Coalition.objects.all():
        coalition.name_key = name_skeleton(coalition.name) or str(coalition.pk)
        coalition.save(update_fields=["name_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("coalitions", "0002_proposals_points_solidarity_appeal_signing"),
    ]

    operations = [
        migrations.AddField(
            model_name="coalition",
            name="name_key",
            field=models.CharField(
                default="", editable=False, max_length=200, verbose_name="name key"
            ),
            preserve_default=False,
        ),
        migrations.RunPython(fill_name_keys, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="coalition",
            name="name_key",
            field=models.CharField(
                editable=False,
                help_text="The name folded for lookalikes (case, accents, homoglyphs); unique.",
                max_length=200,
                unique=True,
                verbose_name="name key",
            ),
        ),
    ]
