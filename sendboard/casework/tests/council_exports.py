"""Synthetic SEN2 exports written as councils' systems write them, and the main figures
worked out from them straight from ../shared/send-rules.md.

Written without reading the casework engine, its synthesiser or its test builders, so
that the figures here are a second, independent reading of the rules. The cases are
plain records (`Case`); the writers turn them into CSV modules with local quirks or
into the XML return of one collection year; `figures` counts them as send-rules says.
"""

from __future__ import annotations

import calendar
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from statistics import median
from xml.sax.saxutils import escape

CENSUS = {
    2023: date(2023, 1, 19),
    2024: date(2024, 1, 18),
    2025: date(2025, 1, 16),
    2026: date(2026, 1, 15),
}


# --- the cases -------------------------------------------------------------------


@dataclass
class Plan:
    start: date
    cease: date | None = None
    ceasereason: str = ""


@dataclass
class Active:
    transferla: str = ""
    meeting: date | None = None
    outcome: str = ""
    lastreview: date | None = None
    draft: date | None = None
    phase_due: date | None = None
    phase_final: date | None = None


@dataclass
class Case:
    """One request for an EHC needs assessment and what followed from it."""

    person: int
    request: int
    birth: date
    received: date
    req_outcome: str = ""
    req_date: date | None = None
    has_assessment: bool = False
    ass_outcome: str = ""
    ass_date: date | None = None
    week20: str = ""
    plan: Plan | None = None
    active: Active | None = None
    sex: str = "M"
    surname: str = "Example"
    needs: list[str] = field(default_factory=lambda: ["ASD"])
    events: list[tuple[str, date]] = field(default_factory=list)  # local milestones


