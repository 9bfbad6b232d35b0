"""Wagtail page types: home, standard pages and the partner sections."""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Orderable, Page, PageViewRestriction
from wagtail.search import index

from hub import page_cache, personal_data
from hub.models import HubSettings, Priority, is_private, localized, public, topics_field

from ..blocks import CallsToActionBlock, PartnerPageBodyBlock, StandardPageBodyBlock
from ..serializers import TeaserField


class BasePage(Page):
    """Fields every hub page shares: how it looks in listings, cards and social previews."""

    listing_summary = models.CharField(
        _("listing summary"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences shown on cards and in search results."),
    )
    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("listing image"),
    )

    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel(["listing_summary", "listing_image"], heading=_("Listings and cards")),
    ]
    search_fields = [*Page.search_fields, index.SearchField("listing_summary")]
    # What the v3 API shows of every hub page (pages.api types the hub's own fields).
    api_fields = [
        # As stored (what a token holder writes is what is read back) ...
        APIField("listing_summary"),
        # ... and what the cards show: the listing summary, or the page's own summary.
        APIField("teaser", serializer=TeaserField()),
        APIField(
            "listing_image_thumbnail",
            serializer=ImageRenditionField("fill-600x400", source="listing_image"),
        ),
    ]

    class Meta:
        abstract = True

    # Whether what this page's content block shows at its address is the same for every
    # anonymous visitor, whatever the query string: then it is rendered once and kept with
    # the page cache's parts (``{% fragment "content" %}`` in base.html), and the context it
    # needs should be worked out only when it is rendered (:meth:`later`). Listings, whose
    # content follows their filters, say no.
    fixed_content = False

    def later(self, request, part: str, compute):
        """``compute()`` for the template, only if the template asks for it (a kept content
        block does not), and kept with the parts like :meth:`remembered`."""
        return SimpleLazyObject(lambda: self.remembered(request, part, compute))

    def get_view_restrictions(self):
        """Wagtail asks this before serving every page, in two queries (the page's
        ancestors, then their restrictions). Most pages are in no private section, which
        ``hub.models.is_private`` knows from the page cache's parts: those ask nothing."""
        if not is_private(self):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def remembered(self, request, part: str, compute):
        """``compute()`` for this live page, kept with the page cache's parts until anything
        public changes (``hub.page_cache.remember``); a preview always computes afresh."""
        if getattr(request, "is_preview", False):
            return compute()
        return page_cache.remember((part, self.pk, get_language()), compute)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The address, not the page: a routable page's other views have their own.
        context["content_fragment"] = request.path if self.fixed_content else None
        # The page's topics (components/page-meta.html), looked up with its other parts.
        if hasattr(self, "topics"):
            context["topics"] = self.later(request, "topics", lambda: list(self.topics.all()))
        return context

    @property
    def teaser(self) -> str:
        """The short text shown on cards and in search results."""
        return self.listing_summary or self.search_description

    def get_breadcrumbs(self):
        """Ancestors below the tree root, home page first, for the breadcrumb trail."""
        return page_cache.remember(
            ("breadcrumbs", self.pk),
            lambda: list(self.get_ancestors().filter(depth__gt=1).specific(defer=True)),
        )


