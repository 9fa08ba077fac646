"""A synthetic SEN2-shaped export, as a local case management system would write it.

Every person, name, date of birth, UPN and postcode is invented (postcodes start with
QX, an area the Royal Mail does not use); the importer must strip them like real ones.
The shape follows send-rules.md: requests from 2021 to the as-at date, all request and
assessment outcomes, week-20 exceptions, issue times that improve year on year, events
consistent with the dates, reviews (some overdue), phase transfers, needs, ceased
plans, and health waiting lists. Everything is drawn with numpy at once, so a million
requests take seconds; the same seed gives the same files.
"""

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from sendboard.casework import schema

DEFAULT_AS_AT = date(2026, 1, 15)  # the January 2026 census
START = date(2021, 1, 1)
XLSX_MAX_ROWS = 1_048_575  # Excel's sheet limit, less the header

_EPOCH = date(1970, 1, 1)
_SURNAMES = (
    "Ashdown",
    "Brackley",
    "Corrin",
    "Dunmore",
    "Elstow",
    "Fenwick",
    "Garside",
    "Hallam",
    "Ingleby",
    "Jessop",
    "Kettering",
    "Lindqvist",
    "Marwood",
    "Northam",
    "Okafor",
    "Pellow",
    "Quayle",
    "Rudd",
    "Sallis",
    "Tresham",
    "Umber",
    "Varley",
    "Wetherby",
    "Yardley",
)
_FORENAMES = (
    "Alfie",
    "Bea",
    "Cai",
    "Dara",
    "Esme",
    "Finn",
    "Gus",
    "Hana",
    "Ilya",
    "Jude",
    "Kit",
    "Lior",
    "Mabli",
    "Nell",
    "Oren",
    "Pip",
    "Quin",
    "Rafe",
    "Suki",
    "Tam",
)
_ETHNICITY = (
    ("WBRI", 0.70),
    ("WOTH", 0.05),
    ("MWBC", 0.04),
    ("MOTH", 0.03),
    ("APKN", 0.04),
    ("AIND", 0.02),
    ("BAFR", 0.04),
    ("BCRB", 0.02),
    ("CHNE", 0.01),
    ("OOTH", 0.02),
    ("REFU", 0.02),
    ("NOBT", 0.01),
)
_PRIMARY_NEED = (
    ("ASD", 0.33),
    ("SLCN", 0.21),
    ("SEMH", 0.16),
    ("MLD", 0.08),
    ("SLD", 0.05),
    ("PD", 0.04),
    ("SPLD", 0.04),
    ("OTH", 0.03),
    ("PMLD", 0.015),
    ("HI", 0.015),
    ("VI", 0.008),
    ("DS", 0.01),
    ("MSI", 0.002),
)
_CEASE_REASON = (
    (1, 0.08),
    (2, 0.22),
    (3, 0.05),
    (4, 0.07),
    (5, 0.30),
    (6, 0.06),
    (7, 0.03),
    (8, 0.01),
    (9, 0.18),
)
_TEAMS = (("North", 0.28), ("South", 0.26), ("East", 0.18), ("West", 0.18), ("Central", 0.10))
_OTHER_LAS = ("201", "202", "204", "205", "206", "207", "208", "209", "210", "211")
# Median days to first contact and sigma of the log, per waiting list.
_WAITS = {"SALT": (105, 0.55), "ASD": (290, 0.5), "ADHD": (380, 0.45), "NST": (385, 0.5)}
_SERVICES = (("SALT", 0.40), ("ASD", 0.25), ("ADHD", 0.20), ("NST", 0.15))
_AGE_BANDS = ("0-4", "5-10", "11-15", "16-17", "18-25")
_AGE_BAND_WEIGHTS = {
    "SALT": (0.55, 0.35, 0.08, 0.02, 0.0),
    "ASD": (0.25, 0.45, 0.22, 0.06, 0.02),
    "ADHD": (0.02, 0.45, 0.38, 0.10, 0.05),
    "NST": (0.20, 0.50, 0.22, 0.06, 0.02),
}
_AGENCIES = schema.ADVICE_AGENCIES

Progress = Callable[[str], None]


@dataclass(frozen=True)
class _Span:
    start: int  # day numbers since 1970-01-01
    end: int

    @property
    def days(self) -> int:
        return self.end - self.start


