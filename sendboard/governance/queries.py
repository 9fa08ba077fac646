"""Reads about the partnership's structure and a signed-in person's workload."""

from django.db.models import Count, Prefetch, QuerySet

from sendboard.governance.models import Group, Membership, Partnership, Person


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
