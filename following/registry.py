"""What can be followed: one registry of streams, filled by the apps that own the content.

A *stream* is named ``"<kind>:<key>"``: ``type:case-studies``, ``priority:stroke``,
``topic:falls``. Each kind is a :class:`Followable`, registered once from an
``AppConfig.ready()`` with :func:`register`; it says how to name itself and its streams, and
how to list a stream's new :class:`Item` objects since a time (for the weekly digest and the
Atom feeds). This app registers the page types, system priorities and topics
(``following.streams``). Another app adds its own kind with one call, e.g. places::

    from following.registry import Followable, register
    register(Followable(kind="place", label=_("Place"), options=..., items_since=...))

and tells followers of something new *as it happens* with :func:`following.alerts.notify`
(or by sending :data:`following.signals.item_published`), inside the transaction that
publishes it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Item:
    """Something new in a stream: a page, an event, a project update."""

    # Names the thing across its translations ("page:<translation key>"): a follower gets it
    # once, in one language, whichever translation is published first in theirs.
    group: str
    language: str
    title: str
    url: str  # absolute
    summary: str
    kind: str  # what it is, in words: "Case study"
    published_at: datetime


@dataclass(frozen=True)
class Followable:
    kind: str  # the stream's prefix: "priority"
    label: str  # what a follower calls the kind (lazy translated): "System priority"
    # [(key, name)] of every stream of this kind, names in the active language.
    options: Callable[[], list[tuple[str, str]]]
    # The stream's items first published at or after ``since``, in every language.
    items_since: Callable[[str, datetime], list[Item]]


_REGISTRY: dict[str, Followable] = {}


def register(followable: Followable) -> None:
    """Called from an AppConfig.ready(); registering a kind twice replaces it."""
    _REGISTRY[followable.kind] = followable


def registered() -> list[Followable]:
    return list(_REGISTRY.values())


def split(stream: str) -> tuple[Followable, str] | None:
    """The stream's kind and key, or None when no such kind is registered."""
    kind, _sep, key = stream.partition(":")
    followable = _REGISTRY.get(kind)
    if followable is None or not key:
        return None
    return followable, key


def name_of(stream: str) -> str | None:
    """The stream's name in the active language, or None when it does not exist."""
    found = split(stream)
    if found is None:
        return None
    followable, key = found
    return dict(followable.options()).get(key)


def items_since(stream: str, since: datetime) -> list[Item]:
    found = split(stream)
    if found is None:
        return []
    followable, key = found
    return sorted(followable.items_since(key, since), key=lambda item: item.published_at)


def for_language(items: list[Item], language: str, default: str) -> list[Item]:
    """Each item once, in ``language`` where there is a version in it, else in ``default``."""
    chosen: dict[str, Item] = {}
    for item in items:
        current = chosen.get(item.group)
        if item.language == language or (item.language == default and current is None):
            chosen[item.group] = item
    return [item for item in chosen.values() if item.language in (language, default)]
