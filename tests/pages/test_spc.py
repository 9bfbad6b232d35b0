"""The SPC core (pages.spc): XmR arithmetic, MDC rules, icons and summaries, on hand-made data.

Every dataset is small enough to check by hand; the arithmetic is written out next to the
expected figures. No database is needed.
"""

import math
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from pages.spc import (
    Assurance,
    Direction,
    Mode,
    Rule,
    Side,
    Signal,
    Variation,
    compute_spc,
    format_number,
    format_period,
)

# Four decimal places, as written in the expectations below.
approx = pytest.approx


def close(value):
    return approx(value, abs=5e-5)


def monthly(values, start_year=2024):
    """(date, value) pairs on the 1st of consecutive months from January ``start_year``."""
    return [
        (date(start_year + index // 12, index % 12 + 1, 1), value)
        for index, value in enumerate(values)
    ]


def flagged(result, rule=None):
    """Indices of points flagged (by ``rule``, if given)."""
    return [
        index
        for index, point in enumerate(result.points)
        if (rule in point.rules if rule else point.rules)
    ]


# A common-cause series of 12 monthly values (January to December 2024).
BASE = [5, 7, 6, 8, 5, 6, 7, 9, 6, 5, 7, 8]


# --------------------------------------------------------------------------------------------
# XmR arithmetic


def test_xmr_limits_for_a_hand_computed_series():
    result = compute_spc(monthly(BASE), direction="up")

    # mean = (5+7+6+8+5+6+7+9+6+5+7+8) / 12 = 79 / 12 = 6.583333
    # moving ranges: 2,1,2,3,1,1,2,3,1,2,1 → sum 19 over 11 ranges: MR̄ = 19 / 11 = 1.727273
    # UCL = 6.583333 + 2.66 × 1.727273 = 6.583333 + 4.594545 = 11.177879
    # LCL = 6.583333 − 4.594545 = 1.988788
    # sigma = 1.727273 / 1.128 = 1.531270; 2 sigma = 3.062540
    # two-sigma lines: 6.583333 ± 3.062540 = 9.645874 and 3.520793
    (segment,) = result.segments
    assert result.mode is Mode.XMR
    assert segment.mean == close(6.5833)
    assert segment.average_moving_range == close(1.7273)
    assert segment.ucl == close(11.1779)
    assert segment.lcl == close(1.9888)
    assert segment.sigma == close(1.5313)
    assert segment.upper_two_sigma == close(9.6459)
    assert segment.lower_two_sigma == close(3.5208)
    assert (segment.start, segment.stop, segment.count) == (0, 12, 12)
    assert (segment.start_date, segment.end_date) == (date(2024, 1, 1), date(2024, 12, 1))

    first, second = result.points[:2]
    assert first.moving_range is None
    assert second.moving_range == 2
    assert all(point.ucl == segment.ucl and point.lcl == segment.lcl for point in result.points)
    assert all(point.mean == segment.mean for point in result.points)
    assert flagged(result) == []
    assert result.variation is Variation.COMMON_CAUSE
    assert result.assurance is None


def test_a_floor_keeps_the_lower_lines_at_what_the_measure_can_take():
    """Weekly counts of new ideas cannot be negative: the huddle dashboard passes floor=0."""
    counts = monthly([0, 2, 0, 1, 3, 0, 1, 0, 2, 1, 0, 1])
    free = compute_spc(counts).segments[0]
    assert free.lcl < 0 and free.lower_two_sigma < 0
    floored = compute_spc(counts, floor=0).segments[0]
    assert floored.lcl == 0 and floored.lower_two_sigma == 0
    assert floored.ucl == free.ucl and floored.mean == free.mean


def test_two_sigma_is_mr_bar_over_1_128_times_two():
    # 2σ = 2 × MR̄ / 1.128 = 1.7730 × MR̄ (not 2/3 × 2.66 = 1.7733 × MR̄).
    (segment,) = compute_spc(monthly(BASE)).segments
    assert segment.upper_two_sigma - segment.mean == approx(
        2 * segment.average_moving_range / 1.128
    )


def test_values_are_sorted_by_date():
    pairs = monthly(BASE)
    shuffled = pairs[5:] + pairs[:5]
    assert compute_spc(shuffled) == compute_spc(pairs)


def test_decimals_datetimes_and_ints_are_accepted():
    pairs = [
        (datetime(2024, month, 1, 9, 30), Decimal(value)) for month, value in enumerate(BASE, 1)
    ]
    result = compute_spc(pairs)
    assert result.points[0].date == date(2024, 1, 1)
    assert result.segments[0].mean == close(6.5833)


# --------------------------------------------------------------------------------------------
# Input errors


def test_duplicate_dates_are_an_error():
    pairs = [*monthly(BASE), (date(2024, 3, 1), 4)]
    with pytest.raises(ValueError, match="Two values are dated 2024-03-01"):
        compute_spc(pairs)


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_nan_and_infinite_values_are_rejected(bad):
    pairs = monthly(BASE)
    pairs[4] = (date(2024, 5, 1), bad)
    with pytest.raises(ValueError, match="The value for 2024-05-01 must be a finite number"):
        compute_spc(pairs)


def test_nan_target_is_rejected():
    with pytest.raises(ValueError, match="The target must be a finite number"):
        compute_spc(monthly(BASE), target=math.nan)


def test_unknown_direction_is_rejected():
    with pytest.raises(ValueError, match="Unknown improvement direction 'higher'"):
        compute_spc(monthly(BASE), direction="higher")


def test_a_value_that_is_not_a_number_is_rejected():
    with pytest.raises(TypeError, match="must be a number"):
        compute_spc([(date(2024, 1, 1), "4.2")])


def test_a_date_that_is_not_a_date_is_rejected():
    with pytest.raises(TypeError, match="Expected a date"):
        compute_spc([("2024-01-01", 4.2)])


# --------------------------------------------------------------------------------------------
# Run charts, empty and single series


def test_empty_series_has_no_chart_and_says_so():
    result = compute_spc([], direction="up", target=5)
    assert result.points == ()
    assert result.segments == ()
    assert result.mode is Mode.RUN
    assert result.variation is None
    assert result.assurance is None
    assert result.latest is None
    assert result.summary == "No data has been recorded for this measure yet."


def test_a_single_point_is_a_run_chart():
    result = compute_spc([(date(2025, 3, 1), 4.2)], unit="falls per 1,000 bed days")
    (point,) = result.points
    assert result.mode is Mode.RUN
    assert point.mean == 4.2
    assert (point.ucl, point.lcl, point.upper_two_sigma, point.lower_two_sigma) == (None,) * 4
    assert point.rules == frozenset()
    assert point.signal is None
    assert result.summary == (
        "One point so far: 4.2 falls per 1,000 bed days in March 2025. At least 12 points are "
        "needed to calculate process limits."
    )
    assert result.note == (
        "Process limits and special-cause rules need at least 12 points. This measure has 1 "
        "point, so it is shown as a run chart with its average only."
    )


def test_eleven_points_make_a_run_chart_without_rules_or_icons():
    # Even a wild last point is not judged: there are too few points for limits.
    values = [*BASE[:10], 50]
    result = compute_spc(monthly(values), direction="up", target=3, unit="%")
    # mean = (5+7+6+8+5+6+7+9+6+5+50) / 11 = 114 / 11 = 10.3636
    assert result.mode is Mode.RUN
    assert not result.has_limits
    assert result.segments[0].mean == close(10.3636)
    assert result.segments[0].ucl is None
    assert flagged(result) == []
    assert result.variation is None
    assert result.assurance is None
    assert result.summary == (
        "Run chart of 11 points from January 2024 to November 2024, too few to calculate "
        "process limits (at least 12 are needed). Average 10.4%; latest value 50%."
    )
    assert "This measure has 11 points" in result.note


def test_twelve_points_make_an_xmr_chart():
    assert compute_spc(monthly(BASE)).mode is Mode.XMR


# --------------------------------------------------------------------------------------------
# Rule 1: outside the process limits


def test_a_point_above_the_upper_limit_is_flagged():
    result = compute_spc(monthly([*BASE, 20]), direction="up")
    # mean = (79 + 20) / 13 = 7.615385
    # MR̄ = (19 + |20 − 8|) / 12 = 31 / 12 = 2.583333
    # UCL = 7.615385 + 2.66 × 2.583333 = 7.615385 + 6.871667 = 14.487051 < 20
    (segment,) = result.segments
    assert segment.mean == close(7.6154)
    assert segment.average_moving_range == close(2.5833)
    assert segment.ucl == close(14.4871)
    assert flagged(result) == [12]
    latest = result.points[-1]
    assert latest.rules == {Rule.OUTSIDE_LIMITS}
    assert (latest.side, latest.signal) == (Side.HIGH, Signal.IMPROVEMENT)
    assert result.variation is Variation.IMPROVEMENT_HIGH
    assert result.summary == (
        "Special cause improvement in January 2025: the latest point is above the upper "
        "process limit."
    )


def test_a_point_below_the_lower_limit_is_flagged():
    result = compute_spc(monthly([*BASE, -5]), direction="down")
    # mean = (79 − 5) / 13 = 5.692308; MR̄ = (19 + 13) / 12 = 2.666667
    # LCL = 5.692308 − 2.66 × 2.666667 = 5.692308 − 7.093333 = −1.401026 > −5
    assert result.segments[0].lcl == close(-1.4010)
    assert flagged(result) == [12]
    assert result.points[-1].side is Side.LOW
    assert result.variation is Variation.IMPROVEMENT_LOW
    assert result.summary == (
        "Special cause improvement in January 2025: the latest point is below the lower "
        "process limit."
    )


def _value_on_the_upper_limit():
    """The 12th value v that lands exactly on the UCL after the 11 values BASE[:11].

    BASE[:11] sums to 71 and its moving ranges to 18; its last value is 7, and v > 7, so
    v = (71 + v) / 12 + 2.66 × (18 + v − 7) / 11. Solving for v:
    v × (1 − 1/12 − 2.66/11) = 71/12 + 2.66 → v = 8.576667 / 0.674848 = 12.708994.
    """
    return (71 / 12 + 2.66 * 11 / 11) / (1 - 1 / 12 - 2.66 / 11)


def test_a_point_exactly_on_the_limit_is_not_outside_it():
    on_limit = _value_on_the_upper_limit()
    assert on_limit == close(12.7090)
    result = compute_spc(monthly([*BASE[:11], on_limit]))
    assert result.points[-1].value == approx(result.segments[0].ucl, abs=1e-12)
    assert flagged(result, Rule.OUTSIDE_LIMITS) == []

    # 0.01 higher, the limit itself moves up by only 0.01/12 + 2.66 × 0.01/11 = 0.0033.
    above = compute_spc(monthly([*BASE[:11], on_limit + 0.01]))
    assert flagged(above, Rule.OUTSIDE_LIMITS) == [11]


def test_all_values_equal_gives_limits_on_the_mean_and_no_signals():
    result = compute_spc(monthly([5.0] * 12), direction="up", target=5)
    (segment,) = result.segments
    # every moving range is 0, so MR̄ = 0 and sigma = 0: limits and two-sigma lines = mean = 5
    assert segment.average_moving_range == 0
    assert segment.sigma == 0
    assert segment.mean == segment.ucl == segment.lcl == 5
    assert segment.upper_two_sigma == segment.lower_two_sigma == 5
    assert flagged(result) == []
    assert result.variation is Variation.COMMON_CAUSE
    # LCL = UCL = target: neither strictly above nor strictly below it.
    assert result.assurance is Assurance.HIT_AND_MISS
    assert result.summary == (
        "Common cause variation: no significant change. Average 5.0, process limits 5.0 to "
        "5.0. The target of 5 is hit and miss: it is met in some periods and missed in others."
    )


def test_all_values_equal_to_an_awkward_float_still_sit_on_the_mean():
    result = compute_spc(monthly([0.1] * 12))
    assert result.segments[0].mean == 0.1
    assert flagged(result) == []


# --------------------------------------------------------------------------------------------
# Rule 2: seven or more points on one side of the mean

# 7 points alternating 8/12, then 11/11.5 alternating (no trend, no limits broken).
SHIFT_OF_SEVEN = [8, 12, 8, 12, 8, 12, 8, 11, 11.5, 11, 11.5, 11, 11.5, 11]


def test_seven_points_above_the_mean_are_a_shift():
    result = compute_spc(monthly(SHIFT_OF_SEVEN), direction="up")
    # mean = (8×4 + 12×3 + 11×4 + 11.5×3) / 14 = 146.5 / 14 = 10.464286
    # MR̄ = (4×6 + |11 − 8| + 0.5×6) / 13 = 30 / 13 = 2.307692
    # UCL = 10.464286 + 2.66 × 2.307692 = 16.602747; LCL = 4.325824
    # Points 7..13 (11, 11.5, …) are all above 10.464286; point 6 (8) is below.
    (segment,) = result.segments
    assert segment.mean == close(10.4643)
    assert segment.average_moving_range == close(2.3077)
    assert segment.ucl == close(16.6027)
    assert segment.lcl == close(4.3258)
    assert flagged(result) == [7, 8, 9, 10, 11, 12, 13]
    assert all(result.points[i].rules == {Rule.SHIFT} for i in range(7, 14))
    assert all(result.points[i].signal is Signal.IMPROVEMENT for i in range(7, 14))
    assert result.variation is Variation.IMPROVEMENT_HIGH
    assert result.summary == (
        "Special cause improvement since August 2024: 7 points in a row above the average."
    )


def test_six_points_above_the_mean_are_not_a_shift():
    result = compute_spc(monthly(SHIFT_OF_SEVEN[:-1]), direction="up")
    # mean = (146.5 − 11) / 13 = 10.423077: points 7..12 above it, only 6 in a row
    assert result.segments[0].mean == close(10.4231)
    assert flagged(result) == []
    assert result.variation is Variation.COMMON_CAUSE


def test_a_point_exactly_on_the_mean_breaks_the_run():
    values = [4, 12, 4, 12, 4, 12, 11, 12, 11, 10, 13, 11, 12, 12]
    result = compute_spc(monthly(values), direction="up")
    # mean = (4×3 + 12×3 + 11+12+11 + 10 + 13+11+12+12) / 14 = 140 / 14 = 10 exactly.
    # Points 5..8 are above, point 9 (10) is on the mean, points 10..13 are above: 4 and 4.
    assert result.segments[0].mean == 10
    assert flagged(result) == []

    # With 10.5 instead of 10 the mean is 140.5 / 14 = 10.035714 and points 5..13 (9) are above.
    values[9] = 10.5
    result = compute_spc(monthly(values), direction="up")
    assert result.segments[0].mean == close(10.0357)
    assert flagged(result, Rule.SHIFT) == list(range(5, 14))


def test_a_shift_below_the_mean_is_a_concern_when_up_is_better():
    result = compute_spc(monthly([*BASE, *(b - 3 for b in BASE[:7])]), direction="up")
    # one segment of 19 points: mean = (79 + 2+4+3+5+2+3+4) / 19 = 102 / 19 = 5.368421
    # the last 7 points (2, 4, 3, 5, 2, 3, 4) are all below it
    assert result.segments[0].mean == close(5.3684)
    assert flagged(result) == list(range(12, 19))
    assert {result.points[i].signal for i in range(12, 19)} == {Signal.CONCERN}
    assert result.variation is Variation.CONCERN_LOW


# --------------------------------------------------------------------------------------------
# Rule 3: six or more points rising or falling

# Alternating 5/15 (steps of ±10, so no trend), then 9, 10, …, 14: six rising points.
RISING_SIX = [5, 15, 5, 15, 5, 15, 9, 10, 11, 12, 13, 14]


def test_six_rising_points_are_a_trend():
    result = compute_spc(monthly(RISING_SIX), direction="up")
    # mean = (5×3 + 15×3 + 9+10+11+12+13+14) / 12 = 129 / 12 = 10.75
    # MR̄ = (10×5 + |9 − 15| + 1×5) / 11 = 61 / 11 = 5.545455
    # UCL = 10.75 + 2.66 × 5.545455 = 25.500909; LCL = −4.000909: no point outside
    (segment,) = result.segments
    assert segment.mean == close(10.75)
    assert segment.average_moving_range == close(5.5455)
    assert segment.ucl == close(25.5009)
    assert segment.lcl == close(-4.0009)
    assert flagged(result) == [6, 7, 8, 9, 10, 11]
    assert all(result.points[i].rules == {Rule.TREND} for i in range(6, 12))
    # a rising trend is high, even for point 6 (9), which is below the mean
    assert {result.points[i].side for i in range(6, 12)} == {Side.HIGH}
    assert result.variation is Variation.IMPROVEMENT_HIGH
    assert result.summary == (
        "Special cause improvement since July 2024: 6 points in a row rising."
    )


def test_five_rising_points_are_not_a_trend():
    values = [5, 15, 5, 15, 5, 15, 5, 15, 10, 11, 12, 13, 14]
    result = compute_spc(monthly(values), direction="up")
    assert flagged(result) == []


def test_a_tie_breaks_a_trend():
    # 9, 10, 11 then 11 again: two rising stretches of 3 and 4 points, not one of 7.
    values = [5, 15, 5, 15, 5, 15, 9, 10, 11, 11, 12, 13, 14]
    result = compute_spc(monthly(values), direction="up")
    assert flagged(result) == []


def test_six_falling_points_are_an_improvement_when_down_is_better():
    values = [15, 5, 15, 5, 15, 5, 11, 10, 9, 8, 7, 6]
    down = compute_spc(monthly(values), direction="down")
    assert flagged(down, Rule.TREND) == [6, 7, 8, 9, 10, 11]
    assert down.variation is Variation.IMPROVEMENT_LOW
    assert down.summary == ("Special cause improvement since July 2024: 6 points in a row falling.")
    assert compute_spc(monthly(values), direction="up").variation is Variation.CONCERN_LOW
    neither = compute_spc(monthly(values), direction="neither")
    assert neither.variation is Variation.NEITHER_LOW
    assert neither.points[-1].signal is Signal.NEITHER
    assert neither.summary == (
        "Special cause variation (low) since July 2024: 6 points in a row falling."
    )


def test_a_turning_point_takes_the_later_trend():
    # 11..16 rise (points 6..11), 16..11 fall (points 11..16): point 11 (16) is in both.
    values = [10, 20, 10, 20, 10, 20, 11, 12, 13, 14, 15, 16, 15, 14, 13, 12, 11]
    result = compute_spc(monthly(values), direction="up")
    assert flagged(result, Rule.TREND) == list(range(6, 17))
    assert [result.points[i].side for i in (10, 11, 12)] == [Side.HIGH, Side.LOW, Side.LOW]
    assert result.points[11].signal is Signal.CONCERN
    assert result.summary == "Special cause concern since December 2024: 6 points in a row falling."


def test_trends_span_change_points():
    first = [5, 15, 5, 15, 5, 15, 5, 15, 5, 6, 7, 8]
    second = [9, 10, 11, 5, 15, 5, 15, 5, 15, 5, 15, 5]
    result = compute_spc(monthly(first + second), direction="up", change_points=[date(2025, 1, 1)])
    # 5, 6, 7, 8 | 9, 10, 11: seven rising points, points 8..14, across the change at 12
    assert len(result.segments) == 2
    assert flagged(result, Rule.TREND) == list(range(8, 15))
    assert {result.points[i].segment_index for i in range(8, 15)} == {0, 1}


# --------------------------------------------------------------------------------------------
# Rule 4: two out of three beyond two sigma

BASELINE = [10, 11] * 6


def test_two_of_three_beyond_two_sigma_are_flagged_but_not_the_third():
    result = compute_spc(monthly([*BASELINE, 13.5, 11, 13.5]), direction="up")
    # mean = (10×6 + 11×6 + 13.5 + 11 + 13.5) / 15 = 164 / 15 = 10.933333
    # MR̄ = (1×11 + 2.5 + 2.5 + 2.5) / 14 = 18.5 / 14 = 1.321429
    # sigma = 1.321429 / 1.128 = 1.171479; +2σ line = 10.933333 + 2.342958 = 13.276291
    # UCL = 10.933333 + 2.66 × 1.321429 = 10.933333 + 3.515 = 14.448333
    # 13.5 is beyond +2σ but inside the UCL: points 12 and 14 are flagged, point 13 is not.
    (segment,) = result.segments
    assert segment.mean == close(10.9333)
    assert segment.average_moving_range == close(1.3214)
    assert segment.sigma == close(1.1715)
    assert segment.upper_two_sigma == close(13.2763)
    assert segment.ucl == close(14.4483)
    assert flagged(result) == [12, 14]
    assert result.points[12].rules == {Rule.TWO_OF_THREE}
    assert result.variation is Variation.IMPROVEMENT_HIGH
    assert result.summary == (
        "Special cause improvement since January 2025: 2 of the last 3 points close to or "
        "above the upper process limit."
    )


def test_three_of_three_beyond_two_sigma_are_all_flagged():
    result = compute_spc(monthly([*BASELINE, 13.5, 13.5, 13.5]), direction="up")
    # mean = (126 + 40.5) / 15 = 11.1; MR̄ = (11 + 2.5 + 0 + 0) / 14 = 0.964286
    # +2σ = 11.1 + 2 × 0.964286 / 1.128 = 11.1 + 1.709726 = 12.809726; UCL = 13.665
    assert result.segments[0].upper_two_sigma == close(12.8097)
    assert result.segments[0].ucl == close(13.665)
    assert flagged(result, Rule.TWO_OF_THREE) == [12, 13, 14]


def test_one_of_three_beyond_two_sigma_is_not_flagged():
    result = compute_spc(monthly([*BASELINE, 13.5, 11, 11]), direction="up")
    # +2σ = 10.766667 + 2 × (16/14) / 1.128 = 12.793009: only point 12 is beyond it
    assert result.segments[0].upper_two_sigma == close(12.7930)
    assert flagged(result) == []


def test_two_beyond_opposite_two_sigma_lines_are_not_flagged():
    result = compute_spc(monthly([*BASELINE, 13.5, 7.5, 11]), direction="up")
    (segment,) = result.segments
    # 13.5 is above +2σ and 7.5 below −2σ, but not on the same side
    assert result.points[12].value > segment.upper_two_sigma
    assert result.points[13].value < segment.lower_two_sigma
    assert flagged(result, Rule.TWO_OF_THREE) == []


def test_two_of_three_below_is_low():
    result = compute_spc(monthly([*BASELINE, 7.5, 10, 7.5]), direction="down")
    # mean = (126 + 25) / 15 = 10.066667; MR̄ = (11 + 3.5 + 2.5 + 2.5) / 14 = 1.392857
    # −2σ = 10.066667 − 2 × 1.392857 / 1.128 = 7.597062 > 7.5
    assert result.segments[0].lower_two_sigma == close(7.5971)
    assert flagged(result) == [12, 14]
    assert result.variation is Variation.IMPROVEMENT_LOW


# --------------------------------------------------------------------------------------------
# Change points


SECOND_YEAR = [value - 3 for value in BASE]  # the same pattern, 3 lower, from January 2025


def test_a_change_point_rebases_mean_and_limits():
    result = compute_spc(
        monthly(BASE + SECOND_YEAR), direction="down", change_points=[date(2025, 1, 1)]
    )
    first, second = result.segments
    # first segment as in test_xmr_limits_for_a_hand_computed_series
    assert (first.start, first.stop) == (0, 12)
    assert first.mean == close(6.5833)
    # second: mean = 43 / 12 = 3.583333; its 11 moving ranges are the same: MR̄ = 19/11 =
    # 1.727273 (the jump |2 − 8| = 6 across the change is not a moving range of either)
    # UCL = 3.583333 + 4.594545 = 8.177879; LCL = 3.583333 − 4.594545 = −1.011212
    assert (second.start, second.stop, second.start_date) == (12, 24, date(2025, 1, 1))
    assert second.mean == close(3.5833)
    assert second.average_moving_range == close(1.7273)
    assert second.ucl == close(8.1779)
    assert second.lcl == close(-1.0112)
    assert result.points[12].moving_range is None
    assert result.points[12].segment_index == 1
    assert result.points[11].ucl == first.ucl
    assert result.points[12].ucl == second.ucl
    assert flagged(result) == []
    assert result.note is None
    assert result.summary == (
        "Common cause variation: no significant change since the limits were recalculated in "
        "January 2025. Average 3.6, process limits -1.0 to 8.2."
    )


def test_without_the_change_point_the_same_data_show_a_shift():
    result = compute_spc(monthly(BASE + SECOND_YEAR), direction="down")
    # one segment: mean = 122 / 24 = 5.083333; MR̄ = (19 + 6 + 19) / 23 = 1.913043
    # points 12..18 (2, 4, 3, 5, 2, 3, 4) are below the mean; point 19 (6) is above
    assert result.segments[0].mean == close(5.0833)
    assert result.segments[0].average_moving_range == close(1.9130)
    assert flagged(result, Rule.SHIFT) == list(range(12, 19))
    # ... but the latest point is not part of it, so the icon is common cause
    assert result.variation is Variation.COMMON_CAUSE


# A step in level: twelve months around 7, then twelve around 4 (no change point marked).
STEP = [7, 8, 7, 6, 7, 8, 7, 6, 7, 8, 7, 6] + [4, 3, 4, 5, 4, 3, 4, 5, 4, 3, 4, 5]


def test_a_step_in_level_explains_why_the_earlier_points_are_flagged():
    """The user's case: the first chart flagged every earlier point as special cause concern
    with no word of why. One segment's mean (5.5) sits between the two levels, so both halves
    are shifts; the note says the level changed and what recalculates the limits."""
    result = compute_spc(monthly(STEP), direction="down")
    assert len(result.segments) == 1
    assert [point.signal for point in result.points[:12]] == [Signal.CONCERN] * 12
    assert [point.signal for point in result.points[12:]] == [Signal.IMPROVEMENT] * 12
    assert result.note == (
        "The level changed in January 2025. The average and process limits are worked out "
        "from the points before and after it together, so the earlier points are flagged as "
        "special cause too, on the other side of the average: they show the level before the "
        "change. Once at least 12 points follow the change, marking it as a change point "
        "recalculates the limits from there."
    )


def test_a_step_the_other_way_is_explained_too():
    result = compute_spc(monthly(STEP[12:] + STEP[:12]), direction="down")
    assert result.points[0].signal is Signal.IMPROVEMENT
    assert result.points[-1].signal is Signal.CONCERN
    assert result.note.startswith("The level changed in January 2025.")


def test_marking_the_step_as_a_change_point_removes_the_flags_and_the_note():
    result = compute_spc(monthly(STEP), direction="down", change_points=[date(2025, 1, 1)])
    assert len(result.segments) == 2
    assert flagged(result) == []
    assert result.note is None


def test_a_shift_on_one_side_only_needs_no_level_note():
    # The shift of the earlier test: below the mean, with nothing flagged above it.
    result = compute_spc(monthly(BASE + SECOND_YEAR), direction="down")
    assert flagged(result, Rule.SHIFT) == list(range(12, 19))
    assert result.note is None


def test_a_change_point_not_applied_yet_keeps_its_own_note():
    # Ten points before the change: the change-point note explains, not a second note.
    result = compute_spc(monthly(STEP[2:]), direction="down", change_points=[date(2024, 11, 1)])
    assert result.ignored_change_points == (date(2024, 11, 1),)
    assert result.note.startswith("Limits are not recalculated from the change in November 2024")
    assert "The level changed" not in result.note


def test_a_change_point_starts_at_the_first_point_on_or_after_its_date():
    result = compute_spc(monthly(BASE + SECOND_YEAR), change_points=[date(2024, 12, 15)])
    assert result.segments[1].start_date == date(2025, 1, 1)


def test_a_change_point_leaving_a_short_segment_is_not_applied_yet():
    result = compute_spc(
        monthly(BASE + SECOND_YEAR[:7]), direction="down", change_points=[date(2025, 1, 1)]
    )
    # 7 points after the change: fewer than 12, so the points stay in one segment and are
    # compared with the earlier process: mean 102/19 = 5.368421, 7 points below it.
    assert len(result.segments) == 1
    assert result.ignored_change_points == (date(2025, 1, 1),)
    assert flagged(result, Rule.SHIFT) == list(range(12, 19))
    assert result.variation is Variation.IMPROVEMENT_LOW
    assert result.summary == (
        "Special cause improvement since January 2025: 7 points in a row below the average."
    )
    assert result.note == (
        "Limits are not recalculated from the change in January 2025 yet: at least 12 points "
        "are needed before and after a change. Until then, the points after it are compared "
        "with the earlier limits."
    )


def test_a_change_point_after_a_short_first_segment_is_not_applied():
    result = compute_spc(monthly(BASE + SECOND_YEAR), change_points=[date(2024, 6, 1)])
    # only 5 points before June 2024
    assert len(result.segments) == 1
    assert result.ignored_change_points == (date(2024, 6, 1),)


def test_change_points_are_applied_greedily_keeping_every_segment_at_twelve_or_more():
    values = BASE + SECOND_YEAR + BASE
    changes = [date(2025, 1, 1), date(2025, 6, 1), date(2026, 1, 1)]
    result = compute_spc(monthly(values), change_points=changes)
    # Jan 2025 → 12 before, 24 after: applied. Jun 2025 → 5 after it: not. Jan 2026 → applied.
    assert [(s.start, s.stop) for s in result.segments] == [(0, 12), (12, 24), (24, 36)]
    assert result.ignored_change_points == (date(2025, 6, 1),)


def test_change_points_outside_the_data_change_nothing():
    before = compute_spc(monthly(BASE + SECOND_YEAR), change_points=[date(2020, 1, 1)])
    assert len(before.segments) == 1
    assert before.ignored_change_points == ()  # silently: there is nothing before it
    after = compute_spc(monthly(BASE + SECOND_YEAR), change_points=[date(2030, 1, 1)])
    assert len(after.segments) == 1
    assert after.ignored_change_points == (date(2030, 1, 1),)  # no points follow it yet


def test_change_points_are_not_applied_in_a_run_chart():
    result = compute_spc(monthly(BASE[:10]), change_points=[date(2024, 6, 1)])
    assert result.mode is Mode.RUN
    assert len(result.segments) == 1
    assert "run chart" in result.note


# --------------------------------------------------------------------------------------------
# Icons


@pytest.mark.parametrize(
    ("direction", "variation", "signal"),
    [
        ("up", Variation.IMPROVEMENT_HIGH, Signal.IMPROVEMENT),
        ("down", Variation.CONCERN_HIGH, Signal.CONCERN),
        ("neither", Variation.NEITHER_HIGH, Signal.NEITHER),
    ],
)
def test_variation_icon_follows_the_improvement_direction(direction, variation, signal):
    result = compute_spc(monthly(RISING_SIX), direction=direction)
    assert result.variation is variation
    assert result.points[-1].signal is signal
    assert variation.signal is signal
    assert variation.side is Side.HIGH


def test_variation_is_common_cause_when_only_earlier_points_are_flagged():
    result = compute_spc(monthly([*RISING_SIX, 4]), direction="up")
    assert flagged(result, Rule.TREND) == [6, 7, 8, 9, 10, 11]
    assert result.variation is Variation.COMMON_CAUSE
    assert Variation.COMMON_CAUSE.signal is None


def test_variation_and_assurance_labels_are_human_text():
    assert Variation.COMMON_CAUSE.label == "Common cause variation: no significant change"
    assert Variation.CONCERN_LOW.label == "Special cause concern: unusually low values"
    assert Assurance.PASS.label == "The target is consistently met"
    assert Rule.SHIFT.label == "7 or more points in a row on one side of the average"
    assert Rule.TREND.label == "6 or more points in a row rising or falling"
    assert Variation.IMPROVEMENT_HIGH == "improvement_high"  # plain string constants


# BASE: LCL 1.9888, UCL 11.1779 (see the first test).
@pytest.mark.parametrize(
    ("direction", "target", "assurance"),
    [
        ("up", 1.5, Assurance.PASS),  # LCL 1.9888 > 1.5
        ("up", 12, Assurance.FAIL),  # UCL 11.1779 < 12
        ("up", 5, Assurance.HIT_AND_MISS),
        ("down", 12, Assurance.PASS),  # UCL 11.1779 < 12
        ("down", 1.5, Assurance.FAIL),  # LCL 1.9888 > 1.5
        ("down", 5, Assurance.HIT_AND_MISS),
        ("neither", 5, None),
        ("up", None, None),
    ],
)
def test_assurance_from_the_limits_and_the_target(direction, target, assurance):
    result = compute_spc(monthly(BASE), direction=direction, target=target)
    assert result.assurance is assurance


def test_assurance_uses_the_latest_segment():
    # second segment: LCL −1.0112, UCL 8.1779; first segment's UCL 11.1779
    result = compute_spc(
        monthly(BASE + SECOND_YEAR),
        direction="down",
        target=9,
        change_points=[date(2025, 1, 1)],
    )
    assert result.assurance is Assurance.PASS


# --------------------------------------------------------------------------------------------
# Summaries


def test_common_cause_summary_with_unit_and_target():
    result = compute_spc(monthly(BASE), direction="up", target=1.5, unit="falls per 1,000 bed days")
    assert result.summary == (
        "Common cause variation: no significant change. Average 6.6 falls per 1,000 bed days, "
        "process limits 2.0 to 11.2. The target of 1.5 falls per 1,000 bed days is "
        "consistently met."
    )


def test_summary_says_when_the_target_is_consistently_missed():
    result = compute_spc(monthly(BASE), direction="up", target=12, unit="%")
    assert result.summary.endswith("The target of 12% is consistently missed.")


def test_summary_names_the_earliest_rule_and_a_latest_point_outside_the_limits():
    # A run of 8 above the mean whose last point is also above the upper limit.
    values = [*BASELINE, 12, 11.5, 12, 11.5, 12, 11.5, 12, 16]
    result = compute_spc(monthly(values), direction="up")
    # mean = (126 + 12×4 + 11.5×3 + 16) / 20 = 224.5 / 20 = 11.225; points 12..19 above it
    # MR̄ = (1×11 + 1 + 0.5×6 + 4) / 19 = 19 / 19 = 1; UCL = 11.225 + 2.66 = 13.885 < 16
    assert result.segments[0].mean == close(11.225)
    assert result.segments[0].average_moving_range == close(1.0)
    assert result.segments[0].ucl == close(13.885)
    assert result.points[-1].rules >= {Rule.SHIFT, Rule.OUTSIDE_LIMITS}
    assert result.summary == (
        "Special cause improvement since January 2025: 8 points in a row above the average; "
        "the latest point is above the upper process limit."
    )


def test_summary_uses_full_dates_for_data_more_often_than_monthly():
    weekly = [(date(2025, 1, 6) + timedelta(weeks=week), v) for week, v in enumerate(RISING_SIX)]
    result = compute_spc(weekly, direction="up")
    assert not result.monthly
    assert result.summary.startswith("Special cause improvement since 17 February 2025:")


# --------------------------------------------------------------------------------------------
# Formatting helpers


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (4.2, None, "4.2"),
        (9.0, None, "9"),
        (1234.5, None, "1,234.5"),
        (0.125, None, "0.125"),
        (0.000001, None, "0"),
        (-3.0, None, "-3"),
        (6.583333, 1, "6.6"),
        (-0.0049, 2, "0.00"),
        (-1.0112, 1, "-1.0"),
        (12345.678, 2, "12,345.68"),
    ],
)
def test_format_number(value, decimals, text):
    assert format_number(value, decimals) == text


def test_format_period():
    assert format_period(date(2025, 3, 1), monthly=True) == "March 2025"
    assert format_period(date(2025, 3, 7), monthly=False) == "7 March 2025"


def test_statistics_get_one_more_decimal_than_the_data():
    assert compute_spc(monthly(BASE)).decimals == 1
    assert compute_spc(monthly(SHIFT_OF_SEVEN)).decimals == 2


def test_annotations_are_passed_through_sorted():
    result = compute_spc(
        monthly(BASE),
        annotations=[(date(2024, 9, 1), "PDSA 2"), (date(2024, 4, 1), "PDSA 1")],
    )
    assert [(a.date, a.label) for a in result.annotations] == [
        (date(2024, 4, 1), "PDSA 1"),
        (date(2024, 9, 1), "PDSA 2"),
    ]


def test_direction_accepts_enum_members_and_strings():
    assert compute_spc(monthly(BASE), direction=Direction.DOWN).direction is Direction.DOWN
    assert compute_spc(monthly(BASE), direction="down").direction is Direction.DOWN
