"""Atom feeds of the same streams people follow by email, in each language
(``/<lang>/follow/feeds/priority:stroke.atom``): Django's syndication framework."""

from datetime import timedelta

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from hub.links import absolute_url

from . import registry
from .emails import hub_name

# How far back a feed looks, and how many entries it shows at most.
FEED_DAYS = 180
FEED_ENTRIES = 30


class StreamFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, stream):
        name = registry.name_of(stream)
        if name is None:
            raise Http404("No such stream")
        return {"stream": stream, "name": name}

    def title(self, obj):
        return _("%(hub)s: %(name)s") % {"hub": hub_name(), "name": obj["name"]}

    def subtitle(self, obj):
        return _("New on %(hub)s about %(name)s") % {"hub": hub_name(), "name": obj["name"]}

    def link(self, obj):
        return absolute_url(reverse("following:subscribe")) + f"?stream={obj['stream']}"

    def feed_url(self, obj):
        return absolute_url(reverse("following:feed", args=[obj["stream"]]))

    def items(self, obj):
        since = timezone.now() - timedelta(days=FEED_DAYS)
        items = registry.for_language(
            registry.items_since(obj["stream"], since),
            get_language() or settings.LANGUAGE_CODE,
            settings.LANGUAGE_CODE,
        )
        return sorted(items, key=lambda item: item.published_at, reverse=True)[:FEED_ENTRIES]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.url

    def item_guid(self, item):
        return f"{item.group}:{item.language}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published_at

    def item_categories(self, item):
        return [item.kind]
