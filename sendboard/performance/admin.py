from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sendboard.core.admin import ReadOnlyAdminMixin
from sendboard.governance.admin import PartnershipScoped
from sendboard.performance.models import Benchmark, Commentary, Indicator, Observation, Scorecard


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


@admin.register(Scorecard)
class ScorecardAdmin(PartnershipScoped, SimpleHistoryAdmin):
    partnership_path = "partnership"
    list_display = ("title", "partnership")
    list_filter = ("partnership",)
    readonly_fields = ("code", "version")


@admin.register(Commentary)
class CommentaryAdmin(PartnershipScoped, ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Read only: the owner writes commentary on the indicator's page, with its history."""

    partnership_path = "indicator__partnership"
    list_display = ("indicator", "period_label", "written_by")
    list_filter = ("indicator__partnership",)


@admin.register(Benchmark)
class BenchmarkAdmin(PartnershipScoped, ReadOnlyAdminMixin, SimpleHistoryAdmin):
    partnership_path = "indicator__partnership"
    list_display = ("indicator", "series", "period_label", "value", "source")
    list_filter = ("indicator__partnership", "series")
