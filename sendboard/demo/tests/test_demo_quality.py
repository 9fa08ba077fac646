"""Northshire's year of EHC plan quality assurance, as the Board's minutes quote it."""

from sendboard.demo.quality_story import COMPLETED, TEAMS
from sendboard.demo.tests.building import TODAY
from sendboard.lib.periods import add_months
from sendboard.meetings.models import MinuteEntry
from sendboard.quality import learning, queries
from sendboard.quality.models import Audit, Moderation


def test_a_year_of_audits_across_three_teams_with_moderation(demo, db):
    audits = Audit.objects.filter(partnership=demo)
    assert audits.count() == sum(COMPLETED)
    assert set(audits.values_list("team", flat=True)) == set(TEAMS)
    assert not audits.exclude(status=Audit.Status.FINAL).exists()
    moderated = Moderation.objects.filter(audit__partnership=demo)
    assert moderated.count() >= 12  # at least one a month
    assert not moderated.filter(agreed_grade__isnull=True).exists()


def test_the_trend_improves_and_the_target_comes_to_be_met(demo, db):
    months = sorted(set(Audit.objects.filter(partnership=demo).values_list("month", flat=True)))
    framework = queries.current_framework(demo)

    def share(chosen):
        rows = queries.good_counts(
            queries.graded(demo).filter(month__in=chosen), None, framework.good_level
        )
        return rows[0]["good"] / rows[0]["total"]

    assert share(months[-3:]) > share(months[:3]) + 0.1
    progress = queries.month_progress(demo, as_at=months[-1], months=len(months))
    assert progress[-1].shortfall > 0  # the first month, short of auditors
    assert progress[0].shortfall == 0


def test_the_board_quotes_each_month_as_the_records_give_it(demo, board, db):
    entries = MinuteEntry.objects.filter(
        item__meeting__group=board, text__startswith="EHC plan quality assurance:"
    ).select_related("item__meeting")
    assert entries.count() >= 10
    for entry in entries:
        month = add_months(entry.item.meeting.date.replace(day=1), -1)
        summary = learning.monthly_summary(demo, month=month)
        assert entry.text == "EHC plan quality assurance: " + " ".join(summary[:3])


def test_the_figures_reach_the_boards_figures_with_provenance(demo, db):
    from sendboard.quality.figures import GOOD

    indicator = demo.indicators.get(key=GOOD.key)
    observations = indicator.observations.filter(superseded_by__isnull=True)
    assert observations.count() == len(COMPLETED)
    latest = observations.order_by("-period_start").first()
    assert "quality assurance audits" in latest.provenance
    assert latest.denominator == COMPLETED[-1]


def test_removing_the_story_leaves_no_history_behind(db):
    from sendboard.demo.quality_story import quality_remove
    from sendboard.governance.tests.factories import (
        PartnershipFactory,
        PersonFactory,
        RoleFactory,
        UserFactory,
    )
    from sendboard.quality import services
    from sendboard.quality.framework_file import shipped_framework
    from sendboard.quality.models import SectionGrade

    elsewhere = PartnershipFactory(name="Elsewhere SEND Partnership", slug="elsewhere")
    manager = UserFactory(username="elsewhere.manager")
    RoleFactory(user=manager, partnership=elsewhere, name="manager")
    person = PersonFactory(partnership=elsewhere, name="Elsewhere Manager", user=manager)
    services.framework_import(partnership=elsewhere, spec=shipped_framework(), by=manager)
    audit = services.audit_assign(
        partnership=elsewhere,
        plan_id="R1",
        auditor=person,
        month=TODAY,
        stage="final",
        kind="education",
        by=manager,
    )
    services.audit_save(
        audit=audit,
        grades={"A": (3, "")},
        advice={},
        strengths="",
        improvements="",
        opened_version=audit.version,
        by=manager,
    )
    quality_remove(partnership=elsewhere)
    assert not Audit.history.filter(id=audit.pk).exists()
    assert not SectionGrade.history.filter(audit_id=audit.pk).exists()
