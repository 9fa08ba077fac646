import datetime

import factory

from sendboard.forwardplan.models import ForwardPlanItem
from sendboard.governance.tests.factories import BoardFactory, ClerkRecordedFactory


class ForwardPlanItemFactory(ClerkRecordedFactory):
    class Meta:
        model = ForwardPlanItem

    group = factory.SubFactory(BoardFactory)
    title = factory.Sequence(lambda n: f"Deep dive: Preparation for Adulthood {n}")
    kind = ForwardPlanItem.Kind.DEEP_DIVE
    target_month = datetime.date(2025, 9, 1)
