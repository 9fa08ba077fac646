"""The indicator catalogue and the functions that compute it over a snapshot."""

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from functools import partial

import duckdb

from sendboard.casework.engine import reviews, timeliness, waiting
from sendboard.casework.engine.connection import identifier_text, snapshot_as_at
from sendboard.casework.engine.options import EngineOptions
from sendboard.casework.engine.results import (
    Indicator,
    IndicatorResult,
    Scope,
    aggregate_sql,
    compute,
    result_from_row,
    unavailable_result,
)
from sendboard.lib.periods import Period, parse_period

_WEEKS_NOTE = (
    "Week arithmetic, S outcomes and phase-transfer deadlines follow the options shown"
    " with the figure."
)
_ISSUED = (
    "Plans issued in the period (assessment outcome Y, counted by assessmentoutcomedate),"
    " with days from the request received date to issue."
    " Left out and shown: transfers in and historical plans (H), plans issued after"
    " another LA's assessment (S, unless the option includes them), missing request"
    " dates and plans dated before their request."
)
_EXCEPTIONS_OUT = " Plans with a 20-week exception (week20 = 1) are removed from both counts."
_ISSUED_EXCL = _ISSUED + _EXCEPTIONS_OUT

CASE_INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "ehcp_20w_incl",
        "EHC plans issued within 20 weeks, including exceptions",
        f"{_ISSUED} Numerator: those issued within 20 weeks (140 days) of the request."
        f" {_WEEKS_NOTE}",
        "percent",
        "higher-is-better",
        partial(timeliness.issued_plans, band="within_20", exceptions=True),
    ),
    Indicator(
        "ehcp_20w_excl",
        "EHC plans issued within 20 weeks, excluding exceptions",
        f"{_ISSUED_EXCL} Numerator: those issued within 20 weeks of the request. {_WEEKS_NOTE}",
        "percent",
        "higher-is-better",
        partial(timeliness.issued_plans, band="within_20", exceptions=False),
    ),
    Indicator(
        "ehcp_band_20_52",
        "EHC plans issued after 20 and within 52 weeks",
        f"{_ISSUED} Numerator: those issued after 20 weeks and within 52 weeks (364 days)"
        f" of the request; exceptions included. {_WEEKS_NOTE}",
        "percent",
        "lower-is-better",
        partial(timeliness.issued_plans, band="20_52", exceptions=True),
    ),
    Indicator(
        "ehcp_band_over_52",
        "EHC plans issued after more than 52 weeks",
        f"{_ISSUED} Numerator: those issued more than 52 weeks after the request;"
        f" exceptions included. {_WEEKS_NOTE}",
        "percent",
        "lower-is-better",
        partial(timeliness.issued_plans, band="over_52", exceptions=True),
    ),
    Indicator(
        "requests_received",
        "Requests for an EHC needs assessment received",
        "Requests with a received date in the period, whatever their outcome."
        " Requests without a received date are shown as left out.",
        "count",
        "neutral",
        timeliness.requests_received,
    ),
    Indicator(
        "refusal_rate",
        "Requests refused assessment",
        "Requests received in the period whose outcome is N (not to assess), as a share of"
        " all requests received in the period (Y, N, A, W and H alike).",
        "percent",
        "neutral",
        partial(timeliness.requests_received, outcome="N"),
    ),
    Indicator(
        "decisions_6w",
        "Decisions whether to assess made within 6 weeks",
        "Decisions to assess or not (request outcome Y or N) told to the family in the"
        " period; numerator: told within 6 weeks (42 days) of the request. Decisions"
        " without the date told are shown as left out, in the period of their request."
        f" {_WEEKS_NOTE}",
        "percent",
        "higher-is-better",
        timeliness.request_decisions,
    ),
    Indicator(
        "not_issue_16w",
        "Decisions not to issue a plan made within 16 weeks",
        "Decisions not to issue after assessment (assessment outcome N) told in the"
        " period; numerator: told within 16 weeks (112 days) of the request. Exceptions"
        " are not removed. Decisions without the date told are shown as left out, in the"
        f" period of their request. {_WEEKS_NOTE}",
        "percent",
        "higher-is-better",
        timeliness.not_to_issue_decisions,
    ),
    Indicator(
        "days_to_issue_median",
        "Median days from request to plan, including exceptions",
        f"{_ISSUED} Value: the median of those days (halfway between the middle two"
        " when even), to 1 dp.",
        "median",
        "lower-is-better",
        partial(timeliness.issued_plans, exceptions=True),
        "days",
    ),
    Indicator(
        "days_to_issue_mean",
        "Mean days from request to plan, including exceptions",
        f"{_ISSUED} Value: the mean of those days, to 1 dp.",
        "mean",
        "lower-is-better",
        partial(timeliness.issued_plans, exceptions=True),
        "days",
    ),
    Indicator(
        "days_to_issue_median_excl",
        "Median days from request to plan, excluding exceptions",
        f"{_ISSUED_EXCL} Value: the median of those days, to 1 dp.",
        "median",
        "lower-is-better",
        partial(timeliness.issued_plans, exceptions=False),
        "days",
    ),
    Indicator(
        "days_to_issue_mean_excl",
        "Mean days from request to plan, excluding exceptions",
        f"{_ISSUED_EXCL} Value: the mean of those days, to 1 dp.",
        "mean",
        "lower-is-better",
        partial(timeliness.issued_plans, exceptions=False),
        "days",
    ),
    Indicator(
        "open_over_20w",
        "Open assessments past 20 weeks",
        "At the as-at date: requests decided Y (to assess) whose assessment outcome is"
        " blank or A, counted when more than 20 weeks (140 days) have passed since the"
        " request. Outcomes dated after the as-at date count as not yet made. Plans"
        " decided (Y) but not yet issued are shown as left out. Denominator: all open"
        " assessments.",
        "count",
        "lower-is-better",
        partial(timeliness.open_assessments, weeks=20),
    ),
    Indicator(
        "open_over_30w",
        "Open assessments past 30 weeks",
        "As open_over_20w, counted when more than 30 weeks (210 days) have passed.",
        "count",
        "lower-is-better",
        partial(timeliness.open_assessments, weeks=30),
    ),
    Indicator(
        "active_plans",
        "Active EHC plans (caseload)",
        "At the as-at date: rows of the active plans module whose plan was issued or"
        " started by then and has not ceased (ceased: every named plan of the request"
        " has a ceasedate on or before the as-at date). Transfers in (H) are in the"
        " caseload.",
        "count",
        "neutral",
        reviews.active_plans,
    ),
    Indicator(
        "reviews_overdue",
        "Annual reviews overdue",
        "At the as-at date: active plans (live as active_plans counts them) whose review"
        " was due before it. Due 12 months after the last review decision (lastreview)"
        " made by then, else 12 months after the plan's issue date (or start date for a"
        " transfer in). Denominator: active plans with a date to count from.",
        "count",
        "lower-is-better",
        reviews.overdue_reviews,
        unavailable=reviews.reviews_unknowable,
    ),
    Indicator(
        "review_decisions_4w",
        "Annual review decisions within 4 weeks of the meeting",
        "Review decisions made in the period (lastreview; for an amend outcome without"
        " one, the date the proposed amendments were sent), numerator: within 4 weeks"
        f" (28 days) of the review meeting. {_WEEKS_NOTE}",
        "percent",
        "higher-is-better",
        reviews.review_decisions,
    ),
    Indicator(
        "amended_12w",
        "Final amended plans on time",
        "Final amended plans (first amended_plan_issued event on or after the meeting,"
        " after an amend outcome) issued in the period; on time when within 8 weeks of"
        " the proposed amendments being sent (reviewdraft) and within 12 weeks of the"
        " review meeting (reg 22(3); the 12-week cap alone when reviewdraft is blank)."
        f" {_WEEKS_NOTE}",
        "percent",
        "higher-is-better",
        reviews.amended_plans,
        unavailable=reviews.amended_finals_missing,
    ),
    Indicator(
        "phase_transfer_on_time",
        "Phase transfers on time",
        "Phase transfers whose deadline falls in the period. The deadline is"
        " phasetransferduedate when that is 15 February or 31 March; otherwise that"
        " date is read as the transfer date and the deadline is 31 March of its year for"
        " a young person aged 16 or over on the 31 August before it (secondary to"
        " post-16), else 15 February. On time when the final amended plan"
        " (phasetransferfinaldate) is before the deadline. Without a final plan it is"
        " late once one issued on the as-at date would be (on the deadline day itself,"
        " under the default), and left out before then.",
        "percent",
        "higher-is-better",
        reviews.phase_transfers,
    ),
)


