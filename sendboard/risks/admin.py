from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sendboard.governance.admin import PartnershipScoped
from sendboard.risks.models import Mitigation, Risk, RiskReview, RiskSettings


@admin.register(RiskSettings)
class RiskSettingsAdmin(PartnershipScoped, SimpleHistoryAdmin):
    partnership_path = "partnership"
    list_display = ("partnership", "low_max", "medium_max", "high_max")


@admin.register(Risk)
class RiskAdmin(PartnershipScoped, SimpleHistoryAdmin):
    partnership_path = "partnership"
    list_display = ("reference", "title", "partnership", "status", "escalated_to_board")
    list_filter = ("status", "category", "escalated_to_board", "partnership")
    list_select_related = ("partnership",)
    search_fields = ("reference", "title", "description")
    raw_id_fields = ("owner", "plan_actions")
    readonly_fields = ("code", "version")


@admin.register(Mitigation)
class MitigationAdmin(PartnershipScoped, SimpleHistoryAdmin):
    partnership_path = "risk__partnership"
    list_display = ("risk", "text", "owner", "due_on", "done_on")
    list_select_related = ("risk", "owner")
    raw_id_fields = ("risk", "owner")
    readonly_fields = ("code",)


@admin.register(RiskReview)
class RiskReviewAdmin(PartnershipScoped, admin.ModelAdmin):
    """The score history is the record of what was said when: read here, never changed."""

    partnership_path = "risk__partnership"
    list_display = ("risk", "kind", "reviewed_on", "reviewed_by")
    list_select_related = ("risk", "reviewed_by")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
