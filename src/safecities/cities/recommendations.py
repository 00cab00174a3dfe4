"""Whom and what to learn from: practices and peer cities for a city's weakest characteristics.

The rules (docs/self-assessment.md, "Recommendations"):

* **Weakest characteristics**: the city's two lowest scores among the characteristics
  that have a score (insufficient data is never "weak": it is unknown). Ties go to the
  lower code.
* **Practices**: published practices of other cities that *mainly* serve one of those
  characteristics, except practices labelled "no effect" or "harmful". Ranked by
  evidence label (effective, promising, emerging, self-reported), then by similarity of
  context, then the weaker characteristic first, then title.
* **Similarity of context**: one point for the same population band, one for the same
  region, one per shared priority theme (at most two). A practice's region is its
  country's region.
* **Peer cities**: cities at least 15 points stronger on at least one of the weak
  characteristics; ranked by how many weak characteristics they are clearly stronger
  on, then similarity, then how much stronger, then name; with their practices that mainly
  serve those characteristics, and whether they offer study visits or mentoring.

Read-only, and fast: the peer search reads the stored current scores (``CurrentScore``),
and the practice ranking is one SQL query whatever the size of the library.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Least
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from safecities.cities.models import City, CurrentScore
from safecities.cities.regions import Region, countries_in
from safecities.practices.models import Characteristic, EvidenceLabel, Practice

WEAKEST = 2
PEER_MARGIN = 15.0
MAX_PRACTICES = 10
MAX_PEERS = 5
PRACTICES_PER_PEER = 3
MAX_THEME_POINTS = 2
LABEL_ORDER = [EvidenceLabel.EFFECTIVE, EvidenceLabel.PROMISING, EvidenceLabel.EMERGING,
               EvidenceLabel.SELF_REPORTED]


@dataclass(frozen=True)
class Weak:
    code: str
    name: str
    score: float


@dataclass(frozen=True)
class RecommendedPractice:
    slug: str
    title: str
    characteristic: str
    label: str
    label_display: str
    city: str
    country: str
    url: str
    similarity: int
    reason: str


@dataclass(frozen=True)
class PeerPractice:
    slug: str
    title: str
    characteristic: str
    label: str
    url: str


@dataclass(frozen=True)
class Peer:
    slug: str
    name: str
    country: str
    url: str
    stronger: tuple[tuple[str, float, float], ...]  # (code, their score, your score)
    similarity: int
    offers_study_visits: bool
    offers_mentoring: bool
    reason: str
    practices: tuple[PeerPractice, ...] = field(default=())

    @property
    def characteristics(self) -> list[str]:
        return [code for code, _, _ in self.stronger]


@dataclass(frozen=True)
class Recommendations:
    weak: tuple[Weak, ...]
    practices: tuple[RecommendedPractice, ...]
    peers: tuple[Peer, ...]


def weakest(city: City) -> list[tuple[str, float]]:
    rows = (CurrentScore.objects.filter(city=city, score__isnull=False)
            .order_by("score", "characteristic").values_list("characteristic", "score"))
    return list(rows[:WEAKEST])


def _names_q(city: City) -> Q:
    names = Q()
    for name in city.names:
        names |= Q(city__iexact=name)
    return Q(country__iexact=city.country) & names


def _label_rank() -> Case:
    return Case(*[When(label=label, then=Value(rank)) for rank, label in enumerate(LABEL_ORDER)],
                default=Value(len(LABEL_ORDER)), output_field=IntegerField())


def _fmt(score: float) -> str:
    return number_format(score, decimal_pos=1)


def _practice_reason(row: dict, city: City, weak: dict[str, Weak], shared: list[str]) -> str:
    w = weak[row["code"]]
    parts = [_("It mainly serves %(code)s %(name)s, where %(city)s scores %(score)s, one of "
               "its weakest characteristics.") % {"code": w.code, "name": w.name,
                                                  "city": city.name, "score": _fmt(w.score)},
             _("Evidence: %(label)s.") % {"label": EvidenceLabel(row["label"]).label}]
    context = []
    if row["same_band"]:
        context.append(_("a city of the same size"))
    if row["same_region"]:
        context.append(_("the same region (%(region)s)") % {
            "region": Region(city.region).label})
    if shared:
        context.append(ngettext("your priority theme %(themes)s",
                                "your priority themes %(themes)s", len(shared))
                       % {"themes": ", ".join(shared)})
    if context:
        parts.append(_("Similar context: %(context)s.") % {"context": "; ".join(context)})
    return " ".join(parts)


def recommended_practices(city: City, weak: list[Weak], theme_ids: list[int]
                          ) -> list[RecommendedPractice]:
    if not weak:
        return []
    by_code = {w.code: w for w in weak}
    weakness = Case(*[When(main_characteristic__code=w.code, then=Value(i))
                      for i, w in enumerate(weak)], output_field=IntegerField())
    same_band = (Case(When(population_band=city.population_band, then=Value(1)),
                      default=Value(0), output_field=IntegerField())
                 if city.population_band else Value(0, output_field=IntegerField()))
    region_countries = countries_in(city.region)
    same_region = (Case(When(country__in=region_countries, then=Value(1)), default=Value(0),
                        output_field=IntegerField())
                   if region_countries else Value(0, output_field=IntegerField()))
    if theme_ids:
        shared = Practice.themes.through.objects.filter(
            practice_id=OuterRef("pk"), theme_id__in=theme_ids
        ).values("practice_id").annotate(n=Count("*")).values("n")
        theme_points = Least(Coalesce(Subquery(shared, output_field=IntegerField()), 0),
                             Value(MAX_THEME_POINTS))
    else:
        theme_points = Value(0, output_field=IntegerField())
    own = _names_q(city) | Q(pk__in=city.practices.all())
    candidates = (
        Practice.objects.filter(status=Practice.Status.PUBLISHED,
                                main_characteristic__code__in=list(by_code))
        .exclude(own)
        .annotate(weakness=weakness, same_band=same_band, same_region=same_region,
                  theme_points=theme_points)
        .annotate(similarity=Value(0) + same_band + same_region + theme_points)
        .order_by("-similarity", "weakness", "title", "pk")
        .values("pk", "slug", "title", "label", "city", "country", "same_band",
                "same_region", "theme_points", "similarity",
                code=F("main_characteristic__code"))
    )
    # The label is the first key of the order: rank one evidence tier at a time, so the
    # database ranks only the practices of the best tiers (usually one) by context.
    rows: list[dict] = []
    for label in LABEL_ORDER:
        rows += list(candidates.filter(label=label)[:MAX_PRACTICES - len(rows)])
        if len(rows) == MAX_PRACTICES:
            break
    shared_names = _shared_themes([r["pk"] for r in rows], theme_ids)
    return [
        RecommendedPractice(
            slug=r["slug"], title=r["title"], characteristic=r["code"], label=r["label"],
            label_display=str(EvidenceLabel(r["label"]).label), city=r["city"],
            country=r["country"], url=Practice(slug=r["slug"]).get_absolute_url(),
            similarity=r["similarity"],
            reason=_practice_reason(r, city, by_code, shared_names.get(r["pk"], [])),
        )
        for r in rows
    ]


def _shared_themes(practice_ids: list[int], theme_ids: list[int]) -> dict[int, list[str]]:
    if not practice_ids or not theme_ids:
        return {}
    shared: dict[int, list[str]] = defaultdict(list)
    rows = (Practice.themes.through.objects
            .filter(practice_id__in=practice_ids, theme_id__in=theme_ids)
            .order_by("theme__position").values_list("practice_id", "theme__label"))
    for practice_id, label in rows:
        shared[practice_id].append(_(label).lower())
    return shared


def _peer_reason(peer_name: str, stronger: list[tuple[str, float, float]], names: dict,
                 context: list[str], city: City) -> str:
    parts = [_("%(peer)s scores %(theirs)s on %(code)s %(name)s, against %(yours)s for "
               "%(city)s.") % {"peer": peer_name, "theirs": _fmt(theirs), "code": code,
                               "name": names[code], "yours": _fmt(yours), "city": city.name}
             for code, theirs, yours in stronger]
    if context:
        parts.append(_("Similar context: %(context)s.") % {"context": "; ".join(context)})
    return " ".join(parts)


def peer_cities(city: City, weak: list[Weak], theme_ids: list[int]) -> list[Peer]:
    if not weak:
        return []
    strong = Q()
    for w in weak:
        strong |= Q(characteristic=w.code, score__gte=w.score + PEER_MARGIN)
    stronger: dict[int, list[tuple[str, float, float]]] = defaultdict(list)
    candidates: dict[int, tuple[str, str]] = {}
    yours = {w.code: w.score for w in weak}
    order = {w.code: i for i, w in enumerate(weak)}
    # One join: the stronger scores with the context of their cities (no list of ids).
    for city_id, code, score, band, region in (
            CurrentScore.objects.filter(strong).exclude(city=city)
            .values_list("city_id", "characteristic", "score", "city__population_band",
                         "city__region")):
        stronger[city_id].append((code, score, yours[code]))
        candidates[city_id] = (band, region)
    if not stronger:
        return []
    themes: dict[int, int] = defaultdict(int)
    if theme_ids:
        for city_id in (City.themes.through.objects.filter(theme_id__in=theme_ids)
                        .values_list("city_id", flat=True)):
            themes[city_id] += 1

    def similarity(city_id: int) -> int:
        band, region = candidates[city_id]
        return (int(bool(band) and band == city.population_band)
                + int(bool(region) and region == city.region)
                + min(themes[city_id], MAX_THEME_POINTS))

    ranked = sorted(
        candidates,
        key=lambda cid: (-len(stronger[cid]), -similarity(cid),
                         -sum(theirs - mine for _, theirs, mine in stronger[cid]), cid),
    )[:MAX_PEERS]
    peers = City.objects.in_bulk(ranked)
    practices = _peer_practices([peers[cid] for cid in ranked], [w.code for w in weak])
    names = {w.code: w.name for w in weak}
    result = []
    for cid in ranked:
        peer = peers[cid]
        band, region = candidates[cid]
        context = []
        if band and band == city.population_band:
            context.append(_("a city of the same size"))
        if region and region == city.region:
            context.append(_("the same region (%(region)s)") % {"region": Region(region).label})
        if themes[cid]:
            context.append(ngettext("%(n)d shared priority theme", "%(n)d shared priority themes",
                                    themes[cid]) % {"n": themes[cid]})
        found = sorted(stronger[cid], key=lambda item: order[item[0]])
        result.append(Peer(
            slug=peer.slug, name=peer.name, country=peer.country, url=peer.get_absolute_url(),
            stronger=tuple(found), similarity=similarity(cid),
            offers_study_visits=peer.offers_study_visits,
            offers_mentoring=peer.offers_mentoring,
            reason=_peer_reason(peer.name, found, names, context, city),
            practices=tuple(practices.get(cid, [])),
        ))
    return result


def _peer_practices(peers: list[City], codes: list[str]) -> dict[int, list[PeerPractice]]:
    """Each peer's published practices that mainly serve one of ``codes`` (best first)."""
    if not peers:
        return {}
    match = Q()
    owner_by_name: dict[tuple[str, str], int] = {}
    for peer in peers:
        match |= _names_q(peer)
        for name in peer.names:
            owner_by_name.setdefault((peer.country.upper(), name), peer.pk)
    links = defaultdict(set)
    for city_id, practice_id in City.practices.through.objects.filter(
            city_id__in=[p.pk for p in peers]).values_list("city_id", "practice_id"):
        links[practice_id].add(city_id)
    if links:
        match |= Q(pk__in=list(links))
    rows = (Practice.objects.filter(match, status=Practice.Status.PUBLISHED,
                                    main_characteristic__code__in=codes,
                                    label__in=LABEL_ORDER)
            .annotate(label_rank=_label_rank())
            .order_by("label_rank", "title")
            .values("pk", "slug", "title", "label", "city", "country",
                    code=F("main_characteristic__code")))
    found: dict[int, list[PeerPractice]] = defaultdict(list)
    for row in rows:
        owners = set(links.get(row["pk"], set()))
        owner = owner_by_name.get((row["country"].upper(), row["city"].strip().lower()))
        if owner is not None:
            owners.add(owner)
        for owner in owners:
            if len(found[owner]) < PRACTICES_PER_PEER:
                found[owner].append(PeerPractice(
                    slug=row["slug"], title=row["title"], characteristic=row["code"],
                    label=row["label"], url=Practice(slug=row["slug"]).get_absolute_url()))
    return found


def recommend(city: City) -> Recommendations:
    """Practices and peer cities for the city's weakest characteristics (rules above)."""
    lowest = weakest(city)
    names = dict(Characteristic.objects.filter(code__in=[c for c, _ in lowest])
                 .values_list("code", "label"))
    weak = [Weak(code=code, name=_(names.get(code, code)), score=score)
            for code, score in lowest]
    theme_ids = list(city.themes.values_list("pk", flat=True))
    return Recommendations(
        weak=tuple(weak),
        practices=tuple(recommended_practices(city, weak, theme_ids)),
        peers=tuple(peer_cities(city, weak, theme_ids)),
    )

