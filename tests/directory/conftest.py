from types import SimpleNamespace

from django.core.cache import cache

import pytest

from demo.coaches import ensure_taxonomies
from demo.factories import CoachProfileFactory, PriorityFactory, UserFactory
from hub import access
from tests.conftest import PASSWORD

# Strings that must never appear on a public page: the coach's account email, their private
# contact email, and a phone number.
PRIVATE_MARKERS = ("account-marker@private.example", "relay-marker@private.example")


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate limits count in the cache, which outlives a test."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def taxonomy(db):
    skills, languages = ensure_taxonomies()
    return SimpleNamespace(skills=skills, languages=languages)


@pytest.fixture
def frailty(db):
    return PriorityFactory(name="Frailty and ageing well")


@pytest.fixture
def stroke(db):
    return PriorityFactory(name="Stroke")


@pytest.fixture
def coach_user(groups):
    return UserFactory(
        username="coach.one",
        email=PRIVATE_MARKERS[0],
        password=PASSWORD,
        groups=[groups[access.COACHES]],
    )


@pytest.fixture
def other_coach_user(groups):
    return UserFactory(username="coach.two", password=PASSWORD, groups=[groups[access.COACHES]])


@pytest.fixture
def coach(coach_user, org_a, taxonomy, frailty):
    """A live profile belonging to ``coach_user``."""
    return CoachProfileFactory(
        display_name="Hannah Lowe",
        user=coach_user,
        organisation=org_a,
        role="Improvement coach",
        skills=[taxonomy.skills["measurement-and-spc"]],
        priorities=[frailty],
        languages=[taxonomy.languages["english"]],
        contact_email=PRIVATE_MARKERS[1],
    )


@pytest.fixture
def other_coach(other_coach_user, org_b, taxonomy):
    return CoachProfileFactory(
        display_name="Kasia Nowak",
        user=other_coach_user,
        organisation=org_b,
        skills=[taxonomy.skills["co-design-and-co-production"]],
        languages=[taxonomy.languages["polish"]],
    )
