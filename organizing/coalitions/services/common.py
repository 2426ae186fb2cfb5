"""What every coalitions service shares: the domain error."""

from organizing.core.errors import DomainError


class CoalitionError(DomainError):
    """A coalition rule was broken (membership, points of unity, solidarity calls)."""
