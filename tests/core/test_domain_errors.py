"""`domain_error_shown`: a service's DomainError becomes a form error or a message; nothing else
is swallowed."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory

from organizing.core.domain_errors import domain_error_shown
from organizing.core.errors import DomainError


class NameForm(forms.Form):
    name = forms.CharField()


def _request():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def _broken_rule():
    raise DomainError("This collective already signed.")


def test_the_error_goes_next_to_the_field_and_the_view_carries_on():
    form = NameForm({"name": "Dock Workers"})
    assert form.is_valid()
    with domain_error_shown(_request(), form=form, field="name") as attempt:
        _broken_rule()
        pytest.fail("the block stops at the error")
    assert attempt.failed
    assert form.errors == {"name": ["This collective already signed."]}


def test_without_a_form_the_error_is_a_message_for_the_next_page():
    request = _request()
    with domain_error_shown(request) as attempt:
        _broken_rule()
    assert attempt.failed
    assert [str(m) for m in get_messages(request)] == ["This collective already signed."]


def test_a_default_message_when_the_service_gives_none():
    form = NameForm({"name": "x"})
    form.is_valid()
    with domain_error_shown(_request(), form=form):
        raise DomainError
    assert form.non_field_errors() == ["This is not possible."]


def test_success_is_not_a_failure_and_other_errors_go_up():
    with domain_error_shown(_request()) as attempt:
        pass
    assert not attempt.failed
    with pytest.raises(ValueError), domain_error_shown(_request()):
        raise ValueError("a bug, not a rule")


def test_the_field_the_service_names_when_the_form_has_it():
    form = NameForm({"name": "x"})
    form.is_valid()
    with domain_error_shown(_request(), form=form):
        raise DomainError("Taken.", field="name")
    with domain_error_shown(_request(), form=form):
        raise DomainError("Not a field of this form.", field="city")
    assert form.errors["name"] == ["Taken."]
    assert form.non_field_errors() == ["Not a field of this form."]
