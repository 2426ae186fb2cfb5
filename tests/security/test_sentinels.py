"""Sentinels over every rendering path, per role (issue 12, "Gates in CI").

The world of tests/security/world.py writes a sentinel string into each private datum (the
hosts-only and the participants-only address, attendee names and emails, a member's email, the
collective's contact address, who asked to join, who was invited, who reported, a vouch). Each
rendering path (HTML pages, the JSON API, JSON-LD inside pages, `.ics`, RSS/Atom, the attendee
CSV, the appeal's signatories CSV, the collective's JSON export, the admin for moderators, and
the emails in the outbox after the flows that send them) is fetched as each role, and the
sentinels found must be a subset of what that role may see there. A few positive controls
(the organizer sees the hidden address on the action page...) prove the search is not blind.
"""

import datetime as dt
import json
import re

import pytest
from django.urls import reverse

from organizing.outbox.models import OutboxMessage

from .matrix import run_request
from .world import (
    ATTENDEE_EMAIL,
    INVITED_EMAIL,
    PARTICIPANTS,
    REQUESTER_EMAIL,
    ROLES,
    SENTINELS,
    build_world,
)

pytestmark = pytest.mark.django_db

ATTENDEES = frozenset({"attendee name", "attendee email", "waitlisted name", "waitlisted email"})
HIDDEN = frozenset({"hidden address"})
PLACE = frozenset({"participants address"})
REVEAL = frozenset({"reveal address"})
PEOPLE_OF_A = {"member email", "invited email", "requester email", "requester name"}
ORGANIZERS = ("organizer", "admin")  # of collective A, with two-factor: attendee data
# The exact place is the hosts' own information, not other people's: an admin without
# two-factor organizing the action sees it too (pages, .ics, edit form).
HOSTS = ("organizer", "admin", "admin_no2fa")

