"""A real OpenID Connect provider for the single sign-on tests (django-oidc-provider).

`fixture.py` runs it in a second process on 127.0.0.1 with its own SQLite database.
"""
