"""The sections of a collective's data export that the floors above hold.

A collective's actions, for one, live in `actions`, a floor above `collectives`. Rather than
reach up, the export asks the apps above for their rows: each registers a section, once, in
its `AppConfig.ready()`:

    register_export_section("actions", collective_export_actions)

`collective_export` places the registered sections after the members and before the
history, in the order they were registered (the order of INSTALLED_APPS).
"""

from collections.abc import Callable

from .models import Collective

# A section's rows: JSON-ready values only (str, numbers, None, lists and dicts of them).
ExportSection = Callable[[Collective], list[dict]]

_sections: dict[str, ExportSection] = {}


def register_export_section(name: str, rows: ExportSection) -> None:
    """Add the key `name` to every collective's export, its value `rows(collective)`.
    Registering a name again replaces its builder and keeps its place."""
    _sections[name] = rows


def export_sections(collective: Collective) -> dict[str, list[dict]]:
    """The registered sections of this collective's export, in registration order."""
    return {name: rows(collective) for name, rows in _sections.items()}
