"""Following a stream by email: subscribe (on its own page), confirm, unsubscribe.

No write on a GET: the confirmation and unsubscribe links open a page with one button. The
unsubscribe address also takes the one-click POST mail programs send (RFC 8058), without a
CSRF token (they have none): the secret token in the address is what authorises it.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from hub.abuse import hit_rate_limit, retry_after

from . import emails, registry
from .forms import SubscribeForm
from .models import Subscription


def _rate_limited(request, scope: str, template: str, context=None):
    limit = hit_rate_limit(request, scope, settings.HUB_PUBLIC_FORM_RATE_LIMIT)
    if not limit:
        return None
    response = TemplateResponse(
        request, template, {**(context or {}), "rate_limited": True}, status=429
    )
    return retry_after(response, limit.retry_after)


@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    if request.method == "POST":
        form = SubscribeForm(request.POST)
        refused = _rate_limited(request, "follow", "following/subscribe.html", {"form": form})
        if refused:
            return refused
        if form.is_valid():
            if not form.honeypot_filled():
                _subscribe(form.cleaned_data)
            return redirect("following:check_email")
    else:
        initial = {}
        stream = request.GET.get("stream", "")[:120]
        if registry.name_of(stream):
            initial["stream"] = stream
        form = SubscribeForm(initial=initial)
    return TemplateResponse(
        request,
        "following/subscribe.html",
        {"form": form, "feed_stream": form.initial.get("stream", "")},
    )


def _subscribe(data) -> None:
    """Store (or refresh) the unconfirmed subscription and record its confirmation email.
    An address already confirmed for the stream gets nothing: the page says the same either
    way, so nobody learns who follows what."""
    now = timezone.now()
    with transaction.atomic():
        subscription = (
            Subscription.objects.select_for_update()
            .filter(email__iexact=data["email"], stream=data["stream"])
            .first()
        )
        if subscription is not None and subscription.confirmed_at:
            return
        if subscription is None:
            try:
                with transaction.atomic():
                    subscription = Subscription.objects.create(
                        email=data["email"],
                        stream=data["stream"],
                        frequency=data["frequency"],
                        language=translation.get_language() or settings.LANGUAGE_CODE,
                    )
            except IntegrityError:  # the same request twice at once: the other one wins
                return
        else:
            subscription.frequency = data["frequency"]
            subscription.created_at = now  # a new link: the wait starts again
            subscription.language = translation.get_language() or settings.LANGUAGE_CODE
            subscription.save(update_fields=["frequency", "language", "created_at"])
        emails.record_confirmation(subscription, day=now.date().isoformat())


def check_email(request):
    return TemplateResponse(
        request, "following/check_email.html", {"days": settings.HUB_FOLLOW_CONFIRM_DAYS}
    )


@never_cache  # a personal link: never kept by the page cache or a browser
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, signed):
    token = emails.read_confirm_token(signed)
    subscription = Subscription.objects.filter(token=token).first() if token else None
    if subscription is None:
        return TemplateResponse(request, "following/confirm.html", {"invalid": True}, status=404)
    context = {
        "subscription": subscription,
        "stream_name": registry.name_of(subscription.stream) or subscription.stream,
    }
    if request.method == "POST":
        refused = _rate_limited(request, "follow-confirm", "following/confirm.html", context)
        if refused:
            return refused
        Subscription.objects.filter(pk=subscription.pk, confirmed_at__isnull=True).update(
            confirmed_at=timezone.now()
        )
        return TemplateResponse(request, "following/confirm.html", {**context, "done": True})
    return TemplateResponse(request, "following/confirm.html", context)


@never_cache
@csrf_exempt  # RFC 8058: mail programs POST here with no token; the address is the secret.
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    subscription = Subscription.objects.filter(token=token[:64]).first()
    everything = request.GET.get("all") == "1"
    if request.method == "POST":
        limit = hit_rate_limit(request, "unsubscribe", settings.HUB_PUBLIC_FORM_RATE_LIMIT * 5)
        if limit:
            return retry_after(
                HttpResponse(
                    "Too many requests; try again later.\n",
                    status=429,
                    content_type="text/plain; charset=utf-8",
                ),
                limit.retry_after,
            )
        if subscription is not None:
            rows = Subscription.objects.filter(pk=subscription.pk)
            if everything:
                rows = Subscription.objects.filter(email__iexact=subscription.email)
            rows.delete()
        # Said the same whether or not it was still there: unsubscribing twice is fine.
        return TemplateResponse(request, "following/unsubscribe.html", {"done": True})
    if subscription is None:
        return TemplateResponse(
            request, "following/unsubscribe.html", {"invalid": True}, status=404
        )
    return TemplateResponse(
        request,
        "following/unsubscribe.html",
        {
            "subscription": subscription,
            "everything": everything,
            "stream_name": registry.name_of(subscription.stream) or subscription.stream,
        },
    )
