"""The page cache: whole public pages for anonymous visitors, served from the shared cache and
never stale.

**How staleness is ruled out.** Every cached page is stored under the cache's current
*generation*, a number kept in the shared cache itself (local memory in development, Redis in
production, so every web process sees the same one). Anything that can change what a public
page shows bumps the generation once its transaction commits, and from that moment every
process looks pages up under the new number: nothing cached before the change is ever served
again (old entries simply expire). A page rendered while a change was being committed is not
stored if the generation moved during its render.

**What bumps it** (:func:`watch`, called by each app for its own models, and
:func:`connect` for Wagtail's): a page published, unpublished, moved, deleted or made private
or public; a translation published; any save, delete or many-to-many change of a model that
public pages, listings or search show (taxonomies, organisations, coach profiles, settings,
search documents, synonyms, promotions, documents, images, locales, sites, adoptions).
Models that no public page shows (ideas, the outbox, contact requests, search counts) are
declared as such, and a test checks that every model of the hub's apps is one or the other.
``QuerySet.update()`` and ``bulk_create()`` send no signals: code that changes what public
pages show that way must call :func:`invalidate` itself (``update_index`` does).

**What is cached** (:class:`PageCacheMiddleware`): GET and HEAD requests without a session,
messages or ``Authorization`` (anyone who may be signed in, or is in the middle of
something, always gets a fresh page), outside the admin, the API, files and health checks;
and only 200 responses that set no cookie, hold no CSRF token (every form), and do not say
``private``, ``no-cache`` or ``no-store`` (status pages, the huddle, sign-in). Each web
process also keeps the pages it has read under the current generation in its own memory
(:class:`_Local`, bounded by ``HUB_PAGE_CACHE_LOCAL_BYTES``): a hit then costs one round
trip, for the generation. Views that
must do something on every request even when their page is cached (the search page counts
searches) register it with :func:`on_every_request`.

**Headers for a CDN.** Cached pages carry ``Cache-Control: public, max-age=0,
must-revalidate`` (browsers revalidate, with an ``ETag`` hashed once when the page is stored, which
Django's ConditionalGetMiddleware answers with a 304)
and ``s-maxage`` only when Wagtail's front-end cache invalidation is configured
(``WAGTAILFRONTENDCACHE``), which then purges a CDN on publish; ``Vary: Cookie`` stays, so a
CDN never gives a signed-in editor's page to anyone else. ``X-Hub-Cache`` says ``hit`` or
``miss``.
"""

import hashlib
import logging
import pickle
import threading
import time
from collections import OrderedDict
from importlib import import_module

from django.conf import settings
from django.core import checks
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers, set_response_etag

from wagtail.models import Site

from . import per_request

logger = logging.getLogger(__name__)

GENERATION_KEY = "hub:page-cache:generation"
EXEMPT_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/api/",
    "/static/",
    "/media/",
    "/documents/",
    "/health/",
    "/csp-report/",
    "/__",
)
NOT_STORED_DIRECTIVES = ("private", "no-cache", "no-store")
# Headers never replayed from the cache: each response gets its own.
NOT_REPLAYED = {"set-cookie", "date", "x-hub-cache", "content-length"}

_watched: set[type] = set()
_ignored: set[type] = set()
_decisions: dict[type, bool] = {}


def enabled() -> bool:
    return bool(getattr(settings, "HUB_PAGE_CACHE", False))


def _cache():
    return caches[getattr(settings, "HUB_PAGE_CACHE_ALIAS", "default")]


# ---------------------------------------------------------------------------------------------
# The generation


def generation() -> int:
    """The current generation. Started from the clock when the shared cache has none (first
    start, or Redis restarted): never a number an older entry could still be stored under."""
    cache = _cache()
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, time.time_ns() // 1000, timeout=None)
        value = cache.get(GENERATION_KEY)
    return int(value or 0)


