"""Free-text search over the statistics table ("Cari Angka"), in Bahasa Indonesia and English.

A query such as ``"BLT BBM Kota Serang"``, ``"penduduk miskin pandeglang 2023"`` or ``"older persons
in Lebak"`` is matched against four kinds of entity, each described by aliases from the catalogues
(:mod:`dashboard.logic.search_terms`): regions, programmes and PSKS types, indicators and periods.
Query and aliases go through the same :func:`normalise` (markup, punctuation and stop words dropped,
synonyms of both languages rewritten to one word), so "elderly" finds what "lansia" names. A
four-digit year acts like a filter. rapidfuzz corrects typos only: an unknown word of four letters
or more may match a known word ("tanggerang", "jamsostratu", "elderyl") or begin one ("pandeg");
a known word matches only itself.

Relevance: an alias scores the IDF of its matched words minus half the IDF of its unmatched ones,
so ``"kota tangerang"`` prefers Kota Tangerang over Kota Tangerang Selatan; a region qualifier in the
query (kab/kota/kecamatan) halves the score of regions of another kind. A figure scores each query
word once, for the best of its entities, minus the penalties of its matched entities
(:func:`_row_scores`). Minimum relevance, so junk finds nothing: more than half of the query's words
(with a letter) must be known, and a figure must account for at least half of the query's words.
Order: figures accounting for more of the query first, then relevance, then figures whose indicator
the query named; then displayed before duplicates, resmi before contoh, province before kab/kota
before kecamatan, newest year first, recipients before budgets.

:func:`build_index` does all per-release work once; :func:`search` is a few numpy gathers
(milliseconds; ``python -m bench.search_speed`` measures it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from dashboard.logic.search_terms import (
    INDICATOR_PRIORITY,
    QUALIFIERS,
    canonical,
    indicator_aliases,
    normalise,
    period_aliases,
    program_aliases,
    region_aliases,
    surface_words,
    tokens,
)

__all__ = ["SearchIndex", "build_index", "normalise", "search"]

UNMATCHED_PENALTY = 0.5
OTHER_KIND_FACTOR = 0.5
PARENT_WEIGHT = 0.5
RELATIVE_FLOOR = 0.35
TYPO_CUTOFF = 85  # rapidfuzz ratio for correcting a word to a synonym ("elderyl" -> "elderly")
_YEAR = re.compile(r"(199\d|20\d\d|2100)")


@dataclass(frozen=True, eq=False)
class SearchIndex:
    """Everything :func:`search` needs, built once per data release by :func:`build_index`."""

    stats: pd.DataFrame
    vocab: list[str]
    positions: dict[str, int]
    prefixes: dict[str, list[int]]
    idf: np.ndarray           # per vocab token, plus a trailing 0 for padding
    alias_tokens: np.ndarray  # (n_alias, max_len) vocab indices, padded with len(vocab)
    alias_entity: np.ndarray
    entity_kind: np.ndarray   # region kind (prov/kab/kota/kec) or "" for non-regions
    rows: dict[str, np.ndarray]
    row_of: dict[str, int]    # fig_id -> row position in ``stats`` (permalinks)
    typo_words: list[str]     # synonym words outside the vocabulary, for typo correction

    def figure(self, fig_id: str) -> pd.Series | None:
        """The row of one figure, or None when the id is not in this release."""
        pos = self.row_of.get(fig_id)
        return None if pos is None else self.stats.iloc[pos]


def build_index(stats: pd.DataFrame) -> SearchIndex:
    """Precompute the alias vocabulary, token weights and per-row entity numbers of a statistics table."""
    stats = stats.reset_index(drop=True)
    entities: list[tuple[str, str, str, list[str]]] = [("none", "", "", [])]  # (type, key, kind, aliases)
    entities += [("region", code, kind, names) for code, kind, names in region_aliases()]
    entities += [("program", code, "", names) for code, names in program_aliases()]
    entities += [("indicator", code, "", names) for code, names in indicator_aliases()]
    entities += [("period", code, "", names) for code, names in period_aliases(set(stats["period"]))]
    entity_id = {(e[0], e[1]): i for i, e in enumerate(entities)}

    alias_lists, alias_entity = [], []
    for i, (_, _, _, names) in enumerate(entities):
        for words in sorted({tuple(normalise(n)) for n in names} - {()}):
            alias_lists.append(words)
            alias_entity.append(i)
    vocab = sorted({t for words in alias_lists for t in words})
    pos = {t: i for i, t in enumerate(vocab)}
    entity_tokens: dict[int, set[int]] = {}
    for words, e in zip(alias_lists, alias_entity, strict=True):
        entity_tokens.setdefault(e, set()).update(pos[t] for t in words)
    df = np.zeros(len(vocab))
    for found in entity_tokens.values():
        df[list(found)] += 1
    idf = np.append(np.log1p(len(entities) / df), 0.0)
    width = max(map(len, alias_lists))
    alias_tokens = np.full((len(alias_lists), width), len(vocab))
    for row, words in enumerate(alias_lists):
        alias_tokens[row, : len(words)] = [pos[t] for t in words]
    prefixes: dict[str, list[int]] = {}
    for i, t in enumerate(vocab):
        for k in range(4, len(t)):
            prefixes.setdefault(t[:k], []).append(i)

    codes = stats["kode_wilayah"].astype(str)
    parent = codes.where(codes.str.len() == 7, "").str[:4]
    look = lambda kind, keys: np.array([entity_id.get((kind, k), 0) for k in keys], dtype=int)  # noqa: E731
    year = pd.to_numeric(stats["year"], errors="coerce").astype(float).to_numpy()
    rows = {
        "program": look("program", stats["program"]), "indicator": look("indicator", stats["indicator"]),
        "region": look("region", codes), "parent": look("region", parent),
        "period": look("period", stats["period"]), "year": year,
        "displayed": stats["displayed"].astype(bool).to_numpy(),
        "resmi": stats["status"].eq("resmi").to_numpy(),
        "level": codes.str.len().map({2: 0, 4: 1, 7: 2}).fillna(3).to_numpy(),
        "indicator_rank": stats["indicator"].map(INDICATOR_PRIORITY).fillna(3).to_numpy(),
        "fig_rank": stats["fig_id"].rank(method="first").to_numpy(),
        "code": codes.to_numpy(), "parent_code": parent.to_numpy(),
        "program_code": stats["program"].to_numpy(),
    }
    return SearchIndex(stats, vocab, pos, prefixes, idf, alias_tokens, np.array(alias_entity),
                       np.array([e[2] for e in entities]), rows, {fid: i for i, fid in enumerate(stats["fig_id"])},
                       sorted(w for w in surface_words() if w not in pos and len(w) >= 5))


def _correct(index: SearchIndex, word: str) -> str:
    """A word neither known nor a synonym, corrected to the synonym it is a typo of (else unchanged)."""
    if word in index.positions or len(word) < 5 or not word.isalpha() or word in surface_words():
        return word
    hit = process.extractOne(word, index.typo_words, scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF)
    return hit[0] if hit else word


def query_words(index: SearchIndex, query: str) -> tuple[list[str], set[int]]:
    """The query as canonical words (typos of synonyms corrected) and the years it names."""
    raw = tokens(query)
    years = {int(w) for w in raw if _YEAR.fullmatch(w)}
    return canonical([_correct(index, w) for w in raw if not _YEAR.fullmatch(w)]), years


def _similarity(index: SearchIndex, words: list[str]) -> np.ndarray:
    """(word, vocab token) similarity 0..1: exact 1, prefix .9, typo <= .9 (padding column 0).

    A word that is itself known matches only exactly: "kota" must not match the programme COTA,
    "anggaran" the kecamatan Panggarangan, nor "lebak" the kecamatan Lebakgedong.
    """
    sims = np.zeros((len(words), len(index.vocab) + 1))
    if not words:
        return sims
    ratios = process.cdist(words, index.vocab, scorer=fuzz.ratio, dtype=np.uint8) / 100.0
    vocab_len = np.array([len(t) for t in index.vocab])
    for i, (q, row) in enumerate(zip(words, ratios, strict=True)):
        unknown = q not in index.positions
        fuzzy = unknown and len(q) >= 4 and re.search("[a-z]", q) is not None
        ok = fuzzy & (vocab_len >= 4) & (row >= (0.8 if len(q) >= 5 else 0.75))
        sim = np.where(ok, row * 0.9, 0.0)
        pre = index.prefixes.get(q, []) if unknown else []
        sim[pre] = np.maximum(sim[pre], 0.9)
        sim[row >= 1.0] = 1.0
        sims[i, :-1] = sim
    return sims


def _entity_scores(index: SearchIndex, words: list[str], sims: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per entity, from its best alias: what each query word contributes (n_words, n_entities), and
    the penalty for the alias words the query did not say (n_entities). An entity whose best alias
    scores nothing contributes nothing."""
    n_entities = len(index.entity_kind)
    weight = index.idf[index.alias_tokens]
    matched = sims.max(0)[index.alias_tokens]
    penalty = UNMATCHED_PENALTY * ((1 - matched) * weight).sum(1)
    alias_score = (matched * weight).sum(1) - penalty
    top = np.lexsort((alias_score, index.alias_entity))  # per entity, its best alias comes last
    last = top[np.append(index.alias_entity[top][1:] != index.alias_entity[top][:-1], True)]
    entity_of, useful = index.alias_entity[last], alias_score[last] > 0
    contrib, penalties = np.zeros((len(words), n_entities)), np.zeros(n_entities)
    best_tokens = index.alias_tokens[last[useful]]                               # (entities, width)
    contrib[:, entity_of[useful]] = (sims[:, best_tokens] * index.idf[best_tokens]).max(2)
    penalties[entity_of[useful]] = penalty[last[useful]]
    kinds = {QUALIFIERS[t] for t in words if t in QUALIFIERS}
    if kinds:
        other = (index.entity_kind != "") & ~np.isin(index.entity_kind, list(kinds))
        contrib[:, other] *= OTHER_KIND_FACTOR
    contrib[:, 0] = 0.0
    penalties[0] = 0.0
    return contrib, penalties


