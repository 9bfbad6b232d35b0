"""The coach directory: skills, languages and the demo coaches and mentors.

Sixteen invented coaches and mentors across the partner organisations, skills and languages,
with some at each capacity, all published. The demo user ``coach`` keeps Hannah Lowe's
profile and ``mentor`` keeps Kasia Nowak's. :func:`seed_coaches` runs once organisations
and priorities exist. Idempotent: a profile whose
slug exists is left alone (editors' changes are kept), and nothing is duplicated.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify

from demo.factories import CoachProfileFactory, LanguageFactory, SkillFactory
from demo.users import ensure_user
from directory.enums import Capacity, OfferKind, WorkingModeKind
from directory.models import CoachProfile, Offer, WorkingMode
from directory.taxonomy import LANGUAGES, SKILLS
from hub import access
from hub.models import QIMethod

COACHING, MENTORING, GO_AND_SEE, TRAINING = (
    OfferKind.COACHING,
    OfferKind.MENTORING,
    OfferKind.GO_AND_SEE,
    OfferKind.TRAINING,
)
ONLINE, IN_PERSON = WorkingModeKind.ONLINE, WorkingModeKind.IN_PERSON
BOTH = (ONLINE, IN_PERSON)

HOSPITALS = "Wealdshire University Hospitals NHS Foundation Trust"
COMMUNITY = "Wealdshire Community and Mental Health NHS Trust"
ICB = "Wealdshire Integrated Care Board"
PCN = "Riverside Primary Care Network"
COUNCIL = "Wealdshire County Council"
CARERS = "Wealdshire Carers Network"
HEALTHWATCH = "Healthwatch Wealdshire"

STROKE = "Stroke"
PSIRF = "Patient safety (PSIRF)"
CORE20 = "Core20PLUS5 and health inequalities"
FRAILTY = "Frailty and ageing well"
CYP_MH = "Children and young people's mental health"
UEC = "Urgent and emergency care flow"


@dataclass(frozen=True)
class DemoCoach:
    name: str
    role: str
    organisation: str
    bio: str
    skills: tuple[str, ...]
    priorities: tuple[str, ...]
    offers: tuple[str, ...]
    languages: tuple[str, ...] = ("english",)
    modes: tuple[str, ...] = (ONLINE,)
    area: str = ""
    capacity: str = Capacity.OPEN
    username: str | None = None
    user_name: tuple[str, str] = field(default=("", ""))


COACHES = [
    DemoCoach(
        "Hannah Lowe",
        "Improvement coach",
        HOSPITALS,
        "Ten years coaching ward teams at Kingsmead and Eastbridge. I helped our older "
        "people's wards halve night-time falls with small PDSA tests and a weekly run chart, "
        "and I enjoy helping a team find the one measure that matters to patients.",
        ("model-for-improvement-and-pdsa", "measurement-and-spc", "facilitation"),
        (FRAILTY, UEC),
        (COACHING, TRAINING),
        modes=BOTH,
        area="Kingsmead and Eastbridge hospitals",
        username="coach",
        user_name=("Hannah", "Lowe"),
    ),
    DemoCoach(
        "Kasia Nowak",
        "Quality improvement lead",
        COMMUNITY,
        "I mentor new QI leads in community and mental health teams, and co-design services "
        "with young people and their families. Happy to talk in English or Polish.",
        ("co-design-and-co-production", "model-for-improvement-and-pdsa", "evaluation"),
        (CYP_MH, CORE20),
        (MENTORING, COACHING),
        languages=("english", "polish"),
        username="mentor",
        user_name=("Kasia", "Nowak"),
    ),
    DemoCoach(
        "Imran Qureshi",
        "Senior analyst",
        ICB,
        "I turn messy spreadsheets into SPC charts that tell real change from noise, and "
        "teach teams to do the same. I have supported the stroke network and the urgent care "
        "flow programme.",
        ("measurement-and-spc", "data-and-analytics", "evaluation"),
        (UEC, STROKE),
        (COACHING, TRAINING),
        languages=("english", "urdu", "punjabi"),
        capacity=Capacity.LIMITED,
    ),
    DemoCoach(
        "Bronwen Hale",
        "Practice manager",
        PCN,
        "Our practices redesigned the morning phone rush with process mapping and Lean. Come "
        "and see how the reception team runs its daily huddle.",
        ("process-mapping", "lean"),
        (CORE20,),
        (GO_AND_SEE, MENTORING),
        modes=(IN_PERSON,),
        area="Practices along the Wey valley",
    ),
    DemoCoach(
        "Tunde Afolabi",
        "Patient safety specialist",
        HOSPITALS,
        "I lead learning responses under PSIRF: after-action reviews, SWARM huddles and "
        "thematic reviews, with a human factors lens.",
        ("patient-safety-investigation", "human-factors", "facilitation"),
        (PSIRF,),
        (COACHING, TRAINING),
        modes=BOTH,
        area="Kingsmead Hospital",
        capacity=Capacity.CLOSED,
    ),
    DemoCoach(
        "Ruth Castellano",
        "Carer and patient leader",
        CARERS,
        "I cared for my mother for eight years. Now I help teams involve carers from the "
        "start, and I host visits to our carers' café to show co-production in practice.",
        ("co-design-and-co-production", "facilitation"),
        (FRAILTY, CORE20),
        (MENTORING, GO_AND_SEE),
        modes=(IN_PERSON,),
        area="Anywhere in Wealdshire",
    ),
    DemoCoach(
        "Dev Mistry",
        "Digital transformation lead",
        ICB,
        "I help teams test digital changes the QI way: small, measured and with the people "
        "who will use them.",
        ("digital", "data-and-analytics", "model-for-improvement-and-pdsa"),
        (UEC,),
        (COACHING,),
        languages=("english", "gujarati"),
        capacity=Capacity.LIMITED,
    ),
    DemoCoach(
        "Aisha Rahman",
        "Community matron",
        COMMUNITY,
        "My team cut avoidable admissions of frail patients by testing a daily virtual ward "
        "round. I coach community nursing teams and host go-and-see visits.",
        ("model-for-improvement-and-pdsa", "measurement-and-spc", "co-design-and-co-production"),
        (FRAILTY,),
        (COACHING, GO_AND_SEE),
        languages=("english", "bengali"),
        modes=BOTH,
        area="Eastbridge and the coast",
    ),
    DemoCoach(
        "Gareth Pryce",
        "Head of continuous improvement",
        COUNCIL,
        "Lean practitioner in adult social care. We took nine days out of the hospital "
        "discharge pathway by mapping it with families and ward staff together.",
        ("lean", "process-mapping", "evaluation"),
        (UEC, FRAILTY),
        (COACHING, TRAINING),
        modes=BOTH,
        area="County Hall, Northgate",
        capacity=Capacity.LIMITED,
    ),
    DemoCoach(
        "Mihaela Popescu",
        "Stroke specialist nurse",
        HOSPITALS,
        "I led the tests of change that brought our door-to-needle time down. Visit the "
        "stroke unit to see the thrombolysis pathway and our huddle board.",
        ("model-for-improvement-and-pdsa", "measurement-and-spc"),
        (STROKE,),
        (COACHING, GO_AND_SEE),
        languages=("english", "romanian"),
        modes=(IN_PERSON,),
        area="Kingsmead Hospital stroke unit",
    ),
    DemoCoach(
        "Omar Haddad",
        "Clinical pharmacist",
        PCN,
        "I mentor pharmacists and practice teams on medicines safety improvement, measuring "
        "what matters without drowning in audits.",
        ("measurement-and-spc", "human-factors"),
        (CORE20,),
        (MENTORING,),
        languages=("english", "arabic"),
        capacity=Capacity.CLOSED,
    ),
    DemoCoach(
        "Lucy Tremayne",
        "Engagement lead",
        HEALTHWATCH,
        "I train teams to run accessible engagement events and evaluate what people told "
        "them. Deaf-aware sessions in British Sign Language and English.",
        ("co-design-and-co-production", "facilitation", "evaluation"),
        (CORE20,),
        (TRAINING, MENTORING),
        languages=("english", "british-sign-language"),
        modes=BOTH,
        area="Northgate and online",
    ),
    DemoCoach(
        "Sanjay Kapoor",
        "Consultant in emergency medicine",
        HOSPITALS,
        "Emergency department flow, human factors and simulation. I mentor doctors starting "
        "their first improvement project.",
        ("model-for-improvement-and-pdsa", "human-factors", "measurement-and-spc"),
        (UEC,),
        (COACHING, MENTORING),
        languages=("english", "punjabi"),
        modes=BOTH,
        area="Eastbridge Hospital",
        capacity=Capacity.LIMITED,
    ),
    DemoCoach(
        "Fiona McLeod",
        "Organisational development and improvement partner",
        COMMUNITY,
        "I design and run improvement training for teams, from a one-hour introduction to "
        "the Model for Improvement to a twelve-week programme.",
        ("facilitation", "model-for-improvement-and-pdsa", "evaluation"),
        (CYP_MH,),
        (COACHING, TRAINING),
    ),
    DemoCoach(
        "Peter Osei",
        "Social worker and improvement champion",
        COUNCIL,
        "Our reablement team co-designed its assessment visit with people who use it. Come "
        "and see how it runs.",
        ("process-mapping", "co-design-and-co-production"),
        (FRAILTY,),
        (GO_AND_SEE, MENTORING),
        modes=(IN_PERSON,),
        area="Northgate and Millbrook",
        capacity=Capacity.CLOSED,
    ),
    DemoCoach(
        "Zofia Wiśniewska",
        "Data scientist",
        ICB,
        "Population health data for Core20PLUS5: finding who is missing from a service and "
        "showing whether a change closed the gap.",
        ("data-and-analytics", "digital", "measurement-and-spc"),
        (CORE20,),
        (TRAINING, COACHING),
        languages=("english", "polish"),
    ),
]


# Skills whose coaches count under a QI method with another slug (the demo library's
# methods; a skill and a method with the same slug match without this).
SKILL_METHODS = {
    "measurement-and-spc": ["statistical-process-control-spc"],
    "co-design-and-co-production": ["co-design"],
}


def ensure_taxonomies():
    skills = {
        slug: SkillFactory(slug=slug, name=name, description=description, sort_order=order)
        for order, (slug, name, description) in enumerate(SKILLS)
    }
    for slug, method_slugs in SKILL_METHODS.items():
        skills[slug].methods.add(
            *QIMethod.objects.filter(slug__in=method_slugs, locale=skills[slug].locale)
        )
    languages = {
        slug: LanguageFactory(slug=slug, name=name, code=code, sort_order=order)
        for order, (slug, name, code) in enumerate(LANGUAGES)
    }
    Offer.ensure_rows()
    WorkingMode.ensure_rows()
    return skills, languages


def _demo_mailbox(name: str) -> str:
    return f"{slugify(name)}@coaches.example.org"  # ASCII: "Zofia Wiśniewska" → zofia-winiewska


def ensure_coach_user(username, first_name, last_name):
    """The demo account that keeps a profile (``coach`` also comes from :mod:`demo.users`)."""
    return ensure_user(username, first_name, last_name, group=access.COACHES)


@transaction.atomic
def seed_coaches(organisations, priorities) -> dict:
    """Create the demo coaches. ``organisations`` maps names to organisations (as
    ``demo.taxonomies.ensure_organisations`` returns), ``priorities`` is a list of priorities."""
    skills, languages = ensure_taxonomies()
    priorities_by_name = {priority.name: priority for priority in priorities}
    created = 0
    for coach in COACHES:
        user = ensure_coach_user(coach.username, *coach.user_name) if coach.username else None
        slug = slugify(coach.name, allow_unicode=True)
        profile = CoachProfile.objects.filter(slug=slug).first()
        if profile is None:
            CoachProfileFactory(
                display_name=coach.name,
                slug=slug,
                user=user,
                role=coach.role,
                organisation=organisations[coach.organisation],
                bio=coach.bio,
                area=coach.area,
                capacity=coach.capacity,
                # Every demo coach can be reached: requests to those without an account go
                # to a demo mailbox (written to var/mail/ unless EMAIL_HOST is set).
                contact_email="" if user else _demo_mailbox(coach.name),
                skills=[skills[slug] for slug in coach.skills],
                priorities=[priorities_by_name[name] for name in coach.priorities],
                languages=[languages[slug] for slug in coach.languages],
                offers=list(coach.offers),
                working_modes=list(coach.modes),
            )
            created += 1
        elif user and profile.user_id is None:
            CoachProfile.objects.filter(pk=profile.pk).update(user=user)
        else:
            # Seeded before every demo coach had somewhere to receive requests.
            CoachProfile.objects.filter(pk=profile.pk, user=None, contact_email="").update(
                contact_email=_demo_mailbox(coach.name)
            )
    return {
        "coaches": CoachProfile.objects.filter(live=True).count(),
        "coaches_created": created,
    }
