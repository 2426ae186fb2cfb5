"""What every coalitions service shares: the domain error and the admins' addresses."""

from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

from organizing.collectives.models import Collective, Membership, MembershipRole


class CoalitionError(Exception):
    """A rule was broken; `message` is shown to the person as is (a form error or a message)."""

    default_message = _("This is not possible.")

    def __init__(self, message=None):
        self.message = message or self.default_message
        super().__init__(self.message)


def admin_emails(collectives: Iterable[Collective]) -> list[str]:
    """The addresses of the admins of these collectives, each once, oldest admins first."""
    ids = [collective.pk for collective in collectives]
    emails = (Membership.objects.filter(collective_id__in=ids, role=MembershipRole.ADMIN)
              .order_by("created_at").values_list("user__email", flat=True))
    return list(dict.fromkeys(emails))
