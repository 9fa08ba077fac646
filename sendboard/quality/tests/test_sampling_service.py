"""Drawing a month's sample from the latest casework snapshot."""

import datetime
from collections import Counter

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sendboard.casework.queries import active_plans_with_strata
from sendboard.quality import services
from sendboard.quality.models import Audit

JANUARY = datetime.date(2025, 1, 1)


def _draw(partnership, people, month=JANUARY, **kwargs):
    return services.sample_draw(
        partnership=partnership,
        month=month,
        auditors=[people["auditor"]],
        by=people["manager"].user,
        **kwargs,
    )


def test_live_plans_come_with_team_phase_and_primary_need(snapshot):
    plans = active_plans_with_strata(snapshot)
    assert len(plans) == 64  # the 3 ceased plans are not live
    strata = Counter((p.team, p.phase, p.primary_need) for p in plans)
    # Born March 2016: 8 on 31 August 2024, primary; born Nov 2008: 15, secondary.
    assert strata[("North", "Primary", "ASD")] == 24
    assert strata[("South", "Secondary", "ASD")] == 8


def test_the_sample_meets_the_target_in_proportion(
    partnership, people, framework, snapshot, target
):
    sample = _draw(partnership, people, seed=11)
    assert (sample.base_count, sample.target_count, sample.seed) == (64, 7, 11)  # 6.4 -> 7
    audits = Audit.objects.filter(sample=sample)
    assert audits.count() == 7
    # Quotas 2.625, 1.75, 1.3125, 0.875, 0.4375 take 2, 1, 1, 0, 0; the 3 left go to the
    # largest remainders .875, .75 and .625.
    assert Counter((a.team, a.primary_need) for a in audits) == {
        ("North", "ASD"): 3,
        ("North", "SEMH"): 2,
        ("South", "SLCN"): 1,
        ("South", "ASD"): 1,
    }
    assert {a.status for a in audits} == {Audit.Status.ASSIGNED}
    assert {a.auditor for a in audits} == {people["auditor"]}


def test_the_same_seed_draws_the_same_plans(partnership, people, framework, snapshot, target):
    first = set(
        Audit.objects.filter(sample=_draw(partnership, people, seed=5)).values_list(
            "plan_id", flat=True
        )
    )
    Audit.objects.all().delete()
    from sendboard.quality.models import Sample

    Sample.objects.all().delete()
    again = set(
        Audit.objects.filter(sample=_draw(partnership, people, seed=5)).values_list(
            "plan_id", flat=True
        )
    )
    assert first == again


def test_a_plan_audited_in_the_last_months_is_not_drawn_again(
    partnership, people, framework, snapshot, target
):
    target.target_percent = 50
    target.save()
    first = set(_draw(partnership, people, seed=1).audits.values_list("plan_id", flat=True))
    second = _draw(partnership, people, month=datetime.date(2025, 2, 1), seed=1)
    assert second.eligible_count == 64 - 32
    assert not first & set(second.audits.values_list("plan_id", flat=True))


def test_a_month_is_drawn_once(partnership, people, framework, snapshot, target):
    _draw(partnership, people)
    with pytest.raises(ValidationError, match="drawn already"):
        _draw(partnership, people)


def test_only_the_manager_draws(partnership, people, framework, snapshot):
    with pytest.raises(PermissionDenied):
        services.sample_draw(
            partnership=partnership,
            month=JANUARY,
            auditors=[people["auditor"]],
            by=people["auditor"].user,
        )


def test_it_refuses_an_auditor_without_the_role(partnership, people, framework, snapshot):
    with pytest.raises(ValidationError, match="auditor's role"):
        services.sample_draw(
            partnership=partnership,
            month=JANUARY,
            auditors=[people["viewer"]],
            by=people["manager"].user,
        )


def test_a_snapshot_without_teams_takes_the_teams_held_in_sendboard(
    partnership, people, framework, target
):
    from sendboard.quality.models import PlanTeam
    from sendboard.quality.tests.snapshots import write_snapshot

    snapshot = write_snapshot(partnership, plans=((None, "2016-03-01", "ASD", 20),), ceased=0)
    plans = active_plans_with_strata(snapshot)
    assert {plan.team for plan in plans} == {"Unknown"}
    PlanTeam.objects.create(partnership=partnership, plan_id=plans[0].plan_id, team="East")
    sample = _draw(partnership, people, seed=3)
    assert sample.target_count == 2
    assert set(sample.audits.values_list("team", flat=True)) <= {"East", "Unknown"}
