"""Page types. Each family lives in its own module; everything is re-exported here."""

from .case_studies import (
    Adoption,
    CaseStudyAttachment,
    CaseStudyIndexPage,
    CaseStudyMeasure,
    CaseStudyPage,
)
from .collaboratives import (
    CollaborativeIndexPage,
    CollaborativeMeasure,
    CollaborativePage,
    CollaborativeSession,
    CollaborativeTeamMeasure,
    CollaborativeTeamPage,
)
from .core import (
    BasePage,
    HomePage,
    HomePageFeaturedItem,
    PartnerIndexPage,
    PartnerPage,
    StandardPage,
)
from .events import EventPage, TrainingIndexPage
from .resources import ResourceIndexPage, ResourcePage

__all__ = [
    "Adoption",
    "BasePage",
    "CaseStudyAttachment",
    "CaseStudyIndexPage",
    "CaseStudyMeasure",
    "CaseStudyPage",
    "CollaborativeIndexPage",
    "CollaborativeMeasure",
    "CollaborativePage",
    "CollaborativeSession",
    "CollaborativeTeamMeasure",
    "CollaborativeTeamPage",
    "EventPage",
    "HomePage",
    "HomePageFeaturedItem",
    "PartnerIndexPage",
    "PartnerPage",
    "ResourceIndexPage",
    "ResourcePage",
    "StandardPage",
    "TrainingIndexPage",
]
