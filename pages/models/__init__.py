"""Page types. Each family lives in its own module; everything is re-exported here."""

from .case_studies import (
    Adoption,
    CaseStudyAttachment,
    CaseStudyIndexPage,
    CaseStudyMeasure,
    CaseStudyPage,
    MeasureBase,
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
from .projects import (
    AnnouncedProjectUpdate,
    ProjectIndexPage,
    ProjectMeasure,
    ProjectPage,
    ProjectUpdate,
    announce_new_updates,
)
from .resources import ResourceIndexPage, ResourcePage

__all__ = [
    "Adoption",
    "AnnouncedProjectUpdate",
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
    "MeasureBase",
    "PartnerIndexPage",
    "PartnerPage",
    "ProjectIndexPage",
    "ProjectMeasure",
    "ProjectPage",
    "ProjectUpdate",
    "ResourceIndexPage",
    "ResourcePage",
    "StandardPage",
    "TrainingIndexPage",
    "announce_new_updates",
]
