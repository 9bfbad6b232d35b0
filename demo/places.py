"""Wealdshire's places: two localities, an integrated locality partnership in each, four
primary care networks and a neighbourhood in each of those. The demo organisations, case
studies, events, collaborative teams, projects and coaches are placed in them (only where
nothing is set yet, so an editor's choice survives another seed)."""

from django.conf import settings

from demo.factories import AdoptionFactory, PlaceFactory
from demo.site import publish
from directory.models import CoachProfile
from hub.enums import PlaceKind
from hub.models import Organisation, Place
from pages.enums import AdoptionStage, ModerationStatus
from pages.models import CaseStudyPage, CollaborativeTeamPage, EventPage, ProjectPage

LOCALITY = PlaceKind.LOCALITY
ILP = PlaceKind.INTEGRATED_LOCALITY_PARTNERSHIP
PCN = PlaceKind.PRIMARY_CARE_NETWORK
NEIGHBOURHOOD = PlaceKind.NEIGHBOURHOOD
NORTH_ILP = "Kingsmead and Wey Valley Partnership"
SOUTH_ILP = "Eastbridge and Coast Partnership"

# (name, kind, the place it sits inside), larger places first
PLACES = [
    ("North Wealdshire", LOCALITY, None),
    ("South Wealdshire", LOCALITY, None),
    (NORTH_ILP, ILP, "North Wealdshire"),
    (SOUTH_ILP, ILP, "South Wealdshire"),
    ("Riverside PCN", PCN, NORTH_ILP),
    ("Kingsmead Central PCN", PCN, NORTH_ILP),
    ("Eastbridge PCN", PCN, SOUTH_ILP),
    ("Coastal Villages PCN", PCN, SOUTH_ILP),
    ("Wey Valley", NEIGHBOURHOOD, "Riverside PCN"),
    ("Kingsmead Old Town", NEIGHBOURHOOD, "Kingsmead Central PCN"),
    ("Eastbridge Harbour", NEIGHBOURHOOD, "Eastbridge PCN"),
    ("Saltmarsh", NEIGHBOURHOOD, "Coastal Villages PCN"),
]

# Organisations based in one place (the others serve the whole county).
ORGANISATION_PLACES = {
    "Riverside Primary Care Network": "Riverside PCN",
    "Wealdshire Carers Network": "Eastbridge and Coast Partnership",
}

CASE_STUDY_PLACES = {
    "halving-inpatient-falls": ["Kingsmead Central PCN"],
    "sepsis-screening-emergency-department": ["North Wealdshire"],
    "discharge-before-noon": ["Kingsmead and Wey Valley Partnership"],
    "stroke-door-to-needle": ["North Wealdshire", "South Wealdshire"],
    "care-home-frailty-hub": ["Eastbridge PCN", "Eastbridge Harbour"],
    "hypertension-case-finding-riverside": ["Riverside PCN", "Wey Valley"],
    "school-mental-health-drop-in": ["Kingsmead Old Town"],
    "carers-passport": ["Eastbridge and Coast Partnership"],
    "after-action-reviews-community-nursing": ["South Wealdshire"],
    "time-critical-medicines": ["North Wealdshire"],
    "oral-health-care-homes": ["Coastal Villages PCN", "Saltmarsh"],
    "copd-remote-monitoring": ["Coastal Villages PCN"],
    "preventing-pressure-ulcers-at-home": ["Eastbridge PCN"],
    "discharge-letters-people-understand": ["Kingsmead and Wey Valley Partnership"],
}

EVENT_PLACES = {
    "go-and-see-falls-ward-7": ["Kingsmead Central PCN"],
    "go-and-see-frailty-hub": ["Eastbridge PCN"],
    "co-production-learning-event": ["South Wealdshire"],
    "psirf-learning-event": ["North Wealdshire"],
}

TEAM_PLACES = {
    "ward-7": ["Kingsmead Central PCN", "Kingsmead Old Town"],
    "larkfield": ["Wey Valley"],
    "care-homes": ["Eastbridge and Coast Partnership"],
    "riverside": ["Riverside PCN"],
}
PROJECT_PLACES = {
    "a-carers-passport-that-follows-people-from-hospital-to-home": [
        "Kingsmead Central PCN",
        "Eastbridge and Coast Partnership",
    ],
    "text-reminders-to-cut-missed-physiotherapy-appointments": ["Wey Valley"],
}
COACH_PLACES = {
    "hannah-lowe": ["Kingsmead Central PCN"],
    "kasia-nowak": ["North Wealdshire"],
    "bronwen-hale": ["Riverside PCN", "Wey Valley"],
    "aisha-rahman": ["Eastbridge PCN", "Coastal Villages PCN"],
    "ruth-castellano": ["Eastbridge and Coast Partnership"],
    "peter-osei": ["South Wealdshire"],
    "omar-haddad": ["Eastbridge Harbour"],
}


