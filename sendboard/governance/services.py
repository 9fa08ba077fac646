"""Writes to the partnership's structure, its people's accounts and their roles."""

import hashlib
import secrets
from collections.abc import Callable
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from sendboard.core.services import delete_tracked, save_tracked
from sendboard.governance.models import Invitation, Organisation, Partnership, Person, Role


@transaction.atomic
def person_create(
    *,
    partnership: Partnership,
    name: str,
    job_title: str = "",
    organisation: Organisation | None = None,
    email: str = "",
    by: User,
) -> Person:
    """Add someone to the partnership's people, such as a visiting adviser to record
    at a meeting; `person_invite` gives them an account."""
    if organisation is not None and organisation.partnership_id != partnership.pk:
        raise ValidationError({"organisation": "Choose one of this partnership's organisations"})
    person = Person(
        partnership=partnership,
        name=name.strip(),
        job_title=job_title.strip(),
        organisation=organisation,
        email=email.strip(),
    )
    person.full_clean()
    save_tracked(person, by=by, opened_version=None, reason="Added to the partnership's people")
    return person


INVITATION_DAYS = 7


def _require_manager(by: User, partnership: Partnership) -> None:
    if not Role.objects.filter(user=by, partnership=partnership, name=Role.Name.MANAGER).exists():
        raise PermissionDenied("Only the partnership's managers change accounts and roles.")


def _secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _keeps_a_manager(person: Person, *, new_role: str | None) -> None:
    """Refuse a change that would leave the partnership with no manager."""
    if person.user_id is None or new_role == Role.Name.MANAGER:
        return
    managers = Role.objects.filter(partnership=person.partnership_id, name=Role.Name.MANAGER)
    if not managers.exclude(user=person.user_id).filter(user__is_active=True).exists() and (
        managers.filter(user=person.user_id).exists()
    ):
        raise ValidationError(
            f"{person.name} is the partnership's last manager: make someone else a manager first"
        )


@transaction.atomic
def person_invite(
    *, person: Person, email: str, role: str, accept_url: Callable[[str], str], by: User
) -> Invitation:
    """Invite a person to set up their account: a one-time link by email, valid for 7 days."""
    _require_manager(by, person.partnership)
    if person.user_id is not None:
        raise ValidationError(f"{person.name} already has an account: change their role instead")
    email = email.strip().lower()
    taken = get_user_model().objects.filter(Q(username__iexact=email) | Q(email__iexact=email))
    if taken.exists():
        raise ValidationError({"email": "An account already uses this email address"})
    person.invitations.filter(accepted_at=None, withdrawn_at=None).update(
        withdrawn_at=timezone.now()
    )
    secret = secrets.token_urlsafe(32)
    invitation = Invitation(
        person=person,
        email=email,
        role=role,
        secret_hash=_secret_hash(secret),
        expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
        invited_by=by,
    )
    invitation.full_clean()
    save_tracked(invitation, by=by, opened_version=None, reason=f"Invited as {role}")
    link = accept_url(secret)
    transaction.on_commit(lambda: _send_invitation(invitation, link))
    return invitation


def _send_invitation(invitation: Invitation, link: str) -> None:
    partnership = invitation.person.partnership
    send_mail(
        subject=f"Your sendboard account for {partnership.name}",
        message=(
            f"{invitation.invited_by.get_full_name() or 'A partnership manager'} has invited you "
            f"to sendboard, where {partnership.name} keeps its board's meetings, actions and "
            f"plans.\n\nSet your password here within {INVITATION_DAYS} days:\n{link}\n\n"
            "The link works once. If you did not expect this email, you can ignore it."
        ),
        from_email=None,
        recipient_list=[invitation.email],
    )


def invitation_open(secret: str) -> Invitation:
    """The invitation a link names, if it can still be taken up; otherwise say why not."""
    invitation = (
        Invitation.objects.select_related("person__partnership")
        .filter(secret_hash=_secret_hash(secret))
        .first()
    )
    if invitation is None or invitation.withdrawn_at is not None:
        raise ValidationError("This invitation link is not valid: ask your manager for a new one")
    if invitation.accepted_at is not None:
        raise ValidationError("This invitation has been used: sign in with your email address")
    if invitation.expires_at < timezone.now():
        raise ValidationError("This invitation has expired: ask your manager for a new one")
    return invitation


