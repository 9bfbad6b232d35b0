"""Factories for every model. The demo content (``manage.py seed_demo``) is built from these."""

from .hub import (
    OrganisationFactory,
    PriorityFactory,
    TopicFactory,
    UserFactory,
)
from .pages import (
    HomePageFactory,
    PartnerIndexPageFactory,
    PartnerPageFactory,
    StandardPageFactory,
)

__all__ = [
    "HomePageFactory",
    "OrganisationFactory",
    "PartnerIndexPageFactory",
    "PartnerPageFactory",
    "PriorityFactory",
    "StandardPageFactory",
    "TopicFactory",
    "UserFactory",
]
