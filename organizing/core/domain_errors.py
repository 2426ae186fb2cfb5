"""The one way a view shows a broken domain rule: the service's `DomainError` message, as a
form error (next to a field, or at the top of the form) or as a message on the next page.

    with domain_error_shown(request, form=form):
        appeal = services.appeal_create(by=request.user, **form.cleaned_data)
        messages.success(request, _("Your appeal is published."))
        return redirect(appeal)
    return render(request, "appeals/appeal_form.html", {"form": form})  # the error shown

The block inside `with` stops at the error, which is then handled; `attempt.failed` (from
`with ... as attempt`) tells the view when it must know. Any other exception goes on up.
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

    def _field_for(self, error: DomainError) -> str | None:
        """The field the view named, else the one the service named if the form has it (at the
        top of the form otherwise)."""
        if self.field is not None:
            return self.field
        return error.field if error.field in self.form.fields else None

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback) -> bool:
        if not isinstance(error, DomainError):
            return False
        self.error = error
        if self.form is not None:
            self.form.add_error(self._field_for(error), error.message)
        else:
            messages.error(self.request, error.message)
        return True  # handled: the view carries on and looks at `failed`
