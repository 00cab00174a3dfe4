"""The HTML part of every email: plain text, escaped; only the message's own links."""

from __future__ import annotations

from safecities.mailing.services import html_body


def test_only_the_messages_own_links_become_links():
    text = ("Dear <b>Amina</b> http://evil.example/\n\n"
            "Your page: https://site.example/registrations/abc/.\n"
            "Not this: https://site.example/registrations/abcdef/")
    assert html_body(text, ["https://site.example/registrations/abc/"]) == (
        "<p>Dear &lt;b&gt;Amina&lt;/b&gt; http://evil.example/</p>\n\n"
        '<p>Your page: <a href="https://site.example/registrations/abc/">'
        "https://site.example/registrations/abc/</a>.<br>"
        "Not this: https://site.example/registrations/abcdef/</p>")


def test_a_link_that_is_not_a_web_address_is_never_made():
    assert html_body("javascript:alert(1)", ["javascript:alert(1)"]) == (
        "<p>javascript:alert(1)</p>")
