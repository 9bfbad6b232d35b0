"""The demo ideas: thirty ideas spread over the last 26 weeks, in every status, with the
huddle's work on them.

:func:`seed_ideas` runs last in :func:`demo.seed.seed`, once organisations, priorities, the
demo users and the demo coaches (:mod:`demo.coaches`) exist.

- Every change goes through the huddle's own operations (:mod:`submissions.huddle.actions`,
  :mod:`submissions.portal.actions` for the submitter's replies and withdrawals), so the history,
  the audit log, the notes' mentions and the outbox look exactly as real work leaves them.
- Each idea has a story in days after its submission (:class:`Step`). Once a step has run,
  the rows it wrote (status changes, messages, notes, coaching sessions, audit-log entries,
  emails) are backdated to the step's moment, and the idea's clocks (``submitted_at``,
  ``status_changed_at``, ``first_response_at``, ``decided_at``, ``sifted_at``) are set from
  the story, so the inbox's days and overdue flags and the dashboard's charts are realistic:
  three ideas are overdue, the rest are not.
- The emails of the story are marked as sent at their moment (their bodies cleared, as for any
  sent email): seeding sends nothing to the invented people.
- A past huddle meeting (a Tuesday two to three weeks ago) decided four ideas, recorded on its
  agenda; the next one (next Tuesday) has four ideas on its agenda and no decisions yet.
- Dates are relative to the day of seeding and nothing is random: references come from the
  titles, so the same ideas get the same references everywhere.

Idempotent: an idea whose title exists is left alone, and the meetings are only made with
their ideas. A second demo huddle member (``huddle.chair``) is created here for the notes'
@mentions. All people and addresses are invented (``example.org``, ``wealdshire.example``).
"""

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Locale, ModelLogEntry

from demo.factories import IdeaSubmissionFactory
from demo.users import ensure_user
from directory.models import CoachProfile
from hub import access
from hub.enums import EmailStatus
from hub.models import Organisation, Priority
from submissions.enums import (
    AdultClinicalArea,
    ChildClinicalArea,
    Core20,
    Involvement,
    PlusGroup,
    Route,
    Status,
    SubmitterType,
    SupportWanted,
)
from submissions.huddle import actions as huddle_actions
from submissions.models import (
    REFERENCE_ALPHABET,
    REFERENCE_PREFIX,
    AgendaItem,
    CoachingSession,
    HuddleMeeting,
    IdeaSubmission,
    InternalNote,
    StatusChange,
    SubmissionMessage,
)
from submissions.portal import actions as portal_actions
from submissions.status import DECISIONS

HUDDLE_USERNAME = "huddle.member"  # made by demo.users: Femi Adeyemi
CHAIR_USERNAME = "huddle.chair"  # made here: the huddle's chair
CHAIR_NAME = ("Ruth", "Ellison")

PAST_MEETING_TITLE = "Weekly huddle: triage and decisions"
NEXT_MEETING_TITLE = "Weekly huddle: triage"
PAST, NEXT = "past", "next"

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

SINGLE, INTEGRATED = Route.SINGLE_PROVIDER, Route.INTEGRATED


