"""Northshire's figures beside the casework: three years of the standard SEND set.

The analyst enters each month's figures as the services send them (on the day they
would have arrived), and the story follows the plan's: the neurodevelopmental (ND)
assessment provider closes its waiting list, autism waits climb past a year, a second
provider starts and the wait falls back (seed 001: "31 weeks ... a drop from 37 weeks
... within 18 weeks by mid-August"). Annual reviews recover as EHC plan writers are
recruited; therapy waits drift up at the end, and their owner has not yet written the
exception note the red figure asks for. Every figure in the commentary is read back
from the records.
"""

import datetime
import math
from decimal import Decimal

from sendboard.demo.cast import Cast
from sendboard.lib.periods import add_months, parse_period
from sendboard.performance.models import Benchmark
from sendboard.performance.services import Entry, observations_enter
from sendboard.performance.services.benchmarks import BenchmarkEntry, benchmarks_enter
from sendboard.performance.services.commentary import commentary_write
from sendboard.performance.services.indicators import indicator_update, trajectory_set
from sendboard.performance.services.scorecards import scorecard_save
from sendboard.performance.services.standard import standard_set_load
from sendboard.plans.models import Outcome

MONTHS = 36
OWNERS = {
    "autism_wait_median": "icb_send",
    "autism_waiting_list": "icb_send",
    "adhd_wait_median": "icb_send",
    "adhd_waiting_list": "icb_send",
    "salt_wait_median": "therapies",
    "salt_seen_18w": "therapies",
    "salt_waiting_list": "therapies",
    "annual_reviews_on_time": "member",
    "send_complaints": "member",
    "send_complaints_on_time": "member",
    "high_needs_spend": "assistant_director",
    "parent_carer_satisfaction": "pcf_chair",
}
OUTCOMES = {
    "4": ("autism_wait_median", "autism_waiting_list", "adhd_wait_median", "adhd_waiting_list"),
    "5": ("salt_wait_median", "salt_seen_18w", "salt_waiting_list"),
    "2": ("annual_reviews_on_time", "ehcp_quality_good_or_better"),
}
SCORECARDS = {
    "Neurodevelopmental pathway": OUTCOMES["4"],
    "Speech and language therapy": OUTCOMES["5"],
    "Sufficiency and inclusion": (
        "pupils_ehcp_pct",
        "pupils_sen_support_pct",
        "send_suspension_rate",
        "send_exclusion_rate",
        "high_needs_spend",
    ),
    "Families' experience": (
        "parent_carer_satisfaction",
        "send_complaints",
        "send_complaints_on_time",
        "tribunal_appeals",
        "tribunal_upheld",
    ),
}
PUBLISHED = {
    "autism_wait_median": "How long children wait, from referral, for their autism assessment "
    "to start. The middle child in the month waited this long.",
    "annual_reviews_on_time": "How many EHC plans were reviewed within a year, as the law "
    "requires.",
    "pupils_ehcp_pct": "How many of every hundred pupils in Northshire's schools have an EHC plan.",
    "parent_carer_satisfaction": "How many parents and carers who answered the forum's survey "
    "were happy with their child's support.",
}
# Rating rules the partnership agreed: (standing target, amber tolerance).
TARGETS = {
    "annual_reviews_on_time": (Decimal(80), Decimal(10)),
    "salt_wait_median": (Decimal(18), Decimal(2)),
    "salt_seen_18w": (Decimal(70), Decimal(10)),
    "send_complaints_on_time": (Decimal(90), Decimal(10)),
    "parent_carer_satisfaction": (Decimal(65), Decimal(10)),
    "autism_wait_median": (None, Decimal(4)),
}


def _wave(index: int, period: int = 12) -> float:
    return math.sin(2 * math.pi * index / period)


def _autism_weeks(index: int) -> Decimal:
    """Climbs from 30 weeks as the list closes (months 12 to 24), then falls back."""
    if index < 12:
        weeks = 30 + index * 0.4
    elif index < 24:
        weeks = 35 + (index - 12) * 1.6
    else:
        weeks = 54 - (index - 24) * 2.1
    return Decimal(str(round(weeks + _wave(index, 5), 1)))


