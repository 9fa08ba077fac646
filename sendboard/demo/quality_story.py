"""Northshire's year of EHC plan quality assurance, and the Board's minute of it.

Olivia Grant, the quality assurance lead, and Hannah Kerr, the partnership manager,
audit plans across three teams each month against the framework the app ships: few
auditors at first, so the target is missed, then met; plans improve through the year
as training follows the learning themes. The manager moderates Olivia's audits and
Olivia, a named moderator, the manager's. Every audit is written through the quality
services, and the Board's minute quotes the month's figures read back from the records.
The month still open has its sample drawn from the demo's casework snapshot, as the
manager draws one, once `sendboard demo` has loaded the snapshot.
"""

import datetime
import random
from collections.abc import Callable
from decimal import Decimal

from sendboard.casework.models import Snapshot
from sendboard.demo.cast import Cast
from sendboard.demo.plan import AGENDA_TITLE, plan_months
from sendboard.governance.models import Partnership, Person, Role
from sendboard.lib.periods import add_months
from sendboard.meetings.models import Meeting, MinuteEntry
from sendboard.quality import learning, services
from sendboard.quality.figures import quality_figures_publish
from sendboard.quality.framework_file import shipped_framework
from sendboard.quality.models import (
    AdviceGrade,
    Audit,
    CaseAction,
    Framework,
    Moderation,
    QualitySettings,
    Sample,
    SectionGrade,
    Theme,
)

# The localities of the demo's casework snapshot (its `teams` table), so the month drawn
# from it is stratified by the teams the past audits name.
TEAMS = ("North", "South", "East", "West", "Central", "Post-16")
TARGET_PERCENT = 1
# The month's base, as the snapshots of the time gave it: 1% of it is a target of 13
# audits, as 1% of the demo snapshot's live plans is.
ACTIVE_PLANS = 1290
# Audits completed each month of the year: the target is missed until more auditors
# join in the sixth month.
COMPLETED = (7, 8, 8, 10, 11, 13, 13, 13, 13, 14, 13, 13)
THEMES = {
    # theme: chance an audit finds it in the first month and in the last
    "Outcomes not specific": (0.6, 0.2),
    "Health advice missing": (0.4, 0.1),
    "Child's voice absent": (0.3, 0.15),
    "Provision not quantified": (0.5, 0.2),
}
STAGES = (Audit.Stage.DRAFT, Audit.Stage.FINAL, Audit.Stage.FINAL, Audit.Stage.REVIEW)
KINDS = (Audit.Kind.EDUCATION, Audit.Kind.EDUCATION, Audit.Kind.MULTI, Audit.Kind.HEALTH)
AUDITORS = ("auditor", "auditor", "manager")
SEED = 2025


def _between(first: float, last: float, progress: float) -> float:
    return first + (last - first) * progress


