"""The one way the apps send email: queued, so a slow or failing mail server never blocks
or breaks a request."""

import logging

from .tasks import send_email

logger = logging.getLogger(__name__)


def queue_email(subject, body, to, *, html_body=None, reply_to=None, headers=None):
    """Put an email on the "email" queue and return the task result.

    With the immediate backend (the embedded default) it is sent at once; with
    EMAIL_QUEUE=database it waits for ``manage.py db_worker --backend email``. Either way a
    failure is recorded on the task result and never raised to the caller.
    """
    result = send_email.enqueue(
        subject=str(subject),
        body=str(body),
        to=list(to),
        html_body=str(html_body) if html_body else None,
        reply_to=list(reply_to) if reply_to else None,
        headers=dict(headers) if headers else None,
    )
    if result.status == "FAILED":
        logger.error("Email %r to %s failed; see task %s", subject, to, result.id)
    return result
