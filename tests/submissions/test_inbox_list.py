"""The huddle inbox list: who may open it, what each filter, the search, the sorting, the
counts per status and the pagination show, the overdue flag, and its query count."""

import re
from datetime import datetime, time, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from demo.factories import IdeaSubmissionFactory, OrganisationFactory, PriorityFactory, UserFactory
from submissions.enums import (
    AdultClinicalArea,
    ChildClinicalArea,
    Core20,
    Involvement,
    PlusGroup,
    Route,
    Status,
)
from submissions.huddle.clocks import add_working_days

INBOX = reverse("huddle:inbox")
RESULTS = reverse("huddle:inbox_results")
# The row's header cell: the title as a link to the idea, its reference under it.
ROW_REFERENCE = re.compile(
    r'<th scope="row"[^>]*>\s*<a href="([^"]+)"[^>]*>[^<]*</a>\s*<span[^>]*>(QI-[0-9A-Z-]+)</span>'
)


def make_idea(*, priorities=(), involved=(), routed_to=(), **fields):
    """An idea with its many-to-many answers; ``history=False``: the list reads no history."""
    idea = IdeaSubmissionFactory(history=False, **fields)
    idea.priorities.set(priorities)
    idea.organisations_involved.set(involved)
    idea.route_organisations.set(routed_to)
    return idea


def listed(response) -> list[str]:
    """The references in the table, top to bottom, as the member sees them."""
    assert response.status_code == 200
    return [reference for _url, reference in ROW_REFERENCE.findall(response.content.decode())]


def row_text(response, reference) -> str:
    """The words of the table row of the idea ``reference``, without markup."""
    content = response.content.decode()
    start = content.rindex("<tr", 0, content.index(f">{reference}</span>"))
    row = content[start:].split("</tr>")[0]
    return " ".join(re.sub(r"<[^>]+>", " ", row).split())


def working_days_ago(count: int) -> datetime:
    """Noon, ``count`` working days (Monday to Friday) before today."""
    day = timezone.localdate()
    while count:
        day -= timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return timezone.make_aware(datetime.combine(day, time(12)))


@pytest.fixture
def member_client(client, huddle_member):
    client.force_login(huddle_member)
    return client


# Access -------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [INBOX, RESULTS])
def test_anonymous_is_sent_to_the_admin_login(client, db, url):
    IdeaSubmissionFactory(title="A secret idea")
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


@pytest.mark.parametrize("who", ["editor_a", "hub_editor", "coach_not_in_huddle"])
@pytest.mark.parametrize("url", [INBOX, RESULTS])
def test_signed_in_non_members_get_403_and_see_no_idea(client, db, request, who, url):
    IdeaSubmissionFactory(title="A secret idea", reference="QI-SECR-ET")
    client.force_login(request.getfixturevalue(who))
    response = client.get(url)
    assert response.status_code == 403
    content = response.content.decode()
    assert "A secret idea" not in content
    assert "QI-SECR-ET" not in content


def test_huddle_member_sees_the_inbox(member_client):
    idea = make_idea(title="Fewer falls at night")
    response = member_client.get(INBOX)
    assert listed(response) == [idea.reference]
    assert "Fewer falls at night" in response.content.decode()


def test_superuser_sees_the_inbox(client, db):
    idea = make_idea()
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    assert listed(client.get(INBOX)) == [idea.reference]


def test_the_inbox_is_in_the_huddle_menu_for_members_only(client, huddle_member, hub_editor):
    client.force_login(huddle_member)
    assert INBOX in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(hub_editor)
    assert INBOX not in client.get(reverse("wagtailadmin_home")).content.decode()


# What a row shows -----------------------------------------------------------------------------


