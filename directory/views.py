"""The public coach directory: listing with search and filters, profiles, the contact form."""

from typing import NamedTuple

from django.conf import settings
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from wagtail.models import Locale

from hub.abuse import hit_rate_limit
from hub.models import Organisation, Priority
from pages.listings import build_listing

from .forms import ContactForm
from .listings import (
    MAX_QUERY_LENGTH,
    directory_listing,
    live_profiles,
    localized_names,
    profile_prefetches,
)
from .models import CoachProfile, Language, Skill
from .tasks import queue_relay


class Label(NamedTuple):
    text: str
    # The language of ``text`` when it differs from the page's (an untranslated name).
    lang: str = ""


class Labels:
    """Names of organisations and taxonomies in the visitor's language, fetched once per
    request (one query per taxonomy, and none at all in the default language)."""

    MODELS = (Organisation, Priority, Skill, Language)

    def __init__(self, locale: Locale | None = None):
        self.locale = locale = locale or Locale.get_active()
        self.is_default = locale.language_code == settings.LANGUAGE_CODE
        self.names = {} if self.is_default else {m: localized_names(m, locale) for m in self.MODELS}

    def __call__(self, obj) -> Label | None:
        if obj is None:
            return None
        if self.is_default:
            return Label(obj.name)
        name, locale_id = self.names[type(obj)].get(obj.translation_key, (obj.name, None))
        if locale_id != self.locale.pk:
            return Label(name, settings.LANGUAGE_CODE)
        return Label(name)


def describe(coach: CoachProfile, labels: Labels) -> dict:
    """What a card or a profile page shows about a coach (from prefetched relations)."""
    return {
        "coach": coach,
        "organisation": labels(coach.organisation),
        "skills": [labels(skill) for skill in coach.skills.all()],
        "priorities": [labels(priority) for priority in coach.priorities.all()],
        "languages": [labels(language) for language in coach.languages.all()],
        "offers": [str(offer) for offer in coach.offers.all()],
        "modes": [str(mode) for mode in coach.working_modes.all()],
        # The coach's own words are written in the default language.
        "text_lang": "" if labels.is_default else settings.LANGUAGE_CODE,
    }


def profile_context(coach: CoachProfile) -> dict:
    profile = describe(coach, Labels())
    # (An unsaved profile in the admin's preview has no address yet.)
    profile["contact_url"] = (
        reverse("directory:contact", kwargs={"slug": coach.slug}) if coach.slug else ""
    )
    return {"profile": profile}


def index(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    locale = Locale.get_active()
    listing = build_listing(request, directory_listing(query), locale)
    labels = Labels(locale)
    return TemplateResponse(
        request,
        "directory/index.html",
        {
            "listing": listing,
            "cards": [describe(coach, labels) for coach in listing.items],
            "search_query": query,
            "filtered": listing.filtered or bool(query),
        },
    )


def _live_coach(slug) -> CoachProfile:
    return get_object_or_404(
        live_profiles().select_related("organisation").prefetch_related(*profile_prefetches()),
        slug=slug,
    )


def profile(request, slug):
    coach = _live_coach(slug)
    return TemplateResponse(request, "directory/profile.html", profile_context(coach))


def contact(request, slug):
    """ "Contact this coach": stored, then relayed to the coach by email (``tasks``)."""
    coach = _live_coach(slug)
    context = profile_context(coach)
    if not coach.accepts_requests:
        # The form is closed: say so, and refuse anything posted anyway.
        return TemplateResponse(
            request,
            "directory/contact.html",
            {**context, "closed": True},
            status=403 if request.method == "POST" else 200,
        )
    rate_limited = False
    if request.method == "POST":
        form = ContactForm(request.POST, coach=coach)
        if hit_rate_limit(request, "coach-contact", settings.HUB_PUBLIC_FORM_RATE_LIMIT):
            rate_limited = True
        elif form.is_valid():
            if not form.honeypot_filled():
                queue_relay(form.save())
            return redirect("directory:contact_sent", slug=coach.slug)
    else:
        form = ContactForm(coach=coach)
    return TemplateResponse(
        request,
        "directory/contact.html",
        {**context, "form": form, "rate_limited": rate_limited},
        status=429 if rate_limited else 200,
    )


def contact_sent(request, slug):
    coach = _live_coach(slug)
    return TemplateResponse(request, "directory/contact_sent.html", profile_context(coach))
