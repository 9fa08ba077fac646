from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sendboard.governance.admin import PartnershipScoped
from sendboard.meetings.models import AgendaItem, Attendance, Meeting, MinuteEntry, Paper


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    fields = ["position", "title", "kind", "standing", "purpose", "reporting_group"]
    extra = 0
    show_change_link = True


@admin.register(Meeting)
class MeetingAdmin(PartnershipScoped, SimpleHistoryAdmin):
    partnership_path = "group__partnership"
    list_display = ["__str__", "number", "date", "status", "minutes_status"]
    list_filter = ["group__partnership", "group", "status", "minutes_status"]
    list_select_related = ["group"]
    search_fields = ["group__name", "location"]
    date_hierarchy = "date"
    raw_id_fields = ["minutes_approved_at"]
    inlines = [AgendaItemInline]


@admin.register(AgendaItem)
class AgendaItemAdmin(PartnershipScoped, SimpleHistoryAdmin):
    partnership_path = "meeting__group__partnership"
    list_display = ["__str__", "meeting", "kind"]
    list_filter = ["kind", "meeting__group__partnership"]
    list_select_related = ["meeting__group"]
    search_fields = ["title"]
    raw_id_fields = ["meeting", "forward_plan_item"]
    filter_horizontal = ["presenters"]


@admin.register(Paper)
class PaperAdmin(PartnershipScoped, SimpleHistoryAdmin):
    partnership_path = "item__meeting__group__partnership"
    list_display = ["title", "item", "uploaded_at", "withdrawn_at"]
    list_select_related = ["item"]
    search_fields = ["title"]
    raw_id_fields = ["item"]


@admin.register(Attendance)
class AttendanceAdmin(PartnershipScoped, SimpleHistoryAdmin):
    partnership_path = "meeting__group__partnership"
    list_display = ["person", "kind", "deputising_for", "meeting"]
    list_filter = ["kind"]
    list_select_related = ["person", "deputising_for", "meeting__group"]
    raw_id_fields = ["meeting", "person", "deputising_for"]


@admin.register(MinuteEntry)
class MinuteEntryAdmin(PartnershipScoped, SimpleHistoryAdmin):
    partnership_path = "item__meeting__group__partnership"
    list_display = ["__str__", "kind", "item"]
    list_filter = ["kind"]
    list_select_related = ["item"]
    search_fields = ["text"]
    raw_id_fields = ["item", "speaker", "responds_to"]
