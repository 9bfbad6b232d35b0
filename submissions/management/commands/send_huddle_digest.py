from django.core.management.base import BaseCommand

from submissions.huddle.digest import send_digests


class Command(BaseCommand):
    help = (
        "Email each huddle member this week's digest: new ideas from last week, the open "
        "ideas they lead and the overdue ones. Once per member per ISO week: running it again "
        "in the same week sends nothing new. Run it weekly, e.g. Monday 07:00."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List who would get a digest and what it would hold; send nothing.",
        )

    def handle(self, *args, dry_run=False, **options):
        run = send_digests(dry_run=dry_run)
        write = self.stdout.write
        verb = "Would send" if dry_run else "Sent"
        for digest in run.sent:
            member = digest.member
            write(f"{verb} to {member.get_username()} <{member.email}>: {digest.summary()}")
            if dry_run or options["verbosity"] > 1:
                for heading, items in (
                    ("new", digest.new),
                    ("you lead", digest.leading),
                    ("overdue", digest.overdue),
                ):
                    for item in items:
                        write(f"    {heading}: {item.reference} {item.title} ({item.status})")
        for digest in run.already_sent:
            write(f"Already sent this week to {digest.member.get_username()}: nothing new.")
        for digest in run.nothing_to_report:
            write(f"Nothing to report for {digest.member.get_username()}: no email.")
        for digest in run.no_email_address:
            write(f"No email address for {digest.member.get_username()}: no email.")
        write(
            self.style.SUCCESS(
                f"Week {run.week.label}: {verb.lower()} {len(run.sent)} digest(s); "
                f"{len(run.already_sent)} already sent, {len(run.nothing_to_report)} with "
                f"nothing to report, {len(run.no_email_address)} without an email address."
            )
        )
