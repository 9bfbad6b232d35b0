"""The public directory: live profiles only, search, combinable filters with counts, pages,
profile pages, and no contact details anywhere."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from demo.factories import CoachProfileFactory, OrganisationFactory
from directory.enums import Capacity, OfferKind, WorkingModeKind
from directory.models import CoachProfile

from .conftest import PRIVATE_MARKERS

pytestmark = pytest.mark.django_db

INDEX = "/coaches/"


def names(response) -> list[str]:
    return [coach["coach"].display_name for coach in response.context["cards"]]


def facet(response, param) -> dict[str, tuple[int, bool]]:
    for item in response.context["listing"].facets:
        if item.param == param:
            return {option.value: (option.count, option.selected) for option in item.options}
    raise AssertionError(f"no facet {param}")


@pytest.fixture
def directory(coach, other_coach, taxonomy, stroke, org_a):
    """Four live profiles and one draft."""
    CoachProfileFactory(
        display_name="Imran Qureshi",
        organisation=org_a,
        skills=[taxonomy.skills["measurement-and-spc"], taxonomy.skills["data-and-analytics"]],
        priorities=[stroke],
        languages=[taxonomy.languages["english"], taxonomy.languages["urdu"]],
        offers=[OfferKind.TRAINING],
        working_modes=[WorkingModeKind.ONLINE, WorkingModeKind.IN_PERSON],
        capacity=Capacity.LIMITED,
    )
    CoachProfileFactory(
        display_name="Peter Osei",
        organisation=OrganisationFactory(
            name="Wealdshire Carers Network", organisation_type="voluntary"
        ),
        skills=[taxonomy.skills["process-mapping"]],
        offers=[OfferKind.GO_AND_SEE],
        working_modes=[WorkingModeKind.IN_PERSON],
        area="Northgate and Millbrook",
        capacity=Capacity.CLOSED,
    )
    CoachProfileFactory(
        display_name="Draft Dora",
        organisation=org_a,
        skills=[taxonomy.skills["measurement-and-spc"]],
        publish=False,
    )


def test_index_lists_live_profiles_only(client, directory):
    response = client.get(INDEX)
    assert response.status_code == 200
    assert names(response) == ["Hannah Lowe", "Imran Qureshi", "Kasia Nowak", "Peter Osei"]
    assert b"Draft Dora" not in response.content
    assert "4 coaches" in response.content.decode()
    assert reverse("directory:index") == INDEX


def test_filters_combine_and_count(client, directory):
    response = client.get(INDEX, {"skill": "measurement-and-spc"})
    assert names(response) == ["Hannah Lowe", "Imran Qureshi"]
    # Counts for other filters are within the selection; the filter's own options count as
    # if it were not applied, so a visitor sees what adding an option would give.
    assert facet(response, "skill")["measurement-and-spc"] == (2, True)
    assert facet(response, "skill")["process-mapping"] == (1, False)
    assert facet(response, "capacity") == {"open": (1, False), "limited": (1, False)}

    response = client.get(INDEX, {"skill": "measurement-and-spc", "capacity": "open"})
    assert names(response) == ["Hannah Lowe"]

    # Options within one filter widen the results.
    response = client.get(INDEX, {"skill": ["measurement-and-spc", "process-mapping"]})
    assert names(response) == ["Hannah Lowe", "Imran Qureshi", "Peter Osei"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"offer": "training"}, ["Imran Qureshi"]),
        ({"offer": ["go_and_see", "training"]}, ["Imran Qureshi", "Peter Osei"]),
        ({"priority": "stroke"}, ["Imran Qureshi"]),
        ({"organisation": "kingsmead-hospitals-nhs-trust"}, ["Hannah Lowe", "Imran Qureshi"]),
        ({"organisation_type": "voluntary"}, ["Peter Osei"]),
        ({"language": "urdu"}, ["Imran Qureshi"]),
        ({"language": "polish"}, ["Kasia Nowak"]),
        # A coach who works both ways is found under either.
        ({"mode": "online"}, ["Hannah Lowe", "Imran Qureshi", "Kasia Nowak"]),
        ({"mode": "in_person"}, ["Imran Qureshi", "Peter Osei"]),
        ({"capacity": "closed"}, ["Peter Osei"]),
        ({"capacity": "nonsense", "skill": "<script>"}, None),  # ignored, not an error
    ],
)
def test_each_filter(client, directory, params, expected):
    response = client.get(INDEX, params)
    assert response.status_code == 200
    if expected is None:
        expected = ["Hannah Lowe", "Imran Qureshi", "Kasia Nowak", "Peter Osei"]
        assert not response.context["listing"].filtered
    assert names(response) == expected


def test_filter_form_works_without_javascript(client, directory):
    html = client.get(INDEX, {"skill": "lean"}).content.decode()
    assert re.search(r'<form method="get" action="/coaches/"', html)
    assert 'name="q" type="search"' in html
    assert 'name="skill" type="checkbox" value="measurement-and-spc"' in html
    assert "Clear filters" in html


def test_text_search_finds_by_name_role_bio_skill_and_place(client, directory):
    for query, expected in [
        ("Kasia", ["Kasia Nowak"]),
        ("Millbrook", ["Peter Osei"]),
        ("analytics", ["Imran Qureshi"]),
        ("Frailty", ["Hannah Lowe"]),
    ]:
        response = client.get(INDEX, {"q": query})
        assert names(response) == expected, query
    response = client.get(INDEX, {"q": "Dora"})
    assert names(response) == []  # drafts are not searchable
    assert "No coach matches" in response.content.decode()


def test_search_and_filters_combine(client, directory):
    response = client.get(INDEX, {"q": "coach", "skill": "measurement-and-spc"})
    assert response.status_code == 200
    assert set(names(response)) <= {"Hannah Lowe", "Imran Qureshi"}


def test_query_is_echoed_as_text(client, directory):
    response = client.get(INDEX, {"q": '<script>alert("x")</script>'})
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_pagination_keeps_the_filters(client, org_a, taxonomy):
    for number in range(15):
        CoachProfileFactory(
            display_name=f"Coach {number:02d}",
            organisation=org_a,
            skills=[taxonomy.skills["lean"]],
        )
    response = client.get(INDEX, {"skill": "lean"})
    assert len(response.context["cards"]) == 12
    html = response.content.decode()
    assert "?skill=lean&amp;page=2" in html
    response = client.get(INDEX, {"skill": "lean", "page": 2})
    assert names(response) == ["Coach 12", "Coach 13", "Coach 14"]
    assert client.get(INDEX, {"page": "99"}).status_code == 200


def test_profile_page(client, coach):
    response = client.get(coach.get_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert coach.get_url() == "/coaches/hannah-lowe/"
    for text in (
        "Hannah Lowe",
        "Improvement coach",
        "Kingsmead Hospitals NHS Trust",
        "Measurement and SPC",
        "Frailty and ageing well",
        "English",
        "Online",
        "Taking new requests",
        "Contact this coach",
    ):
        assert text in html, text
    assert 'href="/coaches/hannah-lowe/contact/"' in html


def test_drafts_and_unpublished_profiles_are_not_found(client, coach, org_a):
    draft = CoachProfileFactory(display_name="Draft Dora", organisation=org_a, publish=False)
    assert client.get(draft.get_url()).status_code == 404
    assert client.get(draft.get_url() + "contact/").status_code == 404
    coach.unpublish()
    assert client.get(coach.get_url()).status_code == 404
    assert b"Hannah Lowe" not in client.get(INDEX).content


def test_public_profile_shows_the_live_version_not_a_pending_draft(client, coach):
    coach.role = "Draft role nobody approved"
    coach.save_revision()
    html = client.get(coach.get_url()).content.decode()
    assert "Improvement coach" in html
    assert "Draft role nobody approved" not in html


EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def test_no_email_address_or_phone_number_on_any_public_page(client, directory, coach):
    pages = [
        INDEX,
        INDEX + "?skill=measurement-and-spc&capacity=open",
        INDEX + "?q=Hannah",
        coach.get_url(),
        coach.get_url() + "contact/",
        coach.get_url() + "contact/sent/",
        "/pl" + INDEX,
        "/pl" + coach.get_url(),
    ]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        for marker in PRIVATE_MARKERS:
            assert marker not in html, (path, marker)
        main = html.split('id="maincontent"', 1)[1].split("</main>", 1)[0]
        assert not EMAIL.search(main), (path, EMAIL.search(main))
        assert "mailto:" not in main and "tel:" not in main, path


def test_polish_directory_uses_translated_labels_and_marks_english_text(client, coach, frailty):
    from wagtail.models import Locale

    polish = Locale.objects.get_or_create(language_code="pl")[0]
    translated = frailty.copy_for_translation(polish)
    translated.name = "Kruchość i zdrowe starzenie się"
    translated.save()
    html = client.get("/pl" + coach.get_url()).content.decode()
    assert "Kruchość i zdrowe starzenie się" in html
    # The coach's own words are in English, and say so.
    assert '<p lang="en">' in html
    assert 'lang="en">Measurement and SPC' in html  # skill not translated yet


def test_listing_queries_do_not_grow_with_profiles(client, org_a, taxonomy, frailty, stroke):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    image = get_image_model().objects.create(title="A coach", file=get_test_image_file())

    def add(count, start):
        for number in range(start, start + count):
            CoachProfileFactory(
                display_name=f"Coach {number:03d}",
                organisation=org_a,
                photo=image,
                photo_alt="A smiling coach",
                skills=[taxonomy.skills["lean"], taxonomy.skills["digital"]],
                priorities=[frailty, stroke],
                languages=[taxonomy.languages["english"]],
                working_modes=[WorkingModeKind.ONLINE, WorkingModeKind.IN_PERSON],
            )

    def count_queries(params):
        client.get(INDEX, params)  # warm: renditions, site, settings
        with CaptureQueriesContext(connection) as queries:
            assert client.get(INDEX, params).status_code == 200
        return len(queries)

    add(10, 0)
    small = [count_queries({}), count_queries({"skill": "lean", "mode": "online"})]
    add(40, 10)
    assert CoachProfile.objects.live().count() == 50
    large = [count_queries({}), count_queries({"skill": "lean", "mode": "online"})]
    assert small == large, (small, large)
    # Measured 32: eight filters (a count and an option list each), the page of profiles
    # with five prefetches, and the site frame (settings, navigation, locale).
    assert large[0] <= 34, large
