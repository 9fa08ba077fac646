"""The `sendboard` console script: Django's management commands under one name."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sendboard.settings")
    if sys.argv[1:2] == ["demo"]:
        # The demo runs on a laptop with nothing configured: development defaults.
        os.environ.setdefault("DEBUG", "true")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["sendboard", *sys.argv[1:]])
