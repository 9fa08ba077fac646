"""The quality figures reach the board's figures as observations with provenance."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from sendboard.performance.models import Indicator
from sendboard.quality import services
from sendboard.quality.figures import AGAINST_TARGET, AGREEMENT, GOOD, quality_figures_publish
from sendboard.quality.models import QualitySettings

MARCH = datetime.date(2025, 3, 1)


def _audit(partnership, people, grade):
    audit = services.audit_assign(
        partnership=partnership,
        plan_id=f"R{grade}",
        auditor=people["auditor"],
        month=MARCH,
        stage="final",
        kind="education",
        by=people["manager"].user,
    )
    services.audit_save(
        audit=audit,
        grades={k: (grade, "") for k in "ABCDEFGHIJK"},
        advice={},
        strengths="",
        improvements="",
        opened_version=audit.version,
        by=people["auditor"].user,
        and_submit=True,
    )


def test_each_month_is_recorded_once_with_its_counts(partnership, people, framework):
    QualitySettings.objects.create(partnership=partnership, moderation_percent=0)
    services.sample_target_record(
        partnership=partnership, month=MARCH, base_count=60, by=people["manager"].user
    )
    for grade in (1, 3, 4):
        _audit(partnership, people, grade)
    written = quality_figures_publish(partnership=partnership, by=people["manager"].user)
    assert written == 2  # good or better, and against target; nothing moderated
    good = Indicator.objects.get(partnership=partnership, key=GOOD.key).observations.get()
    assert (good.numerator, good.denominator) == (2, 3)
    target = Indicator.objects.get(key=AGAINST_TARGET.key).observations.get()
    assert (target.numerator, target.denominator) == (3, 3)  # 5% of 60
    assert "quality assurance audits" in good.provenance
    assert not Indicator.objects.filter(key=AGREEMENT.key, observations__isnull=False).exists()
    assert quality_figures_publish(partnership=partnership, by=people["manager"].user) == 0


def test_only_a_manager_publishes(partnership, people, framework):
    with pytest.raises(PermissionDenied):
        quality_figures_publish(partnership=partnership, by=people["auditor"].user)
