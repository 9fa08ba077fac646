"""Changes to quality assurance: frameworks, settings, samples, audits and moderation.

Each function is one transaction, checks the person's role and keeps history. Every
error names the field it is about, so a form puts it beside the field.
"""

import math
import secrets
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from sendboard.actions.services import action_create
from sendboard.casework import queries as casework_queries
from sendboard.casework.models import Snapshot
from sendboard.core.pagecache import revision_bump
from sendboard.core.services import save_tracked
from sendboard.governance.models import Group, Partnership, Person
from sendboard.governance.permissions import Capability, access_for
from sendboard.lib.grading import IncompleteGrades, overall_grade
from sendboard.lib.periods import add_months
from sendboard.lib.sampling import Plan, draw, target_size
from sendboard.quality import queries
from sendboard.quality.framework_file import FrameworkFileError, check_spec
from sendboard.quality.models import (
    AdviceGrade,
    Audit,
    CaseAction,
    Framework,
    Moderation,
    PlanTeam,
    QualitySettings,
    Sample,
    SectionGrade,
    Theme,
)

# An advice judged "not applicable: no needs identified" rather than graded.
NOT_APPLICABLE = "not_applicable"
OPEN = queries.OPEN


def _require(by: User, partnership: Partnership, capability: Capability) -> None:
    if not access_for(by, partnership).can(capability):
        raise PermissionDenied(f"Your role does not allow you to {capability} quality assurance.")


def _auditor_of(by: User, audit: Audit) -> None:
    access = access_for(by, audit.partnership)
    person = access.person
    if not (access.can(Capability.AUDIT) and person is not None and person.pk == audit.auditor_id):
        raise PermissionDenied("Only the auditor assigned to this plan can change its audit.")


@transaction.atomic
def framework_import(*, partnership: Partnership, spec: object, by: User) -> Framework:
    """Save a framework as the next version of its name; past audits keep theirs."""
    _require(by, partnership, Capability.MANAGE)
    try:
        spec = check_spec(spec)
    except FrameworkFileError as error:
        raise ValidationError({"file": error.problems}) from error
    if same := queries.framework_unchanged(partnership, spec):
        raise ValidationError({"file": f"This is the same as {same}: nothing has changed"})
    latest = queries.latest_framework_named(partnership, spec["name"])
    framework = Framework.objects.create(
        partnership=partnership,
        name=spec["name"],
        number=(latest.number + 1) if latest else 1,
        spec=spec,
        created_by=by,
    )
    revision_bump()
    return framework


@transaction.atomic
def quality_settings_update(
    *,
    partnership: Partnership,
    target_percent: Decimal,
    target_base: str,
    lookback_months: int,
    moderation_percent: Decimal,
    moderators: Iterable[Person] = (),
    by: User,
) -> QualitySettings:
    _require(by, partnership, Capability.MANAGE)
    errors = {}
    if not 0 < target_percent <= 100:
        errors["target_percent"] = "The target must be more than 0% and at most 100%"
    if target_base not in QualitySettings.Base.values:
        errors["target_base"] = "Choose what the target is a share of"
    if not 0 <= lookback_months <= 60:
        errors["lookback_months"] = "Give 0 to 60 months"
    if not 0 <= moderation_percent <= 100:
        errors["moderation_percent"] = "The share moderated must be 0% to 100%"
    moderators = list(moderators)
    if any(person.partnership_id != partnership.pk for person in moderators):
        errors["moderators"] = "Choose moderators from the people of this partnership"
    if errors:
        raise ValidationError(errors)
    found = queries.settings_of(partnership)
    found.target_percent = target_percent
    found.target_base = target_base
    found.lookback_months = lookback_months
    found.moderation_percent = moderation_percent
    save_tracked(found, opened_version=None, reason="Settings changed", by=by)
    found.moderators.set(moderators)
    revision_bump()
    return found


def _strata(partnership: Partnership, snapshot: Snapshot) -> list[casework_queries.PlanStrata]:
    """The snapshot's live plans; a team the snapshot lacks comes from the plan teams
    set in sendboard."""
    plans = casework_queries.active_plans_with_strata(snapshot)
    teams = dict(PlanTeam.objects.filter(partnership=partnership).values_list("plan_id", "team"))
    if not teams:
        return plans
    return [
        casework_queries.PlanStrata(
            plan.plan_id,
            teams.get(plan.plan_id, plan.team),
            plan.phase,
            plan.primary_need,
            plan.issued,
        )
        for plan in plans
    ]


