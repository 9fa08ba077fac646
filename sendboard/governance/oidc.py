"""Single sign-on through OpenID Connect, with mozilla-django-oidc.

A person signs in with their organisation's account (Microsoft Entra ID, Google
Workspace, any OpenID Connect provider) and lands in the sendboard account they were
invited to, matched by an email address the provider vouches for. Signing in takes up
the invitations still open to that address, from every partnership that invited it:
with the account that already uses the address, or else with one made for it. Nobody
else gets a new account: accounts are made by invitation only.

Every setting is read from `django.conf.settings` when a request arrives, so the
backend and the URLs stay installed and inert (404) while no client is configured.
"""

from urllib.parse import urlencode

import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.views.decorators.cache import never_cache
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from sendboard.governance import signin
from sendboard.governance.services import invitation_accept_by_single_sign_on

# Where a refused sign-in leaves the address the provider gave, for the page that explains.
REFUSED_SESSION_KEY = "oidc_refused"
_DISCOVERED = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}
_DISCOVERY_SECONDS = 60 * 60


def single_sign_on_enabled() -> bool:
    return bool(settings.OIDC_RP_CLIENT_ID)


def provider_discovery(issuer: str) -> dict:
    """The provider's own description of its endpoints, kept for an hour."""
    key = f"oidc-discovery:{issuer}"
    found = cache.get(key)
    if found is None:
        url = f"{issuer}/.well-known/openid-configuration"
        try:
            response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
            response.raise_for_status()
            found = response.json()
        except (requests.RequestException, ValueError) as error:
            raise ImproperlyConfigured(f"OIDC_ISSUER: could not read {url}: {error}") from error
        cache.set(key, found, _DISCOVERY_SECONDS)
    return found


def oidc_setting(name: str, *default):
    """A setting for mozilla-django-oidc; an endpoint left unset is discovered from the issuer."""
    value = import_from_settings(name, *default)
    if value or name not in _DISCOVERED or not (settings.OIDC_ISSUER and single_sign_on_enabled()):
        return value
    return provider_discovery(settings.OIDC_ISSUER)[_DISCOVERED[name]]


def _email_verified(claims: dict) -> bool:
    # Some providers send the claim as the string "true".
    return settings.OIDC_TRUST_EMAIL or str(claims.get("email_verified")).lower() == "true"


class SingleSignOnBackend(OIDCAuthenticationBackend):
    """Finds the invited account whose email the provider has verified; never makes one."""

    get_settings = staticmethod(oidc_setting)

    def __init__(self, *args, **kwargs) -> None:
        # Django makes a backend for every sign-in, passwords too: the provider's settings
        # (perhaps its discovery document) are read only for a sign-in through it.
        self.UserModel = get_user_model()
        self.refused: dict | None = None

    def authenticate(self, request, nonce=None, code_verifier=None, **credentials):
        if credentials or request is None or not single_sign_on_enabled():
            return None
        super().__init__()
        user = super().authenticate(request, nonce=nonce, code_verifier=code_verifier)
        if user is not None:
            request.session.pop(REFUSED_SESSION_KEY, None)
        elif self.refused is not None:
            request.session[REFUSED_SESSION_KEY] = self.refused
        return user

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud", [])
        audience = [audience] if isinstance(audience, str) else audience
        if self.OIDC_RP_CLIENT_ID not in audience:
            raise SuspiciousOperation("The token was issued to another client")
        return payload

    def filter_users_by_claims(self, claims):
        email = (claims.get("email") or "").strip()
        verified = _email_verified(claims)
        self.refused = {"email": email, "verified": verified}
        if not (email and verified):
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(
            email__iexact=email, is_active=True, roles__isnull=False
        ).distinct()

    def get_or_create_user(self, access_token, id_token, payload):
        user = super().get_or_create_user(access_token, id_token, payload)
        if not (self.refused and self.refused["verified"]):
            return user
        # Someone invited, with an account or not yet: their organisation has just vouched
        # for the address the invitations went to, which is what the emailed link proves.
        try:
            joined = invitation_accept_by_single_sign_on(email=self.refused["email"])
        except ValidationError as error:
            # A lapsed invitation elsewhere does not stop an account signing in.
            if user is None:
                self.refused["problem"] = error.messages[0]
            return user
        if joined is None:
            return user
        messages.success(self.request, joined.message)
        return joined.user

    def create_user(self, claims):
        raise SuspiciousOperation("Single sign-on never makes an account")

    def get_user(self, user_id):
        # Django's own check, which the library's version leaves out: no inactive accounts.
        return ModelBackend.get_user(self, user_id)


class _OnlyWhenOn:
    def dispatch(self, request, *args, **kwargs):
        if not single_sign_on_enabled():
            raise Http404("Single sign-on is not set up")
        return super().dispatch(request, *args, **kwargs)


class SignInStart(_OnlyWhenOn, OIDCAuthenticationRequestView):
    """Sends the person to their provider to sign in."""

    get_settings = staticmethod(oidc_setting)


class SignInReturn(_OnlyWhenOn, OIDCAuthenticationCallbackView):
    """Where the provider sends the person back: signed in, or told why not."""

    get_settings = staticmethod(oidc_setting)

    @property
    def failure_url(self) -> str:
        return reverse("oidc_not_recognised")


@never_cache  # it shows the address someone signed in with
def not_recognised(request: HttpRequest) -> HttpResponse:
    if not single_sign_on_enabled():
        raise Http404("Single sign-on is not set up")
    refused = request.session.get(REFUSED_SESSION_KEY) or {}
    context = {
        "provider": settings.OIDC_PROVIDER_NAME,
        "email": refused.get("email", ""),
        "verified": refused.get("verified", True),
        "problem": refused.get("problem", ""),
    }
    return render(request, "governance/sign_in_not_recognised.html", context)


class SignInView(signin.SignInView):
    """The sign-in page, offering the provider's button above the password form when on."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if single_sign_on_enabled():
            start = reverse("oidc_authentication_init")
            following = context.get("next")
            query = f"?{urlencode({'next': following})}" if following else ""
            context["single_sign_on"] = {
                "url": f"{start}{query}",
                "text": f"Sign in with {settings.OIDC_PROVIDER_NAME}",
            }
        return context


urlpatterns = [
    path("callback/", SignInReturn.as_view(), name="oidc_authentication_callback"),
    path("authenticate/", SignInStart.as_view(), name="oidc_authentication_init"),
]
