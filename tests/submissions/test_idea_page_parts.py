"""What the huddle's idea page shows, tested where it is made: what was submitted
(``huddle.answers``), the timeline (``huddle.timeline``) and similar ideas
(``huddle.similar_ideas``)."""

import pytest

from demo.factories import IdeaSubmissionFactory, OrganisationFactory
from submissions.enums import AdultClinicalArea, PlusGroup, Route, Status
from submissions.huddle import actions
from submissions.huddle.answers import answer_fields, answer_sections
from submissions.huddle.similar_ideas import similar_ideas
from submissions.huddle.timeline import timeline
from submissions.portal.steps import STEPS, STEPS_BY_SLUG

pytestmark = pytest.mark.django_db


# What was submitted --------------------------------------------------------------------


def test_sections_follow_the_steps_about_the_idea():
    sections = answer_sections(IdeaSubmissionFactory())
    assert [str(heading) for heading, _rows in sections] == [
        "The idea",
        "Aim",
        "Measures",
        "Changes",
        "Scope",
        "Populations and inequalities",
        "Involvement and digital",
        "Support wanted",
    ]
    # Every stored question of those steps, and nothing about the submitter or consent.
    asked = [name for step in STEPS if step.about_the_idea for name in answer_fields(step)]
    assert len(asked) == sum(len(rows) for _heading, rows in sections)
    assert "submitter_email" not in asked
    assert "attachments" not in answer_fields(STEPS_BY_SLUG["support"])


def test_answers_read_as_labels_from_the_model():
    idea = IdeaSubmissionFactory(
        plus_groups=[PlusGroup.COASTAL_RURAL.value],
        adult_clinical_areas=[AdultClinicalArea.MATERNITY.value],
        proposed_route=Route.INTEGRATED,
        who_affected="",
    )
    idea.organisations_involved.add(OrganisationFactory(name="Kingsmead Hospitals"))
    rows = {
        str(question): lines for _h, section in answer_sections(idea) for question, lines in section
    }
    assert rows["PLUS groups"] == ["Coastal and rural communities"]
    assert rows["clinical areas: adults"] == ["Maternity"]
    assert rows["proposed scope"] == ["Integrated, across providers"]
    assert rows["organisations involved"] == ["Kingsmead Hospitals"]
    assert rows["who it affects"] == []  # asked, not answered: still listed


# The timeline ---------------------------------------------------------------------------


def test_timeline_is_newest_first_and_holds_every_kind(hub_site, huddle_member):
    idea = IdeaSubmissionFactory()
    actions.change_status(idea, Status.IN_TRIAGE, user=huddle_member)
    actions.send_message(idea, user=huddle_member, body="Which wards?")
    actions.add_note(idea, user=huddle_member, body="Looks promising.")
    events = timeline(idea)
    assert [event.kind for event in events] == ["note", "message", "status", "status"]
    assert events[-1].title == "Submitted"
    assert events[-2].title == "Moved from Submitted to In triage"
    assert events[0].body == "Looks promising."


# Similar ideas -------------------------------------------------------------------------


def test_similar_ideas_rank_by_shared_title_words_and_skip_stop_words():
    idea = IdeaSubmissionFactory(title="Safer discharge for frail patients")
    best = IdeaSubmissionFactory(title="Discharge of frail patients at weekends")
    some = IdeaSubmissionFactory(title="Frail patients in clinic")
    IdeaSubmissionFactory(title="Parking for staff")  # shares only "for", a stop word
    assert similar_ideas(idea) == [best, some]


def test_an_idea_without_meaningful_words_has_no_similar_ideas():
    assert similar_ideas(IdeaSubmissionFactory(title="…")) == []