def synthesise(
    *,
    requests: int,
    out: Path,
    seed: int = 1,
    as_at: date = DEFAULT_AS_AT,
    fmt: str = "csv",
    dry_run: bool = False,
    progress: Progress | None = None,
) -> dict[str, int]:
    """Write the export into `out` and return the rows per file (written unless `dry_run`)."""
    if requests < 1:
        raise ValueError("requests must be at least 1")
    if as_at <= START:
        raise ValueError(f"as_at must be after {START.isoformat()}")
    if fmt not in ("csv", "xlsx", "xml"):
        raise ValueError("fmt must be csv, xlsx or xml")
    report = progress or (lambda _: None)
    rng = np.random.default_rng(seed)
    span = _Span(_day(START), _day(as_at))
    report("Drawing requests")
    tables = _generate(rng, requests, span, as_at)
    counts = {name: table.num_rows for name, table in tables.items()}
    if dry_run:
        return counts
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    if fmt == "xlsx":
        report("Writing the workbook")
        _write_workbook(tables, out / "sen2.xlsx")
    elif fmt == "xml":
        report("Writing the XML return")
        _write_return(tables, out / "RETURN.xml", as_at=as_at)
    else:
        _write_csvs(tables, out, report)
    return counts


def _write_csvs(tables: dict[str, pa.Table], out: Path, report: Progress) -> None:
    for name, table in tables.items():
        report(f"Writing {name}.csv")
        pacsv.write_csv(
            table, out / f"{name}.csv", write_options=pacsv.WriteOptions(quoting_style="needed")
        )


def _write_return(tables: dict[str, pa.Table], target: Path, *, as_at: date) -> None:
    """The SEN2 modules as the DfE XML return; local tables (events, teams, waiting
    lists) have no place in it and are left out."""
    from sendboard.casework.snapshot.sen2xml_write import CENSUS, Style, xml_from_export

    year = min(max(as_at.year + (as_at.month > 1), min(CENSUS)), max(CENSUS))
    with tempfile.TemporaryDirectory(prefix="sendboard-synth-") as scratch:
        _write_csvs(tables, Path(scratch), lambda _: None)
        xml_from_export(
            Path(scratch), target, style=Style(year=year), reference_date=as_at.isoformat()
        )


def _generate(rng: np.random.Generator, n: int, span: _Span, as_at: date) -> dict[str, pa.Table]:
    req = _requests(rng, n, span)
    person = _person(rng, req, span)
    asm = _assessments(rng, req, span)
    plans = _named_plans(rng, req, asm, span)
    active = _active_plans(rng, req, plans, person, span)
    header = pa.table(
        {
            "collection": ["SEN2"],
            "year": [str(as_at.year)],
            "referencedate": pa.array([as_at], pa.date32()),
            "lea": ["999"],
            "softwarecode": ["SYNTH"],
        }
    )
    return {
        "header": header,
        "person": person["table"],
        "requests": req["table"],
        "assessment": asm["table"],
        "namedplan": plans["table"],
        "plandetail": _plan_detail(rng, plans),
        "activeplans": active["table"],
        "placement": _placements(rng, active, span),
        "senneed": _needs(rng, active),
        "events": _events(rng, req, asm, active, span),
        "teams": _teams(rng, req, person),
        "referrals": _referrals(rng, n, span),
    }


# Requests ---------------------------------------------------------------------------


