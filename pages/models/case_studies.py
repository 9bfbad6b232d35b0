"""Case studies: what a team tried, how they measured it, what they learned, who adopted it."""

from functools import cached_property

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from hub.abuse import hit_rate_limit, retry_after
from hub.enums import Core20Plus5, InvolvementLevel, PlaceKind
from hub.fields import MultipleChoiceListField
from hub.listings import (
    FacetSpec,
    ListingConfig,
    build_listing,
    choice_options,
    live_pages,
    taxonomy_options,
)
from hub.models import Place, active_locale, places_field, public, topics_field

from .. import measures as measure_parsing
from ..blocks import CaseStudyBodyBlock, PDSACyclesBlock
from ..enums import AdoptionStage, ImprovementDirection, MeasureType, ModerationStatus
from ..forms import AdoptionForm
from ..listings import CASE_STUDY_FACETS
from ..panels import MeasureImportPanel
from ..serializers import AdoptionsField, ChartField, SeriesField, SPCSummaryField
from ..spc import compute_spc
from .core import BasePage
from .listing import ListingIndexPage

SECTION_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class CaseStudyIndexPage(RoutablePageMixin, ListingIndexPage):
    """/case-studies/: every live case study in the hub, wherever it is published."""

    template = "pages/case_study_index_page.html"
    # The stream people follow by email and Atom feed (the following app's "type:" streams).
    follow_stream = "type:case-studies"
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.CaseStudyPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("case study index page")

    def listing_config(self, request):
        return ListingConfig(
            queryset=live_pages(CaseStudyPage),
            facets=CASE_STUDY_FACETS,
            select_related=("main_image",),
            prefetch_related=("organisations",),
            cards_kept=True,  # components/card--*.html
        )

    @path("spread/", name="spread")
    def spread_view(self, request):
        """Spread across the system: a filterable table of where each case study is used."""
        locale = active_locale()
        if locale.pk != self.locale_id:
            locale = self.locale
        listing = build_listing(request, spread_listing(), locale)
        context = {
            **BasePage.get_context(self, request),
            "listing": listing,
            "summary": spread_summary(listing.items.object_list),
            "clear_url": self.url + self.reverse_subpage("spread"),
            "single_case_study": _single(listing.facets, "case_study"),
            "reached_stages": AdoptionStage.reached(),
        }
        return TemplateResponse(request, "pages/spread.html", context)


def _single(facets, param):
    """The one option chosen in a facet, if exactly one is (the spread of one case study)."""
    for facet in facets:
        if facet.param == param and len(facet.selected) == 1:
            return facet.selected[0]
    return None


