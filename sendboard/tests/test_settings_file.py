"""Settings come from the environment, or from a .env file beside the command."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sendboard.lib.env import SettingError, read_env_file

SENDBOARD = Path(sys.executable).with_name("sendboard")


def test_a_env_file_fills_what_the_environment_does_not_set(tmp_path, monkeypatch):
    monkeypatch.setenv("SB_TEST_KEPT", "from the environment")
    monkeypatch.delenv("SB_TEST_READ", raising=False)
    env_file = tmp_path / ".env"
    env_file.write_text("# a comment\n\nSB_TEST_KEPT=from the file\nSB_TEST_READ='quoted value'\n")

    read_env_file(env_file)

    assert os.environ["SB_TEST_KEPT"] == "from the environment"
    assert os.environ.pop("SB_TEST_READ") == "quoted value"


def test_a_line_that_is_not_a_setting_is_named(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("DEBUG=true\nexport this\n")

    with pytest.raises(SettingError, match=r"\.env:2: expected NAME=value"):
        read_env_file(env_file)


def test_a_missing_secret_key_is_one_line_naming_it(tmp_path):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE")
    }
    environment.update(DEBUG="false", SENDBOARD_DATA_DIR=str(tmp_path))

    finished = subprocess.run(
        [SENDBOARD, "check"], env=environment, cwd=tmp_path, capture_output=True, text=True
    )

    assert finished.returncode == 1
    assert finished.stderr.strip().splitlines() == [
        "sendboard: SECRET_KEY must be set when DEBUG is off: set it in the environment or "
        "in .env (see .env.example), or DEBUG=true on a laptop"
    ]
