"""EHC plan quality assurance at scale: the monthly figures page, the moderation report
and drawing a month's sample.

Builds, in a fresh SQLite database in a temporary folder, a partnership with the shipped
framework (12 sections) and 50,000 audits over 5 years across three teams, each with 12
section grades, three advice grades and a learning theme; a tenth of them moderated blind
with 12 section grades of the moderator's own. Then times, in the same process:

- the month's figures page and the moderation report through Django's test client,
  rendered afresh each time (the page cache is made stale before every request);
- drawing a month's sample from a snapshot of 10,000 active plans: reading the live
  plans and their strata from the snapshot and the stratified draw; then the whole
  service, which also excludes plans audited in the last 12 months and saves the drawn
  audits, assigned to auditors, with their history.

Targets (issue 12): both pages' p95 under 200 ms; the month's sample under 500 ms.

    .venv/bin/python benchmarks/quality.py [--audits 50000] [--plans 10000] [--requests 50]

The figures are printed, never asserted: they depend on the machine.
"""

import argparse
import datetime
import os
import random
import statistics
import time

from scratch import scratch_installation

TARGETS_MS = {"figures_p95": 200.0, "report_p95": 200.0, "draw": 500.0, "draw_service": 500.0}
TEAMS = ("North", "South", "West")
SECTIONS = (*"ABCDEFGHIJK", "L1")
THEMES = ("Outcomes not specific", "Health advice missing", "Child's voice absent")


def _people(partnership):
    from django.contrib.auth import get_user_model

    from sendboard.governance.models import Person, Role

    users = get_user_model().objects
    found = {}
    for name, role in (("manager", "manager"), *((f"auditor{n}", "auditor") for n in range(3))):
        user = users.create_user(username=name, email=f"{name}@example.org", password="x")
        Role.objects.create(user=user, partnership=partnership, name=role)
        found[name] = Person.objects.create(partnership=partnership, name=name.title(), user=user)
    return found


def build(*, audits: int, seed: int = 12) -> dict:
    """The partnership and its five years of audits, written in bulk (not timed)."""
    from sendboard.governance.models import Partnership
    from sendboard.lib.periods import add_months
    from sendboard.quality.framework_file import shipped_framework
    from sendboard.quality.models import (
        AdviceGrade,
        Audit,
        Framework,
        Moderation,
        SectionGrade,
        Theme,
    )

    rng = random.Random(seed)
    partnership = Partnership.objects.create(name="Benchmark SEND Partnership", slug="bench")
    people = _people(partnership)
    framework = Framework.objects.create(
        partnership=partnership, name="Benchmark framework", number=1, spec=shipped_framework()
    )
    themes = [Theme.objects.create(partnership=partnership, name=name) for name in THEMES]
    last = datetime.date.today().replace(day=1)
    months = [add_months(last, -n) for n in range(60)]
    auditors = [people[f"auditor{n}"] for n in range(3)]
    batch = 5000
    for start in range(0, audits, batch):
        rows = []
        for n in range(start, min(start + batch, audits)):
            month = months[n % 60]
            # Quality improves over the years: later months grade higher.
            lift = (59 - months.index(month)) / 59
            grade = max(1, min(4, round(rng.gauss(2.2 + lift, 0.8))))
            rows.append(
                Audit(
                    partnership=partnership,
                    framework=framework,
                    plan_id=f"R{n:08d}",
                    month=month,
                    team=TEAMS[n % 3],
                    stage=("draft", "final", "review")[(n // 3) % 3],
                    auditor=auditors[n % 3],
                    status="final" if n % 10 else "moderated",
                    grade=grade,
                    score=float(grade),
                    final_grade=grade if n % 10 else None,
                    submitted_on=month,
                )
            )
        made = Audit.objects.bulk_create(rows)
        SectionGrade.objects.bulk_create(
            SectionGrade(
                audit=audit,
                section=key,
                grade=max(1, min(4, audit.grade + rng.choice((-1, 0, 0, 0, 1)))),
            )
            for audit in made
            for key in SECTIONS
        )
        AdviceGrade.objects.bulk_create(
            AdviceGrade(
                audit=audit,
                agency=agency,
                grade=None if na else rng.randint(1, 4),
                not_applicable=na,
            )
            for audit in made
            for agency, na in (
                ("education", False),
                ("health", rng.random() < 0.2),
                ("social_care", rng.random() < 0.4),
            )
        )
        Audit.themes.through.objects.bulk_create(
            Audit.themes.through(audit=audit, theme=rng.choice(themes)) for audit in made
        )
        moderated = [audit for audit in made if audit.status == "moderated"]
        Moderation.objects.bulk_create(
            Moderation(
                audit=audit,
                moderator=people["manager"],
                grade=max(1, min(4, audit.grade + rng.choice((-1, 0, 0, 1)))),
                graded_on=audit.month,
            )
            for audit in moderated
        )
        SectionGrade.objects.bulk_create(
            SectionGrade(
                audit=audit,
                moderation=True,
                section=key,
                grade=max(1, min(4, audit.grade + rng.choice((-1, 0, 0, 1)))),
            )
            for audit in moderated
            for key in SECTIONS
        )
    return {"partnership": partnership, "people": people, "month": last, "auditors": auditors}


def page_times(built: dict, url: str, *, requests: int) -> list[float]:
    from django.test import Client

    from sendboard.core.pagecache import revision_bump

    client = Client()
    client.force_login(built["people"]["manager"].user)
    assert client.get(url).status_code == 200, url
    times = []
    for _ in range(requests):
        revision_bump()
        before = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - before) * 1000)
    return times


