"""Free-text search over the statistics table ("Cari Angka").

A query such as ``"BLT BBM Kota Serang"`` or ``"penduduk miskin pandeglang 2023"`` is matched against
three kinds of entity, each described by a few aliases: regions (names, short forms, common spellings),
programmes (code, acronym, name) and indicators (code, name, synonyms). A four-digit year acts like a
filter. Query tokens are compared with the alias vocabulary by rapidfuzz, so typos ("tanggerang") and
unfinished words ("pandeg") still match.

An alias scores the IDF of its matched tokens minus half the IDF of its unmatched ones, so
``"kota tangerang"`` prefers Kota Tangerang over Kota Tangerang Selatan; a region qualifier in the
query (kab/kota/kecamatan) halves the score of regions of another kind, so ``"kota serang"`` never
puts Kab. Serang first. At equal relevance: displayed before duplicates, resmi before contoh, province
before kab/kota before kecamatan, newest year first, recipients before budgets.

:func:`build_index` does all per-release work once; :func:`search` is a few numpy gathers (~ms).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from dashboard.data import reference
from dashboard.logic.search_terms import (
    INDICATOR_EXTRA,
    INDICATOR_PRIORITY,
    PROGRAM_EXTRA,
    QUALIFIERS,
    REGION_EXTRA,
    STOPWORDS,
)

UNMATCHED_PENALTY = 0.5
OTHER_KIND_FACTOR = 0.5
PARENT_WEIGHT = 0.5
RELATIVE_FLOOR = 0.35
_YEAR = re.compile(r"\b(19[9]\d|20\d\d|2100)\b")


def normalise(text: str) -> list[str]:
    """Lower-case ASCII tokens without punctuation or stop words: ``"Kab. Serang"`` -> ``[kab, serang]``."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().lower()
    return [t for t in re.sub(r"[^a-z0-9]+", " ", text).split() if t not in STOPWORDS]


def _strip_parens(name: str) -> str:
    return re.sub(r"\([^)]*\)", " ", name)


@dataclass(frozen=True, eq=False)
class SearchIndex:
    """Everything :func:`search` needs, built once per data release by :func:`build_index`."""

    stats: pd.DataFrame
    vocab: list[str]
    positions: dict[str, int]
    prefixes: dict[str, list[int]]
    idf: np.ndarray          # per vocab token, plus a trailing 0 for padding
    alias_tokens: np.ndarray  # (n_alias, max_len) vocab indices, padded with len(vocab)
    alias_entity: np.ndarray
    entity_kind: np.ndarray   # region kind (prov/kab/kota/kec) or "" for non-regions
    rows: dict[str, np.ndarray]
    row_of: dict[str, int]    # fig_id -> row position in ``stats`` (permalinks)

    def figure(self, fig_id: str) -> pd.Series | None:
        """The row of one figure, or None when the id is not in this release."""
        pos = self.row_of.get(fig_id)
        return None if pos is None else self.stats.iloc[pos]


def _region_aliases() -> list[tuple[str, str, list[str]]]:
    out = [("36", "prov", [reference.PROVINCE_NAME, *REGION_EXTRA["36"]])]
    for r in reference.kabkota().itertuples():
        kind = "kota" if r.jenis == "Kota" else "kab"
        bare = r.nama.split(" ", 1)[1]
        out.append((r.kode_bps, kind, [r.nama, r.nama_singkat, bare, *REGION_EXTRA.get(r.kode_bps, [])]))
    for r in reference.kecamatan().itertuples():
        out.append((r.kode_bps, "kec", [f"kecamatan {r.nama}", f"kec {r.nama}", r.nama]))
    return out


def _program_aliases() -> list[tuple[str, list[str]]]:
    out = []
    for p in reference.programs().itertuples():
        # "A/B" names alternatives; "A+B+C" (a combined count) stays one alias, so "PKH" prefers PKH.
        names = [p.kode.replace("_", " "), *p.singkatan.split("/"), _strip_parens(p.nama)]
        out.append((p.kode, names + PROGRAM_EXTRA.get(p.kode, [])))
    return out


def _indicator_aliases() -> list[tuple[str, list[str]]]:
    return [(i.kode, [i.kode.replace("_", " "), _strip_parens(i.nama), i.nama,
                      *INDICATOR_EXTRA.get(i.kode, [])]) for i in reference.indicators().itertuples()]