def _requests(rng: np.random.Generator, n: int, span: _Span) -> dict:
    received = span.start + np.sort(_growing_offsets(rng, n, span.days, growth=0.12))
    people = max(1, round(n * 0.88))
    # Most children have one request; some come back after a refusal or a move.
    person_of = rng.integers(0, people, n)
    person_of[rng.permutation(n)[:people]] = np.arange(people)
    decide = np.where(rng.random(n) < 0.85, rng.integers(18, 43, n), rng.integers(43, 120, n))
    kind = _choose(rng, n, (("Y", 0.66), ("N", 0.26), ("W", 0.02), ("T", 0.03), ("X", 0.03)))
    outcome = np.where(kind == "T", "H", kind).astype(object)
    # X: decided before the collection window, so historical for the oldest requests.
    early = received < span.start + 365
    outcome[(kind == "X") & early] = "H"
    outcome[(kind == "X") & ~early] = "Y"
    open_ = np.isin(outcome, ("Y", "N")) & (received + decide > span.end)
    outcome[open_] = "A"
    dated = np.isin(outcome, ("Y", "N"))
    ids = _ids("R", n)
    refused = outcome == "N"
    table = pa.table(
        {
            "requeststableid": ids,
            "persontableid": _ids("P", people).take(pa.array(person_of)),
            "receiveddate": _dates(received),
            "requestsource": _choose(rng, n, (("1", 0.55), ("2", 0.37), ("3", 0.08))),
            "rya": np.where(rng.random(n) < 0.04, "Y", "N"),
            "requestoutcomedate": _dates(received + decide, mask=~dated),
            "requestoutcome": outcome.astype(str),
            "requestmediation": np.where(refused & (rng.random(n) < 0.08), "Y", "N"),
            "requesttribunal": np.where(refused & (rng.random(n) < 0.05), "Y", "N"),
            "exported": pa.nulls(n, pa.string()),
        }
    )
    return {
        "table": table,
        "ids": ids,
        "received": received,
        "decide": decide,
        "outcome": outcome,
        "transfer": kind == "T",
        "person_of": person_of,
        "people": people,
    }


def _person(rng: np.random.Generator, req: dict, span: _Span) -> dict:
    people = req["people"]
    # Requests are in date order, so a person's first row is their earliest request.
    _, first = np.unique(req["person_of"], return_index=True)
    age_years = np.clip(rng.gamma(4.0, 2.0, people), 0.4, 24.5)
    birth = req["received"][first] - (age_years * 365.25).astype(np.int64)
    sex = _choose(rng, people, (("M", 0.71), ("F", 0.285), ("U", 0.005)))
    upn = pc.binary_join_element_wise(
        "Z", pa.array(rng.integers(10**11, 10**12, people).astype(str)), ""
    )
    uln = pa.array(rng.integers(10**9, 10**10, people).astype(str))
    postcode = pc.binary_join_element_wise(
        pa.array(np.char.add("QX", rng.integers(1, 40, people).astype(str))),
        pa.array(
            np.char.add(
                rng.integers(1, 10, people).astype(str),
                _choose(rng, people, tuple((c + "B", 1 / 8) for c in "ABDEFGHJ")),
            )
        ),
        " ",
    )
    table = pa.table(
        {
            "persontableid": _ids("P", people),
            "surname": _choose(rng, people, tuple((s, 1 / len(_SURNAMES)) for s in _SURNAMES)),
            "forename": _choose(rng, people, tuple((s, 1 / len(_FORENAMES)) for s in _FORENAMES)),
            # UK exports usually write dates day first.
            "personbirthdate": pc.strftime(
                _dates(birth).cast(pa.timestamp("s")), format="%d/%m/%Y"
            ),
            "sex": sex,
            "ethnicity": _choose(rng, people, _ETHNICITY),
            "postcode": postcode,
            "upn": upn,
            "uniquelearnernumber": uln,
            "upnunknown": np.where(rng.random(people) < 0.02, "UN2", ""),
        }
    )
    return {"table": table, "birth": birth}


# Assessments and plans --------------------------------------------------------------


