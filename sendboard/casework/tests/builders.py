"""Tiny snapshot folders for tests, written per schema.py."""

import json
from datetime import date
from itertools import count
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from sendboard.casework.engine import EngineOptions, derived, open_snapshot, write_derived
from sendboard.casework.schema import ALL_TABLES, DATE, INT, MANIFEST, MANIFEST_AS_AT

_ARROW = {DATE: pa.date32(), INT: pa.int32()}

# The default choices, and every choice changed: a property of the engine must hold
# under either.
OPTION_SETS = (
    EngineOptions(),
    EngineOptions(
        inclusive_weeks=False,
        phase_transfer_strictly_before=False,
        include_s_in_timeliness=True,
        waiting_standards={"ASD": 10, "SALT": 6},
    ),
)


def d(text: str) -> date:
    return date.fromisoformat(text)


class SnapshotBuilder:
    """Rows per table, added case by case, written as one Parquet file per table."""

    def __init__(self) -> None:
        self.rows: dict[str, list[dict[str, object]]] = {t.name: [] for t in ALL_TABLES}
        self._ids = count(1)

    def add(self, table: str, **values: object) -> dict[str, object]:
        self.rows[table].append(values)
        return values

    def _id(self, prefix: str) -> str:
        return f"{prefix}{next(self._ids):06d}"

    def request(
        self,
        *,
        received: str | None,
        outcome: str = "Y",
        told: str | None = None,
        birthmonth: str | None = None,
        team: str | None = None,
    ) -> str:
        person = self._id("P")
        self.add("person", persontableid=person, birthmonth=birthmonth and d(birthmonth))
        request = self._id("R")
        self.add(
            "requests",
            requeststableid=request,
            persontableid=person,
            receiveddate=received and d(received),
            requestoutcome=outcome,
            requestoutcomedate=told and d(told),
        )
        if team:
            self.add("teams", requeststableid=request, team=team)
        return request

    def assessment(
        self,
        *,
        request: str,
        outcome: str,
        date_: str | None = None,
        week20: int | None = 0,
        start: str | None = None,
        cease: str | None = None,
    ) -> str:
        assessment = self._id("A")
        self.add(
            "assessment",
            assessmenttableid=assessment,
            requeststableid=request,
            assessmentoutcome=outcome,
            assessmentoutcomedate=date_ and d(date_),
            week20=week20,
        )
        if outcome in ("Y", "S", "H"):
            self.add(
                "namedplan",
                namedplantableid=self._id("N"),
                assessmenttableid=assessment,
                startdate=(start or date_) and d(start or date_),
                ceasedate=cease and d(cease),
            )
        return assessment

    def plan(
        self,
        *,
        received: str | None,
        issued: str | None,
        week20: int | None = 0,
        outcome: str = "Y",
        **request: str | None,
    ) -> str:
        """A request decided Y with an assessment ending in ``outcome`` on ``issued``."""
        rid = self.request(received=received, **request)  # type: ignore[arg-type]
        self.assessment(request=rid, outcome=outcome, date_=issued, week20=week20)
        return rid

    def active(self, *, request: str, **values: object) -> str:
        ap = self._id("AP")
        self.add(
            "activeplans",
            activeplanstableid=ap,
            requeststableid=request,
            **{
                k: d(v) if isinstance(v, str) and k != "reviewoutcome" else v
                for k, v in values.items()
            },
        )
        return ap

    def write(self, folder: Path, *, as_at: str | None = None, store_derived: bool = True) -> Path:
        """Write the tables, and the derived tables beside them as the importer does
        unless not ``store_derived`` (as a snapshot written before they were stored)."""
        folder.mkdir(parents=True, exist_ok=True)
        for table in ALL_TABLES:
            rows = self.rows[table.name]
            if not rows and not table.required:
                continue
            schema = pa.schema(
                [(name, _ARROW.get(kind, pa.string())) for name, kind in table.columns.items()]
            )
            columns = {name: [row.get(name) for row in rows] for name in table.columns}
            pq.write_table(pa.table(columns, schema=schema), folder / f"{table.name}.parquet")
        manifest: dict[str, object] = {MANIFEST_AS_AT: as_at} if as_at else {}
        if store_derived:
            with duckdb.connect() as con:
                manifest[derived.MANIFEST_KEY] = write_derived(con, folder)
        (folder / MANIFEST).write_text(json.dumps(manifest))
        return folder

    def open(self, folder: Path, *, as_at: str | None = None) -> duckdb.DuckDBPyConnection:
        return open_snapshot(self.write(folder, as_at=as_at))
