from django.core.management.base import BaseCommand, CommandError

from safecities.backups.copies import BackupError, restore


class Command(BaseCommand):
    help = ("Restore a backup made by `safecities backup` into this installation, whose "
            "database must be empty; then run `safecities migrate` for a newer version.")

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path: str, **options):
        try:
            summary = restore(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored the {summary.engine} database and {summary.files} "
                          f"uploaded files from {path}.")
