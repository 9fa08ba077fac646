"""The configurable points of send-rules.md, with their defaults.

Where the law or the DfE method is not explicit, the partnership chooses; every result
carries the choices it was computed with so a figure is never shown without them.
"""

from dataclasses import dataclass, field

# NICE QS51: autism assessment should start within 3 months of referral (13 weeks);
# the NHS 18-week standard is the default for every other service.
DEFAULT_WAITING_STANDARDS: dict[str, int] = {"ASD": 13}
DEFAULT_WAITING_STANDARD_WEEKS = 18


@dataclass(frozen=True)
class EngineOptions:
    # "Within N weeks" as `date <= start + 7N` (day 140 is within 20 weeks) when True.
    inclusive_weeks: bool = True
    # "Before 15 February" (and "before 31 March") as strictly before when True.
    phase_transfer_strictly_before: bool = True
    # S outcomes (plan issued after another LA's assessment) join 20-week timeliness.
    include_s_in_timeliness: bool = False
    waiting_standards: dict[str, int] = field(
        default_factory=lambda: dict(DEFAULT_WAITING_STANDARDS)
    )

    def waiting_standard_weeks(self, service: str) -> int:
        return self.waiting_standards.get(service.upper(), DEFAULT_WAITING_STANDARD_WEEKS)

    def describe(self) -> dict[str, object]:
        return {
            "weeks": "inclusive (day 7N is within N weeks)"
            if self.inclusive_weeks
            else "exclusive (day 7N is late)",
            "phase_transfer_deadline": "strictly before"
            if self.phase_transfer_strictly_before
            else "on or before",
            "s_outcomes": "included in timeliness"
            if self.include_s_in_timeliness
            else "outside timeliness",
            "waiting_standards_weeks": {
                **self.waiting_standards,
                "other services": DEFAULT_WAITING_STANDARD_WEEKS,
            },
        }
