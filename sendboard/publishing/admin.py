from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sendboard.governance.admin import PartnershipScoped
from sendboard.publishing.models import PublicSummary


@admin.register(PublicSummary)
class PublicSummaryAdmin(PartnershipScoped, SimpleHistoryAdmin):
    partnership_path = "meeting__group__partnership"
    list_display = ["title", "meeting", "status", "published_at"]
    list_filter = ["status", "meeting__group__partnership"]
    search_fields = ["title", "body"]
    list_select_related = ["meeting__group"]
    readonly_fields = ["code", "version", "published_at", "published_by"]
    raw_id_fields = ["meeting"]