def _monthly_figures(index: int) -> dict[str, dict]:
    """Each monthly indicator's figure ``index`` months into the three years."""
    reviews_due = 180 + (index % 4) * 10
    on_time = round(reviews_due * (0.46 + 0.3 * max(0, index - 14) / 21))
    salt_seen = 140 + (index % 3) * 12
    salt_within = round(salt_seen * (0.78 - 0.12 * max(0, index - 28) / 7))
    answered = 40 + index % 7
    return {
        "autism_wait_median": {"value": _autism_weeks(index)},
        "autism_waiting_list": {
            "value": Decimal(600 + index * 10 + (250 if 12 <= index < 30 else 0))
        },
        "adhd_wait_median": {"value": Decimal(str(round(40 + index * 0.5 + _wave(index), 1)))},
        "adhd_waiting_list": {"value": Decimal(420 + index * 12)},
        "salt_wait_median": {
            "value": Decimal(str(round(15 + 1.2 * max(0, index - 28) + _wave(index, 6), 1)))
        },
        "salt_seen_18w": {"numerator": salt_within, "denominator": salt_seen},
        "salt_waiting_list": {"value": Decimal(310 + index * 4)},
        "annual_reviews_on_time": {"numerator": on_time, "denominator": reviews_due},
        "send_complaints": {"value": Decimal(9 + index % 5)},
        "send_complaints_on_time": {
            "numerator": answered - 3 - index % 4,
            "denominator": answered,
        },
        "high_needs_spend": {"value": Decimal(3_850_000 + index * 21_000)},
    }


def _rate(numerator: int, denominator: int, scale: int = 100) -> Decimal:
    return (Decimal(scale) * numerator / denominator).quantize(Decimal("0.1"))


