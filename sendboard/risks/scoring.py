"""Risk scores and rating bands: likelihood x impact on a 5 x 5 grid.

A score is likelihood (1 to 5) times impact (1 to 5), so 1 to 25. The bands split
that range at three thresholds a partnership may set for itself; the defaults are the
ones most council and NHS corporate registers use: Low 1-4, Medium 5-9, High 10-15,
Very high 16-25.
"""

from dataclasses import dataclass

from django.db import models

SCALE = range(1, 6)
LIKELIHOOD_WORDS = {1: "Rare", 2: "Unlikely", 3: "Possible", 4: "Likely", 5: "Almost certain"}
IMPACT_WORDS = {1: "Negligible", 2: "Minor", 3: "Moderate", 4: "Major", 5: "Severe"}


class Band(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"
    VERY_HIGH = "very_high", "Very high"


@dataclass(frozen=True)
class Bands:
    """Where each band ends: a score up to `low_max` is Low, and so on up to 25."""

    low_max: int = 4
    medium_max: int = 9
    high_max: int = 15

    def band_for(self, score: int) -> Band:
        if score <= self.low_max:
            return Band.LOW
        if score <= self.medium_max:
            return Band.MEDIUM
        if score <= self.high_max:
            return Band.HIGH
        return Band.VERY_HIGH

    def ranges(self) -> list[tuple[Band, int, int]]:
        """Each band with its lowest and highest score, for the key beside a heat map."""
        edges = [0, self.low_max, self.medium_max, self.high_max, 25]
        return [(band, edges[i] + 1, edges[i + 1]) for i, band in enumerate(Band)]

    def errors(self) -> dict[str, str]:
        """What is wrong with these thresholds, by field, for a form or a service."""
        if not 1 <= self.low_max < self.medium_max < self.high_max < 25:
            return {
                "medium_max": "Each band must end above the one before it: "
                "Low, then Medium, then High, with Very high up to 25"
            }
        return {}


DEFAULT_BANDS = Bands()
