"""Server time of the board's busiest pages on a ten-year partnership.

Builds a partnership with ten years of business (about 500 meetings with agendas,
attendance and minutes, 5,000 actions with owners and updates, a forward plan and a
published summary for every board meeting) in a fresh SQLite database in a temporary
folder, then requests each page through Django's test client, in the same process,
and prints p50 and p95 server time and requests per second beside a trivial page:
each page as readers are served it (from the page cache, sendboard.core.pagecache),
and rendered afresh just after a change.

Targets (issue 2): p95 under 100 ms for each page, and at least a quarter of the
trivial page's throughput.

    .venv/bin/python benchmarks/pages.py [--requests 200] [--years 10]

The figures are printed, never asserted: they depend on the machine.
"""

import argparse
import collections
import datetime
import itertools
import random
import re
import statistics
import sys
import time
from pathlib import Path

from scratch import scratch_installation

ROOT = Path(__file__).resolve().parent.parent
P95_TARGET_MS = 100.0
THROUGHPUT_SHARE = 0.25
WARM_UP = 20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200, help="Timed requests per page.")
    parser.add_argument("--years", type=int, default=10, help="Years of history to build.")
    parser.add_argument("--keep", action="store_true", help="Keep the temporary data folder.")
    parser.add_argument(
        "--profile", action="store_true", help="Also print where each page spends its time."
    )
    args = parser.parse_args()

    started = time.perf_counter()
    with scratch_installation("pages", keep=args.keep) as data_dir:
        built = Partnership10Years(years=args.years).build()
        print(f"Built in {time.perf_counter() - started:.1f} s in {data_dir}: {built.describe()}")
        rows = measure(built, requests=args.requests)
        report(rows)
        if args.profile:
            profile(built)


