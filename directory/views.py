"""The public coach directory: listing with search and filters, profiles, the contact form."""

from dataclasses import replace

from django.conf import settings
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from hub import page_cache
from hub.abuse import hit_rate_limit, retry_after
from hub.listings import build_listing
from hub.models import active_locale

from .emails import record_contact_relay
from .forms import ContactForm
from .listings import MAX_QUERY_LENGTH, directory_listing, live_profiles, profile_prefetches
from .models import CoachProfile
from .profiles import Labels, described_later, profile_context


def index(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    locale = active_locale()
    # The cards' relations are fetched only for cards not kept with the page cache's parts.
    config = replace(directory_listing(query), prefetch_related=())
    listing = build_listing(request, config, locale)
    return TemplateResponse(
        request,
        "directory/index.html",
        {
            "listing": listing,
            "cards": described_later(listing.items, Labels(locale), profile_prefetches()),
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
    # The profile with what it shows, kept with the page cache's parts (coach profiles and
    # their taxonomies are watched), and its content block too: the same for every visitor.
    coach = page_cache.remember(("live-coach", slug), lambda: _live_coach(slug))
    context = profile_context(coach)
    context["content_fragment"] = request.path
    return TemplateResponse(request, "directory/profile.html", context)


def contact(request, slug):
    """ "Contact this coach": stored with the email relaying it to the coach, in one
    transaction; the hub's outbox sends the email once that commits (``emails``)."""
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
    rate_limited = None
    if request.method == "POST":
        form = ContactForm(request.POST, coach=coach)
        limit = hit_rate_limit(request, "coach-contact", settings.HUB_PUBLIC_FORM_RATE_LIMIT)
        if limit:
            rate_limited = limit
        elif form.is_valid():
            if not form.honeypot_filled():
                with transaction.atomic():
                    record_contact_relay(form.save())
            return redirect("directory:contact_sent", slug=coach.slug)
    else:
        form = ContactForm(coach=coach)
    response = TemplateResponse(
        request,
        "directory/contact.html",
        {**context, "form": form, "rate_limited": bool(rate_limited)},
        status=429 if rate_limited else 200,
    )
    if rate_limited:
        retry_after(response, rate_limited.retry_after)
    return response


def contact_sent(request, slug):
    coach = _live_coach(slug)
    return TemplateResponse(request, "directory/contact_sent.html", profile_context(coach))
