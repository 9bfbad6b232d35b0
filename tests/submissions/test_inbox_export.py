"""The inbox's CSV export: who may export, which ideas and columns it holds, the personal
data switch, spreadsheet-formula escaping, and the record every export leaves."""

import csv
import io
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.models import ModelLogEntry

import pytest

from demo.factories import (
    CoachProfileFactory,
    IdeaSubmissionFactory,
    OrganisationFactory,
    PriorityFactory,
)
from submissions.enums import PlusGroup, Route, Status
from submissions.models import InboxExport

EXPORT = reverse("huddle:export")
INBOX = reverse("huddle:inbox")
PERSONAL_HEADINGS = ["Submitter name", "Submitter email", "Submitter role"]


def make_idea(*, priorities=(), involved=(), routed_to=(), **fields):
    idea = IdeaSubmissionFactory(history=False, **fields)
    idea.priorities.set(priorities)
    idea.organisations_involved.set(involved)
    idea.route_organisations.set(routed_to)
    return idea


def export(client, query="", *, personal=False):
    data = {"include_personal_data": "on"} if personal else {}
    return client.post(f"{EXPORT}?{query}" if query else EXPORT, data)


def rows(response) -> list[dict[str, str]]:
    """The CSV as dicts, read the way a spreadsheet would (after the byte order mark)."""
    assert response.status_code == 200
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def nothing_recorded():
    return (
        not InboxExport.objects.exists()
        and not ModelLogEntry.objects.filter(action="submissions.export").exists()
    )


@pytest.fixture
def member_client(client, huddle_member):
    client.force_login(huddle_member)
    return client


# Access -------------------------------------------------------------------------------------


def test_anonymous_is_sent_to_the_login_and_nothing_is_recorded(client, db):
    make_idea()
    response = export(client, personal=True)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert nothing_recorded()


@pytest.mark.parametrize("who", ["editor_a", "hub_editor", "coach_not_in_huddle"])
def test_non_members_get_403_and_nothing_is_recorded(client, db, request, who):
    idea = make_idea(title="A secret idea")
    client.force_login(request.getfixturevalue(who))
    for response in (export(client, personal=True), client.get(EXPORT)):
        assert response.status_code == 403
        assert idea.title not in response.content.decode()
        assert idea.submitter_email not in response.content.decode()
    assert nothing_recorded()


def test_a_get_exports_nothing(member_client):
    make_idea()
    assert member_client.get(EXPORT).status_code == 405
    assert nothing_recorded()


def test_the_form_posts_the_lists_filters(member_client):
    make_idea(route=Route.INTEGRATED)
    content = member_client.get(INBOX, {"route": "integrated", "p": "1"}).content.decode()
    assert f'<form method="post" action="{EXPORT}?route=integrated"' in content
    assert 'name="include_personal_data"' in content
    assert "csrfmiddlewaretoken" in content


def test_the_form_checks_csrf(client, huddle_member):
    from django.test import Client

    make_idea()
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(huddle_member)
    assert strict.post(EXPORT).status_code == 403
    assert nothing_recorded()


# Contents -----------------------------------------------------------------------------------


def test_export_without_personal_data(member_client, second_huddle_member):
    trust = OrganisationFactory(name="Kingsmead Hospitals NHS Trust")
    council = OrganisationFactory(name="Eastbridge County Council")
    frailty = PriorityFactory(name="Frailty")
    idea = make_idea(
        reference="QI-7K4M-2Q",
        title="Fewer falls at night",
        organisation=trust,
        involved=[trust, council],
        routed_to=[council],
        priorities=[frailty],
        status=Status.ACCEPTED,
        route=Route.INTEGRATED,
        plus_groups=[PlusGroup.COASTAL_RURAL],
        lead=second_huddle_member,
        coach=CoachProfileFactory(display_name="Clare Coach"),
        submitter_name="Grace Mensah",
        submitter_email="grace.mensah@example.org",
        submitter_role="Ward sister",
    )
    response = export(member_client)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="huddle-inbox-{today}.csv"'
    [row] = rows(response)
    assert row["Reference"] == "QI-7K4M-2Q"
    assert row["Title"] == "Fewer falls at night"
    assert row["Status"] == "Accepted"
    assert row["Organisation"] == "Kingsmead Hospitals NHS Trust"
    assert (
        row["Organisations involved"] == "Eastbridge County Council; Kingsmead Hospitals NHS Trust"
    )
    assert row["Routed to"] == "Eastbridge County Council"
    assert row["Route"] == "Integrated, across providers"
    assert row["Priorities"] == "Frailty"
    assert row["PLUS groups"] == "Coastal and rural communities"
    assert row["Lead"] == "Ravi Rota"
    assert row["Coach"] == "Clare Coach"
    assert row["Submitted"] == timezone.localtime(idea.submitted_at).date().isoformat()
    assert row["Overdue"] == ""
    assert not set(PERSONAL_HEADINGS) & set(row)
    text = response.content.decode()
    for personal in ("Grace Mensah", "grace.mensah@example.org", "Ward sister", "192.0.2.10"):
        assert personal not in text


