"""The knowledge library: case studies with measures, resources and events, with the QI
methods and audiences they are filed under. Idempotent (looks up by slug first).

The measures are synthetic series built to show each kind of SPC signal: special cause
improvement, special cause concern, common cause with a target (hit and miss), a target
consistently met, and a short series shown as a run chart.
"""

import datetime
import random
import zlib

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify

from wagtail.documents import get_document_model

from demo.factories import (
    AdoptionFactory,
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
    EventPageFactory,
    ProjectIndexPageFactory,
    ResourceIndexPageFactory,
    ResourcePageFactory,
    TrainingIndexPageFactory,
)
from demo.site import publish
from hub.enums import Core20Plus5, InvolvementLevel
from hub.models import Audience, QIMethod
from pages.enums import (
    AdoptionStage,
    AttendanceMode,
    EventType,
    ImprovementDirection,
    MeasureType,
    ModerationStatus,
    ResourceType,
)
from pages.models import CaseStudyMeasure, CaseStudyPage, EventPage, PartnerPage, ResourcePage

METHODS = [
    ("Model for Improvement and PDSA", "Plan, Do, Study, Act: small, fast tests of change."),
    ("Process mapping", "Seeing every step of a pathway as patients and staff live it."),
    ("Driver diagram", "Linking the aim to the changes that will achieve it."),
    ("Statistical process control (SPC)", "Telling real change from everyday variation."),
    ("Co-design", "Designing with patients, carers and staff as equal partners."),
    ("Lean", "Removing waste and delay so the work flows."),
    ("Other", "Any other method, described in the case study."),
]
AUDIENCES = [
    "Frontline staff",
    "QI leads and coaches",
    "Managers and leaders",
    "Patients, carers and the public",
    "Analysts",
]


def _monthly(start: datetime.date, values) -> str:
    lines = []
    year, month = start.year, start.month
    for value in values:
        lines.append(f"{year:04d}-{month:02d}-01, {value:g}")
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return "\n".join(lines)


def _noisy(seed: int, levels, spread: float, decimals: int = 1):
    rng = random.Random(seed)  # noqa: S311 - deterministic demo data, not security
    return [round(level + rng.uniform(-spread, spread), decimals) for level in levels]


START = datetime.date(2024, 4, 1)

