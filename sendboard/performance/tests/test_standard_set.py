"""A new partnership starts from the standard SEND set, each indicator its own to edit."""

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client

from sendboard.governance.models import Partnership
from sendboard.governance.starting import starter_content
from sendboard.governance.tests.factories import PartnershipFactory
from sendboard.performance.catalogue import STANDARD_SET
from sendboard.performance.models import Benchmark, Indicator
from sendboard.performance.services.indicators import indicator_update
from sendboard.performance.services.standard import standard_set_load

STANDARD_KEYS = {spec.key for spec in STANDARD_SET}


@pytest.fixture
def starts_from_the_set():
    with starter_content(on=True):
        yield


@pytest.mark.django_db
def test_a_partnership_added_in_the_back_office_starts_from_the_standard_set(
    starts_from_the_set,
):
    admin = get_user_model().objects.create_superuser("installer", password="x")
    client = Client()
    client.force_login(admin)

    response = client.post(
        "/admin/governance/partnership/add/",
        {
            "name": "Southvale SEND Partnership",
            "slug": "southvale",
            "local_authority": "Southvale Council",
            "small_number_policy": "dfe",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    partnership = Partnership.objects.get(slug="southvale")
    made = list(partnership.indicators.order_by("position"))
    assert [i.key for i in made] == [spec.key for spec in STANDARD_SET]
    assert [i.position for i in made] == list(range(len(STANDARD_SET)))
    first = made[0].history.earliest()
    assert (first.history_user, first.history_change_reason) == (
        admin,
        "From the standard SEND set",
    )
    assert Benchmark.objects.filter(indicator__partnership=partnership).exists()


@pytest.mark.django_db
def test_each_indicator_of_the_set_is_the_partnerships_to_edit(starts_from_the_set):
    partnership = PartnershipFactory(slug="southvale")
    other = PartnershipFactory(slug="eastmoor")
    indicator = partnership.indicators.get(key="salt_wait_median")

    indicator_update(
        indicator=indicator,
        opened_version=indicator.version,
        by=None,
        reason="Our service counts in days",
        title="Speech and language therapy: median wait in days",
    )

    assert other.indicators.get(key="salt_wait_median").title != (
        "Speech and language therapy: median wait in days"
    )


@pytest.mark.django_db
def test_loading_the_set_again_adds_nothing(starts_from_the_set):
    partnership = PartnershipFactory(slug="southvale")

    counts = standard_set_load(partnership=partnership)

    assert counts == {"created": 0, "unchanged": len(STANDARD_SET), "england": 0}
    assert partnership.indicators.count() == len(STANDARD_SET)


@pytest.mark.django_db
def test_saving_a_partnership_again_does_not_bring_back_a_removed_indicator(
    starts_from_the_set,
):
    partnership = PartnershipFactory(slug="southvale")
    partnership.indicators.filter(key="send_complaints").delete()

    partnership.name = "Southvale Local Area SEND Partnership"
    partnership.save()

    assert set(partnership.indicators.values_list("key", flat=True)) == STANDARD_KEYS - {
        "send_complaints"
    }


@pytest.mark.django_db
def test_a_partnership_that_is_not_made_leaves_no_indicators(starts_from_the_set):
    with transaction.atomic():
        PartnershipFactory(slug="southvale")
        transaction.set_rollback(True)

    assert not Indicator.objects.exists()


@pytest.mark.django_db
def test_tests_may_start_a_partnership_empty():
    assert not PartnershipFactory(slug="southvale").indicators.exists()
