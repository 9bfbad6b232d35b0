"""The status machine: every allowed move works and is logged; everything else is refused."""

import pytest

from demo.factories import IdeaSubmissionFactory, UserFactory
from submissions.enums import Route, Status
from submissions.models import StatusChange
from submissions.status import (
    CLOSED,
    TRANSITIONS,
    InvalidTransition,
    allowed_moves,
    can_transition,
    huddle_decisions,
    missing_for_move,
    steps_to,
)
from submissions.transitions import StaleStatus, decide, latest_change_id, transition

pytestmark = pytest.mark.django_db

HUDDLE_PATH = [
    (Status.IN_TRIAGE, {}),
    (Status.MORE_INFO_REQUESTED, {}),
]


@pytest.fixture
def member(db):
    return UserFactory(username="huddle.member")


def test_the_happy_path_is_logged_with_who_when_and_why(member):
    submission = IdeaSubmissionFactory()

    transition(submission, Status.IN_TRIAGE, by_user=member, reason="Weekly huddle")
    transition(submission, Status.MORE_INFO_REQUESTED, by_user=member, reason="Baseline?")
    transition(submission, Status.SUBMITTER_REPLIED, by_submitter=True)
    transition(submission, Status.ACCEPTED, by_user=member, route=Route.INTEGRATED)
    transition(submission, Status.IN_COACHING, by_user=member)
    transition(submission, Status.COMPLETED, by_user=member, reason="Spread to 3 wards")

    submission.refresh_from_db()
    assert submission.status == Status.COMPLETED
    assert submission.route == Route.INTEGRATED
    history = list(submission.status_changes.values_list("from_status", "to_status"))
    assert history == [
        ("", Status.SUBMITTED),
        (Status.SUBMITTED, Status.IN_TRIAGE),
        (Status.IN_TRIAGE, Status.MORE_INFO_REQUESTED),
        (Status.MORE_INFO_REQUESTED, Status.SUBMITTER_REPLIED),
        (Status.SUBMITTER_REPLIED, Status.ACCEPTED),
        (Status.ACCEPTED, Status.IN_COACHING),
        (Status.IN_COACHING, Status.COMPLETED),
    ]
    triage = submission.status_changes.get(to_status=Status.IN_TRIAGE)
    assert triage.changed_by == member
    assert triage.reason == "Weekly huddle"
    assert triage.changed_at is not None
    reply = submission.status_changes.get(to_status=Status.SUBMITTER_REPLIED)
    assert reply.by_submitter and reply.changed_by is None


def test_more_information_can_go_back_and_forth(member):
    submission = IdeaSubmissionFactory(status=Status.IN_TRIAGE)
    for _round in range(2):
        transition(submission, Status.MORE_INFO_REQUESTED, by_user=member)
        transition(submission, Status.SUBMITTER_REPLIED, by_submitter=True)
    assert submission.status == Status.SUBMITTER_REPLIED


@pytest.mark.parametrize("status", [s for s in Status if s not in CLOSED])
def test_the_submitter_may_withdraw_any_open_idea(status):
    submission = IdeaSubmissionFactory(status=status)
    change = transition(submission, Status.WITHDRAWN, by_submitter=True, reason="Moved job")
    assert change.from_status == status
    assert submission.status == Status.WITHDRAWN


@pytest.mark.parametrize("status", sorted(CLOSED))
def test_closed_ideas_go_nowhere(status, member):
    submission = IdeaSubmissionFactory(status=status)
    for target in Status:
        with pytest.raises(InvalidTransition):
            transition(submission, target, by_user=member, reason="x", route=Route.INTEGRATED)
        with pytest.raises(InvalidTransition):
            transition(submission, target, by_submitter=True, reason="x")
    assert submission.status_changes.count() == 1  # only the first entry


def test_every_move_not_in_the_table_is_refused_and_nothing_is_logged(member):
    for from_status in Status:
        for to_status in Status:
            submission = IdeaSubmissionFactory(status=from_status)
            for by_submitter in (False, True):
                allowed = can_transition(from_status, to_status, by_submitter=by_submitter)
                actor = {"by_submitter": True} if by_submitter else {"by_user": member}
                if allowed:
                    continue
                with pytest.raises(InvalidTransition):
                    transition(
                        submission, to_status, reason="because", route=Route.INTEGRATED, **actor
                    )
                submission.refresh_from_db()
                assert submission.status == from_status
            assert StatusChange.objects.filter(submission=submission).count() == 1


