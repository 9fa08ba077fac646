"""Roll-ups, the highlight report, the tracker page and the board pack on a large plan.

Builds, in a fresh SQLite database in a temporary folder, a partnership with a plan of
500 lines (four priority areas, twenty outcomes) with 24 closed monthly periods of
history and an open one, evidence and updates, a register of 50 risks with a year of
reviews, and a board meeting; then times, in the same process:

- the roll-ups of a closed period and of the open one (`plans.queries.tracker`);
- the highlight report of a closed period (`plans.highlight.highlight_report_for`);
- the tracker page through Django's test client, rendered afresh each time;
- the board pack as Word and as PDF.

Targets (issue 10): roll-ups and the highlight report under 300 ms, the Word pack under
2 s, the PDF under 5 s, and the tracker page's p95 under 100 ms rendered afresh.

    .venv/bin/python benchmarks/plans.py [--requests 100] [--lines 500] [--periods 24]

The figures are printed, never asserted: they depend on the machine.
"""

import argparse
import datetime
import random
import statistics
import time
from collections.abc import Callable

from scratch import scratch_installation

TARGETS_MS = {
    "rollups": 300.0,
    "highlight": 300.0,
    "tracker_p95": 100.0,
    "word_pack": 2000.0,
    "pdf_pack": 5000.0,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=100, help="Timed tracker requests.")
    parser.add_argument("--lines", type=int, default=500, help="Plan lines to build.")
    parser.add_argument("--periods", type=int, default=24, help="Closed periods of history.")
    parser.add_argument("--risks", type=int, default=50, help="Risks in the register.")
    parser.add_argument("--keep", action="store_true", help="Keep the temporary data folder.")
    args = parser.parse_args()

    started = time.perf_counter()
    with scratch_installation("plans", keep=args.keep) as data_dir:
        built = LargePlan(lines=args.lines, periods=args.periods, risks=args.risks).build()
        print(f"Built in {time.perf_counter() - started:.1f} s in {data_dir}: {built.describe()}")
        from sendboard.core.warm import warm_and_freeze

        warm_and_freeze()  # as sendboard.wsgi readies a server process
        report(measure(built, requests=args.requests))


