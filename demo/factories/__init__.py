"""Factories for every model: the tests build with them and so does the demo content
(``manage.py seed_demo``), so the two never drift apart."""

from .directory import (
    CoachProfileFactory,
    ContactRequestFactory,
    LanguageFactory,
    SkillFactory,
)
from .feedback import (
    PageFeedbackCommentFactory,
    PageFeedbackCountFactory,
    PageViewCountFactory,
    SubmitterSurveyFactory,
)
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
    "# directory",
    "# submissions",
    "AdoptionFactory",
    "CaseStudyIndexPageFactory",
    "CaseStudyMeasureFactory",
    "CaseStudyPageFactory",
    "CoachProfileFactory",
    "ContactRequestFactory",
    "EventPageFactory",
    "HomePageFactory",
    "IdeaDraftFactory",
    "IdeaSubmissionFactory",
    "LanguageFactory",
    "OrganisationFactory",
    "OutboxEmailFactory",
    "PageFeedbackCommentFactory",
    "PageFeedbackCountFactory",
    "PageViewCountFactory",
    "PartnerIndexPageFactory",
    "PartnerPageFactory",
    "PriorityFactory",
    "ResourceIndexPageFactory",
    "ResourcePageFactory",
    "SkillFactory",
    "StandardPageFactory",
    "StatusChangeFactory",
    "SubmissionMessageFactory",
    "SubmitterSurveyFactory",
    "TopicFactory",
    "TrainingIndexPageFactory",
    "UserFactory",
]
