"""``seed()``: the whole demo, step by step, in one transaction (``manage.py seed_demo``)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from wagtail.models import Locale, Page, Site

from demo.bookings import seed_bookings
from demo.coaches import seed_coaches
from demo.collaboratives import seed_collaboratives
from demo.feedback import seed_feedback
from demo.following import seed_following
from demo.ideas import seed_ideas
from demo.library import seed_library
from demo.places import seed_places
from demo.projects import seed_projects
from demo.sharing import seed_sharing
from demo.site import ensure_home, ensure_pages, ensure_settings
from demo.taxonomies import ensure_organisations, ensure_priorities, ensure_topics
from demo.translations import ensure_translations
from demo.upkeep import seed_upkeep
from demo.users import ensure_users
from hub import access, links
from hub.models import Priority
from pages.models import EventPage, HomePage
from search import queries, starter_synonyms
from search.models import SynonymSet
from search.signals import indexing_deferred


def ensure_locales() -> list[Locale]:
    return [
        Locale.objects.get_or_create(language_code=code)[0]
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
    ]


@transaction.atomic
def seed(*, library=True, ideas=True):
    """Load the demo content; returns counts of what exists. ``library=False`` skips the
    case studies, resources and events, ``ideas=False`` the demo ideas and their meetings
    (tests that only read the site's frame or the directory do not need them).

    Search indexes are brought up to date once at the end, not on every save: a seed saves
    most objects several times.
    """
    with indexing_deferred():
        return _seed(library=library, ideas=ideas)


def _seed(*, library, ideas):
    locales = ensure_locales()
    default_locale = Locale.get_default()
    # The migration creates them on a new hub; a test database flushed since has none.
    starter_synonyms.create_missing(SynonymSet)
    queries.forget_synonyms()
    access.sync_access()
    organisations = ensure_organisations()
    priorities = ensure_priorities()
    ensure_topics()
    admin = get_user_model().objects.filter(username="admin").first()

    home = HomePage.objects.get(depth=2, locale=default_locale)
    pages = ensure_pages(home, organisations, admin)
    if library:
        counts = seed_library(home, organisations, priorities, admin)
        pages["case-studies"], pages["resources"], pages["training"] = counts.pop("indexes")
        pages["projects"] = home.get_children().get(slug="projects").specific
        counts.update(
            seed_collaboratives(home, organisations, admin, training_index=pages["training"])
        )
    else:
        counts = {
            "case_studies": 0,
            "resources": 0,
            "events": 0,
            "collaboratives": 0,
            "collaborative_teams": 0,
        }
    home = ensure_home(home, pages, admin)
    # Links in the demo's emails and API use HUB_BASE_URL (migrate syncs the Site too).
    links.sync_default_site()
    site = Site.objects.get(is_default_site=True)
    ensure_settings(site, pages)

    # Partner pages exist now, so the organisations' editor groups do too.
    for organisation in organisations.values():
        organisation.refresh_from_db()
    users = ensure_users(organisations)
    counts.update(seed_coaches(organisations, priorities))
    if library:
        counts.update(seed_bookings(pages["training"], organisations, admin))
    if ideas:
        seed_ideas()
        counts["projects"] = seed_projects()
    # After the projects: they are placed too.
    counts.update(seed_places(admin))
    if library and ideas:
        # Views, page feedback and survey answers for the impact report.
        seed_feedback()
    if library:
        counts.update(seed_upkeep(users, organisations))
        # A case study sent through "Share your work", waiting for its partner's editors.
        counts.update(seed_sharing(organisations))
    counts.update(seed_following(default_locale))

    translated = ensure_translations(home, locales, user=users["admin"])
    if library:
        # Counted once everything is seeded: collaboratives and bookings add events too.
        counts["events"] = EventPage.objects.filter(locale=default_locale).count()
    return {
        **counts,
        "organisations": len(organisations),
        "priorities": Priority.objects.filter(locale=default_locale).count(),
        "pages": Page.objects.filter(depth__gt=1).count(),
        "users": len(users),
        "translations": translated,
    }
