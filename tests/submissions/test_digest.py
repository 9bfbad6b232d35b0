"""The weekly huddle digest: what it holds, who gets it, and once per member per week."""

from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from demo.factories import IdeaSubmissionFactory, UserFactory
from hub import access
from hub.models import OutboxEmail
from submissions.enums import Status
from submissions.huddle import digest
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
# Monday 10 November 2025 (ISO week 46), 7am: the digest lists ideas from 3 to 9 November.
MONDAY = datetime(2025, 11, 10, 7, tzinfo=LONDON)
PERSONAL = ("Zebedee Quartermaine", "zebedee.q@example.org", "Night sister", "192.0.2.77")


def idea(title, submitted_at, **fields):
    return IdeaSubmissionFactory(
        title=title,
        submitted_at=submitted_at,
        submitter_name=PERSONAL[0],
        submitter_email=PERSONAL[1],
        submitter_role=PERSONAL[2],
        submitter_ip=PERSONAL[3],
        **fields,
    )


@pytest.fixture
def ideas(hub_site, huddle_member):
    return {
        "new": idea("Walking aids by every bed", datetime(2025, 11, 5, 14, tzinfo=LONDON)),
        "sunday": idea("Quieter wards at night", datetime(2025, 11, 9, 23, 30, tzinfo=LONDON)),
        "this_week": idea("Not yet: this week", datetime(2025, 11, 10, 6, tzinfo=LONDON)),
        "older": idea(
            "Not new: the week before",
            datetime(2025, 10, 30, 9, tzinfo=LONDON),
            status=Status.IN_TRIAGE,
            first_response_at=datetime(2025, 10, 31, 9, tzinfo=LONDON),
        ),
        "led": idea(
            "Discharge letters in plain English",
            datetime(2025, 10, 20, 9, tzinfo=LONDON),
            status=Status.IN_TRIAGE,
            status_changed_at=datetime(2025, 11, 6, 9, tzinfo=LONDON),
            first_response_at=datetime(2025, 10, 22, 9, tzinfo=LONDON),
            lead=huddle_member,
        ),
        "led_closed": idea(
            "Closed: not listed",
            datetime(2025, 10, 1, 9, tzinfo=LONDON),
            status=Status.DECLINED,
            first_response_at=datetime(2025, 10, 2, 9, tzinfo=LONDON),
            decided_at=datetime(2025, 10, 2, 9, tzinfo=LONDON),
            lead=huddle_member,
        ),
        "overdue": idea("Nobody has answered this one", datetime(2025, 10, 1, 9, tzinfo=LONDON)),
    }


def digest_for(user):
    return OutboxEmail.objects.get(to=user.email, key__startswith="digest:")


def test_each_member_gets_new_led_and_overdue_ideas(ideas, huddle_member, second_huddle_member):
    run = digest.send_digests(MONDAY)

    assert {d.member for d in run.sent} == {huddle_member, second_huddle_member}
    email = digest_for(huddle_member)
    assert email.key == f"digest:{huddle_member.pk}:2025-W46"
    assert email.subject == (
        "Huddle digest, week of 10 November 2025: 2 new, 1 you lead, 1 overdue"
    )
    body = email.body
    assert "Hello Hana," in body
    new_part = body.split("NEW IDEAS")[1].split("IDEAS YOU LEAD")[0]
    for key in ("new", "sunday"):
        assert f"{ideas[key].reference}: {ideas[key].title}" in new_part
    assert "from 3 November 2025 to 9 November 2025" in new_part
    assert "Status: Submitted. Received 5 days ago." in new_part  # Wednesday to Monday
    assert "Status: Submitted. Received 1 day ago." in new_part  # Sunday night
    for key in ("this_week", "older", "led_closed"):
        assert ideas[key].reference not in body
    led_part = body.split("IDEAS YOU LEAD")[1].split("OVERDUE")[0]
    assert f"{ideas['led'].reference}: Discharge letters in plain English" in led_part
    assert "Status: In triage, for 3 days." in led_part
    overdue_part = body.split("OVERDUE IDEAS")[1]
    assert ideas["overdue"].reference in overdue_part
    assert "Received 40 days ago; the first response was due on 15 October 2025." in overdue_part
    # Absolute links to the idea in the inbox, in both bodies.
    link = f"http://testserver/admin/huddle/ideas/{ideas['led'].reference}/"
    assert link in body
    assert f'href="{link}"' in email.html_body

    # The second member leads nothing: the same new and overdue ideas, no "you lead".
    other = digest_for(second_huddle_member)
    assert other.subject.endswith("2 new, 0 you lead, 1 overdue")
    assert "IDEAS YOU LEAD" not in other.body
    assert ideas["led"].reference not in other.body


def test_the_digest_holds_no_personal_data(ideas, huddle_member):
    digest.send_digests(MONDAY)
    email = digest_for(huddle_member)
    for text in (email.subject, email.body, email.html_body):
        for personal in PERSONAL:
            assert personal not in text
    assert email.cause == huddle_member  # about the member, not about any one idea


