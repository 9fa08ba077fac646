import datetime

import factory

from sendboard.forwardplan.models import ForwardPlanItem
from sendboard.governance.tests.factories import BoardFactory, UserFactory


class ForwardPlanItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ForwardPlanItem

    group = factory.SubFactory(BoardFactory)
    title = factory.Sequence(lambda n: f"Deep dive: Preparation for Adulthood {n}")
    kind = ForwardPlanItem.Kind.DEEP_DIVE
    target_month = datetime.date(2025, 9, 1)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # Every real item is planned by someone; history pages name them.
        item = model_class(*args, **kwargs)
        item._history_user = UserFactory(username="clerk", first_name="Board", last_name="Clerk")
        item.save()
        return item
