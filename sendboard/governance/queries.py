"""Reads about the partnership's structure and a signed-in person's workload."""

from datetime import date

from django.db.models import Count, Prefetch, QuerySet

from sendboard.governance.models import Group, Membership, Partnership, Person, Role


def partnerships_for(user) -> QuerySet[Partnership]:
    if user.is_superuser:
        return Partnership.objects.all()
    return Partnership.objects.filter(roles__user=user)


def groups_with_members(partnership: Partnership) -> QuerySet[Group]:
    memberships = Membership.objects.select_related("person__organisation").order_by(
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


def role_of(user, partnership: Partnership) -> str | None:
    return (
        Role.objects.filter(user=user, partnership=partnership)
        .values_list("name", flat=True)
        .first()
    )


def upcoming_meetings(partnership: Partnership, *, today: date, limit: int = 5):
    from sendboard.meetings.models import Meeting

    return (
        Meeting.objects.filter(group__partnership=partnership, date__gte=today)
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("group")
        .order_by("date")[:limit]
    )


def action_counts(partnership: Partnership, *, today: date, person=None) -> dict[str, int]:
    """Open and overdue actions, for the whole partnership or for one owner."""
    from sendboard.actions.models import Action

    actions = Action.objects.filter(board__partnership=partnership)
    if person is not None:
        actions = actions.filter(owners=person)
    return {
        "open": actions.filter(status__in=Action.OPEN_STATUSES).count(),
        "overdue": actions.overdue(today).count(),
    }
