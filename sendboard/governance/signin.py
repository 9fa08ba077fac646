"""Sign-in with a limit on failed attempts per username and per address."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from sendboard.core.forms import GovUKFormMixin
from sendboard.governance.models import SignInAttempt


def _address(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def too_many_attempts(*, username: str, address: str | None) -> bool:
    since = timezone.now() - timedelta(seconds=settings.SIGNIN_WINDOW_SECONDS)
    who = Q(username__iexact=username)
    if address:
        who |= Q(address=address)
    return SignInAttempt.objects.filter(who, at__gte=since).count() >= settings.SIGNIN_MAX_ATTEMPTS


class SignInForm(GovUKFormMixin, AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "too_many": "Too many failed attempts to sign in. Wait 15 minutes and try again.",
    }

    def clean(self):
        username = self.cleaned_data.get("username", "")
        address = _address(self.request)
        if too_many_attempts(username=username, address=address):
            raise ValidationError(self.error_messages["too_many"], code="too_many")
        try:
            return super().clean()
        except ValidationError:
            SignInAttempt.objects.create(username=username, address=address)
            raise


class SignInView(LoginView):
    form_class = SignInForm
    template_name = "governance/sign_in.html"
    redirect_authenticated_user = True
