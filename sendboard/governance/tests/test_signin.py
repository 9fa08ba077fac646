"""Failed sign-ins are limited per account at an address, and far more loosely per address."""

import contextlib
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sendboard.governance.models import SignInFailures
from sendboard.governance.signin import Refused, attempt_begin
from sendboard.governance.tests.factories import UserFactory

RIGHT = "correct horse battery"


@pytest.fixture
def limits(settings):
    settings.SIGNIN_MAX_ATTEMPTS = 5
    settings.SIGNIN_MAX_ATTEMPTS_PER_ADDRESS = 12
    settings.SIGNIN_WINDOW_SECONDS = 600
    settings.SIGNIN_CLIENT_ADDRESS_HEADER = ""
    return settings


def _sign_in(username: str, password: str, *, address: str = "10.0.0.1", **headers):
    response = Client(REMOTE_ADDR=address).post(
        reverse("login"), {"username": username, "password": password}, headers=headers
    )
    return response


def _ago(seconds: int):
    return timezone.now() - timedelta(seconds=seconds)


def _refused(response) -> bool:
    return b"Too many failed attempts" in response.content


@pytest.fixture
def accounts(db):
    return [UserFactory(username=name) for name in ("sunita", "marcus", "priya")]


def test_five_wrong_passwords_lock_the_account_at_that_address_with_the_real_wait(limits, accounts):
    for _ in range(5):
        assert not _refused(_sign_in("sunita", "wrong"))

    locked = _sign_in("sunita", RIGHT)

    assert locked.status_code == 200 and _refused(locked)
    assert b"Wait 10 minutes and try again" in locked.content


def test_one_persons_mistakes_lock_out_nobody_else(limits, accounts):
    for _ in range(5):
        _sign_in("sunita", "wrong")

    assert _sign_in("marcus", RIGHT).status_code == 302  # same address, another account
    assert _sign_in("sunita", RIGHT, address="10.0.0.2").status_code == 302  # elsewhere


def test_a_right_password_clears_the_accounts_failures(limits, accounts):
    for _ in range(4):
        _sign_in("sunita", "wrong")
    assert _sign_in("sunita", RIGHT).status_code == 302
    for _ in range(4):
        assert not _refused(_sign_in("sunita", "wrong"))
    assert _sign_in("sunita", RIGHT).status_code == 302


def test_an_address_has_its_own_much_higher_limit(limits, accounts):
    for n in range(12):
        assert not _refused(_sign_in(f"guess{n}", "wrong"))

    assert _refused(_sign_in("priya", RIGHT))
    assert _sign_in("priya", RIGHT, address="10.0.0.9").status_code == 302


def test_the_window_ends_and_the_account_may_try_again(limits, accounts):
    for _ in range(5):
        _sign_in("sunita", "wrong")
    SignInFailures.objects.update(window_started_at=_ago(limits.SIGNIN_WINDOW_SECONDS + 1))

    assert _sign_in("sunita", RIGHT).status_code == 302


def test_a_proxy_header_is_read_only_when_configured(limits, accounts):
    for n in range(5):
        _sign_in("sunita", "wrong", address="10.9.9.9", x_forwarded_for=f"192.0.2.{n}")
    # Unconfigured, the header is ignored: all five came from the proxy's address.
    assert _refused(_sign_in("sunita", RIGHT, address="10.9.9.9"))

    limits.SIGNIN_CLIENT_ADDRESS_HEADER = "X-Forwarded-For"
    for _ in range(5):
        _sign_in("sunita", "wrong", address="10.9.9.9", x_forwarded_for="forged, 198.51.100.7")
    assert _refused(_sign_in("sunita", RIGHT, address="10.9.9.9", x_forwarded_for="198.51.100.7"))
    assert (
        _sign_in("sunita", RIGHT, address="10.9.9.9", x_forwarded_for="198.51.100.8").status_code
        == 302
    )


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="SQLite runs one write at a time; the test database in memory cannot be shared",
)
@pytest.mark.django_db(transaction=True)
def test_forty_parallel_attempts_count_no_more_than_the_limit(limits):
    barrier = threading.Barrier(8)

    def attempt(_n: int) -> bool:
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=10)
        try:
            attempt_begin(username="sunita", address="10.0.0.1")
            return True
        except Refused:
            return False
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        allowed = list(pool.map(attempt, range(40)))

    assert sum(allowed) == 5
    account = SignInFailures.objects.get(key="account:sunita@10.0.0.1")
    assert account.failures == 5
