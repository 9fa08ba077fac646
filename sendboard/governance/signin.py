"""Sign-in with limits on failed attempts: per account at an address, and per address.

An attempt takes its place in the count before the password is checked, in one
UPDATE that only succeeds below the limit, so parallel attempts can never add up to
more than the limit; a successful sign-in gives its place back and clears the
account's count. Behind a council's proxy every user shares one address, so the
address alone has a much higher limit: one person's typing mistakes lock out only
that person, at that address.
"""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from sendboard.core.forms import GovUKFormMixin
from sendboard.governance.models import SignInFailures


def client_address(request: HttpRequest) -> str:
    """The address of whoever is signing in.

    Behind a proxy, the proxy's own header is read, and only when one is configured: the
    last address in it is the one the proxy added, which the client cannot forge.
    """
    header = settings.SIGNIN_CLIENT_ADDRESS_HEADER
    if header:
        forwarded = request.headers.get(header, "")
        if forwarded.strip():
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR") or "unknown"


def _keys(username: str, address: str) -> list[tuple[str, int]]:
    return [
        (f"account:{username.casefold()}@{address}", settings.SIGNIN_MAX_ATTEMPTS),
        (f"address:{address}", settings.SIGNIN_MAX_ATTEMPTS_PER_ADDRESS),
    ]


@dataclass(frozen=True)
class Refused(Exception):
    """Too many failures under a key: the attempt was not made."""

    wait: timedelta

    def message(self) -> str:
        minutes = max(1, math.ceil(self.wait.total_seconds() / 60))
        unit = "minute" if minutes == 1 else "minutes"
        return f"Too many failed attempts to sign in. Wait {minutes} {unit} and try again."


def _take_place(key: str, limit: int, now: datetime) -> None:
    window = timedelta(seconds=settings.SIGNIN_WINDOW_SECONDS)
    try:
        with transaction.atomic():
            SignInFailures.objects.get_or_create(key=key, defaults={"window_started_at": now})
    except IntegrityError:
        pass  # made at the same moment by a parallel attempt: it is there now
    counts = SignInFailures.objects.filter(key=key)
    counts.filter(window_started_at__lte=now - window).update(failures=0, window_started_at=now)
    if not counts.filter(failures__lt=limit).update(failures=F("failures") + 1):
        started = counts.values_list("window_started_at", flat=True).get()
        raise Refused(wait=started + window - now)


def attempt_begin(*, username: str, address: str) -> None:
    """Count an attempt before it is made; raise `Refused` if a limit is reached."""
    now = timezone.now()
    with transaction.atomic():
        for key, limit in _keys(username, address):
            _take_place(key, limit, now)


def attempt_succeeded(*, username: str, address: str) -> None:
    """A right password: the account's failures are forgotten; the address gets its place back."""
    account, address_key = (key for key, _limit in _keys(username, address))
    SignInFailures.objects.filter(key=account).delete()
    SignInFailures.objects.filter(key=address_key, failures__gt=0).update(
        failures=F("failures") - 1
    )


class SignInForm(GovUKFormMixin, AuthenticationForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Invited people's usernames are their email addresses.
        self.fields["username"].label = "Email address or username"

    def clean(self):
        username = self.cleaned_data.get("username", "")
        address = client_address(self.request)
        try:
            attempt_begin(username=username, address=address)
        except Refused as refused:
            raise ValidationError(refused.message(), code="too_many") from refused
        cleaned = super().clean()
        attempt_succeeded(username=username, address=address)
        return cleaned


class SignInView(LoginView):
    form_class = SignInForm
    template_name = "governance/sign_in.html"
    redirect_authenticated_user = True
