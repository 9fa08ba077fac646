from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sendboard.actions.models import Action, ActionUpdate
from sendboard.governance.admin import PartnershipScoped


class ActionUpdateInline(admin.TabularInline):
    model = ActionUpdate
    extra = 0
    fields = ("written_on", "status", "text", "author")
    raw_id_fields = ("author",)


@admin.register(Action)
class ActionAdmin(PartnershipScoped, SimpleHistoryAdmin):
    partnership_path = "board__partnership"
    list_display = (
        "reference",
        "title",
        "group",
        "status",
        "due_date",
        "due_by_next_meeting",
        "closed_on",
    )
    list_filter = ("status", "board", "group")
    search_fields = ("title", "description", "number")
    list_select_related = ("board", "group")
    raw_id_fields = ("source_meeting", "source_item")
    filter_horizontal = ("owners",)
    readonly_fields = ("board", "number", "code", "version")
    inlines = [ActionUpdateInline]

    def has_add_permission(self, request) -> bool:
        # Numbers are given out by `action_create`, which the back office cannot call.
        return False
