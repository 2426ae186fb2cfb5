from django.db import migrations


class Migration(migrations.Migration):
    """The outbox becomes its own app (organizing.outbox): OutboxMessage leaves this app's
    state only. Its table, rows and indexes stay as they are, taken over by outbox 0001."""

    dependencies = [
        ("notifications", "0004_outbox_concerns"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="OutboxMessage")],
            database_operations=[],
        ),
    ]
