"""Notes on other published figures about the same subject, and why they differ.

A journalist quoting one number should know that another source says something else, that another
year has another value, that a national Kemensos programme is a different thing from the provincial
one, or that the kab/kota figures of the same release do not add up to the province.
"""

from __future__ import annotations

import re

import pandas as pd

from dashboard.data import reference
from dashboard.logic.figtext import (
    as_dict,
    indicator_row,
    is_contoh,
    missing,
    period_text,
    program_label,
    program_row,
    publisher,
    region_name,
    source_date_text,
    value_text,
    year_of,
)
from dashboard.text.i18n import t

FACT_KEY = ("indicator", "program", "kode_wilayah", "year", "period", "unit")
NATIONAL = "Kementerian Sosial"
POPULATION = {"jumlah_penduduk_sp2020": "Sensus Penduduk BPS", "jumlah_penduduk_proyeksi_bps": "proyeksi BPS",
              "jumlah_penduduk_dukcapil": "Dukcapil"}
POPULATION_EN = {"jumlah_penduduk_sp2020": "BPS population census", "jumlah_penduduk_proyeksi_bps": "BPS projection",
                 "jumlah_penduduk_dukcapil": "Dukcapil"}
MAX_YEARS = 4


def _same(a: dict, b: dict, keys: tuple[str, ...]) -> bool:
    return all((year_of(a) == year_of(b)) if k == "year" else a.get(k) == b.get(k) for k in keys)


def _cite(row: dict, lang: str) -> str:
    return f"{publisher(row)}, {source_date_text(row['source_date'], lang, short=True)}"


def _population_name(indicator: str, lang: str) -> str:
    return (POPULATION if lang == "id" else POPULATION_EN)[indicator]


def _resmi_shown(row: dict) -> bool:
    return row["status"] == "resmi" and bool(row["displayed"])


def _other_sources(rows: list[dict], f: dict, lang: str) -> list[str]:
    notes = []
    for row in (r for r in rows if r["fig_id"] != f["fig_id"] and _same(r, f, FACT_KEY)):
        said = (t("cari.rel_same_value", lang) if row["value"] == f["value"]
                else t("cari.rel_other_value", lang, value=value_text(row, lang)))
        if f.get("displayed"):
            notes.append(t("cari.rel_other_source", lang, cite=_cite(row, lang), said=said,
                           note=f.get("conflict_note") or "").strip())
        elif row.get("displayed"):
            notes.append(t("cari.rel_main_figure", lang, value=value_text(row, lang), cite=_cite(row, lang),
                           note=row.get("conflict_note") or "").strip())
    return notes


def _other_units(rows: list[dict], f: dict, lang: str) -> list[str]:
    keys = ("kode_wilayah", "year")
    return [t("cari.rel_other_unit", lang, value=value_text(r, lang), cite=_cite(r, lang))
            for r in rows if r["unit"] != f["unit"] and r["status"] == "resmi" and _same(r, f, keys)]


def _other_years(rows: list[dict], f: dict, lang: str) -> list[str]:
    year = year_of(f)
    found = [r for r in rows if _resmi_shown(r) and _same(r, f, ("kode_wilayah", "unit"))
             and year_of(r) is not None and year_of(r) != year]
    if not found:
        return []
    anchor = year if year is not None else max(year_of(r) for r in found)
    nearest = sorted(found, key=lambda r: (abs(year_of(r) - anchor), year_of(r)))[:MAX_YEARS]
    listed = "; ".join(f"{period_text(r, lang)}: {value_text(r, lang)}"
                       for r in sorted(nearest, key=lambda r: (year_of(r), str(r["period"]))))
    return [t("cari.rel_years_contoh" if is_contoh(f) else "cari.rel_years", lang, listed=listed)]


def _national_vs_provincial(region_rows: list[dict], f: dict, lang: str) -> list[str]:
    row = program_row(f["program"])
    if row is None or not str(f["indicator"]).startswith("penerima"):
        return []
    label = program_label(f["program"], lang)
    if row["penyelenggara"] == NATIONAL:
        return [t("cari.rel_national", lang, label=label)]
    if row["kategori"] not in ("jaminan sosial", "perlindungan sosial") or "Banten" not in row["penyelenggara"]:
        return []
    here = [r for r in region_rows if _resmi_shown(r) and (program_row(r["program"]) or {}).get("penyelenggara")
            == NATIONAL]
    note = t("cari.rel_provincial", lang, label=label, funder=row["penyelenggara"])
    if here:
        listed = "; ".join(f"{program_label(r['program'], lang)} {period_text(r, lang)}: {value_text(r, lang)}"
                           for r in sorted(here, key=lambda r: year_of(r) or 0))
        note += " " + t("cari.rel_provincial_here", lang, region=region_name(f["kode_wilayah"]), listed=listed)
    return [note]


