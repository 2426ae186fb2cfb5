from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionsConfig(AppConfig):
    name = "organizing.actions"
    verbose_name = _("Actions")

    def ready(self):
        # Collectives stand on the floor below: they announce a deletion and collect their
        # export's sections, and actions answer for what they hold (docs/architecture.md).
        from organizing.actions.selectors.public import collective_export_actions
        from organizing.collectives.exports import register_export_section
        from organizing.collectives.signals import collective_deleting

        from .signals import delete_actions_only_it_prepared

        collective_deleting.connect(
            delete_actions_only_it_prepared, dispatch_uid="delete_actions_only_it_prepared"
        )
        register_export_section("actions", collective_export_actions)
