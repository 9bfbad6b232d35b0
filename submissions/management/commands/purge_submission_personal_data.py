from django.core.management.base import BaseCommand

from submissions.portal.retention import purge_personal_data


class Command(BaseCommand):
    help = (
        "Remove submitters' personal data (name, email, role, IP address, attachments) from "
        "ideas closed more than SUBMISSIONS_RETENTION_MONTHS ago, keeping the anonymised "
        "idea, and delete expired drafts. Safe to run repeatedly; run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be removed; change nothing."
        )
        parser.add_argument(
            "--months",
            type=int,
            default=None,
            help="Override SUBMISSIONS_RETENTION_MONTHS for this run.",
        )

    def handle(self, *args, dry_run=False, months=None, **options):
        result = purge_personal_data(months=months, dry_run=dry_run)
        verb = "Would remove" if dry_run else "Removed"
        self.stdout.write(
            f"{verb} personal data from {len(result.references)} idea(s) closed before "
            f"{result.cutoff:%Y-%m-%d} ({result.attachments} attachment(s)); "
            f"{'would delete' if dry_run else 'deleted'} {result.drafts} expired draft(s)."
        )
        if result.references and options["verbosity"] > 1:
            self.stdout.write("\n".join(result.references))
