from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sendboard.governance.admin import PartnershipScoped
from sendboard.quality.models import Audit, Framework, PlanTeam, QualitySettings, Sample


class ReadOnly(admin.ModelAdmin):
    """Records the quality services write and keep as they were: read here, never changed."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(PlanTeam)
class PlanTeamAdmin(PartnershipScoped, SimpleHistoryAdmin):
    """The team of a plan, for snapshots without a teams table: the sample's strata."""

    partnership_path = "partnership"
    list_display = ("plan_id", "team", "partnership")
    list_filter = ("team", "partnership")
    search_fields = ("plan_id", "team")


@admin.register(QualitySettings)
class QualitySettingsAdmin(PartnershipScoped, SimpleHistoryAdmin, ReadOnly):
    partnership_path = "partnership"
    list_display = ("partnership", "target_percent", "target_base", "moderation_percent")


@admin.register(Framework)
class FrameworkAdmin(PartnershipScoped, ReadOnly):
    partnership_path = "partnership"
    list_display = ("name", "number", "partnership", "created_at")


@admin.register(Sample)
class SampleAdmin(PartnershipScoped, SimpleHistoryAdmin, ReadOnly):
    partnership_path = "partnership"
    list_display = ("month", "partnership", "target_count", "base_count", "seed")


@admin.register(Audit)
class AuditAdmin(PartnershipScoped, SimpleHistoryAdmin, ReadOnly):
    partnership_path = "partnership"
    list_display = ("plan_id", "month", "team", "status", "grade", "final_grade", "partnership")
    list_filter = ("status", "stage", "kind", "partnership")
    search_fields = ("plan_id",)
