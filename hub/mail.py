"""Email backend for the embedded default: one .eml file per message in EMAIL_FILE_PATH.

Django's own file backend appends every message of a connection to one .log file; a file per
message, named by time and subject, is what a person looking for "the email the hub just sent"
can find and open in any mail program.
"""

import re
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone


class EmlFileBackend(BaseEmailBackend):
    def __init__(self, file_path=None, **kwargs):
        super().__init__(**kwargs)
        self.file_path = Path(file_path or settings.EMAIL_FILE_PATH)

    def send_messages(self, email_messages):
        if not email_messages:
            return 0
        self.file_path.mkdir(parents=True, exist_ok=True)
        sent = 0
        for message in email_messages:
            stamp = timezone.now().strftime("%Y%m%d-%H%M%S-%f")
            subject = re.sub(r"[^A-Za-z0-9]+", "-", message.subject or "no-subject")
            path = self.file_path / f"{stamp}-{subject.strip('-')[:60].lower()}.eml"
            path.write_bytes(message.message().as_bytes(linesep="\n"))
            sent += 1
        return sent
