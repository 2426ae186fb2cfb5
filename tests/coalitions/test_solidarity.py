"""Solidarity calls and pledges, and actions posted for a coalition."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from organizing.actions.models import Action, ActionHost, HostConsent, HostRole
from organizing.actions.services import posting as services_posting
from organizing.coalitions.forms import ActionPostingForm as ActionCreateForm
from organizing.coalitions.models import SolidarityCall, SolidarityPledge
from organizing.coalitions.selectors import pledged_total
from organizing.coalitions.services import coalitions as coalition_services
from organizing.coalitions.services.common import CoalitionError
from organizing.coalitions.services.posting import action_post_for_coalition
from organizing.coalitions.services.solidarity import solidarity_call_create, solidarity_pledge
from organizing.collectives.models import Collective
from tests.factories import (
    POINTS,
    add_member,
    form_data,
    mails_to,
    make_action,
    make_coalition,
    make_collective,
    make_organizer,
    post_action,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def coalition(coalition, collective, alice, network, nora):
    """Union (coordinator), alice's collective and nora's network, all consenting to v1."""
    add_member(coalition, collective, alice)
    add_member(coalition, network, nora)
    return coalition


@pytest.fixture
def action(collective, coalition):
    return make_action(collective, title="Vigil at city hall")


# --- solidarity calls and pledges ----------------------------------------------------------


def test_call_pledges_and_total_on_the_action_page(
    client_as, action, coalition, collective, union, network, django_capture_on_commit_callbacks
):
    client = client_as("alice")
    url = reverse("coalitions:solidarity_call", args=[action.slug])
    assert "Ceasefire Front" in client.get(url).content.decode()
    membership = coalition.memberships.get(collective=collective)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"membership": membership.pk, "message": "Bring banners"})
    assert response.status_code == 302
    call = SolidarityCall.objects.get()
    assert (call.action, call.coalition, call.collective) == (action, coalition, collective)
    pledge_url = reverse("coalitions:pledge", args=[call.pk])
    for partner in ("cora@example.org", "nora@example.org"):
        email = mails_to(partner).get(subject__contains="asks for solidarity")
        assert pledge_url in email.body_text and "Bring banners" in email.body_text
    assert (
        not mails_to("alice@example.org").filter(subject__contains="asks for solidarity").exists()
    )

    cora_client = client_as("cora")
    assert cora_client.get(pledge_url).status_code == 200
    response = cora_client.post(
        pledge_url, {"collective": union.pk, "headcount": 12, "note": "Two buses"}
    )
    assert response.status_code == 302 and response["Location"] == action.get_absolute_url()
    solidarity_pledge(call=call, collective=network, by=network.memberships.get().user, headcount=5)
    assert pledged_total(action) == 17
    cora_client.logout()
    page = cora_client.get(action.get_absolute_url()).content.decode()
    assert "17 people pledged by coalition partners" in page

    # Changing the number is allowed; 0 withdraws the pledge.
    cora_client = client_as("cora")
    cora_client.post(pledge_url, {"collective": union.pk, "headcount": 20, "note": ""})
    assert SolidarityPledge.objects.get(collective=union).headcount == 20
    cora_client.post(pledge_url, {"collective": union.pk, "headcount": 0, "note": ""})
    assert not SolidarityPledge.objects.filter(collective=union).exists()
    assert pledged_total(action) == 5
    organizers_page = client_as("alice").get(url).content.decode()
    assert "5 people pledged so far" in organizers_page and "Nora&#x27;s Network: 5" in (
        organizers_page
    )


def test_no_pledge_no_line_on_the_action_page(client, action):
    assert (
        "pledged by coalition partners"
        not in client.get(action.get_absolute_url()).content.decode()
    )


def test_a_coalition_is_called_once_per_action(action, coalition, collective, alice):
    solidarity_call_create(action=action, coalition=coalition, collective=collective, by=alice)
    with pytest.raises(CoalitionError, match="already"):
        solidarity_call_create(action=action, coalition=coalition, collective=collective, by=alice)
    assert SolidarityCall.objects.count() == 1


def test_call_refusals(action, coalition, collective, alice, bob, union, cora):
    with pytest.raises(CoalitionError, match="host"):  # the union does not host the action
        solidarity_call_create(action=action, coalition=coalition, collective=union, by=cora)
    with pytest.raises(CoalitionError):  # a plain member does not speak for the collective
        solidarity_call_create(action=action, coalition=coalition, collective=collective, by=bob)
    past = make_action(collective, title="Past vigil", starts_at=timezone.now() - timedelta(days=3))
    with pytest.raises(CoalitionError, match="still to come"):
        solidarity_call_create(action=past, coalition=coalition, collective=collective, by=alice)
    other = make_coalition((make_collective("Far", "far", admin=cora), cora), name="Far Front")
    with pytest.raises(CoalitionError, match="not an active member"):
        solidarity_call_create(action=action, coalition=other, collective=collective, by=alice)
    assert not SolidarityCall.objects.exists()


def test_pledge_refusals(action, coalition, collective, alice, union, cora):
    call = solidarity_call_create(
        action=action, coalition=coalition, collective=collective, by=alice
    )
    with pytest.raises(CoalitionError, match="own call"):
        solidarity_pledge(call=call, collective=collective, by=alice, headcount=3)
    outsider = make_collective("Outside", "outside", admin=cora)
    with pytest.raises(CoalitionError, match="not an active member"):
        solidarity_pledge(call=call, collective=outsider, by=cora, headcount=3)
    with pytest.raises(CoalitionError):  # alice does not speak for the union
        solidarity_pledge(call=call, collective=union, by=alice, headcount=3)
    assert not SolidarityPledge.objects.exists()


def test_calling_page_without_a_coalition_says_so(client_as, gazetteer, alice):
    lonely = make_collective("Lonely Group", "lonely", admin=alice)
    lonely_action = make_action(lonely, title="Lonely vigil")
    response = client_as("alice").get(
        reverse("coalitions:solidarity_call", args=[lonely_action.slug])
    )
    assert response.status_code == 200
    assert "is an active member of a coalition yet" in response.content.decode()


# --- actions posted for a coalition --------------------------------------------------------


def test_coalition_hosted_action_lists_consenting_members_only(
    client, gazetteer, coalition, collective, alice, union, cora, network
):
    # A new version the network has not consented to yet: it is not listed as host.
    coalition_services.points_of_unity_edit(
        coalition=coalition, text=POINTS + "\n3. More.", by=cora, for_collective=union
    )
    coalition_services.points_of_unity_consent(
        membership=coalition.memberships.get(collective=collective), by=alice
    )
    action = post_action(alice, collective, coalition=coalition.pk)
    assert action.coalition == coalition
    hosts = dict(ActionHost.objects.filter(action=action).values_list("collective", "role"))
    assert hosts == {collective.pk: HostRole.LEAD, union.pk: HostRole.CO_HOST}
    # Each consenting member is asked about this action (issue 12): invited, not accepted.
    assert dict(ActionHost.objects.filter(action=action).values_list("collective", "consent")) == {
        collective.pk: HostConsent.ACCEPTED,
        union.pk: HostConsent.INVITED,
    }
    page = client.get(action.get_absolute_url()).content.decode()
    assert "Posted for coalition" in page and "Ceasefire Front" in page
    assert "Coordinating Union" not in page and "Nora&#x27;s Network" not in page
    services_posting.action_host_respond(
        host_link=ActionHost.objects.get(action=action, collective=union), user=cora, accept=True
    )
    page = client.get(action.get_absolute_url()).content.decode()
    assert "Coordinating Union" in page and "Nora&#x27;s Network" not in page
    assert action in Action.objects.filter(coalition=coalition)


def test_the_same_form_sent_twice_invites_the_coalition_once(
    gazetteer, coalition, collective, alice
):
    key = form_data(collective)["submission_key"]
    first = post_action(alice, collective, coalition=coalition.pk, submission_key=key)
    again = post_action(alice, collective, coalition=coalition.pk, submission_key=key)
    assert again == first
    assert ActionHost.objects.filter(action=first, consent=HostConsent.INVITED).count() == 2
    assert mails_to("cora@example.org").filter(subject__contains=first.title).count() == 1


def test_posting_for_a_coalition_it_left_posts_nothing(gazetteer, coalition, collective, alice):
    form = ActionCreateForm(
        form_data(collective, coalition=coalition.pk),
        collectives=Collective.objects.filter(pk=collective.pk),
    )
    assert form.is_valid()
    coalition.memberships.filter(collective=collective).update(status="left")
    with pytest.raises(services_posting.PostingError):
        action_post_for_coalition(
            user=alice, collective=collective, coalition=coalition, data=form.cleaned_data
        )
    assert not Action.objects.exists() and not ActionHost.objects.exists()


def test_posting_form_offers_only_the_collectives_coalitions(alice, collective, coalition, cora):
    other = make_coalition((make_collective("Far", "far", admin=cora), cora), name="Far Front")
    form = ActionCreateForm(collectives=Collective.objects.filter(pk=collective.pk))
    assert list(form.fields["coalition"].queryset) == [coalition]
    bound = ActionCreateForm(
        form_data(collective, coalition=other.pk),
        collectives=Collective.objects.filter(pk=collective.pk),
    )
    assert not bound.is_valid() and "coalition" in bound.errors


def test_form_refuses_a_coalition_of_another_of_the_users_collectives(
    gazetteer, alice, collective, coalition
):
    second = make_collective("Second Group", "second", admin=alice)
    collectives = Collective.objects.filter(pk__in=[collective.pk, second.pk])
    form = ActionCreateForm(form_data(second, coalition=coalition.pk), collectives=collectives)
    assert not form.is_valid() and "coalition" in form.errors


def test_posting_page_shows_the_coalition_field(client_as, coalition):
    page = client_as("alice").get(reverse("coalitions:action_create")).content.decode()
    assert "Post for a coalition" in page and "Ceasefire Front" in page


def test_posting_page_hides_it_without_coalitions(client_as, collective):
    assert (
        "Post for a coalition"
        not in client_as("alice").get(reverse("coalitions:action_create")).content.decode()
    )


def test_organizer_may_call_and_pledge(client_as, action, coalition, collective, network):
    olga = make_organizer(network)
    call = solidarity_call_create(
        action=action,
        coalition=coalition,
        collective=collective,
        by=collective.memberships.get(role="admin").user,
    )
    solidarity_pledge(call=call, collective=network, by=olga, headcount=4)
    assert pledged_total(action) == 4


def test_a_hidden_coalition_takes_no_call_nor_pledge(
    client_as, action, coalition, collective, alice, network, nora, mod
):
    from organizing.moderation.services.decisions import coalition_hide

    call = solidarity_call_create(
        action=action, coalition=coalition, collective=collective, by=alice
    )
    coalition_hide(coalition=coalition, moderator=mod, reason="Impersonation.")
    coalition.refresh_from_db()
    with pytest.raises(CoalitionError):
        solidarity_pledge(call=call, collective=network, by=nora, headcount=5)
    client = client_as("alice")
    page = client.get(reverse("coalitions:solidarity_call", args=[action.slug]))
    assert not page.context["has_choices"]  # a hidden coalition is not offered
    client.force_login(nora)
    assert client.get(reverse("coalitions:pledge", args=[call.pk])).status_code == 404
    inbox = client.get(reverse("partners:inbox", args=[network.slug])).content.decode()
    assert action.title not in inbox