# path label -> (url from the world, {role: sentinels it may see there}); a role not named
# may see none. Pages the role may not open answer 403/404 and so show nothing either.
PATHS = {
    "home": (lambda w: "/", {}),
    "browse": (lambda w: "/actions/", {}),
    "browse past": (lambda w: "/actions/?when=past", {}),
    "cause page": (lambda w: reverse("pages:cause_detail", args=["ceasefire"]), {}),
    "collective directory": (lambda w: "/collectives/", {}),
    "collective A page": (lambda w: w.A.get_absolute_url(), {}),
    "coalition page": (lambda w: w.coalition.get_absolute_url(), {}),
    "appeal page": (lambda w: w.appeal.get_absolute_url(), {}),
    # The action A leads with the suspended collective as co-host: the action stays, its
    # co-host is named nowhere (page, JSON-LD organizer, API, feeds, browse by host).
    "co-hosted by the suspended": (lambda w: w.pub.get_absolute_url(), {}),
    "API co-hosted by the suspended": (lambda w: f"/api/v1/actions/{w.pub.slug}/", {}),
    "browse by the suspended host": (lambda w: f"/actions/?host={w.S.slug}", {}),
    "API by the suspended host": (lambda w: f"/api/v1/actions/?host={w.S.slug}", {}),
    "feed by the suspended host": (lambda w: f"/actions/feed.rss?host={w.S.slug}", {}),
    "A's page, co-hosted list": (lambda w: w.A.get_absolute_url(), {}),
    "hosts-only action page": (
        lambda w: w.hosts_only.get_absolute_url(),
        dict.fromkeys(HOSTS, HIDDEN),
    ),
    "participants action page": (
        lambda w: w.participants.get_absolute_url(),
        {**dict.fromkeys(HOSTS, PLACE), "confirmed": PLACE},
    ),
    "hosts-only action .ics": (
        lambda w: reverse("actions:calendar", args=[w.hosts_only.slug]),
        dict.fromkeys(HOSTS, HIDDEN),
    ),
    # Confirmed participants see the place once the reveal time (2 hours before) has come:
    # ten days ahead, nobody but the hosts sees it yet.
    "later reveal page": (
        lambda w: w.later_reveal.get_absolute_url(),
        dict.fromkeys(HOSTS, REVEAL),
    ),
    "later reveal .ics": (
        lambda w: reverse("actions:calendar", args=[w.later_reveal.slug]),
        dict.fromkeys(HOSTS, REVEAL),
    ),
    "participants action .ics": (
        lambda w: reverse("actions:calendar", args=[w.participants.slug]),
        {**dict.fromkeys(HOSTS, PLACE), "confirmed": PLACE},
    ),
    "feed.ics": (lambda w: "/actions/feed.ics", {}),
    "feed.rss": (lambda w: "/actions/feed.rss", {}),
    "feed.atom": (lambda w: "/actions/feed.atom", {}),
    "coalition feed.ics": (lambda w: reverse("feeds:coalition_ics", args=[w.coalition.slug]), {}),
    "API list": (lambda w: "/api/v1/actions/", {}),
    "API hosts-only": (lambda w: f"/api/v1/actions/{w.hosts_only.slug}/", {}),
    "API participants": (lambda w: f"/api/v1/actions/{w.participants.slug}/", {}),
    "attendee list": (
        lambda w: reverse("actions:attendees", args=[w.hosts_only.slug]),
        dict.fromkeys(ORGANIZERS, ATTENDEES | HIDDEN),
    ),
    "attendee CSV": (
        lambda w: reverse("actions:attendees_csv", args=[w.hosts_only.slug]),
        dict.fromkeys(ORGANIZERS, ATTENDEES),
    ),
    # B co-hosts this one without the lead's grant: its admin (the outsider) sees nothing.
    "co-hosted attendee list": (
        lambda w: reverse("actions:attendees", args=[w.participants.slug]),
        dict.fromkeys(ORGANIZERS, ATTENDEES | PLACE),
    ),
    "co-hosted attendee CSV": (
        lambda w: reverse("actions:attendees_csv", args=[w.participants.slug]),
        dict.fromkeys(ORGANIZERS, ATTENDEES),
    ),
    "edit form": (
        lambda w: reverse("actions:edit", args=[w.hosts_only.slug]),
        dict.fromkeys(HOSTS, HIDDEN),
    ),
    "signatories CSV": (lambda w: reverse("appeals:csv", args=[w.appeal.slug]), {}),
    "members page": (
        lambda w: reverse("collectives:members", args=[w.A.slug]),
        {
            "member": {"member email"},
            "organizer": {"member email"},
            "admin": PEOPLE_OF_A,
            "admin_no2fa": {"requester name"},
        },
    ),
    "collective export": (
        lambda w: reverse("collectives:export", args=[w.A.slug]),
        {"admin": PEOPLE_OF_A | {"contact email"}},
    ),
    "collective edit": (
        lambda w: reverse("collectives:edit", args=[w.A.slug]),
        {"admin": {"contact email"}, "admin_no2fa": {"contact email"}},
    ),
    "inbox": (lambda w: reverse("partners:inbox", args=[w.A.slug]), {}),
    "decisions page": (lambda w: reverse("moderation_decisions:collective", args=[w.A.slug]), {}),
    # The admin, for moderators: people and reports yes; addresses and attendees no (hole 10:
    # only "break glass", with a reason recorded and told to the hosts).
    "admin action change": (
        lambda w: reverse("admin:actions_action_change", args=[w.hosts_only.pk]),
        {},
    ),
    "admin participants action": (
        lambda w: reverse("admin:actions_action_change", args=[w.participants.pk]),
        {"moderator": {"participants address"}},
    ),
    "admin action list": (lambda w: reverse("admin:actions_action_changelist"), {}),
    # Who reported is shown to nobody, moderators included (a reporter can be targeted by
    # those they report); what was reported is.
    "admin report change": (
        lambda w: reverse("admin:moderation_report_change", args=[w.report.pk]),
        {"moderator": {"report note"}},
    ),
    "admin report list": (
        lambda w: reverse("admin:moderation_report_changelist"),
        {"moderator": {"report note"}},
    ),
    "admin case list": (
        lambda w: reverse("admin:moderation_reportcase_changelist"),
        {"moderator": {"report note"}},
    ),
    "admin collective A": (
        lambda w: reverse("admin:collectives_collective_change", args=[w.A.pk]),
        {"moderator": {"contact email", "member email"}},
    ),
    "moderation home": (
        lambda w: reverse("admin:moderation_home"),
        {"moderator": {"vouch statement", "report note"}},
    ),
}

# What a role may see on any path: moderators see suspended collectives (to lift it).
EVERYWHERE = {"moderator": {"suspended name"}}

# Positive controls: (path, role, sentinel) that must be shown, so a rename of a template
# variable that silently hides everything (and makes the gate pass) is caught.
MUST_SHOW = [
    ("hosts-only action page", "organizer", "hidden address"),
    ("participants action page", "confirmed", "participants address"),
    ("participants action .ics", "confirmed", "participants address"),
    ("later reveal page", "admin", "reveal address"),
    ("attendee list", "admin", "attendee email"),
    ("attendee CSV", "organizer", "attendee name"),
    ("collective export", "admin", "member email"),
    ("members page", "admin", "requester name"),
    ("members page", "admin", "invited email"),
    ("moderation home", "moderator", "vouch statement"),
]


@pytest.fixture
def world(db):
    return build_world()


def shown_in(text: str) -> set[str]:
    return {name for name, value in SENTINELS.items() if value in text}


def json_ld_blocks(html: str) -> list[str]:
    return re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)


