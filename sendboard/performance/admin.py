from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sendboard.core.admin import ReadOnlyAdminMixin
from sendboard.governance.admin import PartnershipScoped
from sendboard.performance.models import Indicator, Observation


@admin.register(Indicator)
class IndicatorAdmin(PartnershipScoped, SimpleHistoryAdmin):
    partnership_path = "partnership"
    list_display = ("title", "key", "partnership", "unit", "polarity", "target", "source")
    list_filter = ("partnership", "source", "unit", "polarity")
    search_fields = ("title", "key")
    readonly_fields = ("code", "version", "definition_version")


@admin.register(Observation)
class ObservationAdmin(PartnershipScoped, ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Read only: figures come from snapshots, and a correction is a new observation."""

    partnership_path = "indicator__partnership"
    list_display = ("indicator", "period_label", "value", "numerator", "denominator", "snapshot")
    list_filter = ("indicator__partnership", "period_type")
    list_select_related = ("indicator", "snapshot")
    search_fields = ("indicator__title", "period_label")