def test_skipping_triage_is_refused_with_a_clear_message(member):
    submission = IdeaSubmissionFactory()
    with pytest.raises(InvalidTransition, match="cannot move from Submitted to Accepted"):
        transition(submission, Status.ACCEPTED, by_user=member, route=Route.INTEGRATED)


def test_only_the_submitter_withdraws_and_replies(member):
    submission = IdeaSubmissionFactory(status=Status.MORE_INFO_REQUESTED)
    with pytest.raises(InvalidTransition, match="only the submitter"):
        transition(submission, Status.WITHDRAWN, by_user=member)
    with pytest.raises(InvalidTransition, match="only the submitter"):
        transition(submission, Status.SUBMITTER_REPLIED, by_user=member)


def test_the_submitter_cannot_make_huddle_decisions():
    submission = IdeaSubmissionFactory(status=Status.IN_TRIAGE)
    with pytest.raises(InvalidTransition, match="only the huddle"):
        transition(submission, Status.ACCEPTED, by_submitter=True, route=Route.INTEGRATED)


def test_someone_must_make_the_move(member):
    submission = IdeaSubmissionFactory()
    with pytest.raises(InvalidTransition, match="Say who"):
        transition(submission, Status.IN_TRIAGE)
    with pytest.raises(InvalidTransition, match="not both"):
        transition(submission, Status.WITHDRAWN, by_user=member, by_submitter=True)


def test_declining_and_redirecting_need_a_reason(member):
    submission = IdeaSubmissionFactory(status=Status.IN_TRIAGE)
    for status in (Status.DECLINED, Status.REDIRECTED):
        with pytest.raises(InvalidTransition, match="Give a reason"):
            transition(submission, status, by_user=member, reason="   ")
    with pytest.raises(InvalidTransition, match="Say which existing project"):
        transition(submission, Status.REDIRECTED, by_user=member, reason="Overlaps")
    transition(
        submission,
        Status.REDIRECTED,
        by_user=member,
        reason="Join the falls network",
        redirected_to="Wealdshire falls network",
    )
    assert submission.status_changes.last().reason == "Join the falls network"
    submission.refresh_from_db()
    assert submission.redirected_to == "Wealdshire falls network"


def test_accepting_needs_a_route(member):
    submission = IdeaSubmissionFactory(status=Status.IN_TRIAGE)
    with pytest.raises(InvalidTransition, match="Choose a route"):
        transition(submission, Status.ACCEPTED, by_user=member)
    transition(submission, Status.ACCEPTED, by_user=member, route=Route.SINGLE_PROVIDER)
    submission.refresh_from_db()
    assert submission.route == Route.SINGLE_PROVIDER


def test_an_unknown_status_is_refused(member):
    with pytest.raises(InvalidTransition, match="not a status"):
        transition(IdeaSubmissionFactory(), "lost", by_user=member)


def test_a_stale_copy_cannot_move_from_a_status_it_no_longer_has(member):
    """Two huddle members act at once: the second sees the status the first left."""
    submission = IdeaSubmissionFactory(status=Status.IN_TRIAGE)
    stale = type(submission).objects.get(pk=submission.pk)
    transition(submission, Status.DECLINED, by_user=member, reason="Out of scope")
    with pytest.raises(InvalidTransition, match="from Declined"):
        transition(stale, Status.ACCEPTED, by_user=member, route=Route.INTEGRATED)


def test_the_table_covers_every_status_and_the_design():
    assert set(TRANSITIONS) == set(Status)
    assert {Status.COMPLETED, Status.DECLINED, Status.REDIRECTED, Status.WITHDRAWN} == CLOSED
    assert allowed_moves(Status.SUBMITTED) == [Status.IN_TRIAGE]
    assert allowed_moves(Status.MORE_INFO_REQUESTED, by_submitter=True) == [
        Status.SUBMITTER_REPLIED,
        Status.WITHDRAWN,
    ]
    assert allowed_moves(Status.ACCEPTED) == [Status.IN_COACHING]
    assert allowed_moves(Status.IN_COACHING) == [Status.COMPLETED]


