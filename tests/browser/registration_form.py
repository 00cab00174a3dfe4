"""Filling the public registration form the way a person does: by its visible labels."""

from __future__ import annotations

from playwright.sync_api import Page

LABELS = {
    "name": "Full name",
    "email": "Email",
    "organisation": "Organisation",
    "position": "Position",
    "city": "City",
    "country": "Country",
}
CONSENT_LABEL = "I have read the privacy notice"


def fill_registration_form(page: Page, fields: dict[str, object]) -> None:
    """Type each text field given and tick the consent box if ``fields["consent"]``."""
    for name, label in LABELS.items():
        if name in fields:
            page.get_by_label(label, exact=True).fill(str(fields[name]))
    if fields.get("consent"):
        page.get_by_label(CONSENT_LABEL).check()
