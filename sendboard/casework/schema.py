"""The shape of a stored casework snapshot: the contract between import and engine.

A snapshot is a folder ``<SENDBOARD_DATA_DIR>/casework/<snapshot code>/`` holding one
Parquet file per table below and a ``manifest.json``; snapshots imported since the
engine's derived tables (``engine/derived.py``) are stored also hold them, in
``derived/``. Column names are the SEN2 item names (lower case). Identifiers are
keyed-hash pseudonyms (UUID; text in snapshots of schema version 1, which readers
still take, and in the engine's test folders); names, dates of birth, UPNs, ULNs and postcodes never
reach a snapshot. Dates are DATE. Codes keep the DfE letters and numbers (see
send-rules.md section 2).

This module knows nothing of Django, so the engine and the benchmarks can use it.
"""

from dataclasses import dataclass

DATE = "DATE"
TEXT = "VARCHAR"
INT = "INTEGER"
# A pseudonym: 128 bits, stored as UUID, as it is half the size of its hex text and
# joins as a number, not a string.
ID = "UUID"


@dataclass(frozen=True)
class Table:
    name: str
    columns: dict[str, str]
    key: str | None
    parent: tuple[str, str] | None = None  # (column, table) this table hangs off
    required: bool = True


SEN2_TABLES: tuple[Table, ...] = (
    Table(
        "person",
        {"persontableid": ID, "birthmonth": DATE, "sex": TEXT, "ethnicity": TEXT},
        key="persontableid",
    ),
    Table(
        "requests",
        {
            "requeststableid": ID,
            "persontableid": ID,
            "receiveddate": DATE,
            "requestsource": TEXT,
            "rya": TEXT,
            "requestoutcomedate": DATE,
            "requestoutcome": TEXT,
            "requestmediation": TEXT,
            "requesttribunal": TEXT,
            "exported": TEXT,
        },
        key="requeststableid",
        parent=("persontableid", "person"),
    ),
    Table(
        "assessment",
        {
            "assessmenttableid": ID,
            "requeststableid": ID,
            "assessmentoutcome": TEXT,
            "assessmentoutcomedate": DATE,
            "assessmentmediation": TEXT,
            "assessmenttribunal": TEXT,
            "othermediation": TEXT,
            "othertribunal": TEXT,
            "week20": INT,
        },
        key="assessmenttableid",
        parent=("requeststableid", "requests"),
    ),
    Table(
        "namedplan",
        {
            "namedplantableid": ID,
            "assessmenttableid": ID,
            "startdate": DATE,
            "planres": TEXT,
            "planwbp": TEXT,
            "pb": TEXT,
            "oa": TEXT,
            "dp": TEXT,
            "ceasedate": DATE,
            "ceasereason": INT,
        },
        key="namedplantableid",
        parent=("assessmenttableid", "assessment"),
    ),
    Table(
        "plandetail",
        {
            "namedplantableid": ID,
            "urn": TEXT,
            "ukprn": TEXT,
            "sensetting": TEXT,
            "sensettingother": TEXT,
            "placementrank": INT,
            "senunitindicator": TEXT,
            "resourcedprovisionindicator": TEXT,
        },
        key=None,
        parent=("namedplantableid", "namedplan"),
        required=False,
    ),
    Table(
        "activeplans",
        {
            "activeplanstableid": ID,
            "requeststableid": ID,
            "transferla": TEXT,
            "reviewmeeting": DATE,
            "reviewoutcome": TEXT,
            "lastreview": DATE,
            "reviewdraft": DATE,
            "phasetransferduedate": DATE,
            "phasetransferfinaldate": DATE,
        },
        key="activeplanstableid",
        parent=("requeststableid", "requests"),
    ),
    Table(
        "placement",
        {
            "activeplanstableid": ID,
            "urn": TEXT,
            "ukprn": TEXT,
            "sensetting": TEXT,
            "placementrank": INT,
            "entrydate": DATE,
            "leavingdate": DATE,
            "senunitindicator": TEXT,
            "resourcedprovisionindicator": TEXT,
            "res": TEXT,
            "wbp": TEXT,
        },
        key=None,
        parent=("activeplanstableid", "activeplans"),
        required=False,
    ),
    Table(
        "senneed",
        {"activeplanstableid": ID, "sentype": TEXT, "sentyperank": INT},
        key=None,
        parent=("activeplanstableid", "activeplans"),
        required=False,
    ),
)

LOCAL_TABLES: tuple[Table, ...] = (
    # Dated milestones a local system holds beyond SEN2; event names in EVENTS.
    Table(
        "events",
        {"requeststableid": ID, "event": TEXT, "date": DATE},
        key=None,
        parent=("requeststableid", "requests"),
        required=False,
    ),
    Table(
        "teams",
        {"requeststableid": ID, "team": TEXT},
        key="requeststableid",
        parent=("requeststableid", "requests"),
        required=False,
    ),
)

# One row per referral to a health waiting list (SALT, ASD, ADHD, NST, ...).
REFERRALS = Table(
    "referrals",
    {
        "referralid": ID,
        "service": TEXT,
        "pathway": TEXT,
        "referraldate": DATE,
        "firstcontactdate": DATE,
        "outcomedate": DATE,
        "dischargedate": DATE,
        "ageband": TEXT,
    },
    key="referralid",
    required=False,
)

ALL_TABLES: tuple[Table, ...] = (*SEN2_TABLES, *LOCAL_TABLES, REFERRALS)

# Event names the engine understands, in the order a case passes them.
# advice_requested_<agency> / advice_received_<agency> for agency in ADVICE_AGENCIES.
ADVICE_AGENCIES = ("education", "health", "social_care", "ep")
EVENTS = (
    "decision_to_assess",
    *(f"advice_requested_{agency}" for agency in ADVICE_AGENCIES),
    *(f"advice_received_{agency}" for agency in ADVICE_AGENCIES),
    "panel_1",
    "panel_2",
    "draft_issued",
    "final_issued",
    "amendments_sent",
    "amended_plan_issued",
)

REQUEST_OUTCOMES = ("Y", "N", "A", "W", "H")
ASSESSMENT_OUTCOMES = ("Y", "N", "A", "W", "H", "S")
REVIEW_OUTCOMES = ("A", "C", "M")
CEASE_REASONS = tuple(range(1, 10))
SEN_TYPES = (
    "SPLD",
    "MLD",
    "SLD",
    "PMLD",
    "SEMH",
    "SLCN",
    "HI",
    "VI",
    "MSI",
    "PD",
    "ASD",
    "DS",
    "OTH",
)

# COPY options for every Parquet file of a snapshot.
PARQUET_OPTIONS = "FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1"

MANIFEST = "manifest.json"
# The manifest key holding the date the case data was extracted (ISO date).
MANIFEST_AS_AT = "as_at"
# Bumped whenever a table or column above changes; written into every manifest.
# 2: identifiers stored as UUID rather than their 32 hex digits.
SCHEMA_VERSION = 2