def build_index(stats: pd.DataFrame) -> SearchIndex:
    """Precompute the alias vocabulary, token weights and per-row entity numbers of a statistics table."""
    stats = stats.reset_index(drop=True)
    entities: list[tuple[str, str, str, list[str]]] = [("none", "", "", [])]  # (type, key, kind, aliases)
    entities += [("region", code, kind, names) for code, kind, names in _region_aliases()]
    entities += [("program", code, "", names) for code, names in _program_aliases()]
    entities += [("indicator", code, "", names) for code, names in _indicator_aliases()]
    entities += [("period", p, "", [p]) for p in sorted(set(stats["period"])) if p]
    entity_id = {(e[0], e[1]): i for i, e in enumerate(entities)}

    alias_lists, alias_entity = [], []
    for i, (_, _, _, names) in enumerate(entities):
        for tokens in {tuple(normalise(n)) for n in names} - {()}:
            alias_lists.append(tokens)
            alias_entity.append(i)
    vocab = sorted({t for tokens in alias_lists for t in tokens})
    pos = {t: i for i, t in enumerate(vocab)}
    entity_tokens: dict[int, set[str]] = {}
    for tokens, e in zip(alias_lists, alias_entity, strict=True):
        entity_tokens.setdefault(e, set()).update(tokens)
    df = np.zeros(len(vocab))
    for tokens in entity_tokens.values():
        df[[pos[t] for t in tokens]] += 1
    n_entities = len(entities)
    idf = np.append(np.log1p(n_entities / df), 0.0)
    width = max(map(len, alias_lists))
    alias_tokens = np.full((len(alias_lists), width), len(vocab))
    for row, tokens in enumerate(alias_lists):
        alias_tokens[row, : len(tokens)] = [pos[t] for t in tokens]
    prefixes: dict[str, list[int]] = {}
    for i, t in enumerate(vocab):
        for k in range(4, len(t)):
            prefixes.setdefault(t[:k], []).append(i)

    codes = stats["kode_wilayah"].astype(str)
    parent = codes.where(codes.str.len() == 7, "").str[:4]
    look = lambda kind, keys: np.array([entity_id.get((kind, k), 0) for k in keys])  # noqa: E731
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
                       np.array([e[2] for e in entities]), rows,
                       {fid: i for i, fid in enumerate(stats["fig_id"])})


def _token_similarity(index: SearchIndex, tokens: list[str]) -> np.ndarray:
    """Best similarity (0..1) of each vocab token to any query token: exact 1, prefix .9, typo <= .9.

    A query token that is itself a known word matches only exactly or as a prefix: "kota" must not
    match the programme COTA, nor "anggaran" the kecamatan Panggarangan.
    """
    best = np.zeros(len(index.vocab) + 1)
    if not tokens:
        return best
    ratios = process.cdist(tokens, index.vocab, scorer=fuzz.ratio, dtype=np.uint8) / 100.0
    vocab_len = np.array([len(t) for t in index.vocab])
    for q, row in zip(tokens, ratios, strict=True):
        known = q in index.positions
        ok = (not known) & (len(q) >= 4) & (vocab_len >= 4) & (row >= (0.8 if len(q) >= 5 else 0.75))
        sim = np.where(ok, row * 0.9, 0.0)
        sim[index.prefixes.get(q, [])] = np.maximum(sim[index.prefixes.get(q, [])], 0.9)
        sim[row >= 1.0] = 1.0
        best[:-1] = np.maximum(best[:-1], sim)
    return best


def _entity_scores(index: SearchIndex, tokens: list[str]) -> np.ndarray:
    sim = _token_similarity(index, tokens)
    weight = index.idf[index.alias_tokens]
    matched = sim[index.alias_tokens]
    alias_score = (matched * weight).sum(1) - UNMATCHED_PENALTY * ((1 - matched) * weight).sum(1)
    scores = np.zeros(len(index.entity_kind))
    np.maximum.at(scores, index.alias_entity, alias_score)
    kinds = {QUALIFIERS[t] for t in tokens if t in QUALIFIERS}
    if kinds:
        other = (index.entity_kind != "") & ~np.isin(index.entity_kind, list(kinds))
        scores[other] *= OTHER_KIND_FACTOR
    scores[0] = 0.0
    return scores


def search(stats: pd.DataFrame | SearchIndex, query: str, programme: str | None = None,
           region: str | None = None, year: int | None = None, limit: int = 20) -> pd.DataFrame:
    """Figures matching a free-text query, best first, with a ``score`` column (relevance).

    Parameters
    ----------
    stats
        A :class:`SearchIndex` from :func:`build_index` (fast), or the statistics table itself.
    query
        Free text: programme acronyms or names, indicator words, region names, a year.
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
    words = normalise(query)
    years = {int(w) for w in words if _YEAR.fullmatch(w)}
    tokens = [w for w in words if not _YEAR.fullmatch(w)]

    keep = np.ones(len(index.stats), dtype=bool)
    if programme:
        keep &= r["program_code"] == programme
    if region:
        keep &= (r["code"] == region) | (r["parent_code"] == region)
    if year is not None:
        keep &= r["year"] == year

    score = np.zeros(len(index.stats))
    if tokens:
        s = _entity_scores(index, tokens)
        score = (s[r["program"]] + s[r["indicator"]] + s[r["period"]]
                 + np.maximum(s[r["region"]], PARENT_WEIGHT * s[r["parent"]]))
        keep &= score > 0
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
                        ~r["resmi"][idx], ~r["displayed"][idx], -relevance))[:limit]
    out = index.stats.iloc[idx[order]].assign(score=relevance[order])
    out.attrs["year_fallback"] = fallback
    return out

