"""Resources: templates, guides, tools, videos and data sources to download or follow."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from hub.listings import ListingConfig, live_pages
from hub.models import topics_field

from ..blocks import ResourceBodyBlock
from ..enums import ResourceType
from ..listings import RESOURCE_FACETS
from .core import BasePage
from .listing import ListingIndexPage


class ResourceIndexPage(ListingIndexPage):
    """/resources/: every live resource in the hub."""

    template = "pages/resource_index_page.html"
    # The stream people follow by email and Atom feed (the following app's "type:" streams).
    follow_stream = "type:resources"
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.ResourcePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("resource index page")

    def listing_config(self, request):
        return ListingConfig(
            queryset=live_pages(ResourcePage),
            facets=RESOURCE_FACETS,
            select_related=("organisation", "document"),
            cards_kept=True,  # components/card--*.html
        )


class ResourcePage(BasePage):
    fixed_content = True
    summary = models.TextField(_("summary"), help_text=_("What it is and when to use it."))
    resource_type = models.CharField(
        _("type of resource"), max_length=20, choices=ResourceType.choices
    )
    audiences = ParentalManyToManyField(
        "hub.Audience", blank=True, related_name="resources", verbose_name=_("audience")
    )
    organisation = models.ForeignKey(
        "hub.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resources",
        verbose_name=_("published by"),
    )
    priorities = ParentalManyToManyField(
        "hub.Priority", blank=True, related_name="resources", verbose_name=_("priorities")
    )
    topics = topics_field()
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("file"),
    )
    link_url = models.URLField(
        _("link"), blank=True, help_text=_("Where the resource lives, if it is not a file here.")
    )
    body = StreamField(ResourceBodyBlock(), blank=True, verbose_name=_("more detail"))

    content_panels = [
        *BasePage.content_panels,
        "summary",
        FieldRowPanel(["resource_type", "organisation"]),
        MultiFieldPanel(["document", "link_url"], heading=_("The resource: a file or a link")),
        "body",
        "audiences",
        "priorities",
        "topics",
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.FilterField("resource_type"),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.RelatedFields("organisation", [index.SearchField("name")]),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("summary"),
        APIField("resource_type"),
        APIField("audiences"),
        APIField("organisation"),
        APIField("priorities"),
        APIField("topics"),
        APIField("document"),
        APIField("link_url"),
        APIField("body"),
    ]

    parent_page_types = ["pages.ResourceIndexPage", "pages.PartnerPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("resource")

    @property
    def teaser(self) -> str:
        return self.listing_summary or self.summary

    def clean(self):
        super().clean()
        if not self.document_id and not self.link_url:
            raise ValidationError(
                {
                    "document": _("Choose a file or give a link: a resource needs one."),
                    "link_url": _("Give a link or choose a file: a resource needs one."),
                }
            )
