"""People's Markdown is rendered, then sanitised by nh3 (safecities/richtext.py, the one
pipeline of every app)."""

import pytest
from django.template import Context, Template

from safecities.richtext import render_markdown as to_html


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


def test_tables_and_rules_are_kept_lower_headings_become_h4():
    assert to_html("| a | b |\n| - | - |\n| 1 | 2 |\n\n---\n\n##### Note") == (
        "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n"
        "<td>1</td>\n<td>2</td>\n</tr>\n</tbody>\n</table>\n<hr>\n<h4>Note</h4>\n")


@pytest.mark.parametrize("text", [
    '<a href="https://example.org">raw</a> <b onclick="x()">bold</b> <!-- note -->',
    "<div><iframe src='https://example.org'></iframe></div>",
    "[x](javascript:alert(1)) [y](JavaScript:alert(1)) [z](data:text/html,hi) "
    "[w](vbscript:x) <javascript:alert(1)>",
    "[ref][1]\n\n[1]: javascript:alert(1)",
    "![img](https://example.org/a.png)",
])
def test_raw_html_images_and_script_links_are_refused(text):
    html = to_html(text)
    assert "<a " not in html and "<b" not in html and "<iframe" not in html
    assert "<img" not in html and "<div" not in html and "<!--" not in html
    assert 'href="javascript' not in html.lower() and 'href="data' not in html.lower()


def test_the_one_filter_is_the_pipeline():
    text = "*a* [b](https://example.org) <script>x</script>"
    rendered = Template("{% load richtext %}{{ text|markdown }}").render(
        Context({"text": text}))
    assert rendered == to_html(text)
