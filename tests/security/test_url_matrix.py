"""The authorization matrix over every URL pattern of the site (issue 12, "Gates in CI").

Every pattern the resolver knows is either in TABLE (how to build its arguments from the world
of tests/security/world.py, and the expected status for each role, for GET and for a POST with
a junk body) or in a group covered by a RULE (allauth's pages, the Django admin). A new pattern
in neither fails `test_every_url_pattern_is_in_the_matrix`, naming it.

For each role one test walks the whole table and lists every failing cell at once: a wrong
status, a server error, a sentinel (tests/security/world.py) shown to a role that may not see
it, or a change to the database after a POST the role may not make. Each request runs in a
savepoint that is rolled back, so every cell sees the same world.

Roles (columns, in this order, see world.ROLES): anonymous; outsider (the admin, with
two-factor, of another verified collective B, which co-hosts one of A's actions without the
lead's grant of attendee data); member, organizer and admin (with two-factor) of collective A;
a second admin of A who never turned two-factor on (no attendee data, export or deletion:
hole 3); the moderator (staff, two-factor session); staff without a two-factor session, who
get what any signed-in outsider gets (hole 2).

Status conventions: pages of a collective or an action that the role may not see answer 404
(never 403, which would confirm that they exist); pages the role may see but not use answer
403; pages that need an account send the anonymous visitor to log in (302); moderators act
through the admin, not through the hosts' pages. "Unlisted" actions (issue 18) are not in
the world yet: add their row when they land.

Set GATES_DUMP=1 to write the observed statuses to /tmp/gates-dump-<role>.txt (to review the
row of a new pattern before writing its EXPECTED line).
"""

import os
import re

import pytest
from django.urls import NoReverseMatch, reverse

from organizing.collectives.access import vouch_link_key
from organizing.collectives.models import Collective

from .matrix import (
    Outcome,
    every_pattern,
    every_pattern_with_params,
    expand,
    fingerprint,
    leaked,
    run_request,
)
from .world import PARTICIPANT_ADDRESS, ROLES, build_world

pytestmark = pytest.mark.django_db

JUNK = {
    "name": "x" * 300,
    "email": "not-an-address",
    "decision": "<junk>",
    "role": "god",
    "reason": "",
    "csrfmiddlewaretoken": "junk",
    "pk": "-1",
    "next": "//evil.example",
}

UUID0 = "00000000-0000-4000-8000-000000000000"

