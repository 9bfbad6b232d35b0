from django.conf import settings
from django.core.management.base import BaseCommand

from demo import users


class Command(BaseCommand):
    help = "Print the site and admin addresses and the demo accounts."

    def add_arguments(self, parser):
        parser.add_argument("--url", help="The site's address (default: HUB_BASE_URL)")

    def handle(self, *args, **options):
        url = (options["url"] or settings.HUB_BASE_URL).rstrip("/")
        write = self.stdout.write
        write("")
        write(self.style.SUCCESS(f"Improvement Hub: {url}/"))
        write(f"Admin:           {url}/admin/")
        if users.demo_passwords():
            write(f"Demo accounts (password for all: {users.DEMO_PASSWORD}):")
        else:
            write("Demo accounts have no password outside development settings.")
        for user in users.DEMO_USERS:
            write(f"  {user.username:<16} {user.role}")
        write("Emails the hub sends are written to var/mail/ as .eml files.")
        write("")
