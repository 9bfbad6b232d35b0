"""Huddle meetings: meetings, agendas, decisions recorded in the meeting (applied through the
status machine), printable minutes without personal data, and who may see any of it."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from demo.factories import IdeaSubmissionFactory, StatusChangeFactory
from hub.enums import EmailPurpose
from submissions.enums import Route, Status
from submissions.huddle import actions as huddle_actions
from submissions.models import AgendaItem, HuddleMeeting, StatusChange
from submissions.transitions import latest_change_id

pytestmark = pytest.mark.django_db

PERSONAL_MARKERS = {
    "submitter_name": "Zebedee Marker-Name",
    "submitter_email": "zebedee.marker@private.example",
    "submitter_role": "Secret-Role-Marker",
    "submitter_ip": "203.0.113.77",
}


def idea_in(status=Status.IN_TRIAGE, **kwargs):
    """An idea whose history leads to ``status`` (submitted, then the move to it)."""
    idea = IdeaSubmissionFactory(status=status, **kwargs)
    if status != Status.SUBMITTED:
        StatusChangeFactory(
            submission=idea,
            from_status=Status.SUBMITTED,
            to_status=status,
            changed_at=timezone.now(),
        )
    return idea


@pytest.fixture
def meeting(huddle_member):
    return HuddleMeeting.objects.create(
        date=timezone.localdate() + timedelta(days=7),
        title="December huddle",
        attendees="Hana Huddle (QI)\nRavi Rota (digital)",
        notes="Welcome to our two lived-experience partners.",
        created_by=huddle_member,
    )


@pytest.fixture
def member_client(client, huddle_member):
    client.force_login(huddle_member)
    return client


def meeting_url(meeting):
    return reverse("huddle:meeting", args=[meeting.pk])


def item_url(item):
    return reverse("huddle:agenda_item", args=[item.meeting_id, item.pk])


def decision_data(item, **values):
    """What the agenda item's form posts: its prefix, and the history id it was shown with."""
    data = {"discussion": "", "decision": "", "reason": "", "route": "", "redirected_to": ""}
    data["expected_change"] = latest_change_id(item.submission) or ""
    data.update(values)
    return {f"item-{item.pk}-{name}": value for name, value in data.items()}


def messages_of(response):
    return [str(message).strip() for message in response.context["messages"]]


def item_form(response, item):
    return next(form for agenda_item, form in response.context["agenda"] if agenda_item == item)


# Meetings --------------------------------------------------------------------------


def test_a_member_creates_a_meeting(member_client, huddle_member):
    response = member_client.post(
        reverse("huddle:meeting_add"),
        {"date": "2026-12-01", "title": "", "attendees": "Hana", "notes": "First meeting"},
    )

    meeting = HuddleMeeting.objects.get()
    assert response.status_code == 302
    assert response.url == meeting_url(meeting)
    assert meeting.date.isoformat() == "2026-12-01"
    assert meeting.created_by == huddle_member
    assert str(meeting) == "Huddle 01 December 2026"


@pytest.mark.parametrize(
    ("date", "error"),
    [("2026-02-30", "Enter a valid date."), ("", "Enter the date of the meeting.")],
)
def test_a_meeting_needs_a_real_date(member_client, date, error):
    response = member_client.post(
        reverse("huddle:meeting_add"),
        {"date": date, "title": "Typed title", "attendees": "Typed attendees", "notes": ""},
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"date": [error]}
    html = response.content.decode()
    assert error in html
    assert 'value="Typed title"' in html
    assert "Typed attendees" in html
    assert not HuddleMeeting.objects.exists()


def test_a_member_edits_a_meeting(member_client, meeting):
    response = member_client.post(
        reverse("huddle:meeting_edit", args=[meeting.pk]),
        {"date": "2026-12-08", "title": "Moved", "attendees": "", "notes": "Moved a week"},
    )

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.date.isoformat(), meeting.title, meeting.notes) == (
        "2026-12-08",
        "Moved",
        "Moved a week",
    )


