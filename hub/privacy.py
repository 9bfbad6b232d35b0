"""Privacy rights in the admin (Settings → Personal data), and the personal data the hub
itself holds.

A hub editor or data-protection officer enters an email address and sees every record the
registry (``hub.personal_data``) finds about it, by kind; downloads them as JSON (a
subject-access request); or erases them (the right to erasure), after a confirmation step
that asks for the reason. Each search, export and erasure writes a :class:`PrivacyAudit`
entry: who, when, what, and how many records of each kind, never the records nor the
address (a keyed hash of it: see ``hub.personal_data.audit_hash``).

The address is always sent by POST, never in a URL, so it stays out of access logs and
browser history.
"""

import json
import logging
from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wagtail.admin import messages
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.auth import require_admin_access

from axes.models import AccessAttempt, AccessFailureLog, AccessLog

from . import personal_data
from .enums import EmailStatus, PrivacyAuditAction
from .models import OutboxEmail, PrivacyAudit

logger = logging.getLogger(__name__)

PERMISSION = "hub.manage_personal_data"
# How many records of one kind the results page lists (the export holds them all).
LISTED_PER_KIND = 50


# The hub's own personal data ------------------------------------------------------------


def _delete(rows) -> int:
    count = rows.count()
    rows.delete()
    return count


def _anonymise_accounts(rows) -> int:
    """Staff accounts are not deleted (what they did stays attributed to an account) but
    made anonymous and unusable."""
    count = 0
    for user in rows:
        user.username = f"erased-{user.pk}"
        user.first_name = ""
        user.last_name = ""
        user.email = ""
        user.is_active = False
        user.set_unusable_password()
        user.save()
        count += 1
    return count


SIGNIN_FIELDS = ("username", "ip_address", "user_agent", "http_accept", "path_info")


def register_personal_data() -> None:
    personal_data.register(
        personal_data.PersonalData(
            key="hub.outbox_emails",
            label=gettext_lazy("Emails the hub sent"),
            model=OutboxEmail,
            email_lookups=("to", "reply_to"),
            fields=("to", "reply_to", "subject", "body", "html_body"),
            retention=personal_data.with_setting(
                gettext_lazy(
                    "The body is deleted once the email is sent; the record that it was sent (the "
                    "address and subject) is deleted %(days)s days later, or with what it was "
                    "about."
                ),
                "days",
                "HUB_OUTBOX_RETENTION_DAYS",
            ),
            lawful_basis=gettext_lazy(
                "The lawful basis of what the email is about (an idea, a request, a booking)."
            ),
            erase=_delete,
            expired=lambda now: OutboxEmail.objects.filter(
                status__in=[EmailStatus.SENT, EmailStatus.FAILED],
                created_at__lt=now - timedelta(days=settings.HUB_OUTBOX_RETENTION_DAYS),
            ),
        )
    )
    personal_data.register(
        personal_data.PersonalData(
            key="hub.accounts",
            label=gettext_lazy("Staff accounts (editors, the huddle, coaches)"),
            model=get_user_model(),
            email_lookups=("email", "username"),
            fields=("username", "first_name", "last_name", "email"),
            retention=gettext_lazy(
                "Kept while the account is in use; an administrator removes it when its holder "
                "leaves, or it is made anonymous on request."
            ),
            lawful_basis=gettext_lazy(
                "Legitimate interests (UK GDPR Article 6(1)(f)): knowing who edits the hub."
            ),
            erase=_anonymise_accounts,
        )
    )
    for model, key, label, fields in (
        (
            AccessAttempt,
            "hub.signin_attempts",
            gettext_lazy("Failed sign-ins"),
            (*SIGNIN_FIELDS, "get_data", "post_data"),
        ),
        (
            AccessFailureLog,
            "hub.signin_failures",
            gettext_lazy("Failed sign-in log"),
            SIGNIN_FIELDS,
        ),
        (AccessLog, "hub.signin_log", gettext_lazy("Sign-in log"), SIGNIN_FIELDS),
    ):
        personal_data.register(
            personal_data.PersonalData(
                key=key,
                label=label,
                model=model,
                email_lookups=("username",),
                fields=fields,
                retention=personal_data.with_setting(
                    gettext_lazy("Deleted %(days)s days after the attempt."),
                    "days",
                    "HUB_SIGNIN_RECORDS_RETENTION_DAYS",
                ),
                lawful_basis=gettext_lazy(
                    "Legitimate interests (UK GDPR Article 6(1)(f)): protecting accounts "
                    "from password guessing."
                ),
                erase=_delete,
                expired=lambda now, model=model: model.objects.filter(
                    attempt_time__lt=now
                    - timedelta(days=settings.HUB_SIGNIN_RECORDS_RETENTION_DAYS)
                ),
            )
        )


# The tool ---------------------------------------------------------------------------------


class EmailForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Email address"),
        help_text=gettext_lazy("The address of the person asking, exactly as they gave it."),
    )


class EraseForm(EmailForm):
    email = forms.EmailField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        help_text=gettext_lazy(
            "Why these records are erased: the request and how you checked who made it "
            "(for example: “Erasure request by email, identity checked by phone”). Do not "
            "write the person's name or address here."
        ),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm = forms.BooleanField(
        label=gettext_lazy("I understand that erasure cannot be undone"),
    )


