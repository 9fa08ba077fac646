"""Changes the Excel round trip makes. Each function is one transaction; callers import
from here."""

from sendboard.workbooks.services.mappings import column_mapping_save, columns_for, mapping_for
from sendboard.workbooks.services.plan_tracker import NewPlan, plan_tracker_import
from sendboard.workbooks.services.risk_register import risk_register_import
from sendboard.workbooks.services.uploads import (
    upload_columns_map,
    upload_import,
    upload_table,
    workbook_upload,
)

__all__ = [
    "NewPlan",
    "column_mapping_save",
    "columns_for",
    "mapping_for",
    "plan_tracker_import",
    "risk_register_import",
    "upload_columns_map",
    "upload_import",
    "upload_table",
    "workbook_upload",
]
