"""Completing, submitting and moderating an audit; the grade is computed, never typed."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sendboard.core.services import StaleEdit
from sendboard.quality import queries, services
from sendboard.quality.models import AdviceGrade, Audit, QualitySettings

MARCH = datetime.date(2025, 3, 1)
SECTIONS = tuple("ABCDEFGHIJK")


def _assign(partnership, people, framework, auditor="auditor"):
    return services.audit_assign(
        partnership=partnership,
        plan_id="R000123",
        auditor=people[auditor],
        month=MARCH,
        stage=Audit.Stage.DRAFT,
        kind=Audit.Kind.MULTI,
        team="North",
        by=people["manager"].user,
    )


def _grade(audit, people, grades, *, who="auditor", advice=None, **kwargs):
    return services.audit_save(
        audit=audit,
        grades={key: (grade, f"Evidence for {key}") for key, grade in grades.items()},
        advice=advice or {},
        strengths="Child's voice throughout",
        improvements="Quantify the provision",
        opened_version=audit.version,
        by=people[who].user,
        **kwargs,
    )


@pytest.fixture
def audit(partnership, people, framework):
    return _assign(partnership, people, framework)


def test_the_overall_grade_follows_the_framework(audit, people):
    # All good (3) except F inadequate (1): weights A1 B2 C1 D1 E2 F3 G1 H1 I.5 J.5 K1 = 14,
    # mean (3 * 14 - 2 * 3) / 14 = 36/14 = 2.57 would be good, but F inadequate caps it at
    # requires improvement (2).
    grades = dict.fromkeys(SECTIONS, 3) | {"F": 1}
    _grade(audit, people, grades)
    audit.refresh_from_db()
    assert audit.status == Audit.Status.IN_PROGRESS
    assert audit.score == pytest.approx(36 / 14, abs=1e-4)
    assert audit.grade == 2
    assert audit.limited_by == "section F"


def test_without_a_limit_the_mean_alone_decides(audit, people):
    # All good but B requires improvement: (3 * 14 - 2) / 14 = 2.86, good.
    _grade(audit, people, dict.fromkeys(SECTIONS, 3) | {"B": 2})
    audit.refresh_from_db()
    assert (audit.grade, audit.limited_by) == (3, "")


def test_a_limiting_judgement_on_outcomes_caps_an_outstanding_mean(audit, people):
    # All outstanding but E inadequate: (4 * 14 - 3 * 2) / 14 = 3.57 would be outstanding.
    _grade(audit, people, dict.fromkeys(SECTIONS, 4) | {"E": 1})
    audit.refresh_from_db()
    assert audit.grade == 2
    assert audit.limited_by == "section E"


def test_an_incomplete_audit_has_no_grade_and_cannot_be_submitted(audit, people):
    _grade(audit, people, {"A": 3})
    audit.refresh_from_db()
    assert audit.grade is None
    with pytest.raises(ValidationError, match="B, C, D"):
        services.audit_submit(audit=audit, opened_version=audit.version, by=people["auditor"].user)


def test_advice_not_applicable_is_not_inadequate(audit, people):
    _grade(
        audit,
        people,
        dict.fromkeys(SECTIONS, 3),
        advice={"health": services.NOT_APPLICABLE, "education": 1},
    )
    health = AdviceGrade.objects.get(audit=audit, agency="health")
    education = AdviceGrade.objects.get(audit=audit, agency="education")
    assert (health.not_applicable, health.grade) == (True, None)
    assert (education.not_applicable, education.grade) == (False, 1)


def test_only_the_assigned_auditor_records_grades(audit, people):
    for who in ("viewer", "editor", "manager"):
        with pytest.raises(PermissionDenied):
            _grade(audit, people, {"A": 3}, who=who)


def test_it_refuses_a_stale_edit(audit, people):
    opened = audit.version
    _grade(audit, people, {"A": 3})
    with pytest.raises(StaleEdit):
        services.audit_save(
            audit=Audit.objects.get(pk=audit.pk),
            grades={"A": (2, "")},
            advice={},
            strengths="",
            improvements="",
            opened_version=opened,
            by=people["auditor"].user,
        )


def test_a_submitted_audit_is_moderated_blind_and_the_agreed_grade_is_final(
    partnership, audit, people
):
    QualitySettings.objects.create(partnership=partnership, moderation_percent=10)
    _grade(audit, people, dict.fromkeys(SECTIONS, 3), themes=["Outcomes not specific"])
    audit.refresh_from_db()
    services.audit_submit(audit=audit, opened_version=audit.version, by=people["auditor"].user)
    audit.refresh_from_db()
    assert audit.status == Audit.Status.SUBMITTED  # the month's first is always moderated
    moderation = audit.moderation
    with pytest.raises(PermissionDenied):  # an auditor who is not named a moderator
        services.moderation_grade(
            moderation=moderation,
            grades={},
            opened_version=moderation.version,
            by=people["auditor"].user,
        )
    services.moderation_grade(
        moderation=moderation,
        grades={key: (2, "") for key in SECTIONS},
        opened_version=moderation.version,
        by=people["manager"].user,
    )
    audit.refresh_from_db()
    assert (audit.status, audit.grade, audit.moderation.grade) == (Audit.Status.MODERATED, 3, 2)
    report = queries.moderation_report(audit.partnership, since=MARCH, until=MARCH)
    assert report.disagreeing == 1 and report.disagreements == [audit.moderation]
    (march,) = report.by_month
    assert (march.pairs, march.exact, march.within_one) == (1, 0, 1)
    section_a = report.by_section[0]
    assert (section_a.label, section_a.pairs, section_a.exact) == ("A", 1, 0)
    moderation.refresh_from_db()
    services.moderation_agree(
        moderation=moderation,
        agreed_grade=2,
        note="Outcomes too general",
        opened_version=moderation.version,
        by=people["manager"].user,
    )
    audit.refresh_from_db()
    assert (audit.status, audit.grade, audit.final_grade) == (Audit.Status.FINAL, 3, 2)
    assert queries.moderation_report(audit.partnership, since=MARCH, until=MARCH).disagreeing == 0


def test_an_audit_not_picked_for_moderation_is_final_at_once(partnership, audit, people):
    QualitySettings.objects.create(partnership=partnership, moderation_percent=0)
    _grade(audit, people, dict.fromkeys(SECTIONS, 4))
    audit.refresh_from_db()
    services.audit_submit(audit=audit, opened_version=audit.version, by=people["auditor"].user)
    audit.refresh_from_db()
    assert (audit.status, audit.final_grade) == (Audit.Status.FINAL, 4)


def test_an_auditor_cannot_moderate_their_own_audit(partnership, people, framework):
    QualitySettings.objects.create(partnership=partnership, moderation_percent=100)
    audit = _assign(partnership, people, framework, auditor="manager")
    _grade(audit, people, dict.fromkeys(SECTIONS, 3), who="manager")
    audit.refresh_from_db()
    services.audit_submit(audit=audit, opened_version=audit.version, by=people["manager"].user)
    with pytest.raises(PermissionDenied, match="other than its auditor"):
        services.moderation_grade(
            moderation=audit.moderation, grades={}, opened_version=1, by=people["manager"].user
        )


def test_a_case_action_can_be_raised_into_the_action_log(audit, people, board):
    action = services.case_action_add(
        audit=audit,
        text="Rewrite outcomes",
        team="North",
        raise_in_log=True,
        by=people["auditor"].user,
    )
    assert action.raised_as is not None
    assert action.raised_as.owners.get() == people["auditor"]


def test_auditors_see_only_the_audits_assigned_to_them(partnership, people, framework, audit):
    from sendboard.governance.permissions import access_for

    other = _assign(partnership, people, framework, auditor="manager")
    mine = queries.audits_for(access_for(people["auditor"].user, partnership))
    assert list(mine) == [audit]
    assert set(queries.audits_for(access_for(people["manager"].user, partnership))) == {
        audit,
        other,
    }
    assert not queries.audits_for(access_for(people["viewer"].user, partnership)).exists()
