from django.core.management.base import BaseCommand

from hub import access


class Command(BaseCommand):
    help = (
        "Create or update the editor groups, their page and media permissions, and the "
        "'Hub review' workflow. Safe to run any number of times."
    )

    def handle(self, *args, **options):
        access.sync_access()
        self.stdout.write(self.style.SUCCESS("Groups, permissions and workflow are up to date."))
