from django.core.management.base import BaseCommand

from directory.tasks import retry_contact_relays


class Command(BaseCommand):
    help = (
        "Send again every contact request whose email to the coach is due (failed earlier, "
        "never queued, or stuck mid-send). Safe to run often: nothing is sent twice."
    )

    def handle(self, *args, **options):
        attempted = retry_contact_relays()
        self.stdout.write(f"Contact requests attempted: {attempted}.")
