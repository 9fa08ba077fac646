"""What an IT team relies on: the production server, its health check, headers and settings."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import OperationalError, connection
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[3]
SENDBOARD = Path(sys.executable).with_name("sendboard")

# The production settings the README's "Deploying" section gives.
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "a-production-secret-key-of-fifty-or-more-characters-1234567890abcdefgh",
    "CASEWORK_PSEUDONYM_KEY": "another-long-random-key-for-pseudonyms",
    "ALLOWED_HOSTS": "sendboard.northshire.gov.uk",
    "CSRF_TRUSTED_ORIGINS": "https://sendboard.northshire.gov.uk",
    "SECURE_COOKIES": "true",
    "HTTPS_REDIRECT": "true",
    "HSTS_SECONDS": "31536000",
    "HSTS_PRELOAD": "true",
    "BEHIND_HTTPS_PROXY": "true",
}


def _environment(data_dir: Path, **extra: str) -> dict:
    # The browser tests allow Django's async-unsafe calls in this process; never a server.
    left_out = ("DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    kept = {k: v for k, v in os.environ.items() if k not in left_out}
    return {**kept, "SENDBOARD_DATA_DIR": str(data_dir), **extra}


def test_check_deploy_finds_nothing_with_the_production_settings(tmp_path):
    finished = subprocess.run(
        [SENDBOARD, "check", "--deploy", "--fail-level", "WARNING"],
        env=_environment(tmp_path, **PRODUCTION),
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert finished.returncode == 0, finished.stdout + finished.stderr
    assert "System check identified no issues" in finished.stdout


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _read(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_serve_answers_health_and_pages(tmp_path):
    settings = {**PRODUCTION, "ALLOWED_HOSTS": "127.0.0.1", "HTTPS_REDIRECT": "false"}
    settings.update({"SECURE_COOKIES": "false", "SERVE_WORKERS": "1", "SERVE_THREADS": "2"})
    environment = _environment(tmp_path, **settings)
    subprocess.run([SENDBOARD, "migrate", "--no-input"], env=environment, check=True, cwd=ROOT)
    port = _free_port()
    server = subprocess.Popen(
        [SENDBOARD, "serve", "--port", str(port)],
        env=environment,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                status, body = _read(f"{base}/healthz")
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        assert status == 200
        assert json.loads(body) == {"database": "ok", "migrations": "applied", "ok": True}
        status, body = _read(f"{base}/accessibility/")
        assert status == 200 and b"Accessibility" in body
        status, _ = _read(f"{base}/static/sendboard/build/sendboard.css")
        assert status == 200
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_healthz_says_when_the_database_does_not_answer(client, monkeypatch):
    def refuse():
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "ensure_connection", refuse)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["database"] == "not answering: OperationalError"


@pytest.mark.django_db
def test_every_page_forbids_inline_script(client):
    policy = client.get(reverse("accessibility"))["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"


def test_the_layout_has_no_inline_script():
    layout = (ROOT / "sendboard/core/templates/core/base.html").read_text()
    assert "<script>" not in layout and '<script type="module">' not in layout


@pytest.mark.django_db
def test_signed_in_pages_are_kept_by_no_browser_or_proxy(persona, client):
    signed_in = persona["member"].get(reverse("partnership_home", args=["northshire"]))
    assert "no-store" in signed_in["Cache-Control"] and "private" in signed_in["Cache-Control"]
    public = client.get(reverse("accessibility"))
    assert "no-store" not in public.get("Cache-Control", "")


def test_sessions_end_when_idle_and_when_the_browser_closes(settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


@pytest.mark.django_db
def test_an_active_readers_session_is_pushed_on_at_most_once_a_minute(persona):
    from django.contrib.sessions.models import Session

    reader = persona["member"]
    home = reverse("partnership_home", args=["northshire"])
    reader.get(home)
    key = reader.session.session_key
    first = Session.objects.get(session_key=key).expire_date
    reader.get(home)
    assert Session.objects.get(session_key=key).expire_date == first  # not saved again

    session = reader.session
    session["seen_at"] -= 61
    session.save()
    saved = Session.objects.get(session_key=key).expire_date
    reader.get(home)
    assert Session.objects.get(session_key=key).expire_date > saved


@pytest.mark.django_db
def test_the_health_command_says_what_healthz_says():
    from io import StringIO

    from django.core.management import call_command

    said = StringIO()
    call_command("health", stdout=said)
    assert said.getvalue().strip() == "database: ok; migrations: applied"


def test_a_server_process_is_warmed_and_its_long_lived_objects_frozen():
    import gc

    from sendboard.core.warm import warm_and_freeze

    try:
        warm_and_freeze()
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
