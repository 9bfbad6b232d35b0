"""Statistical process control (SPC) for case-study measures: NHS England's *Making Data Count*.

Making Data Count (MDC) asks teams to plot a measure over time on an XmR chart ("individuals and
moving range") and to read it with a small set of rules, instead of comparing two numbers. This
module does the arithmetic and the rule checks; :mod:`pages.charts` draws the result. It uses the
standard library only (plus Django's ``gettext`` for the human-readable texts), so it can be
imported and tested without a database.

Entry point: :func:`compute_spc` takes dated values and returns a frozen :class:`SPCResult`.

The XmR arithmetic, per segment (see change points below)
---------------------------------------------------------
- centre line: the **mean** of the segment's values;
- moving ranges ``|x[i] - x[i-1]|`` between neighbouring points *of the same segment* (never
  across a change point), and their average **MR̄**;
- **process limits**: ``mean ± 2.66 × MR̄``. 2.66 is MDC's rounding of ``3 / d2`` with
  ``d2 = 1.128`` (the bias constant for ranges of two), i.e. three sigma;
- **sigma** ``= MR̄ / 1.128``; the "two sigma" lines used by the two-out-of-three rule sit at
  ``mean ± 2 × sigma = mean ± 1.7730 × MR̄``. (Two thirds of the rounded 2.66 would give
  1.7733 × MR̄; we use ``2 × MR̄ / 1.128`` so sigma is defined once.)
- when every value of a segment is equal, MR̄ is 0 and both limits and both two-sigma lines equal
  the mean. Nothing divides by MR̄, so there is no division by zero, and as no point can lie
  *strictly* beyond a line that sits on every value, no point is flagged.

Run chart or XmR chart
----------------------
With fewer than :data:`MIN_POINTS_FOR_LIMITS` (12) points in total the result is a **run chart**:
the values and their mean only, no limits, no special-cause rules, no variation or assurance icon,
and a ``note`` saying why. (MDC recommends 15 to 20 points for stable limits; 12 is the issue's
floor, below which limits mislead more than they help.)

Change points (rebasing)
------------------------
A change point is a date from which the process is considered new: a segment starts at the first
point on or after that date and gets its own mean, MR̄ and limits. Decisions:

- Every segment of an XmR chart must hold at least 12 points. Change points are taken in date
  order and one is applied only if at least 12 points lie between the previous applied change (or
  the first point) and it, and at least 12 points from it to the end. A change point that fails
  this is **not applied yet** and the ``note`` says so. This is MDC's advice ("don't recalculate
  until you have enough new points"): until then the new points keep being compared with the
  earlier limits, which is exactly how a real improvement shows up as a special cause.
- A change point on or before the first point changes nothing and is ignored silently.
- In a run chart no change point is applied (no segment can reach 12 points there).

Special-cause rules
-------------------
Each point carries the set of rules (:class:`Rule`) it takes part in:

1. ``outside_limits``: the point is strictly above the upper or strictly below the lower process
   limit. A point equal to a limit is not outside it.
2. ``shift``: a run of :data:`SHIFT_LENGTH` (7) or more consecutive points strictly on the same
   side of their segment's mean; every point of the run is flagged. A point exactly on the mean
   breaks the run (it is on neither side). Runs never cross a change point, because each segment
   has its own mean.
3. ``trend``: :data:`TREND_LENGTH` (6) or more consecutive points each strictly higher (or each
   strictly lower) than the one before; all points of the trend are flagged. A tie (a value equal
   to the one before) breaks the trend. **Trends may span change points**: a trend is a property
   of the raw sequence and does not depend on a segment's mean or limits, and MDC reads trends
   over the whole series.
4. ``two_of_three``: in any three consecutive points of one segment, two or three are strictly
   beyond the same two-sigma line (both above ``mean + 2σ`` or both below ``mean − 2σ``; the
   remaining point can be anywhere). The points beyond the line are flagged, not the third.
   Windows do not cross change points, since the lines belong to a segment.

"On a line" uses a tolerance of ``1e-9 × max(1, largest |value|)`` so that floating-point
rounding in the mean or the limits never turns a point lying on a line into a signal. Trend steps
compare the stored values exactly.

Which side, and improvement or concern
--------------------------------------
A flagged point is **high** or **low**. Rules 1, 2 and 4 are about where the point lies, and always
agree with its position relative to its segment's mean, so that position decides. A point flagged
by trends only takes the trend's direction (rising = high); a turning point shared by a rising and
a falling trend takes the direction of the later trend (the one it starts). Then, with the
measure's improvement direction:

- ``up``: high is ``improvement``, low is ``concern``;
- ``down``: low is ``improvement``, high is ``concern``;
- ``neither``: the signal is ``neither`` (special cause, but neither better nor worse).

Icons
-----
- **Variation** (:class:`Variation`): from the most recent point. Not flagged: common cause;
  flagged: special cause improvement, concern or neither, high or low. A run chart or an empty
  series has no variation icon (``None``): too few points to tell.
- **Assurance** (:class:`Assurance`): only with a target, an XmR chart and a direction of ``up`` or
  ``down``, from the latest segment's limits. ``up``: lower limit above the target → the target is
  consistently met; upper limit below it → consistently missed; otherwise hit and miss. ``down``
  mirrors this. Comparisons are strict: a limit equal to the target is hit and miss.

Summary, dates and numbers
--------------------------
``SPCResult.summary`` is a short text alternative derived from the data. For a special cause: the
variation, the date the latest signal began (the earliest start among the rule occurrences that
include the latest point, on its side) and that occurrence in words, plus "the latest point is
above the upper process limit" when that also holds. For common cause: the average and the
limits. Then the target finding. Dates are written as "March 2025" when every
point falls in a different month (monthly or quarterly data), otherwise as "3 March 2025". Values
are written as entered; means and limits with one decimal place more than the most precise value
(at most four), so "Average 6.6, process limits 2.0 to 11.2" for whole numbers.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from itertools import pairwise
from typing import Final

from django.utils.translation import gettext, gettext_noop, ngettext

from hub.dates import date_format

__all__ = [
    "LIMIT_FACTOR",
    "MAX_DECIMALS",
    "MIN_POINTS_FOR_LIMITS",
    "SHIFT_LENGTH",
    "SIGMA_DIVISOR",
    "TREND_LENGTH",
    "Annotation",
    "Assurance",
    "Direction",
    "Mode",
    "Rule",
    "SPCPoint",
    "SPCResult",
    "Segment",
    "Side",
    "Signal",
    "Variation",
    "compute_spc",
    "format_number",
    "format_period",
]

LIMIT_FACTOR: Final = 2.66
"""Process limits sit at mean ± LIMIT_FACTOR × MR̄ (3 / 1.128, rounded as MDC does)."""
SIGMA_DIVISOR: Final = 1.128
"""d2 for moving ranges of two points: sigma = MR̄ / SIGMA_DIVISOR."""
MIN_POINTS_FOR_LIMITS: Final = 12
"""Fewer points than this in total: a run chart. Also the minimum length of every segment."""
SHIFT_LENGTH: Final = 7
"""Rule 2: this many or more consecutive points on one side of the mean."""
TREND_LENGTH: Final = 6
"""Rule 3: this many or more consecutive points rising, or falling."""
TWO_OF_THREE_WINDOW: Final = 3


class Direction(StrEnum):
    """Which way is better for the measure."""

    UP = "up"
    DOWN = "down"
    NEITHER = "neither"


class Mode(StrEnum):
    XMR = "xmr"
    RUN = "run"


class Side(StrEnum):
    HIGH = "high"
    LOW = "low"


class Signal(StrEnum):
    """What a special-cause point means for the measure."""

    IMPROVEMENT = "improvement"
    CONCERN = "concern"
    NEITHER = "neither"

    @property
    def label(self) -> str:
        return gettext(_SIGNAL_LABELS[self])


_SIGNAL_LABELS = {
    Signal.IMPROVEMENT: gettext_noop("Special cause improvement"),
    Signal.CONCERN: gettext_noop("Special cause concern"),
    Signal.NEITHER: gettext_noop("Special cause variation"),
}


class Rule(StrEnum):
    """The MDC special-cause rules (see the module docstring for the exact definitions)."""

    OUTSIDE_LIMITS = "outside_limits"
    SHIFT = "shift"
    TREND = "trend"
    TWO_OF_THREE = "two_of_three"

    @property
    def label(self) -> str:
        if self is Rule.SHIFT:
            return gettext("%(count)d or more points in a row on one side of the average") % {
                "count": SHIFT_LENGTH
            }
        if self is Rule.TREND:
            return gettext("%(count)d or more points in a row rising or falling") % {
                "count": TREND_LENGTH
            }
        if self is Rule.TWO_OF_THREE:
            return gettext("2 out of 3 points close to a process limit")
        return gettext("Point outside the process limits")


class Variation(StrEnum):
    """MDC's variation icon, read from the most recent point."""

    COMMON_CAUSE = "common_cause"
    IMPROVEMENT_HIGH = "improvement_high"
    IMPROVEMENT_LOW = "improvement_low"
    CONCERN_HIGH = "concern_high"
    CONCERN_LOW = "concern_low"
    NEITHER_HIGH = "neither_high"
    NEITHER_LOW = "neither_low"

    @property
    def label(self) -> str:
        return gettext(_VARIATION_LABELS[self])

    @property
    def signal(self) -> Signal | None:
        """The signal part (improvement, concern, neither); ``None`` for common cause."""
        return None if self is Variation.COMMON_CAUSE else Signal(self.value.rsplit("_", 1)[0])

    @property
    def side(self) -> Side | None:
        return None if self is Variation.COMMON_CAUSE else Side(self.value.rsplit("_", 1)[1])