# (name, type, unit, direction, target, data, change points, annotations)
MEASURES = {
    "falls": [
        (
            "Inpatient falls",
            MeasureType.OUTCOME,
            "falls per 1,000 bed days",
            ImprovementDirection.DOWN,
            None,
            _monthly(START, _noisy(1, [6.8] * 12 + [4.6] * 12, 0.9)),
            "",
            "2025-03-01, Safety huddle starts\n2025-05-01, Falls sensors on bays",
        ),
        (
            "Patients with a completed falls risk assessment within 6 hours",
            MeasureType.PROCESS,
            "%",
            ImprovementDirection.UP,
            95,
            _monthly(START, _noisy(2, [72] * 10 + [96] * 14, 2.5, 0)),
            "2025-02-01",
            "2025-02-01, New admission checklist",
        ),
        (
            "Use of bed rails",
            MeasureType.BALANCING,
            "% of patients",
            ImprovementDirection.NEITHER,
            None,
            _monthly(START, _noisy(3, [18] * 24, 3, 0)),
            "",
            "",
        ),
    ],
    "sepsis": [
        (
            "Patients screened for sepsis within 1 hour of arrival",
            MeasureType.PROCESS,
            "%",
            ImprovementDirection.UP,
            90,
            _monthly(START, _noisy(4, [78 + i * 0.6 for i in range(24)], 6, 0)),
            "",
            "2024-10-01, Screening tool in triage",
        ),
    ],
    "discharge": [
        (
            "Discharges before noon",
            MeasureType.PROCESS,
            "% of discharges",
            ImprovementDirection.UP,
            33,
            _monthly(START, _noisy(5, [17] * 20 + [20, 22, 25, 28], 2, 0)),
            "",
            "2025-12-01, Discharge lounge opens at 8am",
        ),
    ],
    "stroke": [
        (
            "Door-to-needle time for thrombolysis (median)",
            MeasureType.PROCESS,
            "minutes",
            ImprovementDirection.DOWN,
            45,
            _monthly(START, _noisy(6, [62] * 9 + [38] * 15, 5, 0)),
            "2025-01-01",
            "2025-01-01, Pre-alert pathway with ambulance service",
        ),
    ],
    "cyp": [
        (
            "Wait from referral to first appointment",
            MeasureType.OUTCOME,
            "weeks",
            ImprovementDirection.DOWN,
            4,
            _monthly(
                START,
                _noisy(7, [5.5] * 15 + [7.5, 8.6, 9.4, 10.3, 11.0, 11.8, 12.4, 13.5, 14.1], 0.6),
            ),
            "",
            "2025-07-01, Two vacancies in the team",
        ),
    ],
    "hypertension": [
        (
            "Adults aged 40+ with a blood pressure reading in the last 5 years",
            MeasureType.PROCESS,
            "%",
            ImprovementDirection.UP,
            80,
            _monthly(START, _noisy(8, [71 + i * 0.55 for i in range(24)], 0.8)),
            "",
            "2024-09-01, Pharmacy blood pressure checks",
        ),
    ],
    "listening": [
        (
            "People who understood their discharge letter",
            MeasureType.OUTCOME,
            "% of people asked",
            ImprovementDirection.UP,
            None,
            _monthly(datetime.date(2025, 9, 1), [54, 58, 61, 66, 70, 73, 77, 79]),
            "",
            "2025-11-01, Letters rewritten with Healthwatch volunteers",
        ),
    ],
}

TRUST = "Wealdshire University Hospitals NHS Foundation Trust"
COMMUNITY = "Wealdshire Community and Mental Health NHS Trust"
PCN = "Riverside Primary Care Network"
COUNCIL = "Wealdshire County Council"
CARERS = "Wealdshire Carers Network"
HEALTHWATCH = "Healthwatch Wealdshire"
ICB = "Wealdshire Integrated Care Board"


