from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.api import APIField
from wagtail.models import Page

from hub.listings import build_listing
from hub.models import active_locale

from .core import BasePage


class ListingIndexPage(BasePage):
    """An index page listing every live page of one type across the hub, with filters.

    Items are found wherever they are published (centrally beneath the index, or in a
    partner's section), in the page's language.
    """

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, "introduction"]
    api_fields = [*BasePage.api_fields, APIField("introduction")]

    class Meta:
        abstract = True

    def listing_config(self, request):
        raise NotImplementedError

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        locale = active_locale()
        if locale.pk != self.locale_id:
            locale = self.locale
        context["listing"] = build_listing(request, self.listing_config(request), locale)
        return context
