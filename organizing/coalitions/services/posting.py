"""Posting an action for a coalition: actions' own posting, and the coalition's part in its
transaction.

Actions stand on the floor below coalitions: `actions.services.posting.action_create` posts an
action for its hosting collective and knows nothing of coalitions. It runs what it is given as
`then` once the action is created, in its transaction; this module gives it the coalition's
part.
"""

from functools import partial

from django.utils.translation import gettext as _

from organizing.actions.models import Action
from organizing.actions.services.posting import (
    PostingError,
    action_cohosts_invite,
    action_create,
)
from organizing.collectives.models import Collective

from ..access import collective_may_post_for
from ..models import Coalition
from ..selectors import cohosts_to_invite


def action_post_for_coalition(
    *, user, collective: Collective, coalition: Coalition, data: dict
) -> Action:
    """Post an action for a collective the user organizes (`action_create`: its checks, and the
    same form sent twice returning the first submission's action as it is), for a coalition
    the collective is an active member of. All or nothing: a refusal posts nothing."""
    return action_create(
        user=user,
        collective=collective,
        data=data,
        then=partial(_coalition_hosts_add, coalition=coalition, lead=collective),
    )


def _coalition_hosts_add(action: Action, *, coalition: Coalition, lead: Collective) -> None:
    """Posted for a coalition: the coalition is named on the action, and its members that
    consent to the current points of unity are invited to co-host it (the lead collective
    aside, and those blocked either way with it). Each is asked about this action: consenting
    to the points of unity is not consenting to every action, and until its admins accept it
    is not listed and gets no rights."""
    if not collective_may_post_for(lead, coalition):
        raise PostingError(_("The hosting collective is not an active member of this coalition."))
    action.coalition = coalition
    action.save(update_fields=["coalition", "updated_at"])
    action_cohosts_invite(
        action=action, collectives=cohosts_to_invite(coalition, lead=lead), inviting=lead
    )