# name -> {variant: kwargs from the world, or (kwargs, query string)}; the expected statuses
# are in EXPECTED below.
TABLE = {
    # --- site pages and feeds ----------------------------------------------------------------
    "pages:home": {"": lambda w: {}},
    "pages:cause_detail": {"": lambda w: {"slug": "ceasefire"}},
    "sitemap": {"": lambda w: {}},
    "set_language": {"": lambda w: {}},
    "feeds:actions_ics": {"": lambda w: {}},
    "feeds:actions_rss": {"": lambda w: {}},
    "feeds:actions_atom": {"": lambda w: {}},
    "feeds:api_actions": {"": lambda w: {}},
    "feeds:api_action": {
        "published": lambda w: {"slug": w.pub.slug},
        "draft": lambda w: {"slug": w.draft.slug},
        "hidden": lambda w: {"slug": w.hidden.slug},
        "suspended's cancelled": lambda w: {"slug": w.s_cancelled.slug},
        "suspended's own": lambda w: {"slug": w.s_pub.slug},
    },
    "feeds:api_schema": {"": lambda w: {}},
    "feeds:api_docs": {"": lambda w: {}},
    "places:suggest": {"": lambda w: {}},
    "notifications:alert_create": {"": lambda w: {}},
    "notifications:alert_confirm": {"junk token": lambda w: {"token": "x" * 40}},
    "notifications:alert_unsubscribe": {"junk token": lambda w: {"token": "x" * 40}},
    # --- the person's own space (issue 14): only the signed-in person's own data -----------
    "me:dashboard": {"": lambda w: {}},
    "me:actions": {
        "drafts": lambda w: {"state": "drafts"},
        "withheld": lambda w: {"state": "withheld"},
        "junk state": lambda w: {"state": "junk"},
    },
    "me:rsvps": {"": lambda w: {}},
    "me:settings": {"": lambda w: {}},
    "me:account": {"": lambda w: {}},
    "me:notifications": {"": lambda w: {}},
    "notifications:follow": {
        "A": lambda w: {"kind": "collective", "slug": w.A.slug},
        "pending": lambda w: {"kind": "collective", "slug": w.P.slug},
        "K": lambda w: {"kind": "coalition", "slug": w.coalition.slug},
        "hidden coalition": lambda w: {"kind": "coalition", "slug": w.hidden_coalition.slug},
    },
    "notifications:unfollow": {
        "A": lambda w: {"kind": "collective", "slug": w.A.slug},
        "K": lambda w: {"kind": "coalition", "slug": w.coalition.slug},
    },
    "notifications:follow_confirm": {"junk token": lambda w: {"token": "x" * 40}},
    "notifications:follow_unsubscribe": {"junk token": lambda w: {"token": "x" * 40}},
    # --- actions ------------------------------------------------------------------------------
    "actions:browse": {"": lambda w: {}},
    "actions:forget_area": {"": lambda w: {}},
    "coalitions:action_create": {"": lambda w: {}},
    "actions:rsvp_confirm": {"junk token": lambda w: {"token": "x" * 40}},
    "actions:rsvp_cancel": {"junk token": lambda w: {"token": "x" * 40}},
    "actions:detail": {
        "published, suspended co-host": lambda w: {"slug": w.pub.slug},
        "hosts-only address": lambda w: {"slug": w.hosts_only.slug},
        "co-hosted by B, no grant": lambda w: {"slug": w.participants.slug},
        "draft": lambda w: {"slug": w.draft.slug},
        "hidden": lambda w: {"slug": w.hidden.slug},
        "suspended's cancelled": lambda w: {"slug": w.s_cancelled.slug},
        "of B": lambda w: {"slug": w.b_pub.slug},
    },
    "actions:calendar": {
        "published": lambda w: {"slug": w.pub.slug},
        "hosts-only address": lambda w: {"slug": w.hosts_only.slug},
        "draft": lambda w: {"slug": w.draft.slug},
        "hidden": lambda w: {"slug": w.hidden.slug},
        "suspended's cancelled": lambda w: {"slug": w.s_cancelled.slug},
    },
    "actions:edit": {
        "published": lambda w: {"slug": w.pub.slug},
        "co-hosted by B, no grant": lambda w: {"slug": w.participants.slug},
        "draft": lambda w: {"slug": w.draft.slug},
        "hidden": lambda w: {"slug": w.hidden.slug},
        "of B": lambda w: {"slug": w.b_pub.slug},
    },
    "actions:cancel": {
        "published": lambda w: {"slug": w.pub.slug},
        "draft": lambda w: {"slug": w.draft.slug},
    },
    "actions:occurrence_cancel": {
        "no such date": lambda w: {"slug": w.pub.slug, "pk": 999999},
    },
    "actions:host_respond": {
        "B invited to the draft": lambda w: {
            "slug": w.draft.slug,
            "pk": w.invite_b.pk,
            "decision": "accept",
        },
        "junk decision": lambda w: {"slug": w.draft.slug, "pk": w.invite_b.pk, "decision": "junk"},
    },
    "actions:rsvp": {
        "published": lambda w: {"slug": w.pub.slug},
        "draft": lambda w: {"slug": w.draft.slug},
        "suspended's cancelled": lambda w: {"slug": w.s_cancelled.slug},
    },
    "actions:attendees": {
        "hosts-only address": lambda w: {"slug": w.hosts_only.slug},
        "published, co-hosted by S": lambda w: {"slug": w.pub.slug},
        "co-hosted by B, no grant": lambda w: {"slug": w.participants.slug},
        "draft": lambda w: {"slug": w.draft.slug},
        "of B": lambda w: {"slug": w.b_pub.slug},
    },
    "actions:attendees_csv": {
        "hosts-only address": lambda w: {"slug": w.hosts_only.slug},
        "co-hosted by B, no grant": lambda w: {"slug": w.participants.slug},
        "draft": lambda w: {"slug": w.draft.slug},
        "of B": lambda w: {"slug": w.b_pub.slug},
    },
    "actions:rsvp_decide": {
        "pending RSVP": lambda w: {
            "slug": w.hosts_only.slug,
            "pk": w.pending_rsvp.pk,
            "decision": "approve",
        },
        "RSVP of another action": lambda w: {
            "slug": w.b_pub.slug,
            "pk": w.pending_rsvp.pk,
            "decision": "approve",
        },
    },
    "actions:announce": {
        "hosts-only address": lambda w: {"slug": w.hosts_only.slug},
        "of B": lambda w: {"slug": w.b_pub.slug},
    },
    "moderation_decisions:action": {
        "hidden": lambda w: {"slug": w.hidden.slug},
        "published": lambda w: {"slug": w.pub.slug},
    },
    "coalitions:solidarity_call": {
        "published": lambda w: {"slug": w.pub.slug},
        "draft": lambda w: {"slug": w.draft.slug},
    },
    "coalitions:pledge": {
        "call of A": lambda w: {"pk": w.call.pk},
    },
    "moderation:report": {
        "published action": lambda w: {"kind": "action", "slug": w.pub.slug},
        "draft action": lambda w: {"kind": "action", "slug": w.draft.slug},
        "suspended's cancelled": lambda w: {"kind": "action", "slug": w.s_cancelled.slug},
        "collective A": lambda w: {"kind": "collective", "slug": w.A.slug},
        "suspended collective": lambda w: {"kind": "collective", "slug": w.S.slug},
        "hidden coalition": lambda w: {"kind": "coalition", "slug": w.hidden_coalition.slug},
        "hidden appeal": lambda w: {"kind": "appeal", "slug": w.hidden_appeal.slug},
        "unknown kind": lambda w: {"kind": "junk", "slug": w.pub.slug},
        # People are reported from a members-only page where the reporter saw them.
        "person among A's members": lambda w: (
            {"kind": "person", "slug": str(w.users["organizer"].public_id)},
            f"?in=members:{w.A.slug}",
        ),
        "person, proposal author": lambda w: (
            {"kind": "person", "slug": str(w.users["admin"].public_id)},
            f"?in=proposal:{w.proposal.public_id}",
        ),
        "person, no page": lambda w: (
            {"kind": "person", "slug": str(w.users["organizer"].public_id)},
            "",
        ),
        "person, unknown id": lambda w: (
            {"kind": "person", "slug": UUID0},
            f"?in=members:{w.A.slug}",
        ),
    },
    # --- collectives --------------------------------------------------------------------------
    "collectives:directory": {"": lambda w: {}},
    "collectives:register": {"": lambda w: {}},
    "collectives:invitation_accept": {"junk token": lambda w: {"token": "x" * 40}},
    "collectives:detail": {
        "A": lambda w: {"slug": w.A.slug},
        "suspended": lambda w: {"slug": w.S.slug},
        "pending": lambda w: {"slug": w.P.slug},
    },
    "collectives:contact": {
        "A": lambda w: {"slug": w.A.slug},
        "suspended": lambda w: {"slug": w.S.slug},
    },
    "collectives:join": {
        "A": lambda w: {"slug": w.A.slug},
        "pending": lambda w: {"slug": w.P.slug},
    },
    "collectives:edit": {"A": lambda w: {"slug": w.A.slug}},
    "collectives:export": {"A": lambda w: {"slug": w.A.slug}},
    "collectives:delete": {"A": lambda w: {"slug": w.A.slug}},
    "collectives:members": {"A": lambda w: {"slug": w.A.slug}},
    "collectives:invite": {"A": lambda w: {"slug": w.A.slug}},
    "collectives:leave": {"A": lambda w: {"slug": w.A.slug}},
    "collectives:invitation_revoke": {
        "A's invitation": lambda w: {"slug": w.A.slug, "pk": w.invitation.pk},
        "A's invitation under B": lambda w: {"slug": w.B.slug, "pk": w.invitation.pk},
    },
    "collectives:change_role": {
        "A's member": lambda w: {"slug": w.A.slug, "pk": w.member_membership.pk},
        "A's member under B": lambda w: {"slug": w.B.slug, "pk": w.member_membership.pk},
    },
    "collectives:remove": {
        "A's member": lambda w: {"slug": w.A.slug, "pk": w.member_membership.pk},
    },
    "collectives:join_request_decide": {
        "A's request": lambda w: {"slug": w.A.slug, "pk": w.join_request.pk, "decision": "accept"},
        "junk decision": lambda w: {"slug": w.A.slug, "pk": w.join_request.pk, "decision": "junk"},
    },
    "collectives:vouch": {
        "pending P": lambda w: {"slug": w.P.slug, "key": vouch_link_key(w.P)},
        "P's key under B": lambda w: {"slug": w.B.slug, "key": vouch_link_key(w.P)},
        "junk key": lambda w: {"slug": w.P.slug, "key": "junk"},
        "verified A's key": lambda w: {"slug": w.A.slug, "key": vouch_link_key(w.A)},
    },
    "collectives:vouch_withdraw": {
        "pending P": lambda w: {"slug": w.P.slug, "key": vouch_link_key(w.P)},
        "junk key": lambda w: {"slug": w.P.slug, "key": "junk"},
    },
    "moderation_decisions:collective": {"A": lambda w: {"slug": w.A.slug}},
    "moderation_decisions:review": {
        "A's decision": lambda w: {"slug": w.A.slug, "pk": w.decision.pk},
        "A's decision under B": lambda w: {"slug": w.B.slug, "pk": w.decision.pk},
    },
    # --- partners -----------------------------------------------------------------------------
    "partners:partners": {"A": lambda w: {"slug": w.A.slug}},
    "partners:dismiss": {"A, B": lambda w: {"slug": w.A.slug, "other": w.B.slug}},
    "partners:block": {"A, B": lambda w: {"slug": w.A.slug, "other": w.B.slug}},
    "partners:unblock": {"A, B": lambda w: {"slug": w.A.slug, "other": w.B.slug}},
    "partners:proposal_create": {
        "A to B": lambda w: {"slug": w.A.slug, "other": w.B.slug},
        "A to suspended": lambda w: {"slug": w.A.slug, "other": w.S.slug},
    },
    "partners:inbox": {"A": lambda w: {"slug": w.A.slug}},
    "partners:proposal_detail": {
        "A to B": lambda w: {"public_id": w.proposal.public_id},
        "unknown": lambda w: {"public_id": UUID0},
    },
    "partners:proposal_answer": {
        "A to B": lambda w: {"public_id": w.proposal.public_id},
    },
    "partners:proposal_withdraw": {
        "A to B": lambda w: {"public_id": w.proposal.public_id},
    },
    # --- coalitions ---------------------------------------------------------------------------
    "coalitions:list": {"": lambda w: {}},
    "coalitions:detail": {
        "K": lambda w: {"slug": w.coalition.slug},
        "hidden": lambda w: {"slug": w.hidden_coalition.slug},
    },
    "feeds:coalition_ics": {
        "K": lambda w: {"slug": w.coalition.slug},
        "hidden": lambda w: {"slug": w.hidden_coalition.slug},
    },
    # A bearer token: whoever holds the link reads that person's calendar, and only theirs.
    "feeds:personal_ics": {
        "member's token": lambda w: {"token": w.users["member"].calendar_token},
        "confirmed's token": lambda w: {"token": w.users["confirmed"].calendar_token},
        "waitlisted's token": lambda w: {"token": w.users["waitlisted"].calendar_token},
        "wrong token": lambda w: {"token": w.users["member"].calendar_token + "x"},
    },
    # --- my own space -------------------------------------------------------------------------
    "me:data": {"": lambda w: {}},
    "me:delete": {"": lambda w: {}},
    "me:goodbye": {"": lambda w: {}},
    "me:calendar": {"": lambda w: {}},
    "coalitions:points_edit": {
        "K": lambda w: {"slug": w.coalition.slug},
        "hidden": lambda w: {"slug": w.hidden_coalition.slug},
    },
    "coalitions:points_history": {
        "K": lambda w: {"slug": w.coalition.slug},
        "hidden": lambda w: {"slug": w.hidden_coalition.slug},
    },
    "coalitions:consent": {"K": lambda w: {"slug": w.coalition.slug}},
    "coalitions:invite": {"K": lambda w: {"slug": w.coalition.slug}},
    "coalitions:join": {"K": lambda w: {"slug": w.coalition.slug}},
    "coalitions:membership_answer": {
        "B's membership": lambda w: {
            "slug": w.coalition.slug,
            "pk": w.b_membership.pk,
            "decision": "accept",
        },
    },
    "coalitions:leave": {"K": lambda w: {"slug": w.coalition.slug}},
    # --- appeals ------------------------------------------------------------------------------
    "appeals:list": {"": lambda w: {}},
    "appeals:create": {"": lambda w: {}},
    "appeals:detail": {
        "A's": lambda w: {"slug": w.appeal.slug},
        "hidden": lambda w: {"slug": w.hidden_appeal.slug},
    },
    "appeals:edit": {
        "A's": lambda w: {"slug": w.appeal.slug},
        "hidden": lambda w: {"slug": w.hidden_appeal.slug},
    },
    "appeals:sign": {"A's": lambda w: {"slug": w.appeal.slug}},
    "appeals:withdraw": {"A's": lambda w: {"slug": w.appeal.slug}},
    "appeals:confirm": {"A's": lambda w: {"slug": w.appeal.slug}},
    "appeals:invite": {"A's": lambda w: {"slug": w.appeal.slug}},
    "appeals:csv": {
        "A's": lambda w: {"slug": w.appeal.slug},
        "hidden": lambda w: {"slug": w.hidden_appeal.slug},
    },
    "appeals:badge": {
        "A's": lambda w: {"slug": w.appeal.slug},
        "hidden": lambda w: {"slug": w.hidden_appeal.slug},
    },
}

