"""Joint appeals: drafting, signing, withdrawing, re-signing, closed appeals, editing with
re-confirmation, inviting, the public roster, the CSV and the badge."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from organizing.appeals.models import Appeal, AppealInvitation, AppealSignature
from organizing.appeals.services import (
    AppealError,
    appeal_confirm,
    appeal_invite,
    appeal_sign,
    appeal_update,
    appeal_withdraw,
)
from organizing.collectives.models import (
    Collective,
    CollectiveKind,
    CollectiveStatus,
    Membership,
    MembershipRole,
)
from organizing.core.models import Cause
from organizing.outbox.models import OutboxMessage
from organizing.partners.models import ExclusionKind, PartnerExclusion
from tests.conftest import make_user
from tests.factories import draft, make_collective, make_organizer

pytestmark = pytest.mark.django_db


def edit(appeal, by, **changes) -> Appeal:
    values = {
        "title": appeal.title,
        "text": appeal.text,
        "demands": list(appeal.demands.all()),
        "opens_on": appeal.opens_on,
        "closes_on": appeal.closes_on,
        **changes,
    }
    return appeal_update(appeal=appeal, by=by, **values)


@pytest.fixture
def union(dockworkers):
    """Another verified collective; dora is its admin."""
    return dockworkers


@pytest.fixture
def appeal(collective, alice):
    return draft(collective, alice)


def page_of(client, appeal) -> str:
    return client.get(appeal.get_absolute_url()).content.decode()


# --- drafting ------------------------------------------------------------------------------


def test_create_publishes_with_the_initiators_signature(collective, alice):
    cause = Cause.objects.create(name="Ceasefire", slug="ceasefire")
    appeal = draft(collective, alice, demands=[cause])
    assert appeal.slug == "ceasefire-now"
    assert appeal.created_by == alice and appeal.initiator == collective
    assert appeal.text_version == 1 and appeal.accepts_signatures
    assert list(appeal.demands.all()) == [cause]
    signature = AppealSignature.objects.get(appeal=appeal)
    assert signature.collective == collective and signature.signed_by == alice
    assert signature.confirmed_version == 1 and signature.signed_at is not None


def test_create_gives_a_unique_slug(collective, alice):
    draft(collective, alice)
    assert draft(collective, alice).slug == "ceasefire-now-2"


def test_create_refuses_an_unverified_initiator(alice):
    pending = make_collective(
        "New Group", "new-group", admin=alice, status=CollectiveStatus.PENDING
    )
    with pytest.raises(AppealError, match="verified"):
        draft(pending, alice)


def test_create_refuses_a_plain_member(collective, bob):
    with pytest.raises(AppealError):
        draft(collective, bob)


def test_create_refuses_closing_before_opening(collective, alice):
    today = timezone.localdate()
    with pytest.raises(AppealError, match="close before it opens"):
        draft(collective, alice, opens_on=today, closes_on=today - timedelta(days=1))


def test_create_page_drafts_for_a_verified_collective(client_as, collective, alice):
    make_collective("Pending Group", "pending-group", admin=alice, status=CollectiveStatus.PENDING)
    client = client_as("alice")
    page = client.get(reverse("appeals:create")).content.decode()
    assert collective.name in page and "Pending Group" not in page
    response = client.post(
        reverse("appeals:create"),
        {
            "initiator": collective.pk,
            "title": "  Stop  the arms  sales ",
            "text": "Stop them.",
        },
    )
    appeal = Appeal.objects.get()
    assert response.status_code == 302 and response["Location"] == appeal.get_absolute_url()
    assert appeal.title == "Stop the arms sales"
    assert appeal.signatures.get().collective == collective


def test_create_page_keeps_the_typed_data_on_an_error(client_as, collective):
    response = client_as("alice").post(
        reverse("appeals:create"),
        {
            "initiator": collective.pk,
            "title": "Late",
            "text": "Some text",
            "opens_on": "2031-05-02",
            "closes_on": "2031-05-01",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "cannot close before it opens" in page and "Some text" in page
    assert not Appeal.objects.exists()


def test_create_page_explains_why_without_a_verified_collective(client_as, collective):
    page = client_as("bob").get(reverse("appeals:create")).content.decode()
    assert "only a verified collective can start one" in page
    assert 'name="title"' not in page


# --- signing -------------------------------------------------------------------------------


def test_sign_adds_a_standing_signature(appeal, union, dora):
    signature = appeal_sign(appeal=appeal, collective=union, by=dora)
    assert signature.is_standing and signature.signed_by == dora
    assert signature.confirmed_version == appeal.text_version
    assert set(appeal.signatories.all()) == {appeal.initiator, union}


def test_signing_twice_is_refused(appeal, union, dora):
    appeal_sign(appeal=appeal, collective=union, by=dora)
    with pytest.raises(AppealError, match="already signed"):
        appeal_sign(appeal=appeal, collective=union, by=dora)
    assert AppealSignature.objects.filter(appeal=appeal, collective=union).count() == 1


def test_only_an_admin_signs(appeal, union):
    organizer = make_organizer(union)
    with pytest.raises(AppealError, match="admins"):
        appeal_sign(appeal=appeal, collective=union, by=organizer)


def test_an_unverified_collective_cannot_sign(appeal, dora):
    pending = make_collective("Pending", "pending", admin=dora, status=CollectiveStatus.PENDING)
    with pytest.raises(AppealError, match="verified"):
        appeal_sign(appeal=appeal, collective=pending, by=dora)


def test_sign_through_the_page(client_as, appeal, union, dora):
    client = client_as("dora")
    assert "Sign the appeal" in page_of(client, appeal)
    response = client.post(
        reverse("appeals:sign", args=[appeal.slug]), {"collective": union.pk}, follow=True
    )
    assert response.redirect_chain[-1][0] == appeal.get_absolute_url()
    page = response.content.decode()
    assert "Ottawa Dockworkers Union signed the appeal." in page
    assert "Withdraw the signature" in page and "Sign the appeal" not in page
    assert AppealSignature.objects.get(appeal=appeal, collective=union).is_standing


def test_sign_form_lets_an_admin_of_several_collectives_choose(client_as, appeal, union, dora):
    make_collective(
        "Ottawa Students", "ottawa-students", admin=dora, kind=CollectiveKind.STUDENT_GROUP
    )
    page = page_of(client_as("dora"), appeal)
    assert '<select name="collective"' in page and "Ottawa Students" in page


def test_withdraw_then_sign_again(appeal, union, dora):
    first = appeal_sign(appeal=appeal, collective=union, by=dora)
    withdrawn = appeal_withdraw(appeal=appeal, collective=union, by=dora)
    assert withdrawn.withdrawn_at is not None and not withdrawn.is_standing
    with pytest.raises(AppealError, match="has not signed"):
        appeal_withdraw(appeal=appeal, collective=union, by=dora)
    again = appeal_sign(appeal=appeal, collective=union, by=dora)
    assert again.pk == first.pk and again.is_standing
    assert again.signed_at >= first.signed_at
    assert AppealSignature.objects.filter(appeal=appeal, collective=union).count() == 1


def test_withdraw_is_allowed_after_closing(appeal, union, dora):
    appeal_sign(appeal=appeal, collective=union, by=dora)
    Appeal.objects.filter(pk=appeal.pk).update(closes_on=timezone.localdate() - timedelta(days=1))
    appeal.refresh_from_db()
    assert appeal_withdraw(appeal=appeal, collective=union, by=dora).withdrawn_at is not None


def test_withdraw_through_the_page(client_as, appeal, union, dora):
    appeal_sign(appeal=appeal, collective=union, by=dora)
    response = client_as("dora").post(
        reverse("appeals:withdraw", args=[appeal.slug]),
        {"collective": union.pk},
        follow=True,
    )
    page = response.content.decode()
    assert "withdrew its signature" in page
    roster = page.split('id="signatories-title"')[1].split("</section>")[0]
    assert "Ottawa Dockworkers Union" not in roster


@pytest.mark.parametrize("closing", ["closed_yesterday", "opens_tomorrow", "record"])
def test_a_closed_appeal_refuses_signatures(client_as, appeal, union, dora, closing):
    today = timezone.localdate()
    changes = {
        "closed_yesterday": {"closes_on": today - timedelta(days=1)},
        "opens_tomorrow": {"opens_on": today + timedelta(days=1)},
        "record": {"accepts_signatures": False},
    }[closing]
    Appeal.objects.filter(pk=appeal.pk).update(**changes)
    appeal.refresh_from_db()
    expected = {
        "closed_yesterday": "Signing closed on",
        "opens_tomorrow": "Signing opens on",
        "record": "record of a past appeal",
    }[closing]
    with pytest.raises(AppealError, match=expected):
        appeal_sign(appeal=appeal, collective=union, by=dora)
    client = client_as("dora")
    page = page_of(client, appeal)
    assert expected in page and "Sign the appeal" not in page
    response = client.post(
        reverse("appeals:sign", args=[appeal.slug]), {"collective": union.pk}, follow=True
    )
    assert expected in response.content.decode()
    assert not AppealSignature.objects.filter(collective=union).exists()


def test_a_hidden_appeal_refuses_signatures_and_invitations(client_as, appeal, union, dora, alice):
    Appeal.objects.filter(pk=appeal.pk).update(hidden_at=timezone.now())
    appeal.refresh_from_db()
    with pytest.raises(AppealError, match="moderators hid this appeal"):
        appeal_sign(appeal=appeal, collective=union, by=dora)
    with pytest.raises(AppealError, match="moderators hid this appeal"):
        appeal_invite(appeal=appeal, collectives=[union], by=alice)
    assert not AppealInvitation.objects.exists()
    client = client_as("dora")
    assert client.get(appeal.get_absolute_url()).status_code == 404
    response = client.post(reverse("appeals:sign", args=[appeal.slug]), {"collective": union.pk})
    assert response.status_code == 404
    assert not AppealSignature.objects.filter(collective=union).exists()
    appeal.hidden_at = None
    appeal.save(update_fields=["hidden_at"])
    assert appeal_sign(appeal=appeal, collective=union, by=dora).is_standing


# --- editing and confirming ----------------------------------------------------------------


def test_editing_the_text_after_signatures_asks_signers_to_confirm(
    client_as,
    django_capture_on_commit_callbacks,
    appeal,
    union,
    dora,
    alice,
):
    appeal_sign(appeal=appeal, collective=union, by=dora)
    with django_capture_on_commit_callbacks(execute=True):
        appeal = edit(appeal, alice, text="We call for an immediate and lasting ceasefire.")
    assert appeal.text_version == 2
    mail = OutboxMessage.objects.get(to="dora@example.org")
    assert "Ceasefire now" in mail.subject and "confirm" in mail.subject
    assert appeal.get_absolute_url() in mail.body_text and "version 2" in mail.body_text
    assert not OutboxMessage.objects.filter(to="alice@example.org").exists()
    initiator = AppealSignature.objects.get(appeal=appeal, collective=appeal.initiator)
    assert initiator.confirmed_version == 2

    client = client_as("dora")
    page = page_of(client, appeal)
    assert page.count("signed version 1, not yet confirmed") == 1
    assert "Confirm the new version" in page
    response = client.post(
        reverse("appeals:confirm", args=[appeal.slug]),
        {"collective": union.pk},
        follow=True,
    )
    page = response.content.decode()
    assert "confirmed its signature" in page and "not yet confirmed" not in page
    assert AppealSignature.objects.get(collective=union).confirmed_version == 2
    with pytest.raises(AppealError, match="already stands behind"):
        appeal_confirm(appeal=appeal, collective=union, by=dora)


def test_editing_before_other_signatures_keeps_the_version(appeal, alice):
    appeal = edit(appeal, alice, text="A better text.", title="Ceasefire now!")
    assert appeal.text_version == 1 and appeal.text == "A better text."
    assert appeal.slug == "ceasefire-now"
    assert not OutboxMessage.objects.exists()


def test_editing_only_the_dates_keeps_the_version(appeal, union, dora, alice):
    appeal_sign(appeal=appeal, collective=union, by=dora)
    closes = timezone.localdate() + timedelta(days=30)
    appeal = edit(appeal, alice, closes_on=closes)
    assert appeal.text_version == 1 and appeal.closes_on == closes
    assert not OutboxMessage.objects.exists()


def test_a_withdrawn_signer_is_not_asked_to_confirm(appeal, union, dora, alice):
    appeal_sign(appeal=appeal, collective=union, by=dora)
    appeal_withdraw(appeal=appeal, collective=union, by=dora)
    assert edit(appeal, alice, text="New text").text_version == 1
    assert not OutboxMessage.objects.exists()


def test_re_signing_after_an_edit_stands_behind_the_current_version(appeal, union, dora, alice):
    other = make_collective("Other", "other", admin=make_user("o@example.org"))
    appeal_sign(appeal=appeal, collective=other, by=other.memberships.get().user)
    appeal_sign(appeal=appeal, collective=union, by=dora)
    appeal_withdraw(appeal=appeal, collective=union, by=dora)
    appeal = edit(appeal, alice, text="New text")
    assert appeal.text_version == 2
    assert appeal_sign(appeal=appeal, collective=union, by=dora).confirmed_version == 2


def test_edit_page_warns_and_saves(client_as, appeal, union, dora):
    appeal_sign(appeal=appeal, collective=union, by=dora)
    client = client_as("alice")
    url = reverse("appeals:edit", args=[appeal.slug])
    assert "confirm the new version" in client.get(url).content.decode()
    response = client.post(url, {"title": appeal.title, "text": "Changed."}, follow=True)
    assert "asked the signatories to confirm" in response.content.decode()
    appeal.refresh_from_db()
    assert appeal.text == "Changed." and appeal.text_version == 2


def test_only_the_initiators_organizers_edit(appeal, union, dora, bob):
    for someone in (dora, bob):
        with pytest.raises(AppealError):
            edit(appeal, someone, text="Hijacked")


# --- inviting ------------------------------------------------------------------------------


def test_invite_emails_admins_and_skips_the_rest(
    django_capture_on_commit_callbacks,
    appeal,
    union,
    alice,
    collective,
):
    pending = make_collective(
        "Pending", "pending", admin=make_user("p@example.org"), status=CollectiveStatus.PENDING
    )
    blocked = make_collective("Blocked", "blocked", admin=make_user("b@example.org"))
    PartnerExclusion.objects.create(
        collective=blocked, other=collective, kind=ExclusionKind.BLOCKED
    )
    signed = make_collective("Signed", "signed", admin=make_user("s@example.org"))
    appeal_sign(appeal=appeal, collective=signed, by=signed.memberships.get().user)
    with django_capture_on_commit_callbacks(execute=True):
        invited = appeal_invite(
            appeal=appeal, by=alice, collectives=[union, pending, blocked, signed, collective]
        )
    assert invited == [union]
    assert list(AppealInvitation.objects.values_list("collective__slug", flat=True)) == [
        "dockworkers"
    ]
    mail = OutboxMessage.objects.get()
    assert mail.to == "dora@example.org" and "Ceasefire now" in mail.subject
    assert "Montréal Solidarity Collective invites Ottawa Dockworkers Union" in mail.body_text
    assert appeal_invite(appeal=appeal, by=alice, collectives=[union]) == []


def test_invite_page_offers_only_invitable_collectives(client_as, appeal, union, collective):
    blocked = make_collective("Blocked Group", "blocked", admin=make_user("b@example.org"))
    PartnerExclusion.objects.create(
        collective=collective, other=blocked, kind=ExclusionKind.BLOCKED
    )
    client = client_as("alice")
    url = reverse("appeals:invite", args=[appeal.slug])
    page = client.get(url).content.decode()
    assert "Ottawa Dockworkers Union" in page and "Blocked Group" not in page
    response = client.post(url, {"collectives": [union.pk]}, follow=True)
    assert "1 collective invited." in response.content.decode()
    assert AppealInvitation.objects.filter(appeal=appeal, collective=union).exists()


# --- the public roster ---------------------------------------------------------------------


def test_roster_shows_verified_signatories_with_badges_and_dates(client, appeal, union, dora):
    appeal_sign(appeal=appeal, collective=union, by=dora)
    undated = make_collective("Undated Union", "undated", admin=make_user("u@example.org"))
    appeal_sign(appeal=appeal, collective=undated, by=undated.memberships.get().user)
    AppealSignature.objects.filter(collective=undated).update(signed_at=None)
    hidden = []
    for status in (CollectiveStatus.PENDING, CollectiveStatus.SUSPENDED):
        other = make_collective(
            f"Hidden {status}", f"hidden-{status}", admin=make_user(f"{status}@example.org")
        )
        appeal_sign(appeal=appeal, collective=other, by=other.memberships.get().user)
        Collective.objects.filter(pk=other.pk).update(status=status)
        hidden.append(other.name)
    gone = make_collective("Withdrawn Union", "withdrawn", admin=make_user("w@example.org"))
    appeal_sign(appeal=appeal, collective=gone, by=gone.memberships.get().user)
    appeal_withdraw(appeal=appeal, collective=gone, by=gone.memberships.get().user)

    page = page_of(client, appeal)
    roster = page.split('id="signatories-title"')[1].split("</section>")[0]
    for name in ("Montréal Solidarity Collective", "Ottawa Dockworkers Union", "Undated Union"):
        assert name in roster
    for name in [*hidden, "Withdrawn Union"]:
        assert name not in roster
    assert roster.count("(verified collective)</span>") == 3
    assert roster.count("<time datetime=") == 2
    assert "date not reported" in roster
    assert "Signed by 3 organizations" in roster
    assert roster.index("Ottawa Dockworkers Union") < roster.index("Undated Union")


def test_seeded_btselem_appeal_shows_its_unnamed_signatories(client, seeded):
    appeal = Appeal.objects.get(slug="btselem-appeal-stop-forced-transfer")
    assert not appeal.accepts_signatures
    page = page_of(client, appeal)
    assert "and 30 organizations not named in the source" in page
    assert "Signed by 31 organizations" in page
    assert "record of a past appeal" in page and "Closed for signatures" in page
    assert "date not reported" in page


def test_seeded_appeals_are_read_only_records(seeded):
    assert not Appeal.objects.filter(accepts_signatures=True).exists()
    union = Collective.objects.get(slug="ue")
    admin = make_user("ue-admin@example.org")
    Membership.objects.create(user=admin, collective=union, role=MembershipRole.ADMIN)
    appeal = Appeal.objects.get(slug="us-unions-ceasefire-call")
    with pytest.raises(AppealError, match="record"):
        appeal_withdraw(appeal=appeal, collective=union, by=admin)


# --- CSV and badge -------------------------------------------------------------------------


def read_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_csv_lists_the_public_roster(client, appeal, union, dora):
    appeal_sign(appeal=appeal, collective=union, by=dora)
    response = client.get(reverse("appeals:csv", args=[appeal.slug]))
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == (
        'attachment; filename="ceasefire-now-signatories.csv"'
    )
    rows = read_csv(response)
    assert rows[0] == [
        "Collective",
        "Kind",
        "Country",
        "City",
        "Verified",
        "Signed on",
        "Confirmed text version",
    ]
    today = timezone.now().date().isoformat()
    assert rows[1:] == [
        [
            "Montréal Solidarity Collective",
            "Local mobilization collective",
            "CA",
            "Montréal",
            "yes",
            today,
            "1",
        ],
        ["Ottawa Dockworkers Union", "Trade union", "CA", "Ottawa", "yes", today, "1"],
    ]


def test_csv_guards_against_formula_injection(client, appeal):
    for n, name in enumerate(['=HYPERLINK("http://evil")', "+1 Union", "-Minus", "@Sum"]):
        other = make_collective(
            name, f"evil-{n}", admin=make_user(f"e{n}@example.org"), city="=cmd|' /C calc'!A0"
        )
        appeal_sign(appeal=appeal, collective=other, by=other.memberships.get().user)
    rows = read_csv(client.get(reverse("appeals:csv", args=[appeal.slug])))
    names = {row[0] for row in rows[1:]}
    assert names >= {'\'=HYPERLINK("http://evil")', "'+1 Union", "'-Minus", "'@Sum"}
    assert all(not row[0].startswith(("=", "+", "-", "@")) for row in rows)
    assert all(row[3].startswith("'=") for row in rows[1:] if row[0].startswith("'"))


def test_csv_ends_with_the_unnamed_signatories(client, seeded):
    response = client.get(reverse("appeals:csv", args=["btselem-appeal-stop-forced-transfer"]))
    rows = read_csv(response)
    assert rows[1][0] == "B'Tselem" and rows[1][5] == ""
    assert rows[-1][0].startswith("30 organizations not named")
    assert len(rows) == 3


def test_badge_is_an_svg_with_the_count(client, appeal, union, dora):
    appeal_sign(appeal=appeal, collective=union, by=dora)
    response = client.get(reverse("appeals:badge", args=[appeal.slug]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert "max-age=300" in response["Cache-Control"]
    assert response["Cross-Origin-Resource-Policy"] == "cross-origin"
    svg = response.content.decode()
    assert svg.startswith("<svg") and "2 organizations" in svg and "signed by" in svg


def test_badge_escapes_the_title(client, collective, alice):
    appeal = draft(collective, alice, title='<script>alert("x")</script> & co')
    svg = client.get(reverse("appeals:badge", args=[appeal.slug])).content.decode()
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "&amp; co" in svg
    assert "1 organization<" in svg


def test_badge_counts_the_unnamed_signatories(client, seeded):
    svg = client.get(
        reverse("appeals:badge", args=["btselem-appeal-stop-forced-transfer"])
    ).content.decode()
    assert "31 organizations" in svg


def test_page_offers_the_csv_and_the_badge_snippet(client, appeal):
    page = page_of(client, appeal)
    assert reverse("appeals:csv", args=[appeal.slug]) in page
    assert '<label for="badge-snippet"' in page
    snippet = page.split('id="badge-snippet"')[1].split("</textarea>")[0]
    assert "&lt;a href=&quot;http" in snippet and "badge.svg" in snippet


# --- the list and query counts -------------------------------------------------------------


def test_list_shows_open_appeals_first_with_counts(client, collective, alice, union, dora):
    closed = draft(collective, alice, title="Old appeal")
    Appeal.objects.filter(pk=closed.pk).update(closes_on=timezone.localdate() - timedelta(days=1))
    open_appeal = draft(collective, alice, title="New appeal")
    appeal_sign(appeal=open_appeal, collective=union, by=dora)
    page = client.get(reverse("appeals:list")).content.decode()
    assert page.index("New appeal") < page.index("Old appeal")
    assert "signed by 2 organizations" in page and "signed by 1 organization<" in page


def test_list_runs_a_fixed_number_of_queries(
    client, collective, alice, union, dora, django_assert_max_num_queries
):
    for n in range(25):
        appeal = draft(collective, alice, title=f"Appeal {n}")
        appeal_sign(appeal=appeal, collective=union, by=dora)
    with django_assert_max_num_queries(3):
        response = client.get(reverse("appeals:list"))
    assert response.content.decode().count("signed by 2 organizations") == 20
    with django_assert_max_num_queries(3):
        client.get(reverse("appeals:list"), {"page": 2})


def test_detail_runs_a_fixed_number_of_queries(
    client_as, appeal, dora, django_assert_max_num_queries
):
    for n in range(15):
        other = make_collective(f"Signer {n}", f"signer-{n}", admin=make_user(f"s{n}@e.org"))
        appeal_sign(appeal=appeal, collective=other, by=other.memberships.get().user)
    appeal.demands.set([Cause.objects.create(name="Ceasefire", slug="ceasefire")])
    with django_assert_max_num_queries(3):
        client_as("anonymous").get(appeal.get_absolute_url())
    make_collective("Ottawa Dockworkers Union", "dockworkers", admin=dora)
    client = client_as("dora")
    with django_assert_max_num_queries(8):
        page = client.get(appeal.get_absolute_url()).content.decode()
    assert page.count("Signer ") == 15


def test_a_withdrawn_signature_leaves_the_collectives_page(client, collective, alice):
    from organizing.appeals.services import appeal_withdraw

    appeal = draft(collective, alice)
    assert appeal.title in client.get(collective.get_absolute_url()).content.decode()
    appeal_withdraw(appeal=appeal, collective=collective, by=alice)
    assert appeal.title not in client.get(collective.get_absolute_url()).content.decode()
