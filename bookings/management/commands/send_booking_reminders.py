from django.core.management.base import BaseCommand

from bookings.services import send_reminders


class Command(BaseCommand):
    help = (
        "Remind everyone booked on an event starting in the next two days, with the event "
        "attached. Each booking gets one reminder however often this runs."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{send_reminders()} reminder(s) recorded.")
