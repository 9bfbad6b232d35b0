"""The personal data the submissions app holds, registered with ``hub.personal_data``.

Ideas keep the retention rule they always had (``submissions.portal.retention``): the
submitter's details are removed ``SUBMISSIONS_RETENTION_MONTHS`` after the idea closed, and
the idea stays, anonymised, for reporting. Erasure on request applies the same rule at once.
Drafts go ``SUBMISSIONS_DRAFT_EXPIRY_DAYS`` after their last save.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hub.drafts import personal_data_entries
from hub.personal_data import PersonalData, delete_rows, register, with_setting

from .models import IdeaDraft, IdeaSubmission, SubmissionMessage
from .portal.retention import due_for_purge, remove_submitter_data

PUBLIC_TASK = _(
    "Public task: improving health services (UK GDPR Article 6(1)(e)), with your consent to "
    "contact you about your idea."
)


def _anonymise_ideas(rows) -> int:
    count = 0
    for submission in rows:
        remove_submitter_data(submission)
        count += 1
    return count


def _expired_ideas(now):
    queryset, _cutoff = due_for_purge(now=now)
    # The registry narrows and re-filters these rows: plain primary keys, not an annotation.
    return IdeaSubmission.objects.filter(pk__in=queryset.values("pk"))


def _expired_messages(now):
    # Those of ideas past retention, and of ideas whose details were removed already (the
    # ideas entry comes first: by then its rows are no longer "expired").
    return SubmissionMessage.objects.filter(
        Q(submission__in=_expired_ideas(now))
        | Q(submission__personal_data_removed_at__isnull=False)
    )


def register_personal_data() -> None:
    register(
        PersonalData(
            key="submissions.ideas",
            label=_("Improvement ideas (the submitter's details)"),
            model=IdeaSubmission,
            email_lookups=("submitter_email",),
            fields=IdeaSubmission.PERSONAL_DATA_FIELDS,
            retention=with_setting(
                _(
                    "The submitter's name, email address, role and IP address are removed "
                    "%(months)s months after the idea is closed; the idea stays, anonymised."
                ),
                "months",
                "SUBMISSIONS_RETENTION_MONTHS",
            ),
            lawful_basis=PUBLIC_TASK,
            erase=_anonymise_ideas,
            expired=_expired_ideas,
        )
    )
    register(
        PersonalData(
            key="submissions.messages",
            label=_("Messages between the huddle and the submitter of an idea"),
            model=SubmissionMessage,
            email_lookups=("submission__submitter_email",),
            fields=("body",),
            retention=_("Deleted with the submitter's details, when the idea's are removed."),
            lawful_basis=PUBLIC_TASK,
            erase=delete_rows,
            expired=_expired_messages,
        )
    )
    for entry in personal_data_entries(
        "submissions",
        draft_model=IdeaDraft,
        drafts_label=_("Ideas not yet sent (saved to continue later)"),
        files_label=_("Files sent with an idea"),
        files_retention=_("Deleted with the submitter's details, or with the draft."),
        owner="submission",
        expired_owners=_expired_ideas,
        lawful_basis=PUBLIC_TASK,
    ):
        register(entry)
