"""Appeals and partnership proposals leave `coalitions` (for `appeals` and `partners`): in
Django's state only. Their tables, rows, indexes and constraints stay exactly as they are;
appeals 0001 and matching 0002 take the models over under the same table names."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("coalitions", "0004_hidden_by_moderators"),
        # After every migration that reads appeals in coalitions' historical state (the
        # moderators' group, 0003, gives them permissions on "coalitions.appeal").
        ("moderation", "0007_report_context"),
    ]

    state_operations = [
        migrations.RemoveConstraint(
            model_name="appeal",
            name="appeal_closes_after_opening",
        ),
        migrations.RemoveIndex(
            model_name="appealinvitation",
            name="appeal_invitation_inbox",
        ),
        migrations.RemoveConstraint(
            model_name="appealinvitation",
            name="appeal_invitation_unique",
        ),
        migrations.RemoveIndex(
            model_name="appealsignature",
            name="appeal_signature_standing",
        ),
        migrations.RemoveConstraint(
            model_name="appealsignature",
            name="appeal_signature_unique",
        ),
        migrations.RemoveIndex(
            model_name="partnershipproposal",
            name="proposal_inbox",
        ),
        migrations.RemoveIndex(
            model_name="partnershipproposal",
            name="proposal_sent",
        ),
        migrations.RemoveConstraint(
            model_name="partnershipproposal",
            name="proposal_one_pending_per_pair",
        ),
        migrations.RemoveConstraint(
            model_name="partnershipproposal",
            name="proposal_not_to_itself",
        ),
        migrations.RemoveField(
            model_name="appeal",
            name="created_by",
        ),
        migrations.RemoveField(
            model_name="appeal",
            name="demands",
        ),
        migrations.RemoveField(
            model_name="appeal",
            name="initiator",
        ),
        migrations.RemoveField(
            model_name="appeal",
            name="invited",
        ),
        migrations.RemoveField(
            model_name="appeal",
            name="signatories",
        ),
        migrations.RemoveField(
            model_name="appealsignature",
            name="appeal",
        ),
        migrations.RemoveField(
            model_name="appealsignature",
            name="collective",
        ),
        migrations.RemoveField(
            model_name="appealsignature",
            name="signed_by",
        ),
        migrations.RemoveField(
            model_name="partnershipproposal",
            name="coalition",
        ),
        migrations.RemoveField(
            model_name="partnershipproposal",
            name="decided_by",
        ),
        migrations.RemoveField(
            model_name="partnershipproposal",
            name="from_collective",
        ),
        migrations.RemoveField(
            model_name="partnershipproposal",
            name="proposed_by",
        ),
        migrations.RemoveField(
            model_name="partnershipproposal",
            name="to_collective",
        ),
        migrations.DeleteModel(
            name="AppealInvitation",
        ),
        migrations.DeleteModel(
            name="Appeal",
        ),
        migrations.DeleteModel(
            name="AppealSignature",
        ),
        migrations.DeleteModel(
            name="PartnershipProposal",
        ),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=state_operations, database_operations=[]
        ),
    ]
