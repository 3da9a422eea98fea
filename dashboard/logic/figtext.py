"""Words for one figure: programme and region names, the value as people read it, the source's
publisher and date. Shared by the citation sentences, the related-figure notes and the exports.

Source dates in the data are free text ("2022-11-25", "2024-12 (data); file 2025-07", "not shown
(...)", ""): a leading ISO date is formatted, anything else reads "tanggal tidak disebut" (the raw
text stays visible in the provenance).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from urllib.parse import urlparse

import pandas as pd
from babel.dates import format_date

from dashboard.data import reference
from dashboard.text import fmt

NO_DATE = {"id": "tanggal tidak disebut", "en": "date not stated"}
#: Programme names that read badly when built from the catalogue.
LABEL_OVERRIDES = {"BANSOS_KEMENSOS": "PKH, BPNT dan BST (gabungan, Kemensos)"}
_SCALE_WORDS = {"id": ((1e6, "juta"), (1e3, "ribu")), "en": ((1e6, "million"), (1e3, "thousand"))}


def as_dict(fig: object) -> dict:
    """A figure given as a pandas row, a mapping or a namedtuple, as a plain dict."""
    if isinstance(fig, pd.Series):
        return fig.to_dict()
    if isinstance(fig, Mapping):
        return dict(fig)
    return fig._asdict()  # type: ignore[attr-defined]


def missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def flag(value: object) -> bool:
    """A yes/no field that may be missing (NaN in a frame where only some rows set it)."""
    return not missing(value) and bool(value)


def year_of(fig: dict) -> int | None:
    return None if missing(fig.get("year")) else int(fig["year"])


def is_contoh(fig: dict) -> bool:
    return fig.get("status") == "contoh"


@lru_cache(maxsize=1)
def _catalogues() -> tuple[dict[str, dict], dict[str, dict]]:
    programs = {r["kode"]: r for r in reference.programs().to_dict("records")}
    return programs, {r["kode"]: r for r in reference.indicators().to_dict("records")}


def program_row(kode: str) -> dict | None:
    """The catalogue entry of a programme code (``nama``, ``singkatan``, ``penyelenggara`` ...)."""
    return _catalogues()[0].get(kode)


def indicator_row(kode: str) -> dict | None:
    """The catalogue entry of an indicator code (``nama``, ``nama_en``, ``agregasi`` ...)."""
    return _catalogues()[1].get(kode)


def program_label(kode: str, lang: str = "id") -> str:
    """``Usaha Ekonomi Produktif (UEP)``; only the acronym when the expansion is unverified."""
    if not kode:
        return ""
    if lang == "id" and kode in LABEL_OVERRIDES:
        return LABEL_OVERRIDES[kode]
    row = program_row(kode)
    if row is None:
        return kode
    if not row["terverifikasi"]:
        return row["singkatan"]  # e.g. JSOD: the expansion is a guess, never print it as fact
    name = re.sub(r"\s*\([^)]*\)", "", row["nama"] if lang == "id" else row["nama_en"]).strip()
    short = row["singkatan"]
    acronym = not re.search(r"[a-z]", short) or " " not in short
    parts = [p for p in re.split(r"[+/ ]", short) if p]
    if acronym and not all(p.lower() in name.lower() for p in parts):
        name = f"{name} ({short})"
    return name


def program_short(kode: str) -> str:
    row = program_row(kode)
    return kode if row is None else row["singkatan"]


def region_name(code: str) -> str:
    """``Kab. Lebak``; a kecamatan with its kab/kota (``Kec. Serang, Kota Serang``)."""
    names = reference.region_names()
    code = str(code)
    name = names.get(code, code)
    if len(code) == 7 and code[:4] in names:
        name = f"{name}, {names[code[:4]]}"
    return name


def period_name(period: str, lang: str = "id") -> str:
    """A period code as people read it (``Semester II``; ``Second half-year``, ``March`` in English,
    from the period catalogue)."""
    return _period_names_en().get(period, period) if lang == "en" and period else period


def period_text(fig: dict, lang: str = "id") -> str:
    """``2022``, ``Maret 2020``, ``Semester II 2021`` (``March 2020``, ``Second half-year 2021`` in
    English); empty when the year is unknown."""
    year = year_of(fig)
    if year is None:
        return ""
    period = period_name(str(fig.get("period") or "").strip(), lang)
    return f"{period} {year}".strip()


@lru_cache(maxsize=1)
def _period_names_en() -> dict[str, str]:
    """Period code -> English name (``Semester II`` -> ``Second half-year``), from the catalogue."""
    periods = reference.periods()
    return dict(zip(periods["kode"], periods["nama_en"], strict=True))


#: Units in English (singular, plural). The data keep the Indonesian word; terms stay (KPM, RTS, KSM).
UNITS_EN = {
    "orang": ("person", "people"), "jiwa": ("person", "people"), "keluarga": ("family", "families"),
    "anak": ("child", "children"), "unit": ("unit", "units"), "kegiatan": ("activity", "activities"),
    "lembaga": ("institution", "institutions"), "organisasi": ("organisation", "organisations"),
    "kampung": ("village (kampung)", "villages (kampung)"), "kecamatan": ("sub-district", "sub-districts"),
    "kelurahan": ("urban village", "urban villages"), "desa": ("village", "villages"),
    "izin": ("permit", "permits"), "KK": ("family (KK)", "families (KK)"), "paket": ("parcel", "parcels"),
    "rumah tangga": ("household", "households"), "pedagang kecil": ("small trader", "small traders"),
    "ahli waris": ("heir", "heirs"), "rumah": ("house", "houses"), "kapita": ("capita", "capita"),
    "bulan": ("month", "months"), "tahun": ("year", "years"), "indeks": ("index", "index"),
    "persen": ("percent", "percent"), "penduduk": ("resident", "residents"),
}


#: Units that a reader does not need after the number (an index: "IPM 74,4", not "74,4 indeks").
UNITLESS = frozenset({"indeks"})


def unit_text(unit: str, lang: str = "id", value: float | None = None) -> str:
    """A unit as readers of ``lang`` read it: ``keluarga`` -> ``families``, ``rupiah per kapita per
    bulan`` -> ``rupiah per capita per month``, ``km2`` -> ``km²``; unknown words stay as published."""
    unit = str(unit)
    if unit == "km2":
        return "km²"
    if lang == "id":
        return unit
    head, *per = unit.split(" per ")
    single = value is not None and abs(float(value)) == 1
    head = UNITS_EN.get(head, (head, head))[0 if single else 1]
    return " per ".join([head, *(UNITS_EN.get(p, (p, p))[0] for p in per)])


def value_text(fig: dict, lang: str = "id") -> str:
    """The value with its unit as published: a figure rounded at the source keeps its rounding
    (``791,61 ribu jiwa``, ``1,4 juta jiwa``, never ``791.610``), an approximation says so
    (``sekitar 60 orang``). In English the unit is English too (``about 60 people``)."""
    value, unit = float(fig["value"]), str(fig["unit"])
    if math.isnan(value):
        return fmt.MISSING[lang]
    approx = str(fig.get("approx") or "")
    prefix = f"{APPROX_WORDS[lang].get(approx, approx)} " if approx else ""
    if unit.startswith("rupiah"):
        rest = unit_text(unit, lang)[len("rupiah"):].strip()
        return prefix + f"{rupiah_text(value, lang)} {rest}".strip()
    precision = fig.get("precision")
    if not missing(precision) and precision > 1 and unit != "persen":
        for scale, word in _SCALE_WORDS[lang]:
            if value >= scale and precision < scale:
                decimals = max(0, round(math.log10(scale / precision)))
                return f"{prefix}{fmt.number(value / scale, decimals, lang)} {word} {unit_text(unit, lang)}"
    if unit in ("persen", "km2"):
        return prefix + fmt.value_with_unit(value, unit, lang)
    if unit in UNITLESS:
        return prefix + fmt.number(value, lang=lang)
    return prefix + f"{fmt.number(value, lang=lang)} {unit_text(unit, lang, value)}"


#: How an approximation is read ("sekitar 60", "lebih dari 90 ribu").
APPROX_WORDS = {"id": {}, "en": {"sekitar": "about", "lebih dari": "more than", "kurang dari": "less than"}}


def rupiah_text(value: float, lang: str = "id") -> str:
    """``Rp15,5 miliar``, ``Rp13,75 miliar``; exact (``Rp1.665.000``) when two decimals would round it."""
    if value >= 1e6:
        scale = next(s for s in (1e12, 1e9, 1e6) if value >= s)
        for decimals in (0, 1, 2):
            if abs(round(value / scale, decimals) * scale - value) < 0.5:
                # The scale word is chosen here, not by fmt.compact, which rounds 578 miliar up to "1 triliun".
                return f"Rp{fmt.number(value / scale, decimals, lang)} {_RUPIAH_SCALES[lang][scale]}"
    return fmt.rupiah(value, lang, exact=True)


_RUPIAH_SCALES = {"id": {1e12: "triliun", 1e9: "miliar", 1e6: "juta"},
                  "en": {1e12: "trillion", 1e9: "billion", 1e6: "million"}}


def _leading_date(raw: str) -> tuple[date | None, str]:
    """The date a free-text source date starts with, and its precision (day, month, year, none)."""
    if m := re.match(r"^(\d{4})-(\d{2})-(\d{2})", raw):
        return date(int(m[1]), int(m[2]), int(m[3])), "day"
    if m := re.match(r"^(\d{4})-(\d{2})(?!\d)", raw):
        return date(int(m[1]), int(m[2]), 1), "month"
    if m := re.match(r"^(\d{4})(?![\d-])", raw):
        return date(int(m[1]), 1, 1), "year"
    return None, "none"


def source_date_text(raw: object, lang: str = "id", short: bool = False) -> str:
    """``25 November 2022`` (``25 Nov 2022`` when short), ``Desember 2024``, ``2025`` or "tanggal tidak disebut"."""
    text = "" if missing(raw) else str(raw).strip()
    when, precision = _leading_date(text)
    if when is None:
        return NO_DATE[lang]
    locale = fmt.LOCALES[lang]
    if precision == "day":
        return format_date(when, "d MMM y", locale=locale) if short else fmt.long_date(when, lang)
    if precision == "month":
        return format_date(when, "MMM y", locale=locale) if short else fmt.month_year(when, lang)
    return str(when.year)


def publisher(fig: dict) -> str:
    """Who published the source: ``Tangerang Daily`` from ``... (Tangerang Daily)``, else the URL's host."""
    title = str(fig.get("source_title") or "").strip()
    first = title.split(" ", 1)[0]
    if "/" in first and "." not in first:
        return first  # a repository path such as cahyadsn/wilayah
    for group in re.findall(r"\(([^()]*)\)", title):
        name = re.split(r"[;,:]", group)[0].strip()
        if name and not name.isdigit():
            return name
    host = urlparse(str(fig.get("source_url") or "")).netloc.removeprefix("www.")
    return host or title[:60]


def series_label(indicator: str, program: str, lang: str = "id") -> str:
    """``Jumlah penerima — Usaha Ekonomi Produktif (UEP)`` (catalogue lookups cached, unlike a set_index per call)."""
    row = indicator_row(indicator)
    name = (row["nama"] if lang == "id" else row["nama_en"]) if row else indicator
    return f"{name} — {program_label(program, lang)}" if program else name