class LargePlan:
    """A plan of `lines` lines with `periods` months of frozen history, written in bulk."""

    STORY = ("not_started", "on_track", "at_risk", "off_track", "complete", "embedded")

    def __init__(self, *, lines: int, periods: int, risks: int) -> None:
        from django.utils import timezone

        self.lines, self.periods, self.risks = lines, periods, risks
        self.random = random.Random(10)
        self.today = timezone.localdate()

    def build(self) -> "Built":
        from django.contrib.auth import get_user_model
        from django.db import transaction

        from sendboard.demo import content
        from sendboard.governance.models import Group, Organisation, Partnership, Person, Role

        with transaction.atomic():
            partnership = Partnership.objects.create(**content.PARTNERSHIP)
            organisation = Organisation.objects.create(
                partnership=partnership, name="Northshire Council", short_name="NC", kind="la"
            )
            self.people = Person.objects.bulk_create(
                Person(
                    partnership=partnership,
                    name=f"Owner {n}",
                    job_title="Service lead",
                    organisation=organisation,
                )
                for n in range(40)
            )
            manager = get_user_model().objects.create_user("manager", first_name="Hannah")
            Role.objects.create(user=manager, partnership=partnership, name=Role.Name.MANAGER)
            self.manager = manager
            board = Group.objects.create(
                partnership=partnership,
                kind=Group.Kind.BOARD,
                name=content.BOARD["name"],
                slug="board",
                action_prefix="NSPB",
                cadence="Monthly",
            )
            plan = self.plan(partnership)
            actions = self.plan_actions(plan)
            periods = self.history(plan, actions)
            self.register(partnership, actions)
            meeting = self.board_meeting(board)
        return Built(
            partnership=partnership,
            manager=manager,
            plan=plan,
            periods=periods,
            meeting=meeting,
            lines=len(actions),
            risks=self.risks,
        )

    def create(self, model, records) -> list:
        from simple_history.utils import bulk_create_with_history

        return bulk_create_with_history(
            list(records), model, batch_size=500, default_user=self.manager
        )

    def plan(self, partnership):
        from sendboard.plans.models import ImprovementPlan

        starts = self.month(-self.periods)
        return self.create(
            ImprovementPlan,
            [
                ImprovementPlan(
                    partnership=partnership,
                    title="Priority Action Plan",
                    kind=ImprovementPlan.Kind.PRIORITY_ACTION_PLAN,
                    source="Area SEND inspection",
                    source_date=starts,
                    starts_on=starts,
                )
            ],
        )[0]

    def plan_actions(self, plan) -> list:
        from sendboard.plans.models import Outcome, PlanAction, PriorityArea

        areas = self.create(
            PriorityArea,
            [
                PriorityArea(plan=plan, reference=f"APA{n + 1}", title=f"Priority area {n + 1}")
                for n in range(4)
            ],
        )
        outcomes = self.create(
            Outcome,
            [
                Outcome(area=area, reference=str(k + 1), title=f"Outcome {k + 1} of {area}")
                for area in areas
                for k in range(5)
            ],
        )
        per = max(1, self.lines // len(outcomes))
        actions = self.create(
            PlanAction,
            [
                PlanAction(
                    outcome=outcomes[n // per % len(outcomes)],
                    reference=f"{n // per % len(outcomes) + 1}.{n % per + 1}",
                    text=f"Line {n + 1}: a change that children and families will notice",
                    position=n % per,
                    due_on=self.month(self.random.randint(-self.periods, 6)),
                    status=self.status_at(n, self.periods),
                )
                for n in range(self.lines)
            ],
        )
        owners = PlanAction.owners.through
        owners.objects.bulk_create(
            owners(planaction_id=action.pk, person_id=self.people[n % 40].pk)
            for n, action in enumerate(actions)
        )
        return actions

    def status_at(self, n: int, month: int) -> str:
        """A line's status in a month: most lines move along the scale as the months pass."""
        step = (month + n % 7) * len(self.STORY) // (self.periods + 7)
        return self.STORY[min(step, len(self.STORY) - 1)]

    def history(self, plan, actions: list) -> list:
        from sendboard.plans.models import Evidence, PeriodLine, ProgressUpdate, ReportingPeriod

        periods = self.create(
            ReportingPeriod,
            [
                ReportingPeriod(
                    plan=plan,
                    starts_on=self.month(month - self.periods),
                    ends_on=self.month(month - self.periods + 1) - datetime.timedelta(days=1),
                    state="closed" if month < self.periods else "open",
                    closed_at=self.closing(month - self.periods + 1)
                    if month < self.periods
                    else None,
                )
                for month in range(self.periods + 1)
            ],
        )
        structure = {a.pk: (a.outcome, a.outcome.area) for a in actions}
        PeriodLine.objects.bulk_create(
            (
                PeriodLine(
                    period=period,
                    plan_action=action,
                    area_reference=structure[action.pk][1].reference,
                    area_title=structure[action.pk][1].title,
                    outcome_reference=structure[action.pk][0].reference,
                    outcome_title=structure[action.pk][0].title,
                    reference=action.reference,
                    text=action.text,
                    owner_names=f"Owner {n % 40}",
                    status=self.status_at(n, month),
                    due_on=action.due_on,
                    updated=(n + month) % 5 != 0,
                    evidence_count=month // 4,
                    impact="Families say they hear back within the week." if month > 12 else "",
                    risks_and_mitigations="Recruitment; agency cover agreed." if n % 9 else "",
                )
                for month, period in enumerate(periods[:-1])
                for n, action in enumerate(actions)
            ),
            batch_size=1000,
        )
        Evidence.objects.bulk_create(
            (
                Evidence(
                    plan_action=action,
                    written_on=self.month(-k * 3),
                    text="Audit of ten plans showed the change in practice.",
                    added_by=self.manager,
                )
                for action in actions
                for k in range(3)
            ),
            batch_size=1000,
        )
        ProgressUpdate.objects.bulk_create(
            (
                ProgressUpdate(
                    plan_action=action,
                    period=periods[-1],
                    status=action.status,
                    note="Progress as planned.",
                    written_by=self.manager,
                )
                for n, action in enumerate(actions)
                if n % 3
            ),
            batch_size=1000,
        )
        return periods

    def closing(self, offset: int) -> datetime.datetime:
        """Noon on the first day of the month `offset` months away, when a period is closed."""
        from django.utils import timezone

        day = self.month(offset)
        return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, 12))

    def month(self, offset: int) -> datetime.date:
        from sendboard.demo.schedule import add_months

        return add_months(self.today.replace(day=1), offset)

    def register(self, partnership, actions: list) -> None:
        from sendboard.risks.models import Risk, RiskReview

        grade = lambda n, k: 1 + (n * 7 + k * 3) % 5  # noqa: E731 - a spread over the grid
        risks = self.create(
            Risk,
            [
                Risk(
                    partnership=partnership,
                    reference=f"R{n + 1:02d}",
                    title=f"Risk {n + 1} to the plan's delivery",
                    description="Cause, event and consequence.",
                    category=Risk.Category.values[n % 8],
                    owner=self.people[n % 40],
                    likelihood=grade(n, 1),
                    impact=grade(n, 2),
                    residual_likelihood=grade(n, 3),
                    residual_impact=grade(n, 4),
                    escalated_to_board=n % 10 == 0,
                    review_due_on=self.month(n % 4 - 1),
                    last_reviewed_on=self.month(-1),
                )
                for n in range(self.risks)
            ],
        )
        links = Risk.plan_actions.through
        links.objects.bulk_create(
            links(risk_id=risk.pk, planaction_id=actions[(n * 11) % len(actions)].pk)
            for n, risk in enumerate(risks)
        )
        RiskReview.objects.bulk_create(
            RiskReview(
                risk=risk,
                kind=RiskReview.Kind.REVIEWED,
                reviewed_on=self.month(-month),
                likelihood=risk.likelihood,
                impact=risk.impact,
                residual_likelihood=grade(n + month, 3),
                residual_impact=grade(n + month, 4),
                reviewed_by=self.manager,
            )
            for n, risk in enumerate(risks)
            for month in range(12, 0, -1)
        )

    def board_meeting(self, board):
        from sendboard.meetings.models import AgendaItem, Meeting

        meeting = self.create(
            Meeting,
            [
                Meeting(
                    group=board,
                    number=1,
                    date=self.today + datetime.timedelta(days=7),
                    start_time=datetime.time(10),
                    location="Council Chamber, Northshire Civic Centre",
                )
            ],
        )[0]
        standing = AgendaItem.Standing
        self.create(
            AgendaItem,
            [
                AgendaItem(
                    meeting=meeting,
                    position=n,
                    kind=AgendaItem.Kind.STANDING,
                    standing=item,
                    title=item.label,
                )
                for n, item in enumerate(
                    [standing.WELCOME, standing.MINUTES_AND_ACTIONS, standing.ANY_OTHER_BUSINESS],
                    start=1,
                )
            ],
        )
        return meeting


