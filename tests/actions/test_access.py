"""Who sees an action that is not public: a matrix of the cast."""

import pytest

from organizing.actions.models import Action, ActionHost, ActionStatus, HostConsent, new_action_slug

pytestmark = pytest.mark.django_db

VIEWERS = ["anonymous", "bob", "charlie", "alice", "mod"]


@pytest.fixture
def draft(collective):
    action = Action.objects.create(
        title="Blockade planning",
        slug=new_action_slug("Blockade planning"),
        kind="blockade",
        status=ActionStatus.DRAFT,
        date_precision="unknown",
    )
    ActionHost.objects.create(
        action=action, collective=collective, role="lead", consent=HostConsent.ACCEPTED
    )
    return action


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 404), ("charlie", 404), ("bob", 200), ("alice", 200), ("mod", 200)],
)
def test_draft_action_visible_only_to_hosts_and_staff(client_as, draft, who, status):
    response = client_as(who).get(draft.get_absolute_url())
    assert response.status_code == status


@pytest.mark.parametrize("who", VIEWERS)
def test_published_action_visible_to_everyone(client_as, draft, who):
    Action.objects.filter(pk=draft.pk).update(status=ActionStatus.PUBLISHED)
    assert client_as(who).get(draft.get_absolute_url()).status_code == 200


def test_cancelled_action_says_so(client, draft):
    Action.objects.filter(pk=draft.pk).update(status=ActionStatus.CANCELLED)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "This action has been cancelled." in page


def test_invited_host_does_not_make_a_draft_visible(client, draft, charlie):
    from organizing.collectives.models import Collective, Membership

    other = Collective.objects.create(name="Other", slug="other", kind="peace")
    Membership.objects.create(user=charlie, collective=other, role="admin")
    ActionHost.objects.create(action=draft, collective=other, consent=HostConsent.INVITED)
    client.force_login(charlie)
    assert client.get(draft.get_absolute_url()).status_code == 404