def snapshot_of(partnership, *, plans: int):
    """A snapshot of `plans` live plans across three teams, phases and needs."""
    from django.utils import timezone

    from sendboard.casework.models import Snapshot
    from sendboard.casework.tests.builders import SnapshotBuilder

    rng = random.Random(3)
    builder = SnapshotBuilder()
    for n in range(plans):
        request = builder.plan(
            received="2023-01-09",
            issued="2023-05-22",
            team=TEAMS[n % 3],
            birthmonth=f"{rng.randint(2006, 2021)}-{rng.randint(1, 12):02d}-01",
        )
        plan = builder.active(request=request)
        need = rng.choice(("ASD", "SEMH", "SLCN", "MLD", "SLD"))
        builder.add("senneed", activeplanstableid=plan, sentype=need, sentyperank=1)
    as_at = datetime.date.today()
    snapshot = Snapshot.objects.create(
        partnership=partnership,
        as_at=as_at,
        kind="sen2",
        manifest_checksum="0" * 64,
        imported_at=timezone.now(),
        source_name="benchmark",
    )
    builder.write(snapshot.folder, as_at=as_at.isoformat())
    return snapshot


def draw_times(built: dict, *, plans: int) -> tuple[float, float, str]:
    from django.db import transaction

    from sendboard.casework.queries import active_plans_with_strata
    from sendboard.lib.periods import add_months
    from sendboard.lib.sampling import Plan, draw, target_size
    from sendboard.quality.models import Audit
    from sendboard.quality.services import sample_draw

    partnership = built["partnership"]
    snapshot = snapshot_of(partnership, plans=plans)
    recent = set(Audit.objects.filter(partnership=partnership).values_list("plan_id", flat=True))
    before = time.perf_counter()
    live = [
        Plan(p.plan_id, (p.team, p.phase, p.primary_need))
        for p in active_plans_with_strata(snapshot)
    ]
    chosen = draw(live, size=target_size(5, len(live)), seed=1, exclude=recent)
    alone = (time.perf_counter() - before) * 1000
    month = add_months(built["month"], 1)
    before = time.perf_counter()
    with transaction.atomic():
        sample = sample_draw(
            partnership=partnership,
            month=month,
            auditors=built["auditors"],
            snapshot=snapshot,
            seed=1,
            by=built["people"]["manager"].user,
        )
    service = (time.perf_counter() - before) * 1000
    what = f"{len(chosen)} of {len(live)} plans; service drew {sample.audits.count()}"
    return alone, service, what


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--audits", type=int, default=50_000, help="Audits to build.")
    parser.add_argument("--plans", type=int, default=10_000, help="Active plans to sample from.")
    parser.add_argument("--requests", type=int, default=50, help="Timed requests per page.")
    parser.add_argument("--keep", action="store_true", help="Keep the temporary data folder.")
    args = parser.parse_args()
    with scratch_installation("quality", keep=args.keep) as data_dir:
        from django.urls import reverse

        started = time.perf_counter()
        built = build(audits=args.audits)
        print(
            f"Built {args.audits:,} audits in {time.perf_counter() - started:.1f} s in {data_dir}"
        )
        slug = built["partnership"].slug
        month = f"?month={built['month']:%Y-%m}"
        figures = page_times(
            built, reverse("quality_figures", args=[slug]) + month, requests=args.requests
        )
        report = page_times(
            built,
            reverse("quality_moderation_report", args=[slug]) + month,
            requests=args.requests,
        )
        alone, service, what = draw_times(built, plans=args.plans)
        print(f"Sample: {what}")
        print(
            f"Medians: figures page {statistics.median(figures):.1f} ms, "
            f"moderation report {statistics.median(report):.1f} ms; "
            f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
        )
        rows = [
            ("Monthly figures page p95", statistics.quantiles(figures, n=20)[18], "figures_p95"),
            ("Moderation report p95", statistics.quantiles(report, n=20)[18], "report_p95"),
            ("Sample drawn from the snapshot", alone, "draw"),
            ("...and its audits assigned and saved", service, "draw_service"),
        ]
        held = True
        print(f"\n{'figure':<42} {'ms':>9} {'target ms':>10}  verdict")
        for name, ms, target in rows:
            ok = ms < TARGETS_MS[target]
            held = held and ok
            print(f"{name:<42} {ms:9.1f} {TARGETS_MS[target]:10.0f}  {'holds' if ok else 'MISSED'}")
        print(f"\nTargets: {'all hold' if held else 'NOT all hold'}.")


if __name__ == "__main__":
    main()