# The story of an idea ---------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One thing that happened to an idea, ``day`` days after it was submitted (at
    ``meeting`` instead, when it was decided at a huddle meeting)."""

    action: str
    day: int
    to: str = ""
    text: str = ""
    who: str = HUDDLE_USERNAME
    route: str = ""
    organisations: tuple[str, ...] = ()
    redirected_to: str = ""
    coach: str = ""
    meeting: str = ""
    discussion: str = ""


def triage(day, who=HUDDLE_USERNAME):
    return [Step("move", day, to=Status.IN_TRIAGE, who=who)]


def lead(day, username=HUDDLE_USERNAME):
    return [Step("lead", day, who=username)]


def message(day, text, who=HUDDLE_USERNAME):
    return [Step("message", day, text=text, who=who)]


def note(day, text, who=HUDDLE_USERNAME):
    return [Step("note", day, text=text, who=who)]


def ask(day, question, who=HUDDLE_USERNAME):
    """Ask the submitter for more information: a message, and the status that says so."""
    return [
        Step("message", day, text=question, who=who),
        Step("move", day, to=Status.MORE_INFO_REQUESTED, text=question, who=who),
    ]


def reply(day, text):
    return [Step("reply", day, text=text)]


def withdraw(day, reason):
    return [Step("withdraw", day, text=reason)]


def accept(day, route, organisations, reason="", *, meeting="", discussion="", who=HUDDLE_USERNAME):
    """Sift (route, organisations, priorities) and accept, at once."""
    return [
        Step(
            "sift", day, route=route, organisations=tuple(organisations), meeting=meeting, who=who
        ),
        Step(
            "move",
            day,
            to=Status.ACCEPTED,
            text=reason,
            route=route,
            meeting=meeting,
            discussion=discussion,
            who=who,
        ),
    ]


def decline(day, reason, *, meeting="", discussion="", who=HUDDLE_USERNAME):
    return [
        Step(
            "move",
            day,
            to=Status.DECLINED,
            text=reason,
            meeting=meeting,
            discussion=discussion,
            who=who,
        )
    ]


def redirect(day, where, reason, *, meeting="", discussion="", who=HUDDLE_USERNAME):
    return [
        Step(
            "move",
            day,
            to=Status.REDIRECTED,
            text=reason,
            redirected_to=where,
            meeting=meeting,
            discussion=discussion,
            who=who,
        )
    ]


def assign_coach(day, coach, who=HUDDLE_USERNAME):
    return [Step("coach", day, coach=coach, who=who)]


def start_coaching(day, coach, who=HUDDLE_USERNAME):
    return [
        *assign_coach(day, coach, who),
        Step("move", day, to=Status.IN_COACHING, text=f"Coach: {coach}.", who=who),
    ]


def session(day, text):
    return [Step("session", day, text=text)]


def complete(day, reason, who=HUDDLE_USERNAME):
    return [Step("move", day, to=Status.COMPLETED, text=reason, who=who)]


def story(*parts) -> tuple[Step, ...]:
    return tuple(step for part in parts for step in part)


# The ideas --------------------------------------------------------------------------------

IDEAS = [
    {
        "title": "Fewer night-time falls on Kingsmead ward 7",
        "days_ago": 24,
        "submitter_name": "Grace Mensah",
        "submitter_email": "grace.mensah@example.org",
        "submitter_role": "Ward sister",
        "submitter_type": SubmitterType.STAFF,
        "organisation": HOSPITALS,
        "problem": "Falls between midnight and 6am have doubled on our older people's ward "
        "this year, mostly when patients get up to use the toilet alone.",
        "who_affected": "Older patients with delirium or dementia, and the night team.",
        "aim": "Reduce night-time falls on ward 7 by 30% by the end of March.",
        "outcome_measures": "Falls per 1,000 occupied bed days, weekly run chart.",
        "process_measures": "Share of at-risk patients offered a toilet round at 11pm and 3am.",
        "balancing_measures": "Sleep disturbance reported by patients; staff time per round.",
        "baseline_data": "14 falls at night in the last 3 months (Datix).",
        "change_ideas": "Intentional rounding at night; low beds and sensor mats for patients "
        "at high risk; a 'red socks' sign for people who need help to walk.",
        "first_test": "Toilet rounds at 11pm and 3am for one week, one bay, one nurse.",
        "proposed_route": SINGLE,
        "core20": Core20.NOT_SURE,
        "plus_groups": [PlusGroup.LEARNING_DISABILITY_AUTISM],
        "involvement": Involvement.PLANNED,
        "support_wanted": [SupportWanted.COACHING, SupportWanted.DATA],
        "priorities": [PSIRF, FRAILTY],
        "steps": story(
            triage(2),
            lead(2),
            ask(
                3,
                "Thank you, Grace. Could you tell us how the 14 falls split between the early "
                "and late part of the night? It will help choose the first test.",
            ),
            note(
                4,
                "@huddle.chair could we look at the Datix extract for ward 7 together before "
                "she replies? Hannah Lowe coached the Eastbridge falls work and could help.",
            ),
        ),
    },
    {
        "title": "A carers' passport that follows people from hospital to home",
        "days_ago": 120,
        "submitter_name": "David Achterberg",
        "submitter_email": "d.achterberg@example.org",
        "submitter_role": "Unpaid carer for my mother",
        "submitter_type": SubmitterType.CARER,
        "organisation": CARERS,
        "problem": "Carers are not recognised when the person they care for is admitted, "
        "and are often told about discharge on the day.",
        "who_affected": "Unpaid carers, and people discharged to their care.",
        "aim": "Every known carer is told about discharge plans at least 48 hours ahead.",
        "outcome_measures": "Carers reporting they were involved in discharge planning.",
        "change_ideas": "A carers' passport recognised on wards, in community teams and by "
        "social care; a 'carer' flag on the ward board.",
        "proposed_route": INTEGRATED,
        "core20": Core20.YES,
        "plus_groups": [PlusGroup.COASTAL_RURAL],
        "involvement": Involvement.LEADING,
        "involvement_detail": "Designed by the Carers Network's members' panel.",
        "support_wanted": [SupportWanted.CO_PRODUCTION, SupportWanted.COACHING],
        "priorities": [UEC, FRAILTY],
        "organisations_involved": [HOSPITALS, COUNCIL, CARERS],
        "steps": story(
            triage(3, who=CHAIR_USERNAME),
            lead(3, CHAIR_USERNAME),
            accept(
                24,
                INTEGRATED,
                [HOSPITALS, COUNCIL, CARERS],
                "Integrated project across three partners.",
                who=CHAIR_USERNAME,
            ),
            start_coaching(30, "Hannah Lowe", who=CHAIR_USERNAME),
            session(45, "Mapped the discharge pathway with two carers and ward 4's team."),
            session(80, "First PDSA: passport offered on ward 4 for two weeks; 11 of 14 taken."),
            session(110, "Second PDSA on the community nursing caseload; planning spread."),
        ),
    },
    {
        "title": "Asthma review reminders in Polish and Urdu",
        "days_ago": 3,
        "submitter_name": "Nadia Rahman",
        "submitter_email": "nadia.r@example.org",
        "submitter_role": "",
        "submitter_type": SubmitterType.SERVICE_USER,
        "organisation": "",
        "problem": "Reminders for children's asthma reviews come only in English, so some "
        "families in our area miss them.",
        "who_affected": "Children with asthma and their families who read other languages.",
        "aim": "More children from families who do not read English have an annual review.",
        "change_ideas": "Send reminders in the family's language; offer an interpreter.",
        "proposed_route": "",
        "core20": Core20.YES,
        "plus_groups": [PlusGroup.ETHNIC_MINORITY],
        "child_clinical_areas": [ChildClinicalArea.ASTHMA],
        "involvement": Involvement.INVOLVED,
        "support_wanted": [SupportWanted.DIGITAL],
        "priorities": [CORE20],
        "steps": (),
    },
    {
        "title": "Blood pressure checks at the Riverside food bank",
        "days_ago": 175,
        "submitter_name": "Tomasz Nowak",
        "submitter_email": "tomasz.nowak@example.org",
        "submitter_role": "Clinical pharmacist",
        "submitter_type": SubmitterType.STAFF,
        "organisation": PCN,
        "problem": "People using the food bank rarely come for NHS health checks, and "
        "undiagnosed hypertension is common.",
        "who_affected": "Adults using the Riverside food bank.",
        "aim": "Offer 200 blood pressure checks at the food bank in six months.",
        "outcome_measures": "New hypertension diagnoses; people started on treatment.",
        "process_measures": "Checks offered and accepted per session.",
        "change_ideas": "A pharmacist and a volunteer at two sessions a month.",
        "proposed_route": SINGLE,
        "core20": Core20.YES,
        "plus_groups": [PlusGroup.INCLUSION_HEALTH],
        "adult_clinical_areas": [AdultClinicalArea.HYPERTENSION_LIPIDS],
        "involvement": Involvement.INVOLVED,
        "support_wanted": [SupportWanted.DATA],
        "priorities": [CORE20],
        "steps": story(
            triage(2),
            lead(2),
            accept(7, SINGLE, [PCN]),
            start_coaching(9, "Omar Haddad"),
            session(30, "Agreed the data to collect at each session; run chart set up."),
            session(60, "94 checks so far; 13 referred to their practice."),
            session(100, "Testing a text reminder for people referred."),
            complete(150, "214 checks, 31 new diagnoses; spreading to two more PCNs."),
            message(
                151,
                "Congratulations, Tomasz: 31 people are now on treatment. The huddle would "
                "love you to write this up as a case study for the hub.",
            ),
        ),
    },
    {
        "title": "A new sepsis screening tool for the emergency department",
        "days_ago": 33,
        "submitter_name": "Rhys Evans",
        "submitter_email": "rhys.evans@example.org",
        "submitter_role": "Emergency department nurse",
        "submitter_type": SubmitterType.STAFF,
        "organisation": HOSPITALS,
        "problem": "Screening for sepsis at triage is inconsistent between shifts.",
        "who_affected": "Adults arriving at the emergency department.",
        "aim": "95% of eligible patients screened for sepsis within 15 minutes of arrival.",
        "change_ideas": "A simpler paper screening tool at triage.",
        "proposed_route": SINGLE,
        "core20": Core20.NO,
        "involvement": Involvement.NOT_YET,
        "support_wanted": [SupportWanted.COACHING],
        "priorities": [PSIRF],
        "steps": story(
            triage(1),
            redirect(
                19,
                "Kingsmead emergency department sepsis collaborative",
                "The trust's sepsis collaborative is already testing an electronic screening "
                "prompt in the ED; we have put you in touch with its lead.",
                meeting=PAST,
                discussion="Same aim as the ED sepsis collaborative, which has data already.",
            ),
        ),
    },
    {
        "title": "Text reminders to cut missed physiotherapy appointments",
        "days_ago": 40,
        "submitter_name": "Priya Raman",
        "submitter_email": "priya.raman@example.org",
        "submitter_role": "Physiotherapy team lead",
        "submitter_type": SubmitterType.STAFF,
        "organisation": COMMUNITY,
        "problem": "One in six community physiotherapy appointments is missed without notice.",
        "aim": "Halve missed appointments in the Wey valley team within four months.",
        "outcome_measures": "Did-not-attend rate per week.",
        "balancing_measures": "Complaints about reminder messages.",
        "change_ideas": "Two text reminders, with a link to rebook; a call for people with no "
        "mobile phone.",
        "proposed_route": SINGLE,
        "core20": Core20.NOT_SURE,
        "involvement": Involvement.PLANNED,
        "support_wanted": [SupportWanted.DIGITAL, SupportWanted.DATA],
        "priorities": [FRAILTY],
        "steps": story(
            triage(4),
            accept(
                25,
                SINGLE,
                [COMMUNITY],
                "Small, testable, with data already collected weekly.",
                meeting=PAST,
                discussion="Clear aim and measure; the trust's digital team can send texts.",
            ),
            lead(30),
        ),
    },
    {
        "title": "Peer support for new dads on the maternity ward",
        "days_ago": 12,
        "submitter_name": "Kwame Boateng",
        "submitter_email": "kwame.b@example.org",
        "submitter_role": "",
        "submitter_type": SubmitterType.PUBLIC,
        "organisation": "",
        "organisation_other": "Dads Matter Wealdshire",
        "problem": "New fathers told us they felt like visitors, and some struggled with "
        "their mental health in the first months.",
        "aim": "Every new dad on the ward is offered a conversation with a peer supporter.",
        "change_ideas": "Trained volunteer dads on the ward two evenings a week.",
        "proposed_route": SINGLE,
        "core20": Core20.YES,
        "adult_clinical_areas": [AdultClinicalArea.MATERNITY],
        "involvement": Involvement.LEADING,
        "involvement_detail": "Run by fathers who used the service.",
        "support_wanted": [SupportWanted.CO_PRODUCTION],
        "priorities": [CORE20],
        "agenda": NEXT,
        "steps": story(
            triage(5, who=CHAIR_USERNAME),
            note(
                6,
                "@huddle.member this links with the Maternity and Neonatal Voices "
                "Partnership. Worth inviting them when we discuss it on Tuesday?",
                who=CHAIR_USERNAME,
            ),
        ),
    },
    {
        "title": "Easy-read discharge letters for people with a learning disability",
        "days_ago": 45,
        "submitter_name": "Margaret Holloway",
        "submitter_email": "m.holloway@example.org",
        "submitter_role": "Mother and carer",
        "submitter_type": SubmitterType.CARER,
        "organisation": CARERS,
        "problem": "My son's discharge letters are full of abbreviations he cannot read, so "
        "he misses changes to his medicines.",
        "aim": "Every adult with a learning disability leaves hospital with an easy-read summary.",
        "outcome_measures": "Medicines errors after discharge for people with a learning "
        "disability.",
        "change_ideas": "An easy-read template, written with self-advocates, filled in by the "
        "ward's learning disability nurse.",
        "proposed_route": INTEGRATED,
        "core20": Core20.NOT_SURE,
        "plus_groups": [PlusGroup.LEARNING_DISABILITY_AUTISM],
        "involvement": Involvement.LEADING,
        "support_wanted": [SupportWanted.CO_PRODUCTION, SupportWanted.COACHING],
        "priorities": [PSIRF, CORE20],
        "organisations_involved": [HOSPITALS, CARERS],
        "steps": story(
            triage(3, who=CHAIR_USERNAME),
            lead(3, CHAIR_USERNAME),
            ask(
                6,
                "Thank you, Margaret. Which wards has your son been discharged from? We would "
                "like to start where it matters most.",
                who=CHAIR_USERNAME,
            ),
            reply(
                12,
                "Mostly the acute medical unit at Kingsmead, and twice from ward 9. His "
                "support worker keeps copies of the letters if that helps.",
            ),
            accept(
                26,
                INTEGRATED,
                [HOSPITALS, CARERS],
                "Co-produced with self-advocates; starts on the acute medical unit.",
                meeting=PAST,
                discussion="Strong lived-experience lead; the trust's LD nurses are keen.",
                who=CHAIR_USERNAME,
            ),
        ),
    },
    {
        "title": "Same-day discharge medicines from the ward pharmacy",
        "days_ago": 95,
        "submitter_name": "Helen Marsh",
        "submitter_email": "helen.marsh@example.org",
        "submitter_role": "Lead pharmacist, medicine",
        "submitter_type": SubmitterType.STAFF,
        "organisation": HOSPITALS,
        "problem": "Patients ready to go home wait four hours on average for their medicines.",
        "aim": "80% of discharge medicines ready within an hour of the decision to discharge.",
        "outcome_measures": "Time from discharge decision to medicines ready.",
        "change_ideas": "A pharmacist on the board round; medicines prepared the day before.",
        "proposed_route": SINGLE,
        "core20": Core20.NO,
        "involvement": Involvement.NOT_YET,
        "support_wanted": [SupportWanted.COACHING, SupportWanted.DATA],
        "priorities": [UEC],
        "steps": story(
            triage(1),
            lead(1),
            accept(15, SINGLE, [HOSPITALS]),
            start_coaching(21, "Sanjay Kapoor"),
            session(40, "Process map of discharge medicines; three delays found."),
            session(70, "PDSA 1: pharmacist on the board round on two wards."),
            note(72, "Early data look good: median wait down to 90 minutes on ward 3."),
        ),
    },
    {
        "title": "Health checks at the Northmoor library warm space",
        "days_ago": 60,
        "submitter_name": "Joan Pettifer",
        "submitter_email": "joan.pettifer@example.org",
        "submitter_role": "",
        "submitter_type": SubmitterType.PUBLIC,
        "organisation": "",
        "organisation_other": "Friends of Northmoor Library",
        "problem": "Older people come to the library's warm space every day in winter but "
        "rarely see a nurse.",
        "aim": "Offer a health check to everyone who uses the warm space this winter.",
        "change_ideas": "A nurse at the library once a week.",
        "proposed_route": "",
        "core20": Core20.YES,
        "plus_groups": [PlusGroup.COASTAL_RURAL],
        "adult_clinical_areas": [AdultClinicalArea.HYPERTENSION_LIPIDS],
        "involvement": Involvement.INVOLVED,
        "support_wanted": [SupportWanted.NOT_SURE],
        "priorities": [CORE20, FRAILTY],
        "steps": story(
            triage(6),
            decline(
                27,
                "The library closes for refurbishment until the spring, so there would be no "
                "one to test this with. Please bring it back when it reopens.",
            ),
        ),
    },
    {
        "title": "Mental health first aid in secondary schools",
        "days_ago": 150,
        "submitter_name": "Owen Pritchard",
        "submitter_email": "owen.pritchard@example.org",
        "submitter_role": "Educational psychologist",
        "submitter_type": SubmitterType.STAFF,
        "organisation": COUNCIL,
        "problem": "Teachers do not know what to do when a pupil discloses self-harm, and "
        "referrals wait weeks.",
        "aim": "Two trained mental health first aiders in every secondary school by July.",
        "change_ideas": "Train staff with the community trust's CAMHS team; a same-week "
        "consultation line.",
        "proposed_route": INTEGRATED,
        "core20": Core20.NOT_SURE,
        "child_clinical_areas": [ChildClinicalArea.MENTAL_HEALTH],
        "involvement": Involvement.PLANNED,
        "support_wanted": [SupportWanted.COACHING],
        "priorities": [CYP_MH],
        "organisations_involved": [COUNCIL, COMMUNITY],
        "steps": story(
            triage(2),
            lead(2, CHAIR_USERNAME),
            accept(20, INTEGRATED, [COUNCIL, COMMUNITY]),
            start_coaching(25, "Lucy Tremayne"),
            session(40, "Driver diagram with two head teachers and the CAMHS lead."),
            session(75, "First 12 staff trained; consultation line tested in one school."),
            session(120, "Line now covers four schools; collecting waiting times."),
        ),
    },
    {
        "title": "Stroke rehabilitation videos in Polish and Punjabi",
        "days_ago": 168,
        "submitter_name": "Gurpreet Sandhu",
        "submitter_email": "g.sandhu@example.org",
        "submitter_role": "",
        "submitter_type": SubmitterType.SERVICE_USER,
        "organisation": HOSPITALS,
        "problem": "After my father's stroke the exercise sheets were only in English.",
        "aim": "Stroke survivors can follow their home exercises in their own language.",
        "change_ideas": "Short videos with subtitles, recorded with the stroke therapists.",
        "proposed_route": SINGLE,
        "core20": Core20.NOT_SURE,
        "plus_groups": [PlusGroup.ETHNIC_MINORITY],
        "involvement": Involvement.LEADING,
        "support_wanted": [SupportWanted.DIGITAL, SupportWanted.CO_PRODUCTION],
        "priorities": [STROKE, CORE20],
        "steps": story(
            triage(3),
            lead(3),
            accept(18, SINGLE, [HOSPITALS]),
            start_coaching(22, "Mihaela Popescu"),
            session(50, "Scripts agreed with two families; therapists recording in May."),
            session(95, "Eight videos live; tested with six patients at home."),
            complete(140, "Eight videos in three languages; used by 40 families so far."),
        ),
    },
    {
        "title": "Faster wheelchair repairs for people at home",
        "days_ago": 55,
        "submitter_name": "Alan Whitcombe",
        "submitter_email": "alan.whitcombe@example.org",
        "submitter_role": "",
        "submitter_type": SubmitterType.SERVICE_USER,
        "organisation": HEALTHWATCH,
        "problem": "Wheelchair users wait up to six weeks for a repair, stuck at home.",
        "aim": "Urgent repairs done within three working days.",
        "change_ideas": "A triage call on the day of the request; spare parts in the van.",
        "proposed_route": "",
        "core20": Core20.NOT_SURE,
        "involvement": Involvement.INVOLVED,
        "support_wanted": [SupportWanted.NOT_SURE],
        "priorities": [FRAILTY],
        "steps": story(
            triage(3),
            lead(3),
            ask(
                10,
                "Thank you, Alan. The wheelchair service is run by an independent provider: "
                "do you know whether Healthwatch has raised this with them already?",
            ),
            note(
                40,
                "No reply yet. @huddle.chair shall we close it at the next huddle if we "
                "still have not heard?",
            ),
        ),
    },
    {
        "title": "One number for district nursing out of hours",
        "days_ago": 30,
        "submitter_name": "Sophie Turner",
        "submitter_email": "sophie.turner@example.org",
        "submitter_role": "District nurse",
        "submitter_type": SubmitterType.STAFF,
        "organisation": COMMUNITY,
        "problem": "Patients have three numbers for district nursing after 6pm and often ring "
        "111 instead.",
        "aim": "One number, answered by a nurse, from 6pm to 8am.",
        "change_ideas": "Route the three numbers to the night coordinator.",
        "proposed_route": SINGLE,
        "core20": Core20.NO,
        "involvement": Involvement.NOT_YET,
        "support_wanted": [SupportWanted.COACHING],
        "priorities": [UEC, FRAILTY],
        "agenda": NEXT,
        "steps": story(
            triage(2, who=CHAIR_USERNAME),
            ask(
                5,
                "How many calls a night do the three numbers get now? A rough count is fine.",
                who=CHAIR_USERNAME,
            ),
            reply(9, "About 25 a night in total, most between 6pm and 10pm."),
        ),
    },
    {
        "title": "Free period products in GP practice toilets",
        "days_ago": 80,
        "submitter_name": "Ellie Chambers",
        "submitter_email": "ellie.chambers@example.org",
        "submitter_role": "",
        "submitter_type": SubmitterType.PUBLIC,
        "organisation": "",
        "problem": "Some people cannot afford period products and avoid appointments.",
        "aim": "Free products in every practice in the PCN.",
        "change_ideas": "Baskets in the toilets, restocked by the reception team.",
        "proposed_route": "",
        "core20": Core20.YES,
        "involvement": Involvement.NOT_YET,
        "support_wanted": [SupportWanted.FUNDING],
        "priorities": [CORE20],
        "steps": story(
            triage(4),
            withdraw(9, "The council's scheme now supplies our practices, so it is done."),
        ),
    },
    {
        "title": "Hearing loops at every hospital reception",
        "days_ago": 26,
        "submitter_name": "Bernard Osei",
        "submitter_email": "bernard.osei@example.org",
        "submitter_role": "",
        "submitter_type": SubmitterType.SERVICE_USER,
        "organisation": "",
        "problem": "Only one of Kingsmead's receptions has a working hearing loop.",
        "aim": "A working, signed hearing loop at every reception desk.",
        "change_ideas": "Audit the loops; test them weekly; train reception staff.",
        "proposed_route": SINGLE,
        "core20": Core20.NOT_SURE,
        "plus_groups": [PlusGroup.OTHER],
        "plus_groups_other": "Deaf and hard of hearing people",
        "involvement": Involvement.INVOLVED,
        "support_wanted": [SupportWanted.NOT_SURE],
        "priorities": [PSIRF],
        "steps": (),
    },
    {
        "title": "Group consultations for type 2 diabetes",
        "days_ago": 70,
        "submitter_name": "Dr Farah Siddiqui",
        "submitter_email": "farah.siddiqui@example.org",
        "submitter_role": "GP partner",
        "submitter_type": SubmitterType.STAFF,
        "organisation": PCN,
        "problem": "Diabetes reviews are rushed, and HbA1c control is worst in our most "
        "deprived neighbourhoods.",
        "aim": "Three group consultations a month; better HbA1c control in the lowest quintile.",
        "change_ideas": "Ninety-minute groups of ten, run by a nurse and a health coach.",
        "proposed_route": SINGLE,
        "core20": Core20.YES,
        "involvement": Involvement.PLANNED,
        "support_wanted": [SupportWanted.COACHING, SupportWanted.DATA],
        "priorities": [CORE20],
        "steps": story(
            triage(1, who=CHAIR_USERNAME),
            lead(1, CHAIR_USERNAME),
            accept(12, SINGLE, [PCN], who=CHAIR_USERNAME),
            assign_coach(14, "Bronwen Hale", who=CHAIR_USERNAME),
        ),
    },
    {
        "title": "Handover checklist for agency nurses",
        "days_ago": 38,
        "submitter_name": "Liam O'Connor",
        "submitter_email": "liam.oconnor@example.org",
        "submitter_role": "Charge nurse",
        "submitter_type": SubmitterType.STAFF,
        "organisation": HOSPITALS,
        "problem": "Agency nurses miss key information at handover on busy wards.",
        "aim": "Every agency nurse receives the same structured handover.",
        "change_ideas": "A one-page checklist at the nurses' station.",
        "proposed_route": SINGLE,
        "core20": Core20.NO,
        "involvement": Involvement.NOT_YET,
        "support_wanted": [SupportWanted.COACHING],
        "priorities": [PSIRF],
        "steps": story(
            triage(4),
            decline(
                24,
                "The trust's new e-rostering system brings a structured handover for agency "
                "staff in January. The huddle will look again once it is in use.",
                meeting=PAST,
                discussion="Overlaps with the e-rostering roll-out; revisit in the spring.",
            ),
        ),
    },
    {
        "title": "Befriending calls for people leaving hospital alone",
        "days_ago": 100,
        "submitter_name": "Maureen Clarke",
        "submitter_email": "maureen.clarke@example.org",
        "submitter_role": "Volunteer",
        "submitter_type": SubmitterType.PUBLIC,
        "organisation": "",
        "organisation_other": "Age Friendly Wealdshire",
        "problem": "Older people who live alone are often readmitted within a month.",
        "aim": "A friendly call within two days of getting home.",
        "change_ideas": "Volunteers call people the ward refers, for up to six weeks.",
        "proposed_route": INTEGRATED,
        "core20": Core20.NOT_SURE,
        "involvement": Involvement.PLANNED,
        "support_wanted": [SupportWanted.COACHING],
        "priorities": [FRAILTY, UEC],
        "steps": story(
            triage(3),
            redirect(
                16,
                "Wealdshire County Council's Home from Hospital service",
                "The council's Home from Hospital service makes these calls and is looking "
                "for volunteers; we have passed on your details with your permission.",
            ),
        ),
    },
    {
        "title": "Digital scales for people with heart failure at home",
        "days_ago": 9,
        "submitter_name": "Chris Adebayo",
        "submitter_email": "chris.adebayo@example.org",
        "submitter_role": "Heart failure specialist nurse",
        "submitter_type": SubmitterType.STAFF,
        "organisation": COMMUNITY,
        "problem": "Fluid build-up is spotted late, and people are admitted in crisis.",
        "aim": "Fewer emergency admissions for heart failure on our caseload.",
        "change_ideas": "Bluetooth scales sending daily weights to the team.",
        "proposed_route": SINGLE,
        "core20": Core20.NO,
        "involvement": Involvement.PLANNED,
        "support_wanted": [SupportWanted.DIGITAL, SupportWanted.DATA],
        "priorities": [UEC],
        "steps": story(
            triage(2),
            lead(2),
            note(3, "Dev Mistry in the directory has done remote monitoring; suggest him."),
        ),
    },
    {
        "title": "Less paper in GP referrals to community services",
        "days_ago": 2,
        "submitter_name": "Mark Ellis",
        "submitter_email": "mark.ellis@example.org",
        "submitter_role": "Digital transformation manager",
        "submitter_type": SubmitterType.STAFF,
        "organisation": ICB,
        "problem": "A third of referrals to community services still arrive by fax or post.",
        "aim": "All referrals electronic by the end of the year.",
        "change_ideas": "An e-referral form in the GP system, tested with two practices.",
        "proposed_route": INTEGRATED,
        "core20": Core20.NO,
        "involvement": Involvement.NOT_YET,
        "support_wanted": [SupportWanted.DIGITAL],
        "priorities": [UEC],
        "steps": (),
    },
    {
        "title": "A youth panel to rewrite CAMHS letters",
        "days_ago": 16,
        "submitter_name": "Jess Moran",
        "submitter_email": "jess.moran@example.org",
        "submitter_role": "",
        "submitter_type": SubmitterType.SERVICE_USER,
        "organisation": "",
        "problem": "Letters from CAMHS are confusing and some feel cold.",
        "aim": "Letters young people understand and would not be upset by.",
        "change_ideas": "A youth panel reviews the six most common letters.",
        "proposed_route": SINGLE,
        "core20": Core20.NOT_SURE,
        "child_clinical_areas": [ChildClinicalArea.MENTAL_HEALTH],
        "involvement": Involvement.LEADING,
        "support_wanted": [SupportWanted.CO_PRODUCTION],
        "priorities": [CYP_MH],
        "agenda": NEXT,
        "steps": story(
            triage(3),
            note(
                4,
                "Lovely to see young people leading this. @huddle.chair could Lucy "
                "Tremayne coach it?",
            ),
        ),
    },
    {
        "title": "Oral health packs for children in temporary accommodation",
        "days_ago": 180,
        "submitter_name": "Rosa Delgado",
        "submitter_email": "rosa.delgado@example.org",
        "submitter_role": "Health visitor",
        "submitter_type": SubmitterType.STAFF,
        "organisation": COUNCIL,
        "problem": "Children in temporary accommodation have the worst tooth decay in the "
        "county and rarely see a dentist.",
        "aim": "Every family placed in temporary accommodation gets a pack and a dental "
        "appointment.",
        "change_ideas": "Packs handed over with the keys; a dental access slot each week.",
        "proposed_route": INTEGRATED,
        "core20": Core20.YES,
        "plus_groups": [PlusGroup.INCLUSION_HEALTH],
        "child_clinical_areas": [ChildClinicalArea.ORAL_HEALTH],
        "involvement": Involvement.INVOLVED,
        "support_wanted": [SupportWanted.COACHING, SupportWanted.FUNDING],
        "priorities": [CORE20],
        "organisations_involved": [COUNCIL, COMMUNITY],
        "steps": story(
            triage(2),
            lead(2),
            accept(14, INTEGRATED, [COUNCIL, COMMUNITY]),
            start_coaching(20, "Fiona McLeod"),
            session(45, "Packs designed with three families; housing team on board."),
            session(90, "62 packs given; 19 children seen by a dentist."),
            complete(160, "140 packs and 51 dental appointments; housing now funds it."),
        ),
    },
    {
        "title": "Stop-smoking support at the antenatal clinic",
        "days_ago": 85,
        "submitter_name": "Hannah Brookes",
        "submitter_email": "hannah.brookes@example.org",
        "submitter_role": "Midwife",
        "submitter_type": SubmitterType.STAFF,
        "organisation": HOSPITALS,
        "problem": "One in eight women still smoke at delivery at Eastbridge.",
        "aim": "Halve smoking at the time of delivery within a year.",
        "change_ideas": "CO testing at every visit; a tobacco dependence adviser in clinic.",
        "proposed_route": SINGLE,
        "core20": Core20.YES,
        "adult_clinical_areas": [AdultClinicalArea.MATERNITY],
        "involvement": Involvement.NOT_YET,
        "support_wanted": [SupportWanted.COACHING],
        "priorities": [CORE20],
        "steps": story(
            triage(3, who=CHAIR_USERNAME),
            accept(20, SINGLE, [HOSPITALS], who=CHAIR_USERNAME),
            start_coaching(26, "Kasia Nowak", who=CHAIR_USERNAME),
            session(45, "Baseline: CO tests recorded at 58% of booking appointments."),
        ),
    },
    {
        "title": "Falls prevention classes in sheltered housing",
        "days_ago": 5,
        "submitter_name": "Derek Lowry",
        "submitter_email": "derek.lowry@example.org",
        "submitter_role": "Scheme manager",
        "submitter_type": SubmitterType.PUBLIC,
        "organisation": "",
        "organisation_other": "Riverside Housing Association",
        "problem": "Residents fall and wait hours on the floor for help.",
        "aim": "Every resident offered strength and balance classes on site.",
        "change_ideas": "Weekly classes in the lounge, led by a community physiotherapist.",
        "proposed_route": "",
        "core20": Core20.NOT_SURE,
        "involvement": Involvement.PLANNED,
        "support_wanted": [SupportWanted.NOT_SURE],
        "priorities": [FRAILTY],
        "steps": (),
    },
    {
        "title": "Earlier recognition of sepsis in care homes",
        "days_ago": 20,
        "submitter_name": "Angela Fraser",
        "submitter_email": "angela.fraser@example.org",
        "submitter_role": "Care home liaison nurse",
        "submitter_type": SubmitterType.STAFF,
        "organisation": COMMUNITY,
        "problem": "Residents reach hospital with sepsis that started days earlier.",
        "aim": "Care home staff use a soft-signs tool and call for advice the same day.",
        "change_ideas": "RESTORE2 training in four care homes; a daily call with the team.",
        "proposed_route": INTEGRATED,
        "core20": Core20.NO,
        "involvement": Involvement.NOT_YET,
        "support_wanted": [SupportWanted.COACHING, SupportWanted.DATA],
        "priorities": [PSIRF, FRAILTY],
        "agenda": NEXT,
        "steps": story(
            triage(3, who=CHAIR_USERNAME),
            lead(3, CHAIR_USERNAME),
            message(
                4,
                "Thank you, Angela. We will discuss your idea at the next huddle and let "
                "you know within a fortnight.",
                who=CHAIR_USERNAME,
            ),
        ),
    },
    {
        "title": "Book an interpreter in one click",
        "days_ago": 58,
        "submitter_name": "Marta Kowalczyk",
        "submitter_email": "marta.k@example.org",
        "submitter_role": "Outpatient receptionist",
        "submitter_type": SubmitterType.STAFF,
        "organisation": HOSPITALS,
        "problem": "Booking an interpreter takes a phone call and a form; often it is not done.",
        "aim": "Interpreters booked for every appointment that needs one.",
        "change_ideas": "A tick box in the booking system that books the interpreter.",
        "proposed_route": SINGLE,
        "core20": Core20.NOT_SURE,
        "plus_groups": [PlusGroup.ETHNIC_MINORITY],
        "involvement": Involvement.NOT_YET,
        "support_wanted": [SupportWanted.DIGITAL],
        "priorities": [CORE20],
        "steps": story(triage(5), lead(5)),
    },
    {
        "title": "A wellbeing check for carers at every annual review",
        "days_ago": 110,
        "submitter_name": "Irene Lawson",
        "submitter_email": "irene.lawson@example.org",
        "submitter_role": "Carer",
        "submitter_type": SubmitterType.CARER,
        "organisation": PCN,
        "problem": "Carers' own health is not asked about when the person they care for is "
        "reviewed.",
        "aim": "Every carer attending an annual review is offered a wellbeing check.",
        "change_ideas": "Three questions for carers added to the review template.",
        "proposed_route": SINGLE,
        "core20": Core20.NOT_SURE,
        "involvement": Involvement.INVOLVED,
        "support_wanted": [SupportWanted.COACHING],
        "priorities": [FRAILTY],
        "steps": story(
            triage(2),
            decline(
                19,
                "The PCN is replacing its review templates this year and cannot change them "
                "now. The Carers Network will raise it in the new template's design group.",
            ),
        ),
    },
    {
        "title": "A community garden at the mental health unit",
        "days_ago": 65,
        "submitter_name": "Leon Grant",
        "submitter_email": "leon.grant@example.org",
        "submitter_role": "",
        "submitter_type": SubmitterType.SERVICE_USER,
        "organisation": COMMUNITY,
        "problem": "There is nothing to do on the ward in the afternoons.",
        "aim": "Patients spend time outdoors every day, growing food together.",
        "change_ideas": "Raised beds in the courtyard, run with a local gardening charity.",
        "proposed_route": INTEGRATED,
        "core20": Core20.NOT_SURE,
        "adult_clinical_areas": [AdultClinicalArea.SEVERE_MENTAL_ILLNESS],
        "involvement": Involvement.LEADING,
        "support_wanted": [SupportWanted.CO_PRODUCTION, SupportWanted.FUNDING],
        "priorities": [CORE20],
        "organisations_involved": [COMMUNITY, CARERS],
        "steps": story(
            triage(2),
            lead(2, CHAIR_USERNAME),
            accept(16, INTEGRATED, [COMMUNITY, CARERS]),
            start_coaching(25, "Ruth Castellano"),
            session(40, "Garden group of six patients and two staff formed; beds built."),
        ),
    },
    {
        "title": "Blood pressure checks for men at football clubs",
        "days_ago": 1,
        "submitter_name": "Sam Okoro",
        "submitter_email": "sam.okoro@example.org",
        "submitter_role": "Health and wellbeing coach",
        "submitter_type": SubmitterType.STAFF,
        "organisation": PCN,
        "problem": "Men aged 40 to 60 are the least likely to have had a blood pressure check.",
        "aim": "300 checks at three grassroots clubs this season.",
        "change_ideas": "A pop-up check at half time, with a pharmacist.",
        "proposed_route": SINGLE,
        "core20": Core20.YES,
        "adult_clinical_areas": [AdultClinicalArea.HYPERTENSION_LIPIDS],
        "involvement": Involvement.PLANNED,
        "support_wanted": [SupportWanted.DATA],
        "priorities": [CORE20],
        "steps": (),
    },
]

# Text fields the factory would otherwise fill with its own (falls) wording.
_BLANK_TEXT = (
    "who_affected",
    "outcome_measures",
    "process_measures",
    "balancing_measures",
    "baseline_data",
    "first_test",
    "services_pathway",
    "inequalities",
    "involvement_detail",
    "digital_opportunity",
    "support_detail",
    "organisation_other",
    "plus_groups_other",
)
_SPEC_ONLY = ("days_ago", "steps", "agenda", "priorities", "organisations_involved")


# Dates -----------------------------------------------------------------------------------


def past_meeting_date(today: date) -> date:
    """The Tuesday 14 to 20 days before ``today``."""
    return today - timedelta(days=14 + (today.weekday() - 1) % 7)


def next_meeting_date(today: date) -> date:
    """The first Tuesday after ``today``."""
    return today + timedelta(days=(1 - today.weekday()) % 7 or 7)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def submitted_at(spec: dict, index: int, today: date) -> datetime:
    """Submission times spread over the working day and the evening, the same every run."""
    return _at(today - timedelta(days=spec["days_ago"]), 8 + (index * 5) % 13, (index * 17) % 60)


@dataclass(frozen=True)
class Moment:
    step: Step
    at: datetime


def timeline(spec: dict, index: int, today: date, *, meetings: bool = True) -> list[Moment]:
    """When each step of the idea's story happened. Steps decided at the past meeting happen
    on its date (when ``meetings``), the others at 10am on their day, a few minutes apart.
    Raises ``ValueError`` if the story runs backwards or into the future."""
    start = submitted_at(spec, index, today)
    submitted_day = timezone.localdate(start)
    meeting_day = past_meeting_date(today)
    moments = []
    for number, step in enumerate(spec["steps"]):
        minutes = 5 * number
        if step.meeting == PAST and meetings:
            at = _at(meeting_day, 14, minutes)
        else:
            at = _at(submitted_day + timedelta(days=step.day), 10, minutes)
        moments.append(Moment(step, at))
    times = [start, *(moment.at for moment in moments)]
    if any(later <= earlier for earlier, later in zip(times, times[1:], strict=False)):
        raise ValueError(f"The story of {spec['title']!r} runs backwards on {today}.")
    if times[-1] >= _at(today, 0):
        raise ValueError(f"The story of {spec['title']!r} reaches today ({today}).")
    return moments


def demo_reference(title: str) -> str:
    """A reference derived from the title, so the demo is the same on every machine."""
    digest = hashlib.sha256(title.encode()).digest()
    chars = "".join(REFERENCE_ALPHABET[byte % len(REFERENCE_ALPHABET)] for byte in digest[:6])
    return f"{REFERENCE_PREFIX}-{chars[:4]}-{chars[4:]}"


# Seeding ---------------------------------------------------------------------------------


def ensure_chair():
    """The second demo huddle member (``huddle.chair``), so notes can @mention someone."""
    return ensure_user(
        CHAIR_USERNAME, *CHAIR_NAME, group=(access.HUDDLE_MEMBERS, access.HUDDLE_CHAIRS)
    )


def _by_name(model, names):
    default = Locale.get_default()
    return list(model.objects.filter(name__in=names, locale=default))


def _coach(name):
    return CoachProfile.objects.filter(slug=slugify(name, allow_unicode=True)).first()


@dataclass
class _Seeding:
    """What the steps need, and the clocks they set."""

    users: dict
    started: datetime
    meetings: dict = field(default_factory=dict)  # PAST/NEXT -> meeting made in this run
    first_response: datetime | None = None
    decided: datetime | None = None
    status_changed: datetime | None = None
    sifted: datetime | None = None


def _run(step: Step, submission: IdeaSubmission, seeding: _Seeding, at: datetime) -> None:
    user = seeding.users[step.who]
    if step.action == "move":
        change = huddle_actions.change_status(
            submission,
            step.to,
            user=user,
            reason=step.text,
            route=step.route or None,
            redirected_to=step.redirected_to,
        )
        seeding.first_response = seeding.first_response or at
        seeding.status_changed = at
        if step.to in DECISIONS:
            seeding.decided = seeding.decided or at
        meeting = seeding.meetings.get(step.meeting)
        if meeting is not None:
            AgendaItem.objects.create(
                meeting=meeting,
                submission=submission,
                sort_order=meeting.items.count(),
                discussion=step.discussion,
                decision=step.to,
                decision_reason=step.text,
                status_change=change,
            )
    elif step.action == "reply":
        portal_actions.reply(submission, step.text)
        seeding.status_changed = at
    elif step.action == "withdraw":
        portal_actions.withdraw(submission, step.text)
        seeding.status_changed = at
    elif step.action == "message":
        huddle_actions.send_message(submission, user=user, body=step.text)
        seeding.first_response = seeding.first_response or at
    elif step.action == "note":
        huddle_actions.add_note(submission, user=user, body=step.text)
    elif step.action == "sift":
        organisations = _by_name(Organisation, step.organisations)
        huddle_actions.sift(
            submission,
            user=user,
            route=step.route,
            organisations=organisations,
            priorities=submission.priorities.all(),
        )
        seeding.first_response = seeding.first_response or at
        seeding.sifted = at
    elif step.action == "lead":
        huddle_actions.assign(submission, user=seeding.users[HUDDLE_USERNAME], lead=user)
    elif step.action == "coach":
        huddle_actions.assign(submission, user=user, coach=_coach(step.coach))
    elif step.action == "session":
        huddle_actions.log_coaching_session(
            submission, user=user, coach=submission.coach, date=at.date(), note=step.text
        )
    else:
        raise ValueError(f"Unknown demo step {step.action!r}.")


def _backdate(submission: IdeaSubmission, at: datetime, started: datetime) -> None:
    """Move what the last step wrote (everything of this idea dated since the seeding
    started) to the step's moment; its emails count as sent then."""
    StatusChange.objects.filter(submission=submission, changed_at__gte=started).update(
        changed_at=at
    )
    for model in (SubmissionMessage, InternalNote, CoachingSession):
        model.objects.filter(submission=submission, created_at__gte=started).update(created_at=at)
    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(IdeaSubmission),
        object_id=str(submission.pk),
        timestamp__gte=started,
    ).update(timestamp=at)
    submission.outbox_emails.filter(created_at__gte=started).update(
        created_at=at,
        updated_at=at,
        sent_at=at,
        status=EmailStatus.SENT,
        body="",
        html_body="",
        next_attempt_at=None,
    )