def _assessments(rng: np.random.Generator, req: dict, span: _Span) -> dict:
    which = np.flatnonzero(np.isin(req["outcome"], ("Y", "H")))
    m = len(which)
    received, decide = req["received"][which], req["decide"][which]
    historical = req["outcome"][which] == "H"
    # Timeliness improves across the years: more within 20 weeks, fewer over a year.
    progress = (received - span.start) / max(span.days, 1)
    u = rng.random(m)
    within_share = 0.28 + 0.32 * progress
    over_share = 0.16 - 0.11 * progress
    issue = np.where(
        u < within_share,
        rng.integers(100, 141, m),
        np.where(u < 1 - over_share, rng.integers(141, 365, m), rng.integers(365, 560, m)),
    )
    issue = np.maximum(issue, decide + 60)
    outcome = _choose(rng, m, (("Y", 0.905), ("N", 0.07), ("W", 0.015), ("S", 0.01))).astype(object)
    soonest = decide + 40
    quick = soonest + rng.integers(0, np.maximum(113 - soonest, 1))
    not_issue = np.maximum(
        np.where(rng.random(m) < 0.35, quick, rng.integers(113, 200, m)), soonest
    )
    told = np.where(outcome == "N", not_issue, issue)
    finished = received + told <= span.end
    awaiting = ~finished & ~historical
    # Past the decision to issue but not yet issued: Y with no date; otherwise A.
    decided = awaiting & (outcome == "Y") & (received + 100 <= span.end) & (rng.random(m) < 0.35)
    outcome[awaiting] = "A"
    outcome[decided] = "Y"
    outcome[(outcome == "W") & (received + 60 > span.end)] = "A"
    outcome[historical] = "H"
    dated = np.isin(outcome, ("Y", "N", "S")) & finished & ~historical
    issued = dated & (outcome != "N")
    late = told > 140
    week20 = issued & (rng.random(m) < np.where(late, 0.085, 0.035))
    ids = _ids("A", m)
    table = pa.table(
        {
            "assessmenttableid": ids,
            "requeststableid": req["ids"].take(pa.array(which)),
            "assessmentoutcome": outcome.astype(str),
            "assessmentoutcomedate": _dates(received + told, mask=~dated),
            "assessmentmediation": np.where(rng.random(m) < 0.02, "Y", "N"),
            "assessmenttribunal": np.where(rng.random(m) < 0.015, "Y", "N"),
            "othermediation": np.where(rng.random(m) < 0.01, "Y", "N"),
            "othertribunal": np.where(rng.random(m) < 0.005, "Y", "N"),
            "week20": week20.astype(np.int8),
        }
    )
    return {
        "table": table,
        "ids": ids,
        "which": which,
        "outcome": outcome,
        "told": told,
        "issue": issue,
        "dated": dated,
        "issued": issued,
    }


def _named_plans(rng: np.random.Generator, req: dict, asm: dict, span: _Span) -> dict:
    has_plan = asm["issued"] | (asm["outcome"] == "H")
    rows = np.flatnonzero(has_plan)
    k = len(rows)
    request = asm["which"][rows]
    received = req["received"][request]
    transfer_start = np.minimum(received + rng.integers(0, 30, k), span.end)
    start = np.where(asm["outcome"][rows] == "H", transfer_start, received + asm["told"][rows])
    cease = start + rng.exponential(6.5 * 365, k).astype(np.int64) + 30
    ceased = cease <= span.end
    reason = _choose(rng, k, tuple((str(code), w) for code, w in _CEASE_REASON))
    ids = _ids("NP", k)
    table = pa.table(
        {
            "namedplantableid": ids,
            "assessmenttableid": asm["ids"].take(pa.array(rows)),
            "startdate": _dates(start),
            "planres": np.where(rng.random(k) < 0.03, "Y", "N"),
            "planwbp": np.where(rng.random(k) < 0.01, "Y", "N"),
            "pb": np.where(rng.random(k) < 0.10, "Y", "N"),
            "oa": np.where(rng.random(k) < 0.03, "Y", "N"),
            "dp": np.where(rng.random(k) < 0.05, "Y", "N"),
            "ceasedate": _dates(cease, mask=~ceased),
            "ceasereason": pa.array(reason.astype(np.int64), mask=~ceased),
        }
    )
    return {
        "table": table,
        "ids": ids,
        "request": request,
        "start": start,
        "cease": np.where(ceased, cease, -1),
        "n": k,
    }


def _plan_detail(rng: np.random.Generator, plans: dict) -> pa.Table:
    k = plans["n"]
    return pa.table(
        {
            "namedplantableid": plans["ids"],
            "urn": _school_urns(rng, k),
            "ukprn": pa.nulls(k, pa.string()),
            "sensetting": pa.nulls(k, pa.string()),
            "sensettingother": pa.nulls(k, pa.string()),
            "placementrank": np.ones(k, dtype=np.int8),
            "senunitindicator": np.where(rng.random(k) < 0.05, "Y", "N"),
            "resourcedprovisionindicator": np.where(rng.random(k) < 0.06, "Y", "N"),
        }
    )


# Active plans, reviews and phase transfers -------------------------------------------


