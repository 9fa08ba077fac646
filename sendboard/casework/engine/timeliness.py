"""Requests, decisions and EHC plan timeliness (send-rules sections 1 and 3).

Timeliness is counted by the date of issue (assessmentoutcomedate of a Y outcome);
requests and refusals by the date received; decisions by the date the family was told.
"""

from typing import Literal

from sendboard.casework.engine.results import Scope

Band = Literal["within_20", "20_52", "over_52"]

MISSING_REQUEST_DATE = "missing request date"
ISSUED_BEFORE_REQUEST = "issued before the request was received"
TOLD_BEFORE_REQUEST = "decision dated before the request was received"
TRANSFERRED_IN = "transferred in or historical (assessment H)"
OTHER_LA_ASSESSMENT = "issued after an assessment by another LA (assessment S)"
EXCEPTION = "20-week exception applies (week20 = 1)"
UNDATED_DECISION = "decided, but not dated (no date the family was told)"
DECIDED_NOT_ISSUED = "decided to issue, plan not yet issued (assessment Y, no date)"


Family = tuple[str, str, str]  # (rows query, excluded expression, counted expression)


def issued_rows(scope: Scope) -> str:
    """Plans issued in the period, one row per assessment, measure = days from request;
    ``excluded`` without the exception rule and a ``counted_<band>`` flag per band."""
    s_rule = (
        ""
        if scope.options.include_s_in_timeliness
        else f"WHEN a.assessmentoutcome = 'S' THEN '{OTHER_LA_ASSESSMENT}'"
    )
    days = "datediff('day', a.receiveddate, issued)"
    return f"""
        SELECT a.assessmenttableid AS row_id, a.requeststableid,
            CASE
                WHEN a.assessmentoutcome = 'H' THEN '{TRANSFERRED_IN}'
                {s_rule}
                WHEN a.receiveddate IS NULL THEN '{MISSING_REQUEST_DATE}'
                WHEN issued < a.receiveddate THEN '{ISSUED_BEFORE_REQUEST}'
            END AS excluded,
            coalesce({scope.within(days, 20)}, false) AS counted_within_20,
            coalesce(NOT {scope.within(days, 20)} AND {scope.within(days, 52)}, false)
                AS counted_20_52,
            coalesce(NOT {scope.within(days, 52)}, false) AS counted_over_52,
            {days} AS measure,
            a.receiveddate, issued AS issueddate, a.assessmentoutcome, a.week20
        FROM assessment_x AS a
        WHERE a.assessmentoutcome IN ('Y', 'S', 'H') AND {scope.in_period("issued")}
    """


def issued_family(scope: Scope, *, band: Band = "within_20", exceptions: bool = True) -> Family:
    excluded = (
        "excluded"
        if exceptions
        else f"coalesce(excluded, CASE WHEN week20 = 1 THEN '{EXCEPTION}' END)"
    )
    return issued_rows(scope), excluded, f"counted_{band}"


def issued_plans(scope: Scope, *, band: Band = "within_20", exceptions: bool = True) -> str:
    """Plans issued in the period, one row per assessment, measure = days from request.

    H plans (transfers in, historical) and, by default, S plans dated in the period are
    shown as left out rather than silently dropped, as the DfE denominator is smaller
    than all new plans. Without exceptions, week20 = 1 plans are left out too.
    """
    rows, excluded, counted = issued_family(scope, band=band, exceptions=exceptions)
    return f"""
        SELECT row_id, requeststableid, {excluded} AS excluded, {counted} AS counted,
            measure, receiveddate, issueddate, assessmentoutcome, week20
        FROM ({rows})
    """


def requests_family(scope: Scope, *, outcome: str | None = None) -> Family:
    counted = "true" if outcome is None else f"coalesce(requestoutcome = '{outcome}', false)"
    rows = f"""
        SELECT requeststableid AS row_id, requeststableid,
            CASE WHEN receiveddate IS NULL THEN '{MISSING_REQUEST_DATE}' END AS excluded,
            NULL::DOUBLE AS measure,
            receiveddate, requestoutcome, requestoutcomedate
        FROM requests
        WHERE {scope.in_period("receiveddate")} OR receiveddate IS NULL
    """
    return rows, "excluded", counted