def _month_plans(plans, *, base: str, month: date) -> list:
    if base == QualitySettings.Base.ACTIVE:
        return plans
    end = add_months(month, 1)
    return [plan for plan in plans if plan.issued and month <= plan.issued < end]


def _auditors(partnership: Partnership, auditors: Iterable[Person]) -> list[Person]:
    auditors = sorted(auditors, key=lambda person: (person.name, person.pk))
    for person in auditors:
        if person.partnership_id != partnership.pk or person.user is None:
            raise ValidationError({"auditors": f"{person} cannot audit in this partnership"})
        if not access_for(person.user, partnership).can(Capability.AUDIT):
            raise ValidationError({"auditors": f"{person} does not hold the auditor's role"})
    if not auditors:
        raise ValidationError({"auditors": "Choose at least one auditor"})
    return auditors


@transaction.atomic
def sample_draw(
    *,
    partnership: Partnership,
    month: date,
    auditors: Iterable[Person],
    snapshot: Snapshot | None = None,
    seed: int | None = None,
    by: User,
) -> Sample:
    """Draw the month's sample from the latest snapshot and assign it to the auditors
    in turn. The seed is kept, so the same snapshot and seed draw the same plans."""
    _require(by, partnership, Capability.MANAGE)
    month = queries.first_of_month(month)
    if queries.sample_drawn(partnership, month):
        raise ValidationError({"month": f"The sample for {month:%B %Y} has been drawn already"})
    snapshot = snapshot or queries.latest_snapshot(partnership)
    if snapshot is None:
        raise ValidationError(
            {"month": "Load a casework snapshot first: the sample is drawn from it"}
        )
    framework = queries.current_framework(partnership)
    if framework is None:
        raise ValidationError({"month": "Import a quality assurance framework first"})
    auditors = _auditors(partnership, auditors)
    settings = queries.settings_of(partnership)
    plans = _month_plans(_strata(partnership, snapshot), base=settings.target_base, month=month)
    recent = set(
        Audit.objects.filter(
            partnership=partnership,
            month__gt=add_months(month, -settings.lookback_months - 1),
            month__lte=month,
        ).values_list("plan_id", flat=True)
    )
    seed = secrets.randbelow(2**31) if seed is None else seed
    target = target_size(float(settings.target_percent), len(plans))
    eligible = [plan for plan in plans if plan.plan_id not in recent]
    chosen = draw(
        (Plan(p.plan_id, (p.team, p.phase, p.primary_need)) for p in eligible),
        size=target,
        seed=seed,
    )
    sample = Sample.objects.create(
        partnership=partnership,
        month=month,
        snapshot=snapshot,
        target_percent=settings.target_percent,
        target_base=settings.target_base,
        base_count=len(plans),
        target_count=target,
        eligible_count=len(eligible),
        seed=seed,
        drawn_by=by,
    )
    strata = {plan.plan_id: plan for plan in eligible}
    bulk_create_with_history(
        [
            Audit(
                partnership=partnership,
                framework=framework,
                sample=sample,
                plan_id=plan_id,
                month=month,
                team=strata[plan_id].team,
                phase=strata[plan_id].phase,
                primary_need=strata[plan_id].primary_need,
                auditor=auditors[n % len(auditors)],
            )
            for n, plan_id in enumerate(chosen)
        ],
        Audit,
        default_user=by,
        default_change_reason="Drawn in the month's sample",
    )
    revision_bump()
    return sample


