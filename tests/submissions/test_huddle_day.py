"""The huddle's day: the dashboard panel a member lands on, one-click triage from the inbox
and the dashboard, and the idea page's tabs (which one opens after a refused form)."""

import re
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from demo.factories import CoachProfileFactory, IdeaSubmissionFactory, StatusChangeFactory
from submissions.enums import Status
from submissions.huddle.home_panel import huddle_day
from submissions.models import AgendaItem, HuddleMeeting
from submissions.transitions import latest_change_id

from .test_inbox_list import working_days_ago

HOME = reverse("wagtailadmin_home")
INBOX = reverse("huddle:inbox")


def idea_in(status, **fields):
    idea = IdeaSubmissionFactory(status=status, **fields)
    if status != Status.SUBMITTED:
        StatusChangeFactory(
            submission=idea,
            from_status=Status.SUBMITTED,
            to_status=status,
            changed_at=timezone.now(),
        )
    return idea


def panel_of(response) -> str:
    content = response.content.decode()
    start = content.find('id="huddle-day-section"')
    assert start != -1, "the huddle panel is on the dashboard"
    return content[start : content.index("</section>\n", content.index('id="huddle-day-meeting"'))]


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def member_client(client, huddle_member):
    client.force_login(huddle_member)
    return client


# The dashboard panel ----------------------------------------------------------------------


def test_only_huddle_members_see_the_panel(client, huddle_member, hub_editor):
    client.force_login(hub_editor)
    assert 'id="huddle-day-section"' not in client.get(HOME).content.decode()
    client.force_login(huddle_member)
    assert 'id="huddle-day-section"' in client.get(HOME).content.decode()


def test_the_panel_shows_new_overdue_and_my_ideas_and_the_next_meeting(
    member_client, huddle_member, second_huddle_member
):
    new = idea_in(Status.SUBMITTED, title="Night-time falls huddles")
    late = idea_in(Status.SUBMITTED, title="Hearing loops", submitted_at=working_days_ago(11))
    led = idea_in(Status.IN_TRIAGE, title="Red socks", lead=huddle_member)
    coach = CoachProfileFactory(user=huddle_member, display_name="Hana as coach")
    coached = idea_in(Status.IN_COACHING, title="Discharge letters", coach=coach)
    idea_in(Status.IN_TRIAGE, title="Someone else's idea", lead=second_huddle_member)
    idea_in(Status.COMPLETED, title="Finished work", lead=huddle_member)
    meeting = HuddleMeeting.objects.create(
        date=timezone.localdate() + timedelta(days=3), title="December huddle"
    )
    HuddleMeeting.objects.create(date=timezone.localdate() + timedelta(days=30), title="Later")
    HuddleMeeting.objects.create(date=timezone.localdate() - timedelta(days=3), title="Past")
    AgendaItem.objects.create(meeting=meeting, submission=led)

    panel = panel_of(member_client.get(HOME))
    words = text(panel)

    assert "2 new ideas" in words
    assert "1 idea past a target" in words
    assert "2 open ideas you lead or coach" in words
    for idea in (new, late, led, coached):
        assert f'href="{reverse("huddle:idea", args=[idea.reference])}"' in panel
    assert "Hearing loops " + late.reference + " · first response was due" in words
    assert f"Red socks {led.reference} · In triage · you lead it" in words
    assert f"Discharge letters {coached.reference} · In coaching · you coach it" in words
    assert "Someone else's idea" not in words and "Finished work" not in words
    assert "Next meeting:" in words and "December huddle · 1 idea on the agenda" in words
    assert reverse("huddle:meeting", args=[meeting.pk]) in panel
    assert f'href="{INBOX}"' in panel  # one click to the inbox
    # Each new idea has its "Start triage", sending the history entry it was shown with.
    assert panel.count('action="' + reverse("huddle:triage", args=[new.reference])) == 1
    assert f'name="expected_change" value="{latest_change_id(new)}"' in panel
    assert 'name="csrfmiddlewaretoken"' in panel


