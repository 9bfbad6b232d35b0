"""The impact report's panels: small functions, each turning the chosen period and partner
into one table (a title, column headings and rows), shown in the admin and written to CSV.

To add a panel: write a function
``panel(filters: Filters) -> Panel`` beside the others (or in the app that owns the data,
if that app sits below this one) and add it to :data:`PANELS`. Nothing else changes: the
view, its template and the CSV export read every panel the same way.
"""

import statistics
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Avg, Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bookings.enums import BookingStatus
from bookings.models import Booking, EventFeedback
from hub.models import Organisation, default_locale
from pages.models import EventPage, PartnerPage
from submissions.models import IdeaSubmission

from .models import PageFeedbackComment, PageFeedbackCount, PageViewCount, SubmitterSurvey

PERIODS = {
    "30": gettext_lazy("Last 30 days"),
    "90": gettext_lazy("Last 90 days"),
    "365": gettext_lazy("Last 12 months"),
}
DEFAULT_PERIOD = "90"
TOP_PAGES = 20
LATEST_COMMENTS = 20


@dataclass(frozen=True)
class Filters:
    """What the report covers: days ``start`` to ``end`` (both included), and one partner
    (``organisation``) or all."""

    start: date
    end: date
    organisation: Organisation | None = None

    @classmethod
    def last(cls, days: int, organisation=None) -> "Filters":
        end = timezone.localdate()
        return cls(start=end - timedelta(days=days - 1), end=end, organisation=organisation)

    def partner_paths(self) -> list[str] | None:
        """The tree paths of the partner's sections (every language), or None for all."""
        if self.organisation is None:
            return None
        return list(
            PartnerPage.objects.filter(
                organisation__translation_key=self.organisation.translation_key
            ).values_list("path", flat=True)
        )

    def under_partner(self, prefix: str) -> Q:
        """Rows whose page (through ``prefix``: "page__") is in the partner's sections."""
        paths = self.partner_paths()
        if paths is None:
            return Q()
        condition = Q(pk__in=[])
        for path in paths:
            condition |= Q(**{f"{prefix}path__startswith": path})
        return condition


@dataclass
class Panel:
    key: str
    title: str
    headings: list[str]
    rows: list[list] = field(default_factory=list)
    note: str = ""


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "–"


def usage_by_type(filters: Filters) -> Panel:
    rows = (
        PageViewCount.objects.filter(filters.under_partner("page__"))
        .filter(day__range=(filters.start, filters.end))
        .values("page__content_type")
        .annotate(views=Sum("views"), pages=Count("page", distinct=True))
        .order_by("-views")
    )
    panel = Panel(
        "usage_by_type",
        _("Page views by type of content"),
        [_("Type of content"), _("Views"), _("Pages viewed")],
        note=_("Counted without cookies or addresses: one view each time a page is served."),
    )
    for row in rows:
        model = ContentType.objects.get_for_id(row["page__content_type"]).model_class()
        name = model._meta.verbose_name_plural if model else _("Other")
        panel.rows.append([str(name).capitalize(), row["views"], row["pages"]])
    return panel


def usage_by_partner(filters: Filters) -> Panel:
    partners = PartnerPage.objects.select_related("organisation").order_by("path")
    if filters.organisation is not None:
        partners = partners.filter(
            organisation__translation_key=filters.organisation.translation_key
        )
    # A partner's sections in every language count as one: keyed by the organisation's
    # translation key, named by the first section's organisation.
    sections = {p.path: p.organisation.translation_key for p in partners}
    names = {}
    for p in partners:
        names.setdefault(p.organisation.translation_key, p.organisation.name)
    views: dict = defaultdict(int)
    counted = (
        PageViewCount.objects.filter(day__range=(filters.start, filters.end))
        .values("page__path")
        .annotate(views=Sum("views"))
    )
    for row in counted:
        for path, key in sections.items():
            if row["page__path"].startswith(path):
                views[key] += row["views"]
                break
    return Panel(
        "usage_by_partner",
        _("Page views by partner section"),
        [_("Partner"), _("Views")],
        [[names[key], total] for key, total in sorted(views.items(), key=lambda item: -item[1])],
    )


