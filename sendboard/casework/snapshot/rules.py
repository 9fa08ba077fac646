"""What a source must hold, beyond the column types in schema.py.

Missing dates that the engine can count as "left out" (a decided request without its
outcome date, say) are not errors here: the engine reports them. What is rejected is
what cannot be right: unknown codes, dates that are not dates or run backwards, rows
whose parent is missing and repeated identifiers.
"""

import re

from sendboard.casework import schema

# Identifier columns replaced by a keyed hash wherever they appear.
ID_COLUMNS = (
    "persontableid",
    "requeststableid",
    "assessmenttableid",
    "namedplantableid",
    "activeplanstableid",
    "referralid",
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
    "requests": ("receiveddate", "requestoutcome"),
    "assessment": ("assessmentoutcome",),
    "namedplan": ("startdate",),
    "senneed": ("sentype", "sentyperank"),
    "events": ("event", "date"),
    "teams": ("team",),
    "referrals": ("service", "referraldate"),
}

# Code lists checked (upper-cased) wherever the column is filled in.
CODES: dict[tuple[str, str], tuple[str, ...]] = {
    ("requests", "requestoutcome"): schema.REQUEST_OUTCOMES,
    ("assessment", "assessmentoutcome"): schema.ASSESSMENT_OUTCOMES,
    ("assessment", "week20"): ("0", "1"),
    ("namedplan", "ceasereason"): tuple(str(code) for code in schema.CEASE_REASONS),
    ("activeplans", "reviewoutcome"): schema.REVIEW_OUTCOMES,
    ("senneed", "sentype"): schema.SEN_TYPES,
    ("senneed", "sentyperank"): ("1", "2"),
}

# Event names are matched as written, lower case.
EVENT_NAMES = schema.EVENTS

# (table, later, earlier): `later` may not fall before `earlier` on the same row.
DATE_ORDER: tuple[tuple[str, str, str], ...] = (
    ("requests", "requestoutcomedate", "receiveddate"),
    ("namedplan", "ceasedate", "startdate"),
    ("activeplans", "lastreview", "reviewmeeting"),
    ("activeplans", "reviewdraft", "reviewmeeting"),
    ("placement", "leavingdate", "entrydate"),
    ("referrals", "firstcontactdate", "referraldate"),
    ("referrals", "outcomedate", "referraldate"),
    ("referrals", "dischargedate", "referraldate"),
)

# Dates outside this range are typing errors (0204 for 2024), not history.
EARLIEST_YEAR = 1900
LATEST_YEAR = 2100

# Read only to be reduced to a month; no other personal column is read at all.
BIRTHDATE = "personbirthdate"

HEADER = "header"

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
