"""Background tasks shared by the apps."""

from django.core.mail import EmailMultiAlternatives

from django_tasks import task


@task(backend="email", queue_name="email")
def send_email(
    subject: str,
    body: str,
    to: list[str],
    html_body: str | None = None,
    reply_to: list[str] | None = None,
    headers: dict[str, str] | None = None,
) -> int:
    """Send one email. Runs on the "email" task backend (a database queue in production).

    A failure raises, so the task result records it (status FAILED, with the traceback) and
    nothing is lost; the caller's request has already finished.
    """
    message = EmailMultiAlternatives(
        subject=subject, body=body, to=to, reply_to=reply_to, headers=headers
    )
    if html_body:
        message.attach_alternative(html_body, "text/html")
    return message.send(fail_silently=False)
