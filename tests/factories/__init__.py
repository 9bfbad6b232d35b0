"""Factories for every model. The demo content (``manage.py seed_demo``) is built from these."""

from .directory import (
    CoachProfileFactory,
    ContactRequestFactory,
    LanguageFactory,
    SkillFactory,
)
from .hub import (
    OrganisationFactory,
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
    OutgoingEmailFactory,
    StatusChangeFactory,
    SubmissionMessageFactory,
)

__all__ = [
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
    "PartnerIndexPageFactory",
    "PartnerPageFactory",
    "PriorityFactory",
    "StandardPageFactory",
    "TopicFactory",
    "UserFactory",
    # submissions
    "IdeaDraftFactory",
    "IdeaSubmissionFactory",
    "OutgoingEmailFactory",
    "StatusChangeFactory",
    "SubmissionMessageFactory",
    # directory
    "CoachProfileFactory",
    "ContactRequestFactory",
    "LanguageFactory",
    "SkillFactory",
]