def _refused(request):
    """A plain 403 for anyone else in the admin (a partner editor, a coach): Wagtail's own
    answer to PermissionDenied is a redirect to the dashboard, which reads as success."""
    if request.user.has_perm(PERMISSION):
        return None
    return TemplateResponse(request, "hub/privacy/forbidden.html", status=403)


def _audit(request, action, email, counts, reason="") -> PrivacyAudit:
    entry = PrivacyAudit.objects.create(
        action=action,
        actor=request.user,
        actor_name=request.user.get_username(),
        email_hash=personal_data.audit_hash(email),
        counts=counts,
        reason=reason,
    )
    # The log names the entry, never the address.
    logger.warning(
        "Personal data %s by %s (audit entry %s): %s",
        action,
        request.user.get_username(),
        entry.pk,
        counts,
    )
    return entry


def _results(request, email):
    """What the registry holds about ``email``: one group per kind, with edit links."""
    finder = AdminURLFinder(request.user)
    entries = {entry.key: entry for entry in personal_data.registered()}
    groups = []
    for key, rows in personal_data.find(email).items():
        entry = entries[key]
        total = rows.count()
        records = [
            {"label": str(row), "url": finder.get_edit_url(row)}
            for row in rows.order_by("pk")[:LISTED_PER_KIND]
        ]
        groups.append(
            {
                "key": key,
                "label": entry.label,
                "retention": entry.retention,
                "count": total,
                "records": records,
                "more": total - len(records),
            }
        )
    return groups


@require_http_methods(["GET", "POST"])
def search_view(request):
    if refused := _refused(request):
        return refused
    context = {"form": EmailForm(), "audit_url": reverse("hub_privacy_audit")}
    if request.method == "POST":
        form = EmailForm(request.POST)
        context["form"] = form
        if form.is_valid():
            email = form.cleaned_data["email"]
            groups = _results(request, email)
            _audit(
                request,
                PrivacyAuditAction.SEARCH,
                email,
                {group["key"]: group["count"] for group in groups},
            )
            context.update(
                email=email,
                groups=groups,
                total=sum(group["count"] for group in groups),
                earlier=PrivacyAudit.objects.filter(
                    email_hash=personal_data.audit_hash(email)
                ).select_related("actor")[:20],
                erase_form=EraseForm(initial={"email": email}),
            )
    return TemplateResponse(request, "hub/privacy/search.html", context)


@require_POST
def export_view(request):
    if refused := _refused(request):
        return refused
    form = EmailForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a valid email address."))
        return redirect("hub_privacy")
    email = form.cleaned_data["email"]
    data = personal_data.export(email)
    _audit(
        request,
        PrivacyAuditAction.EXPORT,
        email,
        {key: len(kind["records"]) for key, kind in data["records"].items()},
    )
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False, default=str),
        content_type="application/json; charset=utf-8",
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="personal-data-{stamp}.json"'
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def erase_view(request):
    """The confirmation step (reason, "cannot be undone") and the erasure itself."""
    if refused := _refused(request):
        return refused
    if "reason" not in request.POST:
        # From the results page: ask for the reason and the confirmation.
        form = EraseForm(initial={"email": request.POST.get("email", "")})
        email_form = EmailForm(request.POST)
        if not email_form.is_valid():
            messages.error(request, _("Enter a valid email address."))
            return redirect("hub_privacy")
        return _confirm(request, form, email_form.cleaned_data["email"])
    form = EraseForm(request.POST)
    if not form.is_valid():
        return _confirm(request, form, request.POST.get("email", ""), status=400)
    email = form.cleaned_data["email"]
    with transaction.atomic():
        counts = personal_data.erase(email)
        _audit(request, PrivacyAuditAction.ERASE, email, counts, form.cleaned_data["reason"])
    messages.success(
        request,
        _("Erased %(count)s records. The audit entry keeps the counts, not the records.")
        % {"count": sum(counts.values())},
    )
    return redirect("hub_privacy_audit")


def _confirm(request, form, email, status=200):
    return TemplateResponse(
        request,
        "hub/privacy/confirm_erase.html",
        {"form": form, "email": email, "groups": _results(request, email) if email else []},
        status=status,
    )


@require_GET
def audit_view(request):
    if refused := _refused(request):
        return refused
    page = Paginator(PrivacyAudit.objects.select_related("actor"), 50).get_page(
        request.GET.get("p")
    )
    labels = {entry.key: entry.label for entry in personal_data.registered()}
    for entry in page:
        entry.kinds = [(labels.get(key, key), count) for key, count in entry.counts.items()]
    return TemplateResponse(
        request,
        "hub/privacy/audit.html",
        {"page": page, "privacy_search_url": reverse("hub_privacy")},
    )


admin_urls = [
    path("personal-data/", require_admin_access(search_view), name="hub_privacy"),
    path("personal-data/export/", require_admin_access(export_view), name="hub_privacy_export"),
    path("personal-data/erase/", require_admin_access(erase_view), name="hub_privacy_erase"),
    path("personal-data/audit/", require_admin_access(audit_view), name="hub_privacy_audit"),
]
