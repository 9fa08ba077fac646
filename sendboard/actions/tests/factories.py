import factory

from sendboard.actions.models import Action
from sendboard.governance.tests.factories import (
    BoardFactory,
    ClerkRecordedFactory,
    PersonFactory,
)


class ActionFactory(ClerkRecordedFactory):
    """An action saved directly; tests of numbering go through `action_create` instead."""

    class Meta:
        model = Action
        skip_postgeneration_save = True

    board = factory.SubFactory(BoardFactory)
    group = factory.SelfAttribute("board")
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Share the EHCP timeliness recovery plan {n}")

    @factory.post_generation
    def owners(self, create, extracted, **kwargs):
        if not create:
            return
        self.owners.set(
            extracted or [PersonFactory(partnership=self.board.partnership, name="Cerys Thomas")]
        )
