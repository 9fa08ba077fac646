from django.contrib import admin

from sendboard.casework.models import Snapshot


@admin.register(Snapshot)
class SnapshotAdmin(admin.ModelAdmin):
    """Read-only: a snapshot is made by import_casework and its files must match the row."""

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

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
