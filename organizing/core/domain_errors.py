"""The one way a view shows a broken domain rule: the service's `DomainError` message, as a
form error (next to a field, or at the top of the form) or as a message on the next page.

    with domain_error_shown(request, form=form) as attempt:
        services.appeal_sign(appeal=appeal, collective=collective, by=request.user)
    if attempt.failed:
        return render(request, "appeals/appeal_detail.html", context, status=400)

The block inside `with` stops at the error; any other exception goes on up as usual.
"""

from django.contrib import messages

from .errors import DomainError


class domain_error_shown:
    def __init__(self, request, *, form=None, field: str | None = None):
        self.request = request
        self.form = form
        self.field = field
        self.error: DomainError | None = None

    @property
    def failed(self) -> bool:
        return self.error is not None

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback) -> bool:
        if not isinstance(error, DomainError):
            return False
        self.error = error
        if self.form is not None:
            self.form.add_error(self.field, error.message)
        else:
            messages.error(self.request, error.message)
        return True  # handled: the view carries on and looks at `failed`