@pytest.mark.parametrize("role", ROLES + PARTICIPANTS)
def test_sentinels_on_every_rendering_path(world, role):
    client = world.client_for(role)
    failures, seen = [], {}
    for label, (url_of, may_see) in PATHS.items():
        url = url_of(world)
        outcome = run_request(client, "GET", url)
        if outcome.status >= 500:
            failures.append(f"{label} {url}: {outcome.status} {outcome.error}")
            continue
        found = shown_in(outcome.body)
        seen[label] = found
        allowed = may_see.get(role, set()) | EVERYWHERE.get(role, set())
        if extra := found - allowed:
            failures.append(f"{label} {url} ({outcome.status}) shows {sorted(extra)}")
        for block in json_ld_blocks(outcome.body):
            # JSON-LD is for search engines: public data only, whoever is looking.
            json.loads(block)
            if leaked_ld := shown_in(block):
                failures.append(f"{label} JSON-LD shows {sorted(leaked_ld)}")
    for label, who, name in MUST_SHOW:
        if who == role and name not in seen.get(label, set()):
            failures.append(f"{label}: {role} should see {name} (positive control)")
    assert failures == [], f"{role}:\n" + "\n".join(failures)


# --- emails -------------------------------------------------------------------------------


def run_the_flows_that_send_email(w) -> None:
    """RSVPs and their confirmation, an announcement, the reminders, a host invitation, a join
    request, a report, a solidarity call: each through its service, as the views call them."""
    from organizing.actions.services import rsvp as rsvps
    from organizing.actions.services.posting import action_invite_host
    from organizing.coalitions.services.solidarity import solidarity_call_create
    from organizing.collectives.services.members import join_request_create
    from organizing.moderation.services.reports import report_create
    from tests.conftest import make_user

    # The place revealed 2 hours before: the confirmation (ten days ahead) must not bring it.
    for action in (w.hosts_only, w.participants, w.later_reveal):
        rsvp = rsvps.rsvp_create(action=action, name="Tess Newcomer", email="tess@example.net")
        rsvps.rsvp_confirm(rsvp=rsvp)
    rsvps.announcement_send(
        action=w.hosts_only, sender=w.users["organizer"], subject="Update", body="See you there."
    )
    for action in (w.hosts_only, w.participants):
        rsvps.rsvp_send_reminders(now=action.starts_at - dt.timedelta(hours=24, minutes=30))
    action_invite_host(
        action=w.hosts_only, collective=w.B, role="co_host", invited_by=w.users["admin"]
    )
    join_request_create(
        collective=w.A, user=make_user("jo@example.org", display_name="Jo"), message="Hello"
    )
    report_create(
        target_kind="action",
        target_slug=w.hosts_only.slug,
        reason="fake",
        note="Looks wrong",
        reporter=w.users["b_member"],
        target=w.hosts_only,
    )
    solidarity_call_create(
        action=w.hosts_only,
        coalition=w.coalition,
        collective=w.A,
        by=w.users["admin"],
        message="Join us",
    )


def email_may_see(w, to: str) -> set[str]:
    """What an email to `to` may carry: attendees their own RSVP (and the participants-only
    place once confirmed); A's organizers what their pages show; nobody the hosts-only
    address (an email is a copy outside our control: it stays on the hosts' page)."""
    organizers = {w.users[r].email for r in ("organizer", "admin", "admin_no2fa")}
    if to == w.users["confirmed"].email:
        return {"participants address"}
    if to == ATTENDEE_EMAIL:
        return {"attendee name", "attendee email", "participants address"}
    if to in organizers:
        return {"requester name", "requester email", "attendee name", "waitlisted name"}
    if to in (REQUESTER_EMAIL, INVITED_EMAIL):
        return {"requester name", "requester email"} if to == REQUESTER_EMAIL else set()
    if to == w.users["s_admin"].email:  # told of its own suspension
        return {"suspended name"}
    if to == "tess@example.net":
        return {"participants address"}
    return set()


def test_emails_carry_no_sentinel_to_anyone_who_may_not_see_it(world):
    before = set(OutboxMessage.objects.values_list("pk", flat=True))
    run_the_flows_that_send_email(world)
    messages = list(OutboxMessage.objects.order_by("pk"))
    assert len({m.pk for m in messages} - before) >= 6  # the flows did send
    failures = []
    for message in messages:
        text = "\n".join([message.subject, message.body_text, message.body_html])
        if extra := shown_in(text) - email_may_see(world, message.to):
            failures.append(f"to {message.to}, {message.subject!r}: {sorted(extra)}")
    assert failures == [], "\n".join(failures)


def test_participants_get_the_exact_place_in_their_email(world):
    """Positive control of the email search: the confirmed newcomer's emails of the
    participants-only action name its address (no reveal time is set)."""
    run_the_flows_that_send_email(world)
    texts = [m.body_text for m in OutboxMessage.objects.filter(to="tess@example.net")]
    assert any(SENTINELS["participants address"] in text for text in texts)
