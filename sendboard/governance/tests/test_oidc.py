"""Single sign-on against a real OpenID Connect provider run in a second process.

The provider (tests/oidc_provider, django-oidc-provider) listens on 127.0.0.1 only,
with its own SQLite database in a temporary folder; nothing is downloaded.
"""

import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import jwt
import pytest
import requests
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from sendboard.governance.oidc import REFUSED_SESSION_KEY, SingleSignOnBackend
from sendboard.governance.tests.factories import RoleFactory, UserFactory

REPOSITORY = Path(__file__).resolve().parents[3]
CLIENT_ID = "sendboard-test"  # as tests/oidc_provider/runner.py registers it
CLIENT_SECRET = "sendboard-test-secret"
PROVIDER_PASSWORD = "provider password"
CALLBACK = "/oidc/callback/"


@dataclass(frozen=True)
class Provider:
    url: str

    @property
    def issuer(self) -> str:
        return f"{self.url}/openid"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(provider: Provider, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The test provider stopped:\n{log.read_text()}")
        try:
            if requests.get(f"{provider.issuer}/.well-known/openid-configuration", timeout=2).ok:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"The test provider did not answer within a minute:\n{log.read_text()}")


@pytest.fixture(scope="session")
def oidc_provider(live_server, tmp_path_factory):
    """The provider, knowing sendboard's callback on the test client and on the live server."""
    folder = tmp_path_factory.mktemp("oidc-provider")
    port = _free_port()
    provider = Provider(url=f"http://127.0.0.1:{port}")
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.oidc_provider.settings",
        "OIDC_PROVIDER_DB": str(folder / "provider.sqlite3"),
    }
    redirect_uris = [f"http://testserver{CALLBACK}", f"{live_server.url}{CALLBACK}"]
    log = folder / "provider.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.oidc_provider.runner", str(port), *redirect_uris],
            cwd=REPOSITORY,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_until_up(provider, process, log)
        yield provider
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def single_sign_on(settings, oidc_provider):
    """Single sign-on switched on, its endpoints discovered from the provider."""
    settings.OIDC_ISSUER = oidc_provider.issuer
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_PROVIDER_NAME = "Northshire Council"
    return oidc_provider


@pytest.fixture
def invited(db):
    """An invited account, its email in another case from the provider's."""
    user = UserFactory(username="invited.person@example.org", email="invited.person@example.org")
    RoleFactory(user=user)
    return user


def sign_in_at_provider(client, username: str, *, start: str = "/oidc/authenticate/"):
    """Go to the provider as a browser would, sign in there, and come back to sendboard."""
    sent = client.get(start)
    assert sent.status_code == 302
    browser = requests.Session()
    login_page = browser.get(sent["Location"], timeout=10)
    assert "/accounts/login/" in login_page.url
    credentials = {
        "username": username,
        "password": PROVIDER_PASSWORD,
        "csrfmiddlewaretoken": browser.cookies["provider_csrftoken"],
    }
    response = browser.post(login_page.url, data=credentials, allow_redirects=False, timeout=10)
    while urlsplit(response.headers["Location"]).hostname != "testserver":
        location = requests.compat.urljoin(response.url, response.headers["Location"])
        response = browser.get(location, allow_redirects=False, timeout=10)
    back = urlsplit(response.headers["Location"])
    return client.get(f"{back.path}?{back.query}")


def test_an_invited_person_signs_in_matched_by_their_verified_email(
    client, single_sign_on, invited
):
    back = sign_in_at_provider(client, "invited", start="/oidc/authenticate/?next=/northshire/")

    assert back.status_code == 302
    assert back["Location"] == "/northshire/"
    assert client.session["_auth_user_id"] == str(invited.pk)


def test_an_unknown_email_is_told_to_ask_for_an_invitation_and_gets_no_account(
    client, single_sign_on, invited
):
    users_before = get_user_model().objects.count()

    back = sign_in_at_provider(client, "stranger")

    assert back["Location"] == reverse("oidc_not_recognised")
    page = client.get(back["Location"])
    assert "We could not find a sendboard account for stranger@example.org" in page.text
    assert "Ask your partnership manager to invite you, using this email address" in page.text
    assert "_auth_user_id" not in client.session
    assert get_user_model().objects.count() == users_before


