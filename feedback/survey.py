"""The submitter's survey: created and emailed once when the huddle decides on an idea,
answered once through a signed link that expires.

The link carries the survey's id signed with the site's secret key (``django.core.signing``,
its own salt) and the time it was made: nothing to store, nothing to guess, and a link
older than :data:`LINK_DAYS` is refused with a page saying so.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from hub.links import absolute_url

from . import emails
from .models import SubmitterSurvey
from .privacy import scrub

SALT = "feedback.survey"
LINK_DAYS = 60

EXPIRED = _("This survey link has expired. Thank you for your idea all the same.")
INVALID = _("This survey link is not right. Check it is the whole link from your email.")
ANSWERED = _("This survey has already been answered. Thank you for telling us.")
TOO_MANY = _("You have tried to send this survey too many times. Try again later.")


def token_for(survey: SubmitterSurvey) -> str:
    return signing.dumps(survey.pk, salt=SALT, compress=True)


def link_for(survey: SubmitterSurvey) -> str:
    """The survey's address, in the active language."""
    return absolute_url(reverse("feedback:survey", args=[token_for(survey)]))


@dataclass(frozen=True)
class Found:
    survey: SubmitterSurvey | None = None
    problem: str = ""
    status: int = 200


def from_token(token: str) -> Found:
    """The survey a link names, or what is wrong with the link (expired, wrong, answered)."""
    try:
        pk = signing.loads(token, salt=SALT, max_age=timedelta(days=LINK_DAYS))
    except signing.SignatureExpired:
        return Found(problem=EXPIRED, status=410)
    except signing.BadSignature:
        return Found(problem=INVALID, status=404)
    survey = SubmitterSurvey.objects.filter(pk=pk).first() if isinstance(pk, int) else None
    if survey is None:
        return Found(problem=INVALID, status=404)
    if survey.answered:
        return Found(problem=ANSWERED, status=410)
    return Found(survey=survey)


def answer(survey: SubmitterSurvey, *, fair: int, clear: int, fast: int, comment: str) -> bool:
    """Store the answers, once: False (and nothing changed) if the survey was answered
    already, even by a request running at the same moment."""
    return bool(
        SubmitterSurvey.objects.filter(pk=survey.pk, answered_at__isnull=True).update(
            answered_at=timezone.now(),
            fair=fair,
            clear=clear,
            fast=fast,
            comment=scrub(comment.strip()),
        )
    )


def on_decision(sender, submission, change, **kwargs) -> None:
    """Connected to ``submissions.transitions.decided``: inside the decision's transaction,
    create the idea's survey and record its email, once per idea (a second decision on the
    same idea changes nothing). No address to write to: no survey."""
    if not submission.submitter_email:
        return
    with transaction.atomic():
        survey, created = SubmitterSurvey.objects.get_or_create(
            submission=submission,
            defaults={
                "organisation_id": submission.organisation_id,
                "decision": change.to_status,
                "language": submission.language or settings.LANGUAGE_CODE,
            },
        )
        if not created:
            return
        with translation.override(survey.language):
            emails.record_survey_email(submission, link=link_for(survey), days=LINK_DAYS)


# --- personal data (registered in FeedbackConfig.ready) -----------------------------------


def erase_surveys(rows) -> int:
    """Unlink answers from their idea (and so from the person) and drop their comments."""
    return rows.update(submission=None, comment="")


def linked_to_purged_ideas(now):
    """Answers still linked to an idea whose personal data has been removed."""
    return SubmitterSurvey.objects.filter(
        submission__isnull=False, submission__personal_data_removed_at__isnull=False
    )