def _create(spec: dict, index: int, today: date, seeding: _Seeding) -> IdeaSubmission:
    moments = timeline(spec, index, today, meetings=PAST in seeding.meetings)
    start = submitted_at(spec, index, today)
    fields = dict.fromkeys(_BLANK_TEXT, "")
    fields.update({key: value for key, value in spec.items() if key not in _SPEC_ONLY})
    organisation = _by_name(Organisation, [fields.pop("organisation")])
    reference = demo_reference(spec["title"])
    if IdeaSubmission.objects.filter(reference=reference).exists():
        reference = IdeaSubmission.unused_reference()
    submission = IdeaSubmissionFactory(
        reference=reference,
        organisation=organisation[0] if organisation else None,
        submitter_ip="192.0.2.1",
        submitted_at=start,
        privacy_consent_at=start,
        **fields,
    )
    submission.priorities.set(_by_name(Priority, spec.get("priorities", [])))
    submission.organisations_involved.set(
        _by_name(Organisation, spec.get("organisations_involved", []))
    )
    seeding.first_response = seeding.decided = seeding.status_changed = seeding.sifted = None
    for moment in moments:
        _run(moment.step, submission, seeding, moment.at)
        _backdate(submission, moment.at, seeding.started)
    IdeaSubmission.objects.filter(pk=submission.pk).update(
        status_changed_at=seeding.status_changed or start,
        first_response_at=seeding.first_response,
        decided_at=seeding.decided,
        sifted_at=seeding.sifted,
    )
    if spec.get("agenda") in seeding.meetings:
        meeting = seeding.meetings[spec["agenda"]]
        AgendaItem.objects.create(
            meeting=meeting, submission=submission, sort_order=meeting.items.count()
        )
    return submission