@transaction.atomic
def sample_target_record(
    *, partnership: Partnership, month: date, base_count: int, by: User
) -> Sample:
    """Record a month's target without drawing it here, for audits chosen elsewhere
    (before sendboard, or in an audit tool whose results are imported)."""
    _require(by, partnership, Capability.MANAGE)
    month = queries.first_of_month(month)
    if queries.sample_drawn(partnership, month):
        raise ValidationError({"month": f"{month:%B %Y} has its target already"})
    if base_count < 0:
        raise ValidationError({"base_count": "Give the number of plans the target is a share of"})
    settings = queries.settings_of(partnership)
    sample = Sample.objects.create(
        partnership=partnership,
        month=month,
        target_percent=settings.target_percent,
        target_base=settings.target_base,
        base_count=base_count,
        target_count=target_size(float(settings.target_percent), base_count),
        eligible_count=base_count,
        drawn_by=by,
    )
    revision_bump()
    return sample


def _grades_of(audit: Audit, *, moderation: bool) -> dict[str, int | None]:
    return dict(audit.section_grades.filter(moderation=moderation).values_list("section", "grade"))


def _store_section_grades(
    audit: Audit, grades: Mapping[str, tuple[int | None, str]], *, moderation: bool
) -> None:
    keys = {section["key"] for section in audit.framework.sections}
    levels = len(audit.framework.scale)
    errors = {}
    for key, (grade, _) in grades.items():
        if key not in keys:
            errors[f"section_{key}"] = f"The framework has no section {key}"
        elif grade is not None and not 1 <= grade <= levels:
            errors[f"section_{key}"] = f"Choose a grade of the scale for section {key}"
    if errors:
        raise ValidationError(errors)
    for key, (grade, evidence) in grades.items():
        SectionGrade.objects.update_or_create(
            audit=audit,
            moderation=moderation,
            section=key,
            defaults={"grade": grade, "evidence": evidence.strip()},
        )


def _store_advice(audit: Audit, advice: Mapping[str, int | str | None]) -> None:
    for agency, judgement in advice.items():
        if agency not in AdviceGrade.Agency.values:
            raise ValidationError({f"advice_{agency}": f"No advice from {agency}"})
        if judgement is None or judgement == "":
            AdviceGrade.objects.filter(audit=audit, agency=agency).delete()
            continue
        AdviceGrade.objects.update_or_create(
            audit=audit,
            agency=agency,
            defaults={
                "grade": None if judgement == NOT_APPLICABLE else int(judgement),
                "not_applicable": judgement == NOT_APPLICABLE,
            },
        )


def _compute(audit: Audit) -> None:
    """The overall grade from the section grades, or none while a required one is missing."""
    try:
        result = overall_grade(audit.framework.formula(), _grades_of(audit, moderation=False))
    except IncompleteGrades:
        audit.grade, audit.score, audit.limited_by = None, None, ""
        return
    audit.grade, audit.score = result.grade, round(result.score, 4)
    audit.limited_by = ", ".join(f"section {limit.section}" for limit in result.limited_by)


@transaction.atomic
def audit_save(
    *,
    audit: Audit,
    grades: Mapping[str, tuple[int | None, str]],
    advice: Mapping[str, int | str | None],
    strengths: str,
    improvements: str,
    themes: Iterable[str] = (),
    stage: str | None = None,
    kind: str | None = None,
    opened_version: int | None,
    by: User,
    and_submit: bool = False,
) -> Audit:
    """Record the auditor's grades, evidence and findings; the overall grade follows.
    With `and_submit`, submit it too, or save nothing if it cannot be submitted."""
    _auditor_of(by, audit)
    if audit.status not in OPEN:
        raise ValidationError("This audit has been submitted: it can no longer be changed")
    if stage is not None:
        audit.stage = stage
    if kind is not None:
        audit.kind = kind
    _store_section_grades(audit, grades, moderation=False)
    _store_advice(audit, advice)
    audit.strengths = strengths.strip()
    audit.improvements = improvements.strip()
    audit.status = Audit.Status.IN_PROGRESS
    _compute(audit)
    save_tracked(audit, opened_version=opened_version, reason="Grades recorded", by=by)
    names = {name.strip() for name in themes if name.strip()}
    audit.themes.set(
        [Theme.objects.get_or_create(partnership=audit.partnership, name=name)[0] for name in names]
    )
    if and_submit:
        return audit_submit(audit=audit, opened_version=audit.version, by=by)
    revision_bump()
    return audit