_VARIATION_LABELS = {
    Variation.COMMON_CAUSE: gettext_noop("Common cause variation: no significant change"),
    Variation.IMPROVEMENT_HIGH: gettext_noop("Special cause improvement: unusually high values"),
    Variation.IMPROVEMENT_LOW: gettext_noop("Special cause improvement: unusually low values"),
    Variation.CONCERN_HIGH: gettext_noop("Special cause concern: unusually high values"),
    Variation.CONCERN_LOW: gettext_noop("Special cause concern: unusually low values"),
    Variation.NEITHER_HIGH: gettext_noop(
        "Special cause variation, neither improvement nor concern: unusually high values"
    ),
    Variation.NEITHER_LOW: gettext_noop(
        "Special cause variation, neither improvement nor concern: unusually low values"
    ),
}


class Assurance(StrEnum):
    """MDC's assurance icon: can the process be relied on to meet the target?"""

    PASS = "pass"  # noqa: S105 (an icon name, not a password)
    FAIL = "fail"
    HIT_AND_MISS = "hit_and_miss"

    @property
    def label(self) -> str:
        return gettext(_ASSURANCE_LABELS[self])


_ASSURANCE_LABELS = {
    Assurance.PASS: gettext_noop("The target is consistently met"),
    Assurance.FAIL: gettext_noop("The target is consistently missed"),
    Assurance.HIT_AND_MISS: gettext_noop(
        "Hit and miss: the target is met in some periods and missed in others"
    ),
}