def test_the_list_shows_upcoming_meetings_soonest_first_then_past_ones_latest_first(
    member_client,
):
    today = timezone.localdate()
    for days, title in [(-14, "Past older"), (14, "Later"), (0, "Today"), (-7, "Past recent")]:
        HuddleMeeting.objects.create(date=today + timedelta(days=days), title=title)

    response = member_client.get(reverse("huddle:meetings"))

    html = response.content.decode()
    positions = [html.index(title) for title in ("Today", "Later", "Past recent", "Past older")]
    assert positions == sorted(positions)
    assert [m.title for m in response.context["upcoming"]] == ["Today", "Later"]


# Adding ideas to the agenda ------------------------------------------------------------


def test_an_idea_is_added_by_its_reference_however_it_is_typed(member_client, meeting):
    idea = idea_in(Status.IN_TRIAGE)
    typed = " " + idea.reference.lower().replace("-", " ") + " "

    response = member_client.post(meeting_url(meeting), {"reference": typed})

    item = AgendaItem.objects.get(meeting=meeting)
    assert item.submission == idea
    assert response.status_code == 302
    assert response.url == f"{meeting_url(meeting)}#item-{item.pk}"


def test_an_unknown_reference_is_explained_next_to_the_field(member_client, meeting):
    response = member_client.post(meeting_url(meeting), {"reference": "QI-ZZZZ-99"})

    assert response.status_code == 200
    assert response.context["add_form"].errors == {
        "reference": ["No idea has the reference “QI-ZZZZ-99”. Check it in the inbox."]
    }
    assert 'value="QI-ZZZZ-99"' in response.content.decode()
    assert not AgendaItem.objects.exists()


def test_adding_an_idea_twice_is_harmless(member_client, meeting):
    idea = idea_in()
    member_client.post(meeting_url(meeting), {"reference": idea.reference})

    response = member_client.post(meeting_url(meeting), {"reference": idea.reference}, follow=True)

    assert AgendaItem.objects.filter(meeting=meeting, submission=idea).count() == 1
    assert f"{idea.reference} is already on the agenda of December huddle." in messages_of(response)


def test_ideas_are_added_at_the_end_of_the_agenda(member_client, meeting):
    first, second = idea_in(), idea_in()
    for idea in (second, first):
        member_client.post(meeting_url(meeting), {"reference": idea.reference})

    response = member_client.get(meeting_url(meeting))

    assert [item.submission for item, _form in response.context["agenda"]] == [second, first]


def test_agenda_add_from_the_idea_page_goes_back_there(member_client, meeting):
    idea = idea_in()
    back = f"/admin/huddle/ideas/{idea.reference}/"

    response = member_client.post(
        reverse("huddle:agenda_add"),
        {"meeting": meeting.pk, "reference": idea.reference, "next": back},
    )

    assert response.status_code == 302
    assert response.url == back
    assert meeting.items.get().submission == idea


@pytest.mark.parametrize(
    "unsafe_next",
    ["https://evil.example/phish", "//evil.example/", "javascript:alert(1)", ""],
)
def test_agenda_add_never_redirects_off_site(member_client, meeting, unsafe_next):
    idea = idea_in()

    response = member_client.post(
        reverse("huddle:agenda_add"),
        {"meeting": meeting.pk, "reference": idea.reference, "next": unsafe_next},
    )

    assert response.status_code == 302
    assert response.url == f"{meeting_url(meeting)}#agenda"
    assert meeting.items.get().submission == idea


def test_agenda_add_explains_an_unknown_reference_or_meeting(member_client, meeting):
    response = member_client.post(
        reverse("huddle:agenda_add"),
        {"meeting": meeting.pk, "reference": "QI-ZZZZ-99", "next": "/admin/"},
        follow=True,
    )
    assert "No idea has the reference “QI-ZZZZ-99”. Check it in the inbox." in messages_of(response)

    response = member_client.post(
        reverse("huddle:agenda_add"), {"meeting": 987654, "reference": idea_in().reference}
    )
    assert response.url == reverse("huddle:meetings")
    assert not AgendaItem.objects.exists()