def waiting_indicators(*, service: str, options: EngineOptions) -> tuple[Indicator, ...]:
    slug = waiting.service_slug(service)
    standard = options.waiting_standard_weeks(service)
    waiting_now = (
        f"{service} referrals waiting for a first contact at the as-at date (referral"
        " to first contact, never to diagnosis); discharged without contact is off the"
        " list."
    )
    bands = (
        ("0_18", "0 to 18 weeks"),
        ("18_52", "over 18 to 52 weeks"),
        ("over_52", "over 52 weeks"),
    )
    return (
        *(
            Indicator(
                f"waiting_{slug}_{band}",
                f"{service}: waiting {label}",
                f"{waiting_now} Numerator: those waiting {label}.",
                "count",
                "lower-is-better" if band != "0_18" else "neutral",
                partial(waiting.waiting, service=service, band=band),
            )
            for band, label in bands
        ),
        Indicator(
            f"waiting_{slug}_median_weeks",
            f"{service}: median weeks waiting",
            f"{waiting_now} Value: the median weeks waited so far, to 1 dp.",
            "median",
            "lower-is-better",
            partial(waiting.waiting, service=service),
            "weeks",
        ),
        Indicator(
            f"waiting_{slug}_seen_within_standard",
            f"{service}: seen within {standard} weeks",
            f"{service} referrals first seen in the period; numerator: first contact"
            f" within {standard} weeks of referral (the service's standard).",
            "percent",
            "higher-is-better",
            partial(waiting.seen, service=service),
        ),
    )