_MONTHS = (
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
)


@dataclass(frozen=True)
class Annotation:
    """A PDSA cycle or other event to mark on the chart; passed through untouched."""

    date: date
    label: str


@dataclass(frozen=True)
class Segment:
    """A stretch of points between change points, with its own centre line and limits.

    ``start`` and ``stop`` index into ``SPCResult.points`` (``stop`` exclusive). In a run chart
    the moving-range figures, limits and two-sigma lines are ``None``.
    """

    index: int
    start: int
    stop: int
    start_date: date
    end_date: date
    mean: float
    average_moving_range: float | None
    sigma: float | None
    ucl: float | None
    lcl: float | None
    upper_two_sigma: float | None
    lower_two_sigma: float | None

    @property
    def count(self) -> int:
        return self.stop - self.start


@dataclass(frozen=True)
class SPCPoint:
    """One dated value with the lines of its segment and the special-cause rules it is part of.

    ``moving_range`` is ``|value - previous value|`` within the segment (``None`` for a segment's
    first point). ``side`` says whether a flagged point is a high or a low signal (``None`` when
    the point is not flagged); ``signal`` is what that means for the measure.
    """

    date: date
    value: float
    segment_index: int
    mean: float
    ucl: float | None
    lcl: float | None
    upper_two_sigma: float | None
    lower_two_sigma: float | None
    rules: frozenset[Rule]
    signal: Signal | None
    side: Side | None = None
    moving_range: float | None = None

    @property
    def is_special_cause(self) -> bool:
        return bool(self.rules)


@dataclass(frozen=True)
class SPCResult:
    """Everything needed to draw and describe a measure's chart.

    Sequences are tuples so the frozen result is immutable all the way down. ``note`` explains
    anything the reader should know about how the chart was drawn (a run chart, a change point
    not applied yet) and is ``None`` otherwise. ``ignored_change_points`` lists the change points
    not applied (too few points on one side). ``monthly`` and ``decimals`` say how to write the
    chart's dates and statistics (see :meth:`format_period` and :meth:`format_statistic`).
    """

    points: tuple[SPCPoint, ...]
    segments: tuple[Segment, ...]
    mode: Mode
    variation: Variation | None
    assurance: Assurance | None
    summary: str
    note: str | None
    direction: Direction = Direction.NEITHER
    target: float | None = None
    unit: str = ""
    annotations: tuple[Annotation, ...] = ()
    ignored_change_points: tuple[date, ...] = ()
    monthly: bool = False
    decimals: int = 1

    @property
    def has_limits(self) -> bool:
        return self.mode is Mode.XMR

    @property
    def latest(self) -> SPCPoint | None:
        return self.points[-1] if self.points else None

    def format_period(self, value: date) -> str:
        """A date as the summary writes it ("March 2025" for monthly data, else "3 March 2025")."""
        return format_period(value, monthly=self.monthly)

    def format_statistic(self, value: float) -> str:
        """A mean, limit or tick with this chart's decimal places (one more than the data's)."""
        return format_number(value, self.decimals)


# --------------------------------------------------------------------------------------------
# Public helpers


