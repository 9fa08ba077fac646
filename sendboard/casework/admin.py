from django.contrib import admin

from sendboard.casework.models import Snapshot
from sendboard.core.admin import ReadOnlyAdminMixin
from sendboard.governance.admin import PartnershipScoped


@admin.register(Snapshot)
class SnapshotAdmin(PartnershipScoped, ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: a snapshot is made by import_casework and its files must match the row."""

    partnership_path = "partnership"
    list_display = (
        "as_at",
        "kind",
        "partnership",
        "source_name",
        "imported_by",
        "imported_at",
        "status",
    )
    list_filter = ("kind", "status", "partnership")
    search_fields = ("code", "source_name")
    readonly_fields = [field.name for field in Snapshot._meta.fields]
