from wagtail.models import Locale

import pytest

from tests.seeding import seeded_demo_fixture

pytestmark = pytest.mark.django_db

demo = seeded_demo_fixture(library=False, ideas=False)


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


def _without_polish(english_name):
    """Delete the demo's Polish translation of a priority, as if not translated yet."""
    from hub.models import Priority

    english = Priority.objects.get(name=english_name, locale__language_code="en")
    english.get_translation(Locale.objects.get(language_code="pl")).delete()


def test_the_demo_priorities_are_in_the_visitors_language(client, demo):
    html = client.get("/pl/").content.decode()
    assert ">Udar mózgu<" in html
    assert ">Stroke<" not in html
    assert ">فالج<" in client.get("/ur/").content.decode()
    assert ">Stroke<" in client.get("/").content.decode()


def test_untranslated_priorities_fall_back_to_english(client, demo):
    _without_polish("Stroke")
    html = client.get("/pl/").content.decode()
    assert ">Stroke<" in html  # no Polish translation: the English one is shown
    assert ">Bezpieczeństwo pacjentów (PSIRF)<" in html


def test_untranslated_passages_are_marked_with_their_language(client, demo):
    _without_polish("Stroke")
    html = client.get("/pl/").content.decode()
    stroke_card = html[: html.index(">Stroke<")].rsplit("<li", 1)[1]
    assert 'lang="en"' in stroke_card
    english = client.get("/").content.decode()
    assert 'lang="en"' not in english.split("<main", 1)[1]


def test_taxonomy_names_on_pages_are_translated(client, demo):
    """Topics on a page, the partners' menu item, index and pages: in the visitor's
    language, as the demo translated them with wagtail-localize."""
    about = client.get("/pl/about/").content.decode()
    assert ">współtworzenie<" in about
    assert ">co-production<" not in about
    assert "Nasi partnerzy" in about  # the menu
    partners = client.get("/pl/partners/").content.decode()
    assert "<h1" in partners and "Nasi partnerzy" in partners
    assert "Rada Hrabstwa Wealdshire" in partners
    assert "Wealdshire University Hospitals NHS Foundation Trust" in partners  # a legal name
    urdu = client.get("/ur/partners/").content.decode()
    assert "ہمارے شراکت دار" in urdu
    assert "ویلڈشائر کاؤنٹی کونسل" in urdu
    assert "Our partners" not in urdu.split("<main", 1)[1]


def test_polish_dates_put_the_month_in_the_genitive(client, demo):
    html = client.get("/pl/about/").content.decode()
    review = html.split("hub-review-date", 1)[1].split("</p>", 1)[0]
    genitive = ("stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca")
    genitive += ("sierpnia", "września", "października", "listopada", "grudnia")
    assert any(month in review for month in genitive), review


def test_urdu_is_served_right_to_left_under_ur(client, demo):
    html = client.get("/ur/").content.decode()
    assert '<html lang="ur" dir="rtl">' in html
    assert "hub/css/rtl.css" in html
    assert "ہمارے نظام کی ترجیحات" in html  # the Urdu home page's own text
    assert "hub/css/rtl.css" not in client.get("/pl/").content.decode()


def test_switcher_links_the_same_page_in_each_language(client, demo):
    html = client.get("/about/").content.decode()
    switcher = html.split('class="hub-language-switcher"', 1)[1].split("</nav>", 1)[0]
    assert 'href="/pl/about/" hreflang="pl" lang="pl" dir="ltr">polski</a>' in switcher
    assert 'href="/ur/about/" hreflang="ur" lang="ur" dir="rtl">اردو</a>' in switcher
    assert 'lang="en" dir="ltr" aria-current="true">English</span>' in switcher


def test_switcher_says_when_a_page_is_not_translated(client, demo):
    html = client.get("/accessibility-statement/").content.decode()
    switcher = html.split('class="hub-language-switcher"', 1)[1].split("</nav>", 1)[0]
    assert 'href="/pl/" hreflang="pl" lang="pl"' in switcher
    assert "(jeszcze nie przetłumaczono)" in switcher
    assert "(ابھی ترجمہ نہیں ہوا)" in switcher


def test_hreflang_alternates_for_existing_translations_and_x_default(client, demo):
    html = client.get("/pl/about/").content.decode()
    head = html.split("</head>", 1)[0]
    assert '<link rel="alternate" hreflang="en" href="http://testserver/about/">' in head
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/about/">' in head
    assert '<link rel="alternate" hreflang="pl" href="http://testserver/pl/about/">' in head
    assert '<link rel="alternate" hreflang="ur" href="http://testserver/ur/about/">' in head
    untranslated = client.get("/accessibility-statement/").content.decode().split("</head>")[0]
    assert 'hreflang="pl"' not in untranslated
    assert 'hreflang="x-default"' in untranslated


def test_django_views_switch_language_on_the_same_url(client, demo):
    html = client.get("/ur/coaches/?q=falls").content.decode()
    switcher = html.split('class="hub-language-switcher"', 1)[1].split("</nav>", 1)[0]
    assert 'href="/coaches/?q=falls" hreflang="en"' in switcher
    assert 'href="/pl/coaches/?q=falls" hreflang="pl"' in switcher
    assert 'hreflang="ur" href="http://testserver/ur/coaches/?q=falls"' in html


def test_home_calls_to_action_keep_the_language(client, demo):
    assert 'href="/ur/submit-an-idea/"' in client.get("/ur/").content.decode()
    assert 'href="/pl/coaches/"' in client.get("/pl/").content.decode()
