"""The hub's open data: each dataset declared once, as the columns it publishes.

A :class:`Dataset` lists its :class:`Column` objects (name, type, meaning and how to read the
value). The CSV file, the JSON file and the data dictionary on the open-data page are all made
from that one list, so the files and their description never disagree.

Only public things are published: live pages outside private sections, live coach profiles
without any contact detail, and idea statistics that are counts only, for complete months,
with small numbers suppressed (:func:`idea_statistics`).
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.db.models import Case, CharField, Count, F, Value, When
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.listings import live_profiles
from hub.links import absolute_url
from hub.models import Priority, default_locale, public
from pages.models import CaseStudyPage, EventPage, ProjectPage, ResourcePage
from submissions.enums import Involvement, Route, Status
from submissions.models import IdeaSubmission, IdeaSubmissionQuerySet

# Types, as the data dictionary names them.
TEXT = _("text")
INTEGER = _("integer")
BOOLEAN = _("true or false")
DATE = _("date (ISO 8601)")
DATE_TIME = _("date and time (ISO 8601)")
MONTH = _("month (YYYY-MM)")
URL = _("web address")
TEXT_LIST = _("list of text (separated by “; ” in CSV)")


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    meaning: str
    value: Callable[[object], object]


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: str
    description: str
    columns: tuple[Column, ...]
    rows: Callable[[], Iterable]

    def records(self) -> Iterable[dict]:
        for row in self.rows():
            yield {column.name: column.value(row) for column in self.columns}


def _names(related) -> list[str]:
    return [str(item) for item in related.all()]


def _when(value: date | datetime | None) -> str:
    return value.isoformat() if value else ""


def _page_url(page) -> str:
    return absolute_url(page.url) if page.url else ""


def _pages(model, *prefetch, related=()):
    pages = model.objects.live().select_related("locale", *related).prefetch_related(*prefetch)
    return public(pages).order_by("locale__language_code", "path")


PAGE_COLUMNS = (
    Column("title", TEXT, _("The page's title."), lambda page: page.title),
    Column("url", URL, _("Where the page is on the hub."), _page_url),
    Column(
        "language",
        TEXT,
        _("The language code of the page (en, pl, ur...)."),
        lambda page: page.locale.language_code,
    ),
    Column(
        "first_published",
        DATE_TIME,
        _("When the page was first published."),
        lambda page: _when(page.first_published_at),
    ),
    Column(
        "last_published",
        DATE_TIME,
        _("When the page was last published."),
        lambda page: _when(page.last_published_at),
    ),
    Column("summary", TEXT, _("The page's summary."), lambda page: page.summary),
)
TOPICS = Column("topics", TEXT_LIST, _("Topics it is tagged with."), lambda p: _names(p.topics))
PRIORITIES = Column(
    "priorities", TEXT_LIST, _("System priorities it supports."), lambda p: _names(p.priorities)
)

CASE_STUDIES = Dataset(
    slug="case-studies",
    title=_("Case studies"),
    description=_("Every published case study: what was tried, where, and what it supports."),
    columns=(
        *PAGE_COLUMNS,
        Column("aim", TEXT, _("What the team set out to achieve."), lambda page: page.aim),
        Column(
            "organisations",
            TEXT_LIST,
            _("Organisations involved."),
            lambda page: _names(page.organisations),
        ),
        PRIORITIES,
        TOPICS,
        Column("methods", TEXT_LIST, _("QI methods used."), lambda page: _names(page.methods)),
        Column(
            "involvement",
            TEXT,
            _("How far service users and carers shaped the work."),
            lambda page: page.get_involvement_level_display() if page.involvement_level else "",
        ),
    ),
    rows=lambda: _pages(CaseStudyPage, "organisations", "priorities", "topics", "methods"),
)

PROJECTS = Dataset(
    slug="projects",
    title=_("Projects in progress"),
    description=_(
        "Every published project in progress: what a team is improving, with which "
        "partners, where, and how far it has got. The team's own details are not included."
    ),
    columns=(
        *PAGE_COLUMNS,
        Column(
            "stage",
            TEXT,
            _(
                "How far it has got: planning, testing changes, implementing, sustaining and "
                "spreading, or ended."
            ),
            lambda page: page.get_stage_display(),
        ),
        Column(
            "started",
            DATE,
            _("When the work started (may be empty)."),
            lambda page: _when(page.started_on),
        ),
        Column(
            "organisations",
            TEXT_LIST,
            _("Organisations involved."),
            lambda page: _names(page.organisations),
        ),
        Column(
            "places",
            TEXT_LIST,
            _("Where the work happens: neighbourhoods, primary care networks and localities."),
            lambda page: _names(page.places),
        ),
        PRIORITIES,
        TOPICS,
    ),
    rows=lambda: _pages(ProjectPage, "organisations", "places", "priorities", "topics"),
)

RESOURCES = Dataset(
    slug="resources",
    title=_("Resources"),
    description=_("Every published resource: tools, templates, guides and videos."),
    columns=(
        *PAGE_COLUMNS,
        Column(
            "resource_type",
            TEXT,
            _("The type of resource."),
            lambda page: page.get_resource_type_display(),
        ),
        Column("audiences", TEXT_LIST, _("Who it is for."), lambda page: _names(page.audiences)),
        Column(
            "organisation",
            TEXT,
            _("The organisation that published it."),
            lambda page: str(page.organisation or ""),
        ),
        PRIORITIES,
        TOPICS,
    ),
    rows=lambda: _pages(
        ResourcePage, "audiences", "priorities", "topics", related=("organisation",)
    ),
)

EVENTS = Dataset(
    slug="events",
    title=_("Training and events"),
    description=_("Every published training course and event, past and upcoming."),
    columns=(
        *PAGE_COLUMNS,
        Column(
            "event_type", TEXT, _("The type of event."), lambda page: page.get_event_type_display()
        ),
        Column("start", DATE_TIME, _("When it starts."), lambda page: _when(page.start)),
        Column("end", DATE_TIME, _("When it ends (may be empty)."), lambda page: _when(page.end)),
        Column(
            "attendance",
            TEXT,
            _("Online, in person or both."),
            lambda page: page.get_attendance_display(),
        ),
        Column("place", TEXT, _("Venue and town, for in person events."), lambda p: p.place),
        Column("cost", TEXT, _("What it costs to attend."), lambda page: page.cost),
        Column(
            "organiser",
            TEXT,
            _("The organisation running it."),
            lambda page: str(page.organiser or ""),
        ),
        TOPICS,
    ),
    rows=lambda: _pages(EventPage, "topics", related=("organiser",)),
)

COACHES = Dataset(
    slug="coaches",
    title=_("QI coach and mentor directory"),
    description=_(
        "The public part of every published coach and mentor profile. No contact details: "
        "people contact a coach through the hub."
    ),
    columns=(
        Column("name", TEXT, _("The name the coach chose to show."), lambda c: c.display_name),
        Column(
            "url", URL, _("The coach's profile on the hub."), lambda c: absolute_url(c.get_url())
        ),
        Column(
            "organisation",
            TEXT,
            _("The organisation they work for."),
            lambda coach: str(coach.organisation or ""),
        ),
        Column("role", TEXT, _("Their job or role."), lambda coach: coach.role),
        Column("about", TEXT, _("What they wrote about themselves."), lambda coach: coach.bio),
        Column(
            "skills", TEXT_LIST, _("QI skills and methods."), lambda coach: _names(coach.skills)
        ),
        Column(
            "priorities",
            TEXT_LIST,
            _("System priorities they know about."),
            lambda coach: _names(coach.priorities),
        ),
        Column(
            "offers",
            TEXT_LIST,
            _("What they offer (coaching, mentoring, go and see)."),
            lambda coach: _names(coach.offers),
        ),
        Column(
            "languages",
            TEXT_LIST,
            _("Languages they can work in."),
            lambda coach: _names(coach.languages),
        ),
        Column(
            "working_modes",
            TEXT_LIST,
            _("Online, in person or both."),
            lambda coach: _names(coach.working_modes),
        ),
        Column("area", TEXT, _("The area they cover."), lambda coach: coach.area),
        Column(
            "capacity",
            TEXT,
            _("Whether they are taking new requests."),
            lambda coach: coach.get_public_capacity_display(),
        ),
    ),
    rows=lambda: (
        live_profiles()
        .select_related("organisation", "user")
        .prefetch_related("skills", "priorities", "offers", "languages", "working_modes")
        .order_by("display_name", "pk")
    ),
)


# -- Idea statistics -------------------------------------------------------------------------

# What the idea statistics are counted by, besides the month's total ("all").
DIMENSIONS = ("route", "status", "priority", "core20plus5", "involvement")
NOT_STATED = "not_stated"


def _dimension_labels() -> dict[str, dict[str, str]]:
    return {
        "all": {"all": str(_("All ideas"))},
        "route": {**{c.value: str(c.label) for c in Route}, NOT_STATED: str(_("Not yet routed"))},
        "status": {c.value: str(c.label) for c in Status},
        "priority": dict(
            Priority.objects.filter(locale=default_locale()).values_list("slug", "name")
        ),
        "core20plus5": {
            "yes": str(_("Addresses Core20PLUS5")),
            "no": str(_("Does not address Core20PLUS5")),
        },
        "involvement": {
            **{c.value: str(c.label) for c in Involvement},
            NOT_STATED: str(_("Not stated")),
        },
    }


def small_number_threshold() -> int:
    return settings.HUB_OPEN_DATA_SMALL_NUMBER


def _counts(now: datetime) -> dict[tuple[str, str, str], int]:
    """{(month, dimension, category): ideas}, for complete months only (a month still
    going would let two downloads a day apart single out one person's idea)."""
    start_of_month = timezone.localtime(now).replace(
        day=1, hour=0, minute=0, second=0, microsecond=0
    )
    ideas = IdeaSubmission.objects.filter(submitted_at__lt=start_of_month).annotate(
        month=TruncMonth("submitted_at")
    )
    counts: dict[tuple[str, str, str], int] = {}

    def add(rows, dimension):
        for row in rows:
            month = row["month"].strftime("%Y-%m")
            category = row["category"] or NOT_STATED
            key = (month, dimension, category)
            counts[key] = counts.get(key, 0) + row["n"]

    total = ideas.annotate(category=Value("all", output_field=CharField()))
    add(total.values("month", "category").annotate(n=Count("pk")), "all")
    for dimension, field in (
        ("route", "route"),
        ("status", "status"),
        ("involvement", "involvement"),
        ("priority", "priorities__slug"),
    ):
        rows = ideas.annotate(category=F(field))
        if dimension == "priority":
            rows = rows.exclude(priorities=None)
        add(rows.values("month", "category").annotate(n=Count("pk", distinct=True)), dimension)
    core = ideas.annotate(
        category=Case(
            When(IdeaSubmissionQuerySet.core20plus5_q(), then=Value("yes")),
            default=Value("no"),
            output_field=CharField(),
        )
    )
    add(core.values("month", "category").annotate(n=Count("pk")), "core20plus5")
    return counts


def suppress(counts: dict[tuple[str, str, str], int], threshold: int) -> set[tuple]:
    """The cells to hide: every count below ``threshold`` (primary suppression) and, where a
    month's total is shown and a dimension's categories add up to it, the next smallest
    count beside a lone hidden one, which the total would otherwise give away (secondary
    suppression)."""
    hidden = {key for key, n in counts.items() if n < threshold}
    groups: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    for key in counts:
        month, dimension, _category = key
        if dimension not in ("all", "priority"):  # priorities overlap: no sum to undo
            groups[(month, dimension)].append(key)
    for (month, _dimension), keys in groups.items():
        lone = [key for key in keys if key in hidden]
        shown = sorted((key for key in keys if key not in hidden), key=lambda k: counts[k])
        total_shown = (month, "all", "all") not in hidden
        if total_shown and len(lone) == 1 and shown:
            hidden.add(shown[0])
    return hidden


def idea_statistics(now: datetime | None = None) -> list[dict]:
    counts = _counts(now or timezone.now())
    hidden = suppress(counts, small_number_threshold())
    labels = _dimension_labels()
    order = {name: index for index, name in enumerate(("all", *DIMENSIONS))}
    rows = []
    for key in sorted(counts, key=lambda k: (k[0], order[k[1]], k[2])):
        month, dimension, category = key
        rows.append(
            {
                "month": month,
                "dimension": dimension,
                "category": category,
                "label": labels[dimension].get(category, category),
                "count": None if key in hidden else counts[key],
                "suppressed": key in hidden,
            }
        )
    return rows


IDEA_STATISTICS = Dataset(
    slug="idea-statistics",
    title=_("Improvement ideas: statistics"),
    description=_(
        "How many ideas were submitted each month, counted by route, status, system "
        "priority, Core20PLUS5 and service user involvement. Counts only, for complete "
        "months; small numbers are suppressed so no one can be identified."
    ),
    columns=(
        Column("month", MONTH, _("The month the ideas were submitted in."), lambda r: r["month"]),
        Column(
            "dimension",
            TEXT,
            _("What is counted: all, route, status, priority, core20plus5 or involvement."),
            lambda row: row["dimension"],
        ),
        Column(
            "category",
            TEXT,
            _("The code of the category counted (stable across languages)."),
            lambda row: row["category"],
        ),
        Column("label", TEXT, _("The category's name."), lambda row: row["label"]),
        Column(
            "count",
            INTEGER,
            _("How many ideas; empty when suppressed. An idea may have several priorities."),
            lambda row: row["count"],
        ),
        Column(
            "suppressed",
            BOOLEAN,
            _("True when the count is hidden because it is small, or would reveal one that is."),
            lambda row: row["suppressed"],
        ),
    ),
    rows=idea_statistics,
)

DATASETS: dict[str, Dataset] = {
    dataset.slug: dataset
    for dataset in (CASE_STUDIES, PROJECTS, RESOURCES, EVENTS, COACHES, IDEA_STATISTICS)
}
