"""Public pages and open data: the search page, a practice, labels, JSON, CSV, Atom."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from safecities.practices.models import Practice
from tests.factories import OutcomeFactory, PracticeFactory, PracticeVersionFactory

pytestmark = pytest.mark.django_db

HOSTILE = [
    "<script>alert('x')</script>",
    "<img src=x onerror=alert('x')>",
    "[click](javascript:alert('x'))",
    "<a href=\"java&#x09;script:alert('x')\">x</a>",
    "<svg onload=alert('x')></svg>",
    "<iframe src=\"https://example.org\"></iframe>",
    "<p style=\"background:url(javascript:alert('x'))\" onclick=\"alert('x')\">p</p>",
    "[d](data:text/html;base64,PHNjcmlwdD5hbGVydCgneCcpPC9zY3JpcHQ+)",
    "<form action=\"https://example.org\"><button>Go</button></form>",
    "``` \n</code><script>alert('x')</script>\n```",
]


class Elements(HTMLParser):
    """Every element and attribute of a page, as a browser's parser would see them."""

    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def dangers(html: str) -> list[str]:
    parser = Elements()
    parser.feed(html)
    found = []
    for tag, attrs in parser.found:
        if tag in {"script", "iframe", "svg", "object", "embed", "style"}:
            found.append(tag)
        if tag == "form" and attrs.get("action", "").startswith("http"):
            found.append("form")
        for name, value in attrs.items():
            if name.startswith("on") or name == "style":
                found.append(f"{tag}[{name}]")
            url = "".join((value or "").split()).lower()
            if name in {"href", "src", "action"} and url.startswith(("javascript:", "data:")):
                found.append(f"{tag}[{name}]={value}")
    return found


