"""The streams this app registers itself: the page types people follow (case studies,
resources, training and events), system priorities, topics and places (a place's stream
includes the places inside it: a locality's followers hear of its PCNs' case studies),
projects in progress (their dated updates) and collaboratives (each publication of the
collaborative's page or of one of its teams' pages: at most one item per page per day, so an
editor publishing three corrections in an afternoon sends one email, not three).

Other apps register their own kinds (places, collaboratives, projects) the same way: see
``following.registry``.
"""

from datetime import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from hub.links import absolute_url
from hub.models import Place, Priority, Topic, active_locale, default_locale, localized, public
from pages.models import (
    CaseStudyPage,
    CollaborativePage,
    CollaborativeTeamPage,
    EventPage,
    ProjectPage,
    ProjectUpdate,
    ResourcePage,
)

from .registry import Followable, Item, register

# Stream keys of the followed page types, with their names.
PAGE_TYPES = {
    "case-studies": (CaseStudyPage, _("Case studies")),
    "resources": (ResourcePage, _("Resources")),
    "events": (EventPage, _("Training and events")),
    "projects": (ProjectPage, _("Projects in progress")),
}
KIND_OF_MODEL = {model: key for key, (model, _name) in PAGE_TYPES.items()}
# Page types that carry system priorities.
WITH_PRIORITIES = ("case-studies", "resources", "projects")
# Page types that carry places.
WITH_PLACES = ("case-studies", "events", "projects")


def page_item(page) -> Item:
    return Item(
        group=f"page:{page.translation_key}",
        language=page.locale.language_code,
        title=page.title,
        url=absolute_url(page.url) if page.url else "",
        summary=getattr(page, "summary", "") or page.listing_summary,
        kind=str(page._meta.verbose_name).capitalize(),
        published_at=page.first_published_at,
    )


def _new_pages(model, since: datetime, **filters):
    pages = (
        model.objects.live()
        .filter(first_published_at__gte=since, **filters)
        .select_related("locale")
        .distinct()
    )
    return [page_item(page) for page in public(pages)]


def _type_items(key: str, since: datetime) -> list[Item]:
    if key not in PAGE_TYPES:
        return []
    return _new_pages(PAGE_TYPES[key][0], since)


def _priority_items(key: str, since: datetime) -> list[Item]:
    # Pages in any language, tagged with this priority in any language.
    keys = Priority.objects.filter(slug=key).values("translation_key")
    items = []
    for kind in WITH_PRIORITIES:
        items += _new_pages(PAGE_TYPES[kind][0], since, priorities__translation_key__in=keys)
    return items


def _place_items(key: str, since: datetime) -> list[Item]:
    # Pages in any language with this place, or a place inside it, in any language.
    keys = Place.objects.filter(Q(slug=key) | Q(parent__slug=key)).values("translation_key")
    items = []
    for kind in WITH_PLACES:
        items += _new_pages(PAGE_TYPES[kind][0], since, places__translation_key__in=keys)
    return items


def _topic_items(key: str, since: datetime) -> list[Item]:
    items = []
    for model, _name in PAGE_TYPES.values():
        items += _new_pages(model, since, topic_items__tag__slug=key)
    return items


def update_item(project, update, *, published_at: datetime | None = None) -> Item:
    """A project's progress update, as followers of the project read it (published on its
    date, or at ``published_at``: the moment it is announced)."""
    return Item(
        group=f"project-update:{update.key}",
        language=project.locale.language_code,
        title=f"{project.title}: {update.title}",
        url=absolute_url(project.url) if project.url else "",
        summary=update.body,
        kind=str(_("Project update")),
        published_at=published_at
        or timezone.make_aware(datetime.combine(update.date, datetime.min.time())),
    )


def _project_items(key: str, since: datetime) -> list[Item]:
    updates = (
        ProjectUpdate.objects.filter(
            page__slug=key, page__live=True, date__gte=timezone.localdate(since)
        )
        .select_related("page", "page__locale")
        .order_by("date")
    )
    return [update_item(update.page, update) for update in updates if is_public(update.page)]


def _projects() -> list[tuple[str, str]]:
    projects = localized(public(ProjectPage.objects.live()), active_locale())
    return list(projects.order_by("title").values_list("slug", "title"))