def _picked_for_moderation(audit: Audit) -> bool:
    """Every audit until the month's moderated share reaches the setting: the first
    submitted in a month is always moderated, then enough to keep the share."""
    percent = queries.settings_of(audit.partnership).moderation_percent
    month = Audit.objects.filter(partnership=audit.partnership, month=audit.month)
    submitted = month.filter(submitted_on__isnull=False).count()
    moderated = Moderation.objects.filter(audit__in=month).count()
    return moderated < math.ceil(round(float(percent) * submitted / 100, 9))


@transaction.atomic
def audit_submit(*, audit: Audit, opened_version: int | None, by: User) -> Audit:
    """Submit a complete audit: it goes to moderation, or is final when not picked."""
    _auditor_of(by, audit)
    if audit.status not in OPEN:
        raise ValidationError("This audit has been submitted already")
    try:
        overall_grade(audit.framework.formula(), _grades_of(audit, moderation=False))
    except IncompleteGrades as missing:
        raise ValidationError(
            f"Grade every required section before submitting: {', '.join(missing.missing)}"
        ) from missing
    _compute(audit)
    audit.submitted_on = timezone.localdate()
    audit.status = Audit.Status.SUBMITTED
    save_tracked(audit, opened_version=opened_version, reason="Submitted", by=by)
    if _picked_for_moderation(audit):
        Moderation.objects.create(audit=audit, moderator=None)
    else:
        audit.final_grade = audit.grade
        audit.status = Audit.Status.FINAL
        save_tracked(audit, opened_version=audit.version, reason="Final: not moderated", by=by)
    revision_bump()
    return audit


@transaction.atomic
def audit_assign(
    *,
    partnership: Partnership,
    plan_id: str,
    auditor: Person,
    month: date,
    stage: str,
    kind: str,
    team: str = "",
    by: User,
) -> Audit:
    """An audit outside the sample, such as of a draft plan or a multi-agency audit."""
    _require(by, partnership, Capability.MANAGE)
    framework = queries.current_framework(partnership)
    if framework is None:
        raise ValidationError({"plan_id": "Import a quality assurance framework first"})
    if not plan_id.strip():
        raise ValidationError({"plan_id": "Enter the plan's pseudonymous id"})
    (auditor,) = _auditors(partnership, [auditor])
    audit = Audit(
        partnership=partnership,
        framework=framework,
        plan_id=plan_id.strip(),
        month=queries.first_of_month(month),
        stage=stage,
        kind=kind,
        team=team.strip(),
        auditor=auditor,
    )
    save_tracked(audit, opened_version=None, reason="Assigned", by=by)
    revision_bump()
    return audit


@transaction.atomic
def case_action_add(
    *,
    audit: Audit,
    text: str,
    team: str,
    due_on: date | None = None,
    raise_in_log: bool = False,
    by: User,
) -> CaseAction:
    """An action for improvement of the plan; raised into the board's action log too
    when asked, owned by the auditor."""
    _auditor_of(by, audit)
    errors = {}
    if not text.strip():
        errors["text"] = "Enter the action for improvement"
    if not team.strip():
        errors["team"] = "Enter the team that takes the action"
    if errors:
        raise ValidationError(errors)
    raised = None
    if raise_in_log:
        board = Group.objects.filter(partnership=audit.partnership, kind=Group.Kind.BOARD).first()
        if board is None:
            raise ValidationError({"raise_in_log": "The partnership has no board's action log"})
        raised = action_create(
            group=board,
            title=f"{team.strip()}: {text.strip()}"[:200],
            description=f"From the quality audit of plan {audit.plan_id}",
            owners=[audit.auditor],
            due_date=due_on,
            by=by,
        )
    return CaseAction.objects.create(
        audit=audit, text=text.strip(), team=team.strip(), due_on=due_on, raised_as=raised
    )


def _moderator(by: User, moderation: Moderation) -> Person:
    access = access_for(by, moderation.audit.partnership)
    person = access.person
    if not queries.is_moderator(access) or person is None:
        raise PermissionDenied("Only moderators can moderate audits.")
    if person.pk == moderation.audit.auditor_id:
        raise PermissionDenied("An audit is moderated by someone other than its auditor.")
    return person