def _active_plans(
    rng: np.random.Generator, req: dict, plans: dict, person: dict, span: _Span
) -> dict:
    # Plans ceased within the last year still report their reviews.
    keep = np.flatnonzero((plans["cease"] < 0) | (plans["cease"] >= span.end - 365))
    k = len(keep)
    request = plans["request"][keep]
    start = plans["start"][keep]
    meeting, decision, outcome, draft = _reviews(rng, start, span)
    due, final = _phase_transfers(rng, person["birth"][req["person_of"][request]], start, span)
    transfer = req["transfer"][request]
    ids = _ids("AP", k)
    table = pa.table(
        {
            "activeplanstableid": ids,
            "requeststableid": req["ids"].take(pa.array(request)),
            "transferla": pa.array(
                np.where(transfer, _choose(rng, k, tuple((la, 0.1) for la in _OTHER_LAS)), ""),
                mask=~transfer,
            ),
            "reviewmeeting": _dates(meeting, mask=meeting < 0),
            "reviewoutcome": pa.array(outcome, mask=decision < 0),
            "lastreview": _dates(decision, mask=decision < 0),
            "reviewdraft": _dates(draft, mask=draft < 0),
            "phasetransferduedate": _dates(due, mask=due < 0),
            "phasetransferfinaldate": _dates(final, mask=final < 0),
        }
    )
    return {"table": table, "ids": ids, "request": request, "start": start, "draft": draft, "n": k}


def _reviews(rng: np.random.Generator, start: np.ndarray, span: _Span) -> tuple[np.ndarray, ...]:
    """The latest review of each plan: meeting, decision, outcome and amendments sent."""
    k = len(start)
    cycles = (span.end - start + 30) // 365
    # About one plan in eight has missed its latest annual review.
    cycles = cycles - (rng.random(k) < 0.12)
    meeting = start + 365 * cycles - rng.integers(-20, 45, k)
    meeting = np.where(meeting > span.end, meeting - 365, meeting)
    meeting = np.where((cycles < 1) | (meeting <= start), -1, meeting)
    delay = np.where(rng.random(k) < 0.45, rng.integers(5, 29, k), rng.integers(29, 90, k))
    decision = np.where((meeting > 0) & (meeting + delay <= span.end), meeting + delay, -1)
    outcome = _choose(rng, k, (("M", 0.58), ("A", 0.37), ("C", 0.05)))
    sent = decision + np.where(rng.random(k) < 0.85, 0, rng.integers(1, 15, k))
    draft = np.where((decision > 0) & (outcome == "A") & (sent <= span.end), sent, -1)
    return meeting, decision, outcome, draft


def _phase_transfers(
    rng: np.random.Generator, birth: np.ndarray, start: np.ndarray, span: _Span
) -> tuple[np.ndarray, np.ndarray]:
    """Due and final dates for children moving school phase in a recent or coming September."""
    k = len(birth)
    births = birth.astype("datetime64[D]")
    birth_year = births.astype("datetime64[Y]").astype(np.int64) + 1970
    # Children born September to December start school a year later.
    after_august = births.astype("datetime64[M]").astype(np.int64) % 12 >= 8
    end = date.fromordinal(span.end + _EPOCH.toordinal())
    latest = end.year + (1 if end.month >= 9 else 0)
    due = np.full(k, -1)
    for year in (latest, latest - 1):
        age = year - birth_year - after_august.astype(np.int64)  # age on 31 August
        phase = np.isin(age, (4, 7, 11))
        post16 = age == 16
        deadline = np.where(post16, _day(date(year, 3, 31)), _day(date(year, 2, 15)))
        fits = (phase | post16) & (due < 0) & (start < deadline - 120)
        due = np.where(fits, deadline, due)
    on_time = rng.random(k) < 0.78
    final = np.where(on_time, due - rng.integers(1, 60, k), due + rng.integers(0, 45, k))
    # Deadlines still ahead: some plans are already amended, the rest are pending.
    ahead = due > span.end
    final = np.where(
        ahead, np.where(rng.random(k) < 0.35, span.end - rng.integers(0, 40, k), -1), final
    )
    final = np.where((due < 0) | (final > span.end) | (final <= start), -1, final)
    return due, final