def test_a_row_shows_every_column(member_client, second_huddle_member):
    trust = OrganisationFactory(name="Kingsmead Hospitals NHS Trust")
    falls = PriorityFactory(name="Falls prevention", sort_order=2)
    frailty = PriorityFactory(name="Frailty", sort_order=1)
    idea = make_idea(
        title="Red socks for people who need help to walk",
        organisation=trust,
        priorities=[falls, frailty],
        status=Status.ACCEPTED,
        route=Route.INTEGRATED,
        lead=second_huddle_member,
        submitted_at=timezone.now() - timedelta(days=20),
        status_changed_at=timezone.now() - timedelta(days=6, hours=1),
        first_response_at=timezone.now() - timedelta(days=15),
        decided_at=timezone.now() - timedelta(days=6),
    )
    response = member_client.get(INBOX)
    content = response.content.decode()
    assert ROW_REFERENCE.search(content).group(1) == reverse("huddle:idea", args=[idea.reference])
    submitted = timezone.localtime(idea.submitted_at)
    assert row_text(response, idea.reference) == (
        f"Red socks for people who need help to walk {idea.reference} "
        "Kingsmead Hospitals NHS Trust Frailty, Falls prevention Accepted Integrated, across "
        f"providers Ravi Rota {submitted:%-d %b %Y} 6 Not overdue"
    )
    # Personal data is never in the list.
    assert idea.submitter_name not in content
    assert idea.submitter_email not in content


def test_the_other_organisation_shows_when_none_was_chosen(member_client):
    make_idea(organisation=None, organisation_other="Wealdshire Men's Shed")
    assert "Wealdshire Men&#x27;s Shed" in member_client.get(INBOX).content.decode()


def test_an_idea_without_a_lead_says_unassigned(member_client):
    make_idea(lead=None)
    assert "Unassigned" in member_client.get(INBOX).content.decode()


def test_table_headers_are_marked_up_for_screen_readers(member_client):
    make_idea()
    content = member_client.get(INBOX).content.decode()
    table = content[content.index('<table class="listing">') :].split("</table>")[0]
    assert table.count('<th scope="col"') == 8
    assert table.count('<th scope="row"') == 1
    assert 'aria-sort="descending"' in content  # newest submitted first
    assert "<caption" in content


# The overdue flag and filter ---------------------------------------------------------------


def test_first_response_is_overdue_after_ten_working_days(member_client):
    on_time = make_idea(title="Ten working days old", submitted_at=working_days_ago(10))
    late = make_idea(title="Eleven working days old", submitted_at=working_days_ago(11))
    response = member_client.get(INBOX)
    content = response.content.decode()
    due = add_working_days(timezone.localtime(late.submitted_at).date(), 10)
    assert f"Overdue First response due {due:%-d %b %Y}" in row_text(response, late.reference)
    late_row = content[content.index(late.reference) :].split("</tr>")[0]
    assert 'class="icon icon-warning' in late_row  # an icon and words, not colour alone
    assert "Not overdue" in row_text(response, on_time.reference)

    assert listed(member_client.get(INBOX, {"overdue": "yes"})) == [late.reference]
    assert listed(member_client.get(INBOX, {"overdue": "no"})) == [on_time.reference]


def test_a_first_response_stops_the_first_clock_but_not_the_decision_clock(member_client):
    answered = make_idea(
        status=Status.IN_TRIAGE,
        submitted_at=working_days_ago(20),
        first_response_at=working_days_ago(2),
    )
    undecided = make_idea(
        status=Status.MORE_INFO_REQUESTED,
        submitted_at=working_days_ago(31),
        first_response_at=working_days_ago(25),
    )
    decided = make_idea(
        status=Status.IN_COACHING,
        submitted_at=working_days_ago(60),
        first_response_at=working_days_ago(55),
        decided_at=working_days_ago(40),
    )
    closed = make_idea(status=Status.DECLINED, submitted_at=working_days_ago(60))
    response = member_client.get(INBOX, {"status": "all"})
    due = add_working_days(timezone.localtime(undecided.submitted_at).date(), 30)
    assert f"Overdue Decision due {due:%-d %b %Y}" in row_text(response, undecided.reference)
    for idea in (answered, decided, closed):
        assert "Not overdue" in row_text(response, idea.reference)
    overdue = member_client.get(INBOX, {"status": "all", "overdue": "yes"})
    assert listed(overdue) == [undecided.reference]


