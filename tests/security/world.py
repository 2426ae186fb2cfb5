"""The fixture world of the security gates (tests/security/, tests/e2e/test_xss_corpus.py).

Two verified collectives with their casts (A: admin, organizer, member; B: its admin, who is
the "outsider" of A), a suspended and a pending collective, and the objects whose privacy the
gates pin: an action of A co-hosted by the suspended collective, a cancelled action of the
suspended one, a draft, a hidden action, a hidden coalition and a hidden appeal, a hosts-only
address action with RSVPs, a join request, an invitation, a report, a vouch. Each private
datum carries a sentinel string so that a leak is one substring search away.

"Unlisted" actions do not exist yet (issue 18): when they land, add one here and to the
matrix (an unlisted action is 200 by its link and absent from every listing).

Data goes through the services where they are cheap and through the ORM where a service would
need a whole flow (an accepted co-host, a suspended collective's cancelled action).
"""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from organizing.actions.models import (
    Action,
    ActionHost,
    Announcement,
    HostConsent,
    Rsvp,
    new_action_slug,
)
from organizing.appeals.models import AppealSignature
from organizing.appeals.services import appeal_create
from organizing.coalitions.models import SolidarityCall
from organizing.coalitions.services.coalitions import coalition_create
from organizing.collectives.models import (
    Collective,
    CollectiveStatus,
    Membership,
    MembershipRole,
    Vouch,
)
from organizing.collectives.services.members import invitation_create, join_request_create
from organizing.core.models import Cause
from organizing.moderation.models import Decision, Report, ReportCase
from organizing.moderation.services import decisions
from organizing.partners.models import PartnershipProposal
from tests.conftest import enable_two_factor, login_with_two_factor, make_user, moderators_group

# Sentinels: each private datum of the world contains one, and no page, feed, export or email
# may show it to a role that may not see it. Distinct words so a failure names the datum.
HIDDEN_ADDRESS = "17 Sentinelhostsonly Lane"  # hosts-only exact address
PARTICIPANT_ADDRESS = "9 Sentinelparticipants Yard"  # participants-only exact address
REVEAL_ADDRESS = "5 Sentinelreveal Alley"  # participants-only, revealed 2 hours before
ATTENDEE_NAME = "Zelda Sentinelattendee"
ATTENDEE_EMAIL = "zelda.sentinelattendee@example.net"
WAITLISTED_NAME = "Yusuf Sentinelwaitlist"
WAITLISTED_EMAIL = "yusuf.sentinelwaitlist@example.net"
MEMBER_EMAIL = "mina.sentinelmember@example.org"  # a plain member's own address
CONTACT_EMAIL = "sentinel-contact@example.org"  # collective A's private contact address
REQUESTER_EMAIL = "rhea.sentinelrequester@example.org"  # asked to join A
REQUESTER_NAME = "Rhea Sentinelrequester"
INVITED_EMAIL = "ivan.sentinelinvited@example.org"  # invited to A by email
REPORTER_EMAIL = "remy.sentinelreporter@example.org"
REPORTER_NAME = "Remy Sentinelreporter"
REPORT_NOTE = "Sentinelreportnote: the reporter's own words"
VOUCH_STATEMENT = "Sentinelvouch: we marched with them for two years"

# A suspended collective vanishes from every path, also as a co-host (hole 1); its name is a
# sentinel too.
SUSPENDED_NAME = "Suspended Sycamore"

SENTINELS = {
    "suspended name": SUSPENDED_NAME,
    "hidden address": HIDDEN_ADDRESS,
    "participants address": PARTICIPANT_ADDRESS,
    "reveal address": REVEAL_ADDRESS,
    "attendee name": ATTENDEE_NAME,
    "attendee email": ATTENDEE_EMAIL,
    "waitlisted name": WAITLISTED_NAME,
    "waitlisted email": WAITLISTED_EMAIL,
    "member email": MEMBER_EMAIL,
    "contact email": CONTACT_EMAIL,
    "requester email": REQUESTER_EMAIL,
    "requester name": REQUESTER_NAME,
    "invited email": INVITED_EMAIL,
    "reporter email": REPORTER_EMAIL,
    "reporter name": REPORTER_NAME,
    "report note": REPORT_NOTE,
    "vouch statement": VOUCH_STATEMENT,
}

