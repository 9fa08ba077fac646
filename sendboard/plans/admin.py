from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sendboard.governance.admin import PartnershipScoped
from sendboard.plans.models import (
    Evidence,
    ImprovementPlan,
    Outcome,
    PeriodLine,
    PlanAction,
    PriorityArea,
    ProgressUpdate,
    ReportingPeriod,
)


@admin.register(ImprovementPlan)
class ImprovementPlanAdmin(PartnershipScoped, SimpleHistoryAdmin):
    partnership_path = "partnership"
    list_display = ("title", "partnership", "kind", "starts_on", "ends_on")
    list_filter = ("kind", "partnership")
    search_fields = ("title", "source")
    readonly_fields = ("code", "version")


@admin.register(PriorityArea)
class PriorityAreaAdmin(PartnershipScoped, SimpleHistoryAdmin):
    partnership_path = "plan__partnership"
    list_display = ("reference", "title", "plan", "kind")
    list_select_related = ("plan",)
    search_fields = ("reference", "title")
    readonly_fields = ("code", "version")


@admin.register(Outcome)
class OutcomeAdmin(PartnershipScoped, SimpleHistoryAdmin):
    partnership_path = "area__plan__partnership"
    list_display = ("reference", "title", "area")
    list_select_related = ("area",)
    search_fields = ("reference", "title")
    readonly_fields = ("code", "version")


@admin.register(PlanAction)
class PlanActionAdmin(PartnershipScoped, SimpleHistoryAdmin):
    partnership_path = "outcome__area__plan__partnership"
    list_display = ("reference", "outcome", "status", "due_on", "transferred_on")
    list_filter = ("status",)
    list_select_related = ("outcome__area",)
    search_fields = ("reference", "text")
    raw_id_fields = ("outcome", "owners", "meeting_actions", "forward_plan_items")
    readonly_fields = ("code", "version")


@admin.register(Evidence)
class EvidenceAdmin(PartnershipScoped, SimpleHistoryAdmin):
    partnership_path = "plan_action__outcome__area__plan__partnership"
    list_display = ("plan_action", "written_on", "added_by", "withdrawn_at")
    list_select_related = ("plan_action", "added_by")
    raw_id_fields = ("plan_action", "added_by")
    readonly_fields = ("code",)


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(PartnershipScoped, admin.ModelAdmin):
    partnership_path = "plan_action__outcome__area__plan__partnership"
    list_display = ("plan_action", "period", "status", "written_by", "written_at")
    list_select_related = ("plan_action", "period", "written_by")
    raw_id_fields = ("plan_action", "period", "written_by")


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(PartnershipScoped, SimpleHistoryAdmin):
    partnership_path = "plan__partnership"
    list_display = ("__str__", "plan", "state", "closed_at")
    list_filter = ("state",)
    list_select_related = ("plan",)
    readonly_fields = ("code", "version")


@admin.register(PeriodLine)
class PeriodLineAdmin(PartnershipScoped, admin.ModelAdmin):
    """Frozen lines are the record of what the board saw: read here, never changed."""

    partnership_path = "period__plan__partnership"
    list_display = ("plan_action", "period", "status", "updated", "evidence_count")
    list_select_related = ("plan_action", "period")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
