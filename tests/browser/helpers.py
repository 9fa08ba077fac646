"""What the browser journeys share: signing in through the real form, and axe-core."""

import datetime

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Locator, Page, expect

PASSWORD = "correct horse battery"

# WCAG 2.0, 2.1 and 2.2 at levels A and AA: what the public sector regulations require.
# (axe-core has no rule tagged WCAG 2.2 level A; 2.2's new A criteria need a person.)
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING_IMPACTS = {"serious", "critical"}

_axe = Axe()


def visit(page: Page, path: str, *, status: int = 200) -> None:
    """Open `path` and fail at once, with the status, if the server did not answer as expected."""
    response = page.goto(path)
    assert response is not None, f"No response for {path}"
    assert response.status == status, f"{path} answered {response.status}, not {status}"


def success_banner(page: Page) -> Locator:
    return page.locator(".govuk-notification-banner--success")


def error_summary(page: Page) -> Locator:
    return page.locator(".govuk-error-summary")


def fill_date(page: Page, legend: str, day: datetime.date) -> None:
    """Fill the GOV.UK date input (day, month, year boxes) under `legend`."""
    fields = page.get_by_role("group", name=legend)
    fields.get_by_label("Day").fill(str(day.day))
    fields.get_by_label("Month").fill(str(day.month))
    fields.get_by_label("Year").fill(str(day.year))


def sign_in(page: Page, username: str, password: str = PASSWORD) -> None:
    """Sign in through the sign-in page as a person would, and wait until it has worked."""
    visit(page, "/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()


def axe_violations(page: Page) -> list[dict]:
    """Every serious or critical WCAG A/AA violation axe-core finds on the page as it is now."""
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    results = _axe.run(page, options=options)
    return [
        violation
        for violation in results.response["violations"]
        if violation.get("impact") in BLOCKING_IMPACTS
    ]


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    at {target}: {node.get('html', '')[:160]}")
    return "\n".join(lines)


def assert_accessible(page: Page, label: str) -> None:
    """Fail listing every serious or critical axe-core violation on the page."""
    violations = axe_violations(page)
    assert not violations, (
        f"{label} ({page.url}) has {len(violations)} serious or critical accessibility "
        f"violation(s):\n{describe_violations(violations)}"
    )


def choose_person(page: Page, label: str, name: str) -> None:
    """Choose `name` in a people picker's list labelled `label`: typed into the type-ahead
    when JavaScript has made one, picked from the plain list when not."""
    # The type-ahead replaces the list as the page's scripts run, before "load".
    page.wait_for_load_state("load")
    box = page.get_by_label(label, exact=True)
    # Not `evaluate`: it never returns in a page whose JavaScript is switched off.
    if box.and_(page.locator("select")).count():
        box.select_option(label=box.locator("option", has_text=name).first.inner_text())
        return
    box.fill(name)
    page.get_by_role("option").filter(has_text=name).first.click()
