"""Defences every public form shares: the real client address, a per-address rate limit and
a honeypot field. No CAPTCHA: it fails accessibility."""

import math
import time
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _


def client_ip(request) -> str:
    """The visitor's address. X-Forwarded-For is believed only as far as the number of
    proxies the operator says are in front of the hub (HUB_TRUSTED_PROXY_COUNT)."""
    trusted = getattr(settings, "HUB_TRUSTED_PROXY_COUNT", 0)
    remote = request.META.get("REMOTE_ADDR", "")
    if trusted <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < trusted:
        return remote
    # Each trusted proxy appended the address it saw; the client is the entry just before
    # the ones our own proxies added.
    return forwarded[-trusted]


@dataclass(frozen=True)
class Limit:
    """The outcome of counting one attempt: true when over the limit, with how long until
    the window that was counted in ends (what ``Retry-After`` says)."""

    exceeded: bool
    retry_after: int

    def __bool__(self) -> bool:
        return self.exceeded


def count_attempt(key: str, limit: int, period_seconds: int = 3600, *, amount: int = 1) -> Limit:
    """Add ``amount`` to the counter ``key`` (a fixed window of ``period_seconds`` that starts
    at the first attempt); over the limit once the total passes ``limit``.

    The window's end is kept beside the count, so a refusal can say how long is left. Both
    live in the default cache (Redis in production, shared by every web process)."""
    now = time.time()
    cache.add(f"{key}:ends", now + period_seconds, timeout=period_seconds)
    cache.add(key, 0, timeout=period_seconds)
    try:
        count = cache.incr(key, amount)
    except ValueError:  # expired between add and incr
        cache.set(key, amount, timeout=period_seconds)
        count = amount
    ends = cache.get(f"{key}:ends") or now + period_seconds
    return Limit(exceeded=count > limit, retry_after=max(1, math.ceil(ends - now)))


def hit_rate_limit(request, scope: str, limit: int, period_seconds: int = 3600) -> Limit:
    """Count one attempt for this address in ``scope``; true once ``limit`` is exceeded."""
    return count_attempt(f"ratelimit:{scope}:{client_ip(request)}", limit, period_seconds)


def retry_after(response, seconds: int):
    """Say on a 429 (or 503) response when to come back, in whole seconds."""
    response["Retry-After"] = str(max(1, int(seconds)))
    return response


class HoneypotMixin(forms.Form):
    """A field people never see or fill; bots that fill every field are refused."""

    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def honeypot_filled(self) -> bool:
        return bool(self.data.get(self.add_prefix("website"), "").strip())