class PerformanceStory:
    def __init__(self, cast: Cast) -> None:
        self.cast = cast
        self.analyst = cast.users["analyst"]
        last_complete = add_months(cast.today.replace(day=1), -1)
        self.months = [add_months(last_complete, step - MONTHS + 1) for step in range(MONTHS)]

    def build(self) -> None:
        partnership = self.cast.people["manager"].partnership
        self.cast.on(self.months[0])
        standard_set_load(partnership=partnership, by=self.analyst)
        self.indicators = {i.key: i for i in partnership.indicators.all()}
        self.settings(partnership)
        for index, month in enumerate(self.months):
            self.month(index, month)
        self.yearly()
        self.benchmarks()
        self.cast.on(self.cast.today)
        self.commentary()
        for title, keys in SCORECARDS.items():
            scorecard_save(
                partnership=partnership,
                title=title,
                description=f"The figures the {title.lower()} work is judged by.",
                indicators=[self.indicators[key] for key in keys],
                by=self.analyst,
            )

    def settings(self, partnership) -> None:
        outcomes = {
            o.reference: o for o in Outcome.objects.filter(area__plan__partnership=partnership)
        }
        linked = {key: [outcomes[ref]] for ref, keys in OUTCOMES.items() for key in keys}
        for key, indicator in self.indicators.items():
            target, tolerance = TARGETS.get(key, (None, None))
            owner = self.cast.people.get(OWNERS.get(key, ""))
            self.indicators[key] = indicator_update(
                indicator=indicator,
                opened_version=indicator.version,
                by=self.analyst,
                reason="Owner, target and publication agreed by the Performance group",
                owner=owner,
                target=target,
                tolerance=tolerance,
                published=key in PUBLISHED,
                plain_english=PUBLISHED.get(key, ""),
                outcomes=linked.get(key, []),
            )
        # The recovery plan for autism waits: 26 weeks by March, 18 by August.
        year = self.months[-1].year + (1 if self.months[-1].month >= 8 else 0)
        trajectory_set(
            indicator=self.indicators["autism_wait_median"],
            steps=[
                (datetime.date(year, 3, 31), Decimal(26)),
                (datetime.date(year, 8, 31), Decimal(18)),
            ],
            by=self.analyst,
            reason="Recovery trajectory agreed with the second provider",
        )

    def month(self, index: int, month: datetime.date) -> None:
        """The month's figures, entered when the services send them, early the next month."""
        self.cast.on(add_months(month, 1) + datetime.timedelta(days=6))
        period = parse_period(f"{month:%Y-%m}")
        for key, figure in _monthly_figures(index).items():
            value = figure.get("value") or _rate(figure["numerator"], figure["denominator"])
            observations_enter(
                indicator=self.indicators[key],
                entries=[
                    Entry(
                        period=period,
                        value=value,
                        numerator=figure.get("numerator"),
                        denominator=figure.get("denominator"),
                    )
                ],
                provenance=f"Entered by the analyst from the {month:%B %Y} returns",
                by=self.analyst,
            )
        if index % 3 == 2:
            self.quarter(index, month)

    def quarter(self, index: int, month: datetime.date) -> None:
        period = parse_period(f"{month.year}-Q{(month.month - 1) // 3 + 1}")
        answered = 120 + index * 2
        satisfied = round(answered * (0.47 + 0.14 * index / MONTHS))
        decided = 14 + index % 5
        figures = {
            "parent_carer_satisfaction": (satisfied, answered, None),
            "tribunal_appeals": (None, None, Decimal(18 + (index // 3) % 6)),
            "tribunal_upheld": (decided - 1, decided, None),
        }
        for key, (numerator, denominator, value) in figures.items():
            observations_enter(
                indicator=self.indicators[key],
                entries=[
                    Entry(
                        period=period,
                        value=value if value is not None else _rate(numerator, denominator),
                        numerator=numerator,
                        denominator=denominator,
                    )
                ],
                provenance=f"Entered by the analyst for {period.label}",
                by=self.analyst,
            )

    def yearly(self) -> None:
        """The January census and the exclusions release, one a year."""
        years = sorted({month.year for month in self.months})
        for step, year in enumerate(years):
            self.cast.on(
                datetime.date(year, 6, 20) if year < self.cast.today.year else self.cast.today
            )
            pupils = 52_400 + step * 350
            with_plan = 2_410 + step * 260
            support = 6_870 + step * 240
            suspended = 540 + step * 70
            excluded = 6 + step
            for key, numerator, denominator in (
                ("pupils_ehcp_pct", with_plan, pupils),
                ("pupils_sen_support_pct", support, pupils),
                ("send_suspension_rate", suspended, with_plan),
                ("send_exclusion_rate", excluded, with_plan),
            ):
                observations_enter(
                    indicator=self.indicators[key],
                    entries=[
                        Entry(
                            period=parse_period(str(year)),
                            value=_rate(numerator, denominator),
                            numerator=numerator,
                            denominator=denominator,
                        )
                    ],
                    provenance=f"Entered by the analyst from the DfE's {year} release",
                    by=self.analyst,
                )

    def benchmarks(self) -> None:
        neighbours = [
            BenchmarkEntry(parse_period(f"{m:%Y-%m}"), Decimal(str(round(41 - i * 0.2, 1))))
            for i, m in enumerate(self.months)
        ]
        benchmarks_enter(
            indicator=self.indicators["autism_wait_median"],
            series=Benchmark.Series.NEIGHBOURS,
            entries=neighbours,
            source="Statistical neighbours' ND pathway returns, shared by the ICB",
            by=self.analyst,
        )
        region = [
            BenchmarkEntry(parse_period(f"{m:%Y-%m}"), Decimal(str(round(58 + i * 0.4, 1))))
            for i, m in enumerate(self.months)
        ]
        benchmarks_enter(
            indicator=self.indicators["annual_reviews_on_time"],
            series=Benchmark.Series.REGION,
            entries=region,
            source="Regional SEND benchmarking group",
            by=self.analyst,
        )

    def commentary(self) -> None:
        """The owners' words on the latest month, their figures read from the records."""
        waits = self.indicators["autism_wait_median"]
        series = list(
            waits.observations.filter(superseded_by__isnull=True, period_type="month").order_by(
                "period_start"
            )
        )
        peak = max(series, key=lambda o: o.value)
        latest, year_before = series[-1], series[-13]
        commentary_write(
            indicator=waits,
            observation=latest,
            opened_version=None,
            by=self.analyst,
            telling_us=(
                f"The median wait for an autism assessment was {latest.value:.1f} weeks in "
                f"{latest.period_label}, down from a peak of {peak.value:.1f} weeks in "
                f"{peak.period_label} when the provider closed its waiting list, and "
                f"{'down' if latest.value < year_before.value else 'up'} from "
                f"{year_before.value:.1f} weeks a year before. The second provider is "
                "clearing the longest waits first, so the median will fall more slowly "
                "than the list shortens."
            ),
            what_happened=(
                f"The provider closed its waiting list in {series[12].period_label}; "
                "referrals kept arriving and waits passed a year."
            ),
            what_is_being_done=(
                "The ICB commissioned a second provider, which started taking referrals "
                f"in {series[24].period_label}, and families waiting are offered the "
                "pre-assessment support offer."
            ),
            recovery_expected="18 weeks by August, as the trajectory sets",
        )
        reviews = self.indicators["annual_reviews_on_time"]
        latest = reviews.observations.filter(superseded_by__isnull=True).order_by("-period_start")[
            0
        ]
        commentary_write(
            indicator=reviews,
            observation=latest,
            opened_version=None,
            by=self.analyst,
            telling_us=(
                f"{latest.numerator} of the {latest.denominator} annual reviews due in "
                f"{latest.period_label} were held on time ({latest.value:.1f}%), as the new "
                "EHC plan writers take on review caseloads."
            ),
        )