class QualityStory:
    def __init__(self, cast: Cast) -> None:
        self.cast = cast
        self.months = plan_months(cast.today)[:-1]  # the month still open has no audits yet
        self.rng = random.Random(SEED)
        self.manager = cast.users["manager"]

    def build(self) -> None:
        partnership = self.cast.people["manager"].partnership
        self.cast.on(self.months[0])
        services.framework_import(
            partnership=partnership, spec=shipped_framework(), by=self.manager
        )
        services.quality_settings_update(
            partnership=partnership,
            target_percent=Decimal(TARGET_PERCENT),
            target_base="active",
            lookback_months=12,
            moderation_percent=Decimal(10),
            moderators=[self.cast.people["auditor"]],
            by=self.manager,
        )
        for index, month in enumerate(self.months):
            self.month(partnership, index, month)
        # Into the board's figures, so the dashboard and the board pack carry them.
        self.cast.on(self.cast.today)
        quality_figures_publish(partnership=partnership, by=self.manager)

    def month(self, partnership: Partnership, index: int, month: datetime.date) -> None:
        self.cast.on(month)
        services.sample_target_record(
            partnership=partnership, month=month, base_count=ACTIVE_PLANS, by=self.manager
        )
        progress = index / max(1, len(self.months) - 1)
        for n in range(COMPLETED[index]):
            self.audit(partnership, month, n, progress)

    def audit(self, partnership: Partnership, month: datetime.date, n: int, progress: float):
        who = AUDITORS[n % len(AUDITORS)]
        rng = self.rng
        self.cast.on(month + datetime.timedelta(days=2 + n))
        audit = services.audit_assign(
            partnership=partnership,
            plan_id=f"NS{rng.getrandbits(48):012x}",
            auditor=self.cast.people[who],
            month=month,
            stage=STAGES[n % len(STAGES)],
            kind=KINDS[n % len(KINDS)],
            team=TEAMS[n % len(TEAMS)],
            by=self.manager,
        )
        # Plans improve through the year: a good section grows likelier month by month.
        good = _between(0.45, 0.8, progress)
        grades = {}
        for section in audit.framework.sections:
            roll = rng.random()
            grade = 3 if roll < good else 2 if roll < good + (1 - good) * 0.8 else 1
            if grade == 3 and rng.random() < 0.15:
                grade = 4
            grades[section["key"]] = (grade, "")
        themes = [
            theme
            for theme, (first, last) in THEMES.items()
            if rng.random() < _between(first, last, progress)
        ]
        self.cast.on(month + datetime.timedelta(days=10 + n))
        services.audit_save(
            audit=audit,
            grades=grades,
            advice={
                "education": 3 if rng.random() < good else 2,
                "health": services.NOT_APPLICABLE
                if n % 4 == 3
                else (3 if rng.random() < good else 1),
                "social_care": services.NOT_APPLICABLE if n % 2 else 2,
            },
            strengths="The child's aspirations are in their own words.",
            improvements="Outcomes should say what will change and by when.",
            themes=themes,
            opened_version=audit.version,
            by=self.cast.users[who],
            and_submit=True,
        )
        # The service dates a submission today; the story's happened that month.
        submitted = month + datetime.timedelta(days=10 + n)
        Audit.objects.filter(pk=audit.pk).update(submitted_on=submitted)
        audit.refresh_from_db()
        if Moderation.objects.filter(audit=audit).exists():
            self.moderate(audit, month, who)

    def moderate(self, audit: Audit, month: datetime.date, auditor: str) -> None:
        moderator = "manager" if auditor == "auditor" else "auditor"
        rng = self.rng
        grades = {
            row.section: (max(1, min(4, row.grade + rng.choice((-1, 0, 0, 0)))), "")
            for row in audit.section_grades.filter(moderation=False)
        }
        self.cast.on(month + datetime.timedelta(days=24))
        moderation = services.moderation_grade(
            moderation=audit.moderation,
            grades=grades,
            opened_version=audit.moderation.version,
            by=self.cast.users[moderator],
        )
        # The session settles half the disagreements at the moderator's grade.
        agreed = moderation.grade if rng.random() < 0.5 else audit.grade
        services.moderation_agree(
            moderation=moderation,
            agreed_grade=agreed,
            note="Agreed at the monthly moderation session.",
            opened_version=moderation.version,
            by=self.cast.users[moderator],
        )

    def minute(self, meeting: Meeting, entry: Callable[..., MinuteEntry]) -> None:
        """The quality of plans in the last full month before the meeting, as recorded."""
        month = add_months(meeting.date.replace(day=1), -1)
        if month not in self.months:
            return
        item = meeting.items.get(title=AGENDA_TITLE)
        summary = learning.monthly_summary(meeting.group.partnership, month=month)
        entry(item, "note", "EHC plan quality assurance: " + " ".join(summary[:3]), "auditor")


def quality_sample_draw_demo(*, partnership: Partnership, snapshot: Snapshot) -> Sample:
    """The month still open, drawn from the demo's casework snapshot as the manager draws
    it (Quality, Draw a month's sample) and shared between Olivia Grant and the manager,
    who have its audits to do. Called once `sendboard demo` has loaded the snapshot."""
    auditors = Person.objects.filter(
        partnership=partnership,
        user__roles__partnership=partnership,
        user__roles__name__in=[Role.Name.AUDITOR, Role.Name.MANAGER],
    ).distinct()
    manager = auditors.get(user__roles__name=Role.Name.MANAGER).user
    return services.sample_draw(
        partnership=partnership,
        month=snapshot.as_at,
        auditors=auditors,
        snapshot=snapshot,
        seed=SEED,
        by=manager,
    )


def quality_remove(*, partnership: Partnership) -> None:
    """Audits protect their framework, auditors and samples, so they go first; their
    history goes too, as a rebuilt record may reuse a removed one's id."""
    audits = list(Audit.history.filter(partnership=partnership).values_list("id", flat=True))
    Audit.objects.filter(partnership=partnership).delete()
    # After the delete, which records the removal of each grade in their history too.
    for model in (SectionGrade, AdviceGrade, CaseAction, Moderation):
        model.history.filter(audit_id__in=audits).delete()
    Audit.history.filter(id__in=audits).delete()
    for model in (Sample, QualitySettings):
        model.objects.filter(partnership=partnership).delete()
        model.history.filter(partnership=partnership).delete()
    Framework.objects.filter(partnership=partnership).delete()
    Theme.objects.filter(partnership=partnership).delete()
