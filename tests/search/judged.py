"""The judged set: queries over the demo content (``demo.seed``), worded as the hub's users
type them, each with the results that answer it.

Each :class:`Judged` query has a kind (see :data:`KINDS`), the language it is searched in
(a Polish search finds Polish pages, coach profiles and the English pages that have no Polish
translation: docs/search.md, "Languages") and its relevant results: exact title -> grade,
2 for the answer (or one of several equally good answers), 1 for a result that also helps.
Anything not listed counts as not relevant.

Apart from the "content words" kind (the first judged set, which used the content's own
words), the queries are not copied from the content: lay and clinical synonyms, NHS
abbreviations and their expansions, questions, misspellings, coaches by skill, role, offer or
language, events by month, organisations by everyday name or initials, and Polish in other
forms than the titles'.

The demo's events start a number of days from the day it is seeded (``seed_library`` in
demo/library.py), so the event queries are worked out here, at import time, from the same
offsets and the same rule (10am, moved off weekends): "events in <month>" always names a
month with events in it. Only a run that imports this just before midnight (UTC) and seeds
the demo just after could disagree by a day; test_relevance.py checks the seeded dates.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from demo.library import EVENTS
from pages.enums import AttendanceMode, EventType

CONTENT_WORDS = "content words"
TYPO = "typo"
LAY_TERM = "lay term"
ABBREVIATION = "abbreviation"
QUESTION = "question"
COACH = "coach"
EVENT = "event"
ORGANISATION = "organisation"
POLISH = "polish"
KINDS = (
    CONTENT_WORDS,
    TYPO,
    LAY_TERM,
    ABBREVIATION,
    QUESTION,
    COACH,
    EVENT,
    ORGANISATION,
    POLISH,
)


@dataclass(frozen=True)
class Judged:
    """A query as typed, its kind, and its relevant results (title -> grade)."""

    text: str
    kind: str
    relevant: dict[str, int]
    language: str = "en"


# --- titles --------------------------------------------------------------------------------

# Case studies
CARERS_PASSPORT = "A carer's passport for hospital wards"
FRAILTY_HUB = "A community frailty hub for care homes"
SCHOOLS_MENTAL_HEALTH = "A mental health drop-in in secondary schools"
AFTER_ACTION_REVIEWS = "After-action reviews in community nursing under PSIRF"
DISCHARGE_BEFORE_NOON = "Discharge before noon: a lounge that opens at 8am"
DISCHARGE_LETTERS = "Discharge letters people understand"
THROMBOLYSIS = "Faster thrombolysis with an ambulance pre-alert"
BLOOD_PRESSURE = "Finding undiagnosed high blood pressure in Riverside"
PARKINSONS = "Getting Parkinson's medicines on time"
INPATIENT_FALLS = "Halving inpatient falls with a ward safety huddle"
MOUTH_CARE = "Mouth care in care homes"
PRESSURE_ULCERS = "Preventing pressure ulcers at home with the SSKIN bundle"
COPD = "Remote monitoring for people with COPD"
SEPSIS = "Sepsis screening within an hour in the emergency department"

# Resources
AFTER_ACTION_REVIEW_GUIDE = "After-action review guide"
CO_PRODUCTION_CHARTER = "Co-production charter"
CORE20_DATA_PACK = "Core20PLUS5 data pack for Wealdshire"
DRIVER_DIAGRAM = "Driver diagram template"
EASY_READ_FORM = "Easy read feedback form"
FALLS_HUDDLE_SCRIPT = "Falls safety huddle script"
HEALTH_PROFILES = "Local health profiles (Fingertips)"
MAKING_DATA_COUNT = "Making Data Count in 10 minutes"
PDSA_TEMPLATE = "PDSA cycle template"
PAYING_PEOPLE = "Paying people with lived experience"
PRESSURE_ULCER_GUIDE = "Pressure ulcer prevention: a guide for carers"
PROCESS_MAPPING_GUIDE = "Process mapping: a practical guide"
SPC_CHART_BUILDER = "SPC chart builder (spreadsheet)"
SEPSIS_TOOL = "Sepsis screening tool for triage"
MEASUREMENT_PLAN = "Writing a measurement plan"

# Events
CO_PRODUCTION_EVENT = "Co-production in practice: learning event"
HUDDLE_OPEN_SESSION = "Design Collaborative Huddle: open session"
INTRODUCTION_TO_QI = "Introduction to quality improvement"
LEAN_FOR_FLOW = "Lean thinking for patient flow"
PSIRF_EVENT = "Learning from PSIRF: one year on"
MEASUREMENT_COURSE = "Measurement for improvement and SPC"
COACH_DEVELOPMENT_DAY = "QI coach development day"
SHOWCASE = "Spring improvement showcase"
WARD_7_VISIT = "“Go and see”: the Ward 7 falls huddle"
FRAILTY_HUB_VISIT = "“Go and see”: the community frailty hub"

# Pages
ABOUT = "About the hub"
ACCESSIBILITY = "Accessibility statement"
PRIVACY = "Privacy notice"
TRAINING_AND_EVENTS = "Training and events"
IMPROVEMENT_AT_KINGSMEAD = "Improvement at Kingsmead and Eastbridge"
HEALTHWATCH = "Healthwatch Wealdshire"
PCN = "Riverside Primary Care Network"
CARERS_NETWORK = "Wealdshire Carers Network"
COMMUNITY_TRUST = "Wealdshire Community and Mental Health NHS Trust"
COUNCIL = "Wealdshire County Council"
ICB = "Wealdshire Integrated Care Board"
HOSPITALS_TRUST = "Wealdshire University Hospitals NHS Foundation Trust"

# Polish translations (demo/translations.py)
INPATIENT_FALLS_PL = "O połowę mniej upadków pacjentów dzięki oddziałowej odprawie bezpieczeństwa"
CARERS_PASSPORT_PL = "Paszport opiekuna na oddziałach szpitalnych"
THROMBOLYSIS_PL = "Szybsza tromboliza dzięki wcześniejszemu powiadomieniu z karetki"
PRIVACY_PL = "Informacja o prywatności"
RESOURCES_PL = "Materiały"
ABOUT_PL = "O centrum"
CASE_STUDIES_PL = "Studia przypadków"
TRAINING_AND_EVENTS_PL = "Szkolenia i wydarzenia"

# Coaches (demo/coaches.py)
AISHA = "Aisha Rahman"
BRONWEN = "Bronwen Hale"
DEV = "Dev Mistry"
FIONA = "Fiona McLeod"
GARETH = "Gareth Pryce"
HANNAH = "Hannah Lowe"
IMRAN = "Imran Qureshi"
KASIA = "Kasia Nowak"
LUCY = "Lucy Tremayne"
MIHAELA = "Mihaela Popescu"
OMAR = "Omar Haddad"
PETER = "Peter Osei"
RUTH = "Ruth Castellano"
SANJAY = "Sanjay Kapoor"
TUNDE = "Tunde Afolabi"
ZOFIA = "Zofia Wiśniewska"


# --- event dates ---------------------------------------------------------------------------

MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
# "in <month>" in Polish (the locative: "w styczniu", "we wrześniu").
MONTHS_PL_IN = (
    "w styczniu", "w lutym", "w marcu", "w kwietniu", "w maju", "w czerwcu",
    "w lipcu", "w sierpniu", "we wrześniu", "w październiku", "w listopadzie", "w grudniu",
)  # fmt: skip


def event_start(days: int, now: datetime.datetime) -> datetime.datetime:
    """When ``seed_library`` starts an event ``days`` after ``now`` (its rule, copied)."""
    now = now.replace(minute=0, second=0, microsecond=0)
    start = (now + datetime.timedelta(days=days)).replace(hour=10)
    while start.weekday() >= 5:
        start += datetime.timedelta(days=1)
    return start


@dataclass(frozen=True)
class DemoEvent:
    title: str
    kind: str
    attendance: str
    start: datetime.datetime


_NOW = timezone.now()
DEMO_EVENTS = {
    title: DemoEvent(title, kind, mode, event_start(days, _NOW))
    for _slug, title, kind, mode, _place, days, *_rest in EVENTS
}


def month(title: str) -> str:
    """The month the demo event ``title`` starts in, as typed: "january"."""
    return MONTHS[DEMO_EVENTS[title].start.month - 1]


def _same_month(title: str) -> list[DemoEvent]:
    start = DEMO_EVENTS[title].start
    return [
        event
        for event in DEMO_EVENTS.values()
        if (event.start.year, event.start.month) == (start.year, start.month)
    ]


def _anything(event: DemoEvent) -> bool:
    return True


def _nothing(event: DemoEvent) -> bool:
    return False


def events_in_month_of(
    title: str, answer=_anything, also=_nothing, listing: str = ""
) -> dict[str, int]:
    """The events starting in the same month as ``title``: 2 for those ``answer`` accepts
    (1 if already over: someone asking what is on wants what is still to come), 1 for those
    ``also`` accepts; the training listing page, if given, 1."""
    grades = {}
    for event in _same_month(title):
        if answer(event):
            grades[event.title] = 2 if event.start > _NOW else 1
        elif also(event):
            grades[event.title] = 1
    if listing:
        grades[listing] = 1
    return grades


def _course(event: DemoEvent) -> bool:
    return event.kind == EventType.COURSE


def _online_course(event: DemoEvent) -> bool:
    return _course(event) and event.attendance == AttendanceMode.ONLINE


def _go_and_see(event: DemoEvent) -> bool:
    return event.kind == EventType.GO_AND_SEE


def _only(title: str, *others: str) -> dict[str, int]:
    """``title`` the answer (2), ``others`` also relevant (1)."""
    return {title: 2, **dict.fromkeys(others, 1)}


# --- the queries ---------------------------------------------------------------------------

# The first judged set (content words, each with the one result that must come in the top 3).
_CONTENT_WORDS = [
    # Plurals and a typo
    ("pressure ulcers", PRESSURE_ULCERS),
    ("pressure ulcer", PRESSURE_ULCERS),
    ("presure ulcer", PRESSURE_ULCERS),
    ("ulcers", PRESSURE_ULCERS),
    ("falls", INPATIENT_FALLS),
    ("inpatient fall", INPATIENT_FALLS),
    ("sepsis", SEPSIS),
    ("sepsis PDSA", SEPSIS),
    ("sepsys screening", SEPSIS),
    ("thrombolysis", THROMBOLYSIS),
    ("stroke ambulance", THROMBOLYSIS),
    ("discharge letters", DISCHARGE_LETTERS),
    ("care homes frailty", FRAILTY_HUB),
    ("blood pressure", BLOOD_PRESSURE),
    ("Parkinson's medicines", PARKINSONS),
    ("mouth care", MOUTH_CARE),
    ("COPD", COPD),
    ("carers passport", CARERS_PASSPORT),
    ("after action review", AFTER_ACTION_REVIEW_GUIDE),
    # Organisation names
    ("Riverside Primary Care Network", PCN),
    ("Healthwatch Wealdshire", HEALTHWATCH),
    ("Wealdshire Carers Network", CARERS_NETWORK),
    # Method names
    ("process mapping", PROCESS_MAPPING_GUIDE),
    ("driver diagram", DRIVER_DIAGRAM),
    ("PDSA", PDSA_TEMPLATE),
    ("lean", LEAN_FOR_FLOW),
    ("SPC chart", SPC_CHART_BUILDER),
    ("statistical process control", INPATIENT_FALLS),
    # Coaches
    ("Hannah Lowe", HANNAH),
    ("stroke nurse", MIHAELA),
    ("accessibility", ACCESSIBILITY),
]

_LAY_TERMS = [
    ("bed sores", {PRESSURE_ULCERS: 2, PRESSURE_ULCER_GUIDE: 2}),
    ("stop old people falling", _only(INPATIENT_FALLS, FALLS_HUDDLE_SCRIPT, WARD_7_VISIT, HANNAH)),
    ("hypertension", _only(BLOOD_PRESSURE)),
    ("blood poisoning", {SEPSIS: 2, SEPSIS_TOOL: 2}),
    ("clot busting drugs for stroke", _only(THROMBOLYSIS, MIHAELA)),
    ("teeth cleaning in nursing homes", _only(MOUTH_CARE)),
    ("lung disease monitoring at home", _only(COPD)),
    ("going home from hospital", {DISCHARGE_BEFORE_NOON: 2, DISCHARGE_LETTERS: 2}),
    ("kids mental health waiting list", _only(SCHOOLS_MENTAL_HEALTH)),
    (
        "learning from mistakes",
        {AFTER_ACTION_REVIEWS: 2, AFTER_ACTION_REVIEW_GUIDE: 2, PSIRF_EVENT: 1, TUNDE: 1},
    ),
    ("feedback form for people with learning difficulties", _only(EASY_READ_FORM)),
    ("paying patients for their time", _only(PAYING_PEOPLE)),
    (
        "involving patients and families",
        _only(CO_PRODUCTION_CHARTER, PAYING_PEOPLE, CO_PRODUCTION_EVENT, RUTH, KASIA),
    ),
    ("keeping care home residents out of hospital", _only(FRAILTY_HUB, AISHA)),
    ("website for blind people", _only(ACCESSIBILITY)),
    ("carer staying overnight with patient", _only(CARERS_PASSPORT)),
    ("area health statistics", _only(HEALTH_PROFILES, CORE20_DATA_PACK)),
]

_ABBREVIATIONS = [
    ("A&E sepsis", {SEPSIS: 2, SEPSIS_TOOL: 2}),
    # The one case study about people waiting in the emergency department for a bed.
    ("A&E waits", _only(DISCHARGE_BEFORE_NOON, SEPSIS, SANJAY)),
    ("CAMHS", _only(SCHOOLS_MENTAL_HEALTH, KASIA)),
    ("CYP mental health", _only(SCHOOLS_MENTAL_HEALTH, KASIA, FIONA)),
    ("MDT care homes", _only(FRAILTY_HUB)),
    ("chronic obstructive pulmonary disease", _only(COPD)),
    ("plan do study act", _only(PDSA_TEMPLATE)),
    (
        "patient safety incident response framework",
        {AFTER_ACTION_REVIEWS: 2, PSIRF_EVENT: 2, AFTER_ACTION_REVIEW_GUIDE: 1, TUNDE: 1},
    ),
    ("DTN stroke", _only(THROMBOLYSIS, MIHAELA)),
    ("BP checks in pharmacies", _only(BLOOD_PRESSURE)),
    ("AAR template", _only(AFTER_ACTION_REVIEW_GUIDE, AFTER_ACTION_REVIEWS)),
    ("MDC video", _only(MAKING_DATA_COUNT)),
    ("intro to QI", _only(INTRODUCTION_TO_QI, FIONA)),
    ("alternative to RCA", {AFTER_ACTION_REVIEWS: 2, AFTER_ACTION_REVIEW_GUIDE: 2}),
    ("GP surgeries in riverside", _only(PCN, BRONWEN)),
]

_QUESTIONS = [
    (
        "how do I stop patients falling at night",
        _only(INPATIENT_FALLS, FALLS_HUDDLE_SCRIPT, WARD_7_VISIT, HANNAH),
    ),
    ("how can we get patients home before lunch", _only(DISCHARGE_BEFORE_NOON)),
    (
        "how do I measure if my change is working",
        _only(MEASUREMENT_PLAN, MEASUREMENT_COURSE, SPC_CHART_BUILDER, MAKING_DATA_COUNT),
    ),
    ("how do i run a pdsa cycle", _only(PDSA_TEMPLATE, INTRODUCTION_TO_QI)),
    (
        "how do we learn from incidents without blaming staff",
        {AFTER_ACTION_REVIEW_GUIDE: 2, AFTER_ACTION_REVIEWS: 2},
    ),
    (
        "how can patients get involved in improvement",
        _only(CO_PRODUCTION_CHARTER, PAYING_PEOPLE, ABOUT, RUTH),
    ),
    ("how do I submit an idea to the huddle", _only(ABOUT, HUDDLE_OPEN_SESSION)),
    ("what happens to my personal data", _only(PRIVACY)),
    ("can carers stay on the ward after visiting hours", _only(CARERS_PASSPORT)),
    ("why are parkinsons patients getting medication late", _only(PARKINSONS)),
    ("how do i check my mums skin for sores", _only(PRESSURE_ULCER_GUIDE, PRESSURE_ULCERS)),
    (
        "is there a free course on quality improvement",
        _only(INTRODUCTION_TO_QI, MEASUREMENT_COURSE),
    ),
    (
        "where can I see a falls huddle in action",
        _only(WARD_7_VISIT, INPATIENT_FALLS, FALLS_HUDDLE_SCRIPT),
    ),
]

_TYPOS = [
    ("thrombolisis", _only(THROMBOLYSIS)),
    ("parkinsons medication", _only(PARKINSONS)),
    ("dischage letters", _only(DISCHARGE_LETTERS)),
    ("fraility care homes", _only(FRAILTY_HUB, FRAILTY_HUB_VISIT)),
    ("accesibility", _only(ACCESSIBILITY)),
    ("co-prodution charter", _only(CO_PRODUCTION_CHARTER)),
    ("demensia carers", _only(CARERS_PASSPORT)),
    ("pnemonia care homes", _only(MOUTH_CARE)),
    ("helthwatch", _only(HEALTHWATCH, DISCHARGE_LETTERS)),
    ("driver diagramme", _only(DRIVER_DIAGRAM)),
    ("procces mapping guide", _only(PROCESS_MAPPING_GUIDE)),
    ("carers pasport", _only(CARERS_PASSPORT)),
    ("mouthcare", _only(MOUTH_CARE)),
]

_SPC_SKILL = (HANNAH, AISHA, MIHAELA, OMAR, SANJAY, ZOFIA)
_COACHES = [
    ("lean coach", {BRONWEN: 2, GARETH: 2, LEAN_FOR_FLOW: 1}),
    ("coach who speaks urdu", _only(IMRAN)),
    ("polish speaking coach", {KASIA: 2, ZOFIA: 2}),
    ("bsl", _only(LUCY)),
    ("spc coach", _only(IMRAN, *_SPC_SKILL, MEASUREMENT_COURSE)),
    ("human factors mentor", {SANJAY: 2, OMAR: 2, TUNDE: 1}),
    ("pharmacist mentor", _only(OMAR)),
    ("district nurse coach", _only(AISHA)),
    ("doctor to mentor my first qi project", _only(SANJAY)),
    ("go and see gp reception", _only(BRONWEN)),
    ("carer coach", _only(RUTH)),
    ("digital coach", _only(DEV, ZOFIA)),
    ("mentor in mental health", _only(KASIA, FIONA)),
    ("punjabi", {IMRAN: 2, SANJAY: 2}),
    ("a&e consultant", _only(SANJAY)),
]

_huddle_day = DEMO_EVENTS[HUDDLE_OPEN_SESSION].start
_EVENTS = [
    (
        f"events in {month(HUDDLE_OPEN_SESSION)}",
        events_in_month_of(HUDDLE_OPEN_SESSION, listing=TRAINING_AND_EVENTS),
    ),
    (
        f"training in {month(INTRODUCTION_TO_QI)}",
        events_in_month_of(INTRODUCTION_TO_QI, _course, _anything, listing=TRAINING_AND_EVENTS),
    ),
    # The month as many abbreviate it: "jan".
    (
        f"{month(MEASUREMENT_COURSE)[:3]} training",
        events_in_month_of(MEASUREMENT_COURSE, _course, _anything),
    ),
    (f"spc course {month(MEASUREMENT_COURSE)}", _only(MEASUREMENT_COURSE)),
    (
        f"go and see visits {month(WARD_7_VISIT)}",
        events_in_month_of(WARD_7_VISIT, _go_and_see),
    ),
    (f"psirf event {month(PSIRF_EVENT)}", _only(PSIRF_EVENT)),
    (
        f"training for qi coaches {month(COACH_DEVELOPMENT_DAY)} "
        f"{DEMO_EVENTS[COACH_DEVELOPMENT_DAY].start.year}",
        _only(COACH_DEVELOPMENT_DAY),
    ),
    (f"co-production event {month(CO_PRODUCTION_EVENT)}", _only(CO_PRODUCTION_EVENT)),
    (f"what's on in {month(PSIRF_EVENT)}", events_in_month_of(PSIRF_EVENT)),
    # Past events stay in the index.
    (f"lean course {month(LEAN_FOR_FLOW)}", _only(LEAN_FOR_FLOW)),
    (
        f"huddle {_huddle_day.day} {month(HUDDLE_OPEN_SESSION)}",
        _only(HUDDLE_OPEN_SESSION),
    ),
    (
        f"online courses in {month(INTRODUCTION_TO_QI)}",
        events_in_month_of(INTRODUCTION_TO_QI, _online_course, _course),
    ),
    (
        f"frailty hub visit {month(FRAILTY_HUB_VISIT)}",
        _only(FRAILTY_HUB_VISIT, FRAILTY_HUB),
    ),
]

_ORGANISATIONS = [
    ("PCN", _only(PCN)),
    ("riverside pcn", _only(PCN)),
    ("ICB", _only(ICB)),
    # Clinical commissioning groups became integrated care boards in 2022; people still
    # say CCG.
    ("CCG", _only(ICB)),
    # The trust's initials, as NHS trusts are usually called.
    ("WUHFT", _only(HOSPITALS_TRUST)),
    ("kingsmead hospital", _only(HOSPITALS_TRUST, IMPROVEMENT_AT_KINGSMEAD, MEASUREMENT_COURSE)),
    ("eastbridge", _only(HOSPITALS_TRUST, IMPROVEMENT_AT_KINGSMEAD, WARD_7_VISIT)),
    ("the hospital trust", _only(HOSPITALS_TRUST, COMMUNITY_TRUST, IMPROVEMENT_AT_KINGSMEAD)),
    ("mental health trust", _only(COMMUNITY_TRUST)),
    ("social services", _only(COUNCIL)),
    ("carers charity", _only(CARERS_NETWORK)),
    ("healthwatch case studies", _only(DISCHARGE_LETTERS, HEALTHWATCH)),
]

_POLISH = [
    ("jak zapobiegać upadkom", _only(INPATIENT_FALLS_PL)),
    ("upadki pacjentów w nocy", _only(INPATIENT_FALLS_PL)),
    ("odprawa bezpieczeństwa na oddziale", _only(INPATIENT_FALLS_PL, FALLS_HUDDLE_SCRIPT)),
    ("paszportu opiekuna", _only(CARERS_PASSPORT_PL)),
    ("opiekun pacjenta z demencją w szpitalu", _only(CARERS_PASSPORT_PL)),
    ("udar mózgu karetka", _only(THROMBOLYSIS_PL, MIHAELA)),
    ("tromboliza w udarze", _only(THROMBOLYSIS_PL)),
    ("odleżyny", {PRESSURE_ULCERS: 2, PRESSURE_ULCER_GUIDE: 2}),
    # SOR (szpitalny oddział ratunkowy): the Polish A&E.
    ("sepsa na SOR", {SEPSIS: 2, SEPSIS_TOOL: 2}),
    ("nadciśnienie tętnicze", _only(BLOOD_PRESSURE)),
    ("wypis ze szpitala", {DISCHARGE_BEFORE_NOON: 2, DISCHARGE_LETTERS: 2}),
    ("trener mówiący po polsku", {KASIA: 2, ZOFIA: 2}),
    ("ochrona danych osobowych", _only(PRIVACY_PL)),
    ("studium przypadku", _only(CASE_STUDIES_PL)),
    ("szukam materiałów", _only(RESOURCES_PL)),
    ("czym jest centrum doskonalenia", _only(ABOUT_PL)),
    ("szkolenie z doskonalenia jakości", _only(INTRODUCTION_TO_QI, TRAINING_AND_EVENTS_PL)),
    ("higiena jamy ustnej w domach opieki", _only(MOUTH_CARE)),
    (
        f"szkolenia {MONTHS_PL_IN[DEMO_EVENTS[MEASUREMENT_COURSE].start.month - 1]}",
        events_in_month_of(MEASUREMENT_COURSE, _course, _anything, listing=TRAINING_AND_EVENTS_PL),
    ),
    (
        f"wydarzenia {MONTHS_PL_IN[DEMO_EVENTS[PSIRF_EVENT].start.month - 1]}",
        events_in_month_of(PSIRF_EVENT, listing=TRAINING_AND_EVENTS_PL),
    ),
]


JUDGED = [
    *(Judged(text, CONTENT_WORDS, {title: 2}) for text, title in _CONTENT_WORDS),
    *(Judged(text, LAY_TERM, relevant) for text, relevant in _LAY_TERMS),
    *(Judged(text, ABBREVIATION, relevant) for text, relevant in _ABBREVIATIONS),
    *(Judged(text, QUESTION, relevant) for text, relevant in _QUESTIONS),
    *(Judged(text, TYPO, relevant) for text, relevant in _TYPOS),
    *(Judged(text, COACH, relevant) for text, relevant in _COACHES),
    *(Judged(text, EVENT, relevant) for text, relevant in _EVENTS),
    *(Judged(text, ORGANISATION, relevant) for text, relevant in _ORGANISATIONS),
    *(Judged(text, POLISH, relevant, language="pl") for text, relevant in _POLISH),
]
