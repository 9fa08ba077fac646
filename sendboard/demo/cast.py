"""What the demo's stories share with the builder: the day, the people and the clock."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import User

from sendboard.governance.models import Organisation, Person


@dataclass(frozen=True)
class Cast:
    today: datetime.date
    people: dict[str, Person]
    users: dict[str, User]
    organisations: dict[str, Organisation]
    # Dates what is saved next and returns the moment, so a story can stamp the
    # fields services fill with "now" (written_at, closed_at) with the same time.
    on: Callable[[datetime.date], datetime.datetime]
