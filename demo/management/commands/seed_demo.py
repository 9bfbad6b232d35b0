import logging

from django.core.management.base import BaseCommand

from demo.seed import seed


class Command(BaseCommand):
    help = (
        "Load the demo content of the fictional Wealdshire system: organisations, priorities, "
        "pages and one user per role. Idempotent: keeps existing data, creates no duplicates."
    )

    def handle(self, *args, **options):
        # Wagtail logs every page created and published; the summary below is enough.
        wagtail_logger = logging.getLogger("wagtail")
        level = wagtail_logger.level
        if options["verbosity"] < 2:
            wagtail_logger.setLevel(logging.WARNING)
        try:
            counts = seed()
        finally:
            wagtail_logger.setLevel(level)
        self.stdout.write(
            self.style.SUCCESS(
                "Demo content ready: {organisations} organisations, {priorities} priorities, "
                "{case_studies} case studies, {resources} resources, {events} events, "
                "{coaches} coaches, "
                "{pages} pages ({translations} translations), {users} demo users.".format(**counts)
            )
        )
