"""Resolving report cases (hide, suspend the collective or the user, dismiss) and the case
admin, where reporters are never named."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from organizing.actions.models import Action, ActionHost, HostConsent, new_action_slug
from organizing.collectives.models import CollectiveStatus
from organizing.moderation.models import (
    CaseResolution,
    Decision,
    ReasonTemplate,
    Report,
    ReportCase,
)
from organizing.moderation.services.decisions import ModerationError
from organizing.moderation.services.reports import case_resolve, report_create
from tests.conftest import login_with_two_factor, make_user
from tests.factories import draft, mails_to, make_coalition, make_collective

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:moderation_reportcase_changelist")


@pytest.fixture
def action(collective, alice):
    action = Action.objects.create(
        title="Rally",
        slug=new_action_slug("Rally"),
        kind="rally",
        status="published",
        date_precision="unknown",
        published_at=timezone.now(),
        created_by=alice,
    )
    ActionHost.objects.create(
        action=action, collective=collective, role="lead", consent=HostConsent.ACCEPTED
    )
    return action


@pytest.fixture
def reason(db):
    return ReasonTemplate.objects.create(title="Fake", text="This is not a real action.")


def case_about(kind, slug, reporter=None):
    return report_create(
        target_kind=kind, target_slug=slug, reason="fake", note="A fake.", reporter=reporter
    ).case


def refreshed(obj):
    obj.refresh_from_db()
    return obj


def test_hiding_an_action(action, mod, reason):
    case = case_resolve(
        case=case_about("action", action.slug),
        moderator=mod,
        resolution=CaseResolution.HIDDEN,
        reason_template=reason,
        reason="Sorry.",
    )
    assert refreshed(action).status == "hidden"
    assert (case.status, case.resolution, case.resolved_by) == ("resolved", "hidden", mod)
    assert case.resolved_at is not None
    decision = Decision.objects.get(verb="action_hidden")
    assert decision.case == case and "not a real action" in decision.reason


def test_hiding_needs_a_reason(action, mod):
    with pytest.raises(ModerationError):
        case_resolve(
            case=case_about("action", action.slug), moderator=mod, resolution=CaseResolution.HIDDEN
        )
    assert ReportCase.objects.get().status == "open"
    assert refreshed(action).status == "published"


def test_suspending_the_collective_of_a_reported_action(action, collective, mod):
    case = case_resolve(
        case=case_about("action", action.slug),
        moderator=mod,
        resolution=CaseResolution.COLLECTIVE_SUSPENDED,
        reason="Fake group.",
    )
    assert refreshed(collective).status == "suspended"
    assert refreshed(action).status == "hidden"
    assert case.resolution == "collective_suspended"


def test_suspending_the_user_who_posted_an_action(action, alice, mod):
    case_resolve(
        case=case_about("action", action.slug),
        moderator=mod,
        resolution=CaseResolution.USER_SUSPENDED,
        reason="Spammer.",
    )
    assert not refreshed(alice).is_active and alice.suspended_at is not None


def test_a_collective_is_not_one_user(collective, mod):
    with pytest.raises(ModerationError):
        case_resolve(
            case=case_about("collective", collective.slug),
            moderator=mod,
            resolution=CaseResolution.USER_SUSPENDED,
            reason="x",
        )


def test_dismissing_records_a_decision(collective, mod):
    case = case_resolve(
        case=case_about("collective", collective.slug),
        moderator=mod,
        resolution=CaseResolution.DISMISSED,
    )
    assert case.resolution == "dismissed"
    assert Decision.objects.get(verb="case_dismissed").case == case
    assert refreshed(collective).status == "verified"


def test_dismissing_an_appeal_case(collective, alice, mod):
    appeal = draft(collective, alice)
    case = case_resolve(
        case=case_about("appeal", appeal.slug), moderator=mod, resolution=CaseResolution.DISMISSED
    )
    assert Decision.objects.get(verb="case_dismissed").case == case


def test_hiding_a_coalition(collective, alice, mod, reason):
    coalition = make_coalition((collective, alice))
    case = case_resolve(
        case=case_about("coalition", coalition.slug),
        moderator=mod,
        resolution=CaseResolution.HIDDEN,
        reason_template=reason,
    )
    assert refreshed(coalition).hidden_at is not None
    assert (case.status, case.resolution, case.resolved_by) == ("resolved", "hidden", mod)
    decision = Decision.objects.get(verb="coalition_hidden")
    assert (decision.case, decision.target_kind, decision.target_id) == (
        case,
        "coalition",
        coalition.pk,
    )
    assert decision.collective is None and "not a real action" in decision.reason


def test_hiding_an_appeal_tells_its_initiator(collective, alice, mod, reason):
    appeal = draft(collective, alice)
    case = case_resolve(
        case=case_about("appeal", appeal.slug),
        moderator=mod,
        resolution=CaseResolution.HIDDEN,
        reason_template=reason,
        reason="Sorry.",
    )
    assert refreshed(appeal).hidden_at is not None
    assert case.resolution == "hidden"
    decision = Decision.objects.get(verb="appeal_hidden")
    assert (decision.case, decision.target_kind, decision.collective) == (
        case,
        "appeal",
        collective,
    )
    assert mails_to(alice.email).filter(subject__contains="was hidden").exists()


def test_hiding_a_coalition_or_an_appeal_needs_a_reason(collective, alice, mod):
    coalition = make_coalition((collective, alice))
    appeal = draft(collective, alice)
    for kind, target in (("coalition", coalition), ("appeal", appeal)):
        with pytest.raises(ModerationError):
            case_resolve(
                case=case_about(kind, target.slug), moderator=mod, resolution=CaseResolution.HIDDEN
            )
        assert refreshed(target).hidden_at is None
    assert set(ReportCase.objects.values_list("status", flat=True)) == {"open"}


def test_dismissing_a_coalition_case_names_the_coalition(collective, alice, mod):
    coalition = make_coalition((collective, alice))
    case_resolve(
        case=case_about("coalition", coalition.slug),
        moderator=mod,
        resolution=CaseResolution.DISMISSED,
    )
    decision = Decision.objects.get(verb="case_dismissed")
    assert (decision.target_kind, decision.target_id) == ("coalition", coalition.pk)
    assert refreshed(coalition).hidden_at is None


def test_dismissing_lifts_a_hold(mod):
    group = make_collective("New Group", "new-group", status=CollectiveStatus.PENDING)
    action = Action.objects.create(
        title="Vigil", slug="vigil", kind="vigil", status="published", date_precision="unknown"
    )
    ActionHost.objects.create(
        action=action, collective=group, role="lead", consent=HostConsent.ACCEPTED
    )
    for n in range(3):
        user = make_user(f"old{n}@example.org")
        type(user).objects.filter(pk=user.pk).update(
            date_joined=timezone.now() - dt.timedelta(days=30)
        )
        user.refresh_from_db()
        case = case_about("action", action.slug, reporter=user)
    assert refreshed(action).status == "held"
    case_resolve(case=case, moderator=mod, resolution=CaseResolution.DISMISSED)
    assert refreshed(action).status == "published"


def test_a_resolved_case_cannot_be_resolved_again(collective, mod):
    case = case_resolve(
        case=case_about("collective", collective.slug),
        moderator=mod,
        resolution=CaseResolution.DISMISSED,
    )
    with pytest.raises(ModerationError):
        case_resolve(case=case, moderator=mod, resolution=CaseResolution.DISMISSED)


# --- the admin -------------------------------------------------------------------------------
# Logged in as the superuser: the Moderators group's permissions are set elsewhere (and tested
# with the access matrix); here the pages themselves are tested.


@pytest.fixture
def reported(action, collective, charlie, bob):
    """Two cases: the action (by charlie, bob and someone without an account), the collective."""
    for reporter in (charlie, bob, None):
        case_about("action", action.slug, reporter=reporter)
    case_about("collective", collective.slug, reporter=charlie)
    return ReportCase.objects.get(target_kind="action")


def test_case_list_renders_with_bounded_queries(
    client, admin_user, reported, django_assert_max_num_queries
):
    login_with_two_factor(client, admin_user)
    with django_assert_max_num_queries(15):
        response = client.get(CHANGELIST)
    assert response.status_code == 200
    page = response.content.decode()
    assert reported.target_slug in page and "Fake or provocation × 3" in page
    for n in range(5):
        case_about("collective", make_collective(f"Other {n}", f"other-{n}").slug)
    with django_assert_max_num_queries(15):
        assert client.get(CHANGELIST, {"state": "all"}).status_code == 200


def test_case_page_never_names_reporters(client, admin_user, reported, charlie, bob):
    login_with_two_factor(client, admin_user)
    with_notes = reverse("admin:moderation_reportcase_change", args=[reported.pk])
    page = client.get(with_notes).content.decode()
    assert "A fake." in page and "without an account" in page and "with an account" in page
    for user in (charlie, bob):
        assert user.email not in page and user.display_name not in page


def test_moderator_notes_are_editable(client, admin_user, reported):
    login_with_two_factor(client, admin_user)
    url = reverse("admin:moderation_reportcase_change", args=[reported.pk])
    response = client.post(
        url,
        {
            "moderator_notes": "Checked with the collective.",
            "reports-TOTAL_FORMS": "3",
            "reports-INITIAL_FORMS": "3",
            "reports-MIN_NUM_FORMS": "0",
            "reports-MAX_NUM_FORMS": "1000",
            **{
                f"reports-{n}-id": str(pk)
                for n, pk in enumerate(reported.reports.values_list("pk", flat=True))
            },
            **{f"reports-{n}-case": str(reported.pk) for n in range(3)},
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert refreshed(reported).moderator_notes == "Checked with the collective."


def test_hide_action_asks_for_a_reason_then_resolves(client, admin_user, reported, action, reason):
    login_with_two_factor(client, admin_user)
    data = {"action": "hide_target", "_selected_action": [reported.pk]}
    page = client.post(CHANGELIST, data)
    assert page.status_code == 200 and "In your own words" in page.content.decode()
    again = client.post(CHANGELIST, {**data, "apply": "yes"})
    assert again.status_code == 200 and "Give a reason" in again.content.decode()
    done = client.post(CHANGELIST, {**data, "apply": "yes", "reason_template": reason.pk})
    assert done.status_code == 302
    assert refreshed(action).status == "hidden"
    assert refreshed(reported).resolution == "hidden"


def test_dismiss_from_the_admin(client, admin_user, reported, action):
    login_with_two_factor(client, admin_user)
    client.post(
        CHANGELIST, {"action": "dismiss", "_selected_action": [reported.pk], "apply": "yes"}
    )
    assert refreshed(reported).resolution == "dismissed"
    assert refreshed(action).status == "published"


def test_reports_stay_evidence(reported):
    assert Report.objects.filter(case=reported).count() == 3


def test_hide_an_appeal_case_from_the_admin(client, admin_user, collective, alice, reason):
    appeal = draft(collective, alice)
    case = case_about("appeal", appeal.slug)
    login_with_two_factor(client, admin_user)
    done = client.post(
        CHANGELIST,
        {
            "action": "hide_target",
            "_selected_action": [case.pk],
            "apply": "yes",
            "reason_template": reason.pk,
        },
    )
    assert done.status_code == 302
    assert refreshed(appeal).hidden_at is not None
    assert refreshed(case).resolution == "hidden"
