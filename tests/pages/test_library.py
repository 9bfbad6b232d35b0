"""The knowledge library: case studies, resources, events, their listings and the spread
register."""

import datetime
import re

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from demo.factories import (
    AdoptionFactory,
    CaseStudyIndexPageFactory,
    CaseStudyMeasureFactory,
    CaseStudyPageFactory,
    EventPageFactory,
    OrganisationFactory,
    PriorityFactory,
    ResourceIndexPageFactory,
    ResourcePageFactory,
    TrainingIndexPageFactory,
)
from hub.enums import Core20Plus5, OrganisationType
from pages.enums import AttendanceMode, ModerationStatus
from pages.models import Adoption, CaseStudyMeasure, CaseStudyPage, EventPage
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def form_errors(response):
    """The error messages of an admin form, for assertion messages."""
    page = response.content.decode()
    return [
        re.sub(r"\s+", " ", text).strip()
        for text in re.findall(r'<p class="error-message">(.*?)</p>', page, re.S)
    ] or re.findall(r"data-w-messages[^>]*>(.*?)</", page, re.S)[:3]


def html(client, url, status=200, **params):
    response = client.get(url, params)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


@pytest.fixture
def case_index(home_page):
    return CaseStudyIndexPageFactory(parent=home_page)


@pytest.fixture
def case_study(case_index, org_a):
    page = CaseStudyPageFactory(
        parent=case_index,
        title="Halving falls with a safety huddle",
        summary="Falls halved on three wards.",
        inequalities=[Core20Plus5.CORE20],
        contact_role="Falls prevention lead",
        organisations=[org_a],
    )
    CaseStudyMeasureFactory(
        page=page,
        data="\n".join(f"2024-{m:02d}-01, {6 + (m % 3) * 0.2}" for m in range(1, 13))
        + "\n"
        + "\n".join(f"2025-{m:02d}-01, {3.5 + (m % 2) * 0.1}" for m in range(1, 9)),
        annotations="2025-01-01, Huddle starts",
    )
    page.save_revision().publish()
    return page


class TestCaseStudyPage:
    def test_shows_the_model_for_improvement_story(self, client, case_study):
        page = html(client, case_study.url)
        for text in [
            "Halving falls with a safety huddle",
            "The problem",
            "What we were trying to accomplish",
            "How we knew it was an improvement",
            "Kingsmead Hospitals NHS Trust",
            "Most deprived 20% of the population (Core20)",
            "Falls prevention lead",
            "We are adopting this",
        ]:
            assert text in page, text

    def test_measure_chart_is_accessible_svg_with_its_data(self, client, case_study):
        page = html(client, case_study.url)
        assert '<svg role="img"' in page or 'role="img"' in page
        assert "<desc" in page
        assert "Special cause improvement" in page
        assert page.count("<tr") >= 20  # the data table, one row per point
        assert "Huddle starts" in page

    def test_alt_text_is_required_with_a_main_image(self, case_study):
        from wagtail.images import get_image_model
        from wagtail.images.tests.utils import get_test_image_file

        image = get_image_model().objects.create(title="Ward", file=get_test_image_file())
        case_study.main_image = image
        case_study.main_image_alt = "  "
        with pytest.raises(ValidationError, match="Describe the image"):
            case_study.full_clean()

    def test_bad_measure_data_is_refused_with_line_numbers(self, case_study):
        measure = CaseStudyMeasure(
            page=case_study, name="Falls", data="2025-01-01, 3\n2025-13-01, 4"
        )
        with pytest.raises(ValidationError) as raised:
            measure.full_clean()
        assert "Line 2" in raised.value.message_dict["data"][0]


