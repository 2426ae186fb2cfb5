"""The one base of the errors a service raises when a rule of the domain is broken.

Each app subclasses it (`CoalitionError`, `AppealError`, `PartnerError`, ...); views turn any
of them into a form error or a message through `core.domain_errors.domain_error_shown`, so the
message is written once, in the service, and shown to the person as is.
"""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A rule was broken; `message` is shown to the person as is (a form error or a message)."""

    default_message = _("This is not possible.")

    def __init__(self, message=None, *, field: str | None = None):
        self.message = message or self.default_message
        # The form field the message belongs next to, when the service knows it.
        self.field = field
        super().__init__(str(self.message))