def format_period(value: date, *, monthly: bool) -> str:
    """ "March 2025" when ``monthly``, otherwise "3 March 2025" (month names translated; after
    a day, in the genitive where the language has one: "3 marca 2025", see hub.dates)."""
    if monthly:
        return f"{gettext(_MONTHS[value.month - 1])} {value.year}"
    return date_format(value, "j F Y")


def format_number(value: float, decimals: int | None = None) -> str:
    """A number with thousands separators: ``decimals`` places, or as many as the value has.

    Without ``decimals`` the value is written as entered (4.2, 1,234.5, 9), up to
    :data:`MAX_DECIMALS` places. Statistics (means, limits) use :attr:`SPCResult.decimals` so all
    of one chart's figures line up.
    """
    if decimals is None:
        text = f"{value:,.{_decimals_of(value)}f}"
        if "." in text:  # only when capped at MAX_DECIMALS: drop the zeros rounding left
            text = text.rstrip("0").rstrip(".")
    else:
        text = f"{value:,.{decimals}f}"
    # "-0.0" after rounding a tiny negative number reads as a sign error.
    return text[1:] if text.startswith("-") and not text.strip("-0.,") else text


MAX_DECIMALS: Final = 4
"""Most decimal places written for any figure."""


def _decimals_of(value: float) -> int:
    """Decimal places of a value as entered: 4 → 0, 4.2 → 1, 0.125 → 3 (at most 4)."""
    if not math.isfinite(value):
        return 0
    exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent
    return min(MAX_DECIMALS, max(0, -int(exponent)))


def _statistic_decimals(numbers: list[float]) -> int:
    """One more decimal place than the most precise value, so means and limits say a bit more."""
    return min(MAX_DECIMALS, max((_decimals_of(value) for value in numbers), default=0) + 1)


# --------------------------------------------------------------------------------------------
# Computation


@dataclass(frozen=True)
class _Pattern:
    """One occurrence of a rule: which points it flags and on which side."""

    rule: Rule
    side: Side
    indices: tuple[int, ...]

    @property
    def first(self) -> int:
        return self.indices[0]


def compute_spc(
    values: Iterable[tuple[date, float | int | Decimal]],
    *,
    direction: Direction | str = Direction.NEITHER,
    target: float | int | Decimal | None = None,
    change_points: Iterable[date] = (),
    annotations: Iterable[tuple[date, str]] = (),
    unit: str = "",
    floor: float | None = None,
) -> SPCResult:
    """Compute an MDC XmR chart (or a run chart with fewer than 12 points) for dated values.

    ``values`` are ``(date, number)`` pairs in any order; they are sorted by date. ``direction``
    is which way is better (``"up"``, ``"down"`` or ``"neither"``). ``target`` is optional.
    ``change_points`` are dates from which the process is rebased. ``annotations`` are
    ``(date, label)`` pairs (PDSA cycles) passed through for the chart. ``unit`` only goes into
    the summary text ("Average 4.2 falls per 1,000 bed days"). ``floor`` is the least value
    the measure can take (0 for counts, days and percentages): limits below it are drawn at it.

    Raises ``ValueError`` for an unknown direction, two values on the same date, or a value or
    target that is NaN or infinite, and ``TypeError`` for a date or value of the wrong type.
    """
    direction = _clean_direction(direction)
    series = _clean_values(values)
    target_value = None if target is None else _finite(target, "The target")
    notes = tuple(Annotation(_as_date(day), str(label)) for day, label in annotations)
    notes = tuple(sorted(notes, key=lambda annotation: annotation.date))
    dates = [day for day, _value in series]
    numbers = [value for _day, value in series]
    monthly = _is_monthly(dates)
    decimals = _statistic_decimals(numbers)

    if len(series) < MIN_POINTS_FOR_LIMITS:
        return _run_chart(
            dates, numbers, direction, target_value, unit, notes, monthly=monthly, decimals=decimals
        )

    boundaries, ignored = _segment_boundaries(dates, change_points)
    segments = tuple(
        _xmr_segment(index, start, stop, dates, numbers, floor)
        for index, (start, stop) in enumerate(pairwise([*boundaries, len(numbers)]))
    )
    tolerance = 1e-9 * max(1.0, *(abs(value) for value in numbers))
    patterns = [
        *_outside_limits(numbers, segments, tolerance),
        *_shifts(numbers, segments, tolerance),
        *_trends(numbers),
        *_two_of_three(numbers, segments, tolerance),
    ]
    points = _points(dates, numbers, segments, patterns, direction)
    variation = _variation(points[-1])
    assurance = _assurance(segments[-1], direction, target_value)
    result = SPCResult(
        points=points,
        segments=segments,
        mode=Mode.XMR,
        variation=variation,
        assurance=assurance,
        summary="",
        # A change point not applied yet explains the flags around it; otherwise a step in
        # the level inside one segment needs its own explanation.
        note=_change_point_note(ignored, monthly) or _level_change_note(patterns, dates, monthly),
        direction=direction,
        target=target_value,
        unit=unit,
        annotations=notes,
        ignored_change_points=ignored,
        monthly=monthly,
        decimals=decimals,
    )
    return replace(result, summary=_xmr_summary(result, patterns))


