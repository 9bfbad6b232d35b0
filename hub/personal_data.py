"""Personal data, registered in one place.

Every model that holds a person's personal data (an idea's submitter, a message to a
coach, a booking, a subscription...) registers one :class:`PersonalData` entry from its
app's ``AppConfig.ready()``: which fields are personal, how a person's rows are found by
their email address, how long they are kept and on what lawful basis, and how they are
erased. Everything else reads the registry:

- the privacy-rights tools (a subject-access export and erasure on request: :func:`find`,
  :func:`export`, :func:`erase`);
- the scheduled purge (:func:`purge`: each entry's ``expired`` rows);
- the privacy notice and docs/ (each entry's ``retention`` and ``lawful_basis``).

``tests/hub/test_personal_data.py`` puts a marker in every registered field of every
registered model and checks that :func:`export` finds each one and :func:`erase` leaves
none.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q, QuerySet
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.functional import lazy


@dataclass(frozen=True)
class PersonalData:
    """How one model's personal data is found, kept and erased."""

    key: str  # "<app_label>.<what>", unique: "submissions.ideas"
    label: str  # what a person would call these records (lazy translated)
    model: type[models.Model]
    # ORM lookups that hold the person's email address, matched case-insensitively:
    # ("submitter_email",) or ("request__email",).
    email_lookups: tuple[str, ...]
    # Every field (on ``model``) that holds personal data: exported, and blank after erase.
    fields: tuple[str, ...]
    retention: str  # how long it is kept, in words (lazy translated), for the privacy notice
    lawful_basis: str  # the UK GDPR Article 6 basis, in words (lazy translated)
    # Erases the given rows (anonymise or delete them, with any files); returns how many.
    erase: Callable[[QuerySet], int]
    # The rows past their retention period at ``now``, for the scheduled purge; None when
    # rows are kept until erased on request (say why in ``retention``).
    expired: Callable[[datetime], QuerySet] | None = None


_REGISTRY: dict[str, PersonalData] = {}


def with_setting(message, placeholder: str, setting: str) -> str:
    """``message`` (a lazy translation with one ``%(placeholder)s``) filled in with a
    setting's value when it is shown: in the language active then, with the setting then.
    (``_("...") % {...}`` at registration would freeze both, in English.)"""
    return lazy(lambda: str(message) % {placeholder: getattr(settings, setting)}, str)()


def register(entry: PersonalData) -> None:
    """Called from an AppConfig.ready(); registering the same key twice replaces it."""
    _REGISTRY[entry.key] = entry


def registered() -> list[PersonalData]:
    return sorted(_REGISTRY.values(), key=lambda entry: entry.key)


def delete_rows(rows: QuerySet) -> int:
    """An ``erase`` that deletes the rows (and, through their signals, any files)."""
    count = rows.count()
    rows.delete()
    return count


def rows_of(entry: PersonalData, email: str) -> QuerySet:
    """This entry's rows that belong to ``email``."""
    email = email.strip()
    condition = Q()
    for lookup in entry.email_lookups:
        condition |= Q(**{f"{lookup}__iexact": email})
    return (
        entry.model._default_manager.filter(condition).distinct()
        if email
        else entry.model._default_manager.none()
    )


def find(email: str) -> dict[str, QuerySet]:
    """Every registered kind of record that holds ``email``: {key: rows}, only non-empty."""
    found = {}
    for entry in registered():
        rows = rows_of(entry, email)
        if rows.exists():
            found[entry.key] = rows
    return found


def _plain(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal | UUID):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, models.Model):
        return str(value)
    return value


def export(email: str) -> dict:
    """A machine-readable copy of everything held about ``email`` (JSON-serialisable)."""
    records = {}
    for entry in registered():
        rows = rows_of(entry, email)
        items = [
            {"id": _plain(row.pk), **{name: _plain(getattr(row, name)) for name in entry.fields}}
            for row in rows
        ]
        if items:
            records[entry.key] = {"label": str(entry.label), "records": items}
    return {"email": email.strip(), "exported_at": timezone.now().isoformat(), "records": records}


def erase(email: str, keys: Iterable[str] | None = None) -> dict[str, int]:
    """Erase (anonymise or delete) every record about ``email``, or only the given kinds;
    one transaction: all or nothing. Returns {key: rows erased}.

    Every entry's rows are found before any is erased: an entry found through another's
    email field (an idea's messages, through the idea's ``submitter_email``) would no longer
    be found once that field was blanked."""
    wanted = set(keys) if keys is not None else None
    counts = {}
    with transaction.atomic():
        found = [
            (entry, list(rows_of(entry, email).values_list("pk", flat=True)))
            for entry in registered()
            if wanted is None or entry.key in wanted
        ]
        for entry, pks in found:
            if pks:
                counts[entry.key] = entry.erase(entry.model._default_manager.filter(pk__in=pks))
    return counts


def audit_hash(email: str) -> str:
    """A keyed hash of ``email`` (trimmed, lower case) for the privacy audit trail.

    The audit must show what was done about an address without keeping the address, which
    erasure has just removed everywhere else. A plain hash could be reversed by hashing
    guessed addresses; this one is keyed with the secret key (Django's ``salted_hmac``), so
    only the running hub can compare an address with it. Rotating ``SECRET_KEY`` breaks the
    comparison for older entries (they still show who did what, and when)."""
    return salted_hmac(AUDIT_HASH_SALT, email.strip().lower()).hexdigest()


AUDIT_HASH_SALT = "hub.personal_data.audit"


def purge(now: datetime | None = None) -> dict[str, int]:
    """Erase every registered record past its retention period. Returns {key: rows}."""
    now = now or timezone.now()
    counts = {}
    for entry in registered():
        if entry.expired is None:
            continue
        with transaction.atomic():
            rows = entry.expired(now)
            if rows.exists():
                counts[entry.key] = entry.erase(rows)
    return counts
