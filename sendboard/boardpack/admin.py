from django.contrib import admin

from sendboard.boardpack.models import BoardPack
from sendboard.governance.admin import PartnershipScoped


@admin.register(BoardPack)
class BoardPackAdmin(PartnershipScoped, admin.ModelAdmin):
    partnership_path = "meeting__group__partnership"
    list_display = ("meeting", "built_by", "built_at")
    list_select_related = ("meeting__group", "built_by")
    readonly_fields = ("code", "meeting", "built_by", "built_at", "sections", "word", "pdf")