class Partnership10Years:
    """Ten years of a board and four subgroups, written with bulk inserts."""

    def __init__(self, *, years: int) -> None:
        self.years = years
        self.random = random.Random(2)
        from django.utils import timezone

        self.today = timezone.localdate()

    def build(self) -> "Built":
        from django.contrib.auth import get_user_model
        from django.db import transaction

        from sendboard.demo import content
        from sendboard.governance.models import (
            Group,
            Membership,
            Organisation,
            Partnership,
            Person,
            Role,
        )

        self.content = content
        with transaction.atomic():
            partnership = Partnership.objects.create(**content.PARTNERSHIP)
            organisations = Organisation.objects.bulk_create(
                Organisation(partnership=partnership, name=name, short_name=short, kind=kind)
                for _key, name, short, kind in content.ORGANISATIONS
            )
            firsts = ["Alex", "Bea", "Chris", "Dana", "Eli", "Fran", "Gus", "Hana", "Ivan", "Jo"]
            lasts = ["Ashworth", "Bryant", "Carver", "Dunmore", "Egan", "Fenwick", "Gale"]
            names = [name for _key, name, _title, _org in content.PEOPLE]
            names += [f"{first} {last}" for first, last in itertools.product(firsts, lasts)]
            people = Person.objects.bulk_create(
                Person(
                    partnership=partnership,
                    name=name,
                    job_title="Service lead",
                    organisation=organisations[n % len(organisations)],
                )
                for n, name in enumerate(names)
            )
            self.people = people
            manager = get_user_model().objects.create_user("manager", first_name="Hannah")
            Role.objects.create(user=manager, partnership=partnership, name=Role.Name.MANAGER)
            people[-1].user = manager
            people[-1].save(update_fields=["user"])
            self.manager = manager
            board = Group.objects.create(
                partnership=partnership,
                kind=Group.Kind.BOARD,
                name=content.BOARD["name"],
                slug="board",
                action_prefix="NSPB",
                cadence="Monthly",
            )
            subgroups = [
                Group.objects.create(
                    partnership=partnership,
                    kind=Group.Kind.SUBGROUP,
                    reports_to=board,
                    name=spec["name"],
                    slug=spec["slug"],
                    cadence=spec["cadence"],
                )
                for spec in content.SUBGROUPS
            ]
            Membership.objects.bulk_create(
                Membership(group=board, person=person, role=Membership.Role.MEMBER)
                for person in people[:30]
            )
            self.board, self.subgroups = board, subgroups
            meetings = self.meetings()
            items = self.agendas(meetings)
            self.attendance(meetings)
            self.minutes(items)
            actions = self.actions(meetings, items)
            self.summaries(meetings)
        return Built(partnership=partnership, manager=manager, meetings=meetings, actions=actions)

    def create(self, model, records: list) -> list:
        from simple_history.utils import bulk_create_with_history

        if hasattr(model, "history"):
            return bulk_create_with_history(
                records, model, batch_size=500, default_user=self.manager
            )
        return model.objects.bulk_create(records, batch_size=500)

    def meetings(self) -> list:
        from sendboard.demo.schedule import add_months, nth_weekday
        from sendboard.meetings.models import Meeting

        first = add_months(self.today, -12 * self.years)
        records = []
        numbers = collections.defaultdict(lambda: itertools.count(1))
        for month in range(12 * self.years + 2):
            board_day = nth_weekday(add_months(first, month), 2, 3)
            groups = [self.board, *self.subgroups[:2]]
            if month % 2 == 0:
                groups += self.subgroups[2:]
            for group in groups:
                day = board_day if group == self.board else board_day - datetime.timedelta(days=7)
                held = day < self.today
                records.append(
                    Meeting(
                        group=group,
                        number=next(numbers[group.pk]),
                        date=day,
                        start_time=datetime.time(10),
                        end_time=datetime.time(12, 30),
                        location="Council Chamber, Northshire Civic Centre",
                        format=Meeting.Format.HYBRID,
                        status=Meeting.Status.HELD if held else Meeting.Status.PLANNED,
                        minutes_status=(
                            Meeting.MinutesStatus.PUBLISHED if held else Meeting.MinutesStatus.DRAFT
                        ),
                    )
                )
        return self.create(Meeting, records)

    def agendas(self, meetings: list) -> list:
        from sendboard.forwardplan.models import ForwardPlanItem
        from sendboard.meetings.models import AgendaItem

        board_meetings = [meeting for meeting in meetings if meeting.group_id == self.board.pk]
        titles = [spec["title"] for spec in self.content.FORWARD_PLAN]
        planned = self.create(
            ForwardPlanItem,
            [
                ForwardPlanItem(
                    group=self.board,
                    title=titles[(n * 2 + k) % len(titles)],
                    owner=self.people[(n + k) % 30],
                    target_meeting=meeting,
                    status=(
                        ForwardPlanItem.Status.PRESENTED
                        if meeting.date < self.today
                        else ForwardPlanItem.Status.PLANNED
                    ),
                )
                for n, meeting in enumerate(board_meetings)
                for k in range(2)
            ],
        )
        planned_for = {}
        for item in planned:
            planned_for.setdefault(item.target_meeting_id, []).append(item)
        standing = AgendaItem.Standing
        records = []
        for meeting in meetings:
            if meeting.group_id == self.board.pk:
                rows = [
                    {"standing": standing.WELCOME},
                    {"standing": standing.MINUTES_AND_ACTIONS},
                    {"standing": standing.CYP_VOICE},
                    {"standing": standing.PARENT_CARER},
                    *({"reporting_group": group} for group in self.subgroups),
                    *({"forward_plan_item": item} for item in planned_for[meeting.pk]),
                    {"title": "SEND risk register"},
                    {"standing": standing.ANY_OTHER_BUSINESS},
                ]
            else:
                topics = next(s for s in self.content.SUBGROUPS if s["slug"] == meeting.group.slug)
                rows = [
                    {"standing": standing.WELCOME},
                    {"standing": standing.MINUTES_AND_ACTIONS},
                    *({"title": title} for title in topics["topics"][:3]),
                    {"standing": standing.ANY_OTHER_BUSINESS},
                ]
            for position, row in enumerate(rows, start=1):
                records.append(self.agenda_item(meeting, position, **row))
        items = self.create(AgendaItem, records)
        presenters = AgendaItem.presenters.through
        presenters.objects.bulk_create(
            presenters(agendaitem_id=item.pk, person_id=self.people[item.pk % 30].pk)
            for item in items
            if item.kind != AgendaItem.Kind.STANDING
        )
        return items

    def agenda_item(self, meeting, position: int, **row):
        from sendboard.meetings.models import AgendaItem

        item = AgendaItem(meeting=meeting, position=position, title=row.get("title", ""))
        if "standing" in row:
            item.kind, item.standing = AgendaItem.Kind.STANDING, row["standing"]
            item.title = AgendaItem.Standing(row["standing"]).label
        elif "reporting_group" in row:
            item.reporting_group = row["reporting_group"]
            item.title = f"{row['reporting_group'].name} report"
        elif "forward_plan_item" in row:
            item.kind, item.forward_plan_item = (
                AgendaItem.Kind.FORWARD_PLAN,
                row["forward_plan_item"],
            )
            item.title = row["forward_plan_item"].title
        return item

    def attendance(self, meetings: list) -> None:
        from sendboard.meetings.models import Attendance

        records = []
        for meeting in meetings:
            if meeting.date >= self.today:
                continue
            size = 30 if meeting.group_id == self.board.pk else 8
            for n, person in enumerate(self.random.sample(self.people[:40], size)):
                kind = Attendance.Kind.APOLOGIES if n % 8 == 7 else Attendance.Kind.PRESENT
                records.append(Attendance(meeting=meeting, person=person, kind=kind))
        self.create(Attendance, records)

    def minutes(self, items: list) -> None:
        from sendboard.meetings.models import MinuteEntry

        pools = [
            self.content.CYP_VOICE,
            self.content.PARENT_CARER,
            [note for notes in self.content.SUBGROUP_REPORTS.values() for note, _ in notes],
        ]
        texts = list(itertools.chain(*pools))
        kinds = ["note", "challenge", "response", "decision", "note"]
        records = []
        for item in items:
            if item.meeting.date >= self.today:
                continue
            board = item.meeting.group_id == self.board.pk
            count = (1 if item.standing else 5) if board else 2
            for position in range(1, count + 1):
                records.append(
                    MinuteEntry(
                        item=item,
                        position=position,
                        kind=kinds[(position - 1) % len(kinds)],
                        text=texts[(item.pk + position) % len(texts)],
                        speaker=self.people[(item.pk + position) % 40],
                    )
                )
        entries = self.create(MinuteEntry, records)
        challenges = {}
        responses = []
        for entry in entries:
            if entry.kind == "challenge":
                challenges[entry.item_id] = entry
            elif entry.kind == "response" and entry.item_id in challenges:
                entry.responds_to = challenges[entry.item_id]
                responses.append(entry)
        MinuteEntry.objects.bulk_update(responses, ["responds_to"], batch_size=500)

    def actions(self, meetings: list, items: list) -> list:
        from sendboard.actions.models import Action, ActionUpdate

        held = [meeting for meeting in meetings if meeting.date < self.today]
        items_of = {}
        for item in items:
            items_of.setdefault(item.meeting_id, []).append(item)
        titles = [title for title, _owner in self.content.BOARD_ACTIONS]
        titles += [title for pool in self.content.SUBGROUP_ACTIONS.values() for title, _ in pool]
        per_meeting = 5000 / len(held)
        records = []
        for n in range(5000):
            meeting = held[min(int(n / per_meeting), len(held) - 1)]
            age = (self.today - meeting.date).days
            status = self.status(age, n)
            due = meeting.date + datetime.timedelta(days=(28, 56, 84)[n % 3])
            records.append(
                Action(
                    board=self.board,
                    group=meeting.group,
                    number=n + 1,
                    title=titles[n % len(titles)],
                    source_meeting=meeting,
                    source_item=items_of[meeting.pk][4 + n % 2],
                    due_date=due,
                    status=status,
                    closed_on=due if status in ("complete", "transferred") else None,
                )
            )
        actions = self.create(Action, records)
        owners = Action.owners.through
        owners.objects.bulk_create(
            (
                owners(action_id=action.pk, person_id=self.people[(action.number + k) % 60].pk)
                for action in actions
                for k in ((0,) if action.number % 3 else (0, 17))
            ),
            batch_size=1000,
        )
        ActionUpdate.objects.bulk_create(
            (
                ActionUpdate(
                    action=action,
                    written_on=action.source_meeting.date + datetime.timedelta(days=14 * k),
                    text=self.content.UPDATES["progress"][k % 3],
                    status=action.status if k == 2 else "in_progress",
                    author=self.manager,
                )
                for action in actions
                for k in (1, 2)
            ),
            batch_size=1000,
        )
        return actions

    @staticmethod
    def status(age: int, n: int) -> str:
        if age > 365:
            cycle = ("complete",) * 8 + ("transferred", "deferred")
        elif age > 90:
            cycle = ("complete", "complete", "in_progress", "transferred", "deferred")
        else:
            cycle = ("open", "in_progress", "open", "complete")
        return cycle[n % len(cycle)]

    def summaries(self, meetings: list) -> None:
        from django.utils import timezone

        from sendboard.publishing.models import PublicSummary

        body = "\n".join(
            [
                f"## {spec['name']}\n- {self.content.SUBGROUP_REPORTS[spec['key']][0][0]}"
                for spec in self.content.SUBGROUPS
            ]
            + ["## Review of the action log", "- 12 actions were closed since the last meeting."]
        )
        self.create(
            PublicSummary,
            [
                PublicSummary(
                    meeting=meeting,
                    title=f"Summary of the {meeting.date:%B %Y} Board Meeting",
                    body=body,
                    status=PublicSummary.Status.PUBLISHED,
                    published_at=timezone.now(),
                    published_by=self.manager,
                )
                for meeting in meetings
                if meeting.group_id == self.board.pk and meeting.date < self.today
            ],
        )