def test_targets_come_from_the_huddle_settings(member_client):
    from submissions.models import HuddleSettings

    idea = make_idea(submitted_at=working_days_ago(4))
    assert listed(member_client.get(INBOX, {"overdue": "yes"})) == []
    HuddleSettings.objects.update_or_create(defaults={"first_response_days": 3})
    assert listed(member_client.get(INBOX, {"overdue": "yes"})) == [idea.reference]


# Filters ------------------------------------------------------------------------------------


def test_closed_ideas_are_hidden_until_asked_for(member_client):
    open_idea = make_idea(status=Status.IN_TRIAGE)
    closed = {status: make_idea(status=status) for status in (Status.COMPLETED, Status.DECLINED)}
    response = member_client.get(INBOX)
    assert listed(response) == [open_idea.reference]
    content = response.content.decode()
    assert "Show all ideas" in content
    all_url = f"{INBOX}?status=all"
    assert f'href="{all_url}"' in content

    assert set(listed(member_client.get(all_url))) == {
        open_idea.reference,
        *(idea.reference for idea in closed.values()),
    }
    assert set(listed(member_client.get(INBOX, {"status": "closed"}))) == {
        idea.reference for idea in closed.values()
    }
    assert listed(member_client.get(INBOX, {"status": "declined"})) == [
        closed[Status.DECLINED].reference
    ]


def test_priority_filter_matches_any_chosen_priority_once(member_client):
    falls, stroke, other = PriorityFactory.create_batch(3)
    both = make_idea(priorities=[falls, stroke])
    only_falls = make_idea(priorities=[falls])
    make_idea(priorities=[other])
    make_idea()
    assert set(listed(member_client.get(INBOX, {"priority": falls.pk}))) == {
        both.reference,
        only_falls.reference,
    }
    chosen = listed(member_client.get(INBOX, {"priority": [falls.pk, stroke.pk]}))
    assert sorted(chosen) == sorted([both.reference, only_falls.reference])


def test_organisation_filter_matches_submitter_involved_and_routed(member_client):
    trust, council = OrganisationFactory.create_batch(2)
    submitted = make_idea(organisation=trust)
    involved = make_idea(organisation=council, involved=[trust, council])
    routed = make_idea(organisation=None, routed_to=[trust], route=Route.SINGLE_PROVIDER)
    make_idea(organisation=council, involved=[council])
    assert sorted(listed(member_client.get(INBOX, {"organisation": trust.pk}))) == sorted(
        [submitted.reference, involved.reference, routed.reference]
    )


def test_route_filter(member_client):
    single = make_idea(route=Route.SINGLE_PROVIDER)
    integrated = make_idea(route=Route.INTEGRATED)
    unrouted = make_idea(route="")
    assert listed(member_client.get(INBOX, {"route": "single_provider"})) == [single.reference]
    assert listed(member_client.get(INBOX, {"route": "integrated"})) == [integrated.reference]
    assert listed(member_client.get(INBOX, {"route": "none"})) == [unrouted.reference]


def test_lead_filter(member_client, huddle_member, second_huddle_member):
    mine = make_idea(lead=huddle_member)
    theirs = make_idea(lead=second_huddle_member)
    nobodys = make_idea(lead=None)
    assert listed(member_client.get(INBOX, {"lead": "me"})) == [mine.reference]
    assert listed(member_client.get(INBOX, {"lead": "none"})) == [nobodys.reference]
    assert listed(member_client.get(INBOX, {"lead": second_huddle_member.pk})) == [theirs.reference]


def test_lead_choices_are_huddle_members_only(member_client, second_huddle_member, hub_editor):
    content = member_client.get(INBOX).content.decode()
    assert f'<option value="{second_huddle_member.pk}">Ravi Rota</option>' in content
    assert f'<option value="{hub_editor.pk}"' not in content


