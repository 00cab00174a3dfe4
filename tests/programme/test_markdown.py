"""People's Markdown is rendered, then sanitised by nh3."""

from safecities.programme.markdown import to_html


def test_markdown_keeps_emphasis_lists_and_web_links():
    assert to_html("*a* **b**\n\n- one\n\n[site](https://example.org)") == (
        "<p><em>a</em> <strong>b</strong></p>\n<ul>\n<li>one</li>\n</ul>\n"
        '<p><a href="https://example.org" rel="noopener noreferrer nofollow">site</a></p>\n')


def test_markdown_drops_scripts_and_javascript_links():
    html = to_html('<script>alert(1)</script> <img src=x onerror=alert(1)> '
                   '[x](javascript:alert(1))')
    assert html == ("<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x "
                    "onerror=alert(1)&gt; [x](javascript:alert(1))</p>\n")


def test_headings_never_outrank_the_page():
    assert to_html("# Title\n\n## Part") == "<h3>Title</h3>\n<h3>Part</h3>\n"


def test_empty_text_is_empty():
    assert to_html("") == ""
