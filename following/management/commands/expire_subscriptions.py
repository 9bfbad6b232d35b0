from django.core.management.base import BaseCommand
from django.utils import timezone

from following.models import Subscription


class Command(BaseCommand):
    help = "Delete subscriptions never confirmed within HUB_FOLLOW_CONFIRM_DAYS."

    def handle(self, *args, **options):
        count, _detail = Subscription.objects.expired(timezone.now()).delete()
        self.stdout.write(f"Deleted {count} row(s) of unconfirmed subscriptions.")
