"""The index follows the content: publish, unpublish, unpublished changes, moving into and
out of a private section, view restrictions, deletion, coach profiles, and a full rebuild."""

from django.core.management import call_command

from wagtail.models import PageViewRestriction

import pytest

from demo.factories import CoachProfileFactory, ResourcePageFactory, StandardPageFactory
from search import service
from search.models import SearchDocument

pytestmark = pytest.mark.django_db


def titles(text):
    return [hit.title for hit in service.search(service.SearchQuery(text=text)).hits]


@pytest.fixture
def resource(home_page):
    resource = ResourcePageFactory(parent=home_page, title="Sepsis toolkit", live=False)
    resource.save_revision().publish()
    resource.refresh_from_db()
    return resource


def test_publish_and_unpublish(resource):
    assert titles("sepsis") == ["Sepsis toolkit"]
    resource.unpublish()
    assert titles("sepsis") == []
    resource.save_revision().publish()
    assert titles("sepsis") == ["Sepsis toolkit"]


def test_changes_count_once_published(resource):
    resource.title = "Sepsis toolkit, second edition"
    resource.save_revision()
    assert titles("edition") == []
    assert titles("sepsis") == ["Sepsis toolkit"]
    resource.get_latest_revision().publish()
    assert titles("edition") == ["Sepsis toolkit, second edition"]


def test_moving_into_and_out_of_a_private_section(home_page, resource):
    private = StandardPageFactory(parent=home_page, title="Staff only")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    resource.move(private, pos="last-child")
    assert titles("sepsis") == []
    resource.refresh_from_db()
    resource.move(home_page, pos="last-child")
    assert titles("sepsis") == ["Sepsis toolkit"]


def test_restricting_and_opening_a_section(home_page):
    section = StandardPageFactory(parent=home_page, title="Team area")
    StandardPageFactory(parent=section, title="Sepsis rota")
    restriction = PageViewRestriction.objects.create(page=section, restriction_type="login")
    assert titles("sepsis") == []
    restriction.delete()
    assert titles("sepsis") == ["Sepsis rota"]


def test_deleting(resource):
    resource.delete()
    assert titles("sepsis") == []
    assert not SearchDocument.objects.exists()


def test_coach_profiles_follow_publishing():
    coach = CoachProfileFactory(display_name="Rana Sepsis-Lead", publish=False)
    assert titles("rana") == []
    coach.save_revision().publish()
    coach.refresh_from_db()
    assert titles("rana") == ["Rana Sepsis-Lead"]
    coach.unpublish()
    assert titles("rana") == []


def test_update_index_rebuilds_the_documents(resource):
    SearchDocument.objects.all().delete()
    assert titles("sepsis") == []
    call_command("update_index", verbosity=0)
    assert titles("sepsis") == ["Sepsis toolkit"]
