"""Writing the search index: the full-text row and the facet rows of a published practice.

Called by the publication services inside their transaction, so the index never shows a
practice that is not published, nor an older text than the published one. ``rebuild``
derives the whole index afresh (``safecities rebuild_practice_index``); a test proves
the incremental writes give exactly what a rebuild gives.
"""

from __future__ import annotations

from django.db import transaction

from safecities.practices.models import Practice, PracticeFacet
from safecities.practices.search import backends
from safecities.practices.search.text import WORD, indexable

BODY_FIELDS = ("problem", "objectives", "mechanism", "components", "community_involvement",
               "lessons_learned", "would_do_differently", "adaptations", "unintended_effects",
               "costs_and_benefits")


def facet_rows(practice: Practice) -> set[tuple[str, str]]:
    """The (dimension, value) pairs a published practice is found under."""
    rows = {("country", practice.country), ("label", practice.label),
            ("language", practice.language)}
    if practice.population_band:
        rows.add(("population_band", practice.population_band))
    characteristics = {c.code for c in practice.characteristics.all()}
    if practice.main_characteristic_id:
        characteristics.add(practice.main_characteristic.code)
    rows |= {("characteristic", code) for code in characteristics}
    rows |= {("theme", t.code) for t in practice.themes.all()}
    rows |= {("intervention_type", t.code) for t in practice.intervention_types.all()}
    rows |= {("target_group", t.code) for t in practice.target_groups.all()}
    return rows


def document(practice: Practice) -> tuple[str, str, str]:
    """Title, summary and the rest of the searchable text (problem, intervention, lessons,
    outcomes, place)."""
    parts = [practice.city, practice.lead_organisation]
    parts += [getattr(practice, name) for name in BODY_FIELDS]
    parts += [f"{o.indicator}. {o.data_source}" for o in practice.outcomes.all()]
    body = "\n".join(part for part in parts if part)
    return indexable(practice.title), indexable(practice.summary), indexable(body)


def index_practice(practice: Practice) -> None:
    """Bring the index in line with the practice: written if published, removed if not."""
    if practice.status != Practice.Status.PUBLISHED:
        unindex(practice.pk)
        return
    backend = backends.current()
    title, summary, body = document(practice)
    facets = sorted(facet_rows(practice))
    with transaction.atomic():
        backend.write(practice.pk, title, summary, body, facets)
        PracticeFacet.objects.filter(practice=practice).delete()
        PracticeFacet.objects.bulk_create(
            PracticeFacet(practice=practice, dimension=d, value=v) for d, v in facets)
        words = {w for w in WORD.findall(f"{title} {summary} {body}".lower())
                 if len(w) >= 3 and not w.isdigit() and "_" not in w}
        if words:
            backend.add_terms(words)


def unindex(practice_id: int) -> None:
    with transaction.atomic():
        backends.current().delete(practice_id)
        PracticeFacet.objects.filter(practice_id=practice_id).delete()


def rebuild() -> int:
    """Derive the whole index from the published practices; returns how many."""
    with transaction.atomic():
        backends.current().delete()
        PracticeFacet.objects.all().delete()
        practices = list(Practice.objects.published().select_related("main_characteristic")
                         .prefetch_related("characteristics", "themes", "intervention_types",
                                           "target_groups", "outcomes"))
        for practice in practices:
            index_practice(practice)
    return len(practices)