@transaction.atomic
def invitation_accept(*, secret: str, password: str) -> User:
    """Create the invited person's account with their password, and give them their role."""
    invitation = invitation_open(secret)
    return _accept(invitation, password=password, reason="Accepted")


@transaction.atomic
def invitation_accept_by_single_sign_on(*, email: str) -> User | None:
    """Take up the invitation sent to `email`, an address the person's organisation has
    verified by signing them in: their account is made without a password of its own.

    None when nobody invited that address; a `ValidationError` saying why when the
    invitation can no longer be taken up (expired, say), for the person to be told.
    """
    invitations = Invitation.objects.select_related("person__partnership").filter(
        email__iexact=email.strip(), accepted_at=None, withdrawn_at=None
    )
    # A person invited again has only the newest invitation open; the newest wins anyway.
    invitation = invitations.filter(expires_at__gte=timezone.now()).first()
    if invitation is not None:
        return _accept(invitation, password=None, reason="Accepted through single sign-on")
    if invitations.exists():
        raise ValidationError("This invitation has expired: ask your manager for a new one")
    return None


def _accept(invitation: Invitation, *, password: str | None, reason: str) -> User:
    """The account an invitation promised, with its role; no password means single sign-on."""
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.accepted_at is not None:
        raise ValidationError("This invitation has been used: sign in with your email address")
    person = invitation.person
    user = get_user_model()(username=invitation.email, email=invitation.email)
    first, _, last = person.name.partition(" ")
    user.first_name, user.last_name = first, last
    if password is None:
        user.set_unusable_password()
    else:
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise ValidationError({"password": error.messages}) from error
        user.set_password(password)
    user.save()
    person.user = user
    person.email = person.email or invitation.email
    save_tracked(person, by=user, opened_version=None, reason="Accepted the invitation")
    role = Role(user=user, partnership=person.partnership, name=invitation.role)
    save_tracked(role, by=user, opened_version=None, reason="Accepted the invitation")
    locked.accepted_at = timezone.now()
    save_tracked(locked, by=user, opened_version=None, reason=reason)
    return user


@transaction.atomic
def role_set(*, person: Person, role: str, by: User) -> Role:
    """Give a person with an account a role in the partnership, or change the one they have."""
    _require_manager(by, person.partnership)
    if person.user_id is None:
        raise ValidationError(f"{person.name} has no account yet: invite them first")
    _keeps_a_manager(person, new_role=role)
    found = Role.objects.filter(user=person.user_id, partnership=person.partnership).first()
    if found is None:
        found = Role(user_id=person.user_id, partnership=person.partnership)
    found.name = role
    found.full_clean()
    save_tracked(
        found, by=by, opened_version=None, reason=f"Role set to {found.get_name_display()}"
    )
    return found


@transaction.atomic
def role_remove(*, person: Person, by: User) -> None:
    """Take away a person's role here; their account and their other partnerships stay."""
    _require_manager(by, person.partnership)
    _keeps_a_manager(person, new_role=None)
    found = Role.objects.filter(user=person.user_id, partnership=person.partnership).first()
    if found is None:
        raise ValidationError(f"{person.name} has no role in this partnership")
    delete_tracked(found, by=by, reason="Role removed")


@transaction.atomic
def account_deactivate(*, person: Person, by: User) -> None:
    """Stop an account signing in, for good or until reactivated in the back office."""
    _require_manager(by, person.partnership)
    if person.user_id is None:
        raise ValidationError(f"{person.name} has no account")
    elsewhere = Role.objects.filter(user=person.user_id).exclude(partnership=person.partnership)
    if elsewhere.exists():
        raise ValidationError(
            f"{person.name} has roles in other partnerships: remove their role here instead"
        )
    if person.user_id == by.pk:
        raise ValidationError("You cannot deactivate your own account")
    _keeps_a_manager(person, new_role=None)
    user = person.user
    user.is_active = False
    save_tracked(user, by=by, opened_version=None, reason="Account deactivated")