MONTREAL = {
    "city": "Montréal",
    "country": "CA",
    "timezone": "America/Toronto",
    "latitude": 45.50884,
    "longitude": -73.58781,
}
ROLES = (
    "anonymous",
    "outsider",
    "member",
    "organizer",
    "admin",
    "admin_no2fa",
    "moderator",
    "staff",
)
# People who RSVPed with an account (tests/security/test_sentinels.py only).
PARTICIPANTS = ("confirmed", "waitlisted")


@dataclass
class World:
    users: dict = field(default_factory=dict)
    A: Collective = None
    B: Collective = None
    S: Collective = None  # suspended
    P: Collective = None  # pending
    objects: dict = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.__dict__["objects"][name]
        except KeyError:
            raise AttributeError(name) from None

    def client_for(self, role: str):
        """A test client logged in as `role` (see ROLES): two-factor sessions for the admin,
        the organizer, the outsider (B's admin) and the moderator; none for `staff`."""
        from django.test import Client

        client = Client()
        if role == "anonymous":
            return client
        user = self.users[role]
        if role in ("staff", "member", "admin_no2fa", "confirmed", "waitlisted"):
            client.force_login(user)
        else:
            login_with_two_factor(client, user)
        return client


def _collective(name, slug, status=CollectiveStatus.VERIFIED, **extra) -> Collective:
    values = {"kind": "local_collective", **MONTREAL, **extra}
    values.pop("timezone")
    return Collective.objects.create(name=name, slug=slug, status=status, **values)


def _action(title, lead, *, status="published", days=10, **extra) -> Action:
    start = timezone.now().replace(microsecond=0) + dt.timedelta(days=days)
    values = {
        "kind": "vigil",
        "status": status,
        "starts_at": start,
        "ends_at": start + dt.timedelta(hours=2),
        "published_at": timezone.now() if status != "draft" else None,
        "description": f"{title}: bring candles.",
        **MONTREAL,
        **extra,
    }
    action = Action.objects.create(title=title, slug=new_action_slug(title), **values)
    ActionHost.objects.create(
        action=action, collective=lead, role="lead", consent=HostConsent.ACCEPTED
    )
    return action


def _member(collective, email, name, role, *, two_factor=False):
    user = make_user(email, display_name=name)
    Membership.objects.create(user=user, collective=collective, role=role)
    if two_factor:
        enable_two_factor(user)
    return user


