"""Collaboratives (the IHI Breakthrough Series): teams from several partner organisations
working on one topic to one aim, learning together at learning sessions and testing changes
in the action periods between them, every team measuring the same common measures.

A collaborative's teams are its child pages (``CollaborativeTeamPage``), each belonging to
one partner organisation whose editors may edit it (``hub.access.ensure_team_access``) and
submit it for the hub's review. The collaborative names its common measures
(``CollaborativeMeasure``); a team's measure links to one, and the shared view
(``results/``) draws every team's chart of a common measure on one scale, with a count of
the teams showing special cause improvement or concern.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldRowPanel, InlinePanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from hub.listings import ListingConfig, build_listing, place_facets
from hub.models import active_locale, default_locale, places_field, public, topics_field

from ..blocks import ChangePackageBlock, FacultyBlock, PDSACyclesBlock
from ..charts import ChartScale, shared_scale
from ..enums import ImprovementDirection, MeasureType, SessionKind
from ..panels import MeasureImportPanel
from ..spc import Signal, SPCResult
from .case_studies import SECTION_FEATURES, MeasureBase
from .core import BasePage

# The filters of a collaborative's list of teams: by place (each team names its partner).
TEAM_FACETS = place_facets("places")


class CollaborativeIndexPage(BasePage):
    """/collaboratives/: the hub's improvement collaboratives."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, "introduction"]
    api_fields = [*BasePage.api_fields, APIField("introduction")]
    search_fields = [*BasePage.search_fields, index.SearchField("introduction")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.CollaborativePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("collaborative index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["collaboratives"] = public(
            CollaborativePage.objects.child_of(self).live()
        ).order_by("-first_published_at")
        return context


class CollaborativePage(RoutablePageMixin, BasePage):
    # Not fixed: its team list follows the visitor's place filters (the query string).
    fixed_content = False
    summary = models.TextField(
        _("summary"), help_text=_("Two or three sentences: the topic, who takes part, by when.")
    )
    aim = models.TextField(
        _("the aim"),
        help_text=_("What the teams are trying to accomplish together: by how much, by when?"),
    )
    change_package = StreamField(
        ChangePackageBlock(),
        blank=True,
        verbose_name=_("change package"),
        help_text=_("The changes teams test, each under the driver it acts on."),
    )
    faculty = StreamField(
        FacultyBlock(),
        blank=True,
        verbose_name=_("faculty"),
        help_text=_("Only people who have agreed to be named in public."),
    )
    body = RichTextField(_("more detail"), blank=True, features=SECTION_FEATURES)
    priorities = ParentalManyToManyField(
        "hub.Priority", blank=True, related_name="collaboratives", verbose_name=_("priorities")
    )
    topics = topics_field()

    content_panels = [
        *BasePage.content_panels,
        "summary",
        "aim",
        "change_package",
        InlinePanel("common_measures", heading=_("Common measures"), label=_("Common measure")),
        InlinePanel("sessions", heading=_("Timeline"), label=_("Learning session or period")),
        "faculty",
        "body",
        "priorities",
        "topics",
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("aim"),
        index.SearchField("body"),
        index.RelatedFields("priorities", [index.SearchField("name")]),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.FilterField("locale_id"),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("summary"),
        APIField("aim"),
        APIField("change_package"),
        APIField("faculty"),
        APIField("body"),
        APIField("common_measures"),
        APIField("sessions"),
        APIField("priorities"),
        APIField("topics"),
    ]

    parent_page_types = ["pages.CollaborativeIndexPage"]
    subpage_types = ["pages.CollaborativeTeamPage"]

    class Meta:
        verbose_name = _("collaborative")
        verbose_name_plural = _("collaboratives")

    @property
    def teaser(self) -> str:
        return self.listing_summary or self.summary

    @property
    def follow_stream(self) -> str:
        """What its followers follow (``following``): the collaborative and its teams' pages,
        named by its slug in the default language, so every translation shares one."""
        original = (
            CollaborativePage.objects.filter(
                translation_key=self.translation_key, locale=default_locale()
            )
            .only("slug")
            .first()
        )
        return f"collaborative:{(original or self).slug}"

    def teams(self):
        return (
            public(CollaborativeTeamPage.objects.child_of(self).live())
            .select_related("organisation")
            .order_by("title")
        )

    def results(self, teams=None, common=None) -> list["CommonMeasureResults"]:
        """Every common measure with each live team's chart of it, on one scale (``teams``
        and ``common`` measures when the caller has read them already)."""
        teams = list(self.teams()) if teams is None else teams
        common = list(self.common_measures.all()) if common is None else common
        measures = CollaborativeTeamMeasure.objects.filter(
            page__in=teams, common_measure__isnull=False
        ).select_related("common_measure")
        # Matched by translation key: a translated team may still point at the common
        # measure in the language it was written in.
        by_key: dict[tuple, CollaborativeTeamMeasure] = {}
        for measure in measures:
            by_key.setdefault((measure.page_id, measure.common_measure.translation_key), measure)
        results = []
        for common_measure in common:
            rows = [
                TeamResult(team, by_key.get((team.pk, common_measure.translation_key)))
                for team in teams
            ]
            results.append(CommonMeasureResults(common_measure, rows))
        return results

    def team_listing(self) -> ListingConfig:
        """The collaborative's teams, filterable by place (one listing engine for every
        list of pages: ``hub.listings``)."""
        return ListingConfig(
            queryset=lambda locale: self.teams(),
            facets=TEAM_FACETS,
            ordering=("title", "pk"),
            select_related=("organisation",),
            prefetch_related=("places",),
            per_page=None,
            cache_key=(self.pk,),
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        locale = active_locale()
        if locale.pk != self.locale_id:
            locale = self.locale
        listing = build_listing(request, self.team_listing(), locale)
        context["team_listing"] = listing
        context["sessions"] = list(self.sessions.select_related("event"))
        context["common_measures"] = list(self.common_measures.all())
        context["priorities"] = list(self.priorities.all())
        # The shared results are of every team, whatever the list shows.
        context["results"] = self.results(
            teams=None if listing.filtered else list(listing.items),
            common=context["common_measures"],
        )
        return context

    @path("results/", name="results")
    def shared_view(self, request):
        """Every team's chart of each common measure, side by side on one scale."""
        return TemplateResponse(
            request, "pages/collaborative_results.html", self.get_context(request)
        )


class CollaborativeMeasure(TranslatableMixin, Orderable):
    """A measure every team of the collaborative collects, defined once."""

    page = ParentalKey(CollaborativePage, on_delete=models.CASCADE, related_name="common_measures")
    name = models.CharField(_("name"), max_length=150)
    measure_type = models.CharField(
        _("type"), max_length=20, choices=MeasureType.choices, default=MeasureType.OUTCOME
    )
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    direction = models.CharField(
        _("improvement is"),
        max_length=10,
        choices=ImprovementDirection.choices,
        default=ImprovementDirection.UP,
    )
    description = models.TextField(_("how it is defined"), blank=True)

    panels = [
        FieldRowPanel(["name", "measure_type"]),
        FieldRowPanel(["unit", "direction"]),
        "description",
    ]
    api_fields = [
        APIField("name"),
        APIField("measure_type"),
        APIField("unit"),
        APIField("direction"),
        APIField("description"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("common measure")
        verbose_name_plural = _("common measures")

    def __str__(self):
        return f"{self.page.title}: {self.name}" if self.page_id else self.name


class CollaborativeSession(TranslatableMixin, Orderable):
    """A learning session, action period or summit on the collaborative's timeline."""

    page = ParentalKey(CollaborativePage, on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField(_("kind"), max_length=20, choices=SessionKind.choices)
    title = models.CharField(_("title"), max_length=150)
    start = models.DateField(_("starts"))
    end = models.DateField(_("ends"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    event = models.ForeignKey(
        "pages.EventPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("event"),
        help_text=_("The event page where people book a place, for a learning session."),
    )

    # The linked event is the same page in every language (shown in the visitor's).
    override_translatable_fields = [SynchronizedField("event")]
    panels = [
        FieldRowPanel(["kind", "title"]),
        FieldRowPanel(["start", "end"]),
        "description",
        "event",
    ]
    api_fields = [
        APIField("kind"),
        APIField("title"),
        APIField("start"),
        APIField("end"),
        APIField("description"),
        APIField("event"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("learning session or period")
        verbose_name_plural = _("timeline")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end must be after the start.")})


class CollaborativeTeamPage(BasePage):
    """A team enrolled in a collaborative, from one partner organisation, whose editors keep
    it up to date (hub.access grants them this page)."""

    fixed_content = True

    organisation = models.ForeignKey(
        "hub.Organisation",
        on_delete=models.PROTECT,
        related_name="collaborative_teams",
        verbose_name=_("organisation"),
        help_text=_("The partner the team belongs to: its editors may update this page."),
    )
    summary = models.TextField(_("summary"), help_text=_("The team and its service, briefly."))
    aim = models.TextField(
        _("the team's aim"), help_text=_("What this team is trying to accomplish, by when.")
    )
    pdsa_cycles = StreamField(
        PDSACyclesBlock(), blank=True, verbose_name=_("changes tested (PDSA cycles)")
    )
    learning = RichTextField(_("learning"), blank=True, features=SECTION_FEATURES)
    places = places_field(
        "collaborative_teams",
        help_text=_("The neighbourhoods, PCNs and localities the team works in."),
    )

    content_panels = [
        *BasePage.content_panels,
        "organisation",
        "places",
        "summary",
        "aim",
        "pdsa_cycles",
        MeasureImportPanel(heading=_("Measure data from a file")),
        InlinePanel("measures", heading=_("Measures"), label=_("Measure")),
        "learning",
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("aim"),
        index.SearchField("learning"),
        index.RelatedFields("organisation", [index.SearchField("name")]),
        index.RelatedFields("places", [index.SearchField("name")]),
        index.FilterField("organisation"),
        index.FilterField("locale_id"),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("organisation"),
        APIField("summary"),
        APIField("aim"),
        APIField("pdsa_cycles"),
        APIField("measures"),
        APIField("learning"),
        APIField("places"),
    ]

    parent_page_types = ["pages.CollaborativePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("collaborative team")
        verbose_name_plural = _("collaborative teams")

    @property
    def follow_stream(self) -> str | None:
        """A team's page is followed with its collaborative's."""
        collaborative = CollaborativePage.objects.filter(pk=self.get_parent().pk).first()
        return collaborative.follow_stream if collaborative else None

    @property
    def teaser(self) -> str:
        return self.listing_summary or self.summary

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["measures"] = list(self.measures.select_related("common_measure"))
        context["collaborative"] = self.get_parent().specific_deferred
        context["places"] = list(self.places.all())
        return context


class CollaborativeTeamMeasure(MeasureBase):
    """A team's measure; linked to a common measure, it joins the collaborative's shared view
    and is read in the common measure's direction."""

    page = ParentalKey(CollaborativeTeamPage, on_delete=models.CASCADE, related_name="measures")
    common_measure = models.ForeignKey(
        CollaborativeMeasure,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="team_measures",
        verbose_name=_("common measure"),
        help_text=_("The collaborative's measure this is the team's data for, if any."),
    )

    override_translatable_fields = [
        *MeasureBase.override_translatable_fields,
        SynchronizedField("common_measure"),
    ]
    panels = ["common_measure", *MeasureBase.panels]
    api_fields = [*MeasureBase.api_fields, APIField("common_measure")]

    class Meta(MeasureBase.Meta):
        verbose_name = _("team measure")
        verbose_name_plural = _("team measures")

    @property
    def improvement_direction(self) -> str:
        if self.common_measure_id:
            return self.common_measure.direction
        return self.direction

    def clean(self):
        super().clean()
        if not self.common_measure_id:
            return
        parent = self.page.get_parent() if self.page_id and self.page.path else None
        if parent is not None and self.common_measure.page.translation_key != (
            parent.translation_key
        ):
            raise ValidationError(
                {"common_measure": _("Choose one of this team's collaborative's measures.")}
            )
        if self.direction != self.common_measure.direction:
            raise ValidationError(
                {
                    "direction": _("The common measure says: %(direction)s.")
                    % {"direction": self.common_measure.get_direction_display()}
                }
            )


@dataclass
class TeamResult:
    team: CollaborativeTeamPage
    measure: CollaborativeTeamMeasure | None

    @property
    def chart_id(self) -> str:
        return f"team-{self.team.pk}-measure-{self.measure.pk}" if self.measure else ""

    @property
    def spc(self) -> SPCResult | None:
        return self.measure.spc if self.measure is not None else None

    @property
    def signal(self) -> str:
        """What the team's latest point says: improvement, concern, neither, common cause or
        no data (Making Data Count reads the variation icon from the latest point)."""
        result = self.spc
        if result is None or not result.points:
            return "no_data"
        variation = result.variation
        if variation is None or variation.signal is None:
            return "common_cause"
        return str(variation.signal)


@dataclass
class CommonMeasureResults:
    """One common measure across the teams: their results, the shared scale and the count."""

    common_measure: CollaborativeMeasure
    teams: list[TeamResult]
    scale: ChartScale | None = field(init=False)

    def __post_init__(self):
        self.scale = shared_scale(row.spc for row in self.teams if row.spc is not None)

    @property
    def counts(self) -> Counter:
        return Counter(row.signal for row in self.teams)

    @property
    def improving(self) -> int:
        return self.counts[str(Signal.IMPROVEMENT)]

    @property
    def concern(self) -> int:
        return self.counts[str(Signal.CONCERN)]

    @property
    def neither(self) -> int:
        return self.counts[str(Signal.NEITHER)]

    @property
    def common_cause(self) -> int:
        return self.counts["common_cause"]

    @property
    def no_data(self) -> int:
        return self.counts["no_data"]

    @property
    def latest(self) -> date | None:
        dates = [row.spc.latest.date for row in self.teams if row.spc and row.spc.points]
        return max(dates) if dates else None