def add_months(day: date, months: int) -> date:
    """`day` plus whole months; 29 February plus a year is 28 February."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


SURNAMES = ["Smith", "O'Neill", "Smith, Jr", "Ngata-Brown", 'Dee "DJ" Jones', "Ørsted"]
NEEDS = ["ASD", "SEMH", "SLCN", "MLD", "SPLD", "PMLD", "HI", "VI", "PD", "DS", "OTH"]
# Days from request to plan: most near the 20-week line, some far past a year.
ISSUE_DAYS = [98, 119, 133, 139, 140, 140, 141, 142, 150, 168, 196, 240, 300, 364, 365, 420]
DECIDE_DAYS = [14, 28, 35, 41, 42, 42, 43, 44, 56, 70]


def _day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, max((end - start).days, 0)))


def _reviews(rng: random.Random, issued: date, census: date) -> Active:
    """The latest completed annual review by census day, as SEN2 keeps it."""
    active, anchor = Active(), issued
    while (due := add_months(anchor, 12)) < census and rng.random() < 0.85:
        meeting = due - timedelta(days=rng.randint(10, 60))
        decided = meeting + timedelta(days=rng.choice([7, 20, 27, 28, 29, 35, 50]))
        if decided > census:
            break
        outcome = rng.choice("AMMC")
        recorded = meeting if rng.random() < 0.95 else None  # a meeting nobody dated
        active = Active(meeting=recorded, outcome=outcome, lastreview=decided)
        if outcome == "A":
            active.draft = decided
        anchor = decided
    return active


def _plan_and_active(rng: random.Random, case: Case, issued: date, census: date) -> None:
    case.plan = Plan(start=issued)
    if rng.random() < 0.08:
        case.plan.cease = _day(rng, issued, census - timedelta(days=1))
        case.plan.ceasereason = rng.choice("1256789")
    if case.plan.cease and case.plan.cease.year < census.year - 1:
        return  # ceased before the year: not in the active plans module
    case.active = _reviews(rng, issued, census)


def _historical(rng: random.Random, case: Case, census: date, *, transfer: bool) -> None:
    case.req_outcome, case.has_assessment, case.ass_outcome = "H", True, "H"
    start = _day(rng, case.received + timedelta(days=90), census - timedelta(days=20))
    _plan_and_active(rng, case, start, census)
    if transfer and case.active:
        case.active.transferla = str(rng.randint(201, 938))


def _assessing(rng: random.Random, case: Case, census: date) -> None:
    roll = rng.random()
    if roll < 0.8:
        issued = case.received + timedelta(days=rng.choice(ISSUE_DAYS))
        if issued <= census:
            case.has_assessment, case.ass_outcome, case.ass_date = True, "Y", issued
            case.week20 = rng.choices(["0", "1", ""], weights=[83, 12, 5])[0]
            _plan_and_active(rng, case, issued, census)
        elif issued - timedelta(days=21) <= census:
            case.has_assessment, case.ass_outcome = True, "Y"  # decided, plan not yet issued
            case.week20 = rng.choice(["0", ""])
        else:
            _still_assessing(rng, case)
    elif roll < 0.93:
        told = case.received + timedelta(days=rng.choice([84, 100, 111, 112, 113, 130]))
        if told <= census:
            case.has_assessment, case.ass_outcome, case.ass_date = True, "N", told
            case.week20 = rng.choice("001")
        else:
            _still_assessing(rng, case)
    else:
        case.has_assessment, case.ass_outcome = True, "W"


def _still_assessing(rng: random.Random, case: Case) -> None:
    """An assessment in progress: a row with a blank or A outcome, or no row yet."""
    case.has_assessment = rng.random() < 0.7
    case.ass_outcome = rng.choice(["", "A"]) if case.has_assessment else ""


def _request(rng: random.Random, case: Case, census: date) -> None:
    told = case.received + timedelta(days=rng.choice(DECIDE_DAYS))
    if told > census:
        case.req_outcome = rng.choice(["", "A"])
        return
    roll = rng.random()
    if roll < 0.05:
        case.req_outcome = "W"
    elif roll < 0.3:
        case.req_outcome, case.req_date = "N", told
    elif roll < 0.32:
        case.req_outcome, case.req_date = "Y", told
        issued = told + timedelta(days=rng.randint(60, 200))
        if issued <= census:
            case.has_assessment, case.ass_outcome, case.ass_date = True, "S", issued
            case.week20 = "0"
            _plan_and_active(rng, case, issued, census)
        else:
            _still_assessing(rng, case)
    else:
        case.req_outcome, case.req_date = "Y", told
        _assessing(rng, case, census)


def cases(seed: int, year: int, n: int = 300) -> list[Case]:
    """`n` requests for the collection of `year`, some people with two requests."""
    rng = random.Random(seed)
    census = CENSUS[year]
    found: list[Case] = []
    person, birth = 0, census
    for request in range(1, n + 1):
        if not (found and rng.random() < 0.1):
            person += 1
            birth = _day(rng, census - timedelta(days=365 * 24), census - timedelta(days=730))
        kind = rng.random()
        early = census - timedelta(days=365 * 8 if kind < 0.16 else 365 * 3)
        received = _day(rng, max(early, birth + timedelta(days=200)), census - timedelta(days=1))
        case = Case(
            person=person,
            request=request,
            birth=birth,
            received=received,
            sex=rng.choice("MF"),
            surname=rng.choice(SURNAMES),
            needs=rng.sample(NEEDS, rng.choice([1, 1, 2])),
        )
        if kind < 0.12:
            _historical(rng, case, census, transfer=False)
        elif kind < 0.16:
            _historical(rng, case, census, transfer=True)
        else:
            _request(rng, case, census)
        found.append(case)
    return as_exported(found, year)


def as_exported(all_cases: list[Case], year: int) -> list[Case]:
    """The cases as the return of `year` holds them: review meetings and outcomes from
    2024, drafts of amended plans and phase transfers from 2025 (sen2-xml.md 2.5)."""
    for c in all_cases:
        if c.active and year < 2024:
            c.active.meeting, c.active.outcome = None, ""
        if c.active and year < 2025:
            c.active.draft = c.active.phase_due = c.active.phase_final = None
    return all_cases


# --- the figures, straight from send-rules ------------------------------------


@dataclass(frozen=True)
class Figure:
    numerator: int | None
    denominator: int | None
    value: float | None


def _pct(num: int, den: int) -> Figure:
    if not den:
        return Figure(num, den, None)
    value = Decimal(100 * num) / Decimal(den)
    return Figure(num, den, float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)))


def _count(num: int, den: int) -> Figure:
    return Figure(num, den, num)


def _one_dp(value: float) -> float:
    return float(Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def within(start: date, end: date, weeks: int) -> bool:
    """send-rules 1: within N weeks means end <= start + 7N days (inclusive default)."""
    return end <= start + timedelta(days=7 * weeks)


Period = int | tuple[date, date]  # a calendar year, or its first and last days


def in_year(day: date | None, year: Period) -> bool:
    if day is None:
        return False
    if isinstance(year, int):
        return day.year == year
    return year[0] <= day <= year[1]


def issued_plans(all_cases: list[Case], year: Period) -> list[Case]:
    """send-rules 3: plans issued in the year (Y), S, H, W, N, A and unissued outside."""
    return [
        c
        for c in all_cases
        if c.ass_outcome == "Y" and in_year(c.ass_date, year) and c.received <= c.ass_date
    ]


def _days(c: Case) -> int:
    return (c.ass_date - c.received).days


def _duration(values: list[int], *, middle: bool) -> Figure:
    if not values:
        return Figure(None, 0, None)
    value = median(values) if middle else sum(values) / len(values)
    return Figure(None, len(values), _one_dp(value))


def _live(c: Case, as_at: date) -> bool:
    started = c.plan is not None and c.plan.start <= as_at
    return started and c.active is not None and not (c.plan.cease and c.plan.cease <= as_at)


def _review_due(c: Case) -> date:
    anchor = c.active.lastreview or c.plan.start
    return add_months(anchor, 12)


def _open(c: Case, as_at: date) -> bool:
    """send-rules 4: assessing = request Y, assessment blank or A (or none yet). At an
    earlier date, a decision told after it was not yet made."""
    if c.req_outcome != "Y" or c.req_date is None or c.req_date > as_at:
        return False
    decided_later = c.ass_outcome in ("Y", "N") and c.ass_date is not None and c.ass_date > as_at
    return c.ass_outcome in ("", "A") or decided_later


def figures(all_cases: list[Case], *, year: Period, as_at: date) -> dict[str, Figure]:
    """The main figures of `year` (a calendar year or a span of days), and the as-at
    figures at `as_at`."""
    plans = issued_plans(all_cases, year)
    plans_excl = [c for c in plans if c.week20 != "1"]
    received = [c for c in all_cases if in_year(c.received, year)]
    decisions = [c for c in all_cases if c.req_outcome in ("Y", "N") and in_year(c.req_date, year)]
    not_issue = [c for c in all_cases if c.ass_outcome == "N" and in_year(c.ass_date, year)]
    open_now = [c for c in all_cases if _open(c, as_at)]
    live = [c for c in all_cases if _live(c, as_at)]
    reviews = [
        c for c in all_cases if c.active and c.active.meeting and in_year(c.active.lastreview, year)
    ]
    return {
        "ehcp_20w_incl": _pct(sum(within(c.received, c.ass_date, 20) for c in plans), len(plans)),
        "ehcp_20w_excl": _pct(
            sum(within(c.received, c.ass_date, 20) for c in plans_excl), len(plans_excl)
        ),
        "ehcp_band_20_52": _pct(sum(140 < _days(c) <= 364 for c in plans), len(plans)),
        "ehcp_band_over_52": _pct(sum(_days(c) > 364 for c in plans), len(plans)),
        "days_to_issue_median": _duration([_days(c) for c in plans], middle=True),
        "days_to_issue_mean": _duration([_days(c) for c in plans], middle=False),
        "days_to_issue_median_excl": _duration([_days(c) for c in plans_excl], middle=True),
        "days_to_issue_mean_excl": _duration([_days(c) for c in plans_excl], middle=False),
        "requests_received": _count(len(received), len(received)),
        "refusal_rate": _pct(sum(c.req_outcome == "N" for c in received), len(received)),
        "decisions_6w": _pct(
            sum(within(c.received, c.req_date, 6) for c in decisions), len(decisions)
        ),
        "not_issue_16w": _pct(
            sum(within(c.received, c.ass_date, 16) for c in not_issue), len(not_issue)
        ),
        "open_over_20w": _count(
            sum((as_at - c.received).days > 140 for c in open_now), len(open_now)
        ),
        "open_over_30w": _count(
            sum((as_at - c.received).days > 210 for c in open_now), len(open_now)
        ),
        "active_plans": _count(len(live), len(live)),
        "reviews_overdue": _count(sum(_review_due(c) < as_at for c in live), len(live)),
        "review_decisions_4w": _pct(
            sum(within(c.active.meeting, c.active.lastreview, 4) for c in reviews), len(reviews)
        ),
    }


# --- CSV modules as local systems write them -------------------------------------

MODULES: dict[str, list[str]] = {
    "header": ["collection", "year", "referencedate", "lea", "softwarecode"],
    "person": [
        "persontableid", "surname", "forename", "personbirthdate", "sex", "ethnicity",
        "postcode", "upn", "uniquelearnernumber", "upnunknown",
    ],
    "requests": [
        "requeststableid", "persontableid", "receiveddate", "requestsource", "rya",
        "requestoutcomedate", "requestoutcome", "requestmediation", "requesttribunal",
        "exported",
    ],
    "assessment": [
        "assessmenttableid", "requeststableid", "assessmentoutcome", "assessmentoutcomedate",
        "assessmentmediation", "assessmenttribunal", "othermediation", "othertribunal",
        "week20",
    ],
    "namedplan": [
        "namedplantableid", "assessmenttableid", "startdate", "planres", "planwbp", "pb",
        "oa", "dp", "ceasedate", "ceasereason",
    ],
    "plandetail": [
        "namedplantableid", "urn", "ukprn", "sensetting", "sensettingother",
        "placementrank", "senunitindicator", "resourcedprovisionindicator",
    ],
    "activeplans": [
        "activeplanstableid", "requeststableid", "transferla", "reviewmeeting",
        "reviewoutcome", "lastreview", "reviewdraft", "phasetransferduedate",
        "phasetransferfinaldate",
    ],
    "placement": [
        "activeplanstableid", "urn", "ukprn", "sensetting", "placementrank", "entrydate",
        "leavingdate", "senunitindicator", "resourcedprovisionindicator", "res", "wbp",
    ],
    "senneed": ["activeplanstableid", "sentype", "sentyperank"],
    "events": ["requeststableid", "event", "date"],
}  # fmt: skip

# Words of the DfE item names, longest first, to write headings as people type them.
WORD_LIST = """
activeplans namedplan assessment requests request person table id surname forename
birth date sex ethnicity postcode upn unique learner number unknown received source
rya outcome mediation tribunal exported other week20 start plan res wbp pb oa dp
cease reason urn ukprn sen setting placement rank unit indicator resourced provision
transfer la review meeting last draft phase due final entry leaving type collection
year reference lea software code
"""
WORDS = sorted(
    WORD_LIST.split(),
    key=len,
    reverse=True,
)
ACRONYMS = {"id", "upn", "rya", "wbp", "pb", "oa", "dp", "urn", "ukprn", "sen", "la", "lea"}


def words(column: str) -> list[str] | None:
    """`requestsource` as ["request", "source"], trying each way to split it."""
    if not column:
        return []
    for word in WORDS:
        if column.startswith(word) and (rest := words(column[len(word) :])) is not None:
            return [word, *rest]
    return None


def heading(column: str, style: str) -> str:
    """`requeststableid` as a local system heads it: `Requests Table ID`, ..."""
    parts = [w.upper() if w in ACRONYMS else w.capitalize() for w in words(column) or [column]]
    if style == "spaced":
        return " ".join(parts)
    if style == "snake":
        return "_".join(parts)
    if style == "upper":
        return column.upper()
    if style == "camel":
        return "".join(parts)
    return column


def _date(day: date | None, style: str, rng: random.Random) -> str:
    if day is None:
        return ""
    if style == "mixed":
        style = rng.choice(["iso", "uk"])
    if style == "sqltime":
        return f"{day.isoformat()} 00:00:00"
    return day.strftime("%d/%m/%Y") if style == "uk" else day.isoformat()


def _csv_cell(value: str) -> str:
    if any(ch in value for ch in ',"\r\n') or value.startswith(" "):
        return '"' + value.replace('"', '""') + '"'
    return value


@dataclass(frozen=True)
class CsvShape:
    """How one council's system writes its CSV modules."""

    headings: str = "lower"  # lower, spaced, snake, upper, camel
    dates: str = "iso"  # iso, uk, mixed
    bom: bool = True
    crlf: bool = True
    trailing_columns: int = 2
    blank_lines_at_end: int = 2
    header_module: bool = True
    quote_all: bool = False
    file_case: str = "lower"  # lower or title: Requests.csv
    shuffle_columns: bool = False
    local_columns: tuple[str, ...] = ()  # columns of the local system, not SEN2's
    encoding: str = "utf-8"  # or cp1252, as Excel's plain "CSV" saves
    padded: bool = False  # codes and identifiers padded with spaces


