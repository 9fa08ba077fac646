"""The joins many indicators share, as tables made once per snapshot.

Each indicator then reads one table instead of repeating the join. The importer
writes them into the snapshot beside its tables (``connection.write_derived``), so
opening a snapshot only lays views over them and each query reads just the columns
it needs; a snapshot without them, or with them from other definitions (``VERSION``),
has them built when it is opened.
"""

from pathlib import Path

# Raise whenever a query below changes: a snapshot whose manifest records another
# version has its derived tables built from its own tables rather than read.
VERSION = 2

# The manifest entry that records the stored derived tables.
MANIFEST_KEY = "derived"

# Independent of any period or as-at date, so they hold for every computation. In
# order: later ones read earlier ones.
DERIVED: dict[str, str] = {
    # One row per assessment with its named plan's dates and its request's received
    # date; H and S plans are dated by the plan's start when they carry no outcome date.
    # ``ceasedate`` is set only when every named plan row has ceased, and ``named``
    # tells an assessment with a live plan from one with no plan (both lack a date).
    "assessment_x": """
        SELECT a.assessmenttableid, a.requeststableid, a.assessmentoutcome,
            a.assessmentoutcomedate, a.week20, p.startdate, p.ceasedate, r.receiveddate,
            CASE WHEN a.assessmentoutcome = 'Y' THEN a.assessmentoutcomedate
                 ELSE coalesce(a.assessmentoutcomedate, p.startdate) END AS issued,
            coalesce(p.named, false) AS named
        FROM assessment AS a
        LEFT JOIN (
            SELECT assessmenttableid, min(startdate) AS startdate,
                CASE WHEN count(ceasedate) = count(*) THEN max(ceasedate) END AS ceasedate,
                true AS named
            FROM namedplan GROUP BY assessmenttableid
        ) AS p USING (assessmenttableid)
        LEFT JOIN (SELECT requeststableid, receiveddate FROM requests) AS r
            USING (requeststableid)
    """,
    # One row per request that has assessments: what they say about its plan. It has
    # ceased only when all its plans have: one live plan keeps it in the caseload.
    "request_plans": """
        SELECT requeststableid,
            min(assessmentoutcomedate) FILTER (WHERE assessmentoutcome IN ('Y', 'N'))
                AS decided,
            bool_or(assessmentoutcome IN ('W', 'H', 'S')) AS closed_undated,
            bool_or(assessmentoutcome = 'Y' AND assessmentoutcomedate IS NULL) AS undated_y,
            min(assessmentoutcomedate) FILTER (WHERE assessmentoutcome IN ('Y', 'S'))
                AS issued,
            min(startdate) AS startdate,
            CASE WHEN bool_and(ceasedate IS NOT NULL) FILTER (WHERE named)
                THEN max(ceasedate) END AS ceasedate
        FROM assessment_x GROUP BY requeststableid
    """,
    # Requests decided Y (to assess), with whether their assessment is still open.
    "request_status": """
        SELECT r.requeststableid, r.receiveddate, r.requestoutcomedate, p.decided,
            coalesce(p.closed_undated, false) AS closed_undated,
            coalesce(p.undated_y, false) AS undated_y
        FROM requests AS r LEFT JOIN request_plans AS p USING (requeststableid)
        WHERE r.requestoutcome = 'Y'
    """,
    # Active plans rows with their plan's issue (Y or S), start and cease dates: only
    # the columns the caseload and review indicators read, as copying the others into
    # the table is wasted work when it is built on opening.
    "active_base": """
        SELECT ap.activeplanstableid, ap.requeststableid, ap.lastreview, p.issued,
            p.startdate, p.ceasedate
        FROM activeplans AS ap LEFT JOIN request_plans AS p USING (requeststableid)
    """,
    # Active plans after an amend outcome with their final amended plan: the first
    # amended_plan_issued event on or after the review meeting.
    "amended_finals": """
        SELECT ap.activeplanstableid, ap.requeststableid, ap.reviewmeeting,
            ap.reviewdraft, min(e.date) AS final
        FROM activeplans AS ap
        JOIN events AS e
            ON e.requeststableid = ap.requeststableid
            AND e.event = 'amended_plan_issued'
            AND e.date >= ap.reviewmeeting
        WHERE ap.reviewoutcome = 'A'
        GROUP BY ALL
    """,
    # Phase transfers with the young person's birth month, joined from the side of the
    # transferring few: joining every request to every person first costs more.
    "transfers": """
        WITH transfers AS (
            SELECT activeplanstableid, requeststableid, phasetransferduedate,
                phasetransferfinaldate
            FROM activeplans WHERE phasetransferduedate IS NOT NULL
        ),
        births AS (
            SELECT t.requeststableid, p.birthmonth
            FROM transfers AS t
            JOIN requests AS r USING (requeststableid)
            JOIN person AS p USING (persontableid)
        )
        SELECT * FROM transfers LEFT JOIN births USING (requeststableid)
    """,
}

FOLDER = "derived"


def file_of(name: str) -> str:
    """Where derived table ``name`` is stored, relative to the snapshot folder."""
    return f"{FOLDER}/{name}.parquet"


def stored_in(folder: Path, manifest: dict[str, object]) -> bool:
    """Whether the snapshot holds every derived table, written by these definitions."""
    entry = manifest.get(MANIFEST_KEY)
    return (
        isinstance(entry, dict)
        and entry.get("version") == VERSION
        and all((folder / file_of(name)).is_file() for name in DERIVED)
    )
