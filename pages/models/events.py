"""Training and events: courses, learning events, open huddles and "go and see" visits."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from hub.listings import ListingConfig, live_pages
from hub.models import places_field, topics_field

from ..blocks import EventBodyBlock
from ..enums import AttendanceMode, EventType
from ..listings import EVENT_FACETS, event_dates_filter
from .core import BasePage
from .listing import ListingIndexPage


class TrainingIndexPage(ListingIndexPage):
    """/training/: upcoming training and events; past ones stay reachable under ?when=past."""

    template = "pages/training_index_page.html"
    # The stream people follow by email and Atom feed (the following app's "type:" streams).
    follow_stream = "type:events"
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("training index page")

    def listing_config(self, request):
        past = request.GET.get("when") == "past"
        return ListingConfig(
            queryset=live_pages(EventPage),
            facets=EVENT_FACETS,
            ordering=("-start",) if past else ("start",),
            select_related=("organiser",),
            extra_filter=event_dates_filter,
            query_params=("when", "from", "to"),
            cards_kept=True,  # components/card--*.html
        )


# The Wagtail hook through which the app that takes bookings (``bookings``, above pages in
# the layers) tells an event page what to show: a function (page, request) returning the
# booking details for the template (``booking``), or None. Pages never import that app.
EVENT_BOOKING_HOOK = "hub_event_booking"


class EventPage(BasePage):
    fixed_content = True
    summary = models.TextField(_("summary"), help_text=_("Who it is for and what they will gain."))
    event_type = models.CharField(_("type of event"), max_length=20, choices=EventType.choices)
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"), null=True, blank=True)
    # The last day the event runs, kept for listings ("upcoming" and date ranges).
    end_date = models.DateField(editable=False, db_index=True)
    attendance = models.CharField(
        _("online or in person"), max_length=20, choices=AttendanceMode.choices
    )
    place = models.CharField(
        _("place"), max_length=250, blank=True, help_text=_("Venue and town, for in person events.")
    )
    cost = models.CharField(_("cost"), max_length=100, default="Free")
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    booking_url = models.URLField(
        _("booking link"),
        blank=True,
        help_text=_("Leave empty to let people register their interest through the hub."),
    )
    takes_bookings = models.BooleanField(
        _("take bookings through the hub"),
        default=False,
        help_text=_(
            "People book a place on the hub (with a waiting list once the places are "
            "taken), and you see the list of attendees in the admin."
        ),
    )
    asks_access_needs = models.BooleanField(
        _("ask about access needs"),
        default=True,
        help_text=_("Ask people booking whether they need anything to take part."),
    )
    asks_dietary_needs = models.BooleanField(
        _("ask about dietary needs"),
        default=False,
        help_text=_("Only when food is served."),
    )
    organiser = models.ForeignKey(
        "hub.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        verbose_name=_("organiser"),
    )
    places = places_field(
        "events",
        verbose_name=_("places it is for"),
        help_text=_("The neighbourhoods, PCNs or localities the event is for, if it is local."),
    )
    topics = topics_field()
    body = StreamField(EventBodyBlock(), blank=True, verbose_name=_("more detail"))

    content_panels = [
        *BasePage.content_panels,
        "summary",
        FieldRowPanel(["event_type", "organiser"]),
        FieldRowPanel(["start", "end"], heading=_("When")),
        MultiFieldPanel(["attendance", "place", "places"], heading=_("Where")),
        FieldRowPanel(["cost", "capacity"]),
        MultiFieldPanel(
            ["booking_url", "takes_bookings", "asks_access_needs", "asks_dietary_needs"],
            heading=_("Booking"),
        ),
        "body",
        "topics",
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("place"),
        index.FilterField("start"),
        index.FilterField("event_type"),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.RelatedFields("places", [index.SearchField("name")]),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("summary"),
        APIField("event_type"),
        APIField("start"),
        APIField("end"),
        APIField("attendance"),
        APIField("place"),
        APIField("cost"),
        APIField("capacity"),
        APIField("booking_url"),
        APIField("takes_bookings"),
        APIField("organiser"),
        APIField("places"),
        APIField("topics"),
        APIField("body"),
    ]

    parent_page_types = ["pages.TrainingIndexPage", "pages.PartnerPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")

    @property
    def teaser(self) -> str:
        return self.listing_summary or self.summary

    @property
    def is_past(self) -> bool:
        return self.end_date < timezone.localdate()

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The end must be after the start.")
        if self.attendance in (AttendanceMode.IN_PERSON, AttendanceMode.HYBRID) and not self.place:
            errors["place"] = _("Say where the event takes place.")
        if self.takes_bookings and self.booking_url:
            errors["booking_url"] = _(
                "Either take bookings through the hub or give a booking link, not both."
            )
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["booking"] = None
        if self.takes_bookings:
            for describe in hooks.get_hooks(EVENT_BOOKING_HOOK):
                context["booking"] = describe(self, request)
        return context

    def save(self, *args, **kwargs):
        if self.start:
            self.end_date = timezone.localdate(self.end or self.start)
        super().save(*args, **kwargs)
