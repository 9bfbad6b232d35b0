"""Demo followers (confirmed, in English and Polish) and a newsletter draft not yet sent."""

from django.utils import timezone

from demo.factories import NewsletterFactory, NewsletterItemFactory, SubscriptionFactory
from following.enums import Frequency
from following.models import Newsletter, Subscription
from pages.models import CaseStudyPage

FOLLOWERS = (
    ("follower.en@example.org", "type:case-studies", Frequency.IMMEDIATE, "en"),
    ("follower.pl@example.org", "type:events", Frequency.WEEKLY, "pl"),
)
NEWSLETTER_SUBJECT = "Improvement news: what our partners tested this month"


def seed_following(default_locale) -> dict:
    for email, stream, frequency, language in FOLLOWERS:
        if not Subscription.objects.filter(email=email, stream=stream).exists():
            SubscriptionFactory(
                email=email,
                stream=stream,
                frequency=frequency,
                language=language,
                confirmed_at=timezone.now(),
            )
    if not Newsletter.objects.filter(subject=NEWSLETTER_SUBJECT).exists():
        newsletter = NewsletterFactory(
            subject=NEWSLETTER_SUBJECT,
            introduction=(
                "Three teams share what they learned from their tests of change, and there "
                "is still room on next month's introduction to quality improvement."
            ),
        )
        for page in CaseStudyPage.objects.live().filter(locale=default_locale)[:3]:
            NewsletterItemFactory(newsletter=newsletter, page=page)
    return {"subscriptions": Subscription.objects.count()}
