"""What collectives announce to the floors above them, which they must not import.

`collective_deleting` is sent by `services.profile.collective_delete`, inside its transaction,
just before the collective's row is deleted (keyword argument: `collective`). A receiver
deletes what its app holds that only this collective stood for (actions: the drafts only it
prepared); an exception it raises rolls the whole deletion back. Sent by the service only, not
by `Collective.delete()`: deleting a row in the admin or in a test keeps its plain cascade.
"""

from django.dispatch import Signal

collective_deleting = Signal()
