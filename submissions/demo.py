"""Demo ideas for the fictional Wealdshire system (see ``hub.demo``), in different statuses.

Call :func:`seed_submissions` at the end of ``hub.demo.seed()``, once organisations,
priorities and the demo users exist. Idempotent: an idea whose title exists is left alone.
All people and addresses are invented (``example.org``).
"""

from django.contrib.auth import get_user_model
from django.db import transaction

from wagtail.models import Locale

from hub.models import Organisation, Priority
from tests.factories import IdeaSubmissionFactory

from .enums import (
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
from .models import IdeaSubmission, SubmissionMessage
from .status import transition

HUDDLE_USERNAME = "huddle.member"

IDEAS = [
    {
        "title": "Fewer night-time falls on Kingsmead ward 7",
        "submitter_name": "Grace Mensah",
        "submitter_email": "grace.mensah@example.org",
        "submitter_role": "Ward sister",
        "submitter_type": SubmitterType.STAFF,
        "organisation": "Wealdshire University Hospitals NHS Foundation Trust",
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
        "proposed_route": Route.SINGLE_PROVIDER,
        "core20": Core20.NOT_SURE,
        "plus_groups": [PlusGroup.LEARNING_DISABILITY_AUTISM],
        "involvement": Involvement.PLANNED,
        "support_wanted": [SupportWanted.COACHING, SupportWanted.DATA],
        "priorities": ["Patient safety (PSIRF)", "Frailty and ageing well"],
        "path": [
            (Status.IN_TRIAGE, ""),
            (Status.MORE_INFO_REQUESTED, "Baseline by shift, please."),
        ],
        "message": "Thank you, Grace. Could you tell us how the 14 falls split between "
        "the early and late part of the night? It will help choose the first test.",
    },
    {
        "title": "A carers' passport that follows people from hospital to home",
        "submitter_name": "David Achterberg",
        "submitter_email": "d.achterberg@example.org",
        "submitter_role": "Unpaid carer for my mother",
        "submitter_type": SubmitterType.CARER,
        "organisation": "Wealdshire Carers Network",
        "problem": "Carers are not recognised when the person they care for is admitted, "
        "and are often told about discharge on the day.",
        "who_affected": "Unpaid carers, and people discharged to their care.",
        "aim": "Every known carer is told about discharge plans at least 48 hours ahead.",
        "outcome_measures": "Carers reporting they were involved in discharge planning.",
        "change_ideas": "A carers' passport recognised on wards, in community teams and by "
        "social care; a 'carer' flag on the ward board.",
        "proposed_route": Route.INTEGRATED,
        "core20": Core20.YES,
        "plus_groups": [PlusGroup.COASTAL_RURAL],
        "involvement": Involvement.LEADING,
        "involvement_detail": "Designed by the Carers Network's members' panel.",
        "support_wanted": [SupportWanted.CO_PRODUCTION, SupportWanted.COACHING],
        "priorities": ["Urgent and emergency care flow", "Frailty and ageing well"],
        "organisations_involved": [
            "Wealdshire University Hospitals NHS Foundation Trust",
            "Wealdshire County Council",
            "Wealdshire Carers Network",
        ],
        "path": [
            (Status.IN_TRIAGE, ""),
            (Status.ACCEPTED, "Integrated project across three partners."),
            (Status.IN_COACHING, "Coach: Hannah Lowe."),
        ],
    },
    {
        "title": "Asthma review reminders in Polish and Urdu",
        "submitter_name": "Aisha Rahman",
        "submitter_email": "aisha.r@example.org",
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
        "priorities": ["Core20PLUS5 and health inequalities"],
        "path": [],
    },
    {
        "title": "Blood pressure checks at the Riverside food bank",
        "submitter_name": "Tomasz Nowak",
        "submitter_email": "tomasz.nowak@example.org",
        "submitter_role": "Clinical pharmacist",
        "submitter_type": SubmitterType.STAFF,
        "organisation": "Riverside Primary Care Network",
        "problem": "People using the food bank rarely come for NHS health checks, and "
        "undiagnosed hypertension is common.",
        "who_affected": "Adults using the Riverside food bank.",
        "aim": "Offer 200 blood pressure checks at the food bank in six months.",
        "outcome_measures": "New hypertension diagnoses; people started on treatment.",
        "process_measures": "Checks offered and accepted per session.",
        "change_ideas": "A pharmacist and a volunteer at two sessions a month.",
        "proposed_route": Route.SINGLE_PROVIDER,
        "core20": Core20.YES,
        "plus_groups": [PlusGroup.INCLUSION_HEALTH],
        "adult_clinical_areas": [AdultClinicalArea.HYPERTENSION_LIPIDS],
        "involvement": Involvement.INVOLVED,
        "support_wanted": [SupportWanted.DATA],
        "priorities": ["Core20PLUS5 and health inequalities"],
        "path": [
            (Status.IN_TRIAGE, ""),
            (Status.ACCEPTED, ""),
            (Status.IN_COACHING, ""),
            (Status.COMPLETED, "214 checks, 31 new diagnoses; spreading to two more PCNs."),
        ],
    },
    {
        "title": "A new sepsis screening tool for the emergency department",
        "submitter_name": "Rhys Evans",
        "submitter_email": "rhys.evans@example.org",
        "submitter_role": "Emergency department nurse",
        "submitter_type": SubmitterType.STAFF,
        "organisation": "Wealdshire University Hospitals NHS Foundation Trust",
        "problem": "Screening for sepsis at triage is inconsistent between shifts.",
        "who_affected": "Adults arriving at the emergency department.",
        "aim": "95% of eligible patients screened for sepsis within 15 minutes of arrival.",
        "change_ideas": "A simpler paper screening tool at triage.",
        "proposed_route": Route.SINGLE_PROVIDER,
        "core20": Core20.NO,
        "involvement": Involvement.NOT_YET,
        "support_wanted": [SupportWanted.COACHING],
        "priorities": ["Patient safety (PSIRF)"],
        "path": [
            (Status.IN_TRIAGE, ""),
            (
                Status.REDIRECTED,
                "The trust's sepsis collaborative is already testing an electronic screening "
                "prompt in the ED; we have put you in touch with its lead.",
            ),
        ],
    },
]


def _by_name(model, names):
    default = Locale.get_default()
    return list(model.objects.filter(name__in=names, locale=default))


@transaction.atomic
def seed_submissions() -> int:
    """Create the demo ideas that do not exist yet; returns how many were created."""
    huddle = get_user_model().objects.filter(username=HUDDLE_USERNAME).first()
    created = 0
    for spec in IDEAS:
        if IdeaSubmission.objects.filter(title=spec["title"]).exists():
            continue
        spec = dict(spec)
        path = spec.pop("path")
        message = spec.pop("message", "")
        priorities = _by_name(Priority, spec.pop("priorities", []))
        involved = _by_name(Organisation, spec.pop("organisations_involved", []))
        organisation = _by_name(Organisation, [spec.pop("organisation")])
        submission = IdeaSubmissionFactory(
            organisation=organisation[0] if organisation else None,
            submitter_ip="192.0.2.1",
            **spec,
        )
        submission.priorities.set(priorities)
        submission.organisations_involved.set(involved)
        for status, reason in path:
            if status == Status.SUBMITTER_REPLIED:
                transition(submission, status, by_submitter=True)
            elif huddle is not None:
                transition(
                    submission,
                    status,
                    by_user=huddle,
                    reason=reason,
                    route=spec.get("proposed_route") or Route.SINGLE_PROVIDER,
                )
        if message and huddle is not None:
            SubmissionMessage.objects.create(
                submission=submission, sender="huddle", author=huddle, body=message
            )
        created += 1
    return created
