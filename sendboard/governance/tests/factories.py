import datetime

import factory
from django.contrib.auth import get_user_model

from sendboard.governance.models import Group, Membership, Organisation, Partnership, Person, Role


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership
        django_get_or_create = ("slug",)

    name = "Northshire SEND Partnership"
    slug = "northshire"
    local_authority = "Northshire Council"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = Organisation.Kind.COUNCIL


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Alex"
    last_name = factory.Sequence(lambda n: f"Person{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct horse battery")


class ClerkRecordedFactory(factory.django.DjangoModelFactory):
    """A record saved directly, with the board clerk named in its history as on a real one."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        record = model_class(*args, **kwargs)
        record._history_user = UserFactory(username="clerk", first_name="Board", last_name="Clerk")
        record.save()
        return record


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Sam Example {n}")
    job_title = "Head of Service"
    organisation = factory.SubFactory(
        OrganisationFactory, partnership=factory.SelfAttribute("..partnership")
    )


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Group {n}")
    slug = factory.Sequence(lambda n: f"group-{n}")
    kind = Group.Kind.SUBGROUP
    cadence = "Monthly"


class BoardFactory(GroupFactory):
    name = "SEND Partnership Board"
    slug = "board"
    kind = Group.Kind.BOARD
    action_prefix = "SPB"

    class Meta:
        model = Group
        django_get_or_create = ("partnership", "slug")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    group = factory.SubFactory(BoardFactory)
    person = factory.SubFactory(
        PersonFactory, partnership=factory.SelfAttribute("..group.partnership")
    )
    role = Membership.Role.MEMBER
    started_on = datetime.date(2025, 1, 1)


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    user = factory.SubFactory(UserFactory)
    partnership = factory.SubFactory(PartnershipFactory)
    name = Role.Name.VIEWER