def page_feedback(filters: Filters) -> Panel:
    counts = PageFeedbackCount.objects.filter(
        filters.under_partner("page__"), day__range=(filters.start, filters.end)
    )
    if filters.organisation is not None:
        counts = counts.exclude(page__isnull=True)
    per_place = (
        counts.values("place", "page__title")
        .annotate(yes=Sum("useful"), no=Sum("not_useful"))
        .order_by("-no", "-yes")[:TOP_PAGES]
    )
    total = counts.aggregate(yes=Sum("useful"), no=Sum("not_useful"))
    yes, no = total["yes"] or 0, total["no"] or 0
    panel = Panel(
        "page_feedback",
        _("Was this page useful?"),
        [_("Page"), _("Yes"), _("No"), _("Useful")],
        [[_("All pages"), yes, no, _percent(yes, yes + no)]],
        note=_("The pages with the most answers of no come first."),
    )
    for row in per_place:
        title = row["page__title"] or (_("Search") if row["place"] == "search" else row["place"])
        panel.rows.append(
            [title, row["yes"], row["no"], _percent(row["yes"], row["yes"] + row["no"])]
        )
    return panel


def feedback_comments(filters: Filters) -> Panel:
    comments = PageFeedbackComment.objects.filter(
        filters.under_partner("page__"), day__range=(filters.start, filters.end)
    ).select_related("page")
    if filters.organisation is not None:
        comments = comments.exclude(page__isnull=True)
    return Panel(
        "feedback_comments",
        _("What was wrong (latest comments)"),
        [_("Day"), _("Page"), _("Language"), _("Comment")],
        [
            [c.day.isoformat(), c.page.title if c.page else _("Search"), c.language, c.text]
            for c in comments[:LATEST_COMMENTS]
        ],
        note=_("Emails and telephone numbers are removed before a comment is stored."),
    )


def submitter_satisfaction(filters: Filters) -> Panel:
    surveys = SubmitterSurvey.objects.filter(sent_at__date__range=(filters.start, filters.end))
    if filters.organisation is not None:
        surveys = surveys.filter(organisation__translation_key=filters.organisation.translation_key)
    rows = (
        surveys.values("decision")
        .annotate(
            sent=Count("pk"),
            answered=Count("pk", filter=Q(answered_at__isnull=False)),
            fair=Avg("fair"),
            clear=Avg("clear"),
            fast=Avg("fast"),
        )
        .order_by("decision")
    )
    labels = dict(IdeaSubmission._meta.get_field("status").choices)

    def score(value):
        return "–" if value is None else f"{value:.1f}"

    return Panel(
        "submitter_satisfaction",
        _("Submitters' view of our decisions"),
        [_("Decision"), _("Surveys sent"), _("Answered"), _("Fair"), _("Clear"), _("Fast")],
        [
            [
                str(labels.get(row["decision"], row["decision"])),
                row["sent"],
                row["answered"],
                score(row["fair"]),
                score(row["clear"]),
                score(row["fast"]),
            ]
            for row in rows
        ],
        note=_("Average scores from 1 (not at all) to 5 (very), from anonymous answers."),
    )


def time_to_decision(filters: Filters) -> Panel:
    ideas = IdeaSubmission.objects.filter(
        decided_at__date__range=(filters.start, filters.end)
    ).values_list("submitted_at", "decided_at")
    if filters.organisation is not None:
        ideas = ideas.filter(organisation__translation_key=filters.organisation.translation_key)
    by_month: dict[str, list[float]] = defaultdict(list)
    for submitted_at, decided_at in ideas:
        month = timezone.localtime(decided_at).strftime("%Y-%m")
        by_month[month].append((decided_at - submitted_at).total_seconds() / 86400)
    return Panel(
        "time_to_decision",
        _("Time from idea to decision"),
        [_("Month decided"), _("Ideas decided"), _("Median days")],
        [
            [month, len(days), round(statistics.median(days), 1)]
            for month, days in sorted(by_month.items())
        ],
    )


