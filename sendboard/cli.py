"""The `sendboard` console script: Django's management commands under one name."""

import os
import sys

from sendboard.lib.env import SettingError


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sendboard.settings")
    if sys.argv[1:2] == ["demo"]:
        # The demo runs on a laptop with nothing configured: development defaults.
        os.environ.setdefault("DEBUG", "true")
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["sendboard", *sys.argv[1:]])
    except SettingError as error:
        # A setting missing or mistyped is the reader's to fix: one line, no traceback.
        sys.exit(f"sendboard: {error}")
