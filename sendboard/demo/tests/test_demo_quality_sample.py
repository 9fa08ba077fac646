"""The demo's open month is sampled from its casework snapshot, as a manager draws it."""

import datetime
from decimal import Decimal

from sendboard.casework import queries as casework_queries
from sendboard.demo.casework import demo_casework_load
from sendboard.demo.quality_story import SEED, TARGET_PERCENT, quality_sample_draw_demo
from sendboard.governance.tests.factories import (
    PartnershipFactory,
    PersonFactory,
    RoleFactory,
    UserFactory,
)
from sendboard.lib.sampling import target_size
from sendboard.quality import services
from sendboard.quality.framework_file import shipped_framework
from sendboard.quality.models import Audit

TODAY = datetime.date(2026, 11, 23)


def _elsewhere():
    """A partnership of its own: in this package `people` is the demo's."""
    partnership = PartnershipFactory(name="Elsewhere SEND Partnership", slug="elsewhere")
    people = {}
    for role in ("manager", "auditor", "analyst"):
        user = UserFactory(username=f"elsewhere.{role}")
        RoleFactory(user=user, partnership=partnership, name=role)
        people[role] = PersonFactory(partnership=partnership, name=f"Elsewhere {role}", user=user)
    return partnership, people


def test_the_open_month_is_drawn_from_the_latest_snapshot(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    partnership, people = _elsewhere()
    manager_user = people["manager"].user
    snapshot = demo_casework_load(
        partnership=partnership, by=manager_user, today=TODAY, requests=400
    )
    services.framework_import(partnership=partnership, spec=shipped_framework(), by=manager_user)
    services.quality_settings_update(
        partnership=partnership,
        target_percent=Decimal(TARGET_PERCENT),
        target_base="active",
        lookback_months=12,
        moderation_percent=Decimal(10),
        by=manager_user,
    )
    sample = quality_sample_draw_demo(partnership=partnership, snapshot=snapshot)
    live = {plan.plan_id: plan for plan in casework_queries.active_plans_with_strata(snapshot)}
    assert (sample.snapshot, sample.month, sample.seed) == (snapshot, TODAY.replace(day=1), SEED)
    assert sample.base_count == len(live)
    audits = Audit.objects.filter(sample=sample)
    assert audits.count() == sample.target_count == target_size(TARGET_PERCENT, len(live))
    for audit in audits:
        assert audit.team == live[audit.plan_id].team
        assert audit.status == Audit.Status.ASSIGNED
    assert {audit.auditor for audit in audits} == {people["auditor"], people["manager"]}
