"""Writes to the partnership's structure, its people's accounts and their roles."""

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import get_text_list

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


ADDRESS_TAKEN = "An account already uses this email address: sign in with it to accept"
OTHER_ACCOUNT = "This invitation was sent to another account's email address"
DEACTIVATED = (
    "The account using this email address is deactivated: only the installation's "
    "administrator can reactivate it"
)


def account_at(email: str) -> User | None:
    """The account an invitation to `email` joins: the one whose username or email it is,
    an active one before a deactivated one."""
    return (
        get_user_model()
        .objects.filter(Q(username__iexact=email.strip()) | Q(email__iexact=email.strip()))
        .order_by("-is_active", "pk")
        .first()
    )


@transaction.atomic
def person_invite(
    *, person: Person, email: str, role: str, accept_url: Callable[[str], str], by: User
) -> Invitation:
    """Invite a person by email, with a one-time link valid for 7 days: to set up their
    account, or to accept with the account they already have (from another partnership)."""
    _require_manager(by, person.partnership)
    if person.user_id is not None:
        raise ValidationError(f"{person.name} already has an account: change their role instead")
    email = email.strip().lower()
    account = account_at(email)
    if account is not None and not account.is_active:
        raise ValidationError({"email": DEACTIVATED})
    if account is not None:
        here = account.people.filter(partnership=person.partnership_id).first()
        if here is not None:
            raise ValidationError(
                {"email": f"{here.name} already has an account: change their role instead"}
            )
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
    existing = account is not None
    transaction.on_commit(lambda: _send_invitation(invitation, link, existing=existing))
    return invitation


