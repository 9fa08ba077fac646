"""Every GOV.UK component on a page comes from the component library, never a copy."""

import re
from pathlib import Path

import sendboard

TEMPLATES = sorted(Path(sendboard.__file__).parent.glob("*/templates/**/*.html"))

# A button group is layout around buttons, not a component of its own.
HAND_WRITTEN = re.compile(
    r'class="govuk-(?!button-group\b)(table|summary-list|button|back-link|pagination|'
    r"notification-banner|error-summary|tag|warning-text|inset-text|details)[^\"]*"
)


def _offending(pattern: re.Pattern) -> dict[str, list[str]]:
    found = {}
    for path in TEMPLATES:
        if hits := pattern.findall(path.read_text()):
            found[str(path.relative_to(Path(sendboard.__file__).parent))] = hits
    return found


def test_the_templates_are_found():
    assert len(TEMPLATES) > 50


def test_no_template_copies_a_components_markup():
    assert _offending(HAND_WRITTEN) == {}


def test_no_template_uses_the_librarys_own_slow_tags():
    """They draw through the library's renderer, a new Jinja environment a call."""
    assert _offending(re.compile(r"{%\s*(gds_\w+)")) == {}
