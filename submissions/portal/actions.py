"""What the views do to drafts and submissions, kept apart from HTTP.

``submit_draft`` is the one way a draft becomes an idea: in one transaction it consumes the
draft, writes the submission with its first status entry and records the emails to send;
the emails are queued only once that transaction has committed.
"""

import ipaddress
import logging
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from wagtail.log_actions import log

from hub import drafts, page_cache
from hub.drafts import continue_token  # noqa: F401 (the idea form's continue-later link)
from hub.models import default_locale
from submissions import emails
from submissions.enums import PlusGroup, ProjectConsentVia, Route, Status
from submissions.models import (
    IdeaDraft,
    IdeaSubmission,
    SubmissionAttachment,
    SubmissionMessage,
    new_reference,
)
from submissions.transitions import record_initial_status, transition

from .steps import STEPS

logger = logging.getLogger(__name__)

# Submitting ---------------------------------------------------------------------------


@dataclass
class Submitted:
    submission: IdeaSubmission
    status_token: str | None  # None when this was a replay of an earlier submit
    created: bool


def _ids(pks) -> list[int]:
    return [int(pk) for pk in pks if str(pk).isdigit()]


def _in_default_locale(model, pks) -> dict[int, object]:
    """``{chosen pk: its default-language object}`` (a Polish visitor picks Polish names;
    the idea is filed against the same organisations as everyone else's)."""
    ids = set(_ids(pks))
    if not ids:
        return {}
    every = page_cache.remember(
        ("default-language rows", model._meta.label), lambda: _defaults(model)
    )
    return {pk: every[pk] for pk in ids if pk in every}


def _defaults(model) -> dict[int, object]:
    """``{pk of any language's row: the default-language row}`` for a whole taxonomy (a few
    hundred partners at most), in one query. Kept with the page cache's parts, which any
    change to the taxonomy drops, so a submission rarely looks them up."""
    default = default_locale()
    rows = list(model.objects.all())
    by_key = {row.translation_key: row for row in rows if row.locale_id == default.pk}
    return {row.pk: by_key[row.translation_key] for row in rows if row.translation_key in by_key}


def _build(draft: IdeaDraft) -> tuple[IdeaSubmission, dict]:
    """The unsaved idea and its related objects from the draft's answers.

    Every question of every step that the idea stores is copied by its name, so a new
    question needs no change here. Related objects become the default-language ones; the
    few answers not stored as typed are settled at the end.
    """
    answers = {}
    for step_answers in draft.data.values():
        answers.update(step_answers)
    submission = IdeaSubmission(privacy_consent_at=timezone.now())
    stored = [
        (name, field)
        for step in STEPS
        for name in step.form_class.base_fields
        if (field := _stored_field(name)) is not None and name in answers
    ]
    # The chosen rows of each model, in one lookup per model (an organisation may be both
    # the submitter's and one of those involved).
    chosen: dict[type, set] = {}
    for name, field in stored:
        if field.is_relation:
            value = answers[name]
            values = value if field.many_to_many else [value]
            chosen.setdefault(field.related_model, set()).update(_ids(values or []))
    defaults = {model: _in_default_locale(model, ids) for model, ids in chosen.items()}
    relations = {}
    for name, field in stored:
        value = answers[name]
        if field.many_to_many:
            found = defaults[field.related_model]
            relations[name] = [found[pk] for pk in _ids(value or []) if pk in found]
        elif field.many_to_one:
            found = defaults[field.related_model]
            setattr(
                submission, name, next((found[pk] for pk in _ids([value]) if pk in found), None)
            )
        else:
            setattr(submission, name, value)
    # "Other" organisation: its typed name is kept only when no organisation was chosen.
    if submission.organisation is not None:
        submission.organisation_other = ""
    # "Not sure" of the scope is stored blank.
    if submission.proposed_route not in Route.values:
        submission.proposed_route = ""
    if PlusGroup.OTHER not in submission.plus_groups:
        submission.plus_groups_other = ""
    return submission, relations


