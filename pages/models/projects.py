"""Projects in progress: an accepted idea worked on in the open, with its aim, stage, team,
PDSA cycles as they happen, live SPC charts of its measures and the team's progress updates.

A project page is made by the huddle (``submissions.huddle.projects``) once the submitter has
consented and a huddle member has approved publication; from then on the section's editors
keep it current through the usual review workflow. When it ends, the huddle turns it into a
draft case study carrying its history. Pages never import the idea domain: the link from the
idea to its project lives on the idea.
"""

import uuid

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import hooks
from wagtail.admin.panels import FieldRowPanel, InlinePanel, ObjectList, TabbedInterface
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index

from hub.listings import FacetSpec, ListingConfig, choice_options, live_pages, place_facets
from hub.models import places_field, topics_field

from ..blocks import PDSACyclesBlock
from ..enums import ProjectStage
from ..listings import ORGANISATION, PRIORITY, TOPIC
from ..panels import MeasureImportPanel
from ..signals import project_update_published
from .case_studies import MeasureBase
from .core import BasePage
from .listing import ListingIndexPage

PROJECT_FACETS = [
    FacetSpec("stage", _("Stage"), "stage", choice_options(ProjectStage)),
    ORGANISATION,
    *place_facets("places"),
    PRIORITY,
    TOPIC,
]


class ProjectIndexPage(ListingIndexPage):
    """/projects/: every live project in progress in the hub, wherever it is published
    (projects sit in their partner's section), filterable like the case studies."""

    template = "pages/project_index_page.html"
    follow_stream = "type:projects"
    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("project index page")

    def listing_config(self, request):
        return ListingConfig(
            queryset=live_pages(ProjectPage),
            facets=PROJECT_FACETS,
            prefetch_related=("organisations", "places"),
            cards_kept=True,  # components/card--project.html
        )


class ProjectPage(BasePage):
    fixed_content = True

    @property
    def follow_stream(self) -> str:
        """What its followers follow (``following``): its progress updates."""
        return f"project:{self.slug}"

    summary = models.TextField(
        _("summary"), help_text=_("Two or three sentences: what the team is trying to improve.")
    )
    aim = models.TextField(
        _("the aim"), help_text=_("What are we trying to accomplish? By how much, by when?")
    )
    stage = models.CharField(
        _("stage"), max_length=20, choices=ProjectStage.choices, default=ProjectStage.PLANNING
    )
    started_on = models.DateField(_("started"), null=True, blank=True)
    team = models.TextField(
        _("the team"),
        blank=True,
        help_text=_(
            "Teams, services and roles taking part, including service users and carers. "
            "No personal contact details."
        ),
    )
    pdsa_cycles = StreamField(
        PDSACyclesBlock(), blank=True, verbose_name=_("changes being tested (PDSA cycles)")
    )
    organisations = ParentalManyToManyField(
        "hub.Organisation",
        blank=True,
        related_name="projects",
        verbose_name=_("organisations involved"),
    )
    priorities = ParentalManyToManyField(
        "hub.Priority", blank=True, related_name="projects", verbose_name=_("priorities")
    )
    places = places_field(
        "projects", help_text=_("The neighbourhoods, PCNs and localities where the work happens.")
    )
    topics = topics_field()

    content_panels = [
        *BasePage.content_panels,
        "summary",
        "aim",
        FieldRowPanel(["stage", "started_on"]),
        "team",
        "pdsa_cycles",
        MeasureImportPanel(heading=_("Measure data from a file")),
        InlinePanel("measures", heading=_("Measures"), label=_("Measure")),
        InlinePanel("updates", heading=_("Progress updates"), label=_("Update")),
    ]
    classification_panels = ["organisations", "places", "priorities", "topics"]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(classification_panels, heading=_("Who and what")),
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
            ObjectList(BasePage.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("aim"),
        index.SearchField("team"),
        index.RelatedFields("organisations", [index.SearchField("name")]),
        index.RelatedFields("priorities", [index.SearchField("name")]),
        index.RelatedFields("places", [index.SearchField("name")]),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.FilterField("stage"),
        index.FilterField("locale_id"),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("summary"),
        APIField("aim"),
        APIField("stage"),
        APIField("started_on"),
        APIField("team"),
        APIField("pdsa_cycles"),
        APIField("measures"),
        APIField("updates"),
        APIField("organisations"),
        APIField("priorities"),
        APIField("places"),
        APIField("topics"),
    ]

    parent_page_types = ["pages.PartnerPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("project in progress")
        verbose_name_plural = _("projects in progress")

    @property
    def teaser(self) -> str:
        return self.listing_summary or self.summary

    @property
    def is_ended(self) -> bool:
        return self.stage == ProjectStage.ENDED

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["measures"] = list(self.measures.all())
        context["updates"] = list(self.updates.order_by("-date", "-sort_order"))
        # Other apps add sections without pages importing them: each function registered
        # for the "project_page_sections" hook returns HTML (or "") for (page, request).
        # The idea domain adds the project's benefits.
        context["extra_sections"] = [
            html for fn in hooks.get_hooks("project_page_sections") if (html := fn(self, request))
        ]
        context["taxonomies"] = self.remembered(
            request,
            "taxonomies",
            lambda: {
                "organisations": list(self.organisations.all()),
                "priorities": list(self.priorities.all()),
                "places": list(self.places.all()),
            },
        )
        return context


class ProjectMeasure(MeasureBase):
    """A project's measure: the same fields, checks and SPC chart as a case study's."""

    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="measures")

    class Meta(MeasureBase.Meta):
        verbose_name = _("measure")
        verbose_name_plural = _("measures")


class ProjectUpdate(TranslatableMixin, Orderable):
    """A dated progress update posted by the team (through the page's review workflow).

    ``key`` stays the same through every revision and translation of the page, so
    :func:`announce_new_updates` tells followers about each update once."""

    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="updates")
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=150)
    body = models.TextField(_("what happened"), max_length=5000)

    panels = [FieldRowPanel(["date", "title"]), "body"]
    api_fields = [APIField("date"), APIField("title"), APIField("body")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")

    def __str__(self):
        return self.title


class AnnouncedProjectUpdate(models.Model):
    """That the update with this key has been announced (``project_update_published``)."""

    key = models.UUIDField(unique=True)
    announced_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("announced project update")
        verbose_name_plural = _("announced project updates")

    def __str__(self):
        return str(self.key)


def announce_new_updates(page: ProjectPage) -> list[ProjectUpdate]:
    """Send ``project_update_published`` for each update of the live ``page`` not announced
    before, once the transaction commits; the updates announced now."""
    updates = list(page.updates.all())
    known = set(
        AnnouncedProjectUpdate.objects.filter(key__in=[u.key for u in updates]).values_list(
            "key", flat=True
        )
    )
    fresh = [update for update in updates if update.key not in known]
    AnnouncedProjectUpdate.objects.bulk_create(
        [AnnouncedProjectUpdate(key=update.key) for update in fresh], ignore_conflicts=True
    )
    for update in fresh:
        transaction.on_commit(
            lambda update=update: project_update_published.send(
                sender=ProjectPage, project=page, update=update
            )
        )
    return fresh