class Built:
    def __init__(self, *, partnership, manager, meetings: list, actions: list) -> None:
        self.partnership, self.manager = partnership, manager
        self.meetings, self.actions = meetings, actions

    def describe(self) -> str:
        from sendboard.meetings.models import Attendance, MinuteEntry

        entries = MinuteEntry.objects.count()
        attendance = Attendance.objects.count()
        return (
            f"{len(self.meetings)} meetings, {entries} minute entries, "
            f"{attendance} attendance records, {len(self.actions)} actions"
        )

    def pages(self) -> list[tuple[str, str, bool]]:
        """(name, URL, signed in) for each page; a page not built yet is left out."""
        from django.urls import NoReverseMatch, reverse

        from sendboard.actions.models import Action
        from sendboard.meetings.models import Meeting
        from sendboard.publishing.models import PublicSummary

        slug = {"partnership": self.partnership.slug}
        board_meetings = Meeting.objects.filter(group__kind="board", status="held").order_by("date")
        typical = board_meetings[board_meetings.count() // 2]
        some_owner = (
            Action.owners.through.objects.values_list("person_id", flat=True)
            .order_by("person_id")
            .first()
        )
        summary = PublicSummary.objects.filter(status="published").order_by("-meeting__date")[3]
        wanted = [
            ("Trivial view (accessibility page)", "accessibility", {}, "", False),
            ("Action log, first page", "action_list", slug, "", True),
            (
                "Action log, filtered",
                "action_list",
                slug,
                f"?status=open&owner={some_owner}",
                True,
            ),
            ("Meeting page", "meeting_detail", {**slug, "code": typical.code}, "", True),
            ("Public summary", "summary_public", {**slug, "code": summary.code}, "", False),
        ]
        found = []
        for name, url_name, kwargs, query, signed_in in wanted:
            try:
                found.append((name, reverse(url_name, kwargs=kwargs) + query, signed_in))
            except NoReverseMatch:
                print(f"{name}: no URL named {url_name!r} yet, skipped")
        return found


class QueryCounter:
    """Counts queries; Django's own query log is cleared as each request starts."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def measure(built: Built, *, requests: int) -> list[dict]:
    """Time every page in turn, round after round, as readers are served it and again
    rendered afresh just after a change (any saved record makes every kept page stale).

    Interleaving the pages means a busy spell on the machine slows them all alike,
    so the comparison with the trivial view stays fair. Throughput is one client's:
    requests served per second of server time.
    """
    from django.test import Client

    signed_in = Client()
    signed_in.force_login(built.manager)
    anonymous = Client()
    pages = []
    for name, url, needs_sign_in in built.pages():
        client = signed_in if needs_sign_in else anonymous
        response = client.get(url)
        if response.status_code != 200:
            print(f"{name}: {url} answered {response.status_code}, skipped")
            continue
        for _ in range(WARM_UP):
            client.get(url)
        pages.append({"name": name, "url": url, "client": client, "changed": False})
    pages += [
        {**page, "name": f"{page['name']}, after a change", "changed": True}
        for page in pages
        if not page["name"].startswith("Trivial")
    ]
    times = {page["name"]: [] for page in pages}
    queries = {page["name"]: _request(page)[1] for page in pages}
    for _ in range(requests):
        for page in pages:
            times[page["name"]].append(_request(page)[0])
        for page in pages:  # untimed: the next round's unchanged pages are kept again
            if not page["changed"]:
                page["client"].get(page["url"])
    return [
        {
            "name": page["name"],
            "url": page["url"],
            "changed": page["changed"],
            "p50": statistics.median(times[page["name"]]),
            "p95": statistics.quantiles(times[page["name"]], n=20)[18],
            "throughput": 1000 * requests / sum(times[page["name"]]),
            "queries": queries[page["name"]],
        }
        for page in pages
    ]


def _request(page: dict) -> tuple[float, int]:
    """One request's server time in milliseconds and its number of queries."""
    from django.db import connection

    from sendboard.core.pagecache import revision_bump

    if page["changed"]:
        revision_bump()  # as any saved record does; not timed
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        before = time.perf_counter()
        page["client"].get(page["url"])
        return (time.perf_counter() - before) * 1000, counter.count


def profile(built: Built, *, requests: int = 10, lines: int = 15) -> None:
    """The functions each page spends most time in when rendered afresh."""
    import cProfile
    import pstats

    from django.test import Client

    from sendboard.core.pagecache import revision_bump

    signed_in = Client()
    signed_in.force_login(built.manager)
    for name, url, needs_sign_in in built.pages():
        client = signed_in if needs_sign_in else Client()
        client.get(url)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(requests):
            revision_bump()
            client.get(url)
        profiler.disable()
        print(f"\n{name} ({url}), {requests} requests")
        stats = pstats.Stats(profiler, stream=sys.stdout)
        stats.sort_stats("cumulative").print_stats(re.escape(str(ROOT / "sendboard")), lines)
        stats.sort_stats("tottime").print_stats(lines)


def report(rows: list[dict]) -> None:
    trivial = next((row for row in rows if row["name"].startswith("Trivial")), None)
    header = (
        f"{'page':<40} {'p50 ms':>7} {'p95 ms':>7} {'req/s':>7} {'share':>6} {'queries':>7}  target"
    )
    print()
    print(header)
    print("-" * len(header))
    held = True
    for row in rows:
        share = row["throughput"] / trivial["throughput"] if trivial else float("nan")
        if row is trivial:
            verdict = "(reference)"
        elif row["changed"]:
            verdict = "p95 holds" if row["p95"] < P95_TARGET_MS else "p95 MISSED"
            held = held and row["p95"] < P95_TARGET_MS
        else:
            ok = row["p95"] < P95_TARGET_MS and share >= THROUGHPUT_SHARE
            held = held and ok
            verdict = "holds" if ok else "MISSED"
        print(
            f"{row['name']:<40} {row['p50']:7.1f} {row['p95']:7.1f} {row['throughput']:7.1f} "
            f"{share:6.2f} {row['queries']:7d}  {verdict}"
        )
    print()
    print(
        f"Targets: p95 < {P95_TARGET_MS:.0f} ms for every page, served and rendered afresh; at "
        f"least {THROUGHPUT_SHARE:.0%} of the trivial view's throughput as pages are served: "
        f"{'all hold' if held else 'NOT all hold'}."
    )


if __name__ == "__main__":
    main()