def waiting_services(con: duckdb.DuckDBPyConnection) -> tuple[str, ...]:
    rows = con.execute(
        "SELECT DISTINCT service FROM referrals WHERE service IS NOT NULL ORDER BY 1"
    ).fetchall()
    return tuple(row[0] for row in rows)


def catalogue(
    *, services: tuple[str, ...] = (), options: EngineOptions | None = None
) -> tuple[Indicator, ...]:
    """Every indicator: the case indicators, then five per waiting-list service."""
    options = options or EngineOptions()
    return (
        *CASE_INDICATORS,
        *(
            ind
            for service in services
            for ind in waiting_indicators(service=service, options=options)
        ),
    )


def make_scope(
    con: duckdb.DuckDBPyConnection,
    *,
    period: Period | str,
    options: EngineOptions | None = None,
    as_at: date | None = None,
) -> Scope:
    """As-at figures use ``as_at``, else an as-at period's own day, else the snapshot's
    as-at date, else the period end."""
    latest = as_at or snapshot_as_at(con)
    if isinstance(period, str):
        period = parse_period(period, as_at=latest)
    if as_at is None and period.kind == "as-at":
        latest = period.end  # "as at 2024-05-17" asks for the caseload on that day
    return Scope(period=period, as_at=latest or period.end, options=options or EngineOptions())


def find_indicator(
    con: duckdb.DuckDBPyConnection, *, code: str, options: EngineOptions
) -> Indicator:
    for indicator in catalogue(services=waiting_services(con), options=options):
        if indicator.code == code:
            return indicator
    raise KeyError(f"no indicator {code!r}")


Rows = dict[str, tuple[object, ...]]  # aggregate rows (as aggregate_sql gives) by key
# A query, the keys of the rows it gives, and how to read them from its result.
Job = tuple[str, tuple[str, ...], Callable[[list[tuple[object, ...]]], Rows]]


