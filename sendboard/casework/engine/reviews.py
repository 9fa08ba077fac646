"""Caseload, annual reviews, amended plans and phase transfers (send-rules 1 and 4)."""

import duckdb

from sendboard.casework.engine.connection import snapshot_as_at
from sendboard.casework.engine.results import Scope

CEASED = "plan ceased by the as-at date"
NOT_STARTED = "plan issued after the as-at date"
NO_PLAN_DATE = "no plan issue, start or review date"
DECISION_BEFORE_MEETING = "review decision dated before the meeting"
EARLIER_REVIEW = (
    "decision of an earlier review, its meeting date not held (latest meeting not yet decided)"
)
AMENDMENTS_BEFORE_MEETING = "amendments dated before the meeting"
NOT_YET_DUE = "deadline not yet reached and no final plan"
NO_MEETING = "no review meeting date (SEN2 holds it from the 2024 return)"


NO_AMENDED_FINALS = (
    "needs the date each final amended plan was issued, which SEN2 does not hold:"
    " add amended_plan_issued events from the local system to the export"
)


def reviews_unknowable(con: duckdb.DuckDBPyConnection, scope: Scope) -> str:
    """SEN2 keeps only each plan's latest review, so a review made after an earlier
    as-at date hides whether the plan was overdue then."""
    latest = snapshot_as_at(con)
    if latest and scope.as_at < latest:
        return (
            f"cannot be known at {scope.as_at:%-d %B %Y} from a snapshot as at"
            f" {latest:%-d %B %Y}: SEN2 keeps only each plan's latest review"
        )
    return ""


def amended_finals_missing(con: duckdb.DuckDBPyConnection, scope: Scope) -> str:
    held = con.execute(
        "SELECT count(*) FROM events WHERE event = 'amended_plan_issued'"
    ).fetchone()[0]
    return "" if held else NO_AMENDED_FINALS


def _active(scope: Scope) -> str:
    """Every active plans row with the plan's date and whether it is live at the as-at.

    A plan's date is its issue date (Y or S outcome), else the named plan's start date,
    which is all a transfer in (H) may carry.
    """
    day = scope.day
    return f"""
        SELECT *, coalesce(issued, startdate) AS plandate,
            CASE
                WHEN ceasedate <= {day} THEN '{CEASED}'
                WHEN coalesce(issued, startdate) > {day} THEN '{NOT_STARTED}'
            END AS inactive
        FROM active_base
    """


def active_plans(scope: Scope) -> str:
    return f"""
        SELECT activeplanstableid AS row_id, requeststableid,
            inactive AS excluded, true AS counted, NULL::DOUBLE AS measure, plandate
        FROM ({_active(scope)})
    """


def overdue_reviews(scope: Scope) -> str:
    """Live plans whose review is due before the as-at date.

    Due 12 months after the last review decision made by the as-at date, else 12
    months after the plan was issued (or started); a review on the due date is in time.
    """
    day = scope.day
    due = (
        f"(coalesce(CASE WHEN lastreview <= {day} THEN lastreview END, plandate)"
        " + INTERVAL 12 MONTH)::DATE"
    )
    return f"""
        SELECT activeplanstableid AS row_id, requeststableid,
            coalesce(inactive, CASE WHEN {due} IS NULL THEN '{NO_PLAN_DATE}' END) AS excluded,
            coalesce({day} > {due}, false) AS counted,
            datediff('day', {due}, {day}) AS measure,
            plandate, lastreview, {due} AS reviewdue
        FROM ({_active(scope)})
    """