# Groups of third-party patterns covered by one rule each instead of a row per pattern:
# allauth's pages (sign-up, login, email, password, two-factor) never answer a server error
# nor show a sentinel, to anyone; the Django admin lets in only a moderator with a two-factor
# session (everyone else is sent to a login or to the two-factor set-up, and a POST of theirs
# changes nothing). The admin's change pages are searched for sentinels like every page.
RULES = {
    "allauth": lambda name, route: route.startswith("accounts/"),
    "admin": lambda name, route: route.startswith("admin/"),
}

# Which sentinels (tests/security/world.py) each role may meet on some page: anything else
# in any answer of the matrix is a leak. The precise "where" is tests/security/test_sentinels.py.
ATTENDEE_DATA = {
    "hidden address",
    "participants address",
    "reveal address",
    "attendee name",
    "attendee email",
    "waitlisted name",
    "waitlisted email",
}
MAY_SEE = {
    "anonymous": set(),
    "outsider": set(),
    "member": {"member email"},  # their own address, on their account pages
    "organizer": ATTENDEE_DATA | {"member email", "contact email", "invited email"},
    "admin": ATTENDEE_DATA
    | {"member email", "contact email", "invited email", "requester email", "requester name"},
    # Without two-factor: the members page without addresses, no attendee data (hole 3); the
    # exact place of the actions they organize is the hosts' own information, not others'.
    "admin_no2fa": {
        "contact email",
        "requester name",
        "hidden address",
        "participants address",
        "reveal address",
    },
    # Moderators see people and reports in the admin; a hidden address or attendee data only
    # through "break glass" (hole 10), which no request of the matrix performs.
    # Who reported is shown to nobody, moderators included (moderation/admin/cases.py ReportAdmin).
    "moderator": {
        "member email",
        "contact email",
        "requester email",
        "requester name",
        "invited email",
        "report note",
        "vouch statement",
        "participants address",
        "suspended name",
    },
    "staff": set(),
}


