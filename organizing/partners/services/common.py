"""What every partners service shares: the domain error."""

from organizing.core.errors import DomainError


class PartnerError(DomainError):
    """A partners rule was broken (suggestions, dismissals, blocks, proposals)."""
