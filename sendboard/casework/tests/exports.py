"""A small, valid SEN2-shaped export written as a local system would, for import tests.

`write_export(folder)` writes it; pass `changes={"requests.csv": {2: {"requestoutcome":
"Q"}}}` to alter cells (row numbers as the user sees them, header being row 1), or
`drop={"teams.csv": ["team"]}` to leave columns out.
"""

import csv
from pathlib import Path

PERSONAL = {
    "surname": "Quayle",
    "forename": "Nell",
    "postcode": "QX7 2HB",
    "upn": "Z123456789012",
    "uniquelearnernumber": "9988776655",
}

EXPORT: dict[str, list[dict[str, str]]] = {
    "person.csv": [
        {
            "PersonTableID": "P1",
            "Surname": "Quayle",
            "Forename": "Nell",
            "PersonBirthDate": "14/03/2015",
            "Sex": "F",
            "Ethnicity": "WBRI",
            "Postcode": "QX7 2HB",
            "UPN": "Z123456789012",
            "UniqueLearnerNumber": "9988776655",
            "UPNUnknown": "",
        },
        {
            "PersonTableID": "P2",
            "Surname": "Rudd",
            "Forename": "Finn",
            "PersonBirthDate": "2011-07-30",
            "Sex": "M",
            "Ethnicity": "MWBC",
            "Postcode": "QX9 1AB",
            "UPN": "Z123456789013",
            "UniqueLearnerNumber": "",
            "UPNUnknown": "",
        },
    ],
    "requests.csv": [
        {
            "requeststableid": "R1",
            "persontableid": "P1",
            "receiveddate": "2024-01-08",
            "requestsource": "1",
            "requestoutcomedate": "2024-02-12",
            "requestoutcome": "Y",
        },
        {
            "requeststableid": "R2",
            "persontableid": "P2",
            "receiveddate": "2024-02-05",
            "requestsource": "2",
            "requestoutcomedate": "2024-03-19",
            "requestoutcome": "N",
        },
        {
            "requeststableid": "R3",
            "persontableid": "P2",
            "receiveddate": "2024-09-02",
            "requestsource": "1",
            "requestoutcomedate": "2024-10-07",
            "requestoutcome": "Y",
        },
    ],
    "assessment.csv": [
        {
            "assessmenttableid": "A1",
            "requeststableid": "R1",
            "assessmentoutcome": "Y",
            "assessmentoutcomedate": "2024-05-27",
            "week20": "0",
        },
        {
            "assessmenttableid": "A3",
            "requeststableid": "R3",
            "assessmentoutcome": "A",
            "assessmentoutcomedate": "",
            "week20": "0",
        },
    ],
    "namedplan.csv": [
        {
            "namedplantableid": "N1",
            "assessmenttableid": "A1",
            "startdate": "2024-05-27",
            "ceasedate": "",
            "ceasereason": "",
        },
    ],
    "plandetail.csv": [
        {"namedplantableid": "N1", "urn": "100123", "placementrank": "1"},
    ],
    "activeplans.csv": [
        {
            "activeplanstableid": "AP1",
            "requeststableid": "R1",
            "reviewmeeting": "2025-05-01",
            "reviewoutcome": "A",
            "lastreview": "2025-05-20",
            "reviewdraft": "2025-05-20",
            "phasetransferduedate": "2026-02-15",
            "phasetransferfinaldate": "",
        },
    ],
    "placement.csv": [
        {
            "activeplanstableid": "AP1",
            "urn": "100123",
            "placementrank": "1",
            "entrydate": "2023-09-01",
            "leavingdate": "",
        },
    ],
    "senneed.csv": [
        {"activeplanstableid": "AP1", "sentype": "ASD", "sentyperank": "1"},
        {"activeplanstableid": "AP1", "sentype": "SLCN", "sentyperank": "2"},
    ],
    "events.csv": [
        {"requeststableid": "R1", "event": "decision_to_assess", "date": "2024-02-12"},
        {"requeststableid": "R1", "event": "final_issued", "date": "2024-05-27"},
    ],
    "teams.csv": [
        {"requeststableid": "R1", "team": "North"},
        {"requeststableid": "R2", "team": "South"},
    ],
    "referrals.csv": [
        {
            "referralid": "P1",
            "service": "SALT",
            "pathway": "school age",
            "referraldate": "2024-03-01",
            "firstcontactdate": "2024-06-10",
            "outcomedate": "",
            "dischargedate": "",
            "ageband": "5-10",
        },
    ],
}

ROWS = {name.removesuffix(".csv"): len(rows) for name, rows in EXPORT.items()}


def write_export(
    folder: Path,
    *,
    changes: dict[str, dict[int, dict[str, str]]] | None = None,
    drop: dict[str, list[str]] | None = None,
    only: tuple[str, ...] | None = None,
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in EXPORT.items():
        if only is not None and name not in only:
            continue
        rows = [dict(row) for row in rows]
        for row_number, cells in (changes or {}).get(name, {}).items():
            while len(rows) < row_number - 1:
                rows.append(dict(rows[-1]))
            rows[row_number - 2].update(cells)
        dropped = [column.lower() for column in (drop or {}).get(name, [])]
        columns = [column for column in rows[0] if column.lower() not in dropped]
        with (folder / name).open("w", newline="") as file:
            writer = csv.DictWriter(file, fieldnames=columns, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)
    return folder
