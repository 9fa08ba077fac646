"""Reads about the partnership's structure and a signed-in person's workload."""

import uuid
from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from sendboard.governance.models import Group, Invitation, Membership, Partnership, Person, Role


def partnerships_for(user) -> QuerySet[Partnership]:
    if user.is_superuser:
        return Partnership.objects.all()
    return Partnership.objects.filter(roles__user=user)


def groups_with_members(partnership: Partnership) -> QuerySet[Group]:
    memberships = Membership.objects.select_related("person__organisation", "deputy_for").order_by(
        "role", "person__name"
    )
    return (
        partnership.groups.select_related("reports_to")
        .prefetch_related(Prefetch("memberships", queryset=memberships))
        .annotate(meeting_count=Count("meetings"))
    )


def people_with_groups(partnership: Partnership) -> QuerySet[Person]:
    """Everyone in the partnership with the groups they sit on, in two queries."""
    memberships = Membership.objects.select_related("group").order_by("group__name")
    return (
        partnership.people.select_related("organisation")
        .prefetch_related(Prefetch("memberships", queryset=memberships))
        .order_by("name")
    )


@dataclass(frozen=True)
class Account:
    """A person's account as the people pages show it: its state, role and invitation."""

    person: Person
    role: Role | None
    invitation: Invitation | None  # the one still waiting, if any

    @property
    def state(self) -> str:
        role = self.role.get_name_display() if self.role else None
        invited = self.invitation.get_role_display() if self.invitation else None
        return account_state(self.person, role=role, invited_as=invited)


def account_state(person: Person, *, role: str | None, invited_as: str | None) -> str:
    """ "Editor", "Invited as Board member", "Deactivated", "No account"..."""
    if person.user is not None and not person.user.is_active:
        return "Deactivated"
    if person.user is not None:
        return role or "No role here"
    return f"Invited as {invited_as}" if invited_as else "No account"


def account_of(person: Person) -> Account:
    role = Role.objects.filter(user=person.user_id, partnership=person.partnership_id).first()
    waiting = _waiting(person.invitations.all()).first()
    return Account(person=person, role=role if person.user_id else None, invitation=waiting)


def person_in(partnership: Partnership, code) -> Person:
    try:
        code = uuid.UUID(str(code))
    except ValueError as error:
        raise Http404("No such person") from error
    return get_object_or_404(
        Person.objects.select_related("organisation", "user", "partnership"),
        partnership=partnership,
        code=code,
    )


def people_with_accounts(partnership: Partnership) -> list[Person]:
    """The people page's list, each person with `account_state` for the manager's column."""
    roles = {
        role.user_id: role.get_name_display()
        for role in Role.objects.filter(partnership=partnership)
    }
    invited = {
        invitation.person_id: invitation.get_role_display()
        for invitation in _waiting(Invitation.objects.filter(person__partnership=partnership))
    }
    people = list(people_with_groups(partnership).select_related("user"))
    for person in people:
        person.account_state = account_state(
            person, role=roles.get(person.user_id), invited_as=invited.get(person.pk)
        )
    return people


def _waiting(invitations: QuerySet[Invitation]) -> QuerySet[Invitation]:
    return invitations.filter(accepted_at=None, withdrawn_at=None, expires_at__gte=timezone.now())