def test_an_unknown_filter_value_is_reported_and_the_other_filters_still_apply(
    member_client, hub_editor
):
    kept = make_idea(route=Route.INTEGRATED)
    single = make_idea(route=Route.SINGLE_PROVIDER)
    make_idea(route=Route.INTEGRATED, status=Status.COMPLETED)
    response = member_client.get(INBOX, {"lead": hub_editor.pk, "route": "integrated"})
    assert listed(response) == [kept.reference]
    assert "Select a valid choice" in response.content.decode()
    # An unknown status falls back to open ideas, not to every idea.
    assert sorted(listed(member_client.get(INBOX, {"status": "nonsense"}))) == sorted(
        [kept.reference, single.reference]
    )


def test_core20plus5_focus_filter(member_client):
    core20 = make_idea(core20=Core20.YES)
    plus = make_idea(core20=Core20.NO, plus_groups=[PlusGroup.COASTAL_RURAL])
    adult = make_idea(core20=Core20.NOT_SURE, adult_clinical_areas=[AdultClinicalArea.MATERNITY])
    child = make_idea(core20="", child_clinical_areas=[ChildClinicalArea.ASTHMA])
    unsure = make_idea(core20=Core20.NOT_SURE, plus_groups=[PlusGroup.NOT_SURE])
    nothing = make_idea(core20=Core20.NO)

    def focus(value):
        return set(listed(member_client.get(INBOX, {"focus": value})))

    assert focus("any") == {core20.reference, plus.reference, adult.reference, child.reference}
    assert focus("core20") == {core20.reference}
    assert focus("plus") == {plus.reference}
    assert focus("clinical") == {adult.reference, child.reference}
    assert focus("none") == {unsure.reference, nothing.reference}


def test_involvement_filter(member_client):
    ideas = {value: make_idea(involvement=value) for value in Involvement.values}
    not_answered = make_idea(involvement="")
    for value, idea in ideas.items():
        assert listed(member_client.get(INBOX, {"involvement": value})) == [idea.reference]
    assert listed(member_client.get(INBOX, {"involvement": "none"})) == [not_answered.reference]


def test_active_filters_are_shown_and_can_be_removed(member_client):
    make_idea(route=Route.INTEGRATED)
    content = member_client.get(INBOX, {"route": "integrated"}).content.decode()
    assert "w-active-filters" in content
    assert "Integrated, across providers" in content


# Search -------------------------------------------------------------------------------------


@pytest.fixture
def searchable(db):
    return {
        "falls": make_idea(
            reference="QI-7K4M-2Q",
            title="Fewer falls at night",
            problem="Patients fall when they get up alone.",
            aim="Halve night falls by March.",
            change_ideas="Intentional rounding.",
            submitter_name="Grace Mensah",
            submitter_email="grace.mensah@example.org",
            submitter_role="Zookeeper",
        ),
        "carers": make_idea(
            reference="QI-CARE-RS",
            title="A carers' passport",
            problem="Carers are not told about discharge.",
            aim="Every carer hears 48 hours ahead.",
            change_ideas="A passport recognised on wards and by social care.",
            submitter_name="David Achterberg",
            submitter_email="d.achterberg@example.org",
        ),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("qi-7k4m", ["falls"]),  # part of a reference, any case
        ("passport", ["carers"]),  # title and change ideas
        ("discharge", ["carers"]),  # problem
        ("halve", ["falls"]),  # aim
        ("rounding", ["falls"]),  # change ideas
        ("carers 48", ["carers"]),  # every word, in any field
        ("carers rounding", []),
        ("Grace", ["falls"]),  # submitter's name
        ("GRACE.MENSAH@example.org", ["falls"]),  # the full email address
        ("example.org", []),  # not part of an email address: no listing by domain
        ("Zookeeper", []),  # nor the submitter's role
        ("nothing like this", []),
    ],
)
def test_search(member_client, searchable, query, expected):
    found = listed(member_client.get(INBOX, {"q": query}))
    assert sorted(found) == sorted(searchable[key].reference for key in expected)


def test_search_combines_with_filters(member_client, searchable):
    searchable["carers"].status = Status.DECLINED
    searchable["carers"].save()
    assert listed(member_client.get(INBOX, {"q": "passport"})) == []
    assert listed(member_client.get(INBOX, {"q": "passport", "status": "all"})) == [
        searchable["carers"].reference
    ]


