from django.core.management.base import BaseCommand

from hub.outbox import send_due_emails


class Command(BaseCommand):
    help = (
        "Send every outbox email that is due: retries after a failure, emails whose queued "
        "task never ran, and any whose worker stopped mid-send. Safe to run often (the "
        "scheduler runs it every 5 minutes): nothing is sent twice."
    )

    def handle(self, *args, **options):
        attempted = send_due_emails()
        if options["verbosity"]:
            self.stdout.write(f"Outbox emails attempted: {attempted}.")
