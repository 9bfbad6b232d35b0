"""Case studies: what a team tried, how they measured it, what they learned, who adopted it."""

from functools import cached_property

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
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
from hub.enums import Core20Plus5, InvolvementLevel
from hub.fields import MultipleChoiceListField
from hub.listings import ListingConfig, live_pages
from hub.models import topics_field

from .. import measures as measure_parsing
from ..blocks import CaseStudyBodyBlock, PDSACyclesBlock
from ..enums import AdoptionStage, ImprovementDirection, MeasureType, ModerationStatus
from ..forms import AdoptionForm
from ..listings import CASE_STUDY_FACETS
from ..serializers import AdoptionsField, ChartField, SeriesField, SPCSummaryField
from ..spc import compute_spc
from .core import BasePage
from .listing import ListingIndexPage

SECTION_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class CaseStudyIndexPage(ListingIndexPage):
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
        )


class CaseStudyPage(RoutablePageMixin, BasePage):
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
        InlinePanel("measures", heading=_("Measures"), label=_("Measure")),
        "results",
        "learning",
        "spread",
        "body",
        InlinePanel("attachments", heading=_("Downloads"), label=_("Document")),
    ]
    classification_panels = [
        "organisations",
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
        adoptions = list(self.approved_adoptions())
        context["adoptions"] = adoptions
        context["adoption_organisations"] = {a.display_organisation for a in adoptions}
        context["measures"] = list(self.measures.all())
        context["taxonomies"] = self.remembered(
            request,
            "taxonomies",
            lambda: {
                "organisations": list(self.organisations.all()),
                "priorities": list(self.priorities.all()),
                "methods": list(self.methods.all()),
            },
        )
        context["inequality_labels"] = self._meta.get_field("inequalities").labels(
            self.inequalities
        )
        return context

    def approved_adoptions(self):
        return (
            self.adoptions.filter(status=ModerationStatus.APPROVED)
            .select_related("organisation")
            .order_by("organisation__name", "organisation_name")
        )

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


class CaseStudyMeasure(TranslatableMixin, Orderable):
    """One measure with its data series; the chart and its statistics come from pages.spc.

    Translatable (wagtail-localize translates a page's child objects only when they are):
    a translation of the case study has its own measures, with the name, unit, definition
    and annotation labels in its language and the numbers synchronised from the source."""

    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="measures")
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

    @cached_property
    def series(self):
        return measure_parsing.parse_series(self.data)

    @cached_property
    def spc(self):
        return compute_spc(
            self.series,
            direction=self.direction,
            target=self.target,
            change_points=measure_parsing.parse_dates(self.change_points),
            annotations=measure_parsing.parse_annotations(self.annotations),
            unit=self.unit,
        )


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