def test_agenda_add_only_accepts_post(member_client):
    assert member_client.get(reverse("huddle:agenda_add")).status_code == 405


def test_reloading_an_item_page_goes_back_to_the_item(member_client, meeting):
    item = AgendaItem.objects.create(meeting=meeting, submission=idea_in())

    response = member_client.get(item_url(item))

    assert response.status_code == 302
    assert response.url == f"{meeting_url(meeting)}#item-{item.pk}"


def test_add_all_ideas_awaiting_a_decision(member_client, meeting):
    now = timezone.now()
    waiting = [
        idea_in(Status.SUBMITTER_REPLIED, submitted_at=now - timedelta(days=9)),
        idea_in(Status.SUBMITTED, submitted_at=now - timedelta(days=5)),
        idea_in(Status.IN_TRIAGE, submitted_at=now - timedelta(days=2)),
    ]
    already = idea_in(Status.IN_TRIAGE, submitted_at=now - timedelta(days=20))
    AgendaItem.objects.create(meeting=meeting, submission=already, sort_order=0)
    for status in (Status.ACCEPTED, Status.DECLINED, Status.MORE_INFO_REQUESTED):
        idea_in(status)
    on_another_agenda = idea_in(Status.IN_TRIAGE, submitted_at=now)
    other = HuddleMeeting.objects.create(date=meeting.date)
    AgendaItem.objects.create(meeting=other, submission=on_another_agenda)
    url = reverse("huddle:agenda_add_awaiting", args=[meeting.pk])

    response = member_client.post(url, follow=True)

    agenda = [item.submission for item in meeting.items.order_by("sort_order", "pk")]
    assert agenda == [already, *waiting, on_another_agenda]
    assert "4 ideas awaiting a decision added to the agenda." in messages_of(response)

    response = member_client.post(url, follow=True)
    assert meeting.items.count() == 5
    assert "Every idea awaiting a decision is already on the agenda." in messages_of(response)


def test_an_item_without_a_decision_can_be_removed_and_one_with_a_decision_cannot(
    member_client, meeting, huddle_member
):
    undecided = AgendaItem.objects.create(meeting=meeting, submission=idea_in())
    decided = AgendaItem.objects.create(meeting=meeting, submission=idea_in())
    member_client.post(
        item_url(decided), decision_data(decided, decision=Status.ACCEPTED, route="integrated")
    )

    for item in (undecided, decided):
        member_client.post(reverse("huddle:agenda_remove", args=[meeting.pk, item.pk]))

    assert list(meeting.items.all()) == [decided]


# Recording the discussion and the decision ------------------------------------------


def test_recording_a_decision_applies_the_status_change(
    member_client, meeting, huddle_member, hub_site
):
    idea = idea_in(Status.IN_TRIAGE)
    item = AgendaItem.objects.create(meeting=meeting, submission=idea)

    response = member_client.post(
        item_url(item),
        decision_data(
            item,
            discussion="Overlaps the frailty programme.",
            decision=Status.DECLINED,
            reason="The frailty programme already covers night-time falls.",
        ),
    )

    assert response.status_code == 302
    assert response.url == f"{meeting_url(meeting)}#item-{item.pk}"
    idea.refresh_from_db()
    item.refresh_from_db()
    change = StatusChange.objects.get(submission=idea, to_status=Status.DECLINED)
    assert idea.status == Status.DECLINED
    assert idea.decided_at is not None
    assert (change.from_status, change.changed_by, change.reason) == (
        Status.IN_TRIAGE,
        huddle_member,
        "The frailty programme already covers night-time falls.",
    )
    assert item.status_change == change
    assert item.decision == Status.DECLINED
    assert item.decision_reason == change.reason
    assert item.discussion == "Overlaps the frailty programme."
    email = idea.outbox_emails.get(to=idea.submitter_email, purpose=EmailPurpose.STATUS_CHANGE)
    assert "The frailty programme already covers night-time falls." in email.body


