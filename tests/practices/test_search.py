"""Search (practices/search/): the same cases run on SQLite (FTS5) and PostgreSQL."""

from __future__ import annotations

import pytest

from safecities.practices.models import EvidenceLabel, Practice
from safecities.practices.search import SearchQuery, search
from safecities.practices.services.publication import withdraw
from tests.factories import PracticeFactory

pytestmark = pytest.mark.django_db


def titles(result) -> list[str]:
    return [hit.practice.title for hit in result.hits]


def test_words_in_the_title_rank_above_words_in_the_text(published):
    published(title="Safety walks", problem="Street lighting was poor on the main road.")
    published(title="Street lighting for markets", problem="Traders closed early.")
    assert titles(search(SearchQuery(text="lighting"))) == [
        "Street lighting for markets", "Safety walks"]


def test_every_word_must_match(published):
    published(title="Street lighting", summary="Lights on the taxi route.")
    published(title="Street football", summary="Evening league for young people.")
    assert titles(search(SearchQuery(text="street football"))) == ["Street football"]


def test_words_match_their_other_forms(published):
    published(title="Mediating disputes between neighbours", summary="Mediators in every ward.")
    assert titles(search(SearchQuery(text="mediation dispute"))) == [
        "Mediating disputes between neighbours"]


def test_lessons_and_outcomes_are_searched(published):
    practice = published(title="Ward forums", lessons_learned="Councillors must attend.")
    practice.outcomes.create(indicator="Burglaries reported", design_strength=1,
                             effect="positive")
    from safecities.practices.records import with_record
    from safecities.practices.search.index import index_practice

    index_practice(with_record(Practice.objects.filter(pk=practice.pk)).get())
    assert titles(search(SearchQuery(text="councillors"))) == ["Ward forums"]
    assert titles(search(SearchQuery(text="burglaries"))) == ["Ward forums"]


def test_search_syntax_typed_by_people_is_taken_as_words(published):
    published(title="Street lighting")
    for text in ['lighting"', "lighting OR", "NEAR(lighting)", "light* -x", "title:street",
                 "'; DROP TABLE practices_practice; --"]:
        search(SearchQuery(text=text))  # never an error
    assert search(SearchQuery(text='"lighting" AND')).count == 1


def test_unpublished_practices_are_never_found(published):
    published(title="Lighting published")
    for status in ["draft", "submitted", "in_review", "changes_requested", "declined", "merged"]:
        PracticeFactory(title=f"Lighting {status}", status=status)
    assert titles(search(SearchQuery(text="lighting"))) == ["Lighting published"]
    assert search(SearchQuery()).count == 1


def test_a_withdrawn_practice_leaves_the_index(published):
    practice = published(title="Street lighting")
    withdraw(practice=practice)
    assert search(SearchQuery(text="lighting")).count == 0
    assert search(SearchQuery(filters={"country": ("ZA",)})).count == 0


def test_a_deleted_practice_leaves_the_index(published):
    published(title="Street lighting").delete()
    assert search(SearchQuery(text="lighting")).count == 0


def test_snippets_highlight_the_words_and_escape_the_text(published):
    published(title="Walks", summary="Safety <b>walks</b> & lighting checks at night.")
    hit = search(SearchQuery(text="lighting")).hits[0]
    assert "<mark>lighting</mark>" in hit.snippet
    # SQLite keeps the tag as text (escaped), PostgreSQL's headline drops it: both are safe.
    assert "&amp; <mark>lighting</mark>" in hit.snippet
    assert "<b>" not in hit.snippet


def test_a_forged_highlight_mark_in_the_text_is_removed(published):
    published(title="Walks", summary="Safety \x02<script>x</script>\x03 lighting.")
    hit = search(SearchQuery(text="lighting")).hits[0]
    assert "<script>" not in hit.snippet
    assert ("\x02" in hit.snippet, "\x03" in hit.snippet, "<mark>x" in hit.snippet) == (
        False, False, False)


def test_facets_count_the_current_results(published):
    published(title="A", country="ZA", characteristics=["C1", "C3"], themes=["youth-at-risk"])
    published(title="B", country="ZA", characteristics=["C1"])
    published(title="C", country="KE", characteristics=["C3"], themes=["youth-at-risk"])
    result = search(SearchQuery(filters={"characteristic": ("C1",)}))
    assert result.count == 2
    assert result.facets["country"] == {"ZA": 2}
    assert result.facets["characteristic"] == {"C1": 2, "C3": 1}
    assert result.facets["theme"] == {"youth-at-risk": 1}
    assert result.facets["label"] == {"self_reported": 2}


def test_filters_combine_within_and_across_facets(published):
    published(title="A", country="ZA", characteristics=["C1", "C3"])
    published(title="B", country="ZA", characteristics=["C1"])
    published(title="C", country="KE", characteristics=["C1", "C3"])
    both = search(SearchQuery(filters={"characteristic": ("C1", "C3"), "country": ("ZA",)}))
    assert titles(both) == ["A"]


def test_a_main_characteristic_counts_as_served(published):
    published(title="A", characteristics=[], main="C5")
    assert titles(search(SearchQuery(filters={"characteristic": ("C5",)}))) == ["A"]


def test_sorting_by_newest_and_by_strongest_evidence(published):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    published(title="Old effective", published_at=now - timedelta(days=9),
              label=EvidenceLabel.EFFECTIVE, evidence_strength=3)
    published(title="New emerging", published_at=now, label=EvidenceLabel.EMERGING,
              evidence_strength=1)
    published(title="Middle promising", published_at=now - timedelta(days=3),
              label=EvidenceLabel.PROMISING, evidence_strength=3)
    assert titles(search(SearchQuery(sort="newest"))) == [
        "New emerging", "Middle promising", "Old effective"]
    assert titles(search(SearchQuery(sort="evidence"))) == [
        "Old effective", "Middle promising", "New emerging"]


def test_pages_hold_the_rest_of_the_results(published):
    for n in range(5):
        published(title=f"Lighting {n}")
    second = search(SearchQuery(text="lighting", page=2, per_page=2, sort="newest"))
    assert (second.count, second.pages, len(second.hits)) == (5, 3, 2)


def test_a_misspelt_word_is_corrected(published):
    published(title="Street lighting in Umlazi")
    result = search(SearchQuery(text="lightnig"))
    assert (result.suggestion, titles(result)) == ("lighting", ["Street lighting in Umlazi"])


def test_no_suggestion_when_nothing_is_close(published):
    published(title="Street lighting")
    result = search(SearchQuery(text="zzzqqq"))
    assert (result.count, result.suggestion) == (0, None)


def test_an_unknown_facet_is_refused():
    with pytest.raises(ValueError, match="unknown facets"):
        SearchQuery(filters={"colour": ("red",)})
