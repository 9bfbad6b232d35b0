from django.core.management.base import BaseCommand

from bookings.services import offer_free_places


class Command(BaseCommand):
    help = (
        "Pass on event places whose offer was not accepted in time (BOOKINGS_OFFER_HOURS), "
        "and offer free places to the people waiting. Safe to run repeatedly."
    )

    def handle(self, *args, **options):
        counts = offer_free_places()
        self.stdout.write(
            f"{counts['lapsed']} offer(s) lapsed, {counts['offered']} place(s) offered."
        )