class TestAdminCreation:
    def case_study_form(self, organisation, **overrides):
        data = {
            "title": "Our discharge lounge",
            "slug": "discharge-lounge",
            "summary": "Patients went home earlier.",
            "main_image_alt": "",
            "problem": rich_text("<p>Late discharges.</p>"),
            "aim": "Half of discharges before noon.",
            "pdsa_cycles": streamfield([]),
            "measures": inline_formset(
                [
                    {
                        "name": "Discharges before noon",
                        "measure_type": "process",
                        "unit": "%",
                        "direction": "up",
                        "target": "",
                        "description": "",
                        "data": "2025-01-01, 12\n2025-02-01, 15",
                        "change_points": "",
                        "annotations": "",
                    }
                ]
            ),
            "results": rich_text(""),
            "learning": rich_text(""),
            "spread": rich_text(""),
            "body": streamfield([]),
            "attachments": inline_formset([]),
            "involvement_level": "none",
            "involvement_description": "",
            "contact_role": "",
            "topics": "discharge",
            "comments": inline_formset([]),
            "listing_summary": "",
            "seo_title": "",
            "search_description": "",
            "action-submit": "1",
        }
        data.update(overrides)
        form = nested_form_data(data)
        form["organisations"] = [organisation.pk]  # a multiple choice, not a nested list
        return form

    def test_partner_editor_creates_a_case_study_in_their_section(
        self, client, editor_a, partner_a
    ):
        client.login(username=editor_a.username, password=PASSWORD)
        url = reverse("wagtailadmin_pages:add", args=["pages", "casestudypage", partner_a.pk])
        response = client.post(url, self.case_study_form(partner_a.organisation))
        assert response.status_code == 302, form_errors(response)
        page = CaseStudyPage.objects.get(slug="discharge-lounge")
        assert page.get_parent().pk == partner_a.pk
        assert not page.live  # waits for Hub review
        assert page.workflow_in_progress
        revision = page.latest_revision.as_object()
        assert [m.name for m in revision.measures.all()] == ["Discharges before noon"]

    def test_bad_measure_data_shows_an_error_and_saves_nothing(self, client, editor_a, partner_a):
        client.login(username=editor_a.username, password=PASSWORD)
        url = reverse("wagtailadmin_pages:add", args=["pages", "casestudypage", partner_a.pk])
        form = self.case_study_form(partner_a.organisation)
        form["measures-0-data"] = "2025-01-01, 12\nnot a date, 3"
        response = client.post(url, form)
        assert response.status_code == 200
        assert "Line 2: “not a date” is not a date" in response.content.decode()
        assert not CaseStudyPage.objects.filter(slug="discharge-lounge").exists()

    def test_partner_editor_cannot_add_outside_their_section(
        self, client, editor_a, partner_b, case_index
    ):
        client.login(username=editor_a.username, password=PASSWORD)
        for parent in (partner_b, case_index):
            url = reverse("wagtailadmin_pages:add", args=["pages", "casestudypage", parent.pk])
            client.post(url, self.case_study_form(partner_b.organisation))
        assert not CaseStudyPage.objects.filter(slug="discharge-lounge").exists()

    def test_hub_editor_publishes_centrally(self, client, hub_editor, case_index, org_a):
        client.login(username=hub_editor.username, password=PASSWORD)
        url = reverse("wagtailadmin_pages:add", args=["pages", "casestudypage", case_index.pk])
        form = self.case_study_form(org_a, **{"action-publish": "1"})
        del form["action-submit"]
        assert client.post(url, form).status_code == 302
        assert CaseStudyPage.objects.get(slug="discharge-lounge").live


