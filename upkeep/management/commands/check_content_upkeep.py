from django.core.management.base import BaseCommand

from upkeep import reviews


class Command(BaseCommand):
    help = (
        "Keep review dates in step, pass pages whose owner has gone to their team, and send "
        "review reminders (each once per review period)."
    )

    def handle(self, *args, **options):
        result = reviews.refresh()
        self.stdout.write(
            f"{result.records} review dates set, {result.passed_to_team} pages passed to "
            f"their team, {result.reminded} owners reminded, {result.overdue} overdue."
        )