def _rating(value) -> str:
    return "–" if value is None else f"{value:.1f}"


def bookings_and_attendance(filters: Filters) -> Panel:
    """Each event booked through the hub that started in the period: places, bookings,
    the waiting list, cancellations, attendance as the organiser recorded it, and the
    attendees' average rating. Bookings whose personal data was erased still count."""
    events = list(
        EventPage.objects.filter(filters.under_partner(""))
        .filter(start__date__range=(filters.start, filters.end))
        .filter(Q(takes_bookings=True) | Q(pk__in=Booking.objects.values("event")))
        .order_by("start", "pk")
    )
    counts = {
        row["event"]: row
        for row in Booking.objects.filter(event__in=events)
        .values("event")
        .annotate(
            booked=Count("pk", filter=Q(status=BookingStatus.BOOKED)),
            waiting=Count(
                "pk", filter=Q(status__in=(BookingStatus.WAITING, BookingStatus.OFFERED))
            ),
            cancelled=Count(
                "pk", filter=Q(status__in=(BookingStatus.CANCELLED, BookingStatus.LAPSED))
            ),
            # (Not named "attended": the annotation would hide the field in the filter.)
            came=Count("pk", filter=Q(status=BookingStatus.BOOKED, attended=True)),
            absent=Count("pk", filter=Q(status=BookingStatus.BOOKED, attended=False)),
        )
    }
    ratings = {
        row["event"]: row["overall"]
        for row in EventFeedback.objects.filter(event__in=events)
        .values("event")
        .annotate(overall=Avg("overall"))
    }
    panel = Panel(
        "bookings_and_attendance",
        _("Bookings and attendance"),
        [
            _("Event"),
            _("Starts"),
            _("Places"),
            _("Booked"),
            _("Waiting list"),
            _("Cancelled"),
            _("Attended"),
            _("Absent"),
            _("Attendance"),
            _("Rating"),
        ],
        note=_(
            "Events booked through the hub that started in the period. Attendance is of "
            "those the organiser marked; ratings from 1 (poor) to 5 (excellent)."
        ),
    )
    names = ("booked", "waiting", "cancelled", "came", "absent")
    totals = dict.fromkeys(names, 0)
    for event in events:
        numbers = {name: counts.get(event.pk, {}).get(name, 0) for name in names}
        for name in names:
            totals[name] += numbers[name]
        panel.rows.append(
            [
                event.title,
                timezone.localtime(event.start).date().isoformat(),
                "–" if event.capacity is None else event.capacity,
                *numbers.values(),
                _percent(numbers["came"], numbers["came"] + numbers["absent"]),
                _rating(ratings.get(event.pk)),
            ]
        )
    if panel.rows:
        overall = EventFeedback.objects.filter(event__in=events).aggregate(avg=Avg("overall"))
        panel.rows.append(
            [
                _("All events"),
                "",
                "",
                *totals.values(),
                _percent(totals["came"], totals["came"] + totals["absent"]),
                _rating(overall["avg"]),
            ]
        )
    return panel


PANELS: list[Callable[[Filters], Panel]] = [
    usage_by_type,
    usage_by_partner,
    page_feedback,
    feedback_comments,
    submitter_satisfaction,
    time_to_decision,
    bookings_and_attendance,
]


def build(filters: Filters) -> list[Panel]:
    return [panel(filters) for panel in PANELS]


def partners():
    """The organisations that have a partner section, for the filter."""
    return Organisation.objects.filter(
        locale=default_locale(),
        translation_key__in=PartnerPage.objects.values("organisation__translation_key"),
    ).order_by("name")
