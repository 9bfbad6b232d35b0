from django.core.management.base import BaseCommand

from hub import personal_data
from submissions.portal.retention import purge_personal_data as purge_submissions


class Command(BaseCommand):
    help = (
        "Erase every kind of personal data past its retention period (hub.personal_data: "
        "ideas' submitters, drafts, contact requests, spread-register contacts, outbox "
        "records, sign-in records...). Safe to run repeatedly; run it daily."
    )

    def handle(self, *args, **options):
        # The submissions rule first, as it always ran: it also deletes orphaned attachment
        # files and old continue-later emails, which belong to no registered row.
        ideas = purge_submissions()
        counts = personal_data.purge()
        self.stdout.write(
            f"Ideas: personal data removed from {len(ideas.references)}, "
            f"{ideas.drafts} expired draft(s) and {ideas.orphan_files} orphaned file(s) "
            "deleted. "
            + (
                "Registry: "
                + ", ".join(f"{key} {count}" for key, count in sorted(counts.items()))
                + "."
                if counts
                else "Registry: nothing past its retention period."
            )
        )
