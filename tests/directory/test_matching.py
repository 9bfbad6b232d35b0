"""Ranking coaches for an idea, with the reasons the huddle sees."""

import pytest

from demo.factories import CoachProfileFactory, OrganisationFactory
from directory.enums import Capacity, OfferKind
from directory.matching import suggest_coaches

pytestmark = pytest.mark.django_db


@pytest.fixture
def pcn(db):
    return OrganisationFactory(name="Riverside PCN", organisation_type="primary_care")


@pytest.fixture
def other_pcn(db):
    return OrganisationFactory(name="Hillside PCN", organisation_type="primary_care")


@pytest.fixture
def council(db):
    return OrganisationFactory(
        name="Wealdshire County Council", organisation_type="local_authority"
    )


@pytest.fixture
def make(taxonomy, council):
    def make(name, *, skills=(), priorities=(), languages=("english",), organisation=None, **kw):
        return CoachProfileFactory(
            display_name=name,
            organisation=organisation or council,
            skills=[taxonomy.skills[slug] for slug in skills],
            priorities=list(priorities),
            languages=[taxonomy.languages[slug] for slug in languages],
            **kw,
        )

    return make


def ranked(suggestions):
    return [(s.coach.display_name, s.score) for s in suggestions]


def test_ranks_by_skills_priorities_and_capacity_with_reasons(make, frailty, stroke):
    make("Data Dee", skills=["measurement-and-spc", "data-and-analytics"], priorities=[frailty])
    make(
        "Busy Bea",
        skills=["measurement-and-spc", "data-and-analytics"],
        priorities=[frailty],
        capacity=Capacity.LIMITED,
    )
    make("Stroke Sam", skills=["lean"], priorities=[stroke])
    make(
        "Closed Cal",
        skills=["measurement-and-spc", "data-and-analytics"],
        priorities=[frailty],
        capacity=Capacity.CLOSED,
    )
    make("Draft Dora", skills=["measurement-and-spc"], priorities=[frailty], publish=False)
    make("Unrelated Una", skills=["digital"])

    suggestions = suggest_coaches(support_wanted=["data"], priorities=[frailty])

    # 3 (priority) + 2 skills x 3 + 1 taking requests; limited capacity costs 2.
    assert ranked(suggestions) == [("Data Dee", 10), ("Busy Bea", 7)]
    assert suggestions[0].reason_text == (
        "knows Frailty and ageing well; offers Measurement and SPC, Data and analytics; "
        "taking requests"
    )
    assert suggestions[1].reasons[-1] == "limited capacity"


def test_not_now_and_drafts_are_never_suggested(make, frailty):
    make("Closed Cal", priorities=[frailty], capacity=Capacity.CLOSED)
    make("Draft Dora", priorities=[frailty], publish=False)
    assert suggest_coaches(priorities=[frailty]) == []


def test_capacity_alone_is_no_reason(make):
    make("Free Fran")
    assert suggest_coaches(support_wanted=["digital"]) == []


def test_organisation_then_sector(make, pcn, other_pcn, frailty):
    make("Same Org", organisation=pcn, priorities=[frailty])
    make("Same Sector", organisation=other_pcn, priorities=[frailty])
    make("Elsewhere", priorities=[frailty])

    suggestions = suggest_coaches(priorities=[frailty.pk], organisations=[pcn.pk])
    assert ranked(suggestions) == [("Same Org", 7), ("Same Sector", 5), ("Elsewhere", 4)]
    assert "works at Riverside PCN" in suggestions[0].reasons
    assert "works in the same sector (Primary care network or GP practice)" in (
        suggestions[1].reasons
    )


def test_language_counts_when_it_is_not_english(make, frailty):
    make("Kasia", priorities=[frailty], languages=("english", "polish"))
    make("Hannah", priorities=[frailty])
    polish = suggest_coaches(priorities=[frailty], language="pl")
    assert ranked(polish) == [("Kasia", 6), ("Hannah", 4)]
    assert "speaks Polish" in polish[0].reasons
    english = suggest_coaches(priorities=[frailty], language="en")
    assert ranked(english) == [("Hannah", 4), ("Kasia", 4)]  # equal: by name


def test_coaching_wanted_favours_coaches_who_offer_it(make):
    make("Coach Cora", skills=["facilitation"], offers=[OfferKind.COACHING])
    make("Trainer Tom", skills=["facilitation"], offers=[OfferKind.TRAINING])
    suggestions = suggest_coaches(support_wanted=["coaching"])
    assert ranked(suggestions) == [("Coach Cora", 5), ("Trainer Tom", 4)]
    assert suggestions[0].reasons[0] == "offers coaching, Facilitation"


def test_limit_and_query_count(make, frailty, django_assert_max_num_queries):
    for number in range(8):
        make(f"Coach {number}", priorities=[frailty], skills=["evaluation"])
    with django_assert_max_num_queries(6):
        suggestions = suggest_coaches(
            support_wanted=["funding"], priorities=[frailty], organisations=[1], limit=5
        )
    assert len(suggestions) == 5
    assert [s.coach.display_name for s in suggestions] == [f"Coach {n}" for n in range(5)]
