"""The partnership, its organisations and people, its groups and who sits on them."""

import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.urls import reverse
from simple_history import register
from simple_history.models import HistoricalRecords


class Partnership(models.Model):
    class SmallNumberPolicy(models.TextChoices):
        NONE = "none", "None: counts published as they are"
        DFE = "dfe", "DfE: counts of 1 to 5 shown as c, with secondary suppression"
        NHS = "nhs", "NHS: counts of 1 to 7 shown as *, others rounded to the nearest 5"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    local_authority = models.CharField(max_length=200)
    small_number_policy = models.CharField(
        max_length=4, choices=SmallNumberPolicy.choices, default=SmallNumberPolicy.DFE
    )
    contact_email = models.EmailField(blank=True)
    local_offer_url = models.URLField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partnership_home", kwargs={"partnership": self.slug})


class Organisation(models.Model):
    class Kind(models.TextChoices):
        COUNCIL = "council", "Council"
        ICB = "icb", "Integrated Care Board"
        NHS_TRUST = "nhs_trust", "NHS trust"
        SCHOOL = "school", "School or school group"
        COLLEGE = "college", "College"
        EARLY_YEARS = "early_years", "Early years"
        PARENT_CARER_FORUM = "pcf", "Parent Carer Forum"
        DFE = "dfe", "Department for Education"
        NHSE = "nhse", "NHS England"
        VOLUNTARY = "voluntary", "Voluntary sector"
        OTHER = "other", "Other"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="organisations"
    )
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=40, blank=True)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="unique_organisation_name")
        ]

    def __str__(self) -> str:
        return self.short_name or self.name


class Person(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="people")
    name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="people"
    )
    email = models.EmailField(blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "user"],
                condition=models.Q(user__isnull=False),
                name="one_person_per_user_per_partnership",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def described(self) -> str:
        """Name, title and organisation, as formal minutes list attendees."""
        parts = [self.name, self.job_title, self.organisation.name if self.organisation else ""]
        return ", ".join(part for part in parts if part)


class Group(models.Model):
    class Kind(models.TextChoices):
        BOARD = "board", "Board"
        SUBGROUP = "subgroup", "Subgroup"
        TASK_AND_FINISH = "task_and_finish", "Task and finish group"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(max_length=200)
    slug = models.SlugField()
    kind = models.CharField(max_length=16, choices=Kind.choices)
    reports_to = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="subgroups"
    )
    purpose = models.TextField(blank=True)
    terms_of_reference = models.TextField(blank=True)
    cadence = models.CharField(max_length=100, blank=True, help_text="For example: monthly")
    action_prefix = models.CharField(
        max_length=10, blank=True, help_text="Shown before action numbers, for example SPB"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "slug"], name="unique_group_slug")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "group_detail", kwargs={"partnership": self.partnership.slug, "group": self.slug}
        )

    @property
    def board(self) -> "Group":
        """The board whose action log this group's actions join."""
        return self if self.reports_to_id is None else self.reports_to.board


class Membership(models.Model):
    class Role(models.TextChoices):
        INDEPENDENT_CHAIR = "independent_chair", "Independent chair"
        CHAIR = "chair", "Chair"
        CO_CHAIR = "co_chair", "Co-chair"
        MEMBER = "member", "Member"
        DEPUTY = "deputy", "Deputy"
        ADVISER = "adviser", "Adviser"
        IN_ATTENDANCE = "in_attendance", "In attendance"

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    deputy_for = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="deputies"
    )
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["group", "role", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["group", "person"], name="unique_membership")
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()}, {self.group})"


class Role(models.Model):
    """What a signed-in user may do in one partnership."""

    class Name(models.TextChoices):
        MANAGER = "manager", "Partnership manager"
        EDITOR = "editor", "Editor"
        MEMBER = "member", "Board member"
        ANALYST = "analyst", "Performance analyst"
        AUDITOR = "auditor", "Quality assurance auditor"
        VIEWER = "viewer", "Viewer"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles"
    )
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="roles")
    name = models.CharField(max_length=10, choices=Name.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["user", "partnership"], name="one_role_per_partnership")
        ]

    def __str__(self) -> str:
        return f"{self.user} is {self.get_name_display()} of {self.partnership}"


class SignInFailures(models.Model):
    """Failed sign-ins counted under one key in the current window, to slow down guessing.

    A key is an account at an address ("account:<username>@<address>"), or an address
    alone ("address:<address>"), which has a much higher limit: behind a council's proxy
    every user shares one address.
    """

    key = models.CharField(max_length=300, unique=True)
    failures = models.PositiveIntegerField(default=0)
    window_started_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.failures} failures for {self.key} since {self.window_started_at}"


class Invitation(models.Model):
    """A one-time link, sent by email, for a person to set the password of their new account.

    Only a hash of the link's secret is kept, so a copy of the database cannot be used
    to take up an invitation.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    role = models.CharField(max_length=10, choices=Role.Name.choices)
    secret_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation of {self.email} to {self.person.partnership}"


# Accounts keep their history too: who was deactivated, made staff, renamed, and by whom.
# The password hash and the time of the last sign-in are not history.
register(get_user_model(), app=__package__, excluded_fields=["password", "last_login"])
