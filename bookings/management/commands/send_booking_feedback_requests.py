from django.core.management.base import BaseCommand

from bookings.services import send_feedback_requests


class Command(BaseCommand):
    help = (
        "Ask everyone booked on an event that ended in the last week for feedback (unless "
        "marked absent). Each booking is asked once however often this runs."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{send_feedback_requests()} feedback request(s) recorded.")
