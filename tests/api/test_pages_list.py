"""The pages list as a front end's card grid uses it: one language, events by date, ``fields``."""

from datetime import timedelta

from django.utils import timezone

import pytest

from pages.models import CaseStudyPage, EventPage

LIST = "/api/v3/pages/"


def test_the_list_is_in_the_request_s_language_unless_a_locale_is_given(api):
    english = api.get(f"{LIST}?limit=50").json()
    assert english["items"]
    assert {item["meta"]["locale"] for item in english["items"]} == {"en"}
    polish = api.get(f"{LIST}?limit=50", HTTP_ACCEPT_LANGUAGE="pl,en;q=0.5").json()
    assert {item["meta"]["locale"] for item in polish["items"]} == {"pl"}
    assert api.get(f"{LIST}?limit=50&locale=pl").json()["count"] == polish["count"]
    everything = api.get(f"{LIST}?limit=1&locale=").json()
    assert everything["count"] > english["count"]
    # A language the site does not offer: the default.
    assert api.get(f"{LIST}?limit=1", HTTP_ACCEPT_LANGUAGE="fr").json()["count"] == english["count"]


def test_events_are_filtered_by_their_start(api):
    events = list(EventPage.objects.live().filter(locale__language_code="en").order_by("start"))
    assert len(events) > 1
    middle = events[len(events) // 2].start
    day = timezone.localdate(middle).isoformat()
    after = api.get(f"{LIST}?type=pages.EventPage&starts_after={day}&limit=50").json()
    expected = [e.pk for e in events if timezone.localdate(e.start) >= timezone.localdate(middle)]
    assert sorted(item["id"] for item in after["items"]) == sorted(expected)
    before = api.get(f"{LIST}?type=pages.EventPage&starts_before={day}&limit=50").json()
    expected = [e.pk for e in events if timezone.localdate(e.start) <= timezone.localdate(middle)]
    assert sorted(item["id"] for item in before["items"]) == sorted(expected)
    # Without a type, dates ask for events; with another type, there are none.
    untyped = api.get(f"{LIST}?starts_after={day}&limit=50").json()
    assert sorted(item["id"] for item in untyped["items"]) == sorted(
        item["id"] for item in after["items"]
    )
    assert api.get(f"{LIST}?type=pages.ResourcePage&starts_after={day}").json()["count"] == 0
    moment = (middle + timedelta(minutes=1)).isoformat()
    response = api.get(f"{LIST}?type=pages.EventPage&starts_after={moment.replace('+', '%2B')}")
    assert all(e["id"] != events[len(events) // 2].pk for e in response.json()["items"])


@pytest.mark.parametrize(
    "query",
    [
        "type=pages.EventPage&starts_after=next+week",
        "type=pages.EventPage&starts_after=2026-01-01&search=falls",
    ],
)
def test_event_dates_that_cannot_be_read_are_refused(api, query):
    response = api.get(f"{LIST}?{query}")
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"


def test_fields_make_a_card_grid_in_one_request(api):
    response = api.get(
        f"{LIST}?type=pages.CaseStudyPage&fields=teaser,listing_image_thumbnail,"
        "organisations(name),measures(name,spc(summary))&limit=5"
    )
    assert response.status_code == 200, response.content
    items = response.json()["items"]
    for item in items:
        page = CaseStudyPage.objects.get(pk=item["id"])
        assert set(item) == {
            "id",
            "title",
            "meta",
            "teaser",
            "listing_image_thumbnail",
            "organisations",
            "measures",
        }
        assert item["teaser"] == page.teaser
        assert all(set(o) == {"name"} for o in item["organisations"])
        assert [m["name"] for m in item["measures"]] == [m.name for m in page.measures.all()]
        assert all(
            set(m) == {"name", "spc"} and set(m["spc"]) == {"summary"} for m in item["measures"]
        )


def test_fields_star_minus_and_unknown(api):
    star = api.get(f"{LIST}?type=pages.EventPage&fields=*,-body&limit=1").json()["items"][0]
    assert {"start", "end", "place", "teaser"} <= set(star)
    minus = api.get(f"{LIST}?fields=-title&limit=1").json()["items"][0]
    assert "title" not in minus
    mixed = api.get(f"{LIST}?fields=teaser&limit=5").json()["items"]
    assert all("teaser" in item for item in mixed)
    for bad in ("start", "nope", "measures(", "title(x)"):
        response = api.get(f"{LIST}?fields={bad}&limit=1")
        assert response.status_code == 422, bad
        assert response["Content-Type"] == "application/problem+json"


def test_a_case_study_s_teaser_is_its_summary_when_it_has_no_listing_summary(api):
    page = CaseStudyPage.objects.live().filter(locale__language_code="en").first()
    CaseStudyPage.objects.filter(pk=page.pk).update(listing_summary="")
    body = api.get(f"/api/v3/pages/{page.pk}/").json()
    assert body["listing_summary"] == ""
    assert body["teaser"] == page.summary != ""
