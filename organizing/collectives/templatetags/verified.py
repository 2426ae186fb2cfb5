"""The verified badge, wherever a host or a collective is named: one component for pages,
feeds and emails. It reads `Collective.status` only (a field of the row already loaded), so
it never costs a query, and it is a tag rather than an include so that a list of hundreds of
rows pays nothing for it."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()

# A check in a circle (the shape of Bootstrap Icons' "patch-check-fill", MIT), drawn inline so
# that it needs no icon font and shows in feed readers too; the text label is for everyone
# else (screen readers, text emails).
_CHECK = (
    '<svg class="verified-badge-icon" width="1em" height="1em" viewBox="0 0 16 16" '
    'aria-hidden="true" focusable="false"><path fill="currentColor" d="M8 0a8 8 0 1 0 0 16A8 '
    "8 0 0 0 8 0Zm3.78 5.97-4.5 4.5a.75.75 0 0 1-1.06 0l-2-2a.75.75 0 1 1 1.06-1.06l1.47 "
    '1.47 3.97-3.97a.75.75 0 1 1 1.06 1.06Z"/></svg>'
)


def _is_verified(collective) -> bool:
    return bool(collective) and getattr(collective, "is_verified", False)


@register.simple_tag
def verified_badge(collective) -> str:
    """HTML: a check icon with the text "verified collective" for screen readers (and as the
    tooltip); nothing for a collective that is not verified."""
    if not _is_verified(collective):
        return ""
    label = _("verified collective")
    # The icon is part of the format string (a constant with no braces), so nothing is
    # marked safe by hand.
    return format_html(
        '<span class="verified-badge text-success ms-1" title="{}">' + _CHECK + "<span "
        'class="visually-hidden">{}</span></span>',
        label,
        f" ({label})",
    )


@register.filter
def verified_text(collective) -> str:
    """Plain text (emails, feed titles): " (✓ verified collective)", or nothing."""
    if not _is_verified(collective):
        return ""
    return " (✓ {})".format(_("verified collective"))


@register.simple_tag
def host_name(collective) -> str:
    """Plain text: the collective's name followed by its badge."""
    return f"{collective.name}{verified_text(collective)}"
