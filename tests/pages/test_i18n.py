import pytest

from hub.demo import seed

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(home_page, django_capture_on_commit_callbacks):
    # wagtail-localize publishes translations when the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        seed(library=False)


def test_english_is_unprefixed_and_polish_is_under_pl(client, demo):
    english = client.get("/")
    assert english.status_code == 200
    assert '<html lang="en" dir="ltr">' in english.content.decode()

    polish = client.get("/pl/")
    assert polish.status_code == 200
    html = polish.content.decode()
    assert '<html lang="pl" dir="ltr">' in html
    assert "Centrum Doskonalenia Wealdshire" in html
    assert "Priorytety naszego systemu" in html


def test_machine_paths_are_not_redirected_into_a_language(client, demo):
    for path in ["/api/v3/nothing/", "/health/nothing/"]:
        response = client.get(path)
        assert response.status_code == 404, path


def test_unknown_language_prefix_is_a_404(client, demo):
    assert client.get("/xx/").status_code == 404


def test_untranslated_priorities_fall_back_to_english(client, demo):
    html = client.get("/pl/").content.decode()
    assert "Stroke" in html  # no Polish translation yet: the English one is shown


def test_translated_priorities_replace_the_english_ones(client, demo):
    from wagtail.models import Locale

    from hub.models import Priority

    stroke = Priority.objects.get(name="Stroke")
    udar = stroke.copy_for_translation(Locale.objects.get(language_code="pl"))
    udar.name = "Udar mózgu"
    udar.save()
    html = client.get("/pl/").content.decode()
    assert "Udar mózgu" in html
    assert ">Stroke<" not in html
    assert ">Stroke<" in client.get("/").content.decode()


def test_untranslated_passages_are_marked_with_their_language(client, demo):
    html = client.get("/pl/").content.decode()
    stroke_card = html[: html.index(">Stroke<")].rsplit("<li", 1)[1]
    assert 'lang="en"' in stroke_card
    assert 'lang="en"' not in client.get("/").content.decode().split("<body", 1)[1]