TRUST = "Wealdshire University Hospitals NHS Foundation Trust"
COMMUNITY = "Wealdshire Community and Mental Health NHS Trust"
PCN_ORG = "Riverside Primary Care Network"
COUNCIL = "Wealdshire County Council"
CARERS = "Wealdshire Carers Network"

# Spread across places: (case study, organisation, place, team, stage), all approved.
SPREAD = [
    (
        "hypertension-case-finding-riverside",
        PCN_ORG,
        "Wey Valley",
        "Wey Valley practices",
        "adopted",
    ),
    (
        "hypertension-case-finding-riverside",
        COMMUNITY,
        "Kingsmead Central PCN",
        "Kingsmead Central practices",
        "adapted",
    ),
    (
        "hypertension-case-finding-riverside",
        COUNCIL,
        "Eastbridge PCN",
        "Eastbridge health checks team",
        "decision",
    ),
    (
        "hypertension-case-finding-riverside",
        CARERS,
        "Coastal Villages PCN",
        "Coastal Villages carers' hub",
        "interest",
    ),
    (
        "hypertension-case-finding-riverside",
        COUNCIL,
        "Saltmarsh",
        "Saltmarsh community pharmacy",
        "awareness",
    ),
    (
        "care-home-frailty-hub",
        COMMUNITY,
        "Coastal Villages PCN",
        "Coastal care homes team",
        "adapted",
    ),
    (
        "care-home-frailty-hub",
        COMMUNITY,
        "Kingsmead and Wey Valley Partnership",
        "North frailty team",
        "decision",
    ),
    (
        "halving-inpatient-falls",
        TRUST,
        "Kingsmead Old Town",
        "Older people's wards, Kingsmead",
        "adopted",
    ),
    ("oral-health-care-homes", COUNCIL, "Eastbridge Harbour", "Harbour care homes", "interest"),
    ("carers-passport", CARERS, "North Wealdshire", "North carers' services", "adopted"),
    (
        "school-mental-health-drop-in",
        COUNCIL,
        "Eastbridge and Coast Partnership",
        "Coastal schools",
        "decision",
    ),
]


def ensure_places() -> dict[str, Place]:
    places: dict[str, Place] = {}
    for name, kind, parent in PLACES:
        places[name] = PlaceFactory(name=name, kind=kind, parent=places[parent] if parent else None)
    return places


def _place_pages(model, table, places, user):
    for slug, names in table.items():
        for page in model.objects.filter(
            slug=slug, places=None, locale__language_code=settings.LANGUAGE_CODE
        ):
            # Published as a new revision, as an editor would: the page's other languages
            # follow their source's places (wagtail-localize does not translate them).
            page.places.set([places[name] for name in names])
            publish(page, user)


def seed_places(user=None) -> dict:
    """Create the places and place the demo's content in them; returns counts."""
    places = ensure_places()
    for organisation, name in ORGANISATION_PLACES.items():
        Organisation.objects.filter(name=organisation, place=None).update(place=places[name])
    _place_pages(CaseStudyPage, CASE_STUDY_PLACES, places, user)
    _place_pages(EventPage, EVENT_PLACES, places, user)
    _place_pages(CollaborativeTeamPage, TEAM_PLACES, places, user)
    _place_pages(ProjectPage, PROJECT_PLACES, places, user)
    for slug, organisation, place, team, stage in SPREAD:
        case_study = CaseStudyPage.objects.filter(
            slug=slug, locale__language_code=settings.LANGUAGE_CODE
        ).first()
        if case_study is None or case_study.adoptions.filter(team=team).exists():
            continue
        AdoptionFactory(
            case_study=case_study,
            organisation=Organisation.objects.get(
                name=organisation, locale__language_code=settings.LANGUAGE_CODE
            ),
            place=places[place],
            team=team,
            stage=AdoptionStage(stage),
            status=ModerationStatus.APPROVED,
        )
    for slug, names in COACH_PLACES.items():
        for profile in CoachProfile.objects.filter(slug=slug, places=None):
            profile.places.set([places[name] for name in names])
    return {"places": len(places)}
