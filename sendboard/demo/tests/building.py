"""The day the tests build the demo as at, and the quick password hasher they build with."""

import datetime

from django.test import override_settings

TODAY = datetime.date(2026, 11, 23)
FAST_HASHER = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
