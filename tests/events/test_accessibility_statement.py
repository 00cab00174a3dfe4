"""The accessibility statement: the standard, how it is tested, gaps, whom to tell."""

from __future__ import annotations

import pytest


@pytest.mark.django_db
def test_the_accessibility_statement_is_linked_from_every_page_and_names_a_contact(
        client, settings):
    settings.ACCESSIBILITY_CONTACT_EMAIL = "access@example.org"

    home = client.get("/").content.decode()
    page = client.get("/accessibility/").content.decode()

    assert '<a href="/accessibility/">Accessibility</a>' in home
    assert "WCAG) 2.1 at level AA" in page
    assert '<a href="mailto:access@example.org">access@example.org</a>' in page
    for heading in ["How it is tested", "Known gaps", "Tell us about a barrier"]:
        assert f"<h2>{heading}</h2>" in page