class CaseStudyPage(RoutablePageMixin, BasePage):
    fixed_content = True
    summary = models.TextField(
        _("summary"), help_text=_("Two or three sentences: what changed, and the result.")
    )
    main_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("main image"),
    )
    main_image_alt = models.CharField(
        _("main image alt text"),
        max_length=250,
        blank=True,
        help_text=_(
            "Describe what the image shows for people who cannot see it. Required with an image."
        ),
    )
    problem = RichTextField(_("the problem"), features=SECTION_FEATURES)
    aim = models.TextField(
        _("the aim"), help_text=_("What were we trying to accomplish? By how much, by when?")
    )
    pdsa_cycles = StreamField(
        PDSACyclesBlock(), blank=True, verbose_name=_("changes tested (PDSA cycles)")
    )
    results = RichTextField(_("results"), blank=True, features=SECTION_FEATURES)
    learning = RichTextField(_("learning"), blank=True, features=SECTION_FEATURES)
    spread = RichTextField(_("spread and sustainability"), blank=True, features=SECTION_FEATURES)
    body = StreamField(CaseStudyBodyBlock(), blank=True, verbose_name=_("more detail"))

    organisations = ParentalManyToManyField(
        "hub.Organisation",
        related_name="case_studies",
        verbose_name=_("organisations involved"),
        help_text=_("Every organisation that took part: cross-boundary work is the point."),
    )
    priorities = ParentalManyToManyField(
        "hub.Priority", blank=True, related_name="case_studies", verbose_name=_("priorities")
    )
    methods = ParentalManyToManyField(
        "hub.QIMethod", blank=True, related_name="case_studies", verbose_name=_("QI methods used")
    )
    places = places_field(
        "case_studies",
        help_text=_("The neighbourhoods, PCNs and localities where the work happened."),
    )
    topics = topics_field()
    involvement_level = models.CharField(
        _("service user and carer involvement"),
        max_length=20,
        choices=InvolvementLevel.choices,
        default=InvolvementLevel.NONE,
    )
    involvement_description = models.TextField(
        _("how service users and carers were involved"), blank=True
    )
    inequalities = MultipleChoiceListField(
        _("inequalities addressed (Core20PLUS5)"), choices_enum=Core20Plus5
    )
    contact_role = models.CharField(
        _("contact role"),
        max_length=150,
        blank=True,
        help_text=_("A role, not a person's email: e.g. “Falls prevention lead”."),
    )
    contact_organisation = models.ForeignKey(
        "hub.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("contact organisation"),
    )

    content_panels = [
        *BasePage.content_panels,
        "summary",
        MultiFieldPanel(["main_image", "main_image_alt"], heading=_("Main image")),
        "problem",
        "aim",
        "pdsa_cycles",
        MeasureImportPanel(heading=_("Measure data from a file")),
        InlinePanel("measures", heading=_("Measures"), label=_("Measure")),
        "results",
        "learning",
        "spread",
        "body",
        InlinePanel("attachments", heading=_("Downloads"), label=_("Document")),
    ]
    classification_panels = [
        "organisations",
        "places",
        "priorities",
        "methods",
        "topics",
        MultiFieldPanel(
            ["involvement_level", "involvement_description"],
            heading=_("Service user and carer involvement"),
        ),
        "inequalities",
        FieldRowPanel(["contact_role", "contact_organisation"], heading=_("Contact")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(classification_panels, heading=_("Who, what and for whom")),
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
            ObjectList(BasePage.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("problem"),
        index.SearchField("aim"),
        index.SearchField("results"),
        index.SearchField("learning"),
        index.RelatedFields("organisations", [index.SearchField("name")]),
        index.RelatedFields("priorities", [index.SearchField("name")]),
        index.RelatedFields("methods", [index.SearchField("name")]),
        index.RelatedFields("places", [index.SearchField("name")]),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.FilterField("locale_id"),
    ]
    # The public story; never the people behind it (contact_role is a role, not a person).
    api_fields = [
        *BasePage.api_fields,
        APIField("summary"),
        APIField("main_image"),
        APIField("main_image_alt"),
        APIField("problem"),
        APIField("aim"),
        APIField("pdsa_cycles"),
        APIField("measures"),
        APIField("results"),
        APIField("learning"),
        APIField("spread"),
        APIField("body"),
        APIField("organisations"),
        APIField("priorities"),
        APIField("methods"),
        APIField("places"),
        APIField("topics"),
        APIField("involvement_level"),
        APIField("involvement_description"),
        APIField("inequalities"),
        APIField("contact_role"),
        APIField("contact_organisation"),
        APIField("attachments"),
        APIField("adoptions", serializer=AdoptionsField(source="*")),
    ]

    parent_page_types = ["pages.CaseStudyIndexPage", "pages.PartnerPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")

    @property
    def teaser(self) -> str:
        return self.listing_summary or self.summary

    def clean(self):
        super().clean()
        if self.main_image_id and not self.main_image_alt.strip():
            raise ValidationError(
                {"main_image_alt": _("Describe the image for people who cannot see it.")}
            )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)

        def spread():
            adoptions = list(self.approved_adoptions())
            return {
                "adoptions": adoptions,
                "organisations": {a.display_organisation for a in adoptions},
                "url": self.spread_url() if adoptions else "",
            }

        spread_part = self.later(request, "spread", spread)
        context["adoptions"] = SimpleLazyObject(lambda: spread_part["adoptions"])
        context["adoption_organisations"] = SimpleLazyObject(lambda: spread_part["organisations"])
        context["spread_url"] = SimpleLazyObject(lambda: spread_part["url"])
        context["measures"] = self.later(request, "measures", lambda: list(self.measures.all()))
        context["taxonomies"] = self.later(
            request,
            "taxonomies",
            lambda: {
                "organisations": list(self.organisations.all()),
                "priorities": list(self.priorities.all()),
                "methods": list(self.methods.all()),
                "places": list(self.places.all()),
            },
        )
        context["inequality_labels"] = self._meta.get_field("inequalities").labels(
            self.inequalities
        )
        return context

    def approved_adoptions(self):
        return (
            self.adoptions.filter(status=ModerationStatus.APPROVED)
            .select_related("organisation__place", "place")
            .order_by("organisation__name", "organisation_name")
        )

    def spread_url(self) -> str:
        """The spread view of this case study: the system's, filtered to it."""
        index = CaseStudyIndexPage.objects.live().filter(locale=self.locale_id).first()
        if index is None:
            return ""
        return f"{index.url}{index.reverse_subpage('spread')}?case_study={self.slug}"

    @path("spread/", name="spread")
    def spread_redirect(self, request):
        url = self.spread_url()
        if not url:
            raise Http404
        return redirect(url)

    @path("adopt/", name="adopt")
    def adopt(self, request):
        """ "We are adopting this": register a team's adoption for hub editors to check."""
        rate_limited = None
        if request.method == "POST":
            form = AdoptionForm(request.POST, locale=self.locale)
            limit = hit_rate_limit(request, "adoption", settings.HUB_PUBLIC_FORM_RATE_LIMIT)
            if limit:
                rate_limited = limit
            elif form.is_valid():
                if not form.honeypot_filled():
                    form.save_for(self)
                return redirect(self.url + self.reverse_subpage("adopt_thanks"))
        else:
            form = AdoptionForm(locale=self.locale)
        response = TemplateResponse(
            request,
            "pages/case_study_adopt.html",
            {**self.get_context(request), "form": form, "rate_limited": bool(rate_limited)},
            status=429 if rate_limited else 200,
        )
        if rate_limited:
            retry_after(response, rate_limited.retry_after)
        return response

    @path("adopt/thanks/", name="adopt_thanks")
    def adopt_thanks(self, request):
        return TemplateResponse(
            request, "pages/case_study_adopt_thanks.html", self.get_context(request)
        )


class MeasureBase(TranslatableMixin, Orderable):
    """One measure with its data series; the chart and its statistics come from pages.spc.

    Translatable (wagtail-localize translates a page's child objects only when they are):
    a translation of the page has its own measures, with the name, unit, definition and
    annotation labels in its language and the numbers synchronised from the source.
    Concrete measures add the ``page`` they belong to."""

    name = models.CharField(_("name"), max_length=150)
    measure_type = models.CharField(
        _("type"), max_length=20, choices=MeasureType.choices, default=MeasureType.OUTCOME
    )
    unit = models.CharField(
        _("unit"), max_length=60, blank=True, help_text=_("e.g. “falls per 1,000 bed days”, “%”.")
    )
    direction = models.CharField(
        _("improvement is"),
        max_length=10,
        choices=ImprovementDirection.choices,
        default=ImprovementDirection.UP,
    )
    target = models.FloatField(_("target"), null=True, blank=True)
    description = models.TextField(_("how it is defined"), blank=True)
    data = models.TextField(
        _("data"),
        help_text=_(
            "One date and value per line, e.g. “2025-04-01, 6.2”. Paste two columns from a "
            "spreadsheet. Dates as 2025-04-01, 01/04/2025 or a month such as 2025-04."
        ),
    )
    change_points = models.TextField(
        _("change points"),
        blank=True,
        help_text=_(
            "Dates from which the process changed (a new mean and limits), one per line. "
            "Use only for a sustained, explained change."
        ),
    )
    annotations = models.TextField(
        _("annotations"),
        blank=True,
        help_text=_("Events to mark on the chart, one per line: “2025-05-01, PDSA 2 started”."),
    )

    # The numbers are data, not text: translators get the name, unit and labels only.
    override_translatable_fields = [
        SynchronizedField("data"),
        SynchronizedField("change_points"),
        SynchronizedField("target"),
    ]

    api_fields = [
        APIField("name"),
        APIField("measure_type"),
        APIField("unit"),
        APIField("direction"),
        APIField("target"),
        APIField("description"),
        APIField("series", serializer=SeriesField()),
        APIField("spc", serializer=SPCSummaryField(source="*")),
        APIField("chart", serializer=ChartField(source="*")),
    ]

    panels = [
        FieldRowPanel(["name", "measure_type"]),
        FieldRowPanel(["unit", "direction", "target"]),
        "description",
        "data",
        FieldRowPanel(["change_points", "annotations"]),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        abstract = True
        verbose_name = _("measure")
        verbose_name_plural = _("measures")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        errors = {}
        for field, parser in (
            ("data", measure_parsing.parse_series),
            ("change_points", measure_parsing.parse_dates),
            ("annotations", measure_parsing.parse_annotations),
        ):
            try:
                parser(getattr(self, field))
            except ValidationError as error:
                errors[field] = error.messages
        if not errors and not measure_parsing.parse_series(self.data):
            errors["data"] = [_("Enter at least one date and value.")]
        if errors:
            raise ValidationError(errors)

    @property
    def improvement_direction(self) -> str:
        """Which way is better, as the chart reads it."""
        return self.direction

    @cached_property
    def series(self):
        return measure_parsing.parse_series(self.data)

    @cached_property
    def spc(self):
        return compute_spc(
            self.series,
            direction=self.improvement_direction,
            target=self.target,
            change_points=measure_parsing.parse_dates(self.change_points),
            annotations=measure_parsing.parse_annotations(self.annotations),
            unit=self.unit,
        )


class CaseStudyMeasure(MeasureBase):
    """A case study's measure."""

    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="measures")

    class Meta(MeasureBase.Meta):
        verbose_name = _("measure")
        verbose_name_plural = _("measures")


class CaseStudyAttachment(Orderable):
    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("document"),
    )
    title = models.CharField(
        _("link text"), max_length=200, blank=True, help_text=_("Defaults to the document's title.")
    )

    panels = ["document", "title"]
    api_fields = [APIField("document"), APIField("title")]

    @property
    def link_text(self):
        return self.title or self.document.title


