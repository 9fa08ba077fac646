import factory

from sendboard.actions.models import Action
from sendboard.governance.tests.factories import BoardFactory, PersonFactory, UserFactory


class ActionFactory(factory.django.DjangoModelFactory):
    """An action saved directly; tests of numbering go through `action_create` instead."""

    class Meta:
        model = Action
        skip_postgeneration_save = True

    board = factory.SubFactory(BoardFactory)
    group = factory.SelfAttribute("board")
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Share the EHCP timeliness recovery plan {n}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # Every real action is raised by someone; history pages name them.
        action = model_class(*args, **kwargs)
        action._history_user = UserFactory(username="clerk", first_name="Board", last_name="Clerk")
        action.save()
        return action

    @factory.post_generation
    def owners(self, create, extracted, **kwargs):
        if not create:
            return
        self.owners.set(
            extracted or [PersonFactory(partnership=self.board.partnership, name="Cerys Thomas")]
        )
