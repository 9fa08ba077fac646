"""Writes to the partnership's structure."""

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction

from sendboard.core.services import save_tracked
from sendboard.governance.models import Organisation, Partnership, Person


@transaction.atomic
def person_create(
    *,
    partnership: Partnership,
    name: str,
    job_title: str = "",
    organisation: Organisation | None = None,
    email: str = "",
    by: User,
) -> Person:
    """Add someone to the partnership's people, such as a visiting adviser to record
    at a meeting; accounts and roles stay with the back office."""
    if organisation is not None and organisation.partnership_id != partnership.pk:
        raise ValidationError({"organisation": "Choose one of this partnership's organisations"})
    person = Person(
        partnership=partnership,
        name=name.strip(),
        job_title=job_title.strip(),
        organisation=organisation,
        email=email.strip(),
    )
    person.full_clean()
    save_tracked(person, by=by, opened_version=None, reason="Added to the partnership's people")
    return person
