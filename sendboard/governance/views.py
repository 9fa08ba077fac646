from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib.auth import login
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from sendboard.core.pagecache import cached_for_reader
from sendboard.core.submit import act, submit
from sendboard.governance import queries, services
from sendboard.governance.forms import AcceptForm, InviteForm, JoinForm, PersonForm, RoleForm
from sendboard.governance.models import Invitation, Partnership, Person
from sendboard.governance.permissions import Capability, partnership_view


@partnership_view(Capability.VIEW)
@cached_for_reader
def group_list(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    return render(
        request,
        "governance/group_list.html",
        {"partnership": partnership, "groups": queries.groups_with_members(partnership)},
    )


@partnership_view(Capability.VIEW)
@cached_for_reader
def group_detail(request: HttpRequest, partnership: Partnership, group: str) -> HttpResponse:
    found = get_object_or_404(queries.groups_with_members(partnership), slug=group)
    return render(
        request, "governance/group_detail.html", {"partnership": partnership, "group": found}
    )


@partnership_view(Capability.VIEW)
@cached_for_reader
def person_list(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    can_manage = request.access.can(Capability.MANAGE)
    return render(
        request,
        "governance/person_list.html",
        {
            "partnership": partnership,
            # Accounts and roles are the managers' business, and cost two more queries.
            "people": queries.people_with_accounts(partnership)
            if can_manage
            else queries.people_with_groups(partnership),
            "can_edit": request.access.can(Capability.EDIT),
            "can_manage": can_manage,
        },
    )


@partnership_view(Capability.EDIT)
def person_create(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    back = _safe_next(request) or reverse("person_list", args=[partnership.slug])
    form = PersonForm(request.POST or None, partnership=partnership)
    outcome = submit(
        request,
        form,
        lambda fields: services.person_create(partnership=partnership, **fields, by=request.user),
        done=lambda person: f"{person.name} added to the partnership's people",
    )
    if outcome.saved:
        return redirect(back)
    return render(
        request,
        "governance/person_form.html",
        {"partnership": partnership, "form": form, "back": back},
    )


def _safe_next(request: HttpRequest) -> str | None:
    """Where to go back to, when it is a page of this site (never another site's)."""
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


@partnership_view(Capability.VIEW)
def person_detail(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    person = queries.person_in(partnership, code)
    return render(
        request,
        "governance/person_detail.html",
        {
            "partnership": partnership,
            "person": person,
            "account": queries.account_of(person),
            "can_manage": request.access.can(Capability.MANAGE),
        },
    )


def _accept_url(request: HttpRequest) -> Callable[[str], str]:
    return lambda secret: request.build_absolute_uri(reverse("invitation_accept", args=[secret]))


def _account_form(
    request: HttpRequest, person: Person, form, *, title: str, button: str
) -> HttpResponse:
    return render(
        request,
        "governance/account_form.html",
        {
            "partnership": person.partnership,
            "person": person,
            "form": form,
            "title": title,
            "button": button,
        },
    )


def _invitation_sent(invitation: Invitation) -> str:
    sent = f"Invitation sent to {invitation.email}, valid for 7 days"
    if services.account_at(invitation.email) is None:
        return sent
    return f"{sent}: they already have an account, and accept by signing in with it"


@partnership_view(Capability.MANAGE)
def person_invite(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    person = queries.person_in(partnership, code)
    form = InviteForm(request.POST or None, initial={"email": person.email, "role": "member"})
    outcome = submit(
        request,
        form,
        lambda fields: services.person_invite(
            person=person, **fields, accept_url=_accept_url(request), by=request.user
        ),
        done=_invitation_sent,
    )
    if outcome.saved:
        return redirect("person_detail", partnership.slug, person.code)
    return _account_form(
        request, person, form, title="Invite to sendboard", button="Send invitation"
    )


@partnership_view(Capability.MANAGE)
def person_role(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    person = queries.person_in(partnership, code)
    current = queries.account_of(person).role
    form = RoleForm(request.POST or None, initial={"role": current.name if current else None})
    outcome = submit(
        request,
        form,
        lambda fields: services.role_set(person=person, **fields, by=request.user),
        done=lambda role: f"{person.name} is now {role.get_name_display()}",
    )
    if outcome.saved:
        return redirect("person_detail", partnership.slug, person.code)
    return _account_form(request, person, form, title="Change role", button="Save role")


@require_POST
@partnership_view(Capability.MANAGE)
def person_role_remove(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    person = queries.person_in(partnership, code)
    back = redirect("person_detail", partnership.slug, person.code)
    return act(
        request,
        lambda: services.role_remove(person=person, by=request.user),
        to=back,
        done=f"{person.name} no longer has a role in {partnership.name}",
    )


@require_POST
@partnership_view(Capability.MANAGE)
def person_deactivate(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    person = queries.person_in(partnership, code)
    back = redirect("person_detail", partnership.slug, person.code)
    return act(
        request,
        lambda: services.account_deactivate(person=person, by=request.user),
        to=back,
        done=f"{person.name}'s account is deactivated: they can no longer sign in",
    )


def _invitation_refused(request: HttpRequest, reason: str) -> HttpResponse:
    return render(request, "governance/invitation_refused.html", {"reason": reason}, status=410)


def invitation_accept(request: HttpRequest, secret: str) -> HttpResponse:
    """An invitation's link: set a password for a new account, or accept with the account
    that already uses the address."""
    try:
        invitation = services.invitation_open(secret)
    except ValidationError as refused:
        if request.user.is_authenticated:
            joined = services.invitation_taken_up_by(secret, request.user)
            if joined is not None:
                return redirect(joined)
        return _invitation_refused(request, refused.messages[0])
    account = services.account_at(invitation.email)
    if account is None:
        return _set_password(request, secret, invitation)
    if not account.is_active:
        return _invitation_refused(request, services.DEACTIVATED)
    return _accept_with_account(request, secret, invitation, account)


def _set_password(request: HttpRequest, secret: str, invitation: Invitation) -> HttpResponse:
    """No one is signed in yet: the account is made with the password set here."""
    form = AcceptForm(request.POST or None)
    outcome = submit(
        request,
        form,
        lambda fields: services.invitation_accept(secret=secret, **fields),
        done=lambda joined: joined.message,
    )
    if outcome.saved:
        login(request, outcome.result.user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect(invitation.person.partnership)
    return render(
        request, "governance/invitation_accept.html", {"form": form, "invitation": invitation}
    )


def _accept_with_account(
    request: HttpRequest, secret: str, invitation: Invitation, account: User
) -> HttpResponse:
    """The address has an account: signed in with it, a button accepts; signed out, the
    way to sign in and come back; signed in as anyone else, a refusal naming nothing."""
    context = {"invitation": invitation}
    if not request.user.is_authenticated:
        context["sign_in"] = f"{reverse('login')}?{urlencode({'next': request.path})}"
        return render(request, "governance/invitation_join.html", context)
    if request.user != account:
        return render(request, "governance/invitation_other_account.html", status=403)
    form = JoinForm(request.POST if request.method == "POST" else None)
    outcome = submit(
        request,
        form,
        lambda fields: services.invitation_join(secret=secret, user=request.user),
        done=lambda joined: joined.message,
    )
    if outcome.saved:
        return redirect(invitation.person.partnership)
    return render(request, "governance/invitation_join.html", {**context, "form": form})