def test_a_new_idea_is_decided_in_one_round(member_client, meeting, huddle_member, hub_site):
    """The agenda offers every decision for a new idea, not only "In triage": deciding moves
    it through triage to the decision, both moves in its history, by the same member."""
    idea = idea_in(Status.SUBMITTED)
    item = AgendaItem.objects.create(meeting=meeting, submission=idea)

    form = item_form(member_client.get(meeting_url(meeting)), item)
    offered = [value for value, _label in form.fields["decision"].choices if value]
    assert offered == [
        Status.IN_TRIAGE,
        Status.MORE_INFO_REQUESTED,
        Status.ACCEPTED,
        Status.DECLINED,
        Status.REDIRECTED,
    ]
    assert "triage" in str(form.fields["decision"].help_text)

    response = member_client.post(
        item_url(item),
        decision_data(item, decision=Status.ACCEPTED, route=Route.SINGLE_PROVIDER),
    )

    assert response.status_code == 302
    idea.refresh_from_db()
    item.refresh_from_db()
    assert (idea.status, idea.route) == (Status.ACCEPTED, Route.SINGLE_PROVIDER)
    moves = list(
        idea.status_changes.exclude(from_status="").values_list(
            "from_status", "to_status", "changed_by"
        )
    )
    assert moves == [
        (Status.SUBMITTED, Status.IN_TRIAGE, huddle_member.pk),
        (Status.IN_TRIAGE, Status.ACCEPTED, huddle_member.pk),
    ]
    assert item.status_change == idea.status_changes.get(to_status=Status.ACCEPTED)
    assert item.decision == Status.ACCEPTED
    # The decision, and the survey about it (feedback.survey), nothing more.
    assert sorted(
        idea.outbox_emails.filter(to=idea.submitter_email).values_list("purpose", flat=True)
    ) == sorted([EmailPurpose.STATUS_CHANGE, EmailPurpose.SUBMITTER_SURVEY])


def test_a_refused_decision_on_a_new_idea_leaves_it_new(member_client, meeting):
    idea = idea_in(Status.SUBMITTED)
    item = AgendaItem.objects.create(meeting=meeting, submission=idea)

    response = member_client.post(item_url(item), decision_data(item, decision=Status.DECLINED))

    assert response.status_code == 200
    assert "Give a reason" in str(item_form(response, item).errors["reason"])
    idea.refresh_from_db()
    assert idea.status == Status.SUBMITTED
    assert idea.status_changes.count() == 1


def test_accepting_records_the_route_and_redirecting_where_to(member_client, meeting, hub_site):
    accepted = AgendaItem.objects.create(
        meeting=meeting, submission=idea_in(Status.SUBMITTER_REPLIED)
    )
    redirected = AgendaItem.objects.create(meeting=meeting, submission=idea_in())

    member_client.post(
        item_url(accepted),
        decision_data(accepted, decision=Status.ACCEPTED, route=Route.SINGLE_PROVIDER),
    )
    member_client.post(
        item_url(redirected),
        decision_data(
            redirected,
            decision=Status.REDIRECTED,
            reason="Joins existing work.",
            redirected_to="Eastbridge falls collaborative",
        ),
    )

    accepted.submission.refresh_from_db()
    redirected.submission.refresh_from_db()
    assert accepted.submission.status == Status.ACCEPTED
    assert accepted.submission.route == Route.SINGLE_PROVIDER
    assert redirected.submission.status == Status.REDIRECTED
    assert redirected.submission.redirected_to == "Eastbridge falls collaborative"
    for view in ("huddle:meeting", "huddle:meeting_minutes"):
        html = member_client.get(reverse(view, args=[meeting.pk])).content.decode()
        assert "One provider" in html
        assert "Eastbridge falls collaborative" in html


def test_the_discussion_alone_can_be_saved(member_client, meeting):
    item = AgendaItem.objects.create(meeting=meeting, submission=idea_in())

    response = member_client.post(item_url(item), decision_data(item, discussion="Come back"))

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.discussion == "Come back"
    assert item.status_change is None
    assert item.submission.status_changes.count() == 2


