import pytest

from sendboard.governance.tests.factories import OrganisationFactory


@pytest.fixture
def organisations(partnership):
    return {
        "council": OrganisationFactory(
            partnership=partnership, name="Northshire Council", short_name="NC"
        ),
        "icb": OrganisationFactory(
            partnership=partnership, name="Northshire Integrated Care Board", short_name="ICB"
        ),
    }
