from django.core.management.base import BaseCommand

from submissions.tasks import retry_due_emails


class Command(BaseCommand):
    help = (
        "Send idea-portal emails that are due: retries after a failure, and any whose "
        "worker stopped mid-send. Run it every few minutes (cron or a systemd timer)."
    )

    def handle(self, *args, **options):
        attempted = retry_due_emails()
        if options["verbosity"]:
            self.stdout.write(f"Attempted {attempted} email(s).")