def build_world() -> World:
    w = World()
    cause = Cause.objects.create(name="Ceasefire", slug="ceasefire")
    w.A = _collective("Alder Street Collective", "alder-street", contact_email=CONTACT_EMAIL)
    w.A.causes.add(cause)
    w.B = _collective("Birch Lane Union", "birch-lane", contact_email="birch@example.org")
    w.S = _collective(SUSPENDED_NAME, "suspended-sycamore")
    w.P = _collective("Pending Poplar", "pending-poplar", status=CollectiveStatus.PENDING)
    w.users["admin"] = _member(w.A, "ada@example.org", "Ada", MembershipRole.ADMIN, two_factor=True)
    w.users["organizer"] = _member(
        w.A, "orla@example.org", "Orla", MembershipRole.ORGANIZER, two_factor=True
    )
    # A second admin of A who never turned two-factor on: no attendee data, no export, no
    # deletion (issue 12, hole 3: whoever reads or destroys other people's data has it on).
    w.users["admin_no2fa"] = _member(w.A, "abe@example.org", "Abe", MembershipRole.ADMIN)
    w.users["member"] = _member(w.A, MEMBER_EMAIL, "Mina", MembershipRole.MEMBER)
    w.users["outsider"] = _member(
        w.B, "otto@example.org", "Otto", MembershipRole.ADMIN, two_factor=True
    )
    w.users["b_member"] = _member(w.B, "bea@example.org", "Bea", MembershipRole.MEMBER)
    w.users["s_admin"] = _member(
        w.S, "sam@example.org", "Sam", MembershipRole.ADMIN, two_factor=True
    )
    w.users["p_admin"] = _member(
        w.P, "pia@example.org", "Pia", MembershipRole.ADMIN, two_factor=True
    )
    moderator = make_user("mod@example.org", display_name="Mod", is_staff=True)
    moderator.groups.add(moderators_group())
    enable_two_factor(moderator)
    w.users["moderator"] = moderator
    staff = make_user("stan@example.org", display_name="Stan", is_staff=True)
    staff.groups.add(moderators_group())
    w.users["staff"] = staff  # staff without two-factor: outsider behaviour on the site
    requester = make_user(REQUESTER_EMAIL, display_name=REQUESTER_NAME)
    reporter = make_user(REPORTER_EMAIL, display_name=REPORTER_NAME)
    w.users["requester"], w.users["reporter"] = requester, reporter
    o = w.objects

    # Actions of A: published (co-hosted by S, which is suspended below), hosts-only address,
    # participants-only address, draft, hidden; B's own; S's cancelled one.
    o["pub"] = _action("Vigil on Alder Street", w.A)
    o["pub"].causes.add(cause)
    ActionHost.objects.create(
        action=o["pub"], collective=w.S, role="co_host", consent=HostConsent.ACCEPTED
    )
    o["pub_host_s"] = ActionHost.objects.get(action=o["pub"], collective=w.S)
    o["hosts_only"] = _action(
        "Blockade at the depot",
        w.A,
        venue="The depot",
        address=HIDDEN_ADDRESS,
        area_label="Near the port",
        location_visibility="hosts",
    )
    o["participants"] = _action(
        "Teach-in at the hall",
        w.A,
        address=PARTICIPANT_ADDRESS,
        area_label="Plateau",
        location_visibility="participants",
    )
    o["later_reveal"] = _action(
        "Picnic at the park",
        w.A,
        address=REVEAL_ADDRESS,
        area_label="Jarry park",
        location_visibility="participants",
        reveal_hours_before=2,
    )
    o["draft"] = _action("Draft walkout", w.A, status="draft")
    o["hidden"] = _action("Hidden rally", w.A)
    o["b_pub"] = _action("Birch Lane picket", w.B)
    o["s_cancelled"] = _action("Sycamore march", w.S, status="cancelled")
    o["s_pub"] = _action("Sycamore vigil", w.S)
    # B co-hosts the participants-only action, accepted, without the lead's grant of the
    # attendee data (hole 4): its admin sees neither the attendees nor the exact place.
    ActionHost.objects.create(
        action=o["participants"], collective=w.B, role="co_host", consent=HostConsent.ACCEPTED
    )
    # B invited to co-host the draft (an invitation B's admin answers at host_respond).
    o["invite_b"] = ActionHost.objects.create(
        action=o["draft"], collective=w.B, role="co_host", consent=HostConsent.INVITED
    )
    for action in (o["hosts_only"], o["participants"], o["pub"]):
        Rsvp.objects.create(
            action=action,
            name=ATTENDEE_NAME,
            email=ATTENDEE_EMAIL,
            status="confirmed",
            token=f"c{action.pk:039d}",
        )
        Rsvp.objects.create(
            action=action,
            name=WAITLISTED_NAME,
            email=WAITLISTED_EMAIL,
            status="waitlisted",
            token=f"w{action.pk:039d}",
        )
    # Two participants with accounts: confirmed and waitlisted on the private-place actions.
    for role, status in (("confirmed", "confirmed"), ("waitlisted", "waitlisted")):
        user = make_user(f"{role}@example.net", display_name=role.title())
        w.users[role] = user
        for action in (o["hosts_only"], o["participants"], o["later_reveal"]):
            Rsvp.objects.create(
                action=action,
                user=user,
                name=user.display_name,
                email=user.email,
                status=status,
                token=f"{role[0]}{role[1]}{action.pk:038d}",
            )
    # Private calendar feeds (feeds:personal_ics): the member's (A's published actions), and
    # the participants' (their RSVPs to the private-place actions).
    for role in ("member", "confirmed", "waitlisted"):
        user = w.users[role]
        user.calendar_token = f"sentinel-feed-{role}-" + "k" * 24
        user.save(update_fields=["calendar_token"])
    o["rsvp"] = Rsvp.objects.get(action=o["hosts_only"], email=ATTENDEE_EMAIL)
    o["pending_rsvp"] = Rsvp.objects.create(
        action=o["hosts_only"],
        name="Pat Pending",
        email="pat@example.net",
        status="pending",
        token="p" * 40,
    )
    o["announcement"] = Announcement.objects.create(
        action=o["hosts_only"],
        sender=w.users["organizer"],
        subject="Meeting point",
        body="Meet at the depot gate.",
        recipient_count=1,
    )

    # Coalitions and appeals: K coordinated by A with B as a member; KH hidden; appeals.
    admin, outsider = w.users["admin"], w.users["outsider"]
    o["coalition"] = coalition_create(
        name="Alder-Birch Front",
        founders=[(w.A, admin)],
        points_of_unity="1. Ceasefire now.",
        created_by=admin,
    )
    from organizing.coalitions.services.coalitions import (
        coalition_invite,
        coalition_membership_answer,
    )

    membership = coalition_invite(
        coalition=o["coalition"],
        collective=w.B,
        by=admin,
        inviting_collective=w.A,
        message="Join us",
    )
    o["b_membership"] = coalition_membership_answer(membership=membership, by=outsider, accept=True)
    o["hidden_coalition"] = coalition_create(
        name="Hidden Hornbeam Front", founders=[(w.A, admin)], created_by=admin
    )
    o["appeal"] = appeal_create(
        initiator=w.A,
        by=admin,
        title="Stop the shipments",
        text="We call for an end to arms shipments.",
        demands=[],
        opens_on=None,
        closes_on=None,
    )
    o["hidden_appeal"] = appeal_create(
        initiator=w.A,
        by=admin,
        title="Hidden appeal",
        text="A text the moderators took down.",
        demands=[],
        opens_on=None,
        closes_on=None,
    )
    AppealSignature.objects.create(
        appeal=o["appeal"],
        collective=w.B,
        signed_by=outsider,
        signed_at=timezone.now(),
        confirmed_version=1,
    )
    o["proposal"] = PartnershipProposal.objects.create(
        from_collective=w.A,
        to_collective=w.B,
        kind="new_coalition",
        message="Shall we act together?",
        coalition_name="Alder–Birch Spring",
        draft_points="1. Ceasefire.",
        proposed_by=admin,
    )
    o["call"] = SolidarityCall.objects.create(
        action=o["pub"], coalition=o["coalition"], collective=w.A, message="Come!", created_by=admin
    )

    # Membership paperwork of A.
    # Through the services: they write the members-page history (hole 9) and the emails.
    o["join_request"] = join_request_create(collective=w.A, user=requester, message="Let me in")
    o["invitation"] = invitation_create(collective=w.A, invited_by=admin, email=INVITED_EMAIL)
    o["member_membership"] = Membership.objects.get(collective=w.A, user=w.users["member"])

    # Moderation: a report on the published action, a vouch for P, decisions on A.
    case = ReportCase.objects.create(
        target_kind="action", target_slug=o["pub"].slug, collective=w.A
    )
    o["report"] = Report.objects.create(
        case=case,
        target_kind="action",
        target_slug=o["pub"].slug,
        reason="fake",
        note=REPORT_NOTE,
        reporter=reporter,
    )
    o["vouch"] = Vouch.objects.create(
        collective=w.P, voucher=w.B, author=outsider, statement=VOUCH_STATEMENT
    )
    decisions.action_hide(action=o["hidden"], moderator=moderator, reason="Provocation.")
    decisions.coalition_hide(
        coalition=o["hidden_coalition"], moderator=moderator, reason="Impersonation."
    )
    decisions.appeal_hide(appeal=o["hidden_appeal"], moderator=moderator, reason="Incitement.")
    decisions.collective_suspend(collective=w.S, moderator=moderator, reason="Fake group.")
    o["decision"] = Decision.objects.filter(collective=w.A).order_by("pk").first()
    for obj in (w.A, w.B, w.S, w.P):
        obj.refresh_from_db()
    return w