def test_the_panel_says_when_there_is_nothing_to_do(member_client):
    words = text(panel_of(member_client.get(HOME)))
    assert "0 new ideas" in words and "No new ideas" in words
    assert "Nothing is overdue." in words
    assert "No meeting planned" in words and "Plan the next meeting" in words


def _fill(count, member):
    coach = getattr(member, "coach_profile", None) or CoachProfileFactory(user=member)
    meeting = HuddleMeeting.objects.filter(date__gte=timezone.localdate()).first()
    meeting = meeting or HuddleMeeting.objects.create(date=timezone.localdate())
    for index in range(count):
        idea_in(Status.SUBMITTED, submitted_at=working_days_ago(index * 3))
        mine = idea_in(Status.IN_TRIAGE, lead=member, coach=coach if index % 2 else None)
        AgendaItem.objects.create(meeting=meeting, submission=mine, sort_order=index)


def test_the_panel_queries_do_not_grow_with_the_ideas(member_client, huddle_member):
    def measure():
        member_client.get(HOME)  # warm caches (content types, settings)
        with CaptureQueriesContext(connection) as page:
            response = member_client.get(HOME)
        assert response.status_code == 200
        with CaptureQueriesContext(connection) as day:
            huddle_day(huddle_member)
        return len(page), len(day)

    _fill(2, huddle_member)
    few = measure()
    _fill(12, huddle_member)
    assert measure() == few
    assert few[1] <= 7  # targets, counts, three lists, the meeting and its agenda


# One-click triage ----------------------------------------------------------------------


def test_the_inbox_offers_start_triage_on_new_ideas_only(member_client):
    new = idea_in(Status.SUBMITTED)
    triaged = idea_in(Status.IN_TRIAGE)
    content = member_client.get(INBOX).content.decode()
    assert reverse("huddle:triage", args=[new.reference]) in content
    assert reverse("huddle:triage", args=[triaged.reference]) not in content
    assert f'name="expected_change" value="{latest_change_id(new)}"' in content
    assert f'name="next" value="{INBOX}"' in content


def test_the_inbox_results_fragment_sends_back_to_the_inbox_not_the_fragment(member_client):
    idea_in(Status.SUBMITTED)
    content = member_client.get(
        reverse("huddle:inbox_results"), {"status": "submitted", "_w_filter_fragment": "1"}
    ).content.decode()
    assert f'name="next" value="{INBOX}?status=submitted"' in content