class HomePage(BasePage):
    fixed_content = True
    introduction = models.TextField(_("introduction"), blank=True)
    calls_to_action = StreamField(
        CallsToActionBlock(), blank=True, verbose_name=_("calls to action")
    )
    priorities_heading = models.CharField(
        _("priorities heading"), max_length=120, default="Our system priorities"
    )
    priorities_introduction = models.TextField(_("priorities introduction"), blank=True)
    featured_heading = models.CharField(_("featured heading"), max_length=120, default="Featured")

    content_panels = [
        *Page.content_panels,
        "introduction",
        "calls_to_action",
        MultiFieldPanel(
            ["featured_heading", InlinePanel("featured_items", label=_("Featured page"))],
            heading=_("Featured content"),
        ),
        MultiFieldPanel(
            ["priorities_heading", "priorities_introduction"], heading=_("System priorities")
        ),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("introduction")]
    api_fields = [
        *BasePage.api_fields,
        APIField("introduction"),
        APIField("calls_to_action"),
        APIField("priorities_heading"),
        APIField("priorities_introduction"),
        APIField("featured_heading"),
        APIField("featured_items"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "pages.StandardPage",
        "pages.PartnerIndexPage",
        "pages.CaseStudyIndexPage",
        "pages.ProjectIndexPage",
        "pages.ResourceIndexPage",
        "pages.TrainingIndexPage",
        "pages.CollaborativeIndexPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Find the page an address names in one query, not two per level of the tree
        (Wagtail's ``route`` fetches each level's child, then its specific page). The page
        found routes what is left of the address, so a case study's ``adopt/`` still works.
        No page type below the home page routes its children itself, which Wagtail's walk
        would honour and this shortcut would not (``tests/pages/test_routing.py``)."""
        if not path_components:
            return super().route(request, path_components)
        # The page an address names changes only when pages do: kept with the page cache's
        # parts (an address that names nothing is not kept).
        key = ("route", self.pk, tuple(path_components))
        page = page_cache.remember(key, lambda: self._deepest_page(path_components) or None)
        if page is None:
            raise Http404
        return page.route(request, path_components[page.depth - self.depth :])

    def _deepest_page(self, path_components):
        prefixes = [
            self.url_path + "/".join(path_components[:depth]) + "/"
            for depth in range(len(path_components), 0, -1)
        ]
        page = (
            Page.objects.filter(url_path__in=prefixes, path__startswith=self.path)
            .order_by("-depth")
            .first()
        )
        return page.specific if page is not None else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)

        def featured():
            order = list(self.featured_items.values_list("page_id", flat=True))
            pages = public(Page.objects.filter(pk__in=order).live()).specific()
            by_id = {page.pk: page for page in pages}
            return [by_id[pk] for pk in order if pk in by_id]

        context["featured_pages"] = self.remembered(request, "featured", featured)
        context["priorities"] = self.remembered(
            request, "priorities", lambda: list(localized(Priority.objects.all(), self.locale))
        )
        return context


class HomePageFeaturedItem(Orderable):
    home_page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_items")
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )

    panels = [FieldPanel("page")]
    api_fields = [APIField("page")]


class StandardPage(BasePage):
    """About pages, the accessibility statement, the privacy notice and similar."""

    fixed_content = True

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(StandardPageBodyBlock(), blank=True, verbose_name=_("body"))
    topics = topics_field()

    content_panels = [*Page.content_panels, "introduction", "body", "topics"]
    api_fields = [
        *BasePage.api_fields,
        APIField("introduction"),
        APIField("body"),
        APIField("topics"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = ["pages.HomePage", "pages.StandardPage", "pages.PartnerPage"]
    subpage_types = ["pages.StandardPage"]

    class Meta:
        verbose_name = _("standard page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The privacy notice (Settings → Hub settings), in any language, lists every kind of
        # personal data the hub keeps, from the registry: never out of date.
        privacy_page = HubSettings.for_request(request).privacy_page
        if privacy_page is not None and privacy_page.translation_key == self.translation_key:
            context["personal_data_kinds"] = personal_data.registered()
        return context


class PartnerIndexPage(BasePage):
    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, "introduction"]
    api_fields = [*BasePage.api_fields, APIField("introduction")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.PartnerPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("partner index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["partner_pages"] = public(PartnerPage.objects.child_of(self).live()).select_related(
            "organisation"
        )
        return context


class PartnerPage(BasePage):
    """An organisation's own section: its editors create and edit pages beneath it."""

    fixed_content = True

    organisation = models.ForeignKey(
        "hub.Organisation",
        on_delete=models.PROTECT,
        related_name="partner_pages",
        verbose_name=_("organisation"),
    )
    introduction = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link", "ul"]
    )
    body = StreamField(PartnerPageBodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, "organisation", "introduction", "body"]
    api_fields = [
        *BasePage.api_fields,
        APIField("organisation"),
        APIField("introduction"),
        APIField("body"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("introduction"),
        index.FilterField("organisation"),
    ]

    parent_page_types = ["pages.PartnerIndexPage"]
    # Content a partner publishes sits in its own section and also shows in the hub-wide
    # listings (case studies, resources, training).
    subpage_types = [
        "pages.StandardPage",
        "pages.CaseStudyPage",
        "pages.ResourcePage",
        "pages.EventPage",
        "pages.ProjectPage",
    ]

    class Meta:
        verbose_name = _("partner page")

    def clean(self):
        super().clean()
        if not self.organisation_id:
            return
        clash = (
            PartnerPage.objects.filter(organisation=self.organisation, locale=self.locale_id)
            .exclude(pk=self.pk)
            .first()
        )
        if clash:
            raise ValidationError(
                {
                    "organisation": _("%(organisation)s already has a section: “%(title)s”.")
                    % {"organisation": self.organisation, "title": clash.title}
                }
            )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["child_pages"] = public(self.get_children().live()).specific()
        return context