def _add_all(submission: IdeaSubmission, name: str, objects) -> None:
    """The many-to-many answers of a new idea, in one insert each (``.set()`` first reads
    what is there, which for a new idea is nothing)."""
    if not objects:
        return
    field = IdeaSubmission._meta.get_field(name)
    through = field.remote_field.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    through.objects.bulk_create(
        [through(**{source: submission, target: obj}) for obj in dict.fromkeys(objects)]
    )


def _stored_field(name: str):
    """The idea's field storing the answer ``name`` (None for the honeypot, files, consent)."""
    try:
        field = IdeaSubmission._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.Field) else None


def _valid_ip(value) -> str | None:
    try:
        return str(ipaddress.ip_address((value or "").strip()))
    except ValueError:
        return None


def submit_draft(draft_key: str, *, ip: str | None, language: str) -> Submitted:
    """Turn the draft into a submission, once.

    The receipt links to the private status page in the active language. Calling this again
    with the same draft key (a double click, a replayed POST) returns the submission made the
    first time, with ``created=False``.
    """

    def make(draft) -> Submitted:
        submission, relations = _build(draft)
        submission.reference = new_reference()
        submission.source_draft_key = draft.key
        submission.submitter_ip = _valid_ip(ip)
        submission.language = language
        submission.submitted_at = timezone.now()
        token = submission.issue_status_token()
        submission.save()
        for name, objects in relations.items():
            _add_all(submission, name, objects)
        record_initial_status(submission)
        if draft.has_files:
            draft.attachments.update(submission=submission, draft=None)
        draft.delete()
        emails.record_submission_emails(submission, status_url=emails.status_page_url(token))
        return Submitted(submission, token, created=True)

    return drafts.submit(
        draft_key,
        drafts=IdeaDraft.objects.annotate(
            has_files=Exists(SubmissionAttachment.objects.filter(draft=OuterRef("pk")))
        ),
        steps=STEPS,
        made=IdeaSubmission.objects.all(),
        make=make,
        replay=lambda submission: Submitted(submission, None, created=False),
    )


# After submitting ---------------------------------------------------------------------


def reply(submission: IdeaSubmission, body: str) -> SubmissionMessage:
    """The submitter answers the huddle's request for more information."""
    with transaction.atomic():
        transition(submission, Status.SUBMITTER_REPLIED, by_submitter=True)
        message = SubmissionMessage.objects.create(
            submission=submission, sender="submitter", body=body
        )
        emails.record_huddle_notice(submission, kind="reply", key_suffix=str(message.pk))
    return message


def withdraw(submission: IdeaSubmission, reason: str = ""):
    with transaction.atomic():
        change = transition(submission, Status.WITHDRAWN, by_submitter=True, reason=reason)
        emails.record_huddle_notice(submission, kind="withdrawn", key_suffix=str(change.pk))
    return change


# A public project in progress: the submitter's side of the consent ----------------------

# Where an idea may be when it becomes a project: the huddle has taken it on.
PROJECT_STATUSES = (Status.ACCEPTED, Status.IN_COACHING)


def may_become_project(submission) -> bool:
    return submission.status in PROJECT_STATUSES and not submission.project_id


def can_consent(submission) -> bool:
    """The submitter may be asked (and may agree) once the huddle has taken the idea on."""
    return may_become_project(submission) and submission.project_consent_at is None


def record_consent(submission, *, via=ProjectConsentVia.STATUS_PAGE) -> bool:
    """Record the submitter's consent (once); False when it cannot be given now."""
    with transaction.atomic():
        locked = type(submission).objects.select_for_update().get(pk=submission.pk)
        if not can_consent(locked):
            return False
        locked.project_consent_at = timezone.now()
        locked.project_consent_via = via
        locked.save(update_fields=["project_consent_at", "project_consent_via"])
        log(instance=locked, action="submissions.project_consent", data={"via": via})
    submission.project_consent_at = locked.project_consent_at
    submission.project_consent_via = locked.project_consent_via
    return True