def _row_scores(index: SearchIndex, contrib: np.ndarray, penalties: np.ndarray) -> tuple[np.ndarray, ...]:
    """Per figure: relevance, how many query words it accounts for, and whether its indicator matched.

    Each query word counts once, for the best of the figure's entities (programme, indicator,
    period, region, or at half weight its kab/kota); every entity that matched costs its penalty.
    So "rumah tidak layak huni" finds the stock of such houses before the repairs (the indicator
    "... diperbaiki" says a word not asked for), and "... diperbaiki" the repairs before RUTILAHU's
    budget (at equal relevance a figure whose indicator the query named comes first).
    """
    r = index.rows
    parts = [contrib[:, r["program"]], contrib[:, r["indicator"]], contrib[:, r["period"]],
             contrib[:, r["region"]], PARENT_WEIGHT * contrib[:, r["parent"]]]
    best = np.max(parts, axis=0)                                                  # (words, rows)
    used = [p.sum(0) > 0 for p in parts]
    region_used = used[3] | (used[4] & ~used[3])
    cost = (np.where(used[0], penalties[r["program"]], 0) + np.where(used[1], penalties[r["indicator"]], 0)
            + np.where(used[2], penalties[r["period"]], 0)
            + np.where(used[3], penalties[r["region"]], np.where(region_used, PARENT_WEIGHT * penalties[r["parent"]], 0)))
    return best.sum(0) - cost, (best > 0).sum(0).astype(float), used[1]


