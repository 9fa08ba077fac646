from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sendboard.governance.admin import PartnershipScoped
from sendboard.workbooks.models import ColumnMapping


@admin.register(ColumnMapping)
class ColumnMappingAdmin(PartnershipScoped, SimpleHistoryAdmin):
    """A remembered mapping can be corrected or removed here; the next import offers it."""

    partnership_path = "partnership"
    list_display = ("partnership", "kind", "sheet_name", "header_row", "updated_at")
    list_filter = ("kind", "partnership")