class Adoption(models.Model):
    """A team registering that it is adopting or adapting a case study (the spread register).

    Counted on the case study only once a hub editor has approved it. The contact details
    are private: seen by hub editors only, never published.
    """

    case_study = models.ForeignKey(
        CaseStudyPage,
        on_delete=models.CASCADE,
        related_name="adoptions",
        verbose_name=_("case study"),
    )
    organisation = models.ForeignKey(
        "hub.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="adoptions",
        verbose_name=_("organisation"),
    )
    organisation_name = models.CharField(_("other organisation"), max_length=200, blank=True)
    # Spread is recorded per organisation, per place, or both: the place where the work is
    # being taken up (a neighbourhood, PCN, locality partnership or locality).
    place = models.ForeignKey(
        "hub.Place",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="adoptions",
        verbose_name=_("place"),
    )
    team = models.CharField(_("team or service"), max_length=200)
    stage = models.CharField(_("stage"), max_length=20, choices=AdoptionStage.choices)
    contact_name = models.CharField(_("contact name"), max_length=150)
    contact_email = models.EmailField(_("contact email"))
    notes = models.TextField(_("what you are changing or adapting"), blank=True, max_length=2000)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ModerationStatus.choices,
        default=ModerationStatus.PENDING,
        db_index=True,
    )
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)

    class Meta:
        verbose_name = _("adoption")
        verbose_name_plural = _("spread register")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.display_organisation}: {self.team}"

    def save(self, *args, **kwargs):
        if self.status != ModerationStatus.PENDING and self.reviewed_at is None:
            self.reviewed_at = timezone.now()
        super().save(*args, **kwargs)

    @property
    def display_organisation(self) -> str:
        return self.organisation.name if self.organisation_id else self.organisation_name

    @property
    def where(self):
        """The place this spread is in: its own, or its organisation's."""
        if self.place_id:
            return self.place
        return self.organisation.place if self.organisation_id else None


