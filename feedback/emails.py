"""The email the feedback app sends: the survey link to a submitter after a decision."""

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from hub import outbox
from hub.enums import EmailPurpose
from hub.models import OutboxEmail


def record_survey_email(submission, *, link: str, days: int) -> OutboxEmail:
    """Record the survey email in the outbox, once per idea (its key), in the active language
    (the caller sets the submitter's)."""
    context = {"submission": submission, "link": link, "days": days}
    return outbox.record(
        key=f"survey:{submission.reference}",
        purpose=EmailPurpose.SUBMITTER_SURVEY,
        to=submission.submitter_email,
        subject=_("Your idea %(reference)s: three questions about our decision")
        % {"reference": submission.reference},
        body=render_to_string("feedback/emails/survey.txt", context).strip() + "\n",
        html_body=render_to_string("feedback/emails/survey.html", context),
        cause=submission,
        language=translation.get_language(),
    )
