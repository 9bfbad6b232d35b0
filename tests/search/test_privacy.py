"""Only live, public content is ever indexed or returned: marker strings in drafts, private
pages, pages below a private section, unpublished coach profiles, coaches' private contact
details and idea submissions must never reach the search documents, Wagtail's index, the
vocabulary, the results, the suggestions or the similar-content lookup."""

from django.contrib.contenttypes.models import ContentType

from wagtail.models import PageViewRestriction

import pytest
from modelsearch.conf import get_app_config

from demo.factories import (
    CaseStudyPageFactory,
    CoachProfileFactory,
    IdeaSubmissionFactory,
    StandardPageFactory,
)
from search import service
from search.models import SearchDocument, SearchTerm

pytestmark = pytest.mark.django_db

MARKERS = {
    "draft": "zqxdraftmarker",
    "private": "zqxprivatemarker",
    "below_private": "zqxbelowprivatemarker",
    "draft_coach": "zqxdraftcoachmarker",
    "coach_email": "zqxcoachemail",
    "idea": "zqxideamarker",
    "unpublished_change": "zqxunpublishedchangemarker",
}


@pytest.fixture
def content(home_page, org_a):
    public = CaseStudyPageFactory(parent=home_page, title="Public falls work", summary="Falls.")
    StandardPageFactory(parent=home_page, title=f"Draft {MARKERS['draft']}", live=False)
    private = StandardPageFactory(parent=home_page, title=f"Private {MARKERS['private']}")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    StandardPageFactory(parent=private, title=f"Below {MARKERS['below_private']}")
    CoachProfileFactory(display_name=f"Coach {MARKERS['draft_coach']}", publish=False)
    CoachProfileFactory(
        display_name="Public Coach",
        organisation=org_a,
        contact_email=f"{MARKERS['coach_email']}@example.org",
    )
    IdeaSubmissionFactory(title=f"Idea {MARKERS['idea']}", problem=MARKERS["idea"])
    # A live page with an unpublished draft: the draft's words stay out.
    public.title = f"Changed {MARKERS['unpublished_change']}"
    public.save_revision()
    return public


def _index_text() -> str:
    entry_model = get_app_config().get_model("IndexEntry")
    entries = entry_model.objects.filter(
        content_type=ContentType.objects.get_for_model(SearchDocument)
    )
    rows = [" ".join(str(value) for value in row) for row in entries.values_list()]
    documents = [
        " ".join(str(value) for value in row) for row in SearchDocument.objects.values_list()
    ]
    terms = list(SearchTerm.objects.values_list("term", flat=True))
    return " ".join(rows + documents + terms).lower()


def test_the_public_page_and_coach_are_found(content):
    titles = [hit.title for hit in service.search(service.SearchQuery(text="falls")).hits]
    assert titles == ["Public falls work"]
    coach = service.search(service.SearchQuery(text="public coach"))
    # The one match for both words first; "public" alone finds the page after it.
    assert [hit.title for hit in coach.hits] == ["Public Coach", "Public falls work"]
    assert coach.relaxed


@pytest.mark.parametrize("name", sorted(MARKERS))
def test_private_words_are_never_indexed_or_returned(content, client, name):
    marker = MARKERS[name]
    assert marker not in _index_text()
    assert service.search(service.SearchQuery(text=marker)).total == 0
    assert service.autocomplete(marker) == []
    assert service.similar(f"{marker} {marker}") == []
    page = client.get("/search/", {"q": marker}).content.decode()
    echoed = (
        page.count(f"“{marker}”")
        + page.count(f'value="{marker}"')
        # the same search in the other languages: the switcher and the hreflang links
        + page.count(f"?q={marker}")
    )
    assert page.count(marker) == echoed  # the query, shown back as typed, and nothing else
    assert client.get("/search/suggest/", {"q": marker}).json() == {"results": []}
