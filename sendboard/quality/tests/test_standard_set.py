"""The standard SEND set's quality indicator is the one the audits publish to."""

from sendboard.performance.catalogue import STANDARD_SET
from sendboard.quality.figures import GOOD


def test_the_standard_sets_plan_quality_indicator_is_fed_by_the_audits():
    (standard,) = (spec for spec in STANDARD_SET if spec.title == GOOD.title)

    assert standard.key == GOOD.key
    assert standard.definition == GOOD.definition
    assert (standard.unit, standard.polarity, standard.combines) == (
        GOOD.unit,
        GOOD.polarity,
        GOOD.combines,
    )