class TestCaseStudyListing:
    @pytest.fixture
    def library(self, case_index, partner_a, org_a, org_b):
        stroke = PriorityFactory(name="Stroke")
        frailty = PriorityFactory(name="Frailty")
        council = org_b
        council.organisation_type = OrganisationType.LOCAL_AUTHORITY
        council.save()
        pages = {}
        for title, parent, organisations, priorities, topics in [
            ("Stroke pre-alert", case_index, [org_a], [stroke], ["stroke"]),
            ("Frailty hub", partner_a, [org_a, council], [frailty], ["frailty", "co-production"]),
            ("Council reablement", case_index, [council], [frailty], ["co-production"]),
        ]:
            page = CaseStudyPageFactory(parent=parent, title=title, organisations=organisations)
            page.priorities.set(priorities)
            page.topics.add(*topics)
            page.save_revision().publish()
            pages[title] = page
        CaseStudyPageFactory(parent=case_index, title="Draft work", live=False)
        return pages

    def titles(self, client, url, **params):
        page = html(client, url, **params)
        return sorted(re.findall(r'class="nhsuk-card__link" href="[^"]+">([^<]+)<', page))

    def test_lists_live_case_studies_from_everywhere(self, client, case_index, library):
        assert self.titles(client, case_index.url) == [
            "Council reablement",
            "Frailty hub",
            "Stroke pre-alert",
        ]

    def test_filters_combine(self, client, case_index, library):
        assert self.titles(client, case_index.url, priority="frailty") == [
            "Council reablement",
            "Frailty hub",
        ]
        assert self.titles(
            client, case_index.url, priority="frailty", organisation_type="nhs_trust"
        ) == ["Frailty hub"]
        assert self.titles(client, case_index.url, topic=["stroke", "frailty"]) == [
            "Frailty hub",
            "Stroke pre-alert",
        ]

    def test_counts_respect_the_other_filters(self, client, case_index, library):
        page = html(client, case_index.url, priority="frailty")
        assert re.search(r"Kingsmead Hospitals NHS Trust <span class=\"hub-count\">\(1\)", page)
        assert re.search(r"Eastbridge County Council <span class=\"hub-count\">\(2\)", page)
        # The priority filter's own counts ignore its selection, so others stay choosable.
        assert re.search(r">\s*Stroke <span class=\"hub-count\">\(1\)", page)
        assert 'value="frailty" checked' in page

    def test_unknown_values_are_ignored(self, client, case_index, library):
        assert len(self.titles(client, case_index.url, priority="<script>", page="x")) == 3

    def test_queries_do_not_grow_with_items_or_filters(self, client, case_index, org_a):
        def count(params):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(case_index.url, params).status_code == 200
            return len(queries)

        def add(n):
            for i in range(n):
                page = CaseStudyPageFactory(parent=case_index, organisations=[org_a])
                page.priorities.set([PriorityFactory(name=f"Priority {page.pk}-{i}")])
                page.topics.add(f"topic {page.pk}")
                page.save()

        add(10)
        params = {"organisation": org_a.slug}
        count(params)  # warm per-process caches
        with_10 = count(params)
        add(90)
        assert count(params) == with_10
        assert count({**params, "topic": ["topic-1", "topic-2"], "priority": "x"}) == with_10


class TestEventsAndResources:
    @pytest.fixture
    def training(self, home_page, org_a):
        index = TrainingIndexPageFactory(parent=home_page)
        now = timezone.now()
        EventPageFactory(
            parent=index,
            title="Upcoming SPC course",
            start=now + datetime.timedelta(days=10),
            organiser=org_a,
        )
        EventPageFactory(
            parent=index,
            title="Go and see: Ward 7",
            attendance=AttendanceMode.IN_PERSON,
            place="Ward 7, Eastbridge Hospital",
            start=now + datetime.timedelta(days=40),
        )
        EventPageFactory(
            parent=index, title="Last spring's showcase", start=now - datetime.timedelta(days=30)
        )
        return index

    def test_past_events_leave_the_default_listing_but_stay_reachable(self, client, training):
        upcoming = html(client, training.url)
        assert "Upcoming SPC course" in upcoming
        assert "Last spring&#x27;s showcase" not in upcoming
        past = html(client, training.url, when="past")
        assert "Last spring&#x27;s showcase" in past
        assert "Upcoming SPC course" not in past
        event = EventPage.objects.get(title="Last spring's showcase")
        assert "This event has taken place" in html(client, event.url)

    def test_date_range_and_attendance_filters(self, client, training):
        in_20_days = (timezone.localdate() + datetime.timedelta(days=20)).isoformat()
        page = html(client, training.url, **{"from": in_20_days})
        assert "Go and see: Ward 7" in page and "Upcoming SPC course" not in page
        page = html(client, training.url, attendance="online")
        assert "Upcoming SPC course" in page and "Go and see: Ward 7" not in page

    def test_bad_dates_get_a_message_next_to_the_field(self, client, training):
        page = html(client, training.url, **{"from": "31/02/2026"})
        assert "Enter a date as YYYY-MM-DD" in page
        assert "Upcoming SPC course" in page  # the bad filter is ignored, not fatal

    def test_in_person_events_need_a_place(self, training):
        event = EventPage(
            title="Visit",
            slug="visit",
            summary="A visit",
            event_type="go_and_see",
            attendance=AttendanceMode.IN_PERSON,
            start=timezone.now(),
        )
        event.locale = training.locale
        with pytest.raises(ValidationError, match="Say where"):
            event.full_clean()

    def test_resource_download_shows_type_and_size(self, client, home_page):
        index = ResourceIndexPageFactory(parent=home_page)
        document = get_document_model()(title="PDSA template")
        document.file.save("pdsa.pdf", ContentFile(b"%PDF-1.4\n" + b"x" * 2048), save=False)
        document.save()
        resource = ResourcePageFactory(
            parent=index, title="PDSA template", document=document, link_url=""
        )
        page = html(client, resource.url)
        assert "Download (PDF, 2.0\xa0KB)" in page
        listing = html(client, index.url)
        assert "PDF, 2.0\xa0KB" in listing

    def test_a_resource_needs_a_file_or_a_link(self, home_page):
        index = ResourceIndexPageFactory(parent=home_page)
        resource = ResourcePageFactory.build(title="Nothing", slug="nothing", link_url="")
        resource.locale = index.locale
        with pytest.raises(ValidationError, match="a resource needs one"):
            resource.full_clean()


