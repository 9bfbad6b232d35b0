"""The editors' translation workflow through the admin, as editors click it: translate a page
with wagtail-localize, fill in its strings, publish; change the English, sync, publish again.

Partner editors start and sync translations of their own section only, and what they
translate goes live only when a hub editor publishes it.
"""

from urllib.parse import urlencode

from django.urls import reverse

from wagtail.models import Locale
from wagtail_localize.models import StringSegment, Translation, TranslationSource

import pytest

from demo.factories import OrganisationFactory, StandardPageFactory
from demo.translations import translate
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def polish(home_page, hub_editor, django_capture_on_commit_callbacks):
    """Polish is offered and its home page is live, so /pl/... serves translated pages."""
    locale = Locale.objects.get_or_create(language_code="pl")[0]
    with django_capture_on_commit_callbacks(execute=True):
        translate(home_page, locale, {}, user=hub_editor)
    return locale


@pytest.fixture
def page_a(partner_a, hub_editor):
    page = StandardPageFactory(
        parent=partner_a, title="Falls huddles", slug="falls", introduction="Daily huddles."
    )
    page.save_revision(user=hub_editor).publish()
    return page


@pytest.fixture
def page_b(partner_b, hub_editor):
    page = StandardPageFactory(parent=partner_b, title="Discharge work", slug="discharge")
    page.save_revision(user=hub_editor).publish()
    return page


def refused(response) -> bool:
    """Wagtail's admin answers a permission refusal with a redirect to the dashboard."""
    return response.status_code == 302 and response.url == reverse("wagtailadmin_home")


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def submit_translation(client, page, locale, capture):
    with capture(execute=True):
        return client.post(
            reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
            {"locales": [locale.pk]},
        )