def test_export_with_personal_data(member_client):
    make_idea(
        submitter_name="Grace Mensah",
        submitter_email="grace.mensah@example.org",
        submitter_role="Ward sister",
    )
    [row] = rows(export(member_client, personal=True))
    assert row["Submitter name"] == "Grace Mensah"
    assert row["Submitter email"] == "grace.mensah@example.org"
    assert row["Submitter role"] == "Ward sister"
    assert "192.0.2.10" not in str(row)  # the IP address is never exported


def test_export_holds_the_filtered_list_in_its_order(member_client):
    now = timezone.now()
    older = make_idea(route=Route.INTEGRATED, submitted_at=now - timedelta(days=3))
    newer = make_idea(route=Route.INTEGRATED, submitted_at=now - timedelta(days=1))
    make_idea(route=Route.SINGLE_PROVIDER)
    closed = make_idea(route=Route.INTEGRATED, status=Status.COMPLETED, submitted_at=now)

    def references(query):
        return [row["Reference"] for row in rows(export(member_client, query))]

    assert references("route=integrated") == [newer.reference, older.reference]
    assert references("route=integrated&ordering=submitted_at") == [
        older.reference,
        newer.reference,
    ]
    assert references("route=integrated&status=all") == [
        closed.reference,
        newer.reference,
        older.reference,
    ]
    assert references(f"q={older.reference}") == [older.reference]


def test_export_is_not_paginated(member_client):
    for _ in range(30):
        make_idea()
    assert len(rows(export(member_client))) == 30


def test_overdue_ideas_say_which_target_they_missed(member_client):
    make_idea(submitted_at=timezone.now() - timedelta(days=30))
    make_idea(
        status=Status.IN_TRIAGE,
        submitted_at=timezone.now() - timedelta(days=60),
        first_response_at=timezone.now() - timedelta(days=50),
    )
    assert sorted(row["Overdue"] for row in rows(export(member_client))) == [
        "Decision overdue",
        "First response overdue",
    ]


def test_non_ascii_text_survives(member_client):
    make_idea(title="Zdrowie psychiczne: Łódź café — “quotes”, commas\nand lines")
    [row] = rows(export(member_client))
    assert row["Title"] == "Zdrowie psychiczne: Łódź café — “quotes”, commas\nand lines"


@pytest.mark.parametrize(
    ("typed", "exported"),
    [
        ('=HYPERLINK("http://evil.example","x")', '\'=HYPERLINK("http://evil.example","x")'),
        ("+44 1234", "'+44 1234"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\tTabbed", "'\tTabbed"),
        ("\rReturned", "'\rReturned"),
        ("A plain title = fine", "A plain title = fine"),
    ],
)
def test_formula_injection_is_escaped(member_client, typed, exported):
    make_idea(title=typed, submitter_name=typed, organisation=None, organisation_other=typed)
    [row] = rows(export(member_client, personal=True))
    assert row["Title"] == exported
    assert row["Submitter name"] == exported
    assert row["Organisation"] == exported


# The record ---------------------------------------------------------------------------------


def test_every_export_is_recorded_and_logged(member_client, huddle_member):
    make_idea(route=Route.INTEGRATED)
    make_idea(route=Route.INTEGRATED)
    make_idea(route=Route.SINGLE_PROVIDER)

    export(member_client, "route=integrated&p=2&_w_filter_fragment=1")
    export(member_client, "q=falls", personal=True)

    first, second = InboxExport.objects.order_by("pk")
    assert (first.user, first.query, first.row_count, first.included_personal_data) == (
        huddle_member,
        "route=integrated",
        2,
        False,
    )
    assert (second.query, second.row_count, second.included_personal_data) == ("q=falls", 3, True)

    entries = ModelLogEntry.objects.filter(action="submissions.export").order_by("pk")
    assert [entry.object_id for entry in entries] == [str(first.pk), str(second.pk)]
    assert all(entry.user == huddle_member for entry in entries)
    assert entries[1].data == {"query": "q=falls", "row_count": 3, "included_personal_data": True}
    assert entries[1].message == "Inbox exported"


def test_an_empty_export_is_still_recorded(member_client, huddle_member):
    assert rows(export(member_client, "q=nothing-matches")) == []
    export_row = InboxExport.objects.get()
    assert export_row.row_count == 0


# Queries ------------------------------------------------------------------------------------


def test_queries_do_not_grow_with_the_number_of_ideas(
    member_client, huddle_member, django_assert_max_num_queries
):
    organisations = OrganisationFactory.create_batch(2)
    priorities = PriorityFactory.create_batch(2)
    coach = CoachProfileFactory()

    def fill(count):
        for _ in range(count):
            make_idea(
                organisation=organisations[0],
                involved=organisations,
                routed_to=organisations[:1],
                priorities=priorities,
                lead=huddle_member,
                coach=coach,
            )

    def measure():
        with CaptureQueriesContext(connection) as queries:
            assert rows(export(member_client, personal=True))
        return len(queries)

    fill(5)
    export(member_client)  # warm caches
    few = measure()
    fill(25)
    assert measure() == few
    with django_assert_max_num_queries(few):
        export(member_client)


def test_the_recorded_query_leaves_out_empty_and_page_parameters(member_client):
    make_idea(route=Route.INTEGRATED)
    export(member_client, "q=&status=&route=integrated&lead=&p=3&_w_filter_fragment=1")
    assert InboxExport.objects.get().query == "route=integrated"