def _sum_mismatch(rows: list[dict], f: dict, lang: str) -> list[str]:
    ind = indicator_row(f["indicator"])
    if len(str(f["kode_wilayah"])) > 4 or ind is None or ind["agregasi"] != "jumlah":
        return []
    group = [r for r in rows if r["displayed"] and _same(r, f, ("year", "period", "unit", "status"))]
    province = [r for r in group if r["kode_wilayah"] == reference.PROVINCE_CODE]
    parts = {r["kode_wilayah"]: r for r in group if len(str(r["kode_wilayah"])) == 4}
    if len(province) != 1 or len(parts) != len(reference.kabkota()):
        return []
    total, stated, unit = sum(r["value"] for r in parts.values()), province[0]["value"], f["unit"]
    if abs(total - stated) < 1e-9:
        return []
    exact = lambda value: value_text({"value": value, "unit": unit}, lang)  # noqa: E731 (no rounding words)
    note = t("cari.rel_sum", lang, total=exact(total), diff=exact(abs(total - stated)), stated=exact(stated))
    explained = [s for s in re.split(r"(?<=\.)\s+", str(province[0]["note"])) if "jumlah" in s.lower()]
    if explained:
        note += " " + " ".join(explained)
    elif any(not missing(r["precision"]) for r in group):
        note += " " + t("cari.rel_sum_rounded", lang)
    else:
        note += " " + t("cari.rel_sum_raw", lang)
    return [note]


def _population_series(region_rows: list[dict], f: dict, lang: str) -> list[str]:
    if f["indicator"] not in POPULATION:
        return []
    latest: dict[str, dict] = {}
    for r in region_rows:
        if r["indicator"] in POPULATION and r["indicator"] != f["indicator"] and _resmi_shown(r):
            if r["indicator"] not in latest or (year_of(r) or 0) > (year_of(latest[r["indicator"]]) or 0):
                latest[r["indicator"]] = r
    if not latest:
        return []
    listed = "; ".join(f"{_population_name(k, lang)} {period_text(r, lang)}: {value_text(r, lang)}"
                       for k, r in sorted(latest.items()))
    return [t("cari.rel_population", lang, name=_population_name(f["indicator"], lang), listed=listed)]


def related_notes(stats: pd.DataFrame, fig: object, lang: str = "id") -> list[str]:
    """Sentences on where other published figures on the same subject differ, and why.

    Parameters
    ----------
    stats
        The statistics table of the release.
    fig
        One row of it.
    lang
        ``id`` or ``en`` (notes written by the importer, such as why one source was preferred, are
        quoted as written, in Bahasa Indonesia).
    """
    f = as_dict(fig)
    code = str(f["kode_wilayah"])
    # Small slices turned into plain dicts once: pandas masks cost ~0.5 ms each, dict lookups nothing.
    codes = stats["kode_wilayah"]
    nearby = codes.eq(code) if len(code) > 4 else codes.str.len().le(4)
    series = _records(stats[stats["indicator"].eq(f["indicator"]) & stats["program"].eq(f["program"]) & nearby])
    notes = _other_sources(series, f, lang) + _other_units(series, f, lang) + _other_years(series, f, lang)
    region: list[dict] = []
    if str(f["indicator"]).startswith("penerima") or f["indicator"] in POPULATION:
        here = stats[codes.eq(code)]
        programs = reference.programs()
        national = programs.kode[programs.penyelenggara.eq(NATIONAL)]
        region = _records(here[here["program"].isin(national) | here["indicator"].isin(list(POPULATION))])
    return (notes + _national_vs_provincial(region, f, lang) + _sum_mismatch(series, f, lang)
            + _population_series(region, f, lang))


def _records(frame: pd.DataFrame) -> list[dict]:
    return frame[[c for c in frame.columns if c not in ("quote", "unit_asli")]].to_dict("records")