def _placements(rng: np.random.Generator, active: dict, span: _Span) -> pa.Table:
    k = active["n"]
    entry = np.minimum(active["start"] - rng.integers(0, 700, k), span.end)
    return pa.table(
        {
            "activeplanstableid": active["ids"],
            "urn": _school_urns(rng, k),
            "ukprn": pa.nulls(k, pa.string()),
            "sensetting": pa.nulls(k, pa.string()),
            "placementrank": np.ones(k, dtype=np.int8),
            "entrydate": _dates(entry),
            "leavingdate": pa.nulls(k, pa.date32()),
            "senunitindicator": np.where(rng.random(k) < 0.05, "Y", "N"),
            "resourcedprovisionindicator": np.where(rng.random(k) < 0.06, "Y", "N"),
            "res": np.where(rng.random(k) < 0.02, "Y", "N"),
            "wbp": np.where(rng.random(k) < 0.01, "Y", "N"),
        }
    )


def _needs(rng: np.random.Generator, active: dict) -> pa.Table:
    k = active["n"]
    codes = np.array([code for code, _ in _PRIMARY_NEED])
    weights = np.array([w for _, w in _PRIMARY_NEED])
    primary = rng.choice(len(codes), k, p=weights / weights.sum())
    # A secondary need, different from the primary, for about two plans in five.
    secondary = (primary + rng.integers(1, len(codes), k)) % len(codes)
    has_second = rng.random(k) < 0.4
    ids = active["ids"]
    return pa.table(
        {
            "activeplanstableid": pa.concat_arrays([ids, ids.filter(pa.array(has_second))]),
            "sentype": np.concatenate([codes[primary], codes[secondary[has_second]]]),
            "sentyperank": np.concatenate(
                [np.ones(k, np.int8), np.full(has_second.sum(), 2, np.int8)]
            ),
        }
    )


# Events, teams and waiting lists ------------------------------------------------------


def _events(rng: np.random.Generator, req: dict, asm: dict, active: dict, span: _Span) -> pa.Table:
    """Milestones from the decision to assess to the final plan, and review amendments."""
    assessed = np.flatnonzero(asm["outcome"] != "H")
    request = asm["which"][assessed]
    m = len(assessed)
    received = req["received"][request]
    decision = received + req["decide"][request]
    # Open cases follow the path they would take; only dates already passed are written.
    final = received + asm["told"][assessed]
    outcome = asm["outcome"][assessed]
    not_issued = outcome == "N"
    draft = final - np.maximum(
        15, ((final - decision) * rng.uniform(0.08, 0.2, m)).astype(np.int64)
    )
    room = np.maximum(draft - decision, 20)
    names: list[str] = ["decision_to_assess"]
    columns: list[tuple[np.ndarray, np.ndarray]] = [(request, decision)]
    requested = decision + np.maximum(1, (room * 0.03).astype(np.int64))
    for agency in _AGENCIES:
        asked = rng.random(m) < (0.7 if agency == "social_care" else 1.0)
        share = rng.uniform(0.25, 0.6 if agency == "health" else 0.5, m)
        names += [f"advice_requested_{agency}", f"advice_received_{agency}"]
        columns += [
            (request[asked], requested[asked]),
            (request[asked], (requested + room * share).astype(np.int64)[asked]),
        ]
    panel_1 = decision + (room * 0.65).astype(np.int64)
    panel_2 = decision + (room * rng.uniform(0.75, 0.95, m)).astype(np.int64)
    issued = ~not_issued & asm["issued"][assessed]
    names += ["panel_1", "panel_2", "draft_issued", "final_issued"]
    columns += [
        (request, panel_1),
        (request[~not_issued], panel_2[~not_issued]),
        (request[~not_issued], draft[~not_issued]),
        (request[issued], final[issued]),
    ]
    amended = active["draft"] > 0
    plan_request = active["request"][amended]
    sent = active["draft"][amended]
    in_time = rng.random(len(sent)) < 0.55
    issued_after = sent + np.where(
        in_time, rng.integers(20, 57, len(sent)), rng.integers(57, 150, len(sent))
    )
    names += ["amendments_sent", "amended_plan_issued"]
    columns += [(plan_request, sent), (plan_request, issued_after)]
    requests_at = np.concatenate([r for r, _ in columns])
    dates = np.concatenate([d for _, d in columns])
    which = np.concatenate([np.full(len(r), i, dtype=np.int8) for i, (r, _) in enumerate(columns)])
    past = dates <= span.end
    event = pa.DictionaryArray.from_arrays(pa.array(which[past]), pa.array(names)).cast(pa.string())
    return pa.table(
        {
            "requeststableid": req["ids"].take(pa.array(requests_at[past])),
            "event": event,
            "date": _dates(dates[past]),
        }
    )