@pytest.mark.parametrize(
    ("values", "field", "error"),
    [
        (
            {"decision": Status.DECLINED},
            "reason",
            "Give a reason for moving an idea to Declined.",
        ),
        (
            {"decision": Status.REDIRECTED, "reason": "Joins other work."},
            "redirected_to",
            "Say which existing project or service the idea joins.",
        ),
        (
            {"decision": Status.ACCEPTED, "route": ""},
            "route",
            "Choose a route (one provider or integrated) when accepting an idea.",
        ),
        (
            {"decision": Status.COMPLETED, "reason": "Typed reason"},
            "decision",
            "cannot move from In triage to Completed",
        ),
        (
            {"decision": "bogus"},
            "decision",
            "Select a valid choice. bogus is not one of the available choices.",
        ),
        (
            {"decision": Status.ACCEPTED, "route": "integrated", "expected_change": "x1"},
            "expected_change",
            "This form was not loaded completely. Reload the page.",
        ),
    ],
)
def test_a_refused_decision_keeps_the_discussion_and_explains_next_to_the_field(
    member_client, meeting, values, field, error
):
    idea = idea_in(Status.IN_TRIAGE)
    item = AgendaItem.objects.create(meeting=meeting, submission=idea)
    history = list(idea.status_changes.values_list("pk", flat=True))

    response = member_client.post(
        item_url(item), decision_data(item, discussion="We talked at length.", **values)
    )

    assert response.status_code == 200
    form = item_form(response, item)
    assert list(form.errors) == [field]
    assert error in form.errors[field][0]
    html = response.content.decode()
    assert "We talked at length." in html
    assert values.get("reason", "We talked at length.") in html
    item.refresh_from_db()
    idea.refresh_from_db()
    assert item.discussion == "We talked at length."
    assert (item.decision, item.decision_reason, item.status_change) == ("", "", None)
    assert idea.status == Status.IN_TRIAGE
    assert list(idea.status_changes.values_list("pk", flat=True)) == history
    assert not idea.outbox_emails.exists()


def test_a_decision_on_an_idea_someone_else_moved_meanwhile_is_refused(
    member_client, meeting, second_huddle_member, hub_site
):
    idea = idea_in(Status.IN_TRIAGE)
    item = AgendaItem.objects.create(meeting=meeting, submission=idea)
    shown = decision_data(
        item,
        discussion="Accept it, integrated.",
        decision=Status.ACCEPTED,
        route=Route.INTEGRATED,
    )
    # While the page was open, a colleague asked the submitter for more information.
    huddle_actions.change_status(idea, Status.MORE_INFO_REQUESTED, user=second_huddle_member)

    response = member_client.post(item_url(item), shown)

    assert response.status_code == 200
    errors = item_form(response, item).errors
    assert list(errors) == ["decision"]
    assert "changed to “More information requested” by Ravi Rota" in errors["decision"][0]
    idea.refresh_from_db()
    item.refresh_from_db()
    assert idea.status == Status.MORE_INFO_REQUESTED
    assert not idea.status_changes.filter(to_status=Status.ACCEPTED).exists()
    assert item.status_change is None
    assert item.discussion == "Accept it, integrated."


def test_a_recorded_decision_is_shown_read_only(member_client, meeting, huddle_member):
    idea = idea_in(Status.SUBMITTER_REPLIED)
    item = AgendaItem.objects.create(meeting=meeting, submission=idea)
    member_client.post(
        item_url(item), decision_data(item, decision=Status.ACCEPTED, route="integrated")
    )

    response = member_client.get(meeting_url(meeting))
    form = item_form(response, item)
    assert not form.can_decide
    assert list(form.fields) == ["discussion"]
    html = response.content.decode()
    assert "recorded by Hana Huddle" in html
    assert f'name="item-{item.pk}-decision"' not in html

    # A stale form posting a decision again changes nothing but the discussion.
    response = member_client.post(
        item_url(item),
        decision_data(item, discussion="Later note", decision=Status.MORE_INFO_REQUESTED),
    )
    idea.refresh_from_db()
    item.refresh_from_db()
    assert idea.status == Status.ACCEPTED
    assert item.decision == Status.ACCEPTED
    assert item.discussion == "Later note"