def _send_invitation(invitation: Invitation, link: str, *, existing: bool) -> None:
    partnership = invitation.person.partnership
    if existing:
        subject = f"Join {partnership.name} on sendboard"
        step = (
            "You already have a sendboard account with this email address: sign in with "
            f"your existing account to accept, within {INVITATION_DAYS} days. You do not "
            "need a new password."
        )
    else:
        subject = f"Your sendboard account for {partnership.name}"
        step = f"Set your password here within {INVITATION_DAYS} days:"
    send_mail(
        subject=subject,
        message=(
            f"{invitation.invited_by.get_full_name() or 'A partnership manager'} has invited you "
            f"to sendboard, where {partnership.name} keeps its board's meetings, actions and "
            f"plans.\n\n{step}\n{link}\n\n"
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


def invitation_taken_up_by(secret: str, user: User) -> Partnership | None:
    """The partnership `user` joined by the invitation a link names, once it is taken up:
    signing in by single sign-on on the way to the link takes it up before the link is
    followed."""
    invitation = (
        Invitation.objects.select_related("person__partnership")
        .filter(secret_hash=_secret_hash(secret), accepted_at__isnull=False, person__user=user)
        .first()
    )
    return None if invitation is None else invitation.person.partnership


@dataclass(frozen=True)
class Joined:
    """The account that took up invitations, and every partnership it joined; `made` when
    the account was made by taking them up."""

    user: User
    partnerships: tuple[Partnership, ...]
    made: bool = True

    @property
    def message(self) -> str:
        names = get_text_list([partnership.name for partnership in self.partnerships], "and")
        if self.made:
            return f"Your account is ready: you have joined {names}"
        return f"You have joined {names}"


@transaction.atomic
def invitation_accept(*, secret: str, password: str) -> Joined:
    """Create the invited person's account with their password, and give them their role
    here and in every other partnership that invited the same address."""
    invitation = invitation_open(secret)
    return _accept(invitation, password=password, reason="Accepted")


@transaction.atomic
def invitation_join(*, secret: str, user: User) -> Joined:
    """Take up an invitation with the account that already uses its address, signed in as
    `user`: a role here and in every other partnership that invited the address."""
    invitation = invitation_open(secret)
    if account_at(invitation.email) != user or not user.is_active:
        raise ValidationError(OTHER_ACCOUNT)
    partnership = invitation.person.partnership
    if user.people.filter(partnership=partnership).exists():
        raise ValidationError(
            f"You already belong to {partnership.name}: ask its manager to change your role"
        )
    return _join(
        _still_open(invitation.email, lead=invitation),
        user=user,
        reason="Accepted with an existing account",
        made=False,
    )


@transaction.atomic
def invitation_accept_by_single_sign_on(*, email: str) -> Joined | None:
    """Take up the invitations sent to `email`, an address the person's organisation has
    verified by signing them in: with the account that already uses it, or else with an
    account made for them without a password of its own.

    None when nobody invited that address; a `ValidationError` saying why when the
    invitation can no longer be taken up (expired, say), for the person to be told.
    """
    email = email.strip()
    invitations = Invitation.objects.select_related("person__partnership").filter(
        email__iexact=email, accepted_at=None, withdrawn_at=None
    )
    # The newest leads; those from other partnerships are taken up with it.
    invitation = invitations.filter(expires_at__gte=timezone.now()).first()
    if invitation is None:
        if invitations.exists():
            raise ValidationError("This invitation has expired: ask your manager for a new one")
        return None
    account = account_at(email)
    if account is None:
        return _accept(invitation, password=None, reason="Accepted through single sign-on")
    if not account.is_active:
        raise ValidationError(DEACTIVATED)
    if account.email.lower() != email.lower():
        # The provider vouches for the account's own email; a username is not an address.
        raise ValidationError(ADDRESS_TAKEN)
    joined = _join(
        _still_open(email, lead=None),
        user=account,
        reason="Accepted through single sign-on with an existing account",
        made=False,
    )
    return joined if joined.partnerships else None


def _still_open(email: str, *, lead: Invitation | None) -> list[Invitation]:
    """Every invitation to `email` that can still be taken up, locked until the end of the
    transaction: `lead`, the one whose link was followed, first, then the newest first."""
    found = list(
        Invitation.objects.select_for_update()
        .select_related("person")
        .filter(
            email__iexact=email,
            accepted_at=None,
            withdrawn_at=None,
            expires_at__gte=timezone.now(),
        )
    )
    if lead is not None:
        if lead not in found:
            raise ValidationError("This invitation has been used: sign in with your email address")
        found.sort(key=lambda invitation: invitation != lead)
    return found


def _accept(invitation: Invitation, *, password: str | None, reason: str) -> Joined:
    """The account an invitation promised, with its role; no password means single sign-on.

    One address may be invited by several partnerships, and an account is made only once,
    so every invitation to the address still open is taken up with this one: a role in
    each partnership.
    """
    still_open = _still_open(invitation.email, lead=invitation)
    if account_at(invitation.email) is not None:
        raise ValidationError(ADDRESS_TAKEN)
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
    return _join(still_open, user=user, reason=reason, made=True)


def _join(still_open: list[Invitation], *, user: User, reason: str, made: bool) -> Joined:
    """Give `user` the role of each invitation still open, in order: of two to the same
    partnership the first counts and the other is withdrawn, as is one to a partnership
    where the account already has its person."""
    belongs = set(user.people.values_list("partnership_id", flat=True))
    taken: dict[int, Invitation] = {}
    for found in still_open:
        if found.person.partnership_id not in belongs:
            taken.setdefault(found.person.partnership_id, found)
    for found in taken.values():
        _take_up(found, user=user, reason=reason)
    for other in still_open:
        if other in taken.values():
            continue
        other.withdrawn_at = timezone.now()
        why = (
            "Another invitation here was taken up"
            if other.person.partnership_id in taken
            else "The account already belongs to this partnership"
        )
        save_tracked(other, by=user, opened_version=None, reason=why)
    partnerships = Partnership.objects.filter(pk__in=taken).order_by("name")
    return Joined(user=user, partnerships=tuple(partnerships), made=made)


def _take_up(invitation: Invitation, *, user: User, reason: str) -> None:
    person = invitation.person
    person.user = user
    person.email = person.email or invitation.email
    save_tracked(person, by=user, opened_version=None, reason="Accepted the invitation")
    # An account given a role here in the back office, without its person, keeps one role.
    role = Role.objects.filter(user=user, partnership_id=person.partnership_id).first()
    if role is None:
        role = Role(user=user, partnership_id=person.partnership_id)
    role.name = invitation.role
    save_tracked(role, by=user, opened_version=None, reason="Accepted the invitation")
    invitation.accepted_at = timezone.now()
    save_tracked(invitation, by=user, opened_version=None, reason=reason)


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