def compute_all(
    con: duckdb.DuckDBPyConnection,
    *,
    period: Period | str,
    options: EngineOptions | None = None,
    as_at: date | None = None,
) -> dict[str, IndicatorResult]:
    scope = make_scope(con, period=period, options=options, as_at=as_at)
    services = waiting_services(con)
    indicators = catalogue(services=services, options=scope.options)
    # Indicators over the same rows share one scan: a rate, median and mean over the
    # same records (20-week timeliness and days to issue) one query; the members of a
    # family (timeliness.FAMILIES: the bands and exceptions of issued plans, requests
    # and refusals, open past 20 and 30 weeks) one query; the waiting lists of every
    # service one scan of the referrals. Each figure is aggregated from exactly the
    # rows its own records query gives (compute_one, drill-downs, breakdowns).
    reasons = {
        indicator.code: reason
        for indicator in indicators
        if (reason := indicator.unavailable_reason(con, scope))
    }
    empty = {indicator.code for indicator in indicators if indicator.code in reasons}
    indicators = tuple(indicator for indicator in indicators if indicator.code not in empty)
    jobs: list[Job] = []
    if services:
        jobs += _waiting_jobs(scope, services)
    jobs += _family_jobs(scope, indicators)
    keys = {indicator.code: _key(indicator, scope) for indicator in indicators}
    planned = {key for _, produced, _ in jobs for key in produced}
    for indicator in indicators:
        key = keys[indicator.code]
        if key not in planned:
            planned.add(key)
            sql = aggregate_sql(indicator.records(scope))
            jobs.append((sql, (key,), lambda got, key=key: {key: got[0]}))
    rows: Rows = {}
    for (_, _, read), got in zip(jobs, _run(con, [sql for sql, _, _ in jobs]), strict=True):
        rows.update(read(got))
    return {
        indicator.code: (
            unavailable_result(indicator, scope, reasons[indicator.code])
            if indicator.code in reasons
            else result_from_row(indicator, scope, rows[keys[indicator.code]])
        )
        for indicator in catalogue(services=services, options=scope.options)
    }


def _run(con: duckdb.DuckDBPyConnection, queries: list[str]) -> list[list[tuple[object, ...]]]:
    """Every query's rows, two at a time on cursors of ``con``: most of these queries
    are too small for DuckDB to spread over both cores, so two run side by side."""

    def fetch(sql: str) -> list[tuple[object, ...]]:
        cursor = con.cursor()
        try:
            return cursor.execute(sql).fetchall()
        finally:
            cursor.close()

    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(fetch, queries))


_EMPTY: tuple[object, ...] = (0, 0, None, None, None)


def _key(indicator: Indicator, scope: Scope) -> str:
    """The key of an indicator's aggregate row: its waiting-list key, else its records."""
    records = indicator.records
    if isinstance(records, partial):
        if records.func is waiting.waiting:
            return f"waiting:{records.keywords['service']}:{records.keywords.get('band')}"
        if records.func is waiting.seen:
            return f"seen:{records.keywords['service']}"
    return indicator.records(scope)


def _waiting_jobs(scope: Scope, services: tuple[str, ...]) -> list[Job]:
    """Aggregate rows for every waiting-list indicator, from two scans of referrals."""
    counted = ", ".join(
        f"count(*) FILTER (WHERE excluded IS NULL AND counted_{band})" for band in waiting.BANDS
    )
    waiting_sql = f"""
        SELECT service,
            count(*) FILTER (WHERE excluded IS NULL) AS den, {counted},
            median(measure) FILTER (WHERE excluded IS NULL) AS med,
            avg(measure) FILTER (WHERE excluded IS NULL) AS mean,
            histogram(excluded) FILTER (WHERE excluded IS NOT NULL) AS excl
        FROM ({waiting.waiting_rows(scope)}) AS records
        WHERE service IS NOT NULL
        GROUP BY service
    """

    def read_waiting(got: list[tuple[object, ...]]) -> Rows:
        rows = {
            f"waiting:{service}:{band}": _EMPTY
            for service in services
            for band in (None, *waiting.BANDS)
        }
        for service, den, *nums, med, mean, excl in got:
            rows[f"waiting:{service}:None"] = (den, den, med, mean, excl)
            for band, num in zip(waiting.BANDS, nums, strict=True):
                rows[f"waiting:{service}:{band}"] = (den, num, med, mean, excl)
        return rows

    def read_seen(got: list[tuple[object, ...]]) -> Rows:
        rows = {f"seen:{service}": _EMPTY for service in services}
        rows.update({f"seen:{service}": tuple(row) for service, *row in got})
        return rows

    seen_sql = aggregate_sql(waiting.seen_rows(scope, services=services), group="service")
    waiting_keys = tuple(
        f"waiting:{service}:{band}" for service in services for band in (None, *waiting.BANDS)
    )
    seen_keys = tuple(f"seen:{service}" for service in services)
    return [(waiting_sql, waiting_keys, read_waiting), (seen_sql, seen_keys, read_seen)]


