from django.core.management.base import BaseCommand, CommandError

from safecities.backups.copies import BackupError, backup


class Command(BaseCommand):
    help = ("Write a consistent copy of the database and the uploaded files into PATH (a new "
            "folder) while the site runs. It holds personal data: keep it safe.")

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path: str, **options):
        try:
            summary = backup(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backed up the {summary.engine} database and {summary.files} "
                          f"uploaded files into {path}.")
