from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sendboard.forwardplan.models import ForwardPlanItem
from sendboard.governance.admin import PartnershipScoped


@admin.register(ForwardPlanItem)
class ForwardPlanItemAdmin(PartnershipScoped, SimpleHistoryAdmin):
    partnership_path = "group__partnership"
    list_display = ("title", "group", "kind", "status", "target_month", "target_meeting", "owner")
    list_filter = ("status", "kind", "group")
    search_fields = ("title", "notes")
    list_select_related = ("group", "target_meeting__group", "owner")
    raw_id_fields = ("target_meeting", "deferred_from", "source_action", "owner")
    readonly_fields = ("code", "version")