def _families(
    scope: Scope, indicators: tuple[Indicator, ...]
) -> dict[str, list[tuple[str, str, str]]]:
    """Indicators that read the same rows and differ only in what they leave out or
    count (``timeliness.FAMILIES``): rows query -> (records, excluded, counted)."""
    families: dict[str, list[tuple[str, str, str]]] = {}
    for indicator in indicators:
        # A plain function is a family member too (requests_received with refusal_rate).
        records = indicator.records
        if not isinstance(records, partial):
            records = partial(records)
        if records.func not in timeliness.FAMILIES:
            continue
        rows_sql, excluded, counted = timeliness.FAMILIES[records.func](
            scope, *records.args, **records.keywords
        )
        member = (records(scope), excluded, counted)
        if member not in families.setdefault(rows_sql, []):
            families[rows_sql].append(member)
    return families


def _family_jobs(scope: Scope, indicators: tuple[Indicator, ...]) -> list[Job]:
    """One query per family, each member aggregated as ``aggregate_sql`` would its
    records: the denominator, median, mean and left-out counts once per distinct
    exclusion rule, a numerator per member."""
    jobs: list[Job] = []
    for rows_sql, members in _families(scope, indicators).items():
        exclusions = list(dict.fromkeys(excluded for _, excluded, _ in members))
        columns = []
        for i, excluded in enumerate(exclusions):
            kept = f"({excluded}) IS NULL"
            columns += [
                f"count(*) FILTER (WHERE {kept}) AS den{i}",
                f"median(measure) FILTER (WHERE {kept}) AS med{i}",
                f"avg(measure) FILTER (WHERE {kept}) AS mean{i}",
                f"histogram({excluded}) FILTER (WHERE NOT {kept}) AS excl{i}",
            ]
        for j, (_, excluded, counted) in enumerate(members):
            columns.append(f"count(*) FILTER (WHERE ({excluded}) IS NULL AND {counted}) AS num{j}")

        def read(
            got: list[tuple[object, ...]],
            members: list[tuple[str, str, str]] = members,
            exclusions: list[str] = exclusions,
        ) -> Rows:
            row = got[0]
            out: Rows = {}
            for j, (records_sql, excluded, _) in enumerate(members):
                i = exclusions.index(excluded)
                den, med, mean, excl = row[4 * i : 4 * i + 4]
                out[records_sql] = (den, row[4 * len(exclusions) + j], med, mean, excl)
            return out

        sql = f"SELECT {', '.join(columns)} FROM ({rows_sql}) AS records"
        jobs.append((sql, tuple(records for records, _, _ in members), read))
    return jobs


def compute_one(
    con: duckdb.DuckDBPyConnection,
    *,
    code: str,
    period: Period | str,
    options: EngineOptions | None = None,
    as_at: date | None = None,
) -> IndicatorResult:
    scope = make_scope(con, period=period, options=options, as_at=as_at)
    return compute(
        con, indicator=find_indicator(con, code=code, options=scope.options), scope=scope
    )


def drill_down(
    con: duckdb.DuckDBPyConnection,
    *,
    code: str,
    period: Period | str,
    options: EngineOptions | None = None,
    as_at: date | None = None,
) -> list[dict[str, object]]:
    """The pseudonymous rows behind a figure, for the analyst role only.

    Each row says whether it was left out (and why), counted in the numerator, and its
    dates; the figure is the aggregate of exactly these rows.
    """
    scope = make_scope(con, period=period, options=options, as_at=as_at)
    indicator = find_indicator(con, code=code, options=scope.options)
    cursor = con.execute(f"SELECT * FROM ({indicator.records(scope)}) ORDER BY row_id")
    names = [column[0] for column in cursor.description]
    return [
        {name: identifier_text(value) for name, value in zip(names, row, strict=True)}
        for row in cursor.fetchall()
    ]
