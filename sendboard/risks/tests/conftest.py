import pytest

from sendboard.risks.tests.factories import add_risk


@pytest.fixture
def risk(partnership, people):
    """R01, owned by the member, added by the editor: 20 before mitigation, 12 now."""
    return add_risk(partnership, owner=people["member"], by=people["editor"].user)
