"""Each closed month's highlight report: generated from the period, then given its story.

The story's figures are filled in from the report's own records, so the words the
Board reads agree with the tracker whatever the build's date.
"""

import datetime

from sendboard.demo.cast import Cast
from sendboard.plans.highlight import Highlight, highlight_of
from sendboard.plans.models import HighlightReport, ReportingPeriod, Status
from sendboard.plans.services import highlight_report_edit, highlight_report_generate

EDITED_AFTER = datetime.timedelta(days=3)  # the manager writes it up before the Board


def figures(report: Highlight) -> dict[str, object]:
    off_track = [item for item in report.obstacles if item.status == Status.OFF_TRACK]
    return {
        "done": report.rollup.done,
        "done_share": report.rollup.done_share,
        "obstacles": report.rollup.obstacles,
        "off_track": len(off_track),
        "at_risk": report.rollup.count(Status.AT_RISK),
        "not_started": report.rollup.not_started,
        "newly_done": len(report.newly_done),
        "off_track_lines": ", ".join(item.name for item in off_track) or "none",
    }


def highlight_write(*, cast: Cast, period: ReportingPeriod, story: str) -> HighlightReport:
    """Generate the closed period's report, then open it with the month's story."""
    manager = cast.users["manager"]
    generated = cast.on(period.ends_on)
    report = highlight_report_generate(period=period, by=manager)
    opening = story.format(**figures(highlight_of(period)))
    edited = cast.on(period.ends_on + EDITED_AFTER)
    report = highlight_report_edit(
        report=report,
        introduction=f"{opening}\n\n{report.introduction}",
        difference_made=report.difference_made,
        concerns=report.concerns,
        next_steps=report.next_steps,
        state=HighlightReport.State.READY,
        opened_version=report.version,
        by=manager,
    )
    HighlightReport.objects.filter(pk=report.pk).update(generated_at=generated, edited_at=edited)
    return report