def _clean_direction(direction: Direction | str) -> Direction:
    try:
        return Direction(direction)
    except ValueError:
        choices = ", ".join(f'"{choice}"' for choice in Direction)
        raise ValueError(
            f"Unknown improvement direction {direction!r}: use one of {choices}."
        ) from None


def _as_date(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raise TypeError(f"Expected a date, got {value!r}.")


def _finite(value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise TypeError(f"{what} must be a number, got {value!r}.")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{what} must be a finite number, got {value!r}.")
    return number


def _clean_values(values: Iterable[tuple[date, float | int | Decimal]]) -> list[tuple[date, float]]:
    series: list[tuple[date, float]] = []
    for day, value in values:
        day = _as_date(day)
        series.append((day, _finite(value, f"The value for {day.isoformat()}")))
    series.sort(key=lambda pair: pair[0])
    for (previous, _a), (current, _b) in pairwise(series):
        if previous == current:
            raise ValueError(
                f"Two values are dated {current.isoformat()}: each date may have one value only."
            )
    return series


def _is_monthly(dates: list[date]) -> bool:
    """Every point in its own month (monthly or quarterly data); one point only if on the 1st."""
    if not dates:
        return False
    if len(dates) == 1:
        return dates[0].day == 1
    return len({(day.year, day.month) for day in dates}) == len(dates)


def _mean(numbers: list[float]) -> float:
    if len(set(numbers)) == 1:
        return numbers[0]  # exact, so an all-equal segment has its mean on every point
    return math.fsum(numbers) / len(numbers)


def _run_chart(
    dates: list[date],
    numbers: list[float],
    direction: Direction,
    target: float | None,
    unit: str,
    annotations: tuple[Annotation, ...],
    *,
    monthly: bool,
    decimals: int,
) -> SPCResult:
    """Fewer than 12 points: the values and their mean, no limits, no rules, no icons."""
    count = len(numbers)
    if not count:
        return SPCResult(
            points=(),
            segments=(),
            mode=Mode.RUN,
            variation=None,
            assurance=None,
            summary=gettext("No data has been recorded for this measure yet."),
            note=None,
            direction=direction,
            target=target,
            unit=unit,
            annotations=annotations,
        )
    mean = _mean(numbers)
    segment = Segment(
        index=0,
        start=0,
        stop=count,
        start_date=dates[0],
        end_date=dates[-1],
        mean=mean,
        average_moving_range=None,
        sigma=None,
        ucl=None,
        lcl=None,
        upper_two_sigma=None,
        lower_two_sigma=None,
    )
    points = tuple(
        SPCPoint(
            date=day,
            value=value,
            segment_index=0,
            mean=mean,
            ucl=None,
            lcl=None,
            upper_two_sigma=None,
            lower_two_sigma=None,
            rules=frozenset(),
            signal=None,
            moving_range=None if index == 0 else abs(value - numbers[index - 1]),
        )
        for index, (day, value) in enumerate(zip(dates, numbers, strict=True))
    )
    if count == 1:
        summary = gettext(
            "One point so far: %(value)s in %(period)s. At least %(minimum)d points are needed "
            "to calculate process limits."
        )
    else:
        summary = gettext(
            "Run chart of %(count)d points from %(first)s to %(last)s, too few to calculate "
            "process limits (at least %(minimum)d are needed). Average %(mean)s; latest value "
            "%(latest)s."
        )
    summary %= {
        "count": count,
        "value": _with_unit(numbers[0], unit),
        "period": format_period(dates[0], monthly=monthly),
        "first": format_period(dates[0], monthly=monthly),
        "last": format_period(dates[-1], monthly=monthly),
        "minimum": MIN_POINTS_FOR_LIMITS,
        "mean": _with_unit(mean, unit, decimals),
        "latest": _with_unit(numbers[-1], unit),
    }
    note = ngettext(
        "Process limits and special-cause rules need at least %(minimum)d points. This measure "
        "has %(count)d point, so it is shown as a run chart with its average only.",
        "Process limits and special-cause rules need at least %(minimum)d points. This measure "
        "has %(count)d points, so it is shown as a run chart with its average only.",
        count,
    ) % {"minimum": MIN_POINTS_FOR_LIMITS, "count": count}
    return SPCResult(
        points=points,
        segments=(segment,),
        mode=Mode.RUN,
        variation=None,
        assurance=None,
        summary=summary,
        note=note,
        direction=direction,
        target=target,
        unit=unit,
        annotations=annotations,
        monthly=monthly,
        decimals=decimals,
    )


def _segment_boundaries(
    dates: list[date], change_points: Iterable[date]
) -> tuple[list[int], tuple[date, ...]]:
    """Start indices of the segments, and the change points not applied (too few points)."""
    count = len(dates)
    starts = [0]
    ignored: list[date] = []
    seen: set[int] = set()
    for change in sorted(_as_date(day) for day in change_points):
        index = bisect_left(dates, change)
        if index == 0 or index in seen:
            continue  # on or before the first point, or the same point as an earlier change
        seen.add(index)
        if index - starts[-1] >= MIN_POINTS_FOR_LIMITS and count - index >= MIN_POINTS_FOR_LIMITS:
            starts.append(index)
        else:
            ignored.append(change)
    return starts, tuple(ignored)


def _xmr_segment(
    index: int,
    start: int,
    stop: int,
    dates: list[date],
    numbers: list[float],
    floor: float | None = None,
) -> Segment:
    values = numbers[start:stop]
    mean = _mean(values)
    moving_ranges = [abs(current - previous) for previous, current in pairwise(values)]
    average_moving_range = math.fsum(moving_ranges) / len(moving_ranges)
    sigma = average_moving_range / SIGMA_DIVISOR
    return Segment(
        index=index,
        start=start,
        stop=stop,
        start_date=dates[start],
        end_date=dates[stop - 1],
        mean=mean,
        average_moving_range=average_moving_range,
        sigma=sigma,
        ucl=mean + LIMIT_FACTOR * average_moving_range,
        lcl=_at_least(mean - LIMIT_FACTOR * average_moving_range, floor),
        upper_two_sigma=mean + 2 * sigma,
        lower_two_sigma=_at_least(mean - 2 * sigma, floor),
    )


def _at_least(value: float, floor: float | None) -> float:
    """A lower line no lower than what the measure can take (a count cannot be −0.3)."""
    return value if floor is None else max(value, floor)


def _lines(segment: Segment) -> tuple[float, float, float, float]:
    """An XmR segment's lower limit, upper limit, lower and upper two-sigma lines."""
    lines = (segment.lcl, segment.ucl, segment.lower_two_sigma, segment.upper_two_sigma)
    if any(line is None for line in lines):
        raise RuntimeError("A run-chart segment has no process limits.")
    return lines  # type: ignore[return-value]


def _compare(value: float, line: float, tolerance: float) -> int:
    """1 if ``value`` is above ``line``, -1 if below, 0 if on it (within ``tolerance``)."""
    if value > line + tolerance:
        return 1
    if value < line - tolerance:
        return -1
    return 0


def _side(sign: int) -> Side:
    return Side.HIGH if sign > 0 else Side.LOW


def _outside_limits(
    numbers: list[float], segments: tuple[Segment, ...], tolerance: float
) -> list[_Pattern]:
    """Rule 1: each point strictly above the upper or strictly below the lower limit."""
    patterns = []
    for segment in segments:
        lcl, ucl, _lower, _upper = _lines(segment)
        for index in range(segment.start, segment.stop):
            if _compare(numbers[index], ucl, tolerance) > 0:
                patterns.append(_Pattern(Rule.OUTSIDE_LIMITS, Side.HIGH, (index,)))
            elif _compare(numbers[index], lcl, tolerance) < 0:
                patterns.append(_Pattern(Rule.OUTSIDE_LIMITS, Side.LOW, (index,)))
    return patterns


def _shifts(
    numbers: list[float], segments: tuple[Segment, ...], tolerance: float
) -> list[_Pattern]:
    """Rule 2: maximal runs of 7+ points strictly on one side of the segment's mean."""
    patterns = []
    for segment in segments:
        signs = [
            _compare(numbers[index], segment.mean, tolerance)
            for index in range(segment.start, segment.stop)
        ]
        for first, last, sign in _runs(signs):
            if sign and last - first + 1 >= SHIFT_LENGTH:
                indices = tuple(range(segment.start + first, segment.start + last + 1))
                patterns.append(_Pattern(Rule.SHIFT, _side(sign), indices))
    return patterns


def _trends(numbers: list[float]) -> list[_Pattern]:
    """Rule 3: maximal runs of 6+ points each strictly above (below) the one before.

    Steps are compared exactly; a tie is a step of 0 and breaks the trend. Runs over the whole
    series, across change points.
    """
    steps = [(current > previous) - (current < previous) for previous, current in pairwise(numbers)]
    patterns = []
    for first, last, sign in _runs(steps):
        # steps[k] goes from point k to point k + 1, so steps first..last span points first..last+1
        if sign and last - first + 2 >= TREND_LENGTH:
            patterns.append(_Pattern(Rule.TREND, _side(sign), tuple(range(first, last + 2))))
    return patterns


def _two_of_three(
    numbers: list[float], segments: tuple[Segment, ...], tolerance: float
) -> list[_Pattern]:
    """Rule 4: 2 or 3 of any 3 consecutive points (one segment) beyond the same two-sigma line."""
    patterns = []
    for segment in segments:
        _lcl, _ucl, lower, upper = _lines(segment)
        for first in range(segment.start, segment.stop - TWO_OF_THREE_WINDOW + 1):
            window = range(first, first + TWO_OF_THREE_WINDOW)
            high = tuple(i for i in window if _compare(numbers[i], upper, tolerance) > 0)
            low = tuple(i for i in window if _compare(numbers[i], lower, tolerance) < 0)
            if len(high) >= 2:
                patterns.append(_Pattern(Rule.TWO_OF_THREE, Side.HIGH, high))
            if len(low) >= 2:
                patterns.append(_Pattern(Rule.TWO_OF_THREE, Side.LOW, low))
    return patterns


def _runs(signs: list[int]) -> list[tuple[int, int, int]]:
    """Maximal stretches of equal values in ``signs`` as (first index, last index, value)."""
    runs = []
    first = 0
    for index in range(1, len(signs) + 1):
        if index == len(signs) or signs[index] != signs[first]:
            runs.append((first, index - 1, signs[first]))
            first = index
    return runs


def _signal(side: Side, direction: Direction) -> Signal:
    if direction is Direction.NEITHER:
        return Signal.NEITHER
    better = Side.HIGH if direction is Direction.UP else Side.LOW
    return Signal.IMPROVEMENT if side is better else Signal.CONCERN


def _points(
    dates: list[date],
    numbers: list[float],
    segments: tuple[Segment, ...],
    patterns: list[_Pattern],
    direction: Direction,
) -> tuple[SPCPoint, ...]:
    rules: list[set[Rule]] = [set() for _ in numbers]
    sides: list[Side | None] = [None] * len(numbers)
    # Trends first, in date order, so a turning point keeps the later trend's side; then the
    # position rules (1, 2, 4), which agree with each other and take precedence.
    ordered = sorted(patterns, key=lambda pattern: (pattern.rule is not Rule.TREND, pattern.first))
    for pattern in ordered:
        for index in pattern.indices:
            rules[index].add(pattern.rule)
            sides[index] = pattern.side
    points = []
    for segment in segments:
        for index in range(segment.start, segment.stop):
            side = sides[index]
            points.append(
                SPCPoint(
                    date=dates[index],
                    value=numbers[index],
                    segment_index=segment.index,
                    mean=segment.mean,
                    ucl=segment.ucl,
                    lcl=segment.lcl,
                    upper_two_sigma=segment.upper_two_sigma,
                    lower_two_sigma=segment.lower_two_sigma,
                    rules=frozenset(rules[index]),
                    signal=None if side is None else _signal(side, direction),
                    side=side,
                    moving_range=(
                        None if index == segment.start else abs(numbers[index] - numbers[index - 1])
                    ),
                )
            )
    return tuple(points)


def _variation(latest: SPCPoint) -> Variation:
    if latest.signal is None or latest.side is None:
        return Variation.COMMON_CAUSE
    return Variation(f"{latest.signal}_{latest.side}")


def _assurance(segment: Segment, direction: Direction, target: float | None) -> Assurance | None:
    if target is None or direction is Direction.NEITHER:
        return None
    lcl, ucl, _lower, _upper = _lines(segment)
    if direction is Direction.UP:
        passes, fails = lcl > target, ucl < target
    else:
        passes, fails = ucl < target, lcl > target
    if passes:
        return Assurance.PASS
    if fails:
        return Assurance.FAIL
    return Assurance.HIT_AND_MISS


# --------------------------------------------------------------------------------------------
# Texts


def _with_unit(value: float, unit: str, decimals: int | None = None) -> str:
    number = format_number(value, decimals)
    if not unit:
        return number
    return f"{number}{unit}" if unit.startswith("%") else f"{number} {unit}"


def _change_point_note(ignored: tuple[date, ...], monthly: bool) -> str | None:
    if not ignored:
        return None
    periods = ", ".join(format_period(day, monthly=monthly) for day in ignored)
    return ngettext(
        "Limits are not recalculated from the change in %(periods)s yet: at least %(minimum)d "
        "points are needed before and after a change. Until then, the points after it are "
        "compared with the earlier limits.",
        "Limits are not recalculated from the changes in %(periods)s yet: at least %(minimum)d "
        "points are needed before and after a change. Until then, the points after them are "
        "compared with the earlier limits.",
        len(ignored),
    ) % {"periods": periods, "minimum": MIN_POINTS_FOR_LIMITS}


def _level_change(patterns: list[_Pattern]) -> int | None:
    """The index of the first point of the latest step in level within a segment: a shift
    on one side of the mean after a shift on the other side (the same segment, as shifts
    never cross a change point). ``None`` when there is none."""
    shifts = sorted(
        (pattern for pattern in patterns if pattern.rule is Rule.SHIFT),
        key=lambda pattern: pattern.first,
    )
    steps = [
        later.first
        for earlier, later in pairwise(shifts)
        if earlier.side is not later.side and earlier.indices[-1] < later.first
    ]
    return steps[-1] if steps else None


def _level_change_note(patterns: list[_Pattern], dates: list[date], monthly: bool) -> str | None:
    """Why the points before a step in level are flagged as special cause too (the average
    and limits span both levels), and what recalculates them."""
    step = _level_change(patterns)
    if step is None:
        return None
    return gettext(
        "The level changed in %(period)s. The average and process limits are worked out from "
        "the points before and after it together, so the earlier points are flagged as special "
        "cause too, on the other side of the average: they show the level before the change. "
        "Once at least %(minimum)d points follow the change, marking it as a change point "
        "recalculates the limits from there."
    ) % {
        "period": format_period(dates[step], monthly=monthly),
        "minimum": MIN_POINTS_FOR_LIMITS,
    }


def _pattern_text(pattern: _Pattern) -> str:
    high = pattern.side is Side.HIGH
    count = len(pattern.indices)
    if pattern.rule is Rule.OUTSIDE_LIMITS:
        if high:
            return gettext("the latest point is above the upper process limit")
        return gettext("the latest point is below the lower process limit")
    if pattern.rule is Rule.SHIFT:
        if high:
            text = ngettext(
                "%(count)d point in a row above the average",
                "%(count)d points in a row above the average",
                count,
            )
        else:
            text = ngettext(
                "%(count)d point in a row below the average",
                "%(count)d points in a row below the average",
                count,
            )
        return text % {"count": count}
    if pattern.rule is Rule.TREND:
        if high:
            text = ngettext(
                "%(count)d point in a row rising", "%(count)d points in a row rising", count
            )
        else:
            text = ngettext(
                "%(count)d point in a row falling", "%(count)d points in a row falling", count
            )
        return text % {"count": count}
    if high:
        text = gettext("%(count)d of the last 3 points close to or above the upper process limit")
    else:
        text = gettext("%(count)d of the last 3 points close to or below the lower process limit")
    return text % {"count": count}


def _target_text(result: SPCResult) -> str:
    if result.assurance is None or result.target is None:
        return ""
    if result.assurance is Assurance.PASS:
        text = gettext("The target of %(target)s is consistently met.")
    elif result.assurance is Assurance.FAIL:
        text = gettext("The target of %(target)s is consistently missed.")
    else:
        text = gettext(
            "The target of %(target)s is hit and miss: it is met in some periods and missed in "
            "others."
        )
    return text % {"target": _with_unit(result.target, result.unit)}


def _xmr_summary(result: SPCResult, patterns: list[_Pattern]) -> str:
    latest_index = len(result.points) - 1
    latest = result.points[-1]
    segment = result.segments[-1]
    if latest.side is None:
        if len(result.segments) > 1:
            text = gettext(
                "Common cause variation: no significant change since the limits were "
                "recalculated in %(period)s. Average %(mean)s, process limits %(lcl)s to %(ucl)s."
            )
        else:
            text = gettext(
                "Common cause variation: no significant change. Average %(mean)s, process "
                "limits %(lcl)s to %(ucl)s."
            )
        lcl, ucl, _lower, _upper = _lines(segment)
        sentence = text % {
            "period": result.format_period(segment.start_date),
            "mean": _with_unit(segment.mean, result.unit, result.decimals),
            "lcl": format_number(lcl, result.decimals),
            "ucl": format_number(ucl, result.decimals),
        }
    else:
        # The occurrences of rules that include the latest point, on its side, oldest first. The
        # oldest says when the signal began and is the one described; a latest point outside the
        # limits is worth saying too. (The table lists every rule for every point.)
        current = sorted(
            (
                pattern
                for pattern in patterns
                if latest_index in pattern.indices and pattern.side is latest.side
            ),
            key=lambda pattern: (pattern.first, list(Rule).index(pattern.rule)),
        )
        described = [current[0]] + [
            pattern
            for pattern in current[1:]
            if pattern.rule is Rule.OUTSIDE_LIMITS and current[0].rule is not Rule.OUTSIDE_LIMITS
        ]
        since = current[0].first
        details = gettext("; ").join(_pattern_text(pattern) for pattern in described)
        headline = _headline(_signal(latest.side, result.direction), latest.side)
        if since == latest_index:
            text = gettext("%(headline)s in %(period)s: %(details)s.")
        else:
            text = gettext("%(headline)s since %(period)s: %(details)s.")
        sentence = text % {
            "headline": headline,
            "period": result.format_period(result.points[since].date),
            "details": details,
        }
    return " ".join(part for part in (sentence, _target_text(result)) if part)


def _headline(signal: Signal, side: Side) -> str:
    if signal is not Signal.NEITHER:
        return signal.label
    if side is Side.HIGH:
        return gettext("Special cause variation (high)")
    return gettext("Special cause variation (low)")