# Cells where a role may see more than MAY_SEE: the voucher's own statement on its vouch page.
MAY_SEE_AT = {
    # The lead host's own edit form lists its co-hosts, a suspended one included, so that it
    # can manage them (a judgement call: every public path hides it, see test_sentinels.py).
    ("actions:edit", "published"): dict.fromkeys(
        ("organizer", "admin", "admin_no2fa"), frozenset({"suspended name"})
    ),
    # The confirmed participant's own feed, read with its link by anyone: the exact place
    # that participant may see (the participants-only action; the later reveal not yet).
    ("feeds:personal_ics", "confirmed's token"): dict.fromkeys(
        ROLES, frozenset({"participants address"})
    ),
    ("collectives:vouch", "pending P"): {"outsider": {"vouch statement"}},
    ("collectives:vouch_withdraw", "pending P"): {"outsider": {"vouch statement"}},
}


def classify(name: str, route: str) -> str | None:
    if name in TABLE:
        return "table"
    for rule, matches in RULES.items():
        if matches(name, route):
            return rule
    return None


def test_every_url_pattern_is_in_the_matrix():
    missing = [
        f"{name} ({route})" for name, route in every_pattern() if classify(name, route) is None
    ]
    assert missing == [], (
        "URL patterns with no row in tests/security/test_url_matrix.py "
        "TABLE: add one (arguments and the expected status per role):\n" + "\n".join(missing)
    )


def test_the_matrix_has_no_stale_rows():
    names = {name for name, _ in every_pattern()}
    assert sorted(set(TABLE) - names) == []
    cells = {(name, variant) for name, variants in TABLE.items() for variant in variants}
    assert sorted(set(EXPECTED) - cells) == []  # an expectation whose row was renamed


@pytest.fixture
def world(db):
    return build_world()


def _denied(outcome: Outcome) -> bool:
    """A refusal: the POST may not have changed anything."""
    if outcome.status in (400, 403, 404, 405, 429):
        return True
    return outcome.status == 302 and ("/login/" in outcome.location or "/2fa/" in outcome.location)


class Cells:
    """Runs cells for one role and collects every failure."""

    def __init__(self, world, role):
        self.role, self.client = role, world.client_for(role)
        self.allowed = MAY_SEE[role]
        self.failures, self.observed = [], {}
        # Every request is rolled back, so the world is the same before each of them.
        self.before = fingerprint()

    def run(
        self, label, method, url, expected=None, *, check_changes=True, also_allowed=frozenset()
    ) -> Outcome:
        outcome = run_request(
            self.client,
            method,
            url,
            JUNK if method == "POST" else None,
            inspect=fingerprint if method == "POST" else None,
        )
        self.observed[(label, method)] = outcome.status
        fail = self.failures.append
        if outcome.error:
            fail(f"{label} {method}: 500 {outcome.error}")
            return outcome
        if expected is not None and outcome.status not in expected:
            fail(
                f"{label} {method}: {outcome.status}, expected "
                f"{'/'.join(map(str, sorted(expected)))}"
            )
        elif outcome.status >= 500:
            fail(f"{label} {method}: server error {outcome.status}")
        if shown := leaked(outcome.body, self.allowed | also_allowed):
            fail(f"{label} {method}: shows {', '.join(shown)}")
        if (
            method == "POST"
            and check_changes
            and _denied(outcome)
            and outcome.inspected != self.before
        ):
            changed = [
                old[0]
                for old, new in zip(self.before, outcome.inspected, strict=True)
                if old != new
            ]
            fail(f"{label} POST: refused ({outcome.status}) but changed {changed}")
        return outcome


ACCOUNT_ADMIN = (
    "admin:accounts_user",
    "admin:account_emailaddress",
    "admin:auth_user",
    "admin:mfa_authenticator",
)
REPORTER = frozenset({"reporter email", "reporter name"})


def admin_urls(world) -> list[tuple[str, str]]:
    """(name, url) of every admin pattern, the object of each change page a real row (the
    hosts-only action, the pending collective with its vouch, the report: the rows whose
    privacy matters most)."""
    from django.contrib import admin
    from django.contrib.contenttypes.models import ContentType

    models = {f"{m._meta.app_label}_{m._meta.model_name}": m for m in admin.site._registry}
    chosen = {type(obj): obj.pk for obj in (world.hosts_only, world.P, world.report)}
    urls = []
    for name, route, params in every_pattern_with_params():
        if not route.startswith("admin/"):
            continue
        parts = route.split("/")
        model = models.get(f"{parts[1]}_{parts[2]}") if len(parts) > 2 else None
        pk = None
        if model is not None:
            pk = chosen.get(model) or model.objects.values_list("pk", flat=True).first() or 1
        values = {
            "object_id": pk,
            "id": pk,
            "app_label": "collectives",
            "url": "no-such-page/",
            "content_type_id": ContentType.objects.get_for_model(Collective).pk,
        }
        if name == "admin:view_on_site":
            values["object_id"] = world.A.pk
        kwargs = {param: values[param] for param in params}
        if name.startswith("admin:"):
            urls.append((name, reverse(name, kwargs=kwargs)))
        elif "(?P<url>" in route:  # the catch-all of unknown admin pages
            urls.append((name, "/admin/no-such-page/"))
        else:  # the unnamed redirect from an object id to its change page
            urls.append(
                (
                    name,
                    "/"
                    + re.sub(r"<(?:\w+:)?(\w+)>", lambda m, kw=kwargs: str(kw[m.group(1)]), route),
                )
            )
    return urls


def allauth_urls() -> list[tuple[str, str]]:
    junk = {
        "account_confirm_email": {"key": "junk-key"},
        "account_reset_password_from_key": {"uidb36": "0", "key": "junk-key"},
    }
    return [
        (name, reverse(name, kwargs=junk.get(name, {})))
        for name, route in every_pattern()
        if route.startswith("accounts/")
    ]


