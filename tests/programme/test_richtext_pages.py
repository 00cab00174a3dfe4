"""The programme and the practice library show the same Markdown identically (one
pipeline: safecities/richtext.py)."""

from __future__ import annotations

from safecities.richtext import render_markdown

TEXT = ("## Why\n\n*Street lights* and **markets**, see [the report](https://example.org/r).\n\n"
        "- one\n- two\n\n<script>alert(1)</script> [bad](javascript:alert(1))")


def test_a_session_abstract_and_a_practice_render_the_same_text_identically(
        client, programme):
    programme.opening.abstract = TEXT
    programme.opening.save()
    programme.practice.problem = TEXT
    programme.practice.save()
    expected = str(render_markdown(TEXT))
    assert '<a href="https://example.org/r" rel="noopener noreferrer nofollow">' in expected
    assert "<script" not in expected and "javascript:" not in expected.replace(
        "[bad](javascript:alert(1))", "")
    session_page = client.get(programme.opening.get_absolute_url()).content.decode()
    practice_page = client.get("/practices/safer-markets/").content.decode()
    assert expected in session_page
    assert expected in practice_page