def collaborative_item(page) -> Item:
    """A publication of a collaborative's page or one of its teams' pages, as its followers
    read it: one item per page (across its translations) per day."""
    published_at = page.last_published_at or timezone.now()
    return Item(
        group=f"collaborative:{page.translation_key}:{timezone.localdate(published_at)}",
        language=page.locale.language_code,
        title=page.title,
        url=absolute_url(page.url) if page.url else "",
        summary=getattr(page, "summary", "") or page.listing_summary,
        kind=str(_("Collaborative") if isinstance(page, CollaborativePage) else _("Team")),
        published_at=published_at,
    )


def collaborative_stream(page) -> str | None:
    """The stream of the collaborative ``page`` is, or whose team page it is (the pages
    name it: ``follow_stream``)."""
    if not isinstance(page, CollaborativePage | CollaborativeTeamPage):
        return None
    return page.follow_stream


def _collaborative_items(key: str, since: datetime) -> list[Item]:
    keys = CollaborativePage.objects.filter(slug=key, locale=default_locale()).values(
        "translation_key"
    )
    items = []
    for collaborative in CollaborativePage.objects.filter(translation_key__in=keys):
        pages = (
            Page.objects.descendant_of(collaborative, inclusive=True)
            .live()
            .filter(last_published_at__gte=since)
            .select_related("locale")
            .specific()
        )
        items += [collaborative_item(page) for page in public(pages)]
    return items


def _collaboratives() -> list[tuple[str, str]]:
    """Named by their default-language slug, in the visitor's language."""
    slugs = dict(
        CollaborativePage.objects.filter(locale=default_locale()).values_list(
            "translation_key", "slug"
        )
    )
    collaboratives = localized(public(CollaborativePage.objects.live()), active_locale())
    return [
        (slugs[key], title)
        for key, title in collaboratives.order_by("title").values_list("translation_key", "title")
        if key in slugs
    ]


def _named(model) -> list[tuple[str, str]]:
    return list(localized(model.objects.all(), active_locale()).values_list("slug", "name"))


def register_builtin() -> None:
    register(
        Followable(
            kind="type",
            label=_("Everything new of one kind"),
            options=lambda: [(key, str(name)) for key, (_model, name) in PAGE_TYPES.items()],
            items_since=_type_items,
        )
    )
    register(
        Followable(
            kind="priority",
            label=_("System priority"),
            options=lambda: _named(Priority),
            items_since=_priority_items,
        )
    )
    register(
        Followable(
            kind="topic", label=_("Topic"), options=lambda: _named(Topic), items_since=_topic_items
        )
    )
    register(
        Followable(
            kind="project",
            label=_("Project in progress"),
            options=_projects,
            items_since=_project_items,
        )
    )
    register(
        Followable(
            kind="collaborative",
            label=_("Collaborative"),
            options=_collaboratives,
            items_since=_collaborative_items,
        )
    )
    register(
        Followable(
            kind="place",
            label=_("Place"),
            options=lambda: _named(Place),
            items_since=_place_items,
        )
    )


def page_streams(page) -> list[str]:
    """The streams a newly published page belongs to (its type, priorities, topics)."""
    kind = KIND_OF_MODEL.get(type(page))
    if kind is None:
        return []
    streams = [f"type:{kind}"]
    if kind in WITH_PRIORITIES:
        # The default-language slugs: streams are named by them in every language.
        keys = page.priorities.values("translation_key")
        slugs = Priority.objects.filter(translation_key__in=keys, locale=default_locale())
        streams += [f"priority:{slug}" for slug in slugs.values_list("slug", flat=True)]
    streams += [f"topic:{slug}" for slug in page.topics.values_list("slug", flat=True)]
    if kind in WITH_PLACES:
        keys = page.places.values("translation_key")
        places = Place.objects.filter(translation_key__in=keys, locale=default_locale())
        slugs = set(places.values_list("slug", flat=True))
        slugs |= set(places.exclude(parent=None).values_list("parent__slug", flat=True))
        streams += [f"place:{slug}" for slug in sorted(slugs)]
    return streams


def is_public(page) -> bool:
    return public(Page.objects.filter(pk=page.pk)).exists()
