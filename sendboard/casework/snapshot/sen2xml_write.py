"""An SEN2 XML return written from a CSV export of its modules, as councils' systems
write it: for ``synth_casework --format xml`` and for tests of the XML import.

`xml_from_export(folder, target)` nests each module's rows under their parents as the
DfE layout does (Person > Requests > Assessment > NamedPlan > PlanDetail, Requests >
ActivePlans > PlacementDetail, SENneed). The return holds no table identifiers: the
nesting carries them. Styles vary what systems vary: a namespace, element case,
misspellings, blank items omitted or written empty.
"""

import csv
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

NAMES = {
    "person": {
        "surname": "Surname",
        "forename": "Forename",
        "personbirthdate": "PersonBirthDate",
        "sex": "Sex",
        "ethnicity": "Ethnicity",
        "postcode": "PostCode",
        "upn": "UPN",
        "uniquelearnernumber": "UniqueLearnerNumber",
        "upnunknown": "UPNunknown",
    },
    "requests": {
        "receiveddate": "ReceivedDate",
        "requestsource": "RequestSource",
        "rya": "RYA",
        "requestoutcomedate": "RequestOutcomeDate",
        "requestoutcome": "RequestOutcome",
        "requestmediation": "RequestMediation",
        "requesttribunal": "RequestTribunal",
        "exported": "Exported",
    },
    "assessment": {
        "assessmentoutcome": "AssessmentOutcome",
        "assessmentoutcomedate": "AssessmentOutcomeDate",
        "assessmentmediation": "AssessmentMediation",
        "assessmenttribunal": "AssessmentTribunal",
        "othermediation": "OtherMediation",
        "othertribunal": "OtherTribunal",
        "week20": "Week20",
    },
    "namedplan": {
        "startdate": "StartDate",
        "planres": "PlanRes",
        "planwbp": "PlanWBP",
        "pb": "PB",
        "oa": "OA",
        "dp": "DP",
        "ceasedate": "CeaseDate",
        "ceasereason": "CeaseReason",
    },
    "plandetail": {
        "urn": "URN",
        "ukprn": "UKPRN",
        "sensetting": "SENsetting",
        "sensettingother": "SENsettingOther",
        "placementrank": "PlacementRank",
        "senunitindicator": "SENunitIndicator",
        "resourcedprovisionindicator": "ResourcedProvisionIndicator",
    },
    "activeplans": {
        "transferla": "TransferLA",
        "reviewmeeting": "ReviewMeeting",
        "reviewoutcome": "ReviewOutcome",
        "lastreview": "LastReview",
        "reviewdraft": "ReviewDraft",
        "phasetransferduedate": "PhaseTransferDueDate",
        "phasetransferfinaldate": "PhaseTransferFinalDate",
    },
    "placement": {
        "urn": "URN",
        "ukprn": "UKPRN",
        "sensetting": "SENsetting",
        "placementrank": "PlacementRank",
        "entrydate": "EntryDate",
        "leavingdate": "LeavingDate",
        "senunitindicator": "SENunitIndicator",
        "resourcedprovisionindicator": "ResourcedProvisionIndicator",
        "res": "Res",
        "wbp": "WBP",
    },
    "senneed": {"sentype": "SENtype", "sentyperank": "SENtypeRank"},
}
ELEMENT = {
    "person": "Person",
    "requests": "Requests",
    "assessment": "Assessment",
    "namedplan": "NamedPlan",
    "plandetail": "PlanDetail",
    "activeplans": "ActivePlans",
    "placement": "PlacementDetail",
    "senneed": "SENneed",
}
# table -> (its key, its children as (table, parent column))
TREE = {
    "person": ("persontableid", (("requests", "persontableid"),)),
    "requests": (
        "requeststableid",
        (("assessment", "requeststableid"), ("activeplans", "requeststableid")),
    ),
    "assessment": ("assessmenttableid", (("namedplan", "assessmenttableid"),)),
    "namedplan": ("namedplantableid", (("plandetail", "namedplantableid"),)),
    "plandetail": (None, ()),
    "activeplans": (
        "activeplanstableid",
        (("placement", "activeplanstableid"), ("senneed", "activeplanstableid")),
    ),
    "placement": (None, ()),
    "senneed": (None, ()),
}
CENSUS = {2023: "2023-01-19", 2024: "2024-01-18", 2025: "2025-01-16", 2026: "2026-01-15"}


@dataclass(frozen=True)
class Style:
    namespace: bool = False
    lower_case: bool = False
    misspelt: bool = False  # WPB for WBP, PlanWPB for PlanWBP
    empty_elements: bool = False  # a blank item written empty rather than left out
    year: int = 2026


def _rows(folder: Path, table: str) -> list[dict[str, str]]:
    path = folder / f"{table}.csv"
    if not path.exists():
        return []
    with path.open(newline="", encoding="utf-8-sig") as file:
        return [{key.lower(): value for key, value in row.items()} for row in csv.DictReader(file)]


def xml_from_export(
    folder: Path, target: Path, *, style: Style = Style(), reference_date: str = ""
) -> Path:
    tables = {table: _rows(folder, table) for table in ELEMENT}
    children: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for _, kids in TREE.values():
        for kid, column in kids:
            for row in tables[kid]:
                children[(kid, row.get(column, ""))].append(row)

    def tag(name: str) -> str:
        if style.misspelt:
            name = {"WBP": "WPB", "PlanWBP": "PlanWPB"}.get(name, name)
        return name.lower() if style.lower_case else name

    out: list[str] = []

    def write(table: str, row: dict[str, str], depth: int) -> None:
        pad = "  " * depth
        out.append(f"{pad}<{tag(ELEMENT[table])}>")
        for column, name in NAMES[table].items():
            value = (row.get(column) or "").strip()
            if value or style.empty_elements:
                out.append(f"{pad}  <{tag(name)}>{escape(value)}</{tag(name)}>")
        key, kids = TREE[table]
        for kid, _ in kids:
            for child in children.get((kid, row.get(key or "", "")), []):
                write(kid, child, depth + 1)
        out.append(f"{pad}</{tag(ELEMENT[table])}>")

    for person in tables["person"]:
        write("person", person, 2)
    root = tag("Message")
    namespace = ' xmlns="http://www.dfe.gov.uk/CBDS/sen2"' if style.namespace else ""
    head = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f"<{root}{namespace}>",
        f"  <{tag('Header')}>",
        f"    <{tag('CollectionDetails')}>",
        f"      <{tag('Collection')}>SEN2</{tag('Collection')}>",
        f"      <{tag('Year')}>{style.year}</{tag('Year')}>",
        f"      <{tag('ReferenceDate')}>{reference_date or CENSUS[style.year]}"
        f"</{tag('ReferenceDate')}>",
        f"    </{tag('CollectionDetails')}>",
        f"    <{tag('Source')}><{tag('LEA')}>999</{tag('LEA')}></{tag('Source')}>",
        f"  </{tag('Header')}>",
        f"  <{tag('Persons')}>",
    ]
    tail = [f"  </{tag('Persons')}>", f"</{root}>"]
    target.write_text("\n".join([*head, *out, *tail]) + "\n", encoding="utf-8")
    return target


def sen2_only(folder: Path) -> Path:
    """The export without its local tables, which an XML return cannot carry."""
    for name in ("events", "teams", "referrals", "header"):
        (folder / f"{name}.csv").unlink(missing_ok=True)
    return folder