def test_start_triage_moves_a_new_idea_in_one_click(member_client, huddle_member):
    idea = idea_in(Status.SUBMITTED, title="Night-time falls huddles")
    response = member_client.post(
        reverse("huddle:triage", args=[idea.reference]),
        {"expected_change": latest_change_id(idea), "next": f"{INBOX}?status=submitted"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == f"{INBOX}?status=submitted"
    idea.refresh_from_db()
    assert idea.status == Status.IN_TRIAGE
    assert idea.first_response_at is not None  # the first-response clock stops
    change = idea.status_changes.get(to_status=Status.IN_TRIAGE)
    assert change.changed_by == huddle_member
    assert f"{idea.reference} (Night-time falls huddles) is now “In triage”." in text(
        response.content.decode()
    )
    assert not idea.outbox_emails.exists()  # the submitter is not emailed about triage


def test_start_triage_on_an_idea_someone_moved_meanwhile_is_refused(
    member_client, second_huddle_member
):
    idea = idea_in(Status.SUBMITTED)
    shown = latest_change_id(idea)
    member_client.post(reverse("huddle:triage", args=[idea.reference]), {"expected_change": shown})
    response = member_client.post(
        reverse("huddle:triage", args=[idea.reference]), {"expected_change": shown}, follow=True
    )
    assert "was changed to “In triage”" in text(response.content.decode())
    assert idea.status_changes.filter(to_status=Status.IN_TRIAGE).count() == 1


@pytest.mark.parametrize("unsafe", ["https://evil.example/", "//evil.example/x"])
def test_start_triage_never_sends_off_site(member_client, unsafe):
    idea = idea_in(Status.SUBMITTED)
    response = member_client.post(
        reverse("huddle:triage", args=[idea.reference]),
        {"expected_change": latest_change_id(idea), "next": unsafe},
    )
    assert response.url == INBOX


def test_start_triage_is_for_huddle_members_and_posts_only(client, member_client, hub_editor):
    idea = idea_in(Status.SUBMITTED)
    url = reverse("huddle:triage", args=[idea.reference])
    assert member_client.get(url).status_code == 405
    client.force_login(hub_editor)
    assert client.post(url, {"expected_change": latest_change_id(idea)}).status_code == 403
    idea.refresh_from_db()
    assert idea.status == Status.SUBMITTED


# The idea page's tabs ---------------------------------------------------------------------

TAB_IDS = ["answers", "decision", "people", "conversation", "history"]


def tab_state(content: str) -> dict:
    """Which panel the page opens on, and which panels are drawn hidden."""
    active = re.search(r'data-w-tabs-active-panel-id-value="tab-(\w+)"', content)[1]
    hidden = {
        match[1]
        for match in re.finditer(r'<section id="tab-(\w+)"[^>]*role="tabpanel"([^>]*)>', content)
        if " hidden" in match[2]
    }
    return {"active": active, "hidden": hidden}


def test_the_idea_page_has_five_tabs_and_opens_on_what_was_submitted(member_client):
    idea = idea_in(Status.SUBMITTED)
    content = member_client.get(reverse("huddle:idea", args=[idea.reference])).content.decode()
    assert re.findall(r'id="tab-label-(\w+)"', content) == TAB_IDS
    assert content.count('role="tab"') == 5
    assert tab_state(content) == {"active": "answers", "hidden": set(TAB_IDS) - {"answers"}}


@pytest.mark.parametrize(
    ("action", "data", "tab"),
    [
        ("status", {"status-to_status": Status.DECLINED}, "decision"),
        ("note", {"note-body": ""}, "conversation"),
        ("message", {"message-body": ""}, "conversation"),
        ("coaching", {"coaching-date": "not a date"}, "people"),
    ],
)
def test_a_refused_form_reopens_its_own_tab(member_client, action, data, tab):
    idea = idea_in(Status.IN_TRIAGE)
    url = reverse("huddle:idea", args=[idea.reference])
    response = member_client.post(url, {"action": action, **data})
    assert response.status_code == 422
    content = response.content.decode()
    assert tab_state(content) == {"active": tab, "hidden": set(TAB_IDS) - {tab}}
    # The form posts back to an anchor inside that tab, so the browser reopens it too.
    forms = re.finditer(
        rf'<form[^>]*action="{re.escape(url)}#([\w-]+)"[^>]*>(.*?)</form>', content, re.S
    )
    anchor = next(form[1] for form in forms if f'name="action" value="{action}"' in form[2])
    section = content[: content.index(f'id="{anchor}"')]
    assert section.rindex('<section id="tab-') == section.rindex(f'<section id="tab-{tab}"')


def test_a_successful_form_goes_back_to_its_panel(member_client):
    idea = idea_in(Status.IN_TRIAGE)
    response = member_client.post(
        reverse("huddle:idea", args=[idea.reference]), {"action": "note", "note-body": "Hi"}
    )
    assert response.url.endswith("#note-section")


def test_the_conversation_tab_holds_messages_and_notes_only(member_client, huddle_member):
    from submissions.huddle import actions

    idea = idea_in(Status.IN_TRIAGE)
    actions.add_note(idea, user=huddle_member, body="A private thought")
    content = member_client.get(reverse("huddle:idea", args=[idea.reference])).content.decode()
    conversation = content[
        content.index('id="tab-conversation"') : content.index('id="tab-history"')
    ]
    assert "A private thought" in conversation
    assert "Moved from" not in conversation
    history = content[content.index('id="tab-history"') :]
    assert "A private thought" in history and "Moved from Submitted to In triage" in history
