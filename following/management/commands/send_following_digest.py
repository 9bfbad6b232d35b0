from django.core.management.base import BaseCommand

from following.sending import send_weekly_digests


class Command(BaseCommand):
    help = "Send each weekly follower their digest (once per address per ISO week)."

    def handle(self, *args, **options):
        count = send_weekly_digests()
        self.stdout.write(f"Recorded {count} weekly digest(s).")