def _bump() -> None:
    cache = _cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet: any new one is newer than none
        cache.add(GENERATION_KEY, time.time_ns() // 1000, timeout=None)
    except Exception:
        # The cache is down: nothing can be served from it either.
        logger.exception("Could not invalidate the page cache")


def invalidate() -> None:
    """Every cached page is out of date once the current transaction commits (at once outside
    one; never if it rolls back). Each call bumps once: an increment is cheaper than working
    out whether this transaction already asked."""
    if enabled():
        transaction.on_commit(_bump)


_MISSING = object()


class _Local:
    """What this process has read lately from the shared cache, in its own memory, for the
    current generation only: an entry is the same for every process while the generation
    stands, so reading it again from the shared cache would cost a round trip and an
    unpickling for the same answer. Dropped whole when the generation moves, and each entry
    after ``HUB_PAGE_CACHE_SECONDS`` as in the shared cache (what only time changes); the
    least recently used go first once the entries weigh more than the setting ``limit``
    names (``weigh`` gives an entry's weight: 1 for a count of entries, its size for a bound
    in bytes). ``private`` entries are kept pickled, so each request gets its own copy of a
    page or a list it may change; the rest (HTML, whole pages) are only ever read."""

    def __init__(self, limit: str, weigh=lambda value: 1):
        self.limit = limit
        self.weigh = weigh
        self.generation = None
        self.values: OrderedDict = OrderedDict()
        self.weight = 0
        self.lock = threading.Lock()

    def _drop(self, key) -> None:
        self.weight -= self.values.pop(key)[2]

    def get(self, generation_: int, key: str):
        with self.lock:
            if generation_ != self.generation:
                self.generation, self.values, self.weight = generation_, OrderedDict(), 0
                return _MISSING
            value, expires, _weight = self.values.get(key, (_MISSING, 0, 0))
            if value is _MISSING:
                return value
            if expires < time.monotonic():
                self._drop(key)
                return _MISSING
            self.values.move_to_end(key)
        if isinstance(value, _Pickled):
            # Bytes this process pickled itself (``put``), never anything from outside.
            return pickle.loads(value.data)  # noqa: S301
        return value

    def put(self, generation_: int, key: str, value, *, private: bool = False) -> None:
        limit = getattr(settings, self.limit, 0)
        if not limit:
            return
        weight = self.weigh(value)
        if weight > limit:
            return
        if private:
            value = _Pickled(pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
        with self.lock:
            if generation_ != self.generation:
                return
            if key in self.values:
                self._drop(key)
            self.values[key] = (value, time.monotonic() + settings.HUB_PAGE_CACHE_SECONDS, weight)
            self.weight += weight
            while self.weight > limit:
                self._drop(next(iter(self.values)))


class _Pickled:
    __slots__ = ("data",)

    def __init__(self, data: bytes):
        self.data = data


# Parts (``remember``), counted; whole pages (the middleware), weighed by their bytes.
_local_parts = _Local("HUB_PAGE_CACHE_LOCAL_ITEMS")
_local_pages = _Local("HUB_PAGE_CACHE_LOCAL_BYTES", weigh=lambda entry: len(entry["content"]))


def remember(key: tuple, compute):
    """``compute()``, kept in the shared cache until anything a public page shows changes
    (stored under the generation, like the pages): for parts every page repeats (navigation,
    settings, the language switcher, breadcrumbs, cards), so a page the cache misses need
    not look them up or render them again. The generation is read once per request, and a
    part this process has read under it is taken from its own memory (:class:`_Local`).
    Without the page cache, or with the cache down, ``compute()`` is called every time; a
    ``None`` is never kept."""
    if not enabled():
        return compute()
    try:
        current = per_request.remember(("page-cache-generation",), generation)
        full_key = f"hub:part:{current}:{hashlib.sha256(repr(key).encode()).hexdigest()}"
        value = _local_parts.get(current, full_key)
        if value is not _MISSING:
            return value
        value = _cache().get(full_key, _MISSING)
    except Exception:
        logger.exception("Page cache unavailable")
        return compute()
    if value is _MISSING:
        value = compute()
        if value is None:  # nothing found is not kept: an address that names nothing
            return value
        try:
            _cache().set(full_key, value, settings.HUB_PAGE_CACHE_SECONDS)
        except Exception:
            logger.exception("Page cache unavailable")
    _local_parts.put(current, full_key, value, private=not isinstance(value, str))
    return value


@checks.register(checks.Tags.caches, deploy=True)
def check_shared_cache(app_configs=None, **kwargs):
    """Local memory is one process's own: with several web processes, a page published
    through one would stay cached in the others."""
    if not enabled():
        return []
    backend = settings.CACHES[getattr(settings, "HUB_PAGE_CACHE_ALIAS", "default")]["BACKEND"]
    if backend.endswith("LocMemCache"):
        return [
            checks.Warning(
                "The page cache is in local memory: with more than one web process, set "
                "REDIS_URL (or HUB_PAGE_CACHE=false).",
                id="hub.W010",
            )
        ]
    return []


# ---------------------------------------------------------------------------------------------
# What invalidates


def watch(*models: type, ignore: tuple[type, ...] = ()) -> None:
    """Public pages show these models: a save, delete or many-to-many change invalidates.
    ``ignore`` declares models of the same app that no public page shows."""
    _watched.update(models)
    _ignored.update(ignore)
    _decisions.clear()


def watch_app(app_config, *, ignore: tuple[str, ...] = ()) -> None:
    """Every model of an app is shown on public pages, except those named in ``ignore``."""
    models = list(app_config.get_models())
    watch(
        *(model for model in models if model.__name__ not in ignore),
        ignore=tuple(model for model in models if model.__name__ in ignore),
    )


def is_watched(model: type) -> bool:
    decision = _decisions.get(model)
    if decision is None:
        decision = _decisions[model] = any(issubclass(model, seen) for seen in _watched)
    return decision


def is_ignored(model: type) -> bool:
    return model in _ignored


def _on_change(sender, instance=None, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page):
        # Saving a draft does not change the live page; publishing (live, nothing
        # unpublished) and creating an alias do. Unpublishing sends page_unpublished.
        if kwargs.get("signal") is post_save and (
            not instance.live or instance.has_unpublished_changes
        ):
            return
        invalidate()
    elif is_watched(sender):
        invalidate()


def _on_m2m(sender, instance=None, action="", **kwargs):
    if action.startswith("post_") and instance is not None and is_watched(type(instance)):
        invalidate()


def _on_page_event(sender, **kwargs):
    invalidate()


def connect() -> None:
    """Listen for every change (once, from ``hub.apps``). Wagtail's own models that public
    pages show are watched here; each app watches its own."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Locale, PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    watch(Locale, Site, PageViewRestriction, get_document_model(), get_image_model())
    try:
        from wagtail.contrib.search_promotions.models import Query, SearchPromotion
    except ImportError:  # pragma: no cover: the app is installed by base settings
        pass
    else:
        watch(Query, SearchPromotion)
    # Wagtail counts promotions' daily hits on Query rows; the hub never records hits, but a
    # save of the query's counters would otherwise look like an edit.
    post_save.connect(_on_change, dispatch_uid="hub.page_cache.save")
    post_delete.connect(_on_change, dispatch_uid="hub.page_cache.delete")
    m2m_changed.connect(_on_m2m, dispatch_uid="hub.page_cache.m2m")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_on_page_event, dispatch_uid=f"hub.page_cache.{id(signal)}")


# ---------------------------------------------------------------------------------------------
# Work a cached page still does


def on_every_request(request, function, *args, **kwargs) -> None:
    """Run ``function(*args, **kwargs)`` now, and again whenever this page is served from the
    cache. ``function`` must be a module-level function and the arguments plain values (they
    are stored with the page)."""
    function(*args, **kwargs)
    calls = request.__dict__.setdefault("_page_cache_calls", [])
    calls.append((f"{function.__module__}:{function.__qualname__}", args, kwargs))


def _replay(calls) -> None:
    for path, args, kwargs in calls:
        module, _, name = path.partition(":")
        try:
            getattr(import_module(module), name)(*args, **kwargs)
        except Exception:
            logger.exception("Page cache: %s failed on a cached page", path)


# ---------------------------------------------------------------------------------------------
# The middleware


def may_be_cached(request) -> bool:
    """A request anyone anonymous might make, for a page that could be public."""
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path_info.startswith(EXEMPT_PREFIXES):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return False
    return "HTTP_AUTHORIZATION" not in request.META


def csrf_token_used(request) -> bool:
    """Whether this response holds a CSRF token (Django's ``get_token`` marks the request so
    its middleware sends the cookie): a form's token is one visitor's alone."""
    return bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))


def may_store(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if csrf_token_used(request):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    return not any(directive in cache_control for directive in NOT_STORED_DIRECTIVES)


def cache_key(request, generation_: int) -> str:
    query = "&".join(sorted(request.META.get("QUERY_STRING", "").split("&")))
    address = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"hub:page:{generation_}:{digest}"


def public_cache_control(response) -> None:
    """Headers that let a browser or CDN keep a public page as long as it stays true."""
    directives = {"public": True, "max_age": 0, "must_revalidate": True}
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        directives["s_maxage"] = settings.HUB_CDN_MAX_AGE
    patch_cache_control(response, **directives)
    patch_vary_headers(response, ("Cookie",))


def remember_site(request) -> None:
    """Wagtail's ``Site.find_for_request`` asks the database for the site once per request,
    and its root page once more when asked; a request the cache cannot answer takes both
    from the parts instead (sites and pages are watched). Wagtail keeps the answer on the
    request as ``_wagtail_site``, which it reads first."""
    if hasattr(request, "_wagtail_site"):
        return

    def site_and_root_page():
        site = Site._find_for_request(request)
        if site is not None:
            site.root_page  # noqa: B018 - loaded now, so it is kept with the site
        return site

    try:
        key = ("site", request._get_raw_host(), request.get_port())
        request._wagtail_site = remember(key, site_and_root_page)
    except Exception:
        logger.exception("Page cache unavailable")


def remember_route(request, path: str) -> None:
    """Wagtail's ``Page.route_for_request`` starts from the site's root page in the visitor's
    language, which costs two queries on every request (the active locale, then the specific
    page). Here that root page comes from the parts, and the route is left where Wagtail
    reads it first (``request._wagtail_route_for_request``); the home page's own ``route``
    takes the rest of the address from the parts too. Same answer, same 404s."""
    if hasattr(request, "_wagtail_route_for_request"):
        return
    from django.http import Http404

    site = Site.find_for_request(request)
    if site is None:
        request._wagtail_route_for_request = None
        return
    key = ("root-page", site.pk, translation.get_language())
    root = remember(key, lambda: site.root_page.localized.specific)
    try:
        request._wagtail_route_for_request = root.route(
            request, [component for component in path.split("/") if component]
        )
    except Http404:
        request._wagtail_route_for_request = None


class PageCacheMiddleware:
    """Serve anonymous visitors' public pages from the shared cache (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not enabled():
            return self.get_response(request)
        if not may_be_cached(request):
            remember_site(request)  # the API and the admin look the site up too
            return self.get_response(request)
        try:
            started_under = generation()
            key = cache_key(request, started_under)
            entry = _local_pages.get(started_under, key)
            if entry is _MISSING:
                entry = _cache().get(key)
                if entry is not None:
                    _local_pages.put(started_under, key, entry)
        except Exception:
            # A cache that is down costs speed, never the page.
            logger.exception("Page cache unavailable")
            return self.get_response(request)
        if entry is not None:
            return self._from_entry(request, entry)
        remember_site(request)
        response = self.get_response(request)
        if not may_store(request, response):
            return response
        public_cache_control(response)
        response["X-Hub-Cache"] = "miss"
        if request.method == "GET":
            self._store(request, response, key, started_under)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        from wagtail.views import serve  # not at import: it loads the page model

        if view_func is serve and view_args:
            try:
                remember_route(request, view_args[0])
            except Exception:
                logger.exception("Page cache unavailable")

    def _store(self, request, response, key, started_under) -> None:
        # The ETag that ConditionalGetMiddleware would hash the body for on every hit.
        set_response_etag(response)
        entry = {
            "status": response.status_code,
            "headers": [
                (name, value)
                for name, value in response.items()
                if name.lower() not in NOT_REPLAYED
            ],
            "content": response.content,
            "calls": getattr(request, "_page_cache_calls", []),
        }
        try:
            # Not when something changed while this page was being made: it may show the
            # state from before the change.
            if generation() == started_under:
                _cache().set(key, entry, settings.HUB_PAGE_CACHE_SECONDS)
                _local_pages.put(started_under, key, entry)
        except Exception:
            logger.exception("Page cache unavailable")

    def _from_entry(self, request, entry) -> HttpResponse:
        _replay(entry["calls"])
        content = b"" if request.method == "HEAD" else entry["content"]
        response = HttpResponse(content, status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        response["Content-Length"] = str(len(entry["content"]))
        response["X-Hub-Cache"] = "hit"
        return response
