"""The huddle's process measures: plain functions over a queryset of ideas.

The pilot evaluates itself with these (the "Process measures" screen):

- **process**: ideas received per week; median days to first response and to decision, by
  the week the ideas were submitted in;
- **balancing**: counts by organisation, organisation type, system priority, route and status
  (who the huddle hears from, and where ideas end up);
- **outcome**: the share of ideas from citizens and service users, the share addressing
  Core20PLUS5 groups, and the share with service-user involvement.

Decisions, so that the numbers can be checked by hand:

- Weeks run Monday to Sunday in the hub's time zone (``TIME_ZONE``). A period is a number of
  *complete* weeks ending last Sunday: the current week is still filling up, and an
  incomplete week would read as a fall in every chart. Weeks in which no idea arrived count
  as 0 and stay in the series.
- Days are **calendar days** (weekends included) between the local dates of two moments: an
  idea submitted on a Friday and answered the next Monday took 3 days. (The targets in
  :mod:`submissions.huddle.clocks` count working days; these measures show how long people waited.)
- "First response" is ``first_response_at`` (the first move, message or sift by the huddle),
  "decision" is ``decided_at`` (accepted, declined or redirected). A week's median is taken
  over the ideas submitted that week that have the moment; a week none of whose ideas has it
  yet has no point (it is not 0 days).
- Citizens and service users: ``submitter_type`` is service user, carer or member of the
  public. Core20PLUS5: the idea reaches the most deprived 20% (``core20 == "yes"``), or names
  a PLUS group ("not sure" does not count), or a clinical area for adults or children.
  Involvement: service users or carers are leading it, involved, or will be involved.

Every function runs a fixed number of queries, whatever the number of ideas.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from statistics import median

from django.db.models import Case, CharField, Count, Min, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hub.enums import OrganisationType
from submissions.enums import Route, Status
from submissions.models import IdeaSubmissionQuerySet

# Periods and weeks ----------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    key: str
    label: str
    weeks: int | None  # None: every week since the first idea


PERIODS = (
    Period("26", _("Last 26 weeks"), 26),
    Period("52", _("Last 52 weeks"), 52),
    Period("all", _("All weeks since the first idea"), None),
)
DEFAULT_PERIOD = PERIODS[0]


def period_for(key: str) -> Period:
    """The period with this key; ``KeyError`` for anything else."""
    for period in PERIODS:
        if period.key == key:
            return period
    raise KeyError(key)


def week_start(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def local_date(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def calendar_days(start: datetime, end: datetime) -> int:
    """Calendar days from ``start`` to ``end``, by their local dates."""
    return (local_date(end) - local_date(start)).days


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


@dataclass(frozen=True)
class Window:
    """Complete weeks: ``weeks`` Mondays from ``first_week`` (``weeks`` may be 0)."""

    first_week: date
    weeks: int

    @property
    def week_starts(self) -> list[date]:
        return [self.first_week + timedelta(weeks=index) for index in range(self.weeks)]

    @property
    def end(self) -> date:
        """The Monday after the last week (not included)."""
        return self.first_week + timedelta(weeks=self.weeks)

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)

    def ideas(self, ideas: QuerySet) -> QuerySet:
        """The ideas submitted within the window."""
        return ideas.filter(
            submitted_at__gte=_midnight(self.first_week), submitted_at__lt=_midnight(self.end)
        )


def window_for(period: Period, ideas: QuerySet, today: date) -> Window:
    """The complete weeks of ``period`` up to last Sunday (before ``today``'s week)."""
    this_week = week_start(today)
    if period.weeks is not None:
        return Window(this_week - timedelta(weeks=period.weeks), period.weeks)
    first = ideas.aggregate(first=Min("submitted_at"))["first"]
    if first is None or week_start(local_date(first)) >= this_week:
        return Window(this_week, 0)
    first_week = week_start(local_date(first))
    return Window(first_week, (this_week - first_week).days // 7)


def this_week_count(ideas: QuerySet, today: date) -> int:
    """Ideas received so far in ``today``'s week (not in any period yet)."""
    return ideas.filter(submitted_at__gte=_midnight(week_start(today))).count()


# The weekly series ------------------------------------------------------------------------


@dataclass(frozen=True)
class WeeklySeries:
    """Per week of submission: ideas received (every week, 0 included), and the median
    calendar days to first response and to decision (only weeks that have one)."""

    received: list[tuple[date, int]]
    first_response: list[tuple[date, float]]
    decision: list[tuple[date, float]]
    responded: int = 0
    decided: int = 0

    @property
    def total(self) -> int:
        return sum(count for _week, count in self.received)


def _medians(weeks: Iterable[date], days: dict[date, list[int]]) -> list[tuple[date, float]]:
    return [(week, float(median(days[week]))) for week in weeks if days.get(week)]


def weekly_series(ideas: QuerySet, window: Window) -> WeeklySeries:
    """The three weekly series for the ideas submitted in ``window`` (one query)."""
    received = dict.fromkeys(window.week_starts, 0)
    to_response: dict[date, list[int]] = defaultdict(list)
    to_decision: dict[date, list[int]] = defaultdict(list)
    rows = (
        window.ideas(ideas)
        .order_by()
        .values_list("submitted_at", "first_response_at", "decided_at")
    )
    for submitted_at, first_response_at, decided_at in rows:
        week = week_start(local_date(submitted_at))
        received[week] += 1
        if first_response_at is not None:
            to_response[week].append(calendar_days(submitted_at, first_response_at))
        if decided_at is not None:
            to_decision[week].append(calendar_days(submitted_at, decided_at))
    return WeeklySeries(
        received=list(received.items()),
        first_response=_medians(window.week_starts, to_response),
        decision=_medians(window.week_starts, to_decision),
        responded=sum(len(days) for days in to_response.values()),
        decided=sum(len(days) for days in to_decision.values()),
    )


# Shares ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Share:
    count: int
    total: int

    @property
    def percent(self) -> float | None:
        """Percentage (one decimal), or ``None`` when there are no ideas."""
        return round(100 * self.count / self.total, 1) if self.total else None


@dataclass(frozen=True)
class Shares:
    total: int
    citizens: Share
    core20plus5: Share
    involvement: Share


def shares(ideas: QuerySet) -> Shares:
    """The three outcome shares over ``ideas`` (one query)."""
    counts = ideas.order_by().aggregate(
        total=Count("pk"),
        # What counts is the ideas' own (named predicates, shared with the inbox filters).
        citizens=Count("pk", filter=IdeaSubmissionQuerySet.from_citizens_q()),
        core20plus5=Count("pk", filter=IdeaSubmissionQuerySet.core20plus5_q()),
        involvement=Count("pk", filter=IdeaSubmissionQuerySet.involving_service_users_q()),
    )
    total = counts["total"]
    return Shares(
        total=total,
        citizens=Share(counts["citizens"], total),
        core20plus5=Share(counts["core20plus5"], total),
        involvement=Share(counts["involvement"], total),
    )


# Counts ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tally:
    label: str
    count: int
    key: str = field(default="", compare=False)


def _sorted(tallies: Iterable[Tally]) -> list[Tally]:
    """Largest first, then by label; "none" rows (empty key) last."""
    return sorted(tallies, key=lambda tally: (not tally.key, -tally.count, str(tally.label)))


def counts_by_status(ideas: QuerySet) -> list[Tally]:
    """Every status, in the order of the status machine, zeros included."""
    counts = dict(ideas.order_by().values_list("status").annotate(count=Count("pk")))
    return [Tally(status.label, counts.get(status.value, 0), status.value) for status in Status]


NOT_ROUTED = _("Not routed yet")


def counts_by_route(ideas: QuerySet) -> list[Tally]:
    """Each route (zeros included), then the ideas not routed yet."""
    counts = dict(ideas.order_by().values_list("route").annotate(count=Count("pk")))
    tallies = [Tally(route.label, counts.get(route.value, 0), route.value) for route in Route]
    return [*tallies, Tally(NOT_ROUTED, counts.get("", 0))]


OTHER_ORGANISATION = _("Another organisation (typed in)")
NO_ORGANISATION = _("No organisation given")


def counts_by_organisation(ideas: QuerySet) -> list[Tally]:
    """The submitter's organisation; organisations typed in are counted together."""
    rows = (
        ideas.order_by()
        .annotate(
            bucket=Case(
                When(organisation__isnull=False, then=Value("listed")),
                When(~Q(organisation_other=""), then=Value("other")),
                default=Value("none"),
                output_field=CharField(),
            )
        )
        .values_list("bucket", "organisation_id", "organisation__name")
        .annotate(count=Count("pk"))
    )
    tallies = []
    for bucket, organisation_id, name, count in rows:
        if bucket == "listed":
            tallies.append(Tally(name, count, str(organisation_id)))
        else:
            label = OTHER_ORGANISATION if bucket == "other" else NO_ORGANISATION
            tallies.append(Tally(label, count))
    return _sorted(tallies)


NO_ORGANISATION_TYPE = _("Not a listed organisation")


def counts_by_organisation_type(ideas: QuerySet) -> list[Tally]:
    """The type of the submitter's organisation (ideas without a listed one together)."""
    counts = dict(
        ideas.order_by().values_list("organisation__organisation_type").annotate(count=Count("pk"))
    )
    tallies = [
        Tally(kind.label, counts[kind.value], kind.value)
        for kind in OrganisationType
        if counts.get(kind.value)
    ]
    if counts.get(None):
        tallies.append(Tally(NO_ORGANISATION_TYPE, counts[None]))
    return _sorted(tallies)


NO_PRIORITY = _("No system priority")


def counts_by_priority(ideas: QuerySet) -> list[Tally]:
    """Ideas per system priority. An idea can align to several, so the counts add up to
    more than the number of ideas."""
    rows = (
        ideas.order_by()
        .values_list("priorities__pk", "priorities__name")
        .annotate(count=Count("pk", distinct=True))
    )
    return _sorted(
        Tally(name, count, str(pk)) if pk is not None else Tally(NO_PRIORITY, count)
        for pk, name, count in rows
    )


# Everything the dashboard shows ---------------------------------------------------------


@dataclass(frozen=True)
class Measures:
    period: Period
    window: Window
    this_week: int
    series: WeeklySeries
    shares: Shares
    by_status: list[Tally]
    by_route: list[Tally]
    by_organisation: list[Tally]
    by_organisation_type: list[Tally]
    by_priority: list[Tally]


def measures(ideas: QuerySet, period: Period = DEFAULT_PERIOD, *, today=None) -> Measures:
    """All the measures for the complete weeks of ``period`` before ``today``'s week."""
    today = today or timezone.localdate()
    window = window_for(period, ideas, today)
    in_window = window.ideas(ideas)
    return Measures(
        period=period,
        window=window,
        this_week=this_week_count(ideas, today),
        series=weekly_series(ideas, window),
        shares=shares(in_window),
        by_status=counts_by_status(in_window),
        by_route=counts_by_route(in_window),
        by_organisation=counts_by_organisation(in_window),
        by_organisation_type=counts_by_organisation_type(in_window),
        by_priority=counts_by_priority(in_window),
    )
