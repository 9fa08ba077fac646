"""Where the delay sits: median days between successive stages of a plan's journey.

For plans issued in the period (as counted in ``ehcp_20w_incl``), each case's dated
stages are put in the order a case passes them; a stage the case has no date for is
skipped, so the gap runs from the last stage it has. Advice turnaround per agency
(requested to received) is reported beside the chain.
"""

from dataclasses import dataclass
from datetime import date

import duckdb

from sendboard.casework.engine import timeliness
from sendboard.casework.engine.indicators import make_scope
from sendboard.casework.engine.options import EngineOptions
from sendboard.casework.engine.results import one_dp
from sendboard.casework.schema import ADVICE_AGENCIES
from sendboard.lib.periods import Period

STAGES: tuple[str, ...] = (
    "request",
    "decision_to_assess",
    "advice_received",
    "panel_1",
    "panel_2",
    "draft_issued",
    "final_issued",
)


@dataclass(frozen=True)
class StageResult:
    from_stage: str
    to_stage: str
    median_days: float | None
    mean_days: float | None
    cases: int
    out_of_order: int  # cases whose later stage is dated before the earlier, left out


def _stage_dates() -> str:
    """One row per (case, stage, date) over a ``plans`` CTE: the first date of each
    event; all advice in is dated by the last agency's."""
    events = "', '".join(s for s in STAGES[3:6])
    advice = "', '".join(f"advice_received_{agency}" for agency in ADVICE_AGENCIES)
    return f"""
        SELECT requeststableid, 'request' AS stage, receiveddate AS date FROM plans
        UNION ALL
        SELECT p.requeststableid, 'decision_to_assess',
            coalesce(min(e.date), any_value(r.requestoutcomedate))
        FROM plans AS p
        JOIN requests AS r USING (requeststableid)
        LEFT JOIN events AS e ON e.requeststableid = p.requeststableid
            AND e.event = 'decision_to_assess'
        GROUP BY p.requeststableid
        UNION ALL
        SELECT e.requeststableid, 'advice_received', max(e.date)
        FROM events AS e SEMI JOIN plans USING (requeststableid)
        WHERE e.event IN ('{advice}') GROUP BY e.requeststableid
        UNION ALL
        SELECT e.requeststableid, e.event, min(e.date)
        FROM events AS e SEMI JOIN plans USING (requeststableid)
        WHERE e.event IN ('{events}') GROUP BY ALL
        UNION ALL
        SELECT requeststableid, 'final_issued', issueddate FROM plans
    """


def stage_durations(
    con: duckdb.DuckDBPyConnection,
    *,
    period: Period | str,
    options: EngineOptions | None = None,
    as_at: date | None = None,
) -> list[StageResult]:
    scope = make_scope(con, period=period, options=options, as_at=as_at)
    plans = (
        "SELECT requeststableid, receiveddate, issueddate"
        f" FROM ({timeliness.issued_plans(scope)}) WHERE excluded IS NULL"
    )
    order = ", ".join(f"('{stage}', {index})" for index, stage in enumerate(STAGES))
    rows = con.execute(
        f"""
        WITH plans AS ({plans}),
        dated AS (
            SELECT s.*, o.position FROM ({_stage_dates()}) AS s
            JOIN (VALUES {order}) AS o(stage, position) USING (stage)
            WHERE s.date IS NOT NULL
        ),
        gaps AS (
            SELECT lag(stage) OVER w AS from_stage, stage AS to_stage, position,
                datediff('day', lag(date) OVER w, date) AS days
            FROM dated
            WINDOW w AS (PARTITION BY requeststableid ORDER BY position)
        )
        SELECT from_stage, to_stage,
            median(days) FILTER (WHERE days >= 0), avg(days) FILTER (WHERE days >= 0),
            count(*) FILTER (WHERE days >= 0), count(*) FILTER (WHERE days < 0)
        FROM gaps WHERE from_stage IS NOT NULL
        GROUP BY from_stage, to_stage
        ORDER BY min(position), from_stage
        """
    ).fetchall()
    chain = [
        StageResult(f, t, one_dp(med), one_dp(mean), n, bad) for f, t, med, mean, n, bad in rows
    ]
    return chain + _advice_turnaround(con, plans=plans)


def _advice_turnaround(con: duckdb.DuckDBPyConnection, *, plans: str) -> list[StageResult]:
    results = []
    for agency in ADVICE_AGENCIES:
        med, mean, n, bad = con.execute(
            f"""
            WITH pairs AS (
                SELECT e.requeststableid,
                    datediff('day',
                        min(e.date) FILTER (WHERE e.event = 'advice_requested_{agency}'),
                        min(e.date) FILTER (WHERE e.event = 'advice_received_{agency}')
                    ) AS days
                FROM events AS e SEMI JOIN ({plans}) AS p USING (requeststableid)
                GROUP BY e.requeststableid
            )
            SELECT median(days) FILTER (WHERE days >= 0), avg(days) FILTER (WHERE days >= 0),
                count(*) FILTER (WHERE days >= 0), count(*) FILTER (WHERE days < 0)
            FROM pairs
            """
        ).fetchone()
        if n or bad:
            results.append(
                StageResult(
                    f"advice_requested_{agency}",
                    f"advice_received_{agency}",
                    one_dp(med),
                    one_dp(mean),
                    n,
                    bad,
                )
            )
    return results
