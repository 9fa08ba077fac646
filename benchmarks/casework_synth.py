"""Synthetic SEN2-shaped snapshots for the casework benchmark, generated in DuckDB.

Realistic enough to exercise every indicator: five years of requests with every
outcome, exceptions, transfers in, S outcomes, ceased plans, reviews with amendments,
phase transfers, stage events, teams and three waiting lists.
"""

import json
from pathlib import Path

import duckdb

AS_AT = "2025-01-16"

_TABLES = {
    "person": """
        SELECT 'P' || i AS persontableid,
            (DATE '2000-01-01' + INTERVAL (floor(random() * 288)::INT) MONTH)::DATE AS birthmonth,
            CASE WHEN random() < 0.7 THEN 'M' ELSE 'F' END AS sex, 'WBRI' AS ethnicity
        FROM range({n}) AS t(i)
    """,
    "requests": """
        SELECT 'R' || i AS requeststableid, 'P' || i AS persontableid, receiveddate,
            'PA' AS requestsource, NULL AS rya,
            CASE WHEN requestoutcome IN ('Y', 'N')
                THEN receiveddate + (20 + floor(random() * 50))::INT END AS requestoutcomedate,
            requestoutcome, NULL AS requestmediation, NULL AS requesttribunal, NULL AS exported
        FROM (
            SELECT i, receiveddate,
                CASE WHEN u < 0.04 THEN 'H' WHEN u < 0.07 THEN 'W'
                     WHEN u < 0.32 THEN 'N'
                     WHEN u < 0.35 AND receiveddate > DATE '2024-11-01' THEN 'A'
                     ELSE 'Y' END AS requestoutcome
            FROM (
                SELECT i, random() AS u,
                    DATE '2020-01-01' + floor(random() * 1840)::INT AS receiveddate
                FROM range({n}) AS t(i)
            )
        )
    """,
    "assessment": """
        SELECT 'A' || i AS assessmenttableid, requeststableid, outcome AS assessmentoutcome,
            CASE WHEN outcome IN ('Y', 'N') AND issued <= DATE '{as_at}' THEN issued
                 WHEN outcome = 'S' THEN issued END AS assessmentoutcomedate,
            NULL AS assessmentmediation, NULL AS assessmenttribunal,
            NULL AS othermediation, NULL AS othertribunal,
            CASE WHEN random() < 0.06 THEN 1 ELSE 0 END AS week20
        FROM (
            SELECT *, CASE WHEN outcome0 IN ('Y', 'N') AND issued > DATE '{as_at}' THEN 'A'
                           ELSE outcome0 END AS outcome
            FROM (
                SELECT row_number() OVER () AS i, requeststableid,
                    receiveddate + (70 + floor(random() * random() * 450))::INT AS issued,
                    CASE WHEN requestoutcome = 'H' THEN 'H'
                         WHEN u < 0.08 THEN 'N' WHEN u < 0.1 THEN 'W' WHEN u < 0.12 THEN 'S'
                         WHEN u < 0.14 THEN 'A' ELSE 'Y' END AS outcome0
                FROM (SELECT *, random() AS u FROM requests WHERE requestoutcome IN ('Y', 'H'))
            )
        )
    """,
    "namedplan": """
        SELECT 'N' || a.assessmenttableid AS namedplantableid, a.assessmenttableid,
            coalesce(a.assessmentoutcomedate, r.receiveddate + 30) AS startdate,
            NULL AS planres, NULL AS planwbp, NULL AS pb, NULL AS oa, NULL AS dp,
            CASE WHEN random() < 0.08 THEN DATE '{as_at}' - floor(random() * 600)::INT
                END AS ceasedate,
            NULL::INT AS ceasereason
        FROM assessment AS a JOIN requests AS r USING (requeststableid)
        WHERE a.assessmentoutcome IN ('Y', 'S', 'H')
    """,
    "activeplans": """
        SELECT 'AP' || a.assessmenttableid AS activeplanstableid, a.requeststableid,
            NULL AS transferla, meeting AS reviewmeeting, outcome AS reviewoutcome,
            CASE WHEN outcome IS NOT NULL
                THEN meeting + floor(random() * 50)::INT END AS lastreview,
            CASE WHEN outcome = 'A' THEN meeting + floor(random() * 45)::INT END AS reviewdraft,
            transferdate AS phasetransferduedate,
            CASE WHEN random() < 0.9
                THEN make_date(year(transferdate), 1, 5) + floor(random() * 60)::INT
                END AS phasetransferfinaldate
        FROM (
            SELECT a.*, p.ceasedate,
                CASE WHEN random() < 0.85
                    THEN DATE '{as_at}' - floor(random() * 420)::INT END AS meeting,
                CASE WHEN random() < 0.3 THEN 'A' WHEN random() < 0.1 THEN 'C'
                     ELSE 'M' END AS outcome,
                CASE WHEN random() < 0.15 THEN make_date(2020 + floor(random() * 6)::INT, 9, 1)
                    END AS transferdate
            FROM assessment AS a JOIN namedplan AS p USING (assessmenttableid)
        ) AS a
        WHERE ceasedate IS NULL
    """,
    "senneed": """
        SELECT activeplanstableid,
            ['ASD', 'SEMH', 'SLCN', 'MLD', 'SPLD', 'PD'][1 + floor(random() * 6)::INT] AS sentype,
            1 AS sentyperank
        FROM activeplans
    """,
    "events": """
        SELECT requeststableid, event, date FROM (
            SELECT requeststableid, 'panel_1' AS event, r.requestoutcomedate + 35 AS date
            FROM assessment JOIN requests AS r USING (requeststableid)
            WHERE assessmentoutcome = 'Y'
            UNION ALL
            SELECT requeststableid, 'draft_issued', assessmentoutcomedate - 21
            FROM assessment WHERE assessmentoutcome = 'Y'
            UNION ALL
            SELECT requeststableid, 'amended_plan_issued',
                reviewmeeting + (40 + floor(random() * 60))::INT
            FROM activeplans WHERE reviewoutcome = 'A'
        )
        WHERE date <= DATE '{as_at}'
    """,
    "teams": """
        SELECT requeststableid, ['North', 'South', 'East', 'West'][1 + floor(random() * 4)::INT]
            AS team FROM requests
    """,
    "referrals": """
        SELECT 'F' || i AS referralid, ['SALT', 'ASD', 'ADHD'][1 + i % 3] AS service,
            'first contact' AS pathway, referraldate,
            CASE WHEN seen <= DATE '{as_at}' THEN seen END AS firstcontactdate,
            NULL::DATE AS outcomedate, NULL::DATE AS dischargedate, '5-10' AS ageband
        FROM (
            SELECT i, referraldate, referraldate + floor(random() * 500)::INT AS seen
            FROM (
                SELECT i, DATE '2022-01-01' + floor(random() * 1110)::INT AS referraldate
                FROM range({referrals}) AS t(i)
            )
        )
    """,
}


def write_snapshot(folder: Path, *, requests: int, threads: int | None = None) -> dict[str, int]:
    """Write a snapshot of ``requests`` requests; return the row count of each table."""
    folder.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    if threads:
        con.execute(f"SET threads = {threads}")
    con.execute("SELECT setseed(0.42)")
    counts = {}
    for name, sql in _TABLES.items():
        con.execute(
            f"CREATE TABLE {name} AS "
            + sql.format(n=requests, as_at=AS_AT, referrals=max(requests // 5, 30))
        )
        con.execute(f"COPY {name} TO '{folder / name}.parquet' (FORMAT parquet)")
        counts[name] = con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
    (folder / "manifest.json").write_text(json.dumps({"as_at": AS_AT, "rows": counts}))
    return counts