def _rows(all_cases: list[Case], year: int) -> dict[str, list[dict[str, object]]]:
    census = CENSUS[year]
    tables: dict[str, list[dict[str, object]]] = {name: [] for name in MODULES}
    tables["header"].append(
        {"collection": "SEN2", "year": str(year), "referencedate": census, "lea": "999",
         "softwarecode": "CouncilCMS"}
    )  # fmt: skip
    seen_people: set[int] = set()
    for c in all_cases:
        pid, rid = f"P{c.person:05d}", f"REQ-{c.request:05d}"
        for event, day in c.events:
            tables["events"].append({"requeststableid": rid, "event": event, "date": day})
        if c.person not in seen_people:
            seen_people.add(c.person)
            tables["person"].append(
                {"persontableid": pid, "surname": c.surname, "forename": "Sam",
                 "personbirthdate": c.birth, "sex": c.sex, "ethnicity": "WBRI",
                 "postcode": "ZZ1 1ZZ", "upn": f"A{c.person:012d}", "uniquelearnernumber": "",
                 "upnunknown": ""}
            )  # fmt: skip
        tables["requests"].append(
            {"requeststableid": rid, "persontableid": pid, "receiveddate": c.received,
             "requestsource": "1" if year >= 2025 else "", "rya": "0",
             "requestoutcomedate": c.req_date, "requestoutcome": c.req_outcome,
             "requestmediation": "0", "requesttribunal": "0", "exported": ""}
        )  # fmt: skip
        aid = f"ASS-{c.request:05d}"
        if c.has_assessment:
            tables["assessment"].append(
                {"assessmenttableid": aid, "requeststableid": rid,
                 "assessmentoutcome": c.ass_outcome, "assessmentoutcomedate": c.ass_date,
                 "assessmentmediation": "0", "assessmenttribunal": "0", "othermediation": "0",
                 "othertribunal": "0", "week20": c.week20}
            )  # fmt: skip
        if c.plan:
            npid = f"NP-{c.request:05d}"
            tables["namedplan"].append(
                {"namedplantableid": npid, "assessmenttableid": aid, "startdate": c.plan.start,
                 "planres": "", "planwbp": "", "pb": "0", "oa": "0", "dp": "",
                 "ceasedate": c.plan.cease, "ceasereason": c.plan.ceasereason}
            )  # fmt: skip
            tables["plandetail"].append(
                {"namedplantableid": npid, "urn": f"1{c.request:05d}", "ukprn": "",
                 "sensetting": "", "sensettingother": "", "placementrank": "1",
                 "senunitindicator": "0", "resourcedprovisionindicator": "0"}
            )  # fmt: skip
        if c.active:
            apid = f"AP-{c.request:05d}"
            a = c.active
            tables["activeplans"].append(
                {"activeplanstableid": apid, "requeststableid": rid, "transferla": a.transferla,
                 "reviewmeeting": a.meeting, "reviewoutcome": a.outcome,
                 "lastreview": a.lastreview, "reviewdraft": a.draft,
                 "phasetransferduedate": a.phase_due, "phasetransferfinaldate": a.phase_final}
            )  # fmt: skip
            tables["placement"].append(
                {"activeplanstableid": apid, "urn": f"1{c.request:05d}", "ukprn": "",
                 "sensetting": "", "placementrank": "1", "entrydate": c.plan.start,
                 "leavingdate": None, "senunitindicator": "0",
                 "resourcedprovisionindicator": "0", "res": "", "wbp": ""}
            )  # fmt: skip
            for rank, need in enumerate(c.needs, start=1):
                tables["senneed"].append(
                    {"activeplanstableid": apid, "sentype": need, "sentyperank": str(rank)}
                )
    return tables


