"""Browser tests: Playwright for Python driving Debian's Chromium against Django's live server.

Playwright never downloads a browser here: it launches the system Chromium at
/usr/bin/chromium. Without it the browser tests are skipped on a developer's machine
and fail in CI, where a missing browser means the set-up is broken.
"""

import os
from pathlib import Path

import pytest

# The personas of the app tests: the manager, editor, member, chair... with passwords.
from sendboard.conftest import (  # noqa: F401
    _fast_passwords,
    _partnerships_start_empty,
    board,
    partnership,
    people,
)
from sendboard.quality import services as quality_services
from sendboard.quality.framework_file import shipped_framework
from sendboard.quality.tests.snapshots import write_snapshot

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Long enough for a slow CI machine, short enough that a missing element fails fast.
TIMEOUT_MS = 10_000


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        reason = f"Chromium is not installed at {CHROMIUM} (apt-get install -y chromium)"
        if _in_ci():
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    # Once Playwright's sync API starts, the test thread has a running event loop until
    # it stops, and Django refuses ORM calls from such a thread unless told they are
    # safe: they are, as nothing here is asynchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            yield launched
            launched.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.browser_test_failed = report.failed
    return report


@pytest.fixture
def new_context(request, browser, live_server, tmp_path):
    """Makes fresh browser contexts (separate cookies) on the live server; closes them after.

    When the test fails, each open page is kept as a screenshot and its HTML, to see
    what the person would have seen.
    """
    from playwright.sync_api import expect

    expect.set_options(timeout=TIMEOUT_MS)
    opened = []

    def make(**options):
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(TIMEOUT_MS)
        opened.append(context)
        return context

    yield make
    if getattr(request.node, "browser_test_failed", False):
        _keep_pages(opened, tmp_path)
    for context in opened:
        context.close()


def _keep_pages(contexts, folder: Path) -> None:
    for number, page in enumerate(p for context in contexts for p in context.pages):
        page.screenshot(path=folder / f"page-{number}.png", full_page=True)
        (folder / f"page-{number}.html").write_text(page.content())
    print(f"The browser's pages when the test failed are in {folder}")


@pytest.fixture
def page(new_context):
    return new_context().new_page()


@pytest.fixture
def quality_ready(partnership, people, settings, tmp_path):  # noqa: F811 (fixtures above)
    """The partnership with the shipped quality framework and a casework snapshot."""
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    quality_services.framework_import(
        partnership=partnership, spec=shipped_framework(), by=people["manager"].user
    )
    write_snapshot(partnership)
    return partnership
