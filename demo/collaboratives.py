"""A Breakthrough Series collaborative: the Wealdshire falls collaborative, four teams from
four partners, one common measure (inpatient falls per 1,000 bed days, lower is better) and
a timeline of learning sessions and action periods, the next learning session linked to its
event. Each team's data shows a different signal: special cause improvement, special cause
concern, common cause variation, and a short series still shown as a run chart.
Idempotent (looks up by slug first)."""

import datetime
import uuid

from django.utils import timezone

from demo.factories import (
    CollaborativeIndexPageFactory,
    CollaborativePageFactory,
    CollaborativeTeamPageFactory,
    EventPageFactory,
)
from demo.library import COMMUNITY, COUNCIL, PCN, TRUST, _monthly, _noisy
from demo.site import publish
from pages.enums import (
    AttendanceMode,
    EventType,
    ImprovementDirection,
    MeasureType,
    SessionKind,
)
from pages.models import (
    CollaborativeMeasure,
    CollaborativePage,
    CollaborativeSession,
    CollaborativeTeamMeasure,
    EventPage,
)

SLUG = "falls-collaborative"
START = datetime.date(2025, 1, 1)
NEXT_SESSION = datetime.date(2027, 1, 20)
FALLS = "Inpatient falls"
FALLS_UNIT = "falls per 1,000 bed days"

CHANGE_PACKAGE = [
    (
        "Reliable risk assessment",
        "Falls risk assessment within 6 hours of admission",
        "A checklist in the admission bundle, checked at the morning safety huddle.",
    ),
    (
        "Reliable risk assessment",
        "Lying and standing blood pressure for everyone over 65",
        "Recorded on admission and after any change in medicines.",
    ),
    (
        "Safer environments",
        "Bay nursing for patients at high risk",
        "One member of staff stays in the bay, handing over before leaving it.",
    ),
    (
        "Safer nights",
        "Intentional rounding every hour from 10pm",
        "Toilet, thirst, pain and position, asked and recorded.",
    ),
    (
        "Learning from every fall",
        "A ten-minute huddle after each fall",
        "What happened, what helped, what we change tomorrow: no blame.",
    ),
]
FACULTY = [
    ("Dr Amina Shah", "Consultant geriatrician, clinical lead", TRUST),
    ("Tom Okafor", "Falls prevention nurse specialist", COMMUNITY),
    ("Grace Lindqvist", "Improvement analyst", "Wealdshire Integrated Care Board"),
]

# (slug, title, organisation, summary, aim, falls data, cycles [(title, start, end, plan,
# do, study, act)])
TEAMS = [
    (
        "ward-7",
        "Ward 7 (older people’s medicine)",
        TRUST,
        "A 28-bed ward for older people at Wealdshire General Hospital.",
        "Halve falls on Ward 7, from about 7 to 3.5 per 1,000 bed days, by March 2026.",
        # Improvement: a sustained fall after the safety huddle and bay nursing.
        _monthly(START, _noisy(11, [7.0] * 12 + [3.8] * 11, 0.8)),
        [
            (
                "Safety huddle at 8am",
                "2025-09-01",
                "2025-10-31",
                "Predict that a five-minute huddle flags every patient at high risk of falls.",
                "Ran on 40 of 44 weekdays; the night nurse joined before handover.",
                "High-risk patients were flagged 94% of the time, up from 60%.",
                "Adopt, and add a question about the night ahead.",
            ),
            (
                "Bay nursing in bays 1 and 2",
                "2025-11-03",
                "2025-12-19",
                "Predict fewer unwitnessed falls where a nurse stays in the bay.",
                "Kept on 34 of 35 day shifts; hard on two short-staffed nights.",
                "No unwitnessed falls in the two bays for seven weeks.",
                "Adopt in every bay; agree cover for breaks.",
            ),
        ],
    ),
    (
        "larkfield",
        "Larkfield community hospital",
        COMMUNITY,
        "A 24-bed rehabilitation ward in a community hospital.",
        "Reduce falls by a third by June 2026 while keeping patients as active as before.",
        # Concern: falls rose when the ward took more patients with delirium.
        _monthly(START, _noisy(12, [5.0] * 14 + [7.6] * 9, 0.6)),
        [
            (
                "Hourly rounding at night",
                "2026-04-06",
                "2026-05-29",
                "Predict fewer falls between 10pm and 6am with hourly rounding.",
                "Rounds were recorded on 60% of nights: agency staff did not know about it.",
                "Falls at night did not fall; the data now shows more patients with delirium.",
                "Adapt: add rounding to the agency induction and test a delirium screen.",
            ),
        ],
    ),
    (
        "care-homes",
        "Care home support team",
        COUNCIL,
        "The council’s team supporting twelve residential care homes.",
        "Fewer falls in the homes we support, measured per 1,000 occupied bed days.",
        # Common cause: no change yet.
        _monthly(START, _noisy(13, [4.2] * 23, 0.9)),
        [
            (
                "Falls champions in three homes",
                "2026-02-02",
                "2026-04-24",
                "Predict that a trained champion in each home will lead a huddle after falls.",
                "Two of three homes held huddles; one lost its champion to sickness.",
                "Staff liked the huddles; too early to see a change in the falls rate.",
                "Adapt: train two champions per home, then spread to six homes.",
            ),
        ],
    ),
    (
        "riverside",
        "Riverside frailty virtual ward",
        PCN,
        "Patients on the PCN’s frailty virtual ward, joined in the third action period.",
        "No falls for patients in their first week on the virtual ward.",
        # Joined late: too few points for limits, a run chart.
        _monthly(datetime.date(2026, 4, 1), _noisy(14, [3.0] * 8, 0.7)),
        [],
    ),
]


