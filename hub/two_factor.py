"""Two-step sign-in for the admin (django-otp): an authenticator app's six-digit code after
the password, and ten single-use backup codes.

Why django-otp and a small integration here: it is maintained (Jazzband), supports Django
5.2, and its models (TOTP and static-code devices), throttling of wrong codes and
``request.user.is_verified()`` are exactly what is needed; wagtail-2fa (the old Wagtail
wrapper around it) was long unmaintained and ties the admin's templates to its own, and
django-allauth's MFA brings a second sign-in system the hub does not use.

- Anyone who may use the admin can turn it on (Account → Two-step sign-in).
- With ``HUB_REQUIRE_2FA`` on, hub editors, huddle members and superusers must: after the
  password they set it up before anything else (``hub.middleware.TwoFactorMiddleware``).
- A user with an authenticator enters a code (or a backup code) after every sign-in.
- Wrong codes are throttled by django-otp (a growing wait after each) and logged.
- Lost phone and backup codes: ``manage.py reset_two_factor USERNAME`` (a superuser on the
  server), after checking who is asking.
"""

import logging
from base64 import b32encode

from django import forms
from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from wagtail import hooks

import segno
from django_otp import devices_for_user, match_token, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import access
from .abuse import client_ip

logger = logging.getLogger("hub.security")

APP_DEVICE_NAME = "Authenticator app"
BACKUP_DEVICE_NAME = "Backup codes"
BACKUP_CODE_COUNT = 10
REQUIRED_GROUPS = (access.HUB_EDITORS, access.HUDDLE_MEMBERS, access.HUDDLE_CHAIRS)


def has_device(user) -> bool:
    return user_has_device(user, confirmed=True)


def is_required_for(user) -> bool:
    """Whether ``user`` must use two-step sign-in (``HUB_REQUIRE_2FA``)."""
    if not settings.HUB_REQUIRE_2FA:
        return False
    return user.is_superuser or user.groups.filter(name__in=REQUIRED_GROUPS).exists()


def _open_paths():
    return (
        reverse("wagtailadmin_login"),
        reverse("wagtailadmin_logout"),
        reverse("wagtailadmin_password_reset"),
        "/admin/password_reset/",
        "/admin/two-step/",
        "/admin/jsi18n/",
    )


_open_paths_cache: tuple[str, ...] = ()


def open_admin_paths() -> tuple[str, ...]:
    """Admin addresses a signed-in user reaches before entering a code."""
    global _open_paths_cache
    if not _open_paths_cache:
        _open_paths_cache = _open_paths()
    return _open_paths_cache


class CodeForm(forms.Form):
    otp_token = forms.CharField(
        label=_("Code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autocapitalize": "off",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
    )

    def clean_otp_token(self):
        return "".join(self.cleaned_data["otp_token"].split())


def _next_url(request) -> str:
    wanted = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return reverse("wagtailadmin_home")


def _signed_in(view):
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _throttled(user):
    """The wait left, in seconds, if wrong codes have throttled every device of ``user``."""
    waits = []
    for device in devices_for_user(user, confirmed=True):
        allowed, data = device.verify_is_allowed()
        if allowed:
            return None
        locked_until = (data or {}).get("locked_until")
        if locked_until is not None:
            waits.append(max(1, int((locked_until - timezone.now()).total_seconds()) + 1))
    return min(waits) if waits else None


def _new_backup_codes(user) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(user=user, name=BACKUP_DEVICE_NAME)
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def _qr_svg(device) -> str:
    return segno.make(device.config_url, error="m").svg_inline(
        scale=5, dark="#000", light="#fff", title=str(_("QR code for your authenticator app"))
    )


def _secret(device) -> str:
    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


@never_cache
@_signed_in
@require_http_methods(["GET", "POST"])
def verify(request):
    """After the password: the code from the app, or a backup code."""
    user = request.user
    if user.is_verified() or not has_device(user):
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        wait = _throttled(user)
        if wait:
            form.add_error(
                "otp_token",
                _("Too many wrong codes. Wait %(seconds)s seconds, then try again.")
                % {"seconds": wait},
            )
            status = 429
        elif form.is_valid():
            device = match_token(user, form.cleaned_data["otp_token"])
            if device is not None:
                otp_login(request, device)
                return redirect(_next_url(request))
            logger.warning(
                "Wrong two-step sign-in code for %r from %s",
                user.get_username(),
                client_ip(request),
            )
            form.add_error(
                "otp_token",
                _(
                    "That code is not right. Enter the 6-digit code your app shows now, "
                    "or one of your backup codes."
                ),
            )
            status = 422
        else:
            status = 422
    response = render(
        request,
        "hub/two_factor/verify.html",
        {"form": form, "next": _next_url(request)},
        status=status,
    )
    if status == 429:
        response["Retry-After"] = str(wait)
    return response


@never_cache
@_signed_in
@require_http_methods(["GET", "POST"])
def setup(request):
    """Turn two-step sign-in on (a QR code, then the first code), or manage it once on."""
    user = request.user
    if has_device(user):
        if not user.is_verified():
            return redirect(f"{reverse('hub_two_factor_verify')}?next={request.path}")
        return _manage(request)
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid() and device.verify_token(form.cleaned_data["otp_token"]):
            with transaction.atomic():
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                TOTPDevice.objects.filter(user=user, confirmed=False).delete()
                codes = _new_backup_codes(user)
            otp_login(request, device)
            logger.info("Two-step sign-in turned on for %r", user.get_username())
            return render(
                request,
                "hub/two_factor/backup_codes.html",
                {"codes": codes, "next": _next_url(request)},
            )
        form.add_error(
            "otp_token",
            _("That code is not right. Scan the QR code again and enter the 6-digit code."),
        )
        status = 422
    return render(
        request,
        "hub/two_factor/setup.html",
        {
            "form": form,
            "qr_svg": _qr_svg(device),
            "secret": _secret(device),
            "required": is_required_for(user),
            "next": _next_url(request),
        },
        status=status,
    )


def _manage(request):
    user = request.user
    required = is_required_for(user)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "codes":
            codes = _new_backup_codes(user)
            return render(
                request,
                "hub/two_factor/backup_codes.html",
                {"codes": codes, "next": reverse("hub_two_factor_setup")},
            )
        if action == "off" and not required:
            for device in devices_for_user(user, confirmed=None):
                device.delete()
            logger.info("Two-step sign-in turned off by %r", user.get_username())
            return redirect("hub_two_factor_setup")
    remaining = StaticToken.objects.filter(
        device__user=user, device__name=BACKUP_DEVICE_NAME
    ).count()
    return render(
        request,
        "hub/two_factor/manage.html",
        {"required": required, "backup_codes_left": remaining},
    )


urlpatterns = [
    path("admin/two-step/", setup, name="hub_two_factor_setup"),
    path("admin/two-step/verify/", verify, name="hub_two_factor_verify"),
]


@hooks.register("register_account_menu_item")
def register_account_menu_item(request):
    return {
        "url": reverse("hub_two_factor_setup"),
        "label": _("Two-step sign-in"),
        "help_text": _(
            "Ask for a code from an authenticator app on your phone after your password."
        ),
    }
