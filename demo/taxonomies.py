"""Wealdshire's organisations, the priorities its partners agreed and the starting topics."""

from demo.factories import OrganisationFactory, PriorityFactory, TopicFactory
from hub.enums import OrganisationType
from hub.models import Organisation, Priority, Topic

# (name, type, summary, the short names people search by)
ORGANISATIONS = [
    (
        "Wealdshire Integrated Care Board",
        OrganisationType.ICB,
        "Plans and buys health services for the 1.1 million people of Wealdshire and leads "
        "the system's improvement approach.",
        "Wealdshire ICB, WICB, CCG",
    ),
    (
        "Wealdshire University Hospitals NHS Foundation Trust",
        OrganisationType.NHS_TRUST,
        "Runs the county's two acute hospitals, Kingsmead and Eastbridge.",
        "WUH, WUHFT, Wealdshire Hospitals, Kingsmead Hospital, Eastbridge Hospital",
    ),
    (
        "Wealdshire Community and Mental Health NHS Trust",
        OrganisationType.NHS_TRUST,
        "Community nursing, therapies and mental health services across the county.",
        "WCMHT, Wealdshire community trust, Wealdshire mental health trust",
    ),
    (
        "Riverside Primary Care Network",
        OrganisationType.PRIMARY_CARE,
        "Seven GP practices serving 62,000 patients along the Wey valley.",
        "Riverside PCN",
    ),
    (
        "Wealdshire County Council",
        OrganisationType.LOCAL_AUTHORITY,
        "Adult social care, public health and children's services.",
        "WCC, Wealdshire council",
    ),
    (
        "Wealdshire Carers Network",
        OrganisationType.VOLUNTARY,
        "A charity run by and for unpaid carers, with 3,000 members.",
        "WCN",
    ),
    (
        "Healthwatch Wealdshire",
        OrganisationType.OTHER,
        "The independent champion for people who use health and social care services.",
        "",
    ),
]

PRIORITIES = [
    (
        "Stroke",
        "Faster recognition, thrombolysis and rehabilitation closer to home.",
    ),
    (
        "Patient safety (PSIRF)",
        "Learning from incidents under the Patient Safety Incident Response Framework.",
    ),
    (
        "Core20PLUS5 and health inequalities",
        "Closing gaps for the most deprived 20% and our PLUS groups across five clinical areas.",
    ),
    (
        "Frailty and ageing well",
        "Keeping older people well at home, with joined-up community and hospital care.",
    ),
    (
        "Children and young people's mental health",
        "Earlier help, shorter waits and support in schools and communities.",
    ),
    (
        "Urgent and emergency care flow",
        "Timely discharge and fewer long waits in emergency departments.",
    ),
]

TOPICS = ["falls", "sepsis", "discharge", "medicines safety", "co-production", "PDSA"]


def ensure_organisations() -> dict[str, Organisation]:
    return {
        name: OrganisationFactory(
            name=name, organisation_type=kind, summary=summary, abbreviations=abbreviations
        )
        for name, kind, summary, abbreviations in ORGANISATIONS
    }


def ensure_priorities() -> list[Priority]:
    return [
        PriorityFactory(name=name, description=description, sort_order=index)
        for index, (name, description) in enumerate(PRIORITIES)
    ]


def ensure_topics() -> list[Topic]:
    return [TopicFactory(name=name) for name in TOPICS]