def translate_string(client, page, locale, english, polish_text):
    source = TranslationSource.objects.get_for_instance(page)
    translation = Translation.objects.get(source=source, target_locale=locale)
    segment = StringSegment.objects.get(source=source, string__data=english)
    response = client.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]),
        urlencode({"value": polish_text}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (200, 201), response.content
    return translation


def publish_in_editor(client, translated_page, capture):
    with capture(execute=True):
        return client.post(
            reverse("wagtailadmin_pages:edit", args=[translated_page.pk]), {"action": "publish"}
        )


def test_hub_editor_translates_publishes_syncs_and_publishes_again(
    client, polish, page_a, hub_editor, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    login(client, hub_editor)

    response = submit_translation(client, page_a, polish, capture)
    polish_page = page_a.get_translation(polish)
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=[polish_page.pk])
    assert not polish_page.live  # a translation starts as a draft

    translate_string(client, page_a, polish, "Falls huddles", "Codzienne odprawy")
    translate_string(client, page_a, polish, "Daily huddles.", "Codzienne odprawy zespołu.")
    response = publish_in_editor(client, polish_page, capture)
    assert response.status_code == 302
    polish_page.refresh_from_db()
    assert polish_page.live
    public = client.get(polish_page.url)
    assert public.status_code == 200
    assert "Codzienne odprawy zespołu." in public.content.decode()

    # The English changes; "Sync translated pages" brings the change to the translation.
    page_a.introduction = "Daily huddles on every ward."
    page_a.save_revision(user=hub_editor).publish()
    source = TranslationSource.objects.get_for_instance(page_a)
    sync_url = reverse("wagtail_localize:update_translations", args=[source.pk])
    assert client.get(sync_url).status_code == 200
    with capture(execute=True):
        response = client.post(sync_url, {"publish_translations": "on"})
    assert response.status_code == 302

    page = client.get(polish_page.url).content.decode()
    # The changed passage is not yet translated: the English stands in for it, the rest
    # keeps its translation.
    assert "Daily huddles on every ward." in page
    assert "Codzienne odprawy" in page
    translate_string(
        client, page_a, polish, "Daily huddles on every ward.", "Odprawy na każdym oddziale."
    )
    publish_in_editor(client, polish_page, capture)
    assert "Odprawy na każdym oddziale." in client.get(polish_page.url).content.decode()


def test_partner_editor_translates_their_own_section_for_a_hub_editor_to_publish(
    client, polish, page_a, editor_a, hub_editor, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    login(client, editor_a)
    translate_url = reverse("wagtail_localize:submit_page_translation", args=[page_a.pk])
    assert client.get(translate_url).status_code == 200

    response = submit_translation(client, page_a, polish, capture)
    assert response.status_code == 302
    polish_page = page_a.get_translation(polish)
    assert not polish_page.live
    # The translation editor opens for them, and their strings are kept...
    assert client.get(reverse("wagtailadmin_pages:edit", args=[polish_page.pk])).status_code == 200
    translate_string(client, page_a, polish, "Falls huddles", "Codzienne odprawy")
    # ...but publishing is for hub editors.
    assert refused(publish_in_editor(client, polish_page, capture))
    polish_page.refresh_from_db()
    assert not polish_page.live

    client.logout()
    login(client, hub_editor)
    publish_in_editor(client, polish_page, capture)
    polish_page.refresh_from_db()
    assert polish_page.live
    assert polish_page.title == "Codzienne odprawy"


def test_partner_editor_cannot_translate_another_organisations_page(
    client, polish, page_a, page_b, editor_a, django_capture_on_commit_callbacks
):
    login(client, editor_a)
    url = reverse("wagtail_localize:submit_page_translation", args=[page_b.pk])
    assert refused(client.get(url))
    response = submit_translation(client, page_b, polish, django_capture_on_commit_callbacks)
    assert refused(response)
    assert not page_b.has_translation(polish)


def test_partner_editor_cannot_sync_another_organisations_translations(
    client, polish, page_b, editor_a, hub_editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        translate(page_b, polish, {"Discharge work": "Wypisy"}, user=hub_editor)
    source = TranslationSource.objects.get_for_instance(page_b)
    login(client, editor_a)
    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    assert refused(client.get(url))
    assert refused(client.post(url, {"publish_translations": "on"}))


def test_a_partner_editors_sync_never_publishes(
    client, polish, page_a, editor_a, hub_editor, django_capture_on_commit_callbacks
):
    """ "Publish immediately" is not offered to them, and ticking it in a crafted post
    publishes nothing: the live Polish page keeps what the hub editor published."""
    capture = django_capture_on_commit_callbacks
    with capture(execute=True):
        polish_page = translate(page_a, polish, {"Daily huddles.": "Odprawy."}, hub_editor)
    page_a.introduction = "Changed in English, not yet reviewed."
    page_a.save_revision(user=hub_editor).publish()

    login(client, editor_a)
    source = TranslationSource.objects.get_for_instance(page_a)
    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    form = client.get(url)
    assert form.status_code == 200
    assert "Publish immediately" not in form.content.decode()
    with capture(execute=True):
        response = client.post(url, {"publish_translations": "on"})
    assert response.status_code == 302

    page = client.get(polish_page.url).content.decode()
    assert "Odprawy." in page
    assert "Changed in English" not in page


def test_partner_editors_cannot_translate_shared_taxonomies(
    client, polish, editor_a, hub_editor, django_capture_on_commit_callbacks
):
    """Organisations, priorities and the other shared lists belong to hub editors."""
    organisation = OrganisationFactory(name="Wealdshire Carers Network")
    url = reverse(
        "wagtail_localize:submit_snippet_translation",
        args=["hub", "organisation", organisation.pk],
    )
    login(client, editor_a)
    assert refused(client.get(url))

    client.logout()
    login(client, hub_editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"locales": [polish.pk]})
    assert response.status_code == 302
    assert organisation.has_translation(polish)


def test_wagtail_localize_addresses_lead_to_the_guarded_views():
    """The guard works by taking wagtail-localize's own addresses: if a Wagtail or
    wagtail-localize upgrade moved them, the unguarded views would come back."""
    from django.urls import resolve

    for name, args, ours in [
        ("submit_page_translation", [1], "translate_page"),
        ("submit_snippet_translation", ["hub", "organisation", 1], "translate_snippet"),
        ("update_translations", [1], "sync_translations"),
    ]:
        match = resolve(reverse(f"wagtail_localize:{name}", args=args))
        assert (match.namespace, match.url_name) == ("", ours), name
