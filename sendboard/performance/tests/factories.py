import datetime

import factory
from django.utils import timezone

from sendboard.governance.tests.factories import PartnershipFactory
from sendboard.performance.models import Indicator, Observation


class SnapshotFactory(factory.django.DjangoModelFactory):
    """The casework snapshot a figure came from: a register entry only (casework's
    tests write its files with their builders).

    Named by app label, as ``Observation.snapshot`` names it, because casework sits
    above performance and performance never imports it; casework's tests use this one.
    """

    class Meta:
        model = "casework.Snapshot"

    partnership = factory.SubFactory(PartnershipFactory)
    as_at = datetime.date(2024, 12, 31)
    kind = "sen2"
    manifest_checksum = "0" * 64
    imported_at = factory.LazyFunction(timezone.now)
    source_name = "northshire-sen2.zip"


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    partnership = factory.SubFactory(PartnershipFactory)
    key = factory.Sequence(lambda n: f"indicator_{n}")
    title = factory.Sequence(lambda n: f"Indicator {n}")
    definition = "Plans issued in the period within 20 weeks of the request."
    unit = Indicator.Unit.PERCENT
    polarity = Indicator.Polarity.HIGHER
    source = Indicator.Source.CASEWORK


class ObservationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Observation

    indicator = factory.SubFactory(IndicatorFactory)
    period_type = Observation.PeriodType.MONTH
    period_start = datetime.date(2024, 5, 1)
    period_end = datetime.date(2024, 5, 31)
    period_label = "May 2024"
    numerator = 45
    denominator = 90
    value = factory.LazyAttribute(
        lambda o: round(100 * o.numerator / o.denominator, 1) if o.denominator else None
    )
    definition_version = 1
    computed_at = factory.LazyFunction(timezone.now)
