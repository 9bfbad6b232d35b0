import shutil
import subprocess

from django.core.management.base import BaseCommand, CommandError

from hub.translations import compile_catalogues


class Command(BaseCommand):
    help = (
        "Compile the hub's message catalogues (locale/*/LC_MESSAGES/django.po) into .mo "
        "files: with GNU msgfmt when installed, otherwise in pure Python (polib)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Compile even catalogues that are up to date."
        )
        parser.add_argument(
            "--python",
            action="store_true",
            help="Use the pure-Python compiler even when msgfmt is installed.",
        )

    def handle(self, *args, force=False, python=False, **options):
        use_msgfmt = False if python else shutil.which("msgfmt") is not None
        try:
            compiled = compile_catalogues(force=force, use_msgfmt=use_msgfmt)
        except subprocess.CalledProcessError as error:
            raise CommandError(f"msgfmt refused a catalogue:\n{error.stderr}") from error
        how = "msgfmt" if use_msgfmt else "polib"
        for mo in compiled:
            self.stdout.write(f"compiled {mo} ({how})")
        if not compiled:
            self.stdout.write("catalogues are up to date")