@transaction.atomic
def moderation_grade(
    *,
    moderation: Moderation,
    grades: Mapping[str, tuple[int | None, str]],
    opened_version: int | None,
    by: User,
) -> Moderation:
    """The moderator's own grades, given without seeing the auditor's."""
    moderator = _moderator(by, moderation)
    if moderation.grade is not None:
        raise ValidationError("This audit has been moderated already")
    audit = moderation.audit
    _store_section_grades(audit, grades, moderation=True)
    try:
        result = overall_grade(audit.framework.formula(), _grades_of(audit, moderation=True))
    except IncompleteGrades as missing:
        raise ValidationError(
            f"Grade every required section: {', '.join(missing.missing)}"
        ) from missing
    moderation.moderator = moderator
    moderation.grade = result.grade
    moderation.graded_on = timezone.localdate()
    save_tracked(moderation, opened_version=opened_version, reason="Moderated", by=by)
    audit.status = Audit.Status.MODERATED
    save_tracked(audit, opened_version=audit.version, reason="Moderated", by=by)
    revision_bump()
    return moderation


@transaction.atomic
def moderation_agree(
    *,
    moderation: Moderation,
    agreed_grade: int,
    note: str,
    opened_version: int | None,
    by: User,
) -> Moderation:
    """The moderation session's agreed grade becomes the audit's final grade; the
    auditor's and the moderator's grades are both kept."""
    _moderator(by, moderation)
    audit = moderation.audit
    if moderation.grade is None:
        raise ValidationError("Moderate the audit before agreeing its grade")
    if not 1 <= agreed_grade <= len(audit.framework.scale):
        raise ValidationError({"agreed_grade": "Choose a grade of the scale"})
    moderation.agreed_grade = agreed_grade
    moderation.agreed_note = note.strip()
    moderation.agreed_on = timezone.localdate()
    save_tracked(moderation, opened_version=opened_version, reason="Grade agreed", by=by)
    audit.final_grade = agreed_grade
    audit.status = Audit.Status.FINAL
    save_tracked(audit, opened_version=audit.version, reason="Final: grade agreed", by=by)
    revision_bump()
    return moderation


@transaction.atomic
def plan_team_set(
    *, partnership: Partnership, plan_id: str, team: str, opened_team: str, by: User
) -> PlanTeam | None:
    """Set the team a plan is sampled in, or with a blank team go back to the snapshot's.
    `opened_team` is the team the manager saw, so a newer change is not overwritten."""
    _require(by, partnership, Capability.MANAGE)
    found = (
        PlanTeam.objects.select_for_update()
        .filter(partnership=partnership, plan_id=plan_id)
        .first()
    )
    now = found.team if found else ""
    if now != opened_team.strip():
        changed = f"set this plan's team to {now}" if now else "cleared this plan's team"
        raise ValidationError(
            {"team": f"Someone {changed} after you opened the page: check it and save again"}
        )
    return _team_keep(partnership, plan_id, team.strip(), found, by=by)


def _team_keep(
    partnership: Partnership, plan_id: str, team: str, found: PlanTeam | None, *, by: User
) -> PlanTeam | None:
    if len(team) > 100:
        raise ValidationError({"team": "A team's name is at most 100 characters"})
    if not team:
        if found is not None:
            # Its history keeps the team it had and who cleared it.
            found._history_user = by
            found._change_reason = "Team cleared: the snapshot's is used"
            found.delete()
        return None
    found = found or PlanTeam(partnership=partnership, plan_id=plan_id)
    if found.team != team:
        found.team = team
        save_tracked(found, opened_version=None, reason="Team set", by=by)
    return found


@transaction.atomic
def plan_teams_set(
    *, partnership: Partnership, teams: Mapping[str, str], by: User
) -> tuple[int, int]:
    """Set many plans' teams at once (plan id: team, blank to clear); returns how many
    were set and how many cleared."""
    _require(by, partnership, Capability.MANAGE)
    found = {
        row.plan_id: row
        for row in PlanTeam.objects.filter(partnership=partnership, plan_id__in=list(teams))
    }
    set_count = cleared = 0
    for plan_id, team in teams.items():
        before = found.get(plan_id)
        if _team_keep(partnership, plan_id, team.strip(), before, by=by) is None:
            cleared += before is not None
        else:
            set_count += 1
    return set_count, cleared