class TestSpreadRegister:
    def adopt_url(self, case_study):
        return case_study.url + "adopt/"

    def form(self, org, **overrides):
        return {
            "organisation": str(org.pk),
            "organisation_name": "",
            "team": "Ward 12",
            "stage": "decision",
            "notes": "",
            "contact_name": "Ade",
            "contact_email": "ade@example.org",
            "website": "",
            **overrides,
        }

    def test_registration_waits_for_moderation(self, client, case_study, org_b):
        response = client.post(self.adopt_url(case_study), self.form(org_b))
        assert response.status_code == 302
        adoption = Adoption.objects.get()
        assert adoption.status == ModerationStatus.PENDING
        page = html(client, case_study.url)
        assert "Ward 12" not in page
        adoption.status = ModerationStatus.APPROVED
        adoption.save()
        page = html(client, case_study.url)
        assert "Eastbridge County Council: Ward 12 (decided to try it)" in page
        assert "ade@example.org" not in page
        assert adoption.reviewed_at is not None

    def test_errors_keep_what_was_typed(self, client, case_study, org_b):
        response = client.post(
            self.adopt_url(case_study),
            self.form(org_b, organisation="other", contact_email="not-an-email", team="  "),
        )
        assert response.status_code == 200
        page = response.content.decode()
        assert "There is a problem" in page
        assert "Enter the name of your organisation." in page
        assert "Enter an email address like name@example.nhs.uk." in page
        assert "Enter your team or service." in page
        assert 'value="Ade"' in page
        assert not Adoption.objects.exists()

    def test_honeypot_saves_nothing(self, client, case_study, org_b):
        response = client.post(self.adopt_url(case_study), self.form(org_b, website="spam"))
        assert response.status_code == 302
        assert not Adoption.objects.exists()

    def test_rate_limit(self, client, case_study, org_b, settings):
        cache.clear()
        settings.HUB_PUBLIC_FORM_RATE_LIMIT = 2
        for _ in range(2):
            assert client.post(self.adopt_url(case_study), self.form(org_b)).status_code == 302
        response = client.post(self.adopt_url(case_study), self.form(org_b))
        assert response.status_code == 429
        assert 3500 < int(response["Retry-After"]) <= 3600
        assert "Too many entries" in response.content.decode()
        assert Adoption.objects.count() == 2

    def test_counts_organisations_not_teams(self, client, case_study, org_b):
        for team in ("Ward 1", "Ward 2"):
            AdoptionFactory(case_study=case_study, organisation=org_b, team=team, status="approved")
        assert "Taken up by 1 organisation:" in html(client, case_study.url)
        other = OrganisationFactory(name="Northgate Hospice")
        AdoptionFactory(case_study=case_study, organisation=other, status="approved")
        assert "Taken up by 2 organisations:" in html(client, case_study.url)


