import pytest
from hypothesis import given
from hypothesis import strategies as st

from sendboard.risks.scoring import DEFAULT_BANDS, Band, Bands


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (1, Band.LOW),
        (4, Band.LOW),
        (5, Band.MEDIUM),
        (9, Band.MEDIUM),
        (10, Band.HIGH),
        (15, Band.HIGH),
        (16, Band.VERY_HIGH),
        (25, Band.VERY_HIGH),
    ],
)
def test_the_default_bands_are_those_of_council_and_nhs_registers(score, band):
    assert DEFAULT_BANDS.band_for(score) == band


def test_a_partnership_may_draw_its_bands_elsewhere():
    bands = Bands(low_max=3, medium_max=7, high_max=14)
    assert bands.band_for(4) == Band.MEDIUM
    assert bands.band_for(15) == Band.VERY_HIGH
    assert bands.ranges()[-1] == (Band.VERY_HIGH, 15, 25)


@pytest.mark.parametrize(
    ("low", "medium", "high"), [(4, 4, 15), (0, 9, 15), (4, 16, 15), (4, 9, 25)]
)
def test_bands_out_of_order_are_refused(low, medium, high):
    assert Bands(low_max=low, medium_max=medium, high_max=high).errors()


@given(
    st.integers(1, 22).flatmap(
        lambda low: st.integers(low + 1, 23).flatmap(
            lambda medium: st.integers(medium + 1, 24).map(lambda high: (low, medium, high))
        )
    )
)
def test_any_valid_bands_rate_a_higher_score_no_lower(thresholds):
    bands = Bands(*thresholds)
    order = list(Band)
    rated = [order.index(bands.band_for(score)) for score in range(1, 26)]
    assert not bands.errors()
    assert rated == sorted(rated)
    assert rated[0] == 0 and rated[-1] == 3
