from django.core.exceptions import ValidationError

from wagtail.models import Locale, Site

import pytest

from demo.factories import OrganisationFactory, PriorityFactory, StandardPageFactory
from hub.models import HubSettings, Topic, contrast_with_white, validate_header_colour

pytestmark = pytest.mark.django_db


def test_organisation_slug_is_made_from_its_name():
    organisation = OrganisationFactory(name="Riverside Primary Care Network", slug="")
    assert organisation.slug == "riverside-primary-care-network"
    assert str(organisation) == "Riverside Primary Care Network"


def test_priorities_are_listed_in_the_order_editors_set():
    PriorityFactory(name="Stroke", sort_order=2)
    PriorityFactory(name="Frailty", sort_order=1)
    from hub.models import Priority

    assert [p.name for p in Priority.objects.all()] == ["Frailty", "Stroke"]


def test_organisations_and_priorities_are_translatable():
    polish, _ = Locale.objects.get_or_create(language_code="pl")
    organisation = OrganisationFactory(name="Wealdshire Carers Network")
    translated = organisation.copy_for_translation(polish)
    translated.summary = "Sieć opiekunów"
    translated.save()
    assert organisation.get_translation(polish).summary == "Sieć opiekunów"
    assert translated.translation_key == organisation.translation_key


class TestTopics:
    def test_pages_are_tagged_with_default_language_topics(self, home_page):
        polish, _ = Locale.objects.get_or_create(language_code="pl")
        english = Topic.objects.create(name="falls", locale=Locale.get_default())
        # An untranslated copy shares the name: typing "falls" must not pick it as well.
        english.copy_for_translation(polish).save()
        page = StandardPageFactory(parent=home_page)
        page.topics.add("falls", "sepsis")
        page.save()
        tagged = list(page.topics.all())
        assert {t.name for t in tagged} == {"falls", "sepsis"}
        assert {t.locale_id for t in tagged} == {Locale.get_default().pk}
        assert Topic.objects.filter(name="sepsis").count() == 1

    def test_topic_names_are_unique_per_language(self):
        Topic.objects.create(name="discharge", locale=Locale.get_default())
        with pytest.raises(Exception):  # noqa: B017 - IntegrityError, wrapped by the DB layer
            Topic.objects.create(name="discharge", slug="discharge-2", locale=Locale.get_default())


class TestHeaderColour:
    def test_nhs_blue_passes(self):
        assert contrast_with_white("#005eb8") > 4.5
        validate_header_colour("#005eb8")

    @pytest.mark.parametrize("colour", ["#ffcc00", "#aaaaaa", "#41b6e6"])
    def test_light_colours_are_refused_with_the_ratio(self, colour):
        with pytest.raises(ValidationError, match="contrast ratio"):
            validate_header_colour(colour)

    @pytest.mark.parametrize("colour", ["blue", "#12345", "#gggggg", "005eb8"])
    def test_malformed_colours_are_refused(self, colour):
        with pytest.raises(ValidationError, match="six hexadecimal digits"):
            validate_header_colour(colour)

    def test_header_uses_the_configured_colour(self, client, home_page):
        settings = HubSettings.for_site(Site.objects.get(is_default_site=True))
        settings.header_colour = "#330072"
        settings.full_clean()
        settings.save()
        html = client.get("/").content.decode()
        assert "--hub-header-colour: #330072" in html