def _no_result(index: SearchIndex) -> pd.DataFrame:
    out = index.stats.iloc[:0].assign(score=pd.Series(dtype=float))
    out.attrs["year_fallback"] = False
    return out


def search(stats: pd.DataFrame | SearchIndex, query: str, programme: str | None = None,
           region: str | None = None, year: int | None = None, limit: int = 20) -> pd.DataFrame:
    """Figures matching a free-text query, best first, with a ``score`` column (relevance).

    Parameters
    ----------
    stats
        A :class:`SearchIndex` from :func:`build_index` (fast), or the statistics table itself.
    query
        Free text in Bahasa Indonesia or English: programme acronyms or names, indicator words,
        region names, a year. A query that says nothing the vocabulary knows finds nothing.
    programme, region, year
        Hard filters. ``region`` keeps that region and, for a kab/kota, its kecamatan.
    limit
        Maximum rows returned.

    Returns
    -------
    pandas.DataFrame
        Rows of the statistics table plus ``score``. ``attrs["year_fallback"]`` is True when the
        query named a year no matching figure has, so other years are shown instead.
    """
    index = stats if isinstance(stats, SearchIndex) else build_index(stats)
    r = index.rows
    words, years = query_words(index, str(query or ""))
    if str(query or "").strip() and not words and not years:
        return _no_result(index)  # only markup, punctuation, emoji or stop words

    keep = np.ones(len(index.stats), dtype=bool)
    if programme:
        keep &= r["program_code"] == programme
    if region:
        keep &= (r["code"] == region) | (r["parent_code"] == region)
    if year is not None:
        keep &= r["year"] == year

    score = np.zeros(len(index.stats))
    coverage = np.zeros(len(index.stats))
    named = np.zeros(len(index.stats), dtype=bool)
    if words:
        sims = _similarity(index, words)
        meaningful = np.array([re.search("[a-z]", w) is not None for w in words])
        known = sims.max(1) > 0
        if 2 * (known & meaningful).sum() <= meaningful.sum():
            return _no_result(index)  # most words mean nothing here: junk finds nothing
        score, coverage, named = _row_scores(index, *_entity_scores(index, words, sims))
        keep &= (score > 0) & (2 * coverage >= len(words))
        top = score[keep].max() if keep.any() else 0.0
        keep &= score >= RELATIVE_FLOOR * top
    fallback = False
    if years:
        in_year = np.isin(r["year"], list(years))
        if (keep & in_year).any():
            keep &= in_year | np.isnan(r["year"])  # undated figures may be the asked year
        else:
            fallback = bool(keep.any())

    idx = np.flatnonzero(keep)
    relevance = np.round(score[idx], 3)
    year_key = np.nan_to_num(r["year"][idx], nan=-1.0)
    order = np.lexsort((r["fig_rank"][idx], r["indicator_rank"][idx], -year_key, r["level"][idx],
                        ~r["resmi"][idx], ~r["displayed"][idx], ~named[idx], -relevance, -coverage[idx]))[:limit]
    out = index.stats.iloc[idx[order]].assign(score=relevance[order])
    out.attrs["year_fallback"] = fallback
    return out