# Minutes -------------------------------------------------------------------------------


def test_the_minutes_record_decisions_without_personal_data(
    member_client, meeting, huddle_member, hub_site
):
    declined = idea_in(Status.IN_TRIAGE, title="Night-time falls", **PERSONAL_MARKERS)
    pending = idea_in(Status.SUBMITTED, title="Discharge letters", **PERSONAL_MARKERS)
    declined_item = AgendaItem.objects.create(meeting=meeting, submission=declined)
    AgendaItem.objects.create(
        meeting=meeting, submission=pending, sort_order=1, discussion="Next time."
    )
    member_client.post(
        item_url(declined_item),
        decision_data(
            declined_item,
            discussion="Covered elsewhere.",
            decision=Status.DECLINED,
            reason="Part of the frailty programme.",
        ),
    )

    response = member_client.get(reverse("huddle:meeting_minutes", args=[meeting.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    for expected in [
        "December huddle",
        "Ravi Rota (digital)",
        "Welcome to our two lived-experience partners.",
        f"{declined.reference}: Night-time falls",
        "In triage",
        "Declined",
        "Part of the frailty programme.",
        "Covered elsewhere.",
        "Hana Huddle",
        f"{pending.reference}: Discharge letters",
        "None recorded (status now: Submitted).",
        "Next time.",
    ]:
        assert expected in html, expected
    for marker in PERSONAL_MARKERS.values():
        assert marker not in html
    assert html.index(declined.reference) < html.index(pending.reference)


def test_the_meeting_page_links_to_the_minutes(member_client, meeting):
    response = member_client.get(meeting_url(meeting))

    assert reverse("huddle:meeting_minutes", args=[meeting.pk]) in response.content.decode()


# Queries -------------------------------------------------------------------------------


def _agenda_of(meeting, size, user):
    for number in range(size):
        idea = idea_in(Status.SUBMITTER_REPLIED if number % 2 else Status.IN_TRIAGE)
        item = AgendaItem.objects.create(meeting=meeting, submission=idea, sort_order=number)
        if number % 3 == 0:
            change = huddle_actions.change_status(
                idea, Status.ACCEPTED, user=user, route="integrated"
            )
            item.status_change, item.decision = change, change.to_status
            item.save()


@pytest.mark.parametrize("view", ["huddle:meeting", "huddle:meeting_minutes"])
def test_queries_do_not_grow_with_the_agenda(
    member_client, meeting, huddle_member, hub_site, view, django_assert_max_num_queries
):
    url = reverse(view, args=[meeting.pk])
    _agenda_of(meeting, 2, huddle_member)
    member_client.get(url)  # warm caches (settings, content types)
    # 15: the admin's menu asks, once per request, which reports the member may see (the
    # content health report: their groups, the partner sections); the agenda adds none.
    with django_assert_max_num_queries(15) as small:
        member_client.get(url)

    _agenda_of(meeting, 18, huddle_member)
    with django_assert_max_num_queries(15) as large:
        response = member_client.get(url)

    assert len(response.context["items" if view.endswith("minutes") else "agenda"]) == 20
    assert len(large.captured_queries) == len(small.captured_queries)


def test_the_list_queries_do_not_grow_with_the_meetings(
    member_client, django_assert_max_num_queries
):
    today = timezone.localdate()
    url = reverse("huddle:meetings")

    def meetings_from(first_day, last_day):
        for days in range(first_day, last_day):
            meeting = HuddleMeeting.objects.create(date=today + timedelta(days=days))
            AgendaItem.objects.create(meeting=meeting, submission=idea_in())

    meetings_from(-1, 1)
    member_client.get(url)
    # (The admin's menu asks which reports the member may see: three of these.)
    with django_assert_max_num_queries(18) as few:
        member_client.get(url)
    meetings_from(-40, -1)
    meetings_from(1, 10)
    with django_assert_max_num_queries(18) as many:
        response = member_client.get(url)

    assert len(response.context["past"]) == 20
    assert len(response.context["upcoming"]) == 10
    assert len(many.captured_queries) == len(few.captured_queries)


# Access --------------------------------------------------------------------------------


def _every_meeting_request(meeting, item, idea):
    """(method, url, data) for every meeting URL, with data that would change something."""
    pk = meeting.pk
    return [
        ("get", reverse("huddle:meetings"), None),
        ("get", reverse("huddle:meeting_add"), None),
        ("post", reverse("huddle:meeting_add"), {"date": "2026-12-01"}),
        ("get", reverse("huddle:meeting", args=[pk]), None),
        ("post", reverse("huddle:meeting", args=[pk]), {"reference": idea.reference}),
        ("get", reverse("huddle:meeting_edit", args=[pk]), None),
        ("post", reverse("huddle:meeting_edit", args=[pk]), {"date": "2030-01-01"}),
        ("get", reverse("huddle:meeting_minutes", args=[pk]), None),
        ("post", reverse("huddle:agenda_add_awaiting", args=[pk]), {}),
        (
            "post",
            reverse("huddle:agenda_add"),
            {"meeting": pk, "reference": idea.reference, "next": "/"},
        ),
        ("get", reverse("huddle:agenda_add"), None),
        (
            "post",
            item_url(item),
            decision_data(item, discussion="Overwritten", decision=Status.ACCEPTED, route="x"),
        ),
        ("get", item_url(item), None),
        ("post", reverse("huddle:agenda_remove", args=[pk, item.pk]), {}),
    ]


def _state():
    return (
        list(HuddleMeeting.objects.values_list("pk", "date", "title")),
        list(AgendaItem.objects.values_list("pk", "discussion", "decision")),
        StatusChange.objects.count(),
    )


@pytest.mark.parametrize("who", ["editor_a", "hub_editor", "coach_not_in_huddle"])
def test_non_members_get_403_everywhere_and_change_nothing(client, request, meeting, who):
    item = AgendaItem.objects.create(meeting=meeting, submission=idea_in(), discussion="Kept")
    idea = idea_in(Status.SUBMITTED)
    before = _state()
    client.force_login(request.getfixturevalue(who))

    for method, url, data in _every_meeting_request(meeting, item, idea):
        response = getattr(client, method)(url, data)
        assert response.status_code == 403, (method, url)
        assert "December huddle" not in response.content.decode()

    assert _state() == before


def test_anonymous_people_are_sent_to_sign_in(client, meeting):
    item = AgendaItem.objects.create(meeting=meeting, submission=idea_in(), discussion="Kept")
    idea = idea_in(Status.SUBMITTED)
    before = _state()

    for method, url, data in _every_meeting_request(meeting, item, idea):
        response = getattr(client, method)(url, data)
        assert response.status_code == 302, (method, url)
        assert response.url.startswith(reverse("wagtailadmin_login")), url

    assert _state() == before


def test_huddle_members_can_open_every_page(member_client, meeting):
    AgendaItem.objects.create(meeting=meeting, submission=idea_in())
    for url in [
        reverse("huddle:meetings"),
        reverse("huddle:meeting_add"),
        meeting_url(meeting),
        reverse("huddle:meeting_edit", args=[meeting.pk]),
        reverse("huddle:meeting_minutes", args=[meeting.pk]),
    ]:
        assert member_client.get(url).status_code == 200, url


def test_an_item_of_another_meeting_is_not_found(member_client, meeting):
    other = HuddleMeeting.objects.create(date=meeting.date)
    item = AgendaItem.objects.create(meeting=other, submission=idea_in())
    url = reverse("huddle:agenda_item", args=[meeting.pk, item.pk])

    assert member_client.post(url, decision_data(item, discussion="x")).status_code == 404
    assert (
        member_client.post(reverse("huddle:agenda_remove", args=[meeting.pk, item.pk])).status_code
        == 404
    )
    assert AgendaItem.objects.get(pk=item.pk).discussion == ""