def _p(*paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


# slug, title, home organisation (None: central), organisations, priorities, methods, topics,
# involvement, inequalities, summary, problem, aim, measures key, pdsa cycles
CASE_STUDIES = [
    (
        "halving-inpatient-falls",
        "Halving inpatient falls with a ward safety huddle",
        TRUST,
        [TRUST],
        ["Frailty and ageing well", "Patient safety (PSIRF)"],
        ["Model for Improvement and PDSA", "Statistical process control (SPC)"],
        ["falls", "PDSA"],
        InvolvementLevel.INVOLVED,
        [],
        "Three medical wards cut falls from about 7 to under 5 per 1,000 bed days in a year "
        "with a five-minute safety huddle and falls sensors.",
        _p(
            "Falls were the most reported harm on our older people's wards: about 7 per 1,000 "
            "bed days, twice the national average for similar wards, with three hip fractures "
            "in one winter."
        ),
        "Reduce inpatient falls on Wards 5, 6 and 7 by 30% by March 2026, without more "
        "restrictive practice such as bed rails.",
        "falls",
        [
            (
                "Five-minute safety huddle at 8am on Ward 7",
                "2025-03-03",
                "2025-03-28",
                "Predict that a short huddle will flag every patient at high risk of falls.",
                "Ran on 18 of 20 weekdays; night staff joined by phone.",
                "High-risk patients were flagged 94% of the time, up from 60%.",
                "Adopt on Ward 7; adapt for Wards 5 and 6 with the night team leading.",
            ),
            (
                "Falls sensors for patients with delirium",
                "2025-05-01",
                "2025-06-30",
                "Predict fewer unwitnessed falls at night for patients with delirium.",
                "Twelve sensor mats used; two were unplugged by mistake.",
                "Unwitnessed night falls fell from 9 to 3 over two months.",
                "Adopt, with a checklist for mats at handover.",
            ),
        ],
    ),
    (
        "sepsis-screening-emergency-department",
        "Sepsis screening within an hour in the emergency department",
        TRUST,
        [TRUST],
        ["Patient safety (PSIRF)", "Urgent and emergency care flow"],
        ["Model for Improvement and PDSA", "Process mapping"],
        ["sepsis"],
        InvolvementLevel.CONSULTED,
        [],
        "Triage nurses now screen four in five patients for sepsis within an hour; the team "
        "is still working towards its 90% target.",
        _p("Patients with sepsis waited too long for screening when the department was busy."),
        "Screen 90% of eligible adults for sepsis within one hour of arrival by April 2026.",
        "sepsis",
        [],
    ),
    (
        "discharge-before-noon",
        "Discharge before noon: a lounge that opens at 8am",
        None,
        [TRUST, COUNCIL],
        ["Urgent and emergency care flow", "Frailty and ageing well"],
        ["Lean", "Process mapping"],
        ["discharge"],
        InvolvementLevel.INVOLVED,
        [],
        "Hospital and council teams mapped the discharge day together; early signs of "
        "improvement after the discharge lounge moved its opening to 8am.",
        _p(
            "Most patients went home after 4pm, so beds for new admissions freed up late and "
            "people waited in the emergency department overnight."
        ),
        "One in three discharges before noon on medical wards by summer 2026.",
        "discharge",
        [],
    ),
    (
        "stroke-door-to-needle",
        "Faster thrombolysis with an ambulance pre-alert",
        TRUST,
        [TRUST, ICB],
        ["Stroke"],
        ["Model for Improvement and PDSA", "Statistical process control (SPC)"],
        ["stroke", "PDSA"],
        InvolvementLevel.INFORMED,
        [],
        "A pre-alert from the ambulance service and a stroke nurse meeting the crew at the door "
        "cut median door-to-needle time from 62 to 38 minutes.",
        _p("Every minute of delay to thrombolysis costs brain tissue; we averaged an hour."),
        "Median door-to-needle time under 45 minutes, sustained for a year.",
        "stroke",
        [],
    ),
    (
        "care-home-frailty-hub",
        "A community frailty hub for care homes",
        COMMUNITY,
        [COMMUNITY, COUNCIL, PCN],
        ["Frailty and ageing well"],
        ["Co-design", "Driver diagram"],
        ["co-production"],
        InvolvementLevel.CO_PRODUCED,
        [Core20Plus5.CORE20],
        "A weekly multidisciplinary round for 14 care homes, designed with residents' "
        "families, reached every home within six months.",
        _p("Care home residents were admitted to hospital for problems a GP visit could solve."),
        "Every care home in the Riverside area has a weekly frailty round by March 2026.",
        None,
        [],
    ),
    (
        "hypertension-case-finding-riverside",
        "Finding undiagnosed high blood pressure in Riverside",
        PCN,
        [PCN, COUNCIL],
        ["Core20PLUS5 and health inequalities"],
        ["Model for Improvement and PDSA", "Statistical process control (SPC)"],
        ["medicines safety"],
        InvolvementLevel.CONSULTED,
        [Core20Plus5.CORE20, Core20Plus5.HYPERTENSION],
        "Blood pressure checks in community pharmacies and mosques raised recorded readings "
        "steadily; the 80% target is not yet reliably met.",
        _p(
            "Recorded blood pressure was lowest in the most deprived neighbourhoods, where "
            "strokes and heart attacks are most common."
        ),
        "80% of adults aged 40 and over with a recent blood pressure reading, in every "
        "neighbourhood, by 2027.",
        "hypertension",
        [],
    ),
    (
        "school-mental-health-drop-in",
        "A mental health drop-in in secondary schools",
        COMMUNITY,
        [COMMUNITY, COUNCIL],
        ["Children and young people's mental health"],
        ["Co-design"],
        ["co-production"],
        InvolvementLevel.LED,
        [Core20Plus5.CYP_MENTAL_HEALTH],
        "Designed and run with a young people's panel. Waits for first appointments are now "
        "rising after staff vacancies, a signal the team is acting on.",
        _p("Young people waited months for a first conversation about their mental health."),
        "Every young person referred is seen within four weeks.",
        "cyp",
        [],
    ),
    (
        "carers-passport",
        "A carer's passport for hospital wards",
        CARERS,
        [CARERS, TRUST],
        ["Frailty and ageing well"],
        ["Co-design"],
        ["co-production", "discharge"],
        InvolvementLevel.LED,
        [Core20Plus5.PLUS_GROUPS],
        "Unpaid carers designed a passport that lets them stay with the person they care for "
        "and join ward rounds; now used on eight wards.",
        _p("Carers were sent home at the end of visiting time, even for people with dementia."),
        "Every ward recognises the carer's passport by the end of 2026.",
        None,
        [],
    ),
    (
        "after-action-reviews-community-nursing",
        "After-action reviews in community nursing under PSIRF",
        COMMUNITY,
        [COMMUNITY],
        ["Patient safety (PSIRF)"],
        ["Model for Improvement and PDSA"],
        ["PDSA"],
        InvolvementLevel.INFORMED,
        [],
        "Short, blame-free after-action reviews replaced lengthy root cause analyses; teams "
        "now learn from incidents within a week.",
        _p("Incident reports took months to close and teams rarely heard what was learned."),
        "Hold an after-action review within seven days for every moderate-harm incident.",
        None,
        [],
    ),
    (
        "time-critical-medicines",
        "Getting Parkinson's medicines on time",
        TRUST,
        [TRUST],
        ["Patient safety (PSIRF)"],
        ["Process mapping", "Model for Improvement and PDSA"],
        ["medicines safety"],
        InvolvementLevel.INVOLVED,
        [],
        "Self-administration and an alert on the electronic prescribing system cut late doses "
        "of time-critical medicines.",
        _p("One in three doses of Parkinson's medication was given more than 30 minutes late."),
        "Nine in ten time-critical doses given within 30 minutes of the prescribed time.",
        None,
        [],
    ),
    (
        "oral-health-care-homes",
        "Mouth care in care homes",
        COUNCIL,
        [COUNCIL, PCN],
        ["Core20PLUS5 and health inequalities", "Frailty and ageing well"],
        ["Model for Improvement and PDSA"],
        ["co-production"],
        InvolvementLevel.CONSULTED,
        [Core20Plus5.CORE20],
        "Mouth care champions in six care homes; fewer residents with pneumonia linked to "
        "poor oral hygiene.",
        _p("Mouth care was missed in busy mornings, and aspiration pneumonia followed."),
        "Every resident has a mouth care plan reviewed monthly.",
        None,
        [],
    ),
    (
        "copd-remote-monitoring",
        "Remote monitoring for people with COPD",
        ICB,
        [ICB, PCN],
        ["Core20PLUS5 and health inequalities"],
        ["Driver diagram"],
        ["co-production"],
        InvolvementLevel.CONSULTED,
        [Core20Plus5.RESPIRATORY, Core20Plus5.CORE20],
        "A tablet-based check-in for 120 people with COPD; lending devices and data closed the "
        "digital gap.",
        _p("People with COPD in deprived areas were admitted more often with flare-ups."),
        "Reduce emergency admissions for COPD flare-ups among enrolled patients by a quarter.",
        None,
        [],
    ),
    (
        "preventing-pressure-ulcers-at-home",
        "Preventing pressure ulcers at home with the SSKIN bundle",
        COMMUNITY,
        [COMMUNITY, CARERS],
        ["Frailty and ageing well", "Patient safety (PSIRF)"],
        ["Model for Improvement and PDSA", "Co-design"],
        ["co-production"],
        InvolvementLevel.CO_PRODUCED,
        [Core20Plus5.CORE20],
        "District nurses and carers used the SSKIN bundle at every visit and halved "
        "avoidable pressure ulcers among housebound patients in a year.",
        _p(
            "Pressure ulcers were the most reported harm in community nursing: most started "
            "between visits, when skin checks and repositioning were missed."
        ),
        "Halve avoidable category 2 to 4 pressure damage among housebound patients by March 2026.",
        None,
        [],
    ),
    (
        "discharge-letters-people-understand",
        "Discharge letters people understand",
        HEALTHWATCH,
        [HEALTHWATCH, TRUST],
        ["Urgent and emergency care flow"],
        ["Co-design"],
        ["discharge", "co-production"],
        InvolvementLevel.LED,
        [],
        "Healthwatch volunteers rewrote discharge letters with ward teams; early results show "
        "more people understand what happens next.",
        _p("People left hospital unsure which medicines had changed or whom to call."),
        "Nine in ten people understand their discharge letter.",
        "listening",
        [],
    ),
]

RESOURCES = [
    (
        "pdsa-cycle-template",
        "PDSA cycle template",
        ResourceType.TEMPLATE,
        ICB,
        "pdf",
        "A one-page template to plan, run and learn from a test of change.",
    ),
    (
        "pressure-ulcer-prevention-guide",
        "Pressure ulcer prevention: a guide for carers",
        ResourceType.GUIDE,
        COMMUNITY,
        "pdf",
        "How to check skin, change position and spot pressure damage early, in plain words.",
    ),
    (
        "driver-diagram-template",
        "Driver diagram template",
        ResourceType.TEMPLATE,
        ICB,
        "pdf",
        "Link your aim to primary and secondary drivers and change ideas.",
    ),
    (
        "spc-chart-builder",
        "SPC chart builder (spreadsheet)",
        ResourceType.TOOL,
        ICB,
        "csv",
        "Paste your monthly data to draw a Making Data Count XmR chart.",
    ),
    (
        "measurement-plan-guide",
        "Writing a measurement plan",
        ResourceType.GUIDE,
        ICB,
        "pdf",
        "Outcome, process and balancing measures, and how to define each one.",
    ),
    (
        "process-mapping-guide",
        "Process mapping: a practical guide",
        ResourceType.GUIDE,
        TRUST,
        "pdf",
        "How to map a pathway with the people who work in it and use it.",
    ),
    (
        "falls-huddle-script",
        "Falls safety huddle script",
        ResourceType.TEMPLATE,
        TRUST,
        "pdf",
        "The five-minute script our wards use at 8am.",
    ),
    (
        "sepsis-screening-tool",
        "Sepsis screening tool for triage",
        ResourceType.TOOL,
        TRUST,
        "pdf",
        "The adult sepsis screening tool used at triage in our emergency department.",
    ),
    (
        "co-production-charter",
        "Co-production charter",
        ResourceType.GUIDE,
        CARERS,
        "pdf",
        "What partners promise when they co-produce with carers and service users.",
    ),
    (
        "paying-people-with-lived-experience",
        "Paying people with lived experience",
        ResourceType.GUIDE,
        HEALTHWATCH,
        "pdf",
        "A fair, simple approach to involvement payments and expenses.",
    ),
    (
        "easy-read-feedback-form",
        "Easy read feedback form",
        ResourceType.TEMPLATE,
        HEALTHWATCH,
        "pdf",
        "Collect feedback from people with a learning disability.",
    ),
    (
        "psirf-after-action-review",
        "After-action review guide",
        ResourceType.GUIDE,
        COMMUNITY,
        "pdf",
        "Run a blame-free after-action review in 45 minutes.",
    ),
    (
        "making-data-count-video",
        "Making Data Count in 10 minutes",
        ResourceType.VIDEO,
        ICB,
        None,
        "A short video on reading SPC charts and their icons.",
    ),
    (
        "fingertips-local-health-data",
        "Local health profiles (Fingertips)",
        ResourceType.DATA,
        COUNCIL,
        None,
        "Public health data by ward and neighbourhood for Wealdshire.",
    ),
    (
        "core20plus5-data-pack",
        "Core20PLUS5 data pack for Wealdshire",
        ResourceType.DATA,
        ICB,
        "csv",
        "Deprivation, ethnicity and the five clinical areas by primary care network.",
    ),
    (
        "qi-coaching-agreement",
        "QI coaching agreement",
        ResourceType.TEMPLATE,
        ICB,
        "pdf",
        "Agree what a coach and a project team expect of each other.",
    ),
    (
        "go-and-see-visit-checklist",
        "“Go and see” visit checklist",
        ResourceType.TOOL,
        COMMUNITY,
        "pdf",
        "Plan a visit to learn from another team, and share what you saw.",
    ),
]

EVENTS = [
    (
        "introduction-to-qi",
        "Introduction to quality improvement",
        EventType.COURSE,
        AttendanceMode.ONLINE,
        "",
        21,
        3,
        ICB,
        "Free",
        40,
    ),
    (
        "measurement-for-improvement",
        "Measurement for improvement and SPC",
        EventType.COURSE,
        AttendanceMode.IN_PERSON,
        "Kingsmead Hospital education centre, Kingsmead",
        35,
        6,
        ICB,
        "Free",
        24,
    ),
    (
        "system-qi-huddle-open",
        "Design Collaborative Huddle: open session",
        EventType.HUDDLE,
        AttendanceMode.ONLINE,
        "",
        9,
        1,
        ICB,
        "Free",
        None,
    ),
    (
        "go-and-see-falls-ward-7",
        "“Go and see”: the Ward 7 falls huddle",
        EventType.GO_AND_SEE,
        AttendanceMode.IN_PERSON,
        "Ward 7, Eastbridge Hospital, Eastbridge",
        16,
        2,
        TRUST,
        "Free",
        6,
    ),
    (
        "co-production-learning-event",
        "Co-production in practice: learning event",
        EventType.LEARNING_EVENT,
        AttendanceMode.HYBRID,
        "Riverside Community Hall, Wey Bridge",
        49,
        5,
        CARERS,
        "Free",
        80,
    ),
    (
        "psirf-learning-event",
        "Learning from PSIRF: one year on",
        EventType.LEARNING_EVENT,
        AttendanceMode.ONLINE,
        "",
        63,
        2,
        COMMUNITY,
        "Free",
        None,
    ),
    (
        "qi-coach-development-day",
        "QI coach development day",
        EventType.COURSE,
        AttendanceMode.IN_PERSON,
        "County Hall, Kingsmead",
        77,
        7,
        COUNCIL,
        "£45",
        30,
    ),
    (
        "spring-improvement-showcase",
        "Spring improvement showcase",
        EventType.LEARNING_EVENT,
        AttendanceMode.IN_PERSON,
        "Kingsmead Conference Centre, Kingsmead",
        -40,
        6,
        ICB,
        "Free",
        150,
    ),
    (
        "lean-for-flow",
        "Lean thinking for patient flow",
        EventType.COURSE,
        AttendanceMode.ONLINE,
        "",
        -75,
        3,
        TRUST,
        "Free",
        30,
    ),
    (
        "go-and-see-frailty-hub",
        "“Go and see”: the community frailty hub",
        EventType.GO_AND_SEE,
        AttendanceMode.IN_PERSON,
        "Riverside Health Centre, Wey Bridge",
        -20,
        2,
        COMMUNITY,
        "Free",
        8,
    ),
]

ADOPTIONS = [
    (
        "halving-inpatient-falls",
        COMMUNITY,
        "Community hospital wards",
        AdoptionStage.DECISION,
        ModerationStatus.APPROVED,
    ),
    (
        "halving-inpatient-falls",
        COUNCIL,
        "Reablement service",
        AdoptionStage.INTEREST,
        ModerationStatus.APPROVED,
    ),
    (
        "carers-passport",
        COMMUNITY,
        "Older people's mental health wards",
        AdoptionStage.ADOPTED,
        ModerationStatus.APPROVED,
    ),
    (
        "halving-inpatient-falls",
        PCN,
        "Riverside care home team",
        AdoptionStage.INTEREST,
        ModerationStatus.PENDING,
    ),
]


def _pdf(title: str, lines: list[str]) -> bytes:
    """A small, valid one-page PDF with a title and a few lines of text."""

    def escape(text):
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    text_ops = ["BT", "/F1 18 Tf", "72 770 Td", f"({escape(title)}) Tj", "/F1 11 Tf"]
    for line in lines:
        text_ops += ["0 -22 Td", f"({escape(line)}) Tj"]
    text_ops.append("ET")
    stream = zlib.compress("\n".join(text_ops).encode("latin-1", "replace"))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R"
        b" >> >> /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _document(slug, title, kind, summary):
    Document = get_document_model()
    existing = Document.objects.filter(title=title).first()
    if existing:
        return existing
    if kind == "pdf":
        content = _pdf(title, [summary, "Wealdshire Improvement Hub (demo content)."])
    else:
        content = f"# {title}\n# {summary}\nmonth,value\n2025-04-01,6.2\n2025-05-01,5.8\n".encode()
    document = Document(title=title)
    document.file.save(f"{slug}.{kind}", ContentFile(content), save=False)
    document.save()
    return document


def _index(home, factory, slug, title, introduction, admin):
    page = home.get_children().filter(slug=slug).specific().first()
    if page is None:
        page = factory(
            parent=home, slug=slug, title=title, introduction=introduction, show_in_menus=True
        )
        publish(page, admin)
    return page


def seed_library(home, organisations, priorities, admin=None):
    """Create the demo library; returns counts of what exists."""
    methods = {
        name: QIMethod.objects.get_or_create(
            slug=slugify(name),
            locale=home.locale,
            defaults={"name": name, "description": text, "sort_order": index},
        )[0]
        for index, (name, text) in enumerate(METHODS)
    }
    audiences = [
        Audience.objects.get_or_create(
            slug=slugify(name), locale=home.locale, defaults={"name": name, "sort_order": index}
        )[0]
        for index, name in enumerate(AUDIENCES)
    ]
    priority_by_name = {priority.name: priority for priority in priorities}
    sections = {
        page.organisation.name: page
        for page in PartnerPage.objects.filter(locale=home.locale).select_related("organisation")
    }

    case_index = _index(
        home,
        CaseStudyIndexPageFactory,
        "case-studies",
        "Case studies",
        "What teams across Wealdshire tried, how they measured it and what they learned.",
        admin,
    )
    # Projects in progress sit in their partners' sections (seeded with the ideas they
    # come from, demo.projects); the index lists them all.
    _index(
        home,
        ProjectIndexPageFactory,
        "projects",
        "Projects in progress",
        "Improvement work happening now across Wealdshire: follow each team's aim, the "
        "changes they are testing and their charts as the data comes in.",
        admin,
    )
    resource_index = _index(
        home,
        ResourceIndexPageFactory,
        "resources",
        "Resources",
        "Templates, guides, tools, videos and data to help you improve.",
        admin,
    )
    training_index = _index(
        home,
        TrainingIndexPageFactory,
        "training",
        "Training and events",
        "Courses, learning events, open huddles and “go and see” visits across the system.",
        admin,
    )

    for (
        slug,
        title,
        home_org,
        orgs,
        prios,
        method_names,
        topics,
        involvement,
        inequalities,
        summary,
        problem,
        aim,
        measures_key,
        cycles,
    ) in CASE_STUDIES:
        if CaseStudyPage.objects.filter(slug=slug, locale=home.locale).exists():
            continue
        parent = sections[home_org] if home_org else case_index
        page = CaseStudyPageFactory.build(
            slug=slug,
            title=title,
            summary=summary,
            problem=problem,
            aim=aim,
            results=_p("See the measures above: each chart says whether the change is real."),
            learning=_p(
                "Start small, with the people who do the work, and look at the data every week."
            ),
            spread=_p("Other teams are welcome to visit; see “We are adopting this” below."),
            involvement_level=involvement,
            involvement_description=(
                "Patients, carers or volunteers were part of the project team."
                if involvement in (InvolvementLevel.CO_PRODUCED, InvolvementLevel.LED)
                else ""
            ),
            inequalities=[str(item) for item in inequalities],
            contact_role="Improvement lead",
            contact_organisation=organisations[orgs[0]],
            pdsa_cycles=[
                (
                    "cycle",
                    {
                        "title": cycle_title,
                        "start_date": datetime.date.fromisoformat(start),
                        "end_date": datetime.date.fromisoformat(end),
                        "plan": plan,
                        "do": do,
                        "study": study,
                        "act": act,
                    },
                )
                for cycle_title, start, end, plan, do, study, act in cycles
            ],
        )
        parent.add_child(instance=page)
        page.organisations.set([organisations[name] for name in orgs])
        page.priorities.set([priority_by_name[name] for name in prios])
        page.methods.set([methods[name] for name in method_names])
        page.topics.add(*topics)
        for order, (name, kind, unit, direction, target, data, changes, notes) in enumerate(
            MEASURES.get(measures_key, [])
        ):
            page.measures.add(
                CaseStudyMeasure(
                    sort_order=order,
                    name=name,
                    measure_type=kind,
                    unit=unit,
                    direction=direction,
                    target=target,
                    data=data,
                    change_points=changes,
                    annotations=notes,
                )
            )
        page.save()
        publish(page, admin)

    for slug, title, kind, org, file_kind, summary in RESOURCES:
        if ResourcePage.objects.filter(slug=slug, locale=home.locale).exists():
            continue
        parent = sections.get(org) if org not in (ICB,) else resource_index
        page = ResourcePageFactory.build(
            slug=slug,
            title=title,
            summary=summary,
            resource_type=kind,
            organisation=organisations[org],
            document=_document(slug, title, file_kind, summary) if file_kind else None,
            link_url="" if file_kind else "https://www.england.nhs.uk/",
        )
        (parent or resource_index).add_child(instance=page)
        page.audiences.set(audiences[: 2 + len(slug) % 3])
        page.priorities.set(
            priorities[len(slug) % len(priorities) : len(slug) % len(priorities) + 1]
        )
        page.topics.add("PDSA" if "pdsa" in slug else "co-production")
        page.save()
        publish(page, admin)

    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    for slug, title, kind, mode, place, days, hours, org, cost, capacity in EVENTS:
        if EventPage.objects.filter(slug=slug, locale=home.locale).exists():
            continue
        start = (now + datetime.timedelta(days=days)).replace(hour=10)
        while start.weekday() >= 5:  # events run on weekdays
            start += datetime.timedelta(days=1)
        page = EventPageFactory.build(
            slug=slug,
            title=title,
            summary=f"{title}: open to staff and partners across Wealdshire.",
            event_type=kind,
            attendance=mode,
            place=place,
            start=start,
            end=start + datetime.timedelta(hours=hours),
            cost=cost,
            capacity=capacity,
            organiser=organisations[org],
            booking_url="" if days % 2 else "https://events.example.org/wealdshire-qi",
        )
        parent = sections.get(org) if org not in (ICB,) else training_index
        (parent or training_index).add_child(instance=page)
        page.topics.add("PDSA")
        page.save()
        publish(page, admin)

    for slug, org, team, stage, status in ADOPTIONS:
        case_study = CaseStudyPage.objects.get(slug=slug, locale=home.locale)
        if not case_study.adoptions.filter(team=team).exists():
            AdoptionFactory(
                case_study=case_study,
                organisation=organisations[org],
                team=team,
                stage=stage,
                status=status,
            )
    return {
        "case_studies": CaseStudyPage.objects.live().filter(locale=home.locale).count(),
        "resources": ResourcePage.objects.filter(locale=home.locale).count(),
        "events": EventPage.objects.filter(locale=home.locale).count(),
        "indexes": [case_index, resource_index, training_index],
    }
