"""The report case page (issue 14, item 7): named by what it is about, with the list's
decisions as buttons that go through the same service (and leave the same audit trail)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from organizing.actions.models import Action
from organizing.moderation.models import Decision, ReasonTemplate, ReportCase
from organizing.moderation.services.reports import report_create
from tests.conftest import enable_two_factor, login_with_two_factor, make_user
from tests.factories import make_undated_action

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:moderation_reportcase_changelist")
TITLE = "Report on the action “Rally for the ceasefire” (Montréal Solidarity Collective)"


def an_action(collective, author, title="Rally for the ceasefire") -> Action:
    return make_undated_action(
        collective, title=title, created_by=author, published_at=timezone.now()
    )


def case_about(kind, slug) -> ReportCase:
    return report_create(
        target_kind=kind, target_slug=slug, reason="fake", note="A fake.", reporter=None
    ).case


@pytest.fixture
def action(collective, alice):
    return an_action(collective, alice)


@pytest.fixture
def case(action):
    return case_about("action", action.slug)


@pytest.fixture
def reason(db):
    return ReasonTemplate.objects.create(title="Fake", text="This is not a real action.")


def page_of(case) -> str:
    return reverse("admin:moderation_reportcase_change", args=[case.pk])


def decide_url(case) -> str:
    return reverse("admin:moderation_reportcase_decide", args=[case.pk])


def refreshed(obj):
    obj.refresh_from_db()
    return obj


def audit(decision: Decision) -> tuple:
    return (
        decision.verb,
        decision.moderator_id,
        decision.target_kind,
        decision.collective_id,
        decision.reason_template_id,
        decision.reason,
    )


def test_a_case_is_named_by_the_record_and_its_collective(case):
    assert str(case) == TITLE


def test_a_case_about_a_collective_names_it_once(collective):
    assert str(case_about("collective", collective.slug)) == (
        "Report on the collective “Montréal Solidarity Collective”"
    )


def test_a_case_whose_record_is_gone_says_so(case, action):
    Action.objects.filter(pk=action.pk).delete()
    assert "(no longer exists)" in str(refreshed(case))


def test_the_list_and_the_page_name_the_case_by_its_record(client, mod, case):
    login_with_two_factor(client, mod)
    listed = client.get(CHANGELIST).content.decode()
    assert f'<a href="{page_of(case)}">{TITLE}</a>' in listed
    page = client.get(page_of(case)).content.decode()
    assert f"<h1>{TITLE}</h1>" in page
    assert f"<title>{TITLE}" in page


def test_the_moderator_sees_the_decision_buttons(client, mod, case):
    login_with_two_factor(client, mod)
    page = client.get(page_of(case)).content.decode()
    assert f'action="{decide_url(case)}"' in page
    for value, label in [
        ("hidden", "Hide the reported item"),
        ("collective_suspended", "Suspend the collective concerned"),
        ("user_suspended", "Suspend the account"),
        ("dismissed", "Dismiss the reports"),
    ]:
        assert f'name="resolution" value="{value}"' in page
        assert label in page
    assert 'name="csrfmiddlewaretoken"' in page


def test_a_person_case_offers_no_hiding(client, mod, alice):
    case = ReportCase.objects.create(target_kind="person", target_slug=str(alice.public_id))
    assert str(case) == "Report on the person “Alice”"
    login_with_two_factor(client, mod)
    page = client.get(page_of(case)).content.decode()
    assert 'value="user_suspended"' in page and 'value="hidden"' not in page


def test_hiding_from_the_page_resolves_the_case_as_the_bulk_action_does(
    client, mod, case, action, collective, alice, reason
):
    twin_action = an_action(collective, alice, title="Another rally")
    twin = case_about("action", twin_action.slug)
    login_with_two_factor(client, mod)
    response = client.post(
        decide_url(case),
        {
            "resolution": "hidden",
            "decision-reason_template": reason.pk,
            "decision-reason": "Sorry.",
        },
    )
    assert response.status_code == 302 and response["Location"] == page_of(case)
    client.post(
        CHANGELIST,
        {
            "action": "hide_target",
            "_selected_action": [twin.pk],
            "apply": "yes",
            "reason_template": reason.pk,
            "reason": "Sorry.",
        },
    )
    case, twin = refreshed(case), refreshed(twin)
    assert (case.status, case.resolution, case.resolved_by) == ("resolved", "hidden", mod)
    assert (twin.status, twin.resolution, twin.resolved_by) == ("resolved", "hidden", mod)
    assert refreshed(action).status == refreshed(twin_action).status == "hidden"
    from_page = Decision.objects.get(case=case)
    from_list = Decision.objects.get(case=twin)
    assert from_page.verb == "action_hidden" and "not a real action" in from_page.reason
    assert audit(from_page) == audit(from_list)
    assert from_page.target_id == action.pk
    followed = client.get(response["Location"]).content.decode()
    assert "Case resolved: Hide the reported item." in followed
    assert f'action="{decide_url(case)}"' not in followed  # a resolved case has no buttons


def test_hiding_needs_a_reason_and_leaves_the_case_open(client, mod, case, action):
    login_with_two_factor(client, mod)
    response = client.post(decide_url(case), {"resolution": "hidden"}, follow=True)
    assert "Give a reason" in response.content.decode()
    assert refreshed(case).status == "open"
    assert refreshed(action).status == "published"
    assert not Decision.objects.exists()


def test_dismissing_from_the_page_needs_no_reason(client, mod, case, action):
    login_with_two_factor(client, mod)
    client.post(decide_url(case), {"resolution": "dismissed"})
    assert refreshed(case).resolution == "dismissed"
    assert Decision.objects.get(verb="case_dismissed").case == case
    assert refreshed(action).status == "published"


def test_an_unknown_decision_changes_nothing(client, mod, case):
    login_with_two_factor(client, mod)
    response = client.post(decide_url(case), {"resolution": "delete_everything"})
    assert response.status_code == 302
    assert refreshed(case).status == "open"


def test_deciding_takes_a_post(client, mod, case):
    login_with_two_factor(client, mod)
    assert client.get(decide_url(case)).status_code == 405
    assert refreshed(case).status == "open"


def test_staff_who_are_not_moderators_are_refused(client, case):
    staffer = make_user("staffer@example.org", is_staff=True)
    enable_two_factor(staffer)
    login_with_two_factor(client, staffer)
    assert client.get(page_of(case)).status_code == 403
    response = client.post(decide_url(case), {"resolution": "dismissed"})
    assert response.status_code == 403
    assert refreshed(case).status == "open"


def test_anonymous_visitors_are_sent_to_log_in(client, case):
    response = client.post(decide_url(case), {"resolution": "dismissed"})
    assert response.status_code == 302
    assert "login" in response["Location"]
    assert refreshed(case).status == "open"
