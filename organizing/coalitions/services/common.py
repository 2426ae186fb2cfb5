"""What every coalitions service shares: the domain error."""

from django.utils.translation import gettext_lazy as _


class CoalitionError(Exception):
    """A rule was broken; `message` is shown to the person as is (a form error or a message)."""

    default_message = _("This is not possible.")

    def __init__(self, message=None):
        self.message = message or self.default_message
        super().__init__(self.message)
