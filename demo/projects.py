"""Two demo ideas worked on in the open as projects in progress (with the submitter's consent
and the huddle's approval, through the same functions the huddle's buttons call), each with
its measures' data, PDSA cycles and the team's updates; and benefits on several ideas.
Idempotent: an idea that already has its project, or its benefits, is left alone."""

import datetime
import uuid
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from pages.enums import ImprovementDirection, ProjectStage
from submissions.enums import BenefitKind, Status
from submissions.huddle import projects
from submissions.models import Benefit, IdeaSubmission
from submissions.portal.actions import record_consent

from .ideas import HUDDLE_USERNAME

PROJECTS = {
    "A carers' passport that follows people from hospital to home": {
        "stage": ProjectStage.TESTING,
        "team": "Discharge coordinators and ward sisters at Kingsmead, the community nursing "
        "team, adult social care, Wealdshire Carers' Centre and three carers who co-designed "
        "the passport.",
        # Carers reporting they were involved in discharge planning, % a month.
        "measure": (ImprovementDirection.UP, [38, 41, 36, 40, 39, 42, 37, 55, 58, 61, 57, 63]),
        "cycles": [
            (
                "The passport on one ward for a month",
                "Offer the passport to every carer on ward 7; predict half will use it.",
                "Offered to 31 carers; 19 used it at discharge.",
                "Carers involved in discharge planning rose from about 40% to 55%.",
                "Adapt: add the community team's number and test on two more wards.",
            ),
            (
                "A 'carer' flag on the ward board",
                "Flag every patient with a known carer at the morning board round.",
                "Flagged on three wards for four weeks.",
                "Five points in a row above the old mean so far.",
                "Adopt on the three wards; ask social care to read the flag too.",
            ),
        ],
        "updates": [
            (
                150,
                "We started",
                "Carers, nurses and social care agreed the aim and designed "
                "the first version of the passport together.",
            ),
            (100, "First ward", "Ward 7 offered the passport to every carer for a month."),
            (
                45,
                "Three wards and a flag",
                "The passport and the board flag are on three "
                "wards; social care now reads the flag at referral.",
            ),
            (
                10,
                "A real shift",
                "Five months in a row above the old average: the chart calls "
                "it special cause improvement.",
            ),
        ],
    },
    "Text reminders to cut missed physiotherapy appointments": {
        "stage": ProjectStage.PLANNING,
        "team": "The Wey valley community physiotherapy team, its administrators, the "
        "trust's digital team and two patient partners.",
        # Did-not-attend rate per week, %.
        "measure": (ImprovementDirection.DOWN, [14, 15, 13, 16, 14, 15, 12, 11]),
        "cycles": [
            (
                "Two reminders for one clinic",
                "Text reminders three days and one day before, for one clinic for two weeks.",
                "",
                "",
                "",
            ),
        ],
        "updates": [
            (30, "Baseline collected", "Six months of did-not-attend data are on the chart."),
            (6, "First texts sent", "The first clinic's reminders went out this week."),
        ],
    },
}

BENEFITS = [
    # (idea title, kind, who, expected, expected amount, realised, realised amount, how, days)
    (
        "A carers' passport that follows people from hospital to home",
        BenefitKind.PATIENTS,
        "Carers of people leaving hospital",
        "Told about discharge plans in time to prepare.",
        Decimal(400),
        "",
        None,
        "Carers' survey at discharge, monthly.",
        -3,
    ),
    (
        "A carers' passport that follows people from hospital to home",
        BenefitKind.TIME,
        "Discharge coordinators",
        "Fewer calls chasing carers' details.",
        Decimal(300),
        "Coordinators logged fewer chasing calls on the three wards.",
        Decimal(180),
        "Calls logged by the discharge team.",
        -40,
    ),
    (
        "Text reminders to cut missed physiotherapy appointments",
        BenefitKind.MONEY,
        "The community physiotherapy service",
        "Fewer wasted appointment slots.",
        Decimal(36000),
        "",
        None,
        "Missed appointments a week times the cost of a slot.",
        120,
    ),
    (
        "Text reminders to cut missed physiotherapy appointments",
        BenefitKind.EQUITY,
        "People without a mobile phone",
        "A phone call instead of a text, so nobody is left out.",
        Decimal(60),
        "",
        None,
        "Calls made, by age group.",
        120,
    ),
    (
        "Blood pressure checks at the Riverside food bank",
        BenefitKind.PATIENTS,
        "Food bank visitors in Riverside",
        "Undiagnosed high blood pressure found and treated.",
        Decimal(150),
        "212 people checked; 31 referred to their practice.",
        Decimal(212),
        "Checks done and referrals, from the clinic log.",
        -60,
    ),
    (
        "Same-day discharge medicines from the ward pharmacy",
        BenefitKind.STAFF,
        "Ward nurses",
        "Less time waiting for medicines before discharge.",
        Decimal(40),
        "",
        None,
        "Time from discharge decision to medicines ready.",
        30,
    ),
]


# The projects' history is dated from a fixed day (not today), so the API's golden files and
# the charts stay the same whenever the demo is seeded.
AS_OF = datetime.date(2026, 6, 1)


def _monthly(values) -> str:
    """Monthly values ending in the month of ``AS_OF``."""
    year, month = AS_OF.year, AS_OF.month - (len(values) - 1)
    while month < 1:
        year, month = year - 1, month + 12
    lines = []
    for value in values:
        lines.append(f"{year:04d}-{month:02d}-01, {value:g}")
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return "\n".join(lines)


def _cycle(title, plan, do, study, act):
    return {
        "type": "cycle",
        "id": str(uuid.uuid4()),
        "value": {
            "title": title,
            "start_date": None,
            "end_date": None,
            "plan": plan,
            "do": do,
            "study": study,
            "act": act,
        },
    }


def seed_projects() -> int:
    """The demo's projects in progress; returns how many were made now."""
    member = get_user_model().objects.get(username=HUDDLE_USERNAME)
    made = 0
    today = timezone.localdate()
    for title, spec in PROJECTS.items():
        idea = IdeaSubmission.objects.filter(title=title).first()
        if idea is None or idea.project_id:
            continue
        if idea.status not in (Status.ACCEPTED, Status.IN_COACHING):
            continue
        record_consent(idea)
        if idea.project_approved_at is None:
            projects.approve(idea, user=member)
        page = projects.start_project(idea, user=member, parent=projects.sections_for(idea)[0])
        page.stage = spec["stage"]
        page.team = spec["team"]
        page.started_on = AS_OF - datetime.timedelta(days=spec["updates"][0][0])
        page.pdsa_cycles = [_cycle(*cycle) for cycle in spec["cycles"]]
        direction, values = spec["measure"]
        measures = list(page.measures.all())
        if measures:
            measures[0].direction = direction
            measures[0].data = _monthly(values)
            page.measures = measures
        for days_ago, update_title, body in spec["updates"]:
            page.updates.add(
                page.updates.model(
                    date=AS_OF - datetime.timedelta(days=days_ago), title=update_title, body=body
                )
            )
        page.save_revision(user=member).publish(user=member, skip_permission_checks=True)
        made += 1
    for title, kind, who, expected, amount, realised, realised_amount, how, days in BENEFITS:
        idea = IdeaSubmission.objects.filter(title=title).first()
        if idea is None or idea.benefits.filter(kind=kind).exists():
            continue
        Benefit.objects.create(
            submission=idea,
            kind=kind,
            who=who,
            expected=expected,
            expected_amount=amount,
            realised=realised,
            realised_amount=realised_amount,
            measured_how=how,
            review_date=today + datetime.timedelta(days=days),
        )
    return made
