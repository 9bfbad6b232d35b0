from django.utils import timezone

import factory
from factory.django import DjangoModelFactory

from upkeep.enums import LinkStatus
from upkeep.models import Link, PageUpkeep, ProfileUpkeep


class PageUpkeepFactory(DjangoModelFactory):
    class Meta:
        model = PageUpkeep
        django_get_or_create = ("page",)


class ProfileUpkeepFactory(DjangoModelFactory):
    class Meta:
        model = ProfileUpkeep
        django_get_or_create = ("profile",)


class LinkFactory(DjangoModelFactory):
    class Meta:
        model = Link

    url = factory.Sequence(lambda n: f"https://example.org/page-{n}")
    text = "A link"
    status = LinkStatus.OK
    status_code = 200
    checked_at = factory.LazyFunction(timezone.now)
