"""Peer vouching (issue 12, X8): admins with two-factor of verified collectives vouch, through a
signed link, for a pending collective they know; moderators see the vouches in the verification
queue with each voucher's record; vouches are never public."""

import datetime as dt

import pytest
from django.core import signing
from django.urls import reverse

from organizing.collectives.access import VOUCH_LINK_SALT, vouch_link_key
from organizing.collectives.models import CollectiveStatus, Membership, Vouch
from organizing.collectives.services.vouches import VouchError, collective_vouch, vouch_withdraw
from organizing.moderation.services import decisions
from organizing.partners.models import PartnerExclusion
from tests.conftest import enable_two_factor, login_with_two_factor, make_user
from tests.factories import make_collective

pytestmark = pytest.mark.django_db

SENTINEL = "Vouch-sentinel: we marched with them in Ottawa"


@pytest.fixture
def pia(db):
    return make_user("pia@example.org", display_name="Pia")


@pytest.fixture
def pending(pia):
    return make_collective("Nascent Group", "nascent", admin=pia, status=CollectiveStatus.PENDING)


def vouch_url(collective, key=None):
    return reverse("collectives:vouch", args=[collective.slug, key or vouch_link_key(collective)])


def vouch(client, pending, voucher, statement=SENTINEL):
    return client.post(vouch_url(pending), {"voucher": voucher.slug, "statement": statement})


@pytest.fixture
def alice_2fa(client, alice):
    return login_with_two_factor(client, alice)


# --- the link ----------------------------------------------------------------------------------


def test_the_pending_collectives_admins_see_the_vouch_link(client, pending, pia, collective, alice):
    client.force_login(pia)
    page = client.get(pending.get_absolute_url()).content.decode()
    assert reverse("collectives:vouch", args=[pending.slug, "x"])[:-2] in page
    member = make_user("max@example.org")
    Membership.objects.create(user=member, collective=pending, role="member")
    client.force_login(member)
    assert "/vouch/" not in client.get(pending.get_absolute_url()).content.decode()
    client.force_login(alice)  # a verified collective has no link
    assert "/vouch/" not in client.get(collective.get_absolute_url()).content.decode()


def test_an_admin_with_two_factor_of_a_verified_collective_vouches(
    alice_2fa, pending, collective, alice
):
    page = alice_2fa.get(vouch_url(pending))
    assert page.status_code == 200 and "Nascent Group" in page.content.decode()
    response = vouch(alice_2fa, pending, collective)
    assert response.status_code == 302
    saved = Vouch.objects.get()
    assert (saved.collective, saved.voucher, saved.author, saved.statement) == (
        pending,
        collective,
        alice,
        SENTINEL,
    )
    again = alice_2fa.get(vouch_url(pending)).content.decode()
    assert SENTINEL in again and "Withdraw the vouch" in again


def test_without_two_factor_the_admin_is_sent_to_set_it_up(client, alice, pending, collective):
    client.force_login(alice)
    response = vouch(client, pending, collective)
    assert response.status_code == 302 and "totp" in response["Location"]
    assert not Vouch.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client, pending):
    response = client.get(vouch_url(pending))
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("who", ["bob", "charlie", "pending_only_admin"])
def test_the_link_works_only_for_admins_of_verified_collectives(client, collective, pending, who):
    if who == "pending_only_admin":
        user = make_user("quinn@example.org")
        make_collective(
            "Other Pending", "other-pending", admin=user, status=CollectiveStatus.PENDING
        )
    else:
        user = make_user(f"{who}2@example.org")
        if who == "bob":  # a plain member of a verified collective
            Membership.objects.create(user=user, collective=collective, role="member")
    login_with_two_factor(client, user)
    assert client.get(vouch_url(pending)).status_code == 404
    assert vouch(client, pending, collective).status_code == 404
    assert not Vouch.objects.exists()


def test_bad_expired_or_borrowed_keys_get_404(alice_2fa, pending, collective):
    other = make_collective("Other Pending", "other-pending", status=CollectiveStatus.PENDING)
    assert alice_2fa.get(vouch_url(pending, "made-up")).status_code == 404
    assert alice_2fa.get(vouch_url(pending, vouch_link_key(other))).status_code == 404
    month_ago = (dt.datetime.now() - dt.timedelta(days=31)).timestamp()
    with pytest.MonkeyPatch.context() as patch:  # a link made 31 days ago
        patch.setattr(signing.time, "time", lambda: month_ago)
        old = signing.dumps(pending.pk, salt=VOUCH_LINK_SALT)
    assert alice_2fa.get(vouch_url(pending, old)).status_code == 404
    assert alice_2fa.get(vouch_url(pending)).status_code == 200  # a fresh one works


def test_once_verified_the_link_stops_working(alice_2fa, pending, mod):
    decisions.collective_verify(collective=pending, moderator=mod)
    assert alice_2fa.get(vouch_url(pending)).status_code == 404


def test_its_own_members_cannot_vouch_for_it(client, pending, pia, collective):
    Membership.objects.create(user=pia, collective=collective, role="admin")
    login_with_two_factor(client, pia)
    assert client.get(vouch_url(pending)).status_code == 403


def test_one_vouch_per_pair_and_a_statement_is_required(alice_2fa, pending, collective):
    assert vouch(alice_2fa, pending, collective).status_code == 302
    twice = vouch(alice_2fa, pending, collective, statement="Again")
    assert twice.status_code == 200 and twice.context["form"].errors["voucher"]
    empty = vouch(alice_2fa, pending, collective, statement="   ")
    assert empty.status_code == 200 and empty.context["form"].errors["statement"]
    too_long = vouch(alice_2fa, pending, collective, statement="x" * 501)
    assert too_long.status_code == 200 and too_long.context["form"].errors["statement"]
    assert Vouch.objects.count() == 1


