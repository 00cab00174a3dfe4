"""Practices keep their own language: marked on their pages, a filter of the library, links
between translations; search folds accents and case (the same cases on both databases)."""

from __future__ import annotations

import pytest

from safecities.practices.search import SearchQuery, search

pytestmark = pytest.mark.django_db


def titles(result) -> list[str]:
    return [hit.practice.title for hit in result.hits]


@pytest.mark.parametrize("typed", ["eclairage", "ÉCLAIRAGE", "Éclairage", "éclairage"])
def test_search_folds_accents_and_case(published, typed):
    published(title="Éclairage des rues", summary="Des lampadaires sur la route des taxis.",
              language="fr")
    published(title="Street football", summary="Evening league.")

    assert titles(search(SearchQuery(text=typed))) == ["Éclairage des rues"]


def test_search_finds_accented_words_typed_without_accents_in_the_text(published):
    published(title="Ruas seguras", summary="Iluminação pública nos mercados.", language="pt")

    assert titles(search(SearchQuery(text="iluminacao mercados"))) == ["Ruas seguras"]


def test_the_library_filters_by_the_language_of_the_record(client, published):
    published(title="Éclairage des rues", language="fr")
    english = published(title="Street lighting", language="en")

    result = search(SearchQuery(filters={"language": ("fr",)}))
    page = client.get("/practices/?language=fr").content.decode()

    assert titles(result) == ["Éclairage des rues"]
    assert result.facets["language"] == {"fr": 1}
    assert '<h2 lang="fr"><a href="' in page
    assert english.get_absolute_url() not in page


def test_a_practice_page_marks_its_language_and_links_its_translations(client, published):
    original = published(title="Street lighting", language="en", problem="Dark roads.")
    french = published(title="Éclairage des rues", language="fr", translation_of=original,
                       problem="Routes sombres.")

    page = client.get(french.get_absolute_url()).content.decode()
    english_page = client.get(original.get_absolute_url()).content.decode()

    assert '<h1 lang="fr">Éclairage des rues</h1>' in page
    assert '<div lang="fr"><p>Routes sombres.</p>\n</div>' in page
    assert (f'<a href="{original.get_absolute_url()}" lang="en" hreflang="en">English</a>'
            in page)
    assert (f'<a href="{french.get_absolute_url()}" lang="fr" hreflang="fr">French</a>'
            in english_page)


def test_the_open_data_record_gives_the_language(client, published):
    practice = published(title="Éclairage des rues", language="fr")

    record = client.get(f"/api/practices/{practice.slug}/").json()

    assert record["language"] == "fr"