def _meetings(today: date, chair, specs_to_create) -> dict:
    """The past and the next meeting, made only together with the ideas on their agendas."""
    wanted = {step.meeting for spec in specs_to_create for step in spec["steps"]} | {
        spec.get("agenda") for spec in specs_to_create
    }
    attendees = (
        "Ruth Ellison (chair), Femi Adeyemi, Hannah Lowe (QI coach), Imran Qureshi (analyst), "
        "Ruth Castellano (lived experience)"
    )
    meetings = {}
    for key, title, day, notes in (
        (PAST, PAST_MEETING_TITLE, past_meeting_date(today), "Four ideas decided."),
        (NEXT, NEXT_MEETING_TITLE, next_meeting_date(today), ""),
    ):
        if key in wanted and not HuddleMeeting.objects.filter(title=title).exists():
            meetings[key] = HuddleMeeting.objects.create(
                date=day,
                title=title,
                attendees=attendees if key == PAST else "",
                notes=notes,
                created_by=chair,
            )
    return meetings


@transaction.atomic
def seed_ideas(today: date | None = None) -> int:
    """Create the demo ideas that do not exist yet (and their meetings); returns how many
    ideas were created."""
    today = today or timezone.localdate()
    chair = ensure_chair()
    member = get_user_model().objects.get(username=HUDDLE_USERNAME)
    existing = set(
        IdeaSubmission.objects.filter(title__in=[spec["title"] for spec in IDEAS]).values_list(
            "title", flat=True
        )
    )
    to_create = [(index, spec) for index, spec in enumerate(IDEAS) if spec["title"] not in existing]
    seeding = _Seeding(
        users={HUDDLE_USERNAME: member, CHAIR_USERNAME: chair},
        started=timezone.now(),
        meetings=_meetings(today, chair, [spec for _index, spec in to_create]),
    )
    for index, spec in to_create:
        _create(spec, index, today, seeding)
    return len(to_create)
