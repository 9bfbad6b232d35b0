from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from bookings.retention import erase, expired


class Command(BaseCommand):
    help = (
        "Remove the personal data of bookings for events that ended more than "
        "BOOKINGS_RETENTION_DAYS ago, keeping the anonymised booking. Safe to run repeatedly."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            count = erase(expired(timezone.now()))
        self.stdout.write(f"Removed personal data from {count} booking(s).")
