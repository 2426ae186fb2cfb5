"""Issue 13 moved models between apps (appeals out of coalitions, partnership proposals into
partners) without touching their tables. This migrates a database holding rows of every moved
model from the schema of the previous release to the current one and finds every row, with the
same values, through the models where they live now; the content types (and so the moderators'
permissions and the admin history) follow the models."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from organizing.appeals.models import Appeal, AppealInvitation, AppealSignature
from organizing.partners.models import PartnershipProposal
from tests.conftest import make_user
from tests.factories import make_collective

pytestmark = pytest.mark.django_db(transaction=True)

# The last migration of each app touched, in the previous release (before the moves).
PREVIOUS_RELEASE = [
    ("coalitions", "0004_hidden_by_moderators"),
    ("matching", "0001_initial"),
    ("moderation", "0007_report_context"),
    ("appeals", None),  # the app did not exist
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


def _current_leaves():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def _old_rows(old_apps, initiator, signer, cause):
    """Rows of every moved model, written through the previous release's models."""
    Appeal_ = old_apps.get_model("coalitions", "Appeal")
    appeal = Appeal_.objects.create(
        title="Stop the arms shipments",
        slug="stop-the-arms-shipments",
        text="We, the undersigned, ...",
        initiator_id=initiator.pk,
        opens_on=dt.date(2024, 3, 1),
        unnamed_signatory_count=30,
        text_version=2,
    )
    appeal.demands.add(cause.pk)
    old_apps.get_model("coalitions", "AppealSignature").objects.create(
        appeal=appeal, collective_id=signer.pk, confirmed_version=2
    )
    old_apps.get_model("coalitions", "AppealInvitation").objects.create(
        appeal=appeal, collective_id=signer.pk
    )
    proposal = old_apps.get_model("coalitions", "PartnershipProposal").objects.create(
        from_collective_id=initiator.pk,
        to_collective_id=signer.pk,
        message="Shall we march together?",
        coalition_name="Harbour Front",
    )
    return appeal.pk, proposal.public_id


def test_every_row_of_every_moved_model_survives_the_move():
    from organizing.core.models import Cause

    leaves = _current_leaves()
    make_user("alice@example.org")  # a user table with a row, as in any real database
    initiator = make_collective("Dock Workers Union", "dock-workers")
    signer = make_collective("Harbour Collective", "harbour")
    cause = Cause.objects.create(name="Ceasefire", slug="ceasefire-test")
    try:
        executor = _migrate(PREVIOUS_RELEASE)
        old_apps = executor.loader.project_state(
            [node for node in PREVIOUS_RELEASE if node[1] is not None]
        ).apps
        appeal_pk, proposal_id = _old_rows(old_apps, initiator, signer, cause)
        # The content types as the previous release had them (post_migrate made them).
        for model in ("appeal", "appealsignature", "partnershipproposal"):
            ContentType.objects.update_or_create(app_label="coalitions", model=model)
            ContentType.objects.filter(app_label__in=["appeals", "matching"], model=model).delete()
    finally:
        _migrate(leaves)

    appeal = Appeal.objects.get(pk=appeal_pk)
    assert (appeal.title, appeal.initiator_id, appeal.text_version) == (
        "Stop the arms shipments",
        initiator.pk,
        2,
    )
    assert (appeal.opens_on, appeal.unnamed_signatory_count) == (dt.date(2024, 3, 1), 30)
    assert list(appeal.demands.all()) == [cause]
    signature = AppealSignature.objects.get(appeal=appeal)
    assert (signature.collective_id, signature.confirmed_version) == (signer.pk, 2)
    assert AppealInvitation.objects.get(appeal=appeal).collective_id == signer.pk
    proposal = PartnershipProposal.objects.get(public_id=proposal_id)
    assert (proposal.from_collective_id, proposal.to_collective_id) == (initiator.pk, signer.pk)
    assert (proposal.message, proposal.coalition_name) == (
        "Shall we march together?",
        "Harbour Front",
    )
    # The content types moved with the models (no stale one left in coalitions).
    assert ContentType.objects.get_for_model(Appeal).app_label == "appeals"
    assert ContentType.objects.get_for_model(PartnershipProposal).app_label == "matching"
    assert not ContentType.objects.filter(app_label="coalitions", model="appeal").exists()


def test_the_moderators_keep_their_permissions_on_appeals():
    """Migrated from scratch (the test database), the group holds the appeals' permissions
    under their new app label, exactly once."""
    group = Group.objects.filter(name="Moderators").first()
    if group is None:  # a transactional test before this one flushed it: migrate it again
        _migrate([("moderation", "0007_report_context")])
        _migrate(_current_leaves())
        group = Group.objects.get(name="Moderators")
    codenames = set(
        group.permissions.filter(content_type__app_label="appeals").values_list(
            "codename", flat=True
        )
    )
    assert codenames == {"view_appeal", "change_appeal"}
    assert not Permission.objects.filter(
        content_type__app_label="coalitions", codename="view_appeal"
    ).exists()