def _text(value: object, shape: CsvShape, rng: random.Random) -> str:
    if isinstance(value, date):
        return _date(value, shape.dates, rng)
    text = str(value or "")
    return f"{text}   " if shape.padded and text else text  # as CHAR(n) columns come out


def csv_text(rows: list[dict[str, object]], columns: list[str], shape: CsvShape, seed: int) -> str:
    rng = random.Random(seed)
    newline = "\r\n" if shape.crlf else "\n"
    extra = [""] * shape.trailing_columns
    columns = [*columns, *shape.local_columns]
    if shape.shuffle_columns:
        columns = rng.sample(columns, len(columns))
    lines = [",".join([_csv_cell(heading(col, shape.headings)) for col in columns] + extra)]
    for row in rows:
        cells = []
        for col in columns:
            text = _text(row.get(col, "Team North"), shape, rng)
            cells.append(
                '"' + text.replace('"', '""') + '"' if shape.quote_all else _csv_cell(text)
            )
        lines.append(",".join(cells + extra))
    bom = "\ufeff" if shape.bom and shape.encoding == "utf-8" else ""
    return bom + newline.join(lines) + newline * (1 + shape.blank_lines_at_end)


def write_csv_export(
    folder: Path, all_cases: list[Case], *, year: int, shape: CsvShape = CsvShape(), seed: int = 0
) -> Path:
    """One CSV per module in `folder`, as a council's system writes them."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in _rows(all_cases, year).items():
        if (name == "header" and not shape.header_module) or (name == "events" and not rows):
            continue
        filename = (name.title() if shape.file_case == "title" else name) + ".csv"
        text = csv_text(rows, MODULES[name], shape, seed)
        (folder / filename).write_bytes(text.encode(shape.encoding))
    return folder


# --- the XML return of one collection year -----------------------------------------


@dataclass(frozen=True)
class XmlShape:
    """How one supplier writes the return: element case, namespace, misspellings."""

    case: str = "spec"  # spec, lower, upper
    namespace: str = ""  # "" none, "default" xmlns=, "prefixed" sen2:
    misspell: bool = True  # PlanWPB, WPB as D2I writes them
    unknown_element: str = ""  # an element the return does not have, in each Person
    self_closing_blanks: bool = True  # <RequestOutcomeDate/> where blank, else omitted
    nil_blanks: bool = False  # <RequestOutcomeDate xsi:nil="true"/> where blank
    crlf: bool = False
    bom: bool = False
    comments: bool = False  # a supplier's comment before each person


class _Xml:
    def __init__(self, shape: XmlShape):
        self.shape, self.lines = shape, ['<?xml version="1.0" encoding="UTF-8"?>']
        self.depth = 0

    def name(self, element: str) -> str:
        if self.shape.case == "lower":
            element = element.lower()
        elif self.shape.case == "upper":
            element = element.upper()
        return f"sen2:{element}" if self.shape.namespace == "prefixed" else element

    def open(self, element: str, attributes: str = "") -> None:
        self.lines.append("  " * self.depth + f"<{self.name(element)}{attributes}>")
        self.depth += 1

    def close(self, element: str) -> None:
        self.depth -= 1
        self.lines.append("  " * self.depth + f"</{self.name(element)}>")

    def item(self, element: str, value: object, *, always: bool = False) -> None:
        text = value.isoformat() if isinstance(value, date) else str(value or "")
        pad = "  " * self.depth
        if text:
            name = self.name(element)
            self.lines.append(f"{pad}<{name}>{escape(text)}</{name}>")
        elif self.shape.nil_blanks:
            self.lines.append(f'{pad}<{self.name(element)} xsi:nil="true"/>')
        elif self.shape.self_closing_blanks or always:
            self.lines.append(f"{pad}<{self.name(element)}/>")


NAMESPACE = "http://www.example.gov.uk/sen2/person-level"


def _root_attributes(shape: XmlShape) -> str:
    schema = ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    if shape.namespace == "default":
        return f' xmlns="{NAMESPACE}"{schema} xsi:schemaLocation="{NAMESPACE} SEN2.xsd"'
    if shape.namespace == "prefixed":
        return f' xmlns:sen2="{NAMESPACE}"{schema}'
    return schema if shape.nil_blanks else ""


def _xml_request(x: _Xml, c: Case, year: int) -> None:
    x.open("Requests")
    x.item("ReceivedDate", c.received)
    if year >= 2025:
        x.item("RequestSource", "1")
    x.item("RYA", "0")
    x.item("RequestOutcomeDate", c.req_date)
    x.item("RequestOutcome", c.req_outcome)
    x.item("RequestMediation", "0")
    x.item("RequestTribunal", "0")
    if c.has_assessment:
        _xml_assessment(x, c)
    if c.active:
        _xml_active(x, c, year)
    x.close("Requests")


def _xml_assessment(x: _Xml, c: Case) -> None:
    x.open("Assessment")
    x.item("AssessmentOutcome", c.ass_outcome)
    x.item("AssessmentOutcomeDate", c.ass_date)
    for flag in ("AssessmentMediation", "AssessmentTribunal", "OtherMediation", "OtherTribunal"):
        x.item(flag, "0")
    x.item("Week20", c.week20)
    if c.plan:
        x.open("NamedPlan")
        x.item("StartDate", c.plan.start)
        x.item("PlanWPB" if x.shape.misspell else "PlanWBP", "", always=True)
        x.item("PB", "0")
        x.item("CeaseDate", c.plan.cease)
        x.item("CeaseReason", c.plan.ceasereason)
        x.open("PlanDetail")
        x.item("URN", f"1{c.request:05d}")
        x.item("PlacementRank", "1")
        x.item("SENunitIndicator", "0")
        x.item("ResourcedProvisionIndicator", "0")
        x.close("PlanDetail")
        x.close("NamedPlan")
    x.close("Assessment")


def _xml_active(x: _Xml, c: Case, year: int) -> None:
    a, wbp = c.active, "WPB" if x.shape.misspell else "WBP"
    x.open("ActivePlans")
    x.item("TransferLA", a.transferla)
    if year == 2023:
        x.item("Res", "")
        x.item(wbp, "", always=True)
    if year >= 2024:
        x.item("ReviewMeeting", a.meeting)
        x.item("ReviewOutcome", a.outcome)
    if year >= 2025:
        x.item("ReviewDraft", a.draft)
        x.item("PhaseTransferDueDate", a.phase_due)
        x.item("PhaseTransferFinalDate", a.phase_final)
    x.item("LastReview", a.lastreview)
    x.open("PlacementDetail")
    x.item("URN", f"1{c.request:05d}")
    x.item("PlacementRank", "1")
    x.item("EntryDate", c.plan.start)
    x.item("SENunitIndicator", "0")
    x.item("ResourcedProvisionIndicator", "0")
    if year == 2023:
        x.item("AttendancePattern", "F")
    else:
        x.item("Res", "")
        x.item(wbp, "", always=True)
    x.close("PlacementDetail")
    for rank, need in enumerate(c.needs, start=1):
        x.open("SENneed")
        x.item("SENtype", need)
        x.item("SENtypeRank", str(rank))
        x.close("SENneed")
    x.close("ActivePlans")


def _xml_header(x: _Xml, year: int) -> None:
    x.open("Header")
    x.open("CollectionDetails")
    x.item("Collection", "SEN2")
    x.item("Year", str(year))
    x.item("ReferenceDate", CENSUS[year])
    x.close("CollectionDetails")
    x.open("Source")
    for element, value in [
        ("SourceLevel", "L"), ("LEA", "999"), ("SoftwareCode", "CouncilCMS"),
        ("Release", "4.2.0"), ("SerialNo", "1"), ("DateTime", f"{year}-01-20T09:30:00"),
    ]:  # fmt: skip
        x.item(element, value)
    x.close("Source")
    x.close("Header")


def xml_text(all_cases: list[Case], *, year: int, shape: XmlShape = XmlShape()) -> str:
    """The SEN2 return of collection `year` as sen2-xml.md describes it."""
    x = _Xml(shape)
    x.open("Message", _root_attributes(shape))
    _xml_header(x, year)
    x.open("Persons")
    by_person: dict[int, list[Case]] = {}
    for c in all_cases:
        by_person.setdefault(c.person, []).append(c)
    for person in by_person.values():
        first = person[0]
        if shape.comments:
            x.lines.append(
                f"{'  ' * x.depth}<!-- person {first.person}: exported by CouncilCMS -->"
            )
        x.open("Person")
        x.item("Surname", first.surname)
        x.item("Forename", "Sam")
        x.item("PersonBirthDate", first.birth)
        if year == 2023:
            x.item("GenderCurrent", "1" if first.sex == "M" else "2")
        else:
            x.item("Sex", first.sex)
        x.item("Ethnicity", "WBRI")
        x.item("PostCode", "ZZ1 1ZZ")
        x.item("UPN", f"A{first.person:012d}")
        if shape.unknown_element:
            x.item(shape.unknown_element, "Team North")
        for c in person:
            _xml_request(x, c, year)
        x.close("Person")
    x.close("Persons")
    x.close("Message")
    newline = "\r\n" if shape.crlf else "\n"
    return ("\ufeff" if shape.bom else "") + newline.join(x.lines) + newline


def write_xml_return(path: Path, all_cases: list[Case], *, year: int, shape: XmlShape) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(xml_text(all_cases, year=year, shape=shape).encode("utf-8"))
    return path


def write_xlsx_export(path: Path, all_cases: list[Case], *, year: int) -> Path:
    """One workbook with a sheet per module, dates as Excel dates, headings spaced."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in _rows(all_cases, year).items():
        if name == "events" and not rows:
            continue
        sheet = book.create_sheet(name.title())
        sheet.append([heading(col, "spaced") for col in MODULES[name]])
        for row in rows:
            sheet.append(
                [row[col] if row[col] not in ("", None) else None for col in MODULES[name]]
            )
        for cells in sheet.iter_rows(min_row=2):
            for cell in cells:
                if isinstance(cell.value, date):
                    cell.number_format = "dd/mm/yyyy"
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def write_zip_export(path: Path, folder: Path, *, inner: str = "") -> Path:
    """The CSV folder zipped as Windows' "Send to compressed folder" does, folder and all."""
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(folder.iterdir()):
            archive.write(file, f"{inner}/{file.name}" if inner else file.name)
    return path
