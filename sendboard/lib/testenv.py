"""A pytest plugin, loaded with ``-p`` before Django reads its settings.

Tests never need real secrets; CI and developers may still override these.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")
os.environ.setdefault("CASEWORK_PSEUDONYM_KEY", "test-only-pseudonym-key")
os.environ.setdefault("SECURE_COOKIES", "false")
