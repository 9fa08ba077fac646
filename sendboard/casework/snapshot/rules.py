"""What a source must hold, beyond the column types in schema.py.

SEN2 leaves an item blank for what has not happened yet or does not apply
(send-rules.md section 2), so a blank is refused only where a row means nothing
without it: its identifiers, and the type of a SEN need. The engine treats the other
blanks as the rules say (a blank request or assessment outcome is not yet decided, a
blank outcome date a decision not yet told or a plan not yet issued, blank review
items a plan not yet reviewed) and shows what it had to leave out. What is refused is
what cannot be right: unknown codes, dates that are not dates or run backwards, rows
whose parent is missing and repeated identifiers.
"""

import re

from sendboard.casework import schema

# Identifier columns replaced by a keyed hash wherever they appear.
ID_COLUMNS = tuple(
    dict.fromkeys(
        name
        for table in schema.ALL_TABLES
        for name, kind in table.columns.items()
        if kind == schema.ID
    )
)

# Columns a source must have, beyond the key and parent of each table.
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "requests": ("receiveddate", "requestoutcome", "requestoutcomedate"),
    "assessment": ("assessmentoutcome", "assessmentoutcomedate", "week20"),
    "namedplan": ("startdate",),
    "senneed": ("sentype", "sentyperank"),
    "events": ("event", "date"),
    "teams": ("team",),
    "referrals": ("service", "referraldate"),
}

# Columns that may not be blank on any row, beyond the key and parent.
NOT_BLANK: dict[str, tuple[str, ...]] = {
    "senneed": ("sentype",),
    "events": ("event", "date"),
    "teams": ("team",),
    "referrals": ("service", "referraldate"),
}

# Code lists checked (upper-cased) wherever the column is filled in. A need's rank is
# any whole number (1 primary, 2 secondary, 3 and on further needs), so is not here.
CODES: dict[tuple[str, str], tuple[str, ...]] = {
    ("requests", "requestoutcome"): schema.REQUEST_OUTCOMES,
    ("assessment", "assessmentoutcome"): schema.ASSESSMENT_OUTCOMES,
    ("assessment", "week20"): ("0", "1"),
    ("namedplan", "ceasereason"): tuple(str(code) for code in schema.CEASE_REASONS),
    ("activeplans", "reviewoutcome"): schema.REVIEW_OUTCOMES,
    ("senneed", "sentype"): schema.SEN_TYPES,
}

# Event names are matched as written, lower case.
EVENT_NAMES = schema.EVENTS

# (table, later, earlier, only if): `later` may not fall before `earlier` on the same
# row, where the condition (SQL over the row, "" for always) holds.
DATE_ORDER: tuple[tuple[str, str, str, str], ...] = (
    ("requests", "requestoutcomedate", "receiveddate", ""),
    ("namedplan", "ceasedate", "startdate", ""),
    # Until the latest meeting has its decision (reviewoutcome blank), lastreview and
    # reviewdraft may be those of the review before it.
    ("activeplans", "lastreview", "reviewmeeting", "reviewoutcome IS NOT NULL"),
    ("activeplans", "reviewdraft", "reviewmeeting", "reviewoutcome IS NOT NULL"),
    ("placement", "leavingdate", "entrydate", ""),
    ("referrals", "firstcontactdate", "referraldate", ""),
    ("referrals", "outcomedate", "referraldate", ""),
    ("referrals", "dischargedate", "referraldate", ""),
)

# (table, date, outcome, outcomes): send-rules 2 gives the date no value for these
# outcomes, nor for a blank one (not yet decided). Such a date is not an impossible
# one (a system may keep the day a request was withdrawn), so it is not refused; no
# figure reads it, and a warning says so.
UNDECIDED_DATES: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("requests", "requestoutcomedate", "requestoutcome", ("A", "W", "H")),
)

# Dates outside this range are typing errors (0204 for 2024), not history.
EARLIEST_YEAR = 1900
LATEST_YEAR = 2100

# Read only to be reduced to a month; no other personal column is read at all.
BIRTHDATE = "personbirthdate"

HEADER = "header"

# Items known, and deliberately not read, in any table ("*") or the one named; beside
# them, any column or element named like an identifier (ending "tableid").
PASSED_OVER: dict[str, set[str]] = {
    "*": {"dmo", "dco", "dsco"},
    HEADER: {"sourcelevel", "release", "serialno", "datetime"},
    "person": {"surname", "forename", "upn", "uniquelearnernumber", "upnunknown", "postcode"},
    "activeplans": {"res", "wbp"},
    "plandetail": set(),
    "placement": {"sensettingother", "attendancepattern"},
}


def passed_over(table: str, key: str) -> bool:
    """Whether column or element `key` of `table` is known and deliberately not read."""
    return key in PASSED_OVER["*"] | PASSED_OVER.get(table, set()) or key.endswith("tableid")


# The column carrying each row's own number in the source, for a table copied to CSV
# from a workbook sheet (its row) or an XML return (its element's line).
SHEET_ROW = "__sheet_row"
# Beside a column of a table copied from an XML return: the line of each cell's element.
CELL_LINE = "__line"

# File or sheet names (after lower-casing and dropping separators) for each table.
_ALIASES: dict[str, tuple[str, ...]] = {
    HEADER: ("header",),
    "person": ("person", "persons", "people", "child", "children"),
    "requests": ("requests", "request"),
    "assessment": ("assessment", "assessments"),
    "namedplan": ("namedplan", "namedplans", "plan", "plans", "ehcplan", "ehcplans"),
    "plandetail": ("plandetail", "plandetails", "namedplandetail"),
    "activeplans": ("activeplans", "activeplan"),
    "placement": ("placement", "placements", "placementdetail", "placementdetails"),
    "senneed": ("senneed", "senneeds", "need", "needs", "sentype"),
    "events": ("events", "event", "milestones"),
    "teams": ("teams", "team", "localities", "locality"),
    "referrals": ("referrals", "referral", "waitinglist", "waitinglists"),
}
_BY_ALIAS = {alias: table for table, aliases in _ALIASES.items() for alias in aliases}
# "module1_person", "4a_namedplan", "Module 5c - SEN need", "sen2_requests".
_PREFIX = re.compile(r"^(?:sen2)?(?:module)?\d{0,2}[abc]?")


def table_for_name(name: str) -> str | None:
    """The table a file stem or sheet name holds, or None if it is not one of ours."""
    squashed = re.sub(r"[\s_\-.]+", "", name.lower())
    if squashed in _BY_ALIAS:
        return _BY_ALIAS[squashed]
    return _BY_ALIAS.get(_PREFIX.sub("", squashed, count=1))


def column_key(name: str) -> str:
    """A column name as matched: case, spaces and underscores ignored (Referral_ID is
    referralid), and any byte-order mark a spreadsheet left on the first one dropped."""
    return re.sub(r"[\s_]+", "", name.lstrip("\ufeff").lower())
