"""Where a person is logged in, kept as little as that takes.

allauth's usersessions lists a person's sessions and signs the others out. It records each
session's IP address and full User-Agent string: for people who face doxxing, a list of the
places and devices they log in from is exactly what should not exist on a seized server. So
before a session record is saved, its address becomes the unspecified address and its browser
string a coarse label ("Firefox on Linux"). The list stays useful ("a phone I do not own is
logged in") and holds nothing that locates anyone. Activity is not tracked
(USERSESSIONS_TRACK_ACTIVITY off), so a record is written at login only.

Written here rather than with a User-Agent parsing library: two short tables of substrings
are enough for a label, and a library would only parse what we then throw away.
"""

from django.contrib.sessions.models import Session
from django.utils import timezone

# Stored instead of the client's address (the field cannot be empty).
NO_ADDRESS = "0.0.0.0"  # nosec B104: a value stored, not an address bound

# First match wins: Edge and Opera say "Chrome" too, Chrome says "Safari".
_BROWSERS = (
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("Firefox/", "Firefox"),
    ("Chrome/", "Chrome"),
    ("Chromium/", "Chromium"),
    ("Safari/", "Safari"),
)
# Android says "Linux", iOS says "Mac OS X".
_SYSTEMS = (
    ("Android", "Android"),
    ("iPhone", "iOS"),
    ("iPad", "iPadOS"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
)


def _first_match(user_agent: str, table) -> str:
    return next((label for needle, label in table if needle in user_agent), "")


def device_label(user_agent: str) -> str:
    """A browser and a system, never a version or a device model: "Firefox on Linux"."""
    browser = _first_match(user_agent, _BROWSERS) or "A browser"
    system = _first_match(user_agent, _SYSTEMS)
    return f"{browser} on {system}" if system else browser


# Every label device_label can write, so saving a record twice keeps its label.
_LABELS = {
    f"{browser} on {system}" if system else browser
    for browser in [label for _, label in _BROWSERS] + ["A browser"]
    for system in [label for _, label in _SYSTEMS] + [""]
}


def minimize_session_record(sender, instance, **kwargs):
    """pre_save of allauth's UserSession: no address, a coarse label for the browser."""
    instance.ip = NO_ADDRESS
    if instance.user_agent not in _LABELS:
        instance.user_agent = device_label(instance.user_agent)


CLEAR_BATCH_SIZE = 1000


def sessions_clear_expired(*, now=None, batch_size: int = CLEAR_BATCH_SIZE) -> int:
    """Delete the sessions past their expiry (Django keeps them until someone does), in
    batches, then the usersessions records whose session is gone (expired, or ended by a log
    out on a device that never listed its sessions). Returns the sessions deleted."""
    from allauth.usersessions.models import UserSession

    now = now or timezone.now()
    deleted = 0
    while keys := list(
        Session.objects.filter(expire_date__lt=now).values_list("session_key", flat=True)[
            :batch_size
        ]
    ):
        deleted += Session.objects.filter(session_key__in=keys).delete()[0]
    UserSession.objects.exclude(session_key__in=Session.objects.values("session_key")).delete()
    return deleted