def requests_received(scope: Scope, *, outcome: str | None = None) -> str:
    """Requests received in the period; ``counted`` marks those with ``outcome``."""
    rows, excluded, counted = requests_family(scope, outcome=outcome)
    return f"""
        SELECT row_id, requeststableid, {excluded} AS excluded, {counted} AS counted,
            measure, receiveddate, requestoutcome, requestoutcomedate
        FROM ({rows})
    """


def request_decisions(scope: Scope) -> str:
    """Decisions whether to assess (Y or N) told in the period, within 6 weeks."""
    return _decisions(
        scope,
        row_id="requeststableid",
        told="requestoutcomedate",
        weeks=6,
        source="requests",
        where="requestoutcome IN ('Y', 'N')",
        shown="requestoutcome, ",
    )


def not_to_issue_decisions(scope: Scope) -> str:
    """Decisions not to issue a plan (assessment N) told in the period, within 16 weeks."""
    return _decisions(
        scope,
        row_id="assessmenttableid",
        told="assessmentoutcomedate",
        weeks=16,
        source="assessment_x",
        where="assessmentoutcome = 'N'",
    )


def _decisions(
    scope: Scope, *, row_id: str, told: str, weeks: int, source: str, where: str, shown: str = ""
) -> str:
    """Decisions told in the period, within ``weeks`` of the request. A decision
    without the date it was told cannot be timed or placed in a period by that date: it
    is left out, counted in the period its request was received."""
    days = f"datediff('day', receiveddate, {told})"
    return f"""
        SELECT {row_id} AS row_id, requeststableid,
            CASE
                WHEN receiveddate IS NULL THEN '{MISSING_REQUEST_DATE}'
                WHEN {told} IS NULL THEN '{UNDATED_DECISION}'
                WHEN {told} < receiveddate THEN '{TOLD_BEFORE_REQUEST}'
            END AS excluded,
            coalesce({scope.within(days, weeks)}, false) AS counted,
            {days} AS measure,
            receiveddate, {shown}{told}
        FROM {source}
        WHERE {where} AND ({scope.in_period(told)}
            OR ({told} IS NULL AND {scope.in_period("receiveddate")}))
    """


def open_family(scope: Scope, *, weeks: int) -> Family:
    day = scope.day
    days = f"datediff('day', receiveddate, {day})"
    rows = f"""
        SELECT requeststableid AS row_id, requeststableid,
            CASE
                WHEN receiveddate IS NULL THEN '{MISSING_REQUEST_DATE}'
                WHEN undated_y THEN '{DECIDED_NOT_ISSUED}'
            END AS excluded,
            {days} AS measure,
            receiveddate, requestoutcomedate
        FROM request_status
        WHERE coalesce(receiveddate <= {day}, true)
            AND coalesce(requestoutcomedate <= {day}, true)
            AND NOT closed_undated
            AND coalesce(decided > {day}, true)
    """
    return rows, "excluded", f"coalesce(NOT {scope.within('measure', weeks)}, false)"


def open_assessments(scope: Scope, *, weeks: int) -> str:
    """Assessments open at the as-at date; ``counted`` when past ``weeks`` weeks.

    Open means the request was decided Y by the as-at date and the assessment is blank
    or A at that date: an outcome dated later counts as not yet known, so an earlier
    as-at date reconstructs the position then. W, H and S outcomes carry no date and
    close the case whenever they are.
    """
    rows, excluded, counted = open_family(scope, weeks=weeks)
    return f"""
        SELECT row_id, requeststableid, {excluded} AS excluded, {counted} AS counted,
            measure, receiveddate, requestoutcomedate
        FROM ({rows})
    """


FAMILIES = {
    issued_plans: issued_family,
    requests_received: requests_family,
    open_assessments: open_family,
}