class TestAdminForOtherPageTypes:
    RESOURCE = {
        "title": "Driver diagram template",
        "slug": "driver-diagram",
        "summary": "Link your aim to the changes that will achieve it.",
        "resource_type": "template",
        "organisation": "",
        "document": "",
        "link_url": "https://example.org/driver-diagram",
        "body": streamfield([]),
        "topics": "",
    }
    EVENT = {
        "title": "SPC for beginners",
        "slug": "spc-beginners",
        "summary": "Read an SPC chart in an hour.",
        "event_type": "course",
        "organiser": "",
        "start": "2030-03-04 10:00",
        "end": "2030-03-04 11:00",
        "attendance": "online",
        "place": "",
        "cost": "Free",
        "capacity": "",
        "booking_url": "",
        "body": streamfield([]),
        "topics": "",
    }

    def post(self, client, model, parent, fields, action="action-submit"):
        data = nested_form_data(
            {
                **fields,
                "comments": inline_formset([]),
                "listing_summary": "",
                "seo_title": "",
                "search_description": "",
                action: "1",
            }
        )
        url = reverse("wagtailadmin_pages:add", args=["pages", model, parent.pk])
        return client.post(url, data)

    @pytest.mark.parametrize(
        ("model", "fields"), [("resourcepage", RESOURCE), ("eventpage", EVENT)]
    )
    def test_partner_editor_drafts_in_own_section_only(
        self, client, editor_a, partner_a, partner_b, model, fields
    ):
        client.login(username=editor_a.username, password=PASSWORD)
        response = self.post(client, model, partner_a, fields)
        assert response.status_code == 302, form_errors(response)
        page = Page.objects.get(slug=fields["slug"])
        assert page.get_parent().pk == partner_a.pk
        assert not page.live and page.workflow_in_progress
        page.delete()
        self.post(client, model, partner_b, fields)
        assert not Page.objects.filter(slug=fields["slug"]).exists()

    def test_event_form_refuses_an_end_before_the_start(self, client, hub_editor, home_page):
        index = TrainingIndexPageFactory(parent=home_page)
        client.login(username=hub_editor.username, password=PASSWORD)
        fields = {**self.EVENT, "end": "2030-03-04 09:00"}
        response = self.post(client, "eventpage", index, fields, action="action-publish")
        assert response.status_code == 200
        assert "The end must be after the start." in response.content.decode()
        assert not Page.objects.filter(slug="spc-beginners").exists()


class TestSpreadRegisterAdmin:
    def test_hub_editor_approves_an_adoption(self, client, hub_editor, case_study, org_b):
        adoption = AdoptionFactory(case_study=case_study, organisation=org_b, team="Ward 9")
        client.login(username=hub_editor.username, password=PASSWORD)
        listing = client.get(reverse("spread_register:index"))
        assert listing.status_code == 200
        assert "Ward 9" in listing.content.decode()
        edit_url = reverse("spread_register:edit", args=[adoption.pk])
        assert client.get(edit_url).status_code == 200
        response = client.post(
            edit_url,
            {
                "status": "approved",
                "organisation": org_b.pk,
                "organisation_name": "",
                "team": "Ward 9",
                "stage": "decision",
                "notes": "",
                "contact_name": adoption.contact_name,
                "contact_email": adoption.contact_email,
            },
        )
        assert response.status_code == 302
        adoption.refresh_from_db()
        assert adoption.status == "approved"
        assert "Ward 9" in html(client, case_study.url)

    def test_partner_editors_cannot_see_the_register(self, client, editor_a):
        client.login(username=editor_a.username, password=PASSWORD)
        response = client.get(reverse("spread_register:index"))
        assert response.status_code in (302, 403)
