from django.core.management.base import BaseCommand

from search import query_log


class Command(BaseCommand):
    help = (
        "Delete the counts of what people searched for (the admin's Search terms report) "
        "from days before the last eight weeks. Safe to run repeatedly; run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--weeks",
            type=int,
            default=query_log.KEEP_WEEKS,
            help="Keep this many weeks instead (at least 1).",
        )

    def handle(self, *args, weeks=query_log.KEEP_WEEKS, **options):
        weeks = max(weeks, 1)
        deleted = query_log.purge(weeks)
        self.stdout.write(
            f"Deleted {deleted} search term count(s) from before {query_log.since(weeks):%Y-%m-%d}."
        )