def _session_rows(next_session: EventPage):
    start = NEXT_SESSION
    return [
        (SessionKind.LEARNING_SESSION, "Learning session 1: the case for change", "2025-01-22"),
        (SessionKind.ACTION_PERIOD, "Action period 1", "2025-01-23", "2025-04-30"),
        (
            SessionKind.LEARNING_SESSION,
            "Learning session 2: reliable risk assessment",
            "2025-05-14",
        ),
        (SessionKind.ACTION_PERIOD, "Action period 2", "2025-05-15", "2025-09-30"),
        (SessionKind.LEARNING_SESSION, "Learning session 3: safer nights", "2025-10-15"),
        (SessionKind.ACTION_PERIOD, "Action period 3", "2025-10-16"),
        (
            SessionKind.LEARNING_SESSION,
            "Learning session 4: holding the gains",
            start,
            None,
            next_session,
        ),
        (SessionKind.SUMMIT, "Summit: sharing what worked", start + datetime.timedelta(days=120)),
    ]


def _block(block_type, value):
    # Every block gets an id, or wagtail-localize cannot translate the page.
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def _date(value):
    return (
        value
        if isinstance(value, datetime.date) or value is None
        else datetime.date.fromisoformat(value)
    )


def seed_collaboratives(home, organisations, admin=None, training_index=None):
    """Create the demo collaborative and its teams; returns counts of what exists."""
    index = home.get_children().filter(slug="collaboratives").specific().first()
    if index is None:
        index = CollaborativeIndexPageFactory(
            parent=home,
            introduction=(
                "Teams from across Wealdshire learning together to improve one thing, "
                "measuring it the same way."
            ),
            show_in_menus=True,
        )
        publish(index, admin)

    collaborative = CollaborativePage.objects.filter(slug=SLUG, locale=home.locale).first()
    if collaborative is None:
        collaborative = _collaborative(index, organisations, admin, training_index or home)
    return {
        "collaboratives": CollaborativePage.objects.filter(locale=home.locale).count(),
        "collaborative_teams": collaborative.get_children().count(),
    }


def _collaborative(index, organisations, admin, training_index):
    # Fixed, like the teams' data (the API's golden file shows the timeline's dates).
    start = timezone.make_aware(datetime.datetime.combine(NEXT_SESSION, datetime.time(10)))
    event = EventPageFactory(
        parent=training_index,
        slug="falls-collaborative-learning-session-4",
        title="Falls collaborative: learning session 4",
        summary="For the four teams of the falls collaborative and anyone who wants to join.",
        event_type=EventType.LEARNING_EVENT,
        attendance=AttendanceMode.IN_PERSON,
        place="Wealdshire Education Centre, Kingsmead",
        start=start,
        end=start + datetime.timedelta(hours=6),
        organiser=organisations["Wealdshire Integrated Care Board"],
    )
    publish(event, admin)

    collaborative = CollaborativePageFactory.build(
        slug=SLUG,
        title="Wealdshire falls collaborative",
        summary=(
            "Four teams from four partners, in hospital, community and care homes, testing "
            "the same changes to prevent falls and learning from each other's data."
        ),
        aim="Reduce falls by 30% in every team taking part by the end of 2026.",
        change_package=[
            _block("change", {"driver": driver, "title": title, "description": text})
            for driver, title, text in CHANGE_PACKAGE
        ],
        faculty=[
            _block("member", {"name": name, "role": role, "organisation": org})
            for name, role, org in FACULTY
        ],
        listing_summary="Four teams, one common measure: preventing falls together.",
    )
    index.add_child(instance=collaborative)
    falls = CollaborativeMeasure(
        sort_order=0,
        name=FALLS,
        measure_type=MeasureType.OUTCOME,
        unit=FALLS_UNIT,
        direction=ImprovementDirection.DOWN,
        description="Falls reported on the incident system, per 1,000 occupied bed days.",
    )
    collaborative.common_measures.add(falls)
    for order, (kind, title, begins, *rest) in enumerate(_session_rows(event)):
        ends = rest[0] if rest else None
        collaborative.sessions.add(
            CollaborativeSession(
                sort_order=order,
                kind=kind,
                title=title,
                start=_date(begins),
                end=_date(ends),
                event=rest[1] if len(rest) > 1 else None,
            )
        )
    collaborative.save()
    collaborative.topics.add("falls")
    collaborative.save()
    publish(collaborative, admin)
    falls = collaborative.common_measures.get()

    for slug, title, org, summary, aim, data, cycles in TEAMS:
        team = CollaborativeTeamPageFactory.build(
            slug=slug,
            title=title,
            organisation=organisations[org],
            summary=summary,
            aim=aim,
            pdsa_cycles=[
                _block(
                    "cycle",
                    {
                        "title": cycle_title,
                        "start_date": begins,
                        "end_date": ends,
                        "plan": plan,
                        "do": do,
                        "study": study,
                        "act": act,
                    },
                )
                for cycle_title, begins, ends, plan, do, study, act in cycles
            ],
        )
        collaborative.add_child(instance=team)
        team.measures.add(
            CollaborativeTeamMeasure(
                sort_order=0,
                common_measure=falls,
                name=FALLS,
                measure_type=MeasureType.OUTCOME,
                unit=FALLS_UNIT,
                direction=ImprovementDirection.DOWN,
                data=data,
            )
        )
        team.save()
        publish(team, admin)
    return collaborative
