"""Fixtures for the idea portal: a site with hub settings, private storage in a temporary
folder, a clean cache (rate limits; both tests/multistep.py) and a helper that walks the
whole form."""

from django.urls import reverse

import pytest

from demo.factories import OrganisationFactory, PriorityFactory, UserFactory
from hub import access
from tests.conftest import PASSWORD
from tests.multistep import clear_cache, private_storage, site_with_privacy_notice  # noqa: F401

HUDDLE_EMAIL = "huddle@wealdshire.example"


@pytest.fixture
def priority(db):
    return PriorityFactory(name="Frailty and ageing well")


@pytest.fixture
def hub_site(home_page):
    return site_with_privacy_notice(
        home_page, hub_name="Wealdshire Improvement Hub", huddle_contact_email=HUDDLE_EMAIL
    )


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Wealdshire University Hospitals NHS Foundation Trust")


def valid_answers(organisation=None, priority=None) -> dict[str, dict]:
    """A complete, valid set of answers, step by step (as POST data)."""
    return {
        "about-you": {
            "submitter_name": "Jo Bloggs",
            "submitter_email": "jo@example.org",
            "submitter_role": "Ward sister",
            "submitter_type": "staff",
            "organisation": str(organisation.pk) if organisation else "",
            "organisation_other": "",
        },
        "your-idea": {
            "title": "Fewer falls on ward 7",
            "problem": "Falls at night have doubled this year.",
            "who_affected": "Older patients on ward 7.",
        },
        "aim": {"aim": "Reduce falls at night by 30% by March."},
        "measures": {
            "outcome_measures": "Falls per 1,000 bed days",
            "process_measures": "",
            "balancing_measures": "",
            "baseline_data": "",
        },
        "changes": {"change_ideas": "Intentional rounding", "first_test": "One night shift"},
        "scope": {
            "proposed_route": "single_provider",
            "organisations_involved": [str(organisation.pk)] if organisation else [],
            "services_pathway": "",
            "priorities": [str(priority.pk)] if priority else [],
        },
        "populations": {
            "core20": "not_sure",
            "plus_groups": ["learning_disability_autism"],
            "plus_groups_other": "",
            "adult_clinical_areas": [],
            "child_clinical_areas": [],
            "inequalities": "",
        },
        "involvement": {
            "involvement": "planned",
            "involvement_detail": "",
            "digital_opportunity": "",
        },
        "support": {"support_wanted": ["coaching", "data"], "support_detail": ""},
        "consent": {"privacy_consent": "on"},
    }


def step_url(slug: str) -> str:
    return reverse(f"submissions:{slug}")


def complete_form(client, answers=None, *, until=None):
    """POST every step (or those before ``until``) and return the last response."""
    answers = answers or valid_answers()
    response = None
    for slug, data in answers.items():
        if slug == until:
            break
        response = client.post(step_url(slug), data)
        assert response.status_code == 302, (slug, response.content.decode()[:3000])
    return response


@pytest.fixture
def answers(organisation, priority):
    return valid_answers(organisation, priority)


@pytest.fixture
def completed_client(client, hub_site, answers):
    """A client whose session holds a complete draft, ready for the check page."""
    complete_form(client, answers)
    return client


@pytest.fixture
def client_class():
    """Make another, separate browser (a new session), e.g. ``client_class()``."""
    from django.test import Client

    return Client


# The huddle ---------------------------------------------------------------------------


@pytest.fixture
def huddle_member(groups):
    """A member of the "Huddle members" group: may work in the inbox."""
    return UserFactory(
        username="huddle.one",
        first_name="Hana",
        last_name="Huddle",
        email="hana.huddle@wealdshire.example",
        password=PASSWORD,
        groups=[groups[access.HUDDLE_MEMBERS]],
    )


@pytest.fixture
def second_huddle_member(groups):
    return UserFactory(
        username="huddle.two",
        first_name="Ravi",
        last_name="Rota",
        email="ravi.rota@wealdshire.example",
        password=PASSWORD,
        groups=[groups[access.HUDDLE_MEMBERS]],
    )


@pytest.fixture
def coach_not_in_huddle(groups):
    """Signed in to the admin (Coaches group), but not a huddle member."""
    return UserFactory(username="coach.only", password=PASSWORD, groups=[groups[access.COACHES]])