def test_search_without_results_says_so(member_client, searchable):
    content = member_client.get(INBOX, {"q": "xylophone"}).content.decode()
    assert "0 ideas" in content
    assert "No ideas match your query." in content


def test_results_fragment_for_in_place_refresh(member_client, searchable):
    response = member_client.get(RESULTS, {"q": "passport"})
    assert listed(response) == [searchable["carers"].reference]
    assert "<html" not in response.content.decode()


# Counts per status --------------------------------------------------------------------------


def status_tabs(response) -> dict[str, tuple[int, bool]]:
    """{label: (count, is current)} from the status navigation."""
    content = response.content.decode()
    nav = content[content.index('aria-label="Ideas by status"') :].split("</nav>")[0]
    tabs = {}
    for attrs, label, count in re.findall(
        r"<a href=\"[^\"]*\"([^>]*)>\s*(.+?) <span class=\"w-sr-only\">:</span> (\d+)\s*</a>",
        nav,
    ):
        tabs[label] = (int(count), 'aria-current="page"' in attrs)
    return tabs


def test_counts_per_status_respect_the_other_filters(member_client):
    for status, count in [
        (Status.SUBMITTED, 3),
        (Status.IN_TRIAGE, 2),
        (Status.IN_COACHING, 1),
        (Status.DECLINED, 2),
        (Status.WITHDRAWN, 1),
    ]:
        for _ in range(count):
            make_idea(status=status, route=Route.INTEGRATED)
    make_idea(status=Status.SUBMITTED, route=Route.SINGLE_PROVIDER)

    tabs = status_tabs(member_client.get(INBOX))
    assert tabs["Open ideas"] == (7, True)
    assert tabs["Submitted"] == (4, False)
    assert tabs["In triage"] == (2, False)
    assert tabs["Accepted"] == (0, False)
    assert tabs["Closed ideas"] == (3, False)
    assert tabs["Declined"] == (2, False)
    assert tabs["All ideas"] == (10, False)

    # The status filter picks the tab; the counts ignore it and keep the other filters.
    tabs = status_tabs(member_client.get(INBOX, {"route": "integrated", "status": "declined"}))
    assert tabs["Declined"] == (2, True)
    assert tabs["Submitted"] == (3, False)
    assert tabs["Open ideas"] == (6, False)
    assert tabs["All ideas"] == (9, False)


def test_status_tabs_link_to_the_same_filters(member_client):
    make_idea(status=Status.IN_TRIAGE, route=Route.INTEGRATED)
    content = member_client.get(INBOX, {"route": "integrated", "p": "1"}).content.decode()
    assert f'href="{INBOX}?route=integrated&amp;status=in_triage"' in content
    assert f'href="{INBOX}?route=integrated"' in content  # open ideas: the default


# Sorting ------------------------------------------------------------------------------------


