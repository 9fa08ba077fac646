"""The one way a view calls a service: from a valid form, or from a button.

A refusal from the service (a rule broken, or someone else's newer change) is shown
where the person is: on the form, in the GOV.UK error summary, or as a message on the
page the button goes back to. Views never catch service errors themselves.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse

from sendboard.core.forms import with_stale_error
from sendboard.core.services import StaleEdit


@dataclass(frozen=True)
class Submission:
    form: forms.Form
    saved: bool = False
    result: Any = None


def _fields(form: forms.Form) -> dict[str, Any]:
    """What the service is given: the form's own choice of fields, or all it cleaned.

    The version the editor opened is left out: a service that checks it names it, and
    the view passes it on by name.
    """
    service_fields = getattr(form, "service_fields", None)
    if service_fields is not None:
        return service_fields()
    return {name: value for name, value in form.cleaned_data.items() if name != "opened_version"}


def _put_on_form(form: forms.Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def submit(
    request: HttpRequest,
    form: forms.Form,
    call: Callable[[dict[str, Any]], Any],
    *,
    done: str | Callable[[Any], str],
    refresh: Callable[[StaleEdit], forms.Form] | None = None,
) -> Submission:
    """On a valid POST, call the service with the form's fields and say `done`.

    `done` is the message, or makes it from what the service returned.

    `refresh` makes the form shown after a stale edit, usually the latest record's, so
    the editor sees what changed before trying again; without it the error goes on the
    form as it was posted.
    """
    if request.method != "POST" or not form.is_valid():
        return Submission(form=form)
    try:
        result = call(_fields(form))
    except StaleEdit as stale:
        shown = refresh(stale) if refresh else form
        return Submission(form=with_stale_error(shown, stale))
    except ValidationError as error:
        _put_on_form(form, error)
        return Submission(form=form)
    messages.success(request, done(result) if callable(done) else done)
    return Submission(form=form, saved=True, result=result)


def act(
    request: HttpRequest,
    call: Callable[[], Any],
    *,
    to: HttpResponse,
    done: str = "",
    then: Callable[[Any], HttpResponse] | None = None,
) -> HttpResponse:
    """Run a service behind a button; a refusal is a message on the page `to` goes back to.

    `then` makes the response after success from what the service returned, when the
    person should land somewhere else, such as on the item just added.
    """
    try:
        result = call()
    except (StaleEdit, ValidationError) as error:
        for message in getattr(error, "messages", [str(error)]):
            messages.error(request, message)
        return to
    if done:
        messages.success(request, done)
    return then(result) if then else to