class Built:
    def __init__(self, *, partnership, manager, plan, periods, meeting, lines, risks) -> None:
        self.partnership, self.manager, self.plan = partnership, manager, plan
        self.periods, self.meeting = periods, meeting
        self.lines, self.risks = lines, risks

    @property
    def closed(self):
        return self.periods[-2]

    @property
    def open(self):
        return self.periods[-1]

    def describe(self) -> str:
        from sendboard.plans.models import PeriodLine

        return (
            f"{self.lines} lines, {len(self.periods) - 1} closed periods and an open one "
            f"({PeriodLine.objects.count()} frozen lines), {self.risks} risks"
        )


def timed(call: Callable[[], object], *, repeat: int = 5) -> float:
    """The median time of `call` in milliseconds, after one untimed run to warm caches."""
    call()
    times = []
    for _ in range(repeat):
        before = time.perf_counter()
        call()
        times.append((time.perf_counter() - before) * 1000)
    return statistics.median(times)


def tracker_page_times(built: Built, *, requests: int) -> list[float]:
    """Server time of the plan's tracker page, rendered afresh after a change each time."""
    from django.test import Client

    from sendboard.core.pagecache import revision_bump

    client = Client()
    client.force_login(built.manager)
    url = built.plan.get_absolute_url()
    assert client.get(url).status_code == 200, url
    times = []
    for _ in range(requests):
        revision_bump()
        before = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - before) * 1000)
    return times


def board_pack_times(built: Built) -> list[tuple[str, float, str]]:
    """The whole pack, gathered from the records and written, as Word and as PDF."""
    from sendboard.boardpack.contents import pack_for
    from sendboard.boardpack.pdf import pack_pdf
    from sendboard.boardpack.word import pack_docx
    from sendboard.plans.services import highlight_report_generate

    highlight_report_generate(period=built.closed, by=built.manager)
    word = timed(lambda: pack_docx(pack_for(built.meeting)), repeat=3)
    pdf = timed(lambda: pack_pdf(pack_for(built.meeting)), repeat=3)
    return [("Board pack, Word", word, "word_pack"), ("Board pack, PDF", pdf, "pdf_pack")]


def measure(built: Built, *, requests: int) -> list[tuple[str, float, float]]:
    """(what, milliseconds, target) for each figure the issue sets a target for."""
    from sendboard.plans.highlight import highlight_of
    from sendboard.plans.queries import tracker

    rows = [
        (
            "Roll-ups of a closed period",
            timed(lambda: tracker(built.plan, built.closed)),
            "rollups",
        ),
        ("Roll-ups of the open period", timed(lambda: tracker(built.plan, built.open)), "rollups"),
        ("Highlight report, closed period", timed(lambda: highlight_of(built.closed)), "highlight"),
        ("Highlight report, open period", timed(lambda: highlight_of(built.open)), "highlight"),
    ]
    pages = tracker_page_times(built, requests=requests)
    rows.append(
        ("Tracker page p95, rendered afresh", statistics.quantiles(pages, n=20)[18], "tracker_p95")
    )
    rows += board_pack_times(built)
    return [(name, ms, TARGETS_MS[target]) for name, ms, target in rows]


def report(rows: list[tuple[str, float, float]]) -> None:
    header = f"{'figure':<40} {'ms':>9} {'target ms':>10}  verdict"
    print()
    print(header)
    print("-" * len(header))
    held = True
    for name, ms, target in rows:
        ok = ms < target
        held = held and ok
        print(f"{name:<40} {ms:9.1f} {target:10.0f}  {'holds' if ok else 'MISSED'}")
    print()
    print(f"Targets: {'all hold' if held else 'NOT all hold'}.")


if __name__ == "__main__":
    main()
