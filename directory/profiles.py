"""What a coach's card or profile page shows, with names in the visitor's language.

Used by the public directory (``directory.views``) and by the admin's preview of a profile
(``CoachProfile.get_preview_context``), so both show a profile alike.
"""

from collections.abc import Mapping
from typing import NamedTuple

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.urls import reverse

from wagtail.models import Locale

from hub.models import active_locale, localized


def localized_names(model, locale: Locale) -> dict:
    """``{translation_key: (name, locale_id)}`` for ``model`` in ``locale``, falling back to
    the default language (one query), so labels of the default-language objects a profile
    links to can be shown in the visitor's language."""
    rows = localized(model.objects.all(), locale).values_list("translation_key", "name", "locale")
    return {key: (name, locale_id) for key, name, locale_id in rows}


class Label(NamedTuple):
    text: str
    # The language of ``text`` when it differs from the page's (an untranslated name).
    lang: str = ""


class Labels:
    """Names of organisations and taxonomies in the visitor's language, fetched once per
    request (one query per taxonomy shown, and none at all in the default language)."""

    def __init__(self, locale: Locale | None = None):
        self.locale = locale = locale or active_locale()
        self.is_default = locale.language_code == settings.LANGUAGE_CODE
        self.names: dict[type, dict] = {}

    def __call__(self, obj) -> Label | None:
        if obj is None:
            return None
        if self.is_default:
            return Label(obj.name)
        model = type(obj)
        if model not in self.names:
            self.names[model] = localized_names(model, self.locale)
        name, locale_id = self.names[model].get(obj.translation_key, (obj.name, None))
        if locale_id != self.locale.pk:
            return Label(name, settings.LANGUAGE_CODE)
        return Label(name)


def describe(coach, labels: Labels) -> dict:
    """What a card or a profile page shows about a coach (a ``CoachProfile``, from
    prefetched relations)."""
    return {
        "coach": coach,
        "organisation": labels(coach.organisation),
        "skills": [labels(skill) for skill in coach.skills.all()],
        "priorities": [labels(priority) for priority in coach.priorities.all()],
        "places": [labels(place) for place in coach.places.all()],
        "languages": [labels(language) for language in coach.languages.all()],
        "offers": [str(offer) for offer in coach.offers.all()],
        "modes": [str(mode) for mode in coach.working_modes.all()],
        # The coach's own words are written in the default language.
        "text_lang": "" if labels.is_default else settings.LANGUAGE_CODE,
    }


class _CardLater(Mapping):
    """``describe(coach)`` for one card, worked out only when the card is rendered."""

    def __init__(self, coach, describe_all):
        self.coach, self._describe_all = coach, describe_all

    def _described(self) -> dict:
        return self._describe_all()[self.coach.pk]

    def __getitem__(self, name):
        if name == "coach":  # what the card's key needs, and nothing else
            return self.coach
        return self._described()[name]

    def __iter__(self):
        return iter(self._described())

    def __len__(self):
        return len(self._described())


def described_later(coaches, labels: Labels, prefetches) -> list[Mapping]:
    """The directory's cards: each reads like ``describe(coach)``, but the relations a card
    shows are fetched only when a card is rendered, for every card of the page at once (in
    one query per relation). A card kept with the page cache's parts needs only its coach,
    so a page whose cards are all kept fetches none of them."""
    coaches = list(coaches)
    described: dict = {}

    def describe_all() -> dict:
        if not described:
            prefetch_related_objects(coaches, *prefetches)
            described.update({coach.pk: describe(coach, labels) for coach in coaches})
        return described

    return [_CardLater(coach, describe_all) for coach in coaches]


def profile_context(coach) -> dict:
    """The template context of a profile page (and of its preview in the admin)."""
    profile = describe(coach, Labels())
    # (An unsaved profile in the admin's preview has no address yet.)
    profile["contact_url"] = (
        reverse("directory:contact", kwargs={"slug": coach.slug}) if coach.slug else ""
    )
    return {"profile": profile}
