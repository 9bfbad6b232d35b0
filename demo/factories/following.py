from django.utils import timezone

import factory
from factory.django import DjangoModelFactory

from following.enums import Frequency
from following.models import Newsletter, NewsletterItem, Subscription


class SubscriptionFactory(DjangoModelFactory):
    """A confirmed subscription to everything new of one kind; ``confirmed_at=None`` for one
    still waiting for its confirmation."""

    class Meta:
        model = Subscription

    email = factory.Sequence(lambda n: f"follower{n}@example.org")
    stream = "type:case-studies"
    frequency = Frequency.IMMEDIATE
    language = "en"
    confirmed_at = factory.LazyFunction(timezone.now)


class NewsletterFactory(DjangoModelFactory):
    class Meta:
        model = Newsletter

    subject = factory.Sequence(lambda n: f"Improvement news {n}")
    introduction = "What our partners have been testing this month."


class NewsletterItemFactory(DjangoModelFactory):
    class Meta:
        model = NewsletterItem

    newsletter = factory.SubFactory(NewsletterFactory)