def check_admin(cells, world):
    """Only the moderator with a two-factor session gets in; nobody meets a server error."""
    role = cells.role
    for name, url in admin_urls(world):
        label = f"{name} {url}"
        for method in ("GET", "POST"):
            if role == "moderator":
                # The moderator may change things through the admin: statuses and leaks only.
                # The list of accounts names every account, the reporter's too (without
                # saying who reported what).
                accounts = name.startswith(ACCOUNT_ADMIN)
                cells.run(
                    label,
                    method,
                    url,
                    check_changes=False,
                    also_allowed=REPORTER if accounts else frozenset(),
                )
                continue
            outcome = cells.run(label, method, url)
            if 200 <= outcome.status < 300:
                cells.failures.append(
                    f"{label} {method}: {outcome.status} for {role}: the admin let them in"
                )


def check_allauth(cells):
    for name, url in allauth_urls():
        for method in ("GET", "POST"):
            # Logging in, out, signing up are changes anyone may make: statuses and leaks only.
            cells.run(f"{name} {url}", method, url, check_changes=False)


@pytest.mark.parametrize("role", ROLES)
def test_personal_feed_shows_its_owner_items_to_whoever_holds_the_link(world, role):
    """feeds:personal_ics is a bearer token: any role, logged in or not, reading the member's
    link gets the member's calendar (A's published actions, no RSVP of theirs), and reading
    the waitlisted participant's link gets that person's RSVPs, marked, without the exact
    place; never a sentinel of anyone else."""
    from icalendar import Calendar

    client = world.client_for(role)

    def summaries(who, may_see=frozenset()):
        url = reverse("feeds:personal_ics", args=[world.users[who].calendar_token])
        response = client.get(url)
        assert response.status_code == 200
        assert set(response["Cache-Control"].replace(" ", "").split(",")) == {
            "private",
            "no-store",
        }
        assert leaked(response.content.decode(), set(may_see)) == []
        return {str(e["SUMMARY"]) for e in Calendar.from_ical(response.content).walk("VEVENT")}

    a_published = {world.pub, world.hosts_only, world.participants, world.later_reveal}
    assert summaries("member") == {action.title for action in a_published}
    assert summaries("waitlisted") == {
        f"{action.title} (you are on the waitlist)"
        for action in (world.hosts_only, world.participants, world.later_reveal)
    }
    # Control: the confirmed participant's link does carry the place they may see.
    url = reverse("feeds:personal_ics", args=[world.users["confirmed"].calendar_token])
    assert PARTICIPANT_ADDRESS in client.get(url).content.decode()
    assert f"{world.participants.title} (you are coming)" in summaries(
        "confirmed", may_see={"participants address"}
    )


def test_the_change_detector_is_not_blind(world):
    """Control: a POST that does change something (A's organizer withdraws its proposal) is
    seen by the fingerprint, and rolled back after the cell."""
    client = world.client_for("organizer")
    url = reverse("partners:proposal_withdraw", args=[world.proposal.public_id])
    before = fingerprint()
    outcome = run_request(client, "POST", url, inspect=fingerprint)
    assert outcome.status == 302 and outcome.inspected != before
    assert fingerprint() == before
    world.proposal.refresh_from_db()
    assert world.proposal.status == "pending"


@pytest.mark.parametrize("role", ROLES)
def test_url_matrix(world, role):
    index = ROLES.index(role)
    cells = Cells(world, role)
    for name, variants in TABLE.items():
        for variant, kwargs in variants.items():
            arguments, query = kwargs(world), ""
            if isinstance(arguments, tuple):  # (kwargs, query string)
                arguments, query = arguments
            try:
                url = reverse(name, kwargs=arguments) + query
            except NoReverseMatch:  # see test_the_matrix_has_no_stale_rows
                cells.failures.append(f"{name} [{variant}]: no such URL pattern")
                continue
            codes = EXPECTED.get((name, variant))
            if codes is None:
                cells.failures.append(f"{name} [{variant}]: no row in EXPECTED")
                codes = ("?", "?")
            for method, row in zip(("GET", "POST"), codes, strict=True):
                expected = None if row == "?" else expand(row)[index]
                extra = MAY_SEE_AT.get((name, variant), {}).get(role, set())
                cells.run(f"{name} [{variant}] {url}", method, url, expected, also_allowed=extra)
    check_admin(cells, world)
    check_allauth(cells)
    if os.environ.get("GATES_DUMP"):
        with open(f"/tmp/gates-dump-{role}.txt", "w") as out:
            for (label, method), status in cells.observed.items():
                out.write(f"{label}\t{method}\t{status}\n")
    failures = cells.failures
    assert failures == [], f"{len(failures)} failing cells for {role}:\n" + "\n".join(failures)


