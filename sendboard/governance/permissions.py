"""Who may do what in a partnership: one table of role to capabilities, and the rules
for records that belong to someone.

Views ask through `partnership_view`, which resolves the partnership in the URL,
checks the signed-in user's role and hands the view an `Access`. Services ask the
same rules again through `access_for`, so a change made outside a view is checked too.
"""

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.contrib.auth.models import AnonymousUser, User
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from sendboard.governance.models import Partnership, Person, Role


class Capability(StrEnum):
    VIEW = "view"  # read the working records of the partnership
    EDIT = "edit"  # run meetings: agendas, minutes, actions, forward plan, summaries
    MANAGE = "manage"  # publish, approve minutes, set up groups and people
    ANALYSE = "analyse"  # load case-level data and see drill-downs
    AUDIT = "audit"  # quality-assure EHC plans


_ALL = frozenset(Capability)
ROLE_CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.Name.MANAGER: _ALL,
    Role.Name.EDITOR: frozenset({Capability.VIEW, Capability.EDIT}),
    Role.Name.MEMBER: frozenset({Capability.VIEW}),
    Role.Name.ANALYST: frozenset({Capability.VIEW, Capability.ANALYSE}),
    Role.Name.AUDITOR: frozenset({Capability.VIEW, Capability.AUDIT}),
    Role.Name.VIEWER: frozenset({Capability.VIEW}),
}


@dataclass(frozen=True)
class Access:
    partnership: Partnership
    role: str | None
    user: User | AnonymousUser
    capabilities: frozenset[Capability]

    def can(self, capability: Capability) -> bool:
        return capability in self.capabilities

    @functools.cached_property
    def person(self) -> Person | None:
        """The reader as a person of the partnership; read only by the pages that ask."""
        if not self.user.is_authenticated:
            return None
        return Person.objects.filter(user=self.user, partnership=self.partnership).first()


def access_for(user: User | AnonymousUser, partnership: Partnership) -> Access:
    if not user.is_authenticated:
        return Access(partnership, None, user, frozenset())
    role = Role.objects.filter(user=user, partnership=partnership).values_list("name", flat=True)
    role_name = Role.Name.MANAGER if user.is_superuser else next(iter(role), None)
    capabilities = ROLE_CAPABILITIES.get(role_name, frozenset())
    return Access(partnership, role_name, user, capabilities)


def may_change_owned(access: Access, owners: Iterable[Person]) -> bool:
    """Editors change any record; anyone else only one they are among the owners of.

    An owner reports on their own work (an action's progress, say) without the
    editor's role, which would let them change everyone's.
    """
    if access.can(Capability.EDIT):
        return True
    person = access.person
    return person is not None and any(owner.pk == person.pk for owner in owners)


def partnership_view(capability: Capability) -> Callable:
    """Resolve `<partnership>` in the URL and require `capability` of the user.

    The view receives the `Partnership` in place of the slug and finds the
    `Access` on `request.access`.
    """

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, partnership: str, **kwargs) -> HttpResponse:
            found = get_object_or_404(Partnership, slug=partnership)
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            request.access = access_for(request.user, found)
            if not request.access.can(capability):
                raise PermissionDenied(f"Your role does not allow you to {capability} here.")
            return view(request, found, **kwargs)

        return wrapped

    return decorator


def public_view(view: Callable) -> Callable:
    """A page anyone may read, signed in or not; the partnership is resolved as above."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, partnership: str, **kwargs) -> HttpResponse:
        found = get_object_or_404(Partnership, slug=partnership)
        request.access = access_for(request.user, found)
        return view(request, found, **kwargs)

    return wrapped