@pytest.fixture
def sortable(db):
    now = timezone.now()
    return [
        make_idea(
            reference="QI-BBBB-22",
            title="beta",
            status=Status.IN_COACHING,
            submitted_at=now - timedelta(days=30),
            status_changed_at=now - timedelta(days=2),
        ),
        make_idea(
            reference="QI-AAAA-33",
            title="Alpha",
            status=Status.SUBMITTED,
            submitted_at=now - timedelta(days=10),
            status_changed_at=now - timedelta(days=10),
        ),
        make_idea(
            reference="QI-CCCC-44",
            title="Gamma",
            status=Status.IN_TRIAGE,
            submitted_at=now - timedelta(days=20),
            status_changed_at=now - timedelta(days=5),
        ),
    ]


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        (None, ["QI-AAAA-33", "QI-CCCC-44", "QI-BBBB-22"]),  # newest submitted first
        ("-submitted_at", ["QI-AAAA-33", "QI-CCCC-44", "QI-BBBB-22"]),
        ("submitted_at", ["QI-BBBB-22", "QI-CCCC-44", "QI-AAAA-33"]),
        ("reference", ["QI-AAAA-33", "QI-BBBB-22", "QI-CCCC-44"]),
        ("-reference", ["QI-CCCC-44", "QI-BBBB-22", "QI-AAAA-33"]),
        ("title", ["QI-AAAA-33", "QI-BBBB-22", "QI-CCCC-44"]),  # ignoring case
        ("-title", ["QI-CCCC-44", "QI-BBBB-22", "QI-AAAA-33"]),
        ("status", ["QI-AAAA-33", "QI-CCCC-44", "QI-BBBB-22"]),  # in the workflow's order
        ("-status", ["QI-BBBB-22", "QI-CCCC-44", "QI-AAAA-33"]),
        ("days_in_status", ["QI-BBBB-22", "QI-CCCC-44", "QI-AAAA-33"]),
        ("-days_in_status", ["QI-AAAA-33", "QI-CCCC-44", "QI-BBBB-22"]),  # longest first
        ("submitter_email", ["QI-AAAA-33", "QI-CCCC-44", "QI-BBBB-22"]),  # not allowed: default
    ],
)
def test_sorting(member_client, sortable, ordering, expected):
    params = {"ordering": ordering} if ordering else {}
    assert listed(member_client.get(INBOX, params)) == expected


def test_sort_links_keep_the_filters(member_client, sortable):
    content = member_client.get(INBOX, {"route": "none", "p": "1"}).content.decode()
    assert f'href="{INBOX}?route=none&amp;ordering=title"' in content


# Pagination ---------------------------------------------------------------------------------


def test_pagination(member_client):
    now = timezone.now()
    ideas = [
        make_idea(submitted_at=now - timedelta(hours=index), route=Route.INTEGRATED)
        for index in range(30)
    ]
    make_idea(route=Route.SINGLE_PROVIDER)
    first = member_client.get(INBOX, {"route": "integrated"})
    assert listed(first) == [idea.reference for idea in ideas[:25]]
    content = first.content.decode()
    assert "Page 1 of 2" in content
    assert "30 ideas" in content
    assert 'href="?route=integrated&amp;p=2"' in content.replace(INBOX, "")
    second = member_client.get(INBOX, {"route": "integrated", "p": "2"})
    assert listed(second) == [idea.reference for idea in ideas[25:]]
    # A page number past the end shows the last page, not an error.
    assert listed(member_client.get(INBOX, {"route": "integrated", "p": "99"})) == listed(second)


# Queries ------------------------------------------------------------------------------------


def _fill(count, members, organisations, priorities):
    for index in range(count):
        make_idea(
            status=[Status.SUBMITTED, Status.IN_TRIAGE, Status.ACCEPTED][index % 3],
            organisation=organisations[index % 2],
            involved=organisations,
            priorities=priorities,
            lead=members[index % 2],
            route=Route.INTEGRATED,
            submitted_at=timezone.now() - timedelta(hours=index),
            core20=Core20.NO,
        )


FILTERED = {
    "status": "all",
    "q": "falls",
    "lead": "me",
    "route": "integrated",
    "overdue": "no",
    "focus": "none",
    "involvement": "planned",
}


@pytest.mark.parametrize("params", [{}, FILTERED], ids=["default", "every-filter"])
def test_queries_do_not_grow_with_the_number_of_ideas(
    member_client, huddle_member, second_huddle_member, django_assert_max_num_queries, params
):
    members = [huddle_member, second_huddle_member]
    organisations = OrganisationFactory.create_batch(2)
    priorities = PriorityFactory.create_batch(2)
    if params:
        params = {**params, "priority": priorities[0].pk, "organisation": organisations[0].pk}

    def measure():
        member_client.get(INBOX, params)  # warm caches (content types, settings)
        with CaptureQueriesContext(connection) as queries:
            response = member_client.get(INBOX, params)
        shown = listed(response)
        assert shown  # a page with rows: every per-row query would show
        return len(queries)

    _fill(5, members, organisations, priorities)
    few = measure()
    _fill(30, members, organisations, priorities)
    assert measure() == few
    with django_assert_max_num_queries(few):
        member_client.get(INBOX, params)
