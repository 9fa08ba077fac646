"""Starts the test provider: `python -m tests.oidc_provider.runner PORT REDIRECT_URI...`.

With OIDC_PROVIDER_DB naming a fresh SQLite file, it makes its tables, an RSA signing
key, the people below and sendboard's client, then serves on 127.0.0.1 only.
"""

import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.oidc_provider.settings")

CLIENT_ID = "sendboard-test"
CLIENT_SECRET = "sendboard-test-secret"
PASSWORD = "provider password"
# username: the email address the provider gives for them.
PEOPLE = {
    "invited": "Invited.Person@Example.org",
    "stranger": "stranger@example.org",
    "unverified": "unverified@example.org",
}


def prepare(redirect_uris: list[str]) -> None:
    from django.contrib.auth.models import User
    from django.core.management import call_command

    from oidc_provider.models import Client, ResponseType

    call_command("migrate", verbosity=0)
    call_command("creatersakey")
    for username, email in PEOPLE.items():
        User.objects.create_user(username, email=email, password=PASSWORD)
    client = Client(
        name="sendboard",
        client_type="confidential",
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        jwt_alg="RS256",
        require_consent=False,
    )
    client.redirect_uris = redirect_uris
    client.scope = ["openid", "email"]
    client.save()
    client.response_types.add(ResponseType.objects.get(value="code"))


def main(port: str, *redirect_uris: str) -> None:
    django.setup()
    prepare(list(redirect_uris))
    from django.core.management import call_command

    call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, use_threading=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
