from django.core.management.base import BaseCommand

from feedback import usage


class Command(BaseCommand):
    help = "Write the page views counted in the shared cache to the database (scheduled)."

    def handle(self, *args, **options):
        views = usage.flush()
        self.stdout.write(f"{views} page views written")
