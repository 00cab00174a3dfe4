from datetime import date

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from safecities.events.services import create_event


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"{value!r} is not a date: use YYYY-MM-DD.") from error


class Command(BaseCommand):
    help = "Create a published event whose registration opens now."

    def add_arguments(self, parser):
        parser.add_argument("--slug", required=True)
        parser.add_argument("--title", required=True)
        parser.add_argument("--starts", required=True, help="first day, YYYY-MM-DD")
        parser.add_argument("--ends", required=True, help="last day, YYYY-MM-DD")
        parser.add_argument("--capacity", required=True, type=int)
        parser.add_argument("--venue", default="", help="the venue's name (empty: to be announced)")
        parser.add_argument("--timezone", default="Africa/Johannesburg")
        parser.add_argument("--contact", default="organisers@example.org",
                            help="the organisers' email address")

    def handle(self, *args, **options):
        if options["capacity"] < 0:
            raise CommandError("--capacity cannot be negative.")
        try:
            event = create_event(
                slug=options["slug"],
                title=options["title"],
                starts_on=_date(options["starts"]),
                ends_on=_date(options["ends"]),
                capacity=options["capacity"],
                venue_name=options["venue"],
                timezone_name=options["timezone"],
                contact_email=options["contact"],
            )
        except ValidationError as error:
            messages = "; ".join(f"{field}: {' '.join(errs)}"
                                 for field, errs in error.message_dict.items())
            raise CommandError(messages) from error
        self.stdout.write(f"Created {event.slug}: {event.get_absolute_url()}")