def test_a_second_run_in_the_same_week_sends_nothing_new(
    ideas, huddle_member, second_huddle_member
):
    digest.send_digests(MONDAY)
    assert OutboxEmail.objects.filter(key__startswith="digest:").count() == 2

    later = digest.send_digests(MONDAY + timedelta(days=4))  # Friday, same ISO week
    assert later.sent == []
    assert len(later.already_sent) == 2
    assert OutboxEmail.objects.filter(key__startswith="digest:").count() == 2


def test_next_week_brings_a_new_digest(ideas, huddle_member):
    digest.send_digests(MONDAY)
    next_week = digest.send_digests(MONDAY + timedelta(weeks=1))
    assert huddle_member in {d.member for d in next_week.sent}
    keys = set(OutboxEmail.objects.filter(to=huddle_member.email).values_list("key", flat=True))
    assert keys == {f"digest:{huddle_member.pk}:2025-W46", f"digest:{huddle_member.pk}:2025-W47"}
    email = OutboxEmail.objects.get(key=f"digest:{huddle_member.pk}:2025-W47")
    # Last week's new ideas are not new again; "this_week" now is.
    assert ideas["this_week"].reference in email.body
    assert ideas["new"].reference not in email.body


def test_people_outside_the_huddle_never_get_one(
    ideas, huddle_member, editor_a, hub_editor, coach_not_in_huddle, groups
):
    for user in (editor_a, hub_editor, coach_not_in_huddle):
        user.email = f"{user.username}@example.org"
        user.save()
    former = UserFactory(
        username="former.member",
        email="former@example.org",
        password=PASSWORD,
        groups=[groups[access.HUDDLE_MEMBERS]],
        is_active=False,
    )
    digest.send_digests(MONDAY)
    recipients = set(
        OutboxEmail.objects.filter(key__startswith="digest:").values_list("to", flat=True)
    )
    assert recipients == {huddle_member.email}
    assert former.email not in recipients


def test_nothing_to_report_means_no_email(hub_site, huddle_member):
    run = digest.send_digests(MONDAY)
    assert [d.member for d in run.nothing_to_report] == [huddle_member]
    assert not OutboxEmail.objects.exists()


def test_a_member_without_an_address_is_skipped(ideas, huddle_member):
    huddle_member.email = ""
    huddle_member.save()
    run = digest.send_digests(MONDAY)
    assert [d.member for d in run.no_email_address] == [huddle_member]
    assert not OutboxEmail.objects.exists()


def test_the_digest_is_delivered(ideas, huddle_member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        digest.send_digests(MONDAY)
    assert [message.to for message in mail.outbox] == [[huddle_member.email]]
    assert mail.outbox[0].subject.startswith("Huddle digest, week of 10 November 2025")


def test_queries_do_not_grow_with_members_or_ideas(ideas, groups):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            digest.build_digests(MONDAY)
        return len(captured)

    queries()  # the first run creates the targets' settings row
    few = queries()
    for number in range(4):
        member = UserFactory(
            username=f"member{number}",
            email=f"member{number}@example.org",
            groups=[groups[access.HUDDLE_MEMBERS]],
        )
        for days in (1, 3):
            idea(
                f"More work {number}-{days}",
                datetime(2025, 11, 3 + days, 9, tzinfo=LONDON),
                lead=member,
                status=Status.IN_TRIAGE,
            )
    assert queries() == few


def test_the_command_dry_run_lists_and_sends_nothing(hub_site, huddle_member, second_huddle_member):
    overdue = idea("Waiting far too long", timezone.now() - timedelta(days=60))
    second_huddle_member.email = ""
    second_huddle_member.save()
    out = StringIO()
    call_command("send_huddle_digest", "--dry-run", stdout=out)
    output = out.getvalue()
    assert f"Would send to huddle.one <{huddle_member.email}>: 0 new, 0 you lead, 1 overdue" in (
        output
    )
    assert f"overdue: {overdue.reference} Waiting far too long (Submitted)" in output
    assert "No email address for huddle.two: no email." in output
    assert not OutboxEmail.objects.exists()

    call_command("send_huddle_digest", stdout=StringIO())
    out = StringIO()
    call_command("send_huddle_digest", stdout=out)
    assert "Already sent this week to huddle.one: nothing new." in out.getvalue()
    assert OutboxEmail.objects.filter(key__startswith="digest:").count() == 1


def test_the_command_says_when_there_is_nothing_to_report(hub_site, huddle_member):
    out = StringIO()
    call_command("send_huddle_digest", stdout=out)
    assert "Nothing to report for huddle.one: no email." in out.getvalue()
    assert "sent 0 digest(s)" in out.getvalue()


def test_the_task_sends_the_same_digest(hub_site, huddle_member):
    idea("Waiting far too long", timezone.now() - timedelta(days=60))
    result = digest.send_huddle_digest_task.enqueue()
    assert result.return_value["sent"] == ["huddle.one"]
    assert OutboxEmail.objects.filter(to=huddle_member.email).count() == 1