def _teams(rng: np.random.Generator, req: dict, person: dict) -> pa.Table:
    locality = _choose(rng, req["people"], _TEAMS)[req["person_of"]]
    age = (req["received"] - person["birth"][req["person_of"]]) / 365.25
    return pa.table(
        {"requeststableid": req["ids"], "team": np.where(age >= 16, "Post-16", locality)}
    )


def _referrals(rng: np.random.Generator, n: int, span: _Span) -> pa.Table:
    k = max(1, round(n * 0.8))
    referred = span.start + _growing_offsets(rng, k, span.days, growth=0.15)
    service = _choose(rng, k, _SERVICES)
    median = np.select([service == s for s in _WAITS], [_WAITS[s][0] for s in _WAITS])
    sigma = np.select([service == s for s in _WAITS], [_WAITS[s][1] for s in _WAITS])
    first = referred + np.exp(np.log(median) + sigma * rng.standard_normal(k)).astype(np.int64)
    diagnostic = service != "SALT"
    outcome = first + np.where(diagnostic, rng.integers(30, 200, k), rng.integers(40, 300, k))
    discharge = outcome + rng.integers(0, 120, k)
    band = np.empty(k, dtype=object)
    for name, weights in _AGE_BAND_WEIGHTS.items():
        rows = service == name
        band[rows] = rng.choice(_AGE_BANDS, rows.sum(), p=weights)
    pathway = np.where(
        diagnostic, "assessment", np.where(np.isin(band, ("0-4",)), "early years", "school age")
    )
    return pa.table(
        {
            "referralid": _ids("REF", k),
            "service": service,
            "pathway": pathway,
            "referraldate": _dates(referred),
            "firstcontactdate": _dates(first, mask=first > span.end),
            "outcomedate": _dates(outcome, mask=outcome > span.end),
            "dischargedate": _dates(discharge, mask=discharge > span.end),
            "ageband": band.astype(str),
        }
    )


# Helpers ---------------------------------------------------------------------------


def _day(value: date) -> int:
    return (value - _EPOCH).days


def _dates(days: np.ndarray, *, mask: np.ndarray | None = None) -> pa.Array:
    return pa.array(np.asarray(days, dtype=np.int32), type=pa.date32(), mask=mask)


def _ids(prefix: str, count: int) -> pa.Array:
    width = max(6, len(str(count)))
    return pa.array(np.char.add(prefix, np.char.zfill(np.arange(1, count + 1).astype(str), width)))


def _choose(
    rng: np.random.Generator, count: int, weighted: tuple[tuple[str, float], ...]
) -> np.ndarray:
    values = np.array([value for value, _ in weighted])
    weights = np.array([weight for _, weight in weighted], dtype=float)
    return values[rng.choice(len(values), count, p=weights / weights.sum())]


def _growing_offsets(
    rng: np.random.Generator, count: int, days: int, *, growth: float
) -> np.ndarray:
    """Day offsets whose density grows by `growth` a year, as requests have nationally."""
    rate = growth / 365
    u = rng.random(count)
    return np.minimum(np.log1p(u * np.expm1(rate * days)) / rate, days).astype(np.int64)


def _school_urns(rng: np.random.Generator, count: int) -> np.ndarray:
    return (100000 + rng.integers(0, 180, count) * 7).astype(str)


def _write_workbook(tables: dict[str, pa.Table], path: Path) -> None:
    from openpyxl import Workbook

    too_big = [name for name, table in tables.items() if table.num_rows > XLSX_MAX_ROWS]
    if too_big:
        raise ValueError(f"too many rows for a workbook sheet: {', '.join(too_big)}; use csv")
    book = Workbook(write_only=True)
    for name, table in tables.items():
        sheet = book.create_sheet(name)
        sheet.append(table.column_names)
        for row in zip(*(column.to_pylist() for column in table.columns), strict=True):
            sheet.append(list(row))
    book.save(path)