def review_decisions(scope: Scope) -> str:
    """Review decisions made in the period, within 4 weeks of the meeting.

    The decision date is lastreview; for an amend outcome without one, the date the
    proposed amendments were sent, as they must go with the decision. While the latest
    meeting awaits its decision (reviewoutcome blank), an earlier lastreview is the
    previous review's, whose meeting SEN2 does not keep: it is left out, saying so. A
    decision without a meeting date (none before the 2024 return) is left out, counted.
    """
    decided = "coalesce(lastreview, CASE WHEN reviewoutcome = 'A' THEN reviewdraft END)"
    days = f"datediff('day', reviewmeeting, {decided})"
    return f"""
        SELECT activeplanstableid AS row_id, requeststableid,
            CASE
                WHEN reviewmeeting IS NULL THEN '{NO_MEETING}'
                WHEN reviewoutcome IS NULL AND {decided} < reviewmeeting
                    THEN '{EARLIER_REVIEW}'
                WHEN {decided} < reviewmeeting THEN '{DECISION_BEFORE_MEETING}'
            END AS excluded,
            coalesce({scope.within(days, 4)}, false) AS counted,
            {days} AS measure,
            reviewmeeting, reviewoutcome, {decided} AS decisiondate
        FROM activeplans
        WHERE {scope.in_period(decided)}
    """


def amended_plans(scope: Scope) -> str:
    """Final amended plans issued in the period after an amend decision.

    On time when issued within 8 weeks of the amendments being sent (reviewdraft) and
    within 12 weeks of the meeting; without a reviewdraft date only the 12-week cap
    applies. The final is the first ``amended_plan_issued`` event on or after the
    meeting.
    """
    meeting_days = "datediff('day', reviewmeeting, final)"
    sent_days = "datediff('day', reviewdraft, final)"
    on_time = (
        f"({scope.within(meeting_days, 12)}"
        f" AND (reviewdraft IS NULL OR {scope.within(sent_days, 8)}))"
    )
    return f"""
        SELECT activeplanstableid AS row_id, requeststableid,
            CASE WHEN reviewdraft < reviewmeeting THEN '{AMENDMENTS_BEFORE_MEETING}' END
                AS excluded,
            coalesce({on_time}, false) AS counted,
            {meeting_days} AS measure,
            reviewmeeting, reviewdraft, final AS finaldate,
            least(reviewdraft + 56, reviewmeeting + 84) AS finaldue
        FROM amended_finals
        WHERE {scope.in_period("final")}
    """


def phase_transfers(scope: Scope) -> str:
    """Phase transfers whose deadline falls in the period, on time if the final
    amended plan came before it.

    phasetransferduedate on 15 February or 31 March is read as the deadline itself;
    any other date is read as the transfer date, and the deadline is 31 March of that
    year for a young person 16 or over on the 31 August before it (secondary to
    post-16), else 15 February. Without a birth month, the school-phase deadline
    applies. A transfer with no final plan counts as late once a plan issued on the
    as-at date could no longer be on time.
    """
    operator = "<" if scope.options.phase_transfer_strictly_before else "<="
    # Not yet due while a final plan issued on the as-at date would still be on time:
    # strictly before the deadline, the deadline day itself is already too late.
    pending = f"{scope.day} {operator} deadline"
    age = (
        "year(ap.phasetransferduedate) - year(ap.birthmonth)"
        " - CASE WHEN month(ap.birthmonth) >= 9 THEN 1 ELSE 0 END"
    )
    due = "ap.phasetransferduedate"
    deadline = f"""
        CASE
            WHEN month({due}) = 2 AND day({due}) = 15 THEN {due}
            WHEN month({due}) = 3 AND day({due}) = 31 THEN {due}
            WHEN coalesce({age} >= 16, false) THEN make_date(year({due}), 3, 31)
            ELSE make_date(year({due}), 2, 15)
        END
    """
    return f"""
        SELECT activeplanstableid AS row_id, requeststableid,
            CASE WHEN finaldate IS NULL AND {pending} THEN '{NOT_YET_DUE}' END
                AS excluded,
            coalesce(finaldate {operator} deadline, false) AS counted,
            datediff('day', deadline, finaldate) AS measure,
            deadline, finaldate,
            CASE WHEN month(deadline) = 3 THEN 'post-16' ELSE 'school phase' END AS route
        FROM (
            SELECT ap.activeplanstableid, ap.requeststableid,
                ap.phasetransferfinaldate AS finaldate, {deadline} AS deadline
            FROM transfers AS ap
        )
        WHERE {scope.in_period("deadline")}
    """
