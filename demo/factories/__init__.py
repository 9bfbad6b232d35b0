"""Factories for every model: the tests build with them and so does the demo content
(``manage.py seed_demo``), so the two never drift apart."""

from .directory import (
    CoachProfileFactory,
    ContactRequestFactory,
    LanguageFactory,
    SkillFactory,
)
from .following import NewsletterFactory, NewsletterItemFactory, SubscriptionFactory
from .hub import (
    OrganisationFactory,
    OutboxEmailFactory,
    PriorityFactory,
    TopicFactory,
    UserFactory,
)
from .pages import (
    AdoptionFactory,
    CaseStudyIndexPageFactory,
    CaseStudyMeasureFactory,
    CaseStudyPageFactory,
    EventPageFactory,
    HomePageFactory,
    PartnerIndexPageFactory,
    PartnerPageFactory,
    ResourceIndexPageFactory,
    ResourcePageFactory,
    StandardPageFactory,
    TrainingIndexPageFactory,
)
from .submissions import (
    IdeaDraftFactory,
    IdeaSubmissionFactory,
    StatusChangeFactory,
    SubmissionMessageFactory,
)

__all__ = [
    "NewsletterFactory",
    "NewsletterItemFactory",
    "SubscriptionFactory",
    "AdoptionFactory",
    "CaseStudyIndexPageFactory",
    "CaseStudyMeasureFactory",
    "CaseStudyPageFactory",
    "EventPageFactory",
    "ResourceIndexPageFactory",
    "ResourcePageFactory",
    "TrainingIndexPageFactory",
    "HomePageFactory",
    "OrganisationFactory",
    "OutboxEmailFactory",
    "PartnerIndexPageFactory",
    "PartnerPageFactory",
    "PriorityFactory",
    "StandardPageFactory",
    "TopicFactory",
    "UserFactory",
    # submissions
    "IdeaDraftFactory",
    "IdeaSubmissionFactory",
    "StatusChangeFactory",
    "SubmissionMessageFactory",
    # directory
    "CoachProfileFactory",
    "ContactRequestFactory",
    "LanguageFactory",
    "SkillFactory",
]
