from django.core.management.base import BaseCommand

from hub import demo


class Command(BaseCommand):
    help = (
        "Load the demo content of the fictional Wealdshire system: organisations, priorities, "
        "pages and one user per role. Idempotent: keeps existing data, creates no duplicates."
    )

    def handle(self, *args, **options):
        counts = demo.seed()
        self.stdout.write(
            self.style.SUCCESS(
                "Demo content ready: {organisations} organisations, {priorities} priorities, "
                "{pages} pages, {users} demo users.".format(**counts)
            )
        )