# What each move requires --------------------------------------------------------------


def test_what_each_move_requires_is_stated_once():
    assert set(missing_for_move(Status.DECLINED)) == {"reason"}
    assert set(missing_for_move(Status.REDIRECTED)) == {"reason", "redirected_to"}
    assert set(missing_for_move(Status.ACCEPTED)) == {"route"}
    assert missing_for_move(Status.ACCEPTED, route=Route.INTEGRATED) == {}
    assert missing_for_move(Status.REDIRECTED, reason="Joins X", redirected_to="X") == {}
    assert missing_for_move(Status.IN_TRIAGE) == {}


def test_the_machine_names_the_missing_answer(member):
    idea = IdeaSubmissionFactory(status=Status.IN_TRIAGE)
    with pytest.raises(InvalidTransition) as refused:
        transition(idea, Status.ACCEPTED, by_user=member)
    assert refused.value.field == "route"


# One decision on a new idea: through triage ---------------------------------------------


def test_the_huddle_decides_on_a_new_idea_in_one_step():
    assert huddle_decisions(Status.SUBMITTED) == [
        Status.IN_TRIAGE,
        Status.MORE_INFO_REQUESTED,
        Status.ACCEPTED,
        Status.DECLINED,
        Status.REDIRECTED,
    ]
    assert steps_to(Status.SUBMITTED, Status.IN_TRIAGE) == [Status.IN_TRIAGE]
    assert steps_to(Status.SUBMITTED, Status.DECLINED) == [Status.IN_TRIAGE, Status.DECLINED]
    # Elsewhere one decision is one move, and the submitter's moves are never the huddle's.
    for status in Status:
        if status != Status.SUBMITTED:
            assert huddle_decisions(status) == allowed_moves(status)
    assert steps_to(Status.SUBMITTED, Status.WITHDRAWN) == []
    assert steps_to(Status.SUBMITTED, Status.COMPLETED) == []


def test_a_decision_on_a_new_idea_is_recorded_as_triage_then_the_decision(member):
    idea = IdeaSubmissionFactory()
    shown = latest_change_id(idea)
    change = decide(
        idea,
        Status.ACCEPTED,
        by_user=member,
        route=Route.INTEGRATED,
        reason="Fits the falls programme",
        expected_change_id=shown,
    )
    idea.refresh_from_db()
    assert idea.status == Status.ACCEPTED == change.to_status
    assert idea.route == Route.INTEGRATED
    assert idea.first_response_at is not None and idea.decided_at is not None
    history = list(idea.status_changes.values_list("from_status", "to_status", "reason"))
    assert history[1:] == [
        (Status.SUBMITTED, Status.IN_TRIAGE, ""),
        (Status.IN_TRIAGE, Status.ACCEPTED, "Fits the falls programme"),
    ]
    assert all(c.changed_by == member for c in idea.status_changes.exclude(from_status=""))


def test_a_refused_decision_on_a_new_idea_changes_nothing(member):
    idea = IdeaSubmissionFactory()
    with pytest.raises(InvalidTransition) as refused:
        decide(idea, Status.DECLINED, by_user=member, reason=" ")
    assert refused.value.field == "reason"
    assert idea.status == Status.SUBMITTED  # the object in hand too
    idea.refresh_from_db()
    assert idea.status == Status.SUBMITTED
    assert idea.first_response_at is None
    assert idea.status_changes.count() == 1


def test_a_decision_on_a_new_idea_someone_moved_meanwhile_is_refused(member):
    idea = IdeaSubmissionFactory()
    shown = latest_change_id(idea)
    transition(type(idea).objects.get(pk=idea.pk), Status.IN_TRIAGE, by_user=member)
    with pytest.raises(StaleStatus, match="In triage"):
        decide(
            idea,
            Status.DECLINED,
            by_user=member,
            reason="Out of scope",
            expected_change_id=shown,
        )
    assert idea.status_changes.count() == 2


def test_decide_refuses_what_no_decision_reaches(member):
    idea = IdeaSubmissionFactory()
    with pytest.raises(InvalidTransition, match="only the submitter"):
        decide(idea, Status.WITHDRAWN, by_user=member)
    with pytest.raises(InvalidTransition, match="cannot move from Submitted to Completed"):
        decide(idea, Status.COMPLETED, by_user=member)
