from django.core.management.base import BaseCommand

from upkeep import reviews


class Command(BaseCommand):
    help = (
        "Keep review dates of live pages and coach profiles in step, pass those whose owner "
        "has gone to their team, and send review reminders (each once per review period)."
    )

    def handle(self, *args, **options):
        result = reviews.refresh()
        self.stdout.write(
            f"{result.records} review dates set, {result.passed_to_team} pages or profiles "
            f"passed to their team, {result.reminded} owners reminded, {result.overdue} overdue."
        )