@pytest.mark.parametrize("who_blocked", ["voucher", "pending"])
def test_a_blocked_pair_cannot_vouch(alice_2fa, pending, collective, alice, who_blocked):
    blocker, blocked = (collective, pending) if who_blocked == "voucher" else (pending, collective)
    PartnerExclusion.objects.create(collective=blocker, other=blocked, kind="blocked")
    assert alice_2fa.get(vouch_url(pending)).status_code == 404  # her only verified collective
    with pytest.raises(VouchError):
        collective_vouch(collective=pending, voucher=collective, author=alice, statement="x")
    assert not Vouch.objects.exists()


def test_a_vouch_can_be_withdrawn(alice_2fa, pending, collective):
    vouch(alice_2fa, pending, collective)
    url = reverse("collectives:vouch_withdraw", args=[pending.slug, vouch_link_key(pending)])
    assert alice_2fa.post(url, {"voucher": collective.slug}).status_code == 302
    assert not Vouch.objects.exists()
    assert alice_2fa.post(url, {"voucher": "nope"}).status_code == 404


def test_the_service_keeps_the_rules_for_every_caller(pending, collective, alice, bob, pia):
    enable_two_factor(bob)
    other_pending = make_collective(
        "Other Pending", "other-pending", admin=alice, status=CollectiveStatus.PENDING
    )
    with pytest.raises(VouchError):  # bob is a member, not an admin
        collective_vouch(collective=pending, voucher=collective, author=bob, statement="x")
    with pytest.raises(VouchError):  # alice has no two-factor yet
        collective_vouch(collective=pending, voucher=collective, author=alice, statement="x")
    enable_two_factor(alice)
    with pytest.raises(VouchError):  # a pending collective does not vouch
        collective_vouch(collective=pending, voucher=other_pending, author=alice, statement="x")
    made = collective_vouch(collective=pending, voucher=collective, author=alice, statement="x")
    with pytest.raises(VouchError):
        vouch_withdraw(vouch=made, author=bob)
    vouch_withdraw(vouch=made, author=alice)
    assert not Vouch.objects.exists()


# --- the moderators ------------------------------------------------------------------------------


@pytest.fixture
def track_record(pending, collective, alice, mod):
    """`collective` vouched for "Earlier Group", later verified then suspended, and now vouches
    for `pending`."""
    enable_two_factor(alice)
    earlier = make_collective("Earlier Group", "earlier", status=CollectiveStatus.PENDING)
    collective_vouch(collective=earlier, voucher=collective, author=alice, statement="Old friends")
    decisions.collective_verify(collective=earlier, moderator=mod)
    decisions.collective_suspend(collective=earlier, moderator=mod, reason="Fake group.")
    return collective_vouch(
        collective=pending, voucher=collective, author=alice, statement=SENTINEL
    )


def test_the_moderation_home_lists_pending_collectives_with_their_vouches(
    client, mod, track_record, django_assert_max_num_queries
):
    login_with_two_factor(client, mod)
    with django_assert_max_num_queries(16):
        page = client.get(reverse("admin:moderation_home")).content.decode()
    assert "Nascent Group" in page and SENTINEL in page and "Montréal Solidarity" in page
    assert "vouched for Earlier Group, suspended on" in page
    for n in range(4):  # more pending collectives, vouchers and records: the same queries
        voucher = make_collective(f"Voucher {n}", f"voucher-{n}", admin=track_record.author)
        target = make_collective(f"Pending {n}", f"pending-{n}", status=CollectiveStatus.PENDING)
        collective_vouch(
            collective=target, voucher=voucher, author=track_record.author, statement=f"Known {n}"
        )
    with django_assert_max_num_queries(16):
        page = client.get(reverse("admin:moderation_home")).content.decode()
    assert all(f"Known {n}" in page for n in range(4))


def test_the_collective_admin_page_shows_vouches_and_records(client, mod, track_record, pending):
    login_with_two_factor(client, mod)  # the Moderators group: no permission on Vouch itself
    page = client.get(
        reverse("admin:collectives_collective_change", args=[pending.pk])
    ).content.decode()
    assert SENTINEL in page and "vouched for Earlier Group, suspended on" in page
    queue = client.get(
        reverse("admin:collectives_collective_changelist"), {"status__exact": "pending"}
    )
    assert queue.status_code == 200
    assert [row.n_vouches for row in queue.context["cl"].result_list] == [1]


def test_vouches_are_on_no_public_page_feed_api_or_export(
    client, track_record, pending, collective, alice, pia
):
    public = [
        collective.get_absolute_url(),
        reverse("collectives:directory"),
        reverse("feeds:api_actions"),
        reverse("feeds:actions_rss"),
        reverse("feeds:actions_atom"),
        reverse("feeds:actions_ics"),
        "/",
    ]
    for url in public:
        assert SENTINEL not in client.get(url).content.decode(), url
    for user, group in ((alice, collective), (pia, pending)):  # as their own admins
        login_with_two_factor(client, user)
        for url in (
            group.get_absolute_url(),
            reverse("collectives:members", args=[group.slug]),
            reverse("collectives:export", args=[group.slug]),
        ):
            response = client.get(url)
            assert response.status_code == 200, url
            assert SENTINEL not in response.content.decode(), url