def test_the_library_page_searches_with_a_plain_get_form(client, published):
    published(title="Street lighting in Umlazi", characteristics=["C1"],
              themes=["fear-of-crime"])
    published(title="Youth league", characteristics=["C7"])
    response = client.get("/practices/", {"q": "lighting", "characteristic": "C1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<form method="get" action="/practices/" role="search"' in html
    assert '<input type="hidden" name="characteristic" value="C1">' in html
    assert "<mark>lighting</mark>" in html
    assert "Street lighting in Umlazi" in html and "Youth league" not in html
    assert ('<a href="?q=lighting" aria-current="true" class="chosen">Low incidence of '
            'violence and crime (1)') in html
    assert 'href="?q=lighting&amp;characteristic=C1&amp;theme=fear-of-crime"' in html


def test_the_library_page_offers_only_facets_with_results(client, published):
    published(title="A", country="ZA")
    html = client.get("/practices/").content.decode()
    assert "South Africa (1)" in html
    assert "Kenya" not in html


def test_a_practice_page_shows_the_whole_record_and_its_evidence(client, published):
    practice = published(title="Safer ranks", is_demo=True, contact_public=False,
                         contact_email="hidden@example.org")
    OutcomeFactory(practice=practice, indicator="Robberies at the rank", agreed_strength=2,
                   agreed_effect="positive")
    PracticeVersionFactory(practice=practice, number=1)
    html = client.get(practice.get_absolute_url()).content.decode()
    assert "Demonstration record." in html
    assert "Robberies at the rank" in html
    assert "E2, positive" in html
    assert "hidden@example.org" not in html
    assert f'href="/practices/{practice.slug}/versions/1/"' in html


def test_a_contact_is_shown_only_with_consent(client, published):
    practice = published(title="Safer ranks", contact_public=True, contact_role="Manager",
                         contact_email="shown@example.org")
    assert "shown@example.org" in client.get(practice.get_absolute_url()).content.decode()


@pytest.mark.parametrize("status", ["draft", "submitted", "in_review", "changes_requested",
                                    "declined", "merged"])
def test_an_unpublished_practice_has_no_public_page_or_record(client, status):
    practice = PracticeFactory(status=status)
    assert client.get(f"/practices/{practice.slug}/").status_code == 404
    assert client.get(f"/api/practices/{practice.slug}/").json() == {
        "error": "No published practice has that slug.", "code": "not_found"}


@pytest.mark.parametrize("hostile", HOSTILE)
def test_nothing_a_contributor_writes_can_run_script(client, published, hostile):
    practice = published(title="Hostile", problem=hostile, lessons_learned=hostile,
                         components=hostile, summary=hostile[:300])
    html = client.get(practice.get_absolute_url()).content.decode()
    assert dangers(html) == []


def test_the_hostile_input_check_finds_script():
    assert dangers("<p onclick='x'><script></script><a href=' JavaScript:x'>") == [
        "p[onclick]", "script", "a[href]= JavaScript:x"]


def test_markdown_keeps_lists_emphasis_and_safe_links(client, published):
    practice = published(title="Rich", problem="- *one*\n- [two](https://example.org)")
    html = client.get(practice.get_absolute_url()).content.decode()
    assert ('<ul>\n<li><em>one</em></li>\n<li><a href="https://example.org" '
            'rel="noopener noreferrer nofollow">two</a></li>\n</ul>') in html


def test_practices_like_this_share_characteristics_and_themes(client, published):
    practice = published(title="Lighting", characteristics=["C1"], themes=["fear-of-crime"])
    published(title="Lighting elsewhere", characteristics=["C1"], themes=["fear-of-crime"],
              country="KE")
    published(title="Unrelated", characteristics=["C6"], country="BR", population_band="")
    html = client.get(practice.get_absolute_url()).content.decode()
    like = html.split("Practices like this", 1)[1]
    assert "Lighting elsewhere" in like and "Unrelated" not in like


def test_the_labels_page_explains_every_label(client):
    html = client.get("/practices/evidence-labels/").content.decode()
    for anchor in ["effective", "promising", "emerging", "no_effect", "harmful",
                   "self_reported"]:
        assert f'<dt id="{anchor}">' in html


# --- Open data -----------------------------------------------------------------------------


def test_the_api_answers_results_and_facets_over_the_current_filters(client, published):
    practice = published(title="Street lighting", country="ZA", characteristics=["C1", "C3"],
                         themes=["fear-of-crime"], label="promising")
    published(title="Street football", country="KE", characteristics=["C7"])
    answer = client.get("/api/practices/", {"q": "street", "country": "za"}).json()
    assert answer["count"] == 1
    assert answer["facets"]["characteristic"] == {"C1": 1, "C3": 1}
    assert answer["facets"]["country"] == {"ZA": 1}
    assert answer["facets"]["label"] == {"promising": 1}
    [result] = answer["results"]
    assert {k: result[k] for k in ["slug", "title", "city", "country", "characteristics",
                                   "themes", "label", "url"]} == {
        "slug": practice.slug, "title": "Street lighting", "city": "Durban", "country": "ZA",
        "characteristics": ["C1", "C3"], "themes": ["fear-of-crime"], "label": "promising",
        "url": f"http://testserver/practices/{practice.slug}/"}


def test_the_api_gives_the_whole_published_record(client, published):
    practice = published(title="Street lighting", main="C1")
    OutcomeFactory(practice=practice, indicator="Robberies", baseline=120, follow_up=80)
    record = client.get(f"/api/practices/{practice.slug}/").json()
    assert record["intervention"]["main_characteristic"] == "C1"
    assert record["impact"]["outcomes"][0] | {} == {
        "indicator": "Robberies", "baseline": "120", "follow_up": "80", "unit": "per year",
        "direction": "down", "data_source": "Police station records",
        "reported": {"design_strength": "E1", "effect": "positive"}, "agreed": None}
    assert record["contact"] is None


def test_the_csv_holds_the_same_search(client, published):
    published(title="Street lighting", characteristics=["C1", "C3"])
    published(title="Street football", characteristics=["C7"])
    PracticeFactory(title="Street draft")
    response = client.get("/api/practices.csv", {"q": "street", "sort": "newest"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert [(r["title"], r["characteristics"]) for r in rows] == [
        ("Street football", "C7"), ("Street lighting", "C1;C3")]


def test_the_csv_neutralises_formulas(client, published):
    published(title="=HYPERLINK(\"http://evil.example/\",\"Open\")", summary="-2+3")
    response = client.get("/api/practices.csv")
    [row] = csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
    assert (row["title"], row["summary"]) == (
        "'=HYPERLINK(\"http://evil.example/\",\"Open\")", "'-2+3")


def test_the_atom_feed_lists_published_practices_newest_first(client, published):
    from datetime import timedelta

    from django.utils import timezone

    published(title="Older", published_at=timezone.now() - timedelta(days=2))
    published(title="Newer")
    PracticeFactory(title="Draft")
    feed = ET.fromstring(client.get("/practices/feed.atom").content)  # noqa: S314 - our own feed
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert [e.findtext("a:title", namespaces=ns) for e in feed.findall("a:entry", ns)] == [
        "Newer", "Older"]


# --- Queries do not grow with rows ---------------------------------------------------------


@pytest.mark.parametrize("rows", [1, 8])
def test_the_api_list_queries_do_not_grow_with_results(client, published, rows,
                                                       django_assert_num_queries):
    for n in range(rows):
        published(title=f"Lighting {n}", themes=["fear-of-crime"])
    with django_assert_num_queries(5):  # count, facets, page, practices, their codes
        assert client.get("/api/practices/").json()["count"] == rows
    with django_assert_num_queries(4):  # ranked matches (with facets), practices, codes, snippets
        assert client.get("/api/practices/", {"q": "lighting"}).json()["count"] == rows


@pytest.mark.parametrize("rows", [1, 8])
def test_the_library_page_queries_do_not_grow_with_results(client, published, rows,
                                                           django_assert_num_queries):
    for n in range(rows):
        published(title=f"Lighting {n}")
    with django_assert_num_queries(9):  # the search (5) and four vocabularies
        assert client.get("/practices/").status_code == 200


@pytest.mark.parametrize("rows", [1, 4])
def test_the_practice_page_queries_do_not_grow_with_its_rows(client, published, rows,
                                                             django_assert_num_queries):
    practice = published(title="Lighting", themes=["fear-of-crime"])
    OutcomeFactory.create_batch(rows, practice=practice)
    with django_assert_num_queries(14):  # one of them: the record in other languages
        assert client.get(practice.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("rows", [1, 8])
def test_the_csv_and_the_feed_queries_do_not_grow_with_results(client, published, rows,
                                                               django_assert_num_queries):
    for n in range(rows):
        published(title=f"Lighting {n}")
    with django_assert_num_queries(5):
        assert client.get("/api/practices.csv").status_code == 200
    with django_assert_num_queries(1):
        assert client.get("/practices/feed.atom").status_code == 200


def test_unknown_status_is_not_a_practice_status():
    assert "merged" in Practice.Status.values


def test_odd_query_strings_are_read_as_sensible_defaults(client, published):
    published(title="Street lighting")
    answer = client.get("/api/practices/", {"page": "abc", "sort": "drop table",
                                            "per_page": "x", "country": ["za", "ZA", ""]})
    assert (answer.status_code, answer.json()["count"], answer.json()["page"]) == (200, 1, 1)
    assert client.get("/practices/", {"page": "-5", "q": "x" * 5000}).status_code == 200


def test_a_version_is_open_data_as_real_json(client, published):
    import html as html_module
    import json
    import re

    practice = published(title="Safer ranks")
    PracticeVersionFactory(practice=practice, number=1,
                           record={"title": "Safer ranks", "demo": False, "url": "https://x"})
    page = client.get(f"/practices/{practice.slug}/versions/1/").content.decode()
    shown = re.search(r'<pre class="record" tabindex="0"[^>]*>(.*?)</pre>', page, re.S)[1]
    assert json.loads(html_module.unescape(shown)) == {
        "title": "Safer ranks", "demo": False, "url": "https://x"}
    download = client.get(f"/practices/{practice.slug}/versions/1/", {"format": "json"})
    assert download["Content-Type"] == "application/json"
    assert download.json() == {"title": "Safer ranks", "demo": False, "url": "https://x"}
