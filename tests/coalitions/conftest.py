"""The coalition tests' cast, on top of the one in tests/conftest.py (alice, bob, charlie, mod and
`collective`).

cora admins the coordinating `union`, which founds `coalition` alone; nora admins `network`,
outside it; dora admins `dockworkers`; dave admins `partner`; olga organizes `collective`.
Modules that need another shape override a fixture of the same name.
"""

import pytest

from tests.conftest import make_user
from tests.factories import make_coalition, make_collective, make_organizer


@pytest.fixture
def cora(db):
    return make_user("cora@example.org", display_name="Cora")


@pytest.fixture
def nora(db):
    return make_user("nora@example.org", display_name="Nora")


@pytest.fixture
def dora(db):
    return make_user("dora@example.org", display_name="Dora")


@pytest.fixture
def dave(db):
    return make_user("dave@example.org", display_name="Dave")


@pytest.fixture
def olga(collective):
    """An organizer (not an admin) of `collective`."""
    return make_organizer(collective, display_name="Olga")


@pytest.fixture
def union(cora):
    return make_collective("Coordinating Union", "coordinating-union", admin=cora)


@pytest.fixture
def network(nora):
    return make_collective("Nora's Network", "noras-network", admin=nora)


@pytest.fixture
def dockworkers(dora):
    """Another verified collective; dora is its admin."""
    return make_collective("Ottawa Dockworkers Union", "dockworkers", admin=dora)


@pytest.fixture
def partner(dave):
    """A second verified collective, open to partners; dave is its admin."""
    return make_collective("Ottawa Postal Workers", "ottawa-postal", admin=dave)


@pytest.fixture
def coalition(union, cora):
    """The coalition the union coordinates alone, with points of unity (version 1)."""
    return make_coalition((union, cora))
