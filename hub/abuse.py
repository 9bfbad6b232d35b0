"""Defences every public form shares: the real client address, a per-address rate limit and
a honeypot field. No CAPTCHA: it fails accessibility."""

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


def hit_rate_limit(request, scope: str, limit: int, period_seconds: int = 3600) -> bool:
    """Count one attempt for this address in ``scope``; True once ``limit`` is exceeded."""
    key = f"ratelimit:{scope}:{client_ip(request)}"
    cache.add(key, 0, timeout=period_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=period_seconds)
        count = 1
    return count > limit


class HoneypotMixin(forms.Form):
    """A field people never see or fill; bots that fill every field are refused."""

    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def honeypot_filled(self) -> bool:
        return bool(self.data.get(self.add_prefix("website"), "").strip())
