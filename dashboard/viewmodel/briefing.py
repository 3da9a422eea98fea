"""Layar Briefing: what each slide of the meeting-room presentation says, and its URL parameters.

Three modules share the work: this one validates the URL and defines a slide;
:mod:`dashboard.viewmodel.briefing_slides` decides the figures, texts and links of every slide (the
same view models as the pages: headlines, map views, trends, profiles); :mod:`dashboard.briefing.deck`
renders the slides as one self-contained HTML document. Texts in a :class:`Slide` are raw; escaping
happens once, where HTML is written.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode

import pandas as pd

from dashboard.data import reference
from dashboard.logic import series
from dashboard.logic.series import SeriesKey
from dashboard.text.i18n import LANGS, t

DEFAULT_PROGRAM_COUNT = 3
DEFAULT_REGION = "3601"
THEMES = ("terang", "gelap")
SECONDS_DEFAULT, SECONDS_MIN, SECONDS_MAX = 20, 5, 300
MAX_PROGRAMS = 8
MAX_PARAM_LENGTH = 200
#: Indicators that count what a programme delivered, in order of preference for its slides.
PROGRAM_INDICATORS = ("penerima", "kegiatan", "unit_diberikan")


@dataclass(frozen=True)
class Choices:
    """What the URL may ask for: programme code -> its series, kab/kota codes, data years, and the
    default programmes (those with the most published kab/kota figures since
    :data:`~dashboard.logic.series.CURRENT_FROM`)."""

    programs: dict[str, SeriesKey]
    regions: tuple[str, ...]
    years: tuple[int, ...]
    defaults: tuple[str, ...] = ()


@dataclass(frozen=True)
class Params:
    """One validated slide set (every field is safe to put in a cache key)."""

    programs: tuple[str, ...] = ()
    kode: str = DEFAULT_REGION
    tahun: int | None = None
    tema: str = THEMES[0]
    detik: int = SECONDS_DEFAULT
    lang: str = "id"


@dataclass(frozen=True)
class Slide:
    """One slide: ``kind`` is headline, map, trend, psks or region; ``rows`` and ``extra`` depend on it."""

    kind: str
    title: str
    subtitle: str
    status: str
    public_url: str
    source: str
    rows: list[dict] = field(default_factory=list)
    extra: dict = field(default_factory=dict)


def choices(stats: pd.DataFrame) -> Choices:
    """The programmes with kab/kota figures (each with its main series), the kab/kota and the years.

    A programme's series for the slides is the one of its delivery indicator with the most kab/kota
    figures, published series first; in the demonstration mode a programme without any published
    series gets its DATA CONTOH series (labelled on every slide).
    """
    cat = series.catalogue(stats)
    progs = reference.programs()
    known = set(progs.loc[progs["jenis"] == "program", "kode"])
    cat = cat[cat["program"].isin(known) & cat["indicator"].isin(PROGRAM_INDICATORS) & cat["years"].map(bool)]
    cat = cat.assign(_contoh=cat["status"].eq("contoh"), _ind=cat["indicator"].map(PROGRAM_INDICATORS.index),
                     _kab=cat["years"].map(len), _recent=cat["years"].map(
                         lambda ys: sum(1 for y in ys if y >= series.CURRENT_FROM)))
    cat = cat.sort_values(["_contoh", "_ind", "figures"], ascending=[True, True, False])
    chosen = cat.drop_duplicates("program")
    programs = {row.program: row.key for row in chosen.sort_values("program").itertuples()}
    ranked = chosen[~chosen["_contoh"]].sort_values(["_recent", "figures"], ascending=False)
    defaults = tuple(ranked["program"].head(DEFAULT_PROGRAM_COUNT)) or tuple(list(programs)[:DEFAULT_PROGRAM_COUNT])
    data = stats[stats["displayed"] & stats["year"].notna()]
    years = tuple(sorted(int(y) for y in data["year"].unique()))
    return Choices(programs, tuple(reference.kabkota()["kode_bps"]), years, defaults)


def parse_params(query: Mapping[str, object], allowed: Choices) -> tuple[Params, list[str]]:
    """Validate the URL parameters; anything unknown or malformed falls back to its default.

    Parameters
    ----------
    query : mapping
        ``program`` (comma-separated programme codes), ``kode``, ``tahun``, ``tema``, ``detik``, ``lang``.
    allowed : Choices
        From :func:`choices`.

    Returns
    -------
    (Params, list of str)
        The slide set, and the names of the parameters that were rejected (for one notice).
    """
    rejected: list[str] = []

    def raw(name: str) -> str | None:
        value = query.get(name)
        if isinstance(value, list | tuple):
            value = value[-1] if value else None
        return None if value is None else str(value).strip()

    def pick(name: str, options: list[str], default: str) -> str:
        value = raw(name)
        if value is None:
            return default
        if len(value) <= MAX_PARAM_LENGTH and value in options:
            return value
        rejected.append(name)
        return default

    defaults = allowed.defaults
    programs = defaults
    text = raw("program")
    if text is not None:
        asked = [c.strip().upper() for c in text[:MAX_PARAM_LENGTH].split(",") if c.strip()]
        good = tuple(dict.fromkeys(c for c in asked if c in allowed.programs))[:MAX_PROGRAMS]
        if len(text) > MAX_PARAM_LENGTH or not asked or len(good) != len(dict.fromkeys(asked)):
            rejected.append("program")
        programs = good or defaults
    kode = pick("kode", list(allowed.regions), DEFAULT_REGION if DEFAULT_REGION in allowed.regions else allowed.regions[0])
    year = pick("tahun", [str(y) for y in allowed.years], "")
    seconds = pick("detik", [str(s) for s in range(SECONDS_MIN, SECONDS_MAX + 1)], str(SECONDS_DEFAULT))
    params = Params(programs, kode, int(year) if year else None, pick("tema", list(THEMES), THEMES[0]),
                    int(seconds), pick("lang", list(LANGS), "id"))
    return params, rejected


def page_url(base: str, page: str, lang: str, **params: object) -> str:
    """Address of a public page with its view parameters (``lang`` only when not Indonesian)."""
    query = {k: v for k, v in params.items() if v not in (None, "")} | ({"lang": lang} if lang != "id" else {})
    return f"{base}/{page}" + (f"?{urlencode(query, safe=':,')}" if query else "")


def up_to(stats: pd.DataFrame, year: int | None) -> pd.DataFrame:
    """The figures of ``year`` and before (all of them when ``year`` is None)."""
    return stats if year is None else stats[(stats["year"] <= year).fillna(False).astype(bool)]


def source_line(frame: pd.DataFrame, lang: str) -> str:
    """Where a slide's figures come from, short enough for one line."""
    official = [s for s in frame.loc[frame["status"] == "resmi", "source_title"].dropna().unique() if s]
    parts = [official[0]] if len(official) == 1 else [t("briefing.sources_many", lang, count=len(official))] if official else []
    if (frame["status"] == "contoh").any():
        parts.append(t("briefing.contoh_source", lang))
    return "; ".join(parts) or "—"


def short_name(code: str, lang: str) -> tuple[str, str]:
    """``(abbreviation, full name)`` of a programme or PSKS code from the catalogue."""
    progs = reference.programs().set_index("kode")
    if code not in progs.index:
        return code, code
    row = progs.loc[code]
    return row["singkatan"] or code, row["nama" if lang == "id" else "nama_en"]