# Spread across places ------------------------------------------------------------------------
# Which teams and places are aware of, interested in, trying, adopting or adapting each case
# study (the approved entries of the spread register), as one listing through the shared
# engine (hub.listings), so its filters work without JavaScript like every other listing:
# by case study, stage, kind of place and place. An entry's place is its own, or else its
# organisation's (``Adoption.where``); both are annotated so each filter reads one column.


def _case_study_options(locale):
    pages = public(CaseStudyPage.objects.live()).filter(locale=locale)
    return list(pages.order_by("title").values_list("slug", "title"))


SPREAD_FACETS = [
    FacetSpec("case_study", _("Case study"), "case_study__slug", _case_study_options),
    FacetSpec("stage", _("Stage"), "stage", choice_options(AdoptionStage)),
    FacetSpec("place_kind", _("Kind of place"), "where_kind", choice_options(PlaceKind)),
    FacetSpec("place", _("Place"), "where_slug", taxonomy_options(Place)),
]


def approved_spread(locale=None):
    """Approved entries on live, public case studies (in every language: a team adopting
    the Polish page adopts the same work), with the place each is in."""
    case_studies = public(CaseStudyPage.objects.live())
    return Adoption.objects.filter(
        status=ModerationStatus.APPROVED, case_study__in=case_studies
    ).annotate(
        where_kind=Coalesce(F("place__kind"), F("organisation__place__kind")),
        where_slug=Coalesce(F("place__slug"), F("organisation__place__slug")),
    )


def spread_listing() -> ListingConfig:
    return ListingConfig(
        queryset=approved_spread,
        facets=SPREAD_FACETS,
        ordering=("case_study__title", "where_slug", "organisation__name", "team", "pk"),
        select_related=("case_study", "organisation__place", "place"),
        per_page=50,
    )


def spread_summary(adoptions) -> dict:
    """How far a set of entries has got: the places (or organisations without one) that
    have adopted or adapted it, and those still on the way."""
    reached, on_the_way = set(), set()
    for adoption in adoptions:
        where = adoption.where
        key = ("place", where.translation_key) if where else ("org", adoption.display_organisation)
        (reached if adoption.stage in AdoptionStage.reached() else on_the_way).add(key)
    return {"reached": len(reached), "on_the_way": len(on_the_way - reached)}