def test_an_unverified_email_is_refused_even_when_it_matches_an_account(client, single_sign_on):
    user = UserFactory(username="unverified@example.org", email="unverified@example.org")
    RoleFactory(user=user)

    back = sign_in_at_provider(client, "unverified")

    assert back["Location"] == reverse("oidc_not_recognised")
    assert "_auth_user_id" not in client.session
    page = client.get(back["Location"])
    assert "has not confirmed that unverified@example.org is your email address" in page.text


def test_a_provider_trusted_for_its_emails_needs_no_verified_claim(
    client, single_sign_on, settings
):
    settings.OIDC_TRUST_EMAIL = True
    user = UserFactory(username="unverified@example.org", email="unverified@example.org")
    RoleFactory(user=user)

    sign_in_at_provider(client, "unverified")

    assert client.session["_auth_user_id"] == str(user.pk)


def test_an_account_without_a_role_is_not_signed_in(client, single_sign_on):
    UserFactory(username="invited.person@example.org", email="invited.person@example.org")

    back = sign_in_at_provider(client, "invited")

    assert back["Location"] == reverse("oidc_not_recognised")
    assert "_auth_user_id" not in client.session


def test_endpoints_set_one_by_one_work_without_discovery(client, single_sign_on, settings, invited):
    settings.OIDC_ISSUER = ""
    openid = single_sign_on.issuer
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{openid}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{openid}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{openid}/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{openid}/jwks"

    sign_in_at_provider(client, "invited")

    assert client.session["_auth_user_id"] == str(invited.pk)


def test_a_token_issued_to_another_client_is_refused(settings):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_OP_TOKEN_ENDPOINT = settings.OIDC_OP_USER_ENDPOINT = "http://127.0.0.1:9/"
    settings.OIDC_RP_IDP_SIGN_KEY = key.public_key()
    backend = SingleSignOnBackend()
    OIDCAuthenticationBackend.__init__(backend)  # what a sign-in through the provider does
    claims = {"sub": "1", "nonce": "n", "email": "invited.person@example.org"}

    mine = jwt.encode({**claims, "aud": CLIENT_ID}, key, algorithm="RS256")
    assert backend.verify_token(mine, nonce="n")["sub"] == "1"
    theirs = jwt.encode({**claims, "aud": "another-client"}, key, algorithm="RS256")
    with pytest.raises(SuspiciousOperation):
        backend.verify_token(theirs, nonce="n")


def test_the_sign_in_page_offers_the_provider_keeping_where_to_go_next(client, single_sign_on):
    page = client.get("/sign-in/?next=/northshire/")

    assert "Sign in with Northshire Council" in page.text
    assert "/oidc/authenticate/?next=%2Fnorthshire%2F" in page.text


def test_a_password_sign_in_still_works_beside_single_sign_on(client, single_sign_on, invited):
    invited.set_password("correct horse battery")
    invited.save()

    client.post(
        "/sign-in/",
        {"username": "invited.person@example.org", "password": "correct horse battery"},
    )

    assert client.session["_auth_user_id"] == str(invited.pk)


def test_without_a_client_there_is_no_button_and_the_urls_are_not_found(client, db, settings):
    settings.OIDC_RP_CLIENT_ID = ""
    settings.OIDC_ISSUER = "http://127.0.0.1:9"  # nothing listens: it must not be asked

    assert "Sign in with" not in client.get("/sign-in/").text
    for path in ("/oidc/authenticate/", CALLBACK, "/sign-in/not-recognised/"):
        assert client.get(path).status_code == 404


def test_a_refusal_without_an_email_says_signing_in_did_not_finish(client, single_sign_on):
    session = client.session
    session[REFUSED_SESSION_KEY] = {}
    session.save()

    page = client.get(reverse("oidc_not_recognised"))

    assert "Signing in with Northshire Council did not finish" in page.text
