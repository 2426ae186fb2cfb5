"""The data inventory: every model field of our apps that can hold personal data, what it
holds, how long it is kept and which code enforces that (OWASP ASVS V8.3.4: identify all
sensitive data and its retention).

`tests/core/test_data_inventory.py` walks every concrete field of every model in `organizing.*`
and fails, naming the field, when one that could hold personal data (`may_hold_personal_data`)
is neither in `PERSONAL` nor in `NOT_PERSONAL` with a reason. It also checks that each entry
names a real field, that every `enforced_by` path is a real callable (a Celery task among them
must be in the beat schedule) and that `account_deleted` says what the foreign key really does
when an account is deleted. Adding a field that can hold personal data means deciding here how
long it lives.

This module is data only (the bottom floor: it imports nothing from the apps).
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import models


@dataclass(frozen=True)
class Personal:
    holds: str
    retention: str
    # Dotted paths of the functions or tasks that enforce the retention (checked to exist).
    enforced_by: tuple[str, ...] = ()
    # For a link to an account: what deleting the account does to it ("set null", "cascade",
    # "protect"), checked against the field's on_delete.
    account_deleted: str = ""


def may_hold_personal_data(field) -> bool:
    """Decided by type: text of any kind (emails, names, free text, tokens, URLs, JSON), IP
    addresses, UUIDs, files, and every link to an account. A text field with `choices` holds
    one of a fixed set of values written by code, never something a person typed."""
    if field.is_relation:
        return field.related_model is not None and (
            field.related_model._meta.label == settings.AUTH_USER_MODEL
        )
    if isinstance(field, models.CharField) and field.choices:
        return False
    return isinstance(
        field,
        (
            models.CharField,
            models.TextField,
            models.JSONField,
            models.GenericIPAddressField,
            models.UUIDField,
            models.BinaryField,
            models.FileField,
        ),
    )


# Retention rules shared by many fields, in words.

ACCOUNT = (
    "While the account exists. Deleting the account (the person, at /me/delete/, or staff "
    "in the admin) deletes it."
)
COLLECTIVE = (
    "While the collective exists; deleting the collective (its admins, with two-factor) deletes it."
)
COLLECTIVE_DELETE = ("organizing.collectives.services.profile.collective_delete",)
ACCOUNT_DELETE = ("organizing.me.services.deletion.account_delete",)
ACTION = (
    "Kept with the action, which stays in the public archive; an action that never "
    "went public is deleted with its lead collective."
)
COALITION = (
    "Kept with the coalition or the proposal, for the collectives involved; deleted "
    "with either collective."
)
ATTENDEE = (
    "Erased (emptied, or replaced by anonymized-<id>@invalid) `retention_days` after "
    "the action ends: each action's choice, 30 by default, within "
    "ATTENDEE_RETENTION_DAYS_MIN / _MAX; at once when the person deletes their account. "
    "The counts stay."
)
ATTENDEE_TASK = (
    "organizing.actions.tasks.rsvp_anonymize_past",
    "organizing.actions.services.rsvp.rsvp_anonymize_past",
    # At once, for the RSVPs of an account being deleted.
    "organizing.actions.services.rsvp.rsvp_anonymize_for_account",
)
OUTBOX = (
    "Erased OUTBOX_RETENTION_DAYS (7) after it was sent or failed for good (the row "
    "stays as a record: status and dates); at once, with an email about an RSVP, when "
    "that RSVP is anonymized; mail not sent yet is never erased by the retention."
)
OUTBOX_TASKS = (
    "organizing.outbox.tasks.outbox_purge_expired",
    "organizing.outbox.services.outbox_purge_expired",
    "organizing.outbox.services.outbox_purge_concerning",
    # At once, every email to the address of an account being deleted.
    "organizing.outbox.services.outbox_purge_to",
)
ALERT = (
    "While the alert is active; an alert never confirmed, or unsubscribed, is deleted "
    "30 days after its last confirm link or its unsubscription."
)
ALERT_TASK = (
    "organizing.alerts.tasks.alerts_purge_stale",
    "organizing.alerts.services.alert_purge_stale",
    # At once, the alerts on the address of an account being deleted.
    *ACCOUNT_DELETE,
)
FOLLOW = (
    "While the follow is active; a follow by address never confirmed, or any follow "
    "unsubscribed, is deleted 30 days after its last confirm link or its unsubscription; "
    "deleted with the account, the collective or the coalition it follows."
)
FOLLOW_TASK = (
    "organizing.alerts.tasks.alerts_purge_stale",
    "organizing.alerts.services.follow_purge_stale",
)
MODERATION = (
    "Kept for the moderators while the case is open and after it closes: no "
    "automatic erasure; deleted with the collective concerned."
)
AUDIT = (
    "Kept for good: the moderation audit trail is never edited or deleted "
    "(Decision.save refuses updates, Decision.delete refuses)."
)
AUDIT_ENFORCED = (
    "organizing.moderation.models.Decision.save",
    "organizing.moderation.models.Decision.delete",
)
DIGEST = "Until the person's next daily digest (a day at most), then deleted."
DIGEST_TASKS = (
    "organizing.accounts.tasks.notifications_send_digests",
    "organizing.accounts.notifications.digest_send",
    "organizing.accounts.notifications.digest_items_purge_concerning",
)
LINK_KEPT = "Kept with the record; emptied when the account is deleted."
LINK_GONE = "Kept with the record; the record is deleted with the account."


def _link(record: str, retention: str = LINK_KEPT, deleted: str = "set null") -> Personal:
    return Personal(holds=f"Which account {record}.", retention=retention, account_deleted=deleted)


PERSONAL: dict[str, Personal] = {
    # Accounts
    "accounts.User.email": Personal("The login address; never shown to other users.", ACCOUNT),
    "accounts.User.display_name": Personal("The name or nickname members see.", ACCOUNT),
    "accounts.User.password": Personal("The password's salted hash.", ACCOUNT),
    "accounts.User.public_id": Personal("A random id naming the person in report links.", ACCOUNT),
    "accounts.User.last_login": Personal("When the person last logged in.", ACCOUNT),
    "accounts.User.date_joined": Personal("When the account was created.", ACCOUNT),
    "accounts.User.language": Personal("The language the person chose for emails.", ACCOUNT),
    "accounts.User.time_zone": Personal("The time zone the person chose.", ACCOUNT),
    "accounts.User.calendar_token": Personal(
        "Secret of the person's private calendar feed.", ACCOUNT
    ),
    "accounts.NotificationPreference.user": _link(
        "chose how a kind of email reaches it", LINK_GONE, "cascade"
    ),
    "accounts.DigestItem.user": _link("an email waits for, in its daily digest", DIGEST, "cascade"),
    "accounts.DigestItem.subject": Personal("The held email's subject.", DIGEST, DIGEST_TASKS),
    "accounts.DigestItem.body_text": Personal(
        "The held email: names of collectives and actions, links.", DIGEST, DIGEST_TASKS
    ),
    # Collectives
    "collectives.Collective.contact_email": Personal(
        "The collective's private contact address, often a person's; never rendered.",
        COLLECTIVE,
        COLLECTIVE_DELETE,
    ),
    "collectives.Collective.created_by": _link("registered the collective"),
    "collectives.Membership.user": _link("is a member, and with which role", LINK_GONE, "cascade"),
    "collectives.Invitation.email": Personal(
        "The address an invitation to join was sent to.",
        COLLECTIVE + " Erased when that person deletes their account.",
        COLLECTIVE_DELETE + ACCOUNT_DELETE,
    ),
    "collectives.Invitation.invited_by": _link("sent an invitation"),
    "collectives.Invitation.accepted_by": _link("accepted an invitation"),
    "collectives.JoinRequest.user": _link("asked to join", LINK_GONE, "cascade"),
    "collectives.JoinRequest.message": Personal(
        "What the person wrote when asking to join.", COLLECTIVE, COLLECTIVE_DELETE
    ),
    "collectives.JoinRequest.decided_by": _link("answered a join request"),
    "collectives.MembershipEvent.actor": _link("did something in the members' history"),
    "collectives.MembershipEvent.subject": _link("a history row is about"),
    "collectives.MembershipEvent.detail": Personal(
        "Details of a membership change, e.g. the address an invitation went to.",
        COLLECTIVE + " The address is erased when that person deletes their account.",
        COLLECTIVE_DELETE + ACCOUNT_DELETE,
    ),
    "collectives.Vouch.author": _link("vouched for a collective (never public)"),
    "collectives.Vouch.statement": Personal(
        "An admin's sentence to the moderators about a collective; never public.",
        COLLECTIVE,
        COLLECTIVE_DELETE,
    ),
    # Actions and RSVPs
    "actions.Action.created_by": _link("posted the action"),
    "actions.Action.venue": Personal(
        "The venue's name; with a hidden address, part of what only participants or hosts see.",
        ACTION,
    ),
    "actions.Action.address": Personal(
        "The exact address, which may be a private home; shown only as location_visibility allows.",
        ACTION,
    ),
    "actions.Action.latitude": Personal(
        "The exact point (see address); public pages use the rounded public point only.", ACTION
    ),
    "actions.Action.longitude": Personal("The exact point (see latitude).", ACTION),
    "actions.Action.online_url": Personal(
        "The meeting link, which may carry a personal room name.", ACTION
    ),
    "actions.Rsvp.name": Personal("The participant's name or nickname.", ATTENDEE, ATTENDEE_TASK),
    "actions.Rsvp.email": Personal("The participant's address.", ATTENDEE, ATTENDEE_TASK),
    "actions.Rsvp.user": Personal(
        "Which account took part.", ATTENDEE, ATTENDEE_TASK, account_deleted="set null"
    ),
    "actions.Rsvp.token": Personal(
        "Secret of the participant's confirm and cancel links.",
        "Kept, but dead once the RSVP is anonymized (the links look for RSVPs not "
        "anonymized), so it no longer leads to anyone.",
        ATTENDEE_TASK,
    ),
    "actions.AttendeeExport.exported_by": _link("downloaded the attendee list"),
    "actions.Announcement.sender": _link("wrote to the participants"),
    "actions.Announcement.subject": Personal(
        "A message from the hosts to the participants.", ACTION
    ),
    "actions.Announcement.body": Personal(
        "A message from the hosts to the participants; may name people.", ACTION
    ),
    # Coalitions, proposals, appeals
    "coalitions.Coalition.created_by": _link("created the coalition"),
    "coalitions.PointsOfUnity.written_by": _link("wrote a version of the points of unity"),
    "coalitions.CoalitionMembership.message": Personal(
        "A private message sent with an invitation or a request to join.", COALITION
    ),
    "coalitions.CoalitionMembership.invited_by": _link("invited a collective"),
    "coalitions.CoalitionMembership.requested_by": _link("asked to join a coalition"),
    "coalitions.CoalitionMembership.decided_by": _link("answered a request or invitation"),
    "coalitions.CoalitionMembership.consented_by": _link("consented to the points of unity"),
    "matching.PartnershipProposal.message": Personal(
        "A private message from one collective to another.", COALITION
    ),
    "matching.PartnershipProposal.draft_points": Personal(
        "Draft points of unity in a private proposal.", COALITION
    ),
    "matching.PartnershipProposal.coalition_name": Personal(
        "The name proposed for a coalition, in a private proposal.", COALITION
    ),
    "matching.PartnershipProposal.proposed_by": _link("made a proposal"),
    "matching.PartnershipProposal.decided_by": _link("answered a proposal"),
    "coalitions.SolidarityCall.message": Personal(
        "A call for support sent to a coalition.", COALITION
    ),
    "coalitions.SolidarityCall.created_by": _link("sent a solidarity call"),
    "coalitions.SolidarityPledge.note": Personal("A collective's note with its pledge.", COALITION),
    "coalitions.SolidarityPledge.pledged_by": _link("pledged support"),
    "appeals.Appeal.created_by": _link("drafted the appeal"),
    "appeals.AppealInvitation.invited_by": _link("invited a collective to sign"),
    "appeals.AppealSignature.signed_by": _link("signed for a collective"),
    # Outgoing email
    "outbox.OutboxMessage.to": Personal("The recipient's address.", OUTBOX, OUTBOX_TASKS),
    "outbox.OutboxMessage.reply_to": Personal(
        "A sender's address shared on purpose (the contact form's box).", OUTBOX, OUTBOX_TASKS
    ),
    "outbox.OutboxMessage.subject": Personal(
        "The subject (an action's title, a name).", OUTBOX, OUTBOX_TASKS
    ),
    "outbox.OutboxMessage.body_text": Personal(
        "The email: names, the exact place, personal links.", OUTBOX, OUTBOX_TASKS
    ),
    "outbox.OutboxMessage.body_html": Personal("The email's HTML part.", OUTBOX, OUTBOX_TASKS),
    "outbox.OutboxMessage.headers": Personal(
        "Extra headers, e.g. a personal one-click unsubscribe link.", OUTBOX, OUTBOX_TASKS
    ),
    "outbox.OutboxMessage.last_error": Personal(
        "The mail server's last refusal, which often quotes the address.", OUTBOX, OUTBOX_TASKS
    ),
    "notifications.ActionAlert.email": Personal("The subscriber's address.", ALERT, ALERT_TASK),
    "notifications.ActionAlert.token": Personal(
        "Secret of the subscriber's links.", ALERT, ALERT_TASK
    ),
    "notifications.ActionAlert.query": Personal(
        "The saved search: a city and a distance, so roughly where the person is.",
        ALERT,
        ALERT_TASK,
    ),
    "notifications.ActionAlert.description": Personal(
        "The saved search in words.", ALERT, ALERT_TASK
    ),
    "notifications.ActionAlert.language": Personal("The subscriber's language.", ALERT, ALERT_TASK),
    "notifications.Follow.user": Personal(
        "Who follows (never shown: the admins see a count).",
        FOLLOW,
        FOLLOW_TASK,
        account_deleted="cascade",
    ),
    "notifications.Follow.email": Personal(
        "The follower's address, for a follow without an account.", FOLLOW, FOLLOW_TASK
    ),
    "notifications.Follow.token": Personal("Secret of the follower's links.", FOLLOW, FOLLOW_TASK),
    "notifications.Follow.language": Personal("The follower's language.", FOLLOW, FOLLOW_TASK),
    # Moderation
    "moderation.Report.reporter": Personal(
        "Who reported; never shown to anyone.", MODERATION, account_deleted="set null"
    ),
    "moderation.Report.note": Personal("What the reporter wrote.", MODERATION),
    "moderation.Report.context": Personal(
        "For a reported person: the page they were reported from and the name shown there.",
        MODERATION,
    ),
    "moderation.Report.target_slug": Personal(
        "What was reported; for a person, their public id.", MODERATION
    ),
    "moderation.ReportCase.target_slug": Personal(
        "What the case is about; for a person, their public id.", MODERATION
    ),
    "moderation.ReportCase.moderator_notes": Personal(
        "The moderators' notes, which may be about people.", MODERATION
    ),
    "moderation.ReportCase.resolved_by": _link("resolved a case"),
    "moderation.Decision.moderator": Personal(
        "Which moderator decided.", AUDIT, AUDIT_ENFORCED, account_deleted="protect"
    ),
    "moderation.Decision.target_label": Personal(
        "The target's name when decided: a collective's or an action's, or for an account "
        "its email address.",
        AUDIT,
        AUDIT_ENFORCED,
    ),
    "moderation.Decision.reason": Personal(
        "The moderator's words, which may name people.", AUDIT, AUDIT_ENFORCED
    ),
    "moderation.ReviewRequest.message": Personal("A collective's request for review.", MODERATION),
    "moderation.ReviewRequest.answer": Personal("The moderators' answer.", MODERATION),
    "moderation.ReviewRequest.requested_by": _link("asked for a review"),
    "moderation.ModeratorScope.user": _link("moderates which countries", LINK_GONE, "cascade"),
    # Partner suggestions
    "matching.PartnerExclusion.created_by": _link("dismissed or blocked a collective"),
}

_PUBLIC_PROFILE = (
    "A collective's or coalition's public profile, written to be published; "
    "about an organization, not a person."
)
_PUBLIC_ACTION = "Public description of an action, written to be published by its hosts."
_PUBLIC_APPEAL = "Public text of an appeal or coalition, written to be published."
_SOURCE = "Citation of a published source (title and link of an article)."
_GAZETTEER = "GeoNames gazetteer data about cities."
_CODES = "Codes written by the application (language or country codes, weekday numbers)."
_DERIVED = "Derived by code from a public name (slug, lookalike key)."

NOT_PERSONAL: dict[str, str] = {
    "core.Cause.source_title": _SOURCE,
    "core.Cause.source_url": _SOURCE,
    "core.Cause.name": "The name of a cause (the site's taxonomy).",
    "core.Cause.slug": _DERIVED,
    "core.Cause.description": "Describes a cause (the site's taxonomy).",
    "places.City.name": _GAZETTEER,
    "places.City.admin1_code": _GAZETTEER,
    "places.City.timezone": _GAZETTEER,
    "places.City.source_digest": "A hash of the imported gazetteer record.",
    "places.City.local_names": _GAZETTEER,
    "places.GazetteerImport.source": "The name of a GeoNames file the gazetteer was imported from.",
    "places.GazetteerImport.fingerprint": "A hash of that file and of the code that read it.",
    "places.CityName.name": _GAZETTEER,
    "places.CityName.normalized": _GAZETTEER,
    "collectives.Collective.source_title": _SOURCE,
    "collectives.Collective.source_url": _SOURCE,
    "collectives.Collective.name": _PUBLIC_PROFILE,
    "collectives.Collective.name_key": _DERIVED,
    "collectives.Collective.slug": _DERIVED,
    "collectives.Collective.description": _PUBLIC_PROFILE,
    "collectives.Collective.city": _PUBLIC_PROFILE,
    "collectives.Collective.city_names": _GAZETTEER,
    "collectives.Collective.region_code": _GAZETTEER,
    "collectives.Collective.languages": _CODES,
    "collectives.Collective.website": _PUBLIC_PROFILE,
    "collectives.Collective.social_links": _PUBLIC_PROFILE,
    "actions.Action.source_title": _SOURCE,
    "actions.Action.source_url": _SOURCE,
    "actions.Action.title": _PUBLIC_ACTION,
    "actions.Action.slug": _DERIVED,
    "actions.Action.description": _PUBLIC_ACTION,
    "actions.Action.timezone": _GAZETTEER,
    "actions.Action.date_note": _PUBLIC_ACTION,
    "actions.Action.city": _PUBLIC_ACTION,
    "actions.Action.city_names": _GAZETTEER,
    "actions.Action.area_label": _PUBLIC_ACTION,
    "actions.Action.accessibility_info": _PUBLIC_ACTION,
    "actions.Action.safety_notes": _PUBLIC_ACTION,
    "actions.Action.languages": _CODES,
    "actions.Action.external_rsvp_url": _PUBLIC_ACTION,
    "actions.Action.submission_key": "A random key of one posting form, against double submission.",
    "actions.Action.turnout_note": _PUBLIC_ACTION,
    "actions.Action.outcome_notes": _PUBLIC_ACTION,
    "actions.Action.recurrence_weekdays": _CODES,
    "actions.Action.recurrence_note": _PUBLIC_ACTION,
    "actions.ActionPlace.name": "The name of a city an action names (a gazetteer city centre).",
    "coalitions.Coalition.source_title": _SOURCE,
    "coalitions.Coalition.source_url": _SOURCE,
    "coalitions.Coalition.name": _PUBLIC_PROFILE,
    "coalitions.Coalition.name_key": _DERIVED,
    "coalitions.Coalition.slug": _DERIVED,
    "coalitions.Coalition.description": _PUBLIC_PROFILE,
    "coalitions.Coalition.points_of_unity": _PUBLIC_APPEAL,
    "coalitions.Coalition.city": _PUBLIC_PROFILE,
    "coalitions.Coalition.unnamed_members_note": _PUBLIC_PROFILE,
    "coalitions.PointsOfUnity.text": _PUBLIC_APPEAL,
    "matching.PartnershipProposal.public_id": "A random id for the proposal's links.",
    "appeals.Appeal.source_title": _SOURCE,
    "appeals.Appeal.source_url": _SOURCE,
    "appeals.Appeal.title": _PUBLIC_APPEAL,
    "appeals.Appeal.slug": _DERIVED,
    "appeals.Appeal.text": _PUBLIC_APPEAL,
    "appeals.Appeal.date_note": _PUBLIC_APPEAL,
    "appeals.Appeal.unnamed_signatory_note": _PUBLIC_APPEAL,
    "outbox.OutboxMessage.concerns": "The kind and id of the record an email is about "
    "(rsvp:42), nothing more.",
    "moderation.Decision.target_kind": "The kind of target, a code written by the application.",
    "moderation.ReasonTemplate.title": "Staff's reason templates, the same for everyone.",
    "moderation.ReasonTemplate.text": "Staff's reason templates, the same for everyone.",
    "moderation.ModeratorScope.countries": _CODES,
    "accounts.DigestItem.concerns": "The kind and id of the record an item is about "
    "(rsvp:42), nothing more.",
}

# Outside our apps, in words (the test does not walk them): allauth's EmailAddress (an
# account's addresses, with the account), its MFA Authenticator (TOTP secret and recovery
# codes, with the account), Django's sessions (expire after SESSION_COOKIE_AGE and are deleted
# daily by organizing.accounts.tasks.sessions_clear_expired; a session holds the RSVP tokens of
# a visitor without an account), allauth's UserSession (where one is logged in: the session
# key, the login time and a coarse browser label, never an IP address or the full User-Agent,
# organizing/accounts/sessions.py; deleted with its session or the account), the admin's
# LogEntry (staff actions, with a string of the object, e.g. an outgoing email's recipient),
# and the database cache's
# rate-limit keys (an IP address or an account, expiring with the limit's period).
