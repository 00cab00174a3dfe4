from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from safecities.accounts.demo import DEMO_KEY_BASE32, current_demo_code


class Command(BaseCommand):
    help = "Print the demo accounts' current two-factor code (demo only)."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("There are no demo accounts in production.")
        self.stdout.write(f"{current_demo_code()}  (authenticator key {DEMO_KEY_BASE32})")
