from django.core.management.base import BaseCommand

from upkeep import links


class Command(BaseCommand):
    help = "Check every link in live content and store what was found (rate-limited per host)."

    def handle(self, *args, **options):
        counts = links.check_all()
        summary = ", ".join(f"{count} {status}" for status, count in sorted(counts.items()))
        self.stdout.write(f"Links checked: {summary or 'none found'}.")
