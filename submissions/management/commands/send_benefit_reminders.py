from django.core.management.base import BaseCommand

from submissions.benefits import send_review_reminders


class Command(BaseCommand):
    help = (
        "Email the huddle about each benefit whose review date has come and whose realised "
        "benefit is not recorded yet: once per benefit and review date (running it again "
        "sends nothing new). Run it daily."
    )

    def handle(self, *args, **options):
        reminded = send_review_reminders()
        for benefit in reminded:
            self.stdout.write(
                f"Reminded: {benefit.submission.reference} {benefit.kind} "
                f"(review date {benefit.review_date.isoformat()})"
            )
        self.stdout.write(self.style.SUCCESS(f"{len(reminded)} benefit reminder(s) recorded."))
