import logging

from django.core.management.base import BaseCommand

from demo.multiply import multiply
from demo.seed import seed
from search.signals import indexing_deferred


class Command(BaseCommand):
    help = (
        "Load the demo content of the fictional Wealdshire system: organisations, priorities, "
        "pages and one user per role. Idempotent: keeps existing data, creates no duplicates."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--copies",
            type=int,
            default=1,
            help="For benchmarks: copy every case study, resource, event and coach until "
            "there are this many of each (bench/pages.py uses 10).",
        )

    def handle(self, *args, **options):
        # Wagtail logs every page created and published; the summary below is enough.
        wagtail_logger = logging.getLogger("wagtail")
        level = wagtail_logger.level
        if options["verbosity"] < 2:
            wagtail_logger.setLevel(logging.WARNING)
        try:
            counts = seed()
            if options["copies"] > 1:
                with indexing_deferred():
                    made = multiply(options["copies"])
                self.stdout.write(f"{made} copies made for {options['copies']}x content.")
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