# (name, variant) -> (GET codes, POST codes), one code per role in the order of ROLES:
#              anon outs memb orgn admn adm- modr staf   (adm-: admin of A without two-factor)
# or a single code for every role; "302/403" accepts either.
EXPECTED = {
    ("pages:home", ""): ("200", "200"),
    ("pages:cause_detail", ""): ("200", "200"),
    ("sitemap", ""): ("200", "200"),
    ("set_language", ""): ("302", "302"),
    ("feeds:actions_ics", ""): ("200", "405"),
    ("feeds:actions_rss", ""): ("200", "405"),
    ("feeds:actions_atom", ""): ("200", "405"),
    ("feeds:api_actions", ""): ("200", "405"),
    ("feeds:api_action", "published"): ("200", "405"),
    ("feeds:api_action", "draft"): ("404", "405"),
    ("feeds:api_action", "hidden"): ("404", "405"),
    ("feeds:api_action", "suspended's cancelled"): ("404", "405"),
    ("feeds:api_action", "suspended's own"): ("404", "405"),
    ("feeds:api_schema", ""): ("200", "405"),
    ("feeds:api_docs", ""): ("200", "405"),
    ("places:suggest", ""): ("200", "200"),
    ("notifications:alert_create", ""): ("200", "200"),
    ("notifications:alert_confirm", "junk token"): ("404", "404"),
    ("notifications:alert_unsubscribe", "junk token"): ("404", "404"),
    ("me:dashboard", ""): ("302 200 200 200 200 200 200 200", "302 405 405 405 405 405 405 405"),
    ("me:actions", "drafts"): (
        "302 200 200 200 200 200 200 200",
        "302 405 405 405 405 405 405 405",
    ),
    ("me:actions", "withheld"): (
        "302 200 200 200 200 200 200 200",
        "302 405 405 405 405 405 405 405",
    ),
    ("me:actions", "junk state"): (
        "302 404 404 404 404 404 404 404",
        "302 405 405 405 405 405 405 405",
    ),
    ("me:rsvps", ""): ("302 200 200 200 200 200 200 200", "302 405 405 405 405 405 405 405"),
    # A junk POST is a form with errors, saved for nobody (the fingerprint checks it).
    ("me:settings", ""): ("302 200 200 200 200 200 200 200", "302 200 200 200 200 200 200 200"),
    ("me:account", ""): ("302 200 200 200 200 200 200 200", "302 405 405 405 405 405 405 405"),
    # A junk POST is a form with errors (every kind is required), saved for nobody.
    ("me:notifications", ""): (
        "302 200 200 200 200 200 200 200",
        "302 200 200 200 200 200 200 200",
    ),
    # Following: anyone may (a visitor's junk address is refused on the form page); a
    # collective that is not public, or a hidden coalition, only the moderator finds, and the
    # service refuses it a follow (a message, back to the page).
    ("notifications:follow", "A"): ("200", "200 302 302 302 302 302 302 302"),
    ("notifications:follow", "pending"): (
        "404 404 404 404 404 404 200 404",
        "404 404 404 404 404 404 302 404",
    ),
    ("notifications:follow", "K"): ("200", "200 302 302 302 302 302 302 302"),
    ("notifications:follow", "hidden coalition"): (
        "404 404 404 404 404 404 200 404",
        "404 404 404 404 404 404 302 404",
    ),
    ("notifications:unfollow", "A"): ("302 405 405 405 405 405 405 405", "302"),
    ("notifications:unfollow", "K"): ("302 405 405 405 405 405 405 405", "302"),
    ("notifications:follow_confirm", "junk token"): ("404", "404"),
    ("notifications:follow_unsubscribe", "junk token"): ("404", "404"),
    ("actions:browse", ""): ("200", "200"),
    ("actions:forget_area", ""): ("405", "302"),
    ("coalitions:action_create", ""): (
        "302 200 403 200 200 200 403 403",
        "302 200 403 200 200 200 403 403",
    ),
    ("actions:rsvp_confirm", "junk token"): ("404", "404"),
    ("actions:rsvp_cancel", "junk token"): ("404", "404"),
    ("actions:detail", "published, suspended co-host"): ("200", "200"),
    ("actions:detail", "hosts-only address"): ("200", "200"),
    ("actions:detail", "co-hosted by B, no grant"): ("200", "200"),
    ("actions:detail", "draft"): (
        "404 404 200 200 200 200 200 404",
        "404 404 200 200 200 200 200 404",
    ),
    ("actions:detail", "hidden"): (
        "404 404 200 200 200 200 200 404",
        "404 404 200 200 200 200 200 404",
    ),
    ("actions:detail", "suspended's cancelled"): (
        "404 404 404 404 404 404 200 404",
        "404 404 404 404 404 404 200 404",
    ),
    ("actions:detail", "of B"): ("200", "200"),
    ("actions:calendar", "published"): ("200", "200"),
    ("actions:calendar", "hosts-only address"): ("200", "200"),
    ("actions:calendar", "draft"): (
        "404 404 200 200 200 200 200 404",
        "404 404 200 200 200 200 200 404",
    ),
    ("actions:calendar", "hidden"): (
        "404 404 200 200 200 200 200 404",
        "404 404 200 200 200 200 200 404",
    ),
    ("actions:calendar", "suspended's cancelled"): (
        "404 404 404 404 404 404 200 404",
        "404 404 404 404 404 404 200 404",
    ),
    ("actions:edit", "published"): (
        "403 403 403 200 200 200 403 403",
        "403 403 403 200 200 200 403 403",
    ),
    ("actions:edit", "co-hosted by B, no grant"): (
        "403 403 403 200 200 200 403 403",
        "403 403 403 200 200 200 403 403",
    ),
    ("actions:edit", "draft"): (
        "404 404 403 200 200 200 404 404",
        "404 404 403 200 200 200 404 404",
    ),
    ("actions:edit", "hidden"): (
        "404 404 403 200 200 200 404 404",
        "404 404 403 200 200 200 404 404",
    ),
    ("actions:edit", "of B"): (
        "403 200 403 403 403 403 403 403",
        "403 200 403 403 403 403 403 403",
    ),
    ("actions:cancel", "published"): (
        "403 403 403 200 200 200 403 403",
        "403 403 403 302 302 302 403 403",
    ),
    ("actions:cancel", "draft"): (
        "404 404 403 200 200 200 404 404",
        "404 404 403 302 302 302 404 404",
    ),
    ("actions:occurrence_cancel", "no such date"): ("405", "403 403 403 404 404 404 403 403"),
    ("actions:host_respond", "B invited to the draft"): (
        "302 200 404 404 404 404 404 404",
        "302 302 404 404 404 404 404 404",
    ),
    ("actions:host_respond", "junk decision"): (
        "302 404 404 404 404 404 404 404",
        "302 404 404 404 404 404 404 404",
    ),
    ("actions:rsvp", "published"): ("200", "200"),
    ("actions:rsvp", "draft"): (
        "404 404 200 200 200 200 200 404",
        "404 404 200 200 200 200 200 404",
    ),
    ("actions:rsvp", "suspended's cancelled"): (
        "404 404 404 404 404 404 200 404",
        "404 404 404 404 404 404 200 404",
    ),
    ("actions:attendees", "hosts-only address"): (
        "403 403 403 200 200 302 403 403",
        "403 403 403 200 200 302 403 403",
    ),
    ("actions:attendees", "published, co-hosted by S"): (
        "403 403 403 200 200 302 403 403",
        "403 403 403 200 200 302 403 403",
    ),
    ("actions:attendees", "co-hosted by B, no grant"): (
        "403 403 403 200 200 302 403 403",
        "403 403 403 200 200 302 403 403",
    ),
    ("actions:attendees", "draft"): (
        "404 404 403 200 200 302 404 404",
        "404 404 403 200 200 302 404 404",
    ),
    ("actions:attendees", "of B"): (
        "403 200 403 403 403 403 403 403",
        "403 200 403 403 403 403 403 403",
    ),
    ("actions:attendees_csv", "hosts-only address"): (
        "403 403 403 200 200 302 403 403",
        "403 403 403 200 200 302 403 403",
    ),
    ("actions:attendees_csv", "co-hosted by B, no grant"): (
        "403 403 403 200 200 302 403 403",
        "403 403 403 200 200 302 403 403",
    ),
    ("actions:attendees_csv", "draft"): (
        "404 404 403 200 200 302 404 404",
        "404 404 403 200 200 302 404 404",
    ),
    ("actions:attendees_csv", "of B"): (
        "403 200 403 403 403 403 403 403",
        "403 200 403 403 403 403 403 403",
    ),
    ("actions:rsvp_decide", "pending RSVP"): ("405", "403 403 403 302 302 302 403 403"),
    ("actions:rsvp_decide", "RSVP of another action"): ("405", "403 404 403 403 403 403 403 403"),
    ("actions:announce", "hosts-only address"): ("405", "403 403 403 200 200 302 403 403"),
    ("actions:announce", "of B"): ("405", "403 200 403 403 403 403 403 403"),
    ("moderation_decisions:action", "hidden"): (
        "302 404 200 200 200 200 404 404",
        "302 404 200 200 200 200 404 404",
    ),
    ("moderation_decisions:action", "published"): (
        "302 404 200 200 200 200 404 404",
        "302 404 200 200 200 200 404 404",
    ),
    ("coalitions:solidarity_call", "published"): (
        "302 403 403 200 200 200 403 403",
        "302 403 403 200 200 200 403 403",
    ),
    ("coalitions:solidarity_call", "draft"): (
        "302 404 403 200 200 200 404 404",
        "302 404 403 200 200 200 404 404",
    ),
    ("coalitions:pledge", "call of A"): (
        "302 200 404 404 404 404 404 404",
        "302 200 404 404 404 404 404 404",
    ),
    ("moderation:report", "published action"): ("200", "200"),
    ("moderation:report", "draft action"): (
        "404 404 200 200 200 200 200 404",
        "404 404 200 200 200 200 200 404",
    ),
    ("moderation:report", "suspended's cancelled"): (
        "404 404 404 404 404 404 200 404",
        "404 404 404 404 404 404 200 404",
    ),
    ("moderation:report", "collective A"): ("200", "200"),
    ("moderation:report", "suspended collective"): (
        "404 404 404 404 404 404 200 404",
        "404 404 404 404 404 404 200 404",
    ),
    ("moderation:report", "hidden coalition"): (
        "404 404 404 404 404 404 200 404",
        "404 404 404 404 404 404 200 404",
    ),
    ("moderation:report", "hidden appeal"): (
        "404 404 404 404 404 404 200 404",
        "404 404 404 404 404 404 200 404",
    ),
    ("moderation:report", "unknown kind"): ("404", "404"),
    # Reporting oneself is refused (404: organizer); so is a person seen on no page.
    ("moderation:report", "person among A's members"): (
        "302 404 200 404 200 200 404 404",
        "302 404 200 404 200 200 404 404",
    ),
    ("moderation:report", "person, proposal author"): (
        "302 200 404 404 404 404 404 404",
        "302 200 404 404 404 404 404 404",
    ),
    ("moderation:report", "person, no page"): (
        "302 404 404 404 404 404 404 404",
        "302 404 404 404 404 404 404 404",
    ),
    ("moderation:report", "person, unknown id"): (
        "302 404 404 404 404 404 404 404",
        "302 404 404 404 404 404 404 404",
    ),
    ("collectives:directory", ""): ("200", "200"),
    ("collectives:register", ""): (
        "302 200 200 200 200 200 200 200",
        "302 200 200 200 200 200 200 200",
    ),
    ("collectives:invitation_accept", "junk token"): ("400", "400"),
    ("collectives:detail", "A"): ("200", "200"),
    ("collectives:detail", "suspended"): (
        "404 404 404 404 404 404 200 404",
        "404 404 404 404 404 404 200 404",
    ),
    ("collectives:detail", "pending"): (
        "404 404 404 404 404 404 200 404",
        "404 404 404 404 404 404 200 404",
    ),
    ("collectives:contact", "A"): ("200", "200"),
    ("collectives:contact", "suspended"): (
        "404 404 404 404 404 404 200 404",
        "404 404 404 404 404 404 200 404",
    ),
    ("collectives:join", "A"): ("302 200 302 302 302 302 200 200", "302"),
    ("collectives:join", "pending"): (
        "302 404 404 404 404 404 200 404",
        "302 404 404 404 404 404 302 404",
    ),
    ("collectives:edit", "A"): (
        "404 404 403 403 200 200 404 404",
        "404 404 403 403 200 200 404 404",
    ),
    ("collectives:export", "A"): (
        "404 404 403 403 200 302 404 404",
        "404 404 403 403 200 302 404 404",
    ),
    ("collectives:delete", "A"): (
        "404 404 403 403 200 302 404 404",
        "404 404 403 403 200 302 404 404",
    ),
    ("collectives:members", "A"): (
        "404 404 200 200 200 200 404 404",
        "404 404 200 200 200 200 404 404",
    ),
    ("collectives:invite", "A"): ("405", "404 404 403 403 200 302 404 404"),
    ("collectives:leave", "A"): ("405", "404 404 302 302 302 302 404 404"),
    ("collectives:invitation_revoke", "A's invitation"): ("405", "404 404 403 403 302 302 404 404"),
    ("collectives:invitation_revoke", "A's invitation under B"): ("405", "404"),
    ("collectives:change_role", "A's member"): ("405", "404 404 403 403 200 302 404 404"),
    ("collectives:change_role", "A's member under B"): ("405", "404"),
    ("collectives:remove", "A's member"): ("405", "404 404 403 403 302 302 404 404"),
    ("collectives:join_request_decide", "A's request"): ("405", "404 404 403 403 302 302 404 404"),
    ("collectives:join_request_decide", "junk decision"): (
        "405",
        "404 404 403 403 404 302 404 404",
    ),
    ("collectives:vouch", "pending P"): (
        "302 200 404 404 200 302 404 404",
        "302 200 404 404 200 302 404 404",
    ),
    ("collectives:vouch", "P's key under B"): (
        "302 404 404 404 404 404 404 404",
        "302 404 404 404 404 404 404 404",
    ),
    ("collectives:vouch", "junk key"): (
        "302 404 404 404 404 404 404 404",
        "302 404 404 404 404 404 404 404",
    ),
    ("collectives:vouch", "verified A's key"): (
        "302 404 404 404 404 404 404 404",
        "302 404 404 404 404 404 404 404",
    ),
    ("collectives:vouch_withdraw", "pending P"): ("405", "302 404 404 404 404 302 404 404"),
    ("collectives:vouch_withdraw", "junk key"): ("405", "302 404 404 404 404 404 404 404"),
    ("moderation_decisions:collective", "A"): (
        "302 404 200 200 200 200 404 404",
        "302 404 200 200 200 200 404 404",
    ),
    ("moderation_decisions:review", "A's decision"): (
        "302 404 403 403 200 200 404 404",
        "302 404 403 403 200 200 404 404",
    ),
    ("moderation_decisions:review", "A's decision under B"): (
        "302 404 404 404 404 404 404 404",
        "302 404 404 404 404 404 404 404",
    ),
    ("partners:partners", "A"): ("404 404 403 200 200 200 404 404", "405"),
    ("partners:dismiss", "A, B"): (
        "302 405 405 405 405 405 405 405",
        "302 404 403 302 302 302 404 404",
    ),
    ("partners:block", "A, B"): (
        "302 405 405 405 405 405 405 405",
        "302 404 403 302 302 302 404 404",
    ),
    ("partners:unblock", "A, B"): (
        "302 405 405 405 405 405 405 405",
        "302 404 403 302 302 302 404 404",
    ),
    ("partners:proposal_create", "A to B"): (
        "302 404 403 200 200 200 404 404",
        "302 404 403 200 200 200 404 404",
    ),
    ("partners:proposal_create", "A to suspended"): (
        "302 404 403 404 404 404 404 404",
        "302 404 403 404 404 404 404 404",
    ),
    ("partners:inbox", "A"): (
        "302 404 403 200 200 200 404 404",
        "302 404 403 200 200 200 404 404",
    ),
    ("partners:proposal_detail", "A to B"): (
        "302 200 404 200 200 200 404 404",
        "302 200 404 200 200 200 404 404",
    ),
    ("partners:proposal_detail", "unknown"): (
        "302 404 404 404 404 404 404 404",
        "302 404 404 404 404 404 404 404",
    ),
    ("partners:proposal_answer", "A to B"): (
        "302 405 405 405 405 405 405 405",
        "302 400 404 403 403 403 404 404",
    ),
    ("partners:proposal_withdraw", "A to B"): (
        "302 405 405 405 405 405 405 405",
        "302 403 404 302 302 302 404 404",
    ),
    ("coalitions:list", ""): ("200", "200"),
    ("coalitions:detail", "K"): ("200", "200"),
    ("coalitions:detail", "hidden"): (
        "404 404 404 404 404 404 200 404",
        "404 404 404 404 404 404 200 404",
    ),
    ("feeds:coalition_ics", "K"): ("200", "405"),
    ("feeds:coalition_ics", "hidden"): ("404", "405"),
    ("feeds:personal_ics", "member's token"): ("200", "405"),
    ("feeds:personal_ics", "confirmed's token"): ("200", "405"),
    ("feeds:personal_ics", "waitlisted's token"): ("200", "405"),
    ("feeds:personal_ics", "wrong token"): ("404", "405"),
    # Each signed-in role gets its own pages: the download (POST: its own JSON), the deletion
    # (the junk POST has no password: the form again; B's admin, the moderator: the refusal).
    ("me:data", ""): ("302 200 200 200 200 200 200 200", "302 200 200 200 200 200 200 200"),
    ("me:delete", ""): ("302 200 200 200 200 200 200 200", "302 200 200 200 200 200 200 200"),
    ("me:goodbye", ""): ("200", "405"),
    ("me:calendar", ""): ("302 200 200 200 200 200 200 200", "302 400 400 400 400 400 400 400"),
    ("coalitions:points_edit", "K"): (
        "302 200 404 404 200 200 404 404",
        "302 200 404 404 200 200 404 404",
    ),
    ("coalitions:points_edit", "hidden"): (
        "302 404 404 404 404 404 404 404",
        "302 404 404 404 404 404 404 404",
    ),
    ("coalitions:points_history", "K"): ("200", "200"),
    ("coalitions:points_history", "hidden"): (
        "404 404 404 404 404 404 200 404",
        "404 404 404 404 404 404 200 404",
    ),
    ("coalitions:consent", "K"): (
        "302 405 405 405 405 405 405 405",
        "302 404 404 404 404 404 404 404",
    ),
    ("coalitions:invite", "K"): (
        "302 200 404 404 200 200 404 404",
        "302 200 404 404 200 200 404 404",
    ),
    ("coalitions:join", "K"): (
        "302 404 404 404 404 404 404 404",
        "302 404 404 404 404 404 404 404",
    ),
    ("coalitions:membership_answer", "B's membership"): (
        "302 405 405 405 405 405 405 405",
        "302 404 404 404 404 404 404 404",
    ),
    ("coalitions:leave", "K"): (
        "302 405 405 405 405 405 405 405",
        "302 404 404 404 404 404 404 404",
    ),
    ("appeals:list", ""): ("200", "405"),
    ("appeals:create", ""): (
        "302 200 200 200 200 200 200 200",
        "302 200 200 200 200 200 200 200",
    ),
    ("appeals:detail", "A's"): ("200", "405"),
    ("appeals:detail", "hidden"): ("404 404 404 404 404 404 200 404", "405"),
    ("appeals:edit", "A's"): (
        "302 404 404 200 200 200 404 404",
        "302 404 404 200 200 200 404 404",
    ),
    ("appeals:edit", "hidden"): (
        "302 404 404 404 404 404 404 404",
        "302 404 404 404 404 404 404 404",
    ),
    ("appeals:sign", "A's"): (
        "302 405 405 405 405 405 405 405",
        "302 404 404 404 404 404 404 404",
    ),
    ("appeals:withdraw", "A's"): (
        "302 405 405 405 405 405 405 405",
        "302 404 404 404 404 404 404 404",
    ),
    ("appeals:confirm", "A's"): (
        "302 405 405 405 405 405 405 405",
        "302 404 404 404 404 404 404 404",
    ),
    ("appeals:invite", "A's"): (
        "302 404 404 200 200 200 404 404",
        "302 404 404 200 200 200 404 404",
    ),
    ("appeals:csv", "A's"): ("200", "405"),
    ("appeals:csv", "hidden"): ("404 404 404 404 404 404 200 404", "405"),
    ("appeals:badge", "A's"): ("200", "405"),
    ("appeals:badge", "hidden"): ("404", "405"),
}
