"""Turn off a user's two-step sign-in (lost phone and backup codes): they set it up again at
their next sign-in if their role needs it. Check who is asking before running it."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from django_otp import devices_for_user


class Command(BaseCommand):
    help = "Remove a user's authenticator app and backup codes (two-step sign-in)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        devices = list(devices_for_user(user, confirmed=None))
        for device in devices:
            device.delete()
        self.stdout.write(f"Removed {len(devices)} two-step sign-in device(s) of {username}.")
