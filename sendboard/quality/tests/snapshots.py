"""A snapshot of live plans across teams, phases and needs, for the quality tests."""

import datetime

from django.utils import timezone

from sendboard.casework.models import Snapshot
from sendboard.casework.tests.builders import SnapshotBuilder

AS_AT = datetime.date(2025, 1, 16)
# (team, birth month, primary need, how many live plans)
PLANS = (
    ("North", "2016-03-01", "ASD", 24),
    ("North", "2010-05-01", "SEMH", 16),
    ("South", "2016-03-01", "SLCN", 12),
    ("South", "2008-11-01", "ASD", 8),
    ("West", "2012-02-01", "MLD", 4),
)


def write_snapshot(partnership, plans=PLANS, *, ceased: int = 3) -> Snapshot:
    builder = SnapshotBuilder()
    for team, born, need, count in plans:
        for _ in range(count):
            request = builder.plan(
                received="2023-01-09", issued="2023-05-22", team=team, birthmonth=born
            )
            plan = builder.active(request=request)
            builder.add("senneed", activeplanstableid=plan, sentype=need, sentyperank=1)
    for _ in range(ceased):  # ceased plans are not live, and never sampled
        request = builder.request(received="2022-01-10", team="North", birthmonth="2015-01-01")
        builder.assessment(request=request, outcome="Y", date_="2022-05-23", cease="2024-06-30")
        builder.active(request=request)
    snapshot = Snapshot.objects.create(
        partnership=partnership,
        as_at=AS_AT,
        kind="sen2",
        manifest_checksum="0" * 64,
        imported_at=timezone.now(),
        source_name="northshire-sen2.zip",
    )
    builder.write(snapshot.folder, as_at=AS_AT.isoformat())
    return snapshot
