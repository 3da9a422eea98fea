"""PSKS: counts by type for the province, and type x kab/kota, for the page, briefing and exports.

Each PSKS type is its own series; for a year, each type shows one series (a published one when it
exists, else, in the demonstration mode, its DATA CONTOH series), never a mix of the two in one row.
The few published figures without a year are listed by :func:`published_figures`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.data import reference
from dashboard.logic import charts, derive, series
from dashboard.logic.roster_view import psks_names
from dashboard.text import fmt
from dashboard.text.i18n import t
from dashboard.viewmodel.common import csv_bytes, label_contoh, sources_text

INDICATOR = "jumlah_psks"
PERSON_UNIT = "orang"


def psks_catalogue() -> pd.DataFrame:
    """The PSKS types of the programme catalogue (code, short name, unit)."""
    progs = reference.programs()
    return progs[progs["jenis"] == "psks"].reset_index(drop=True)


def _year_rows(stats: pd.DataFrame, year: int) -> pd.DataFrame:
    """The figures of ``year``, one series per PSKS type (published first, then most figures)."""
    data = derive.shown(stats)
    data = data[(data["indicator"] == INDICATOR) & (data["year"] == year)]
    if data.empty:
        return data
    counts = data.groupby(series.KEY_COLUMNS).size().rename("n").reset_index()
    counts = counts.assign(_contoh=counts["status"].eq("contoh")).sort_values(["_contoh", "n"], ascending=[True, False])
    chosen = counts.drop_duplicates("program")[series.KEY_COLUMNS]
    return series.one_per_year(data.merge(chosen, on=series.KEY_COLUMNS), within=("program",))


def years(stats: pd.DataFrame) -> list[int]:
    """Years with displayed PSKS counts, oldest first."""
    data = derive.shown(stats)
    return sorted(int(y) for y in data.loc[data["indicator"] == INDICATOR, "year"].unique())


def people_by_type(stats: pd.DataFrame, year: int, lang: str = "id") -> pd.DataFrame:
    """Province totals of the PSKS types counted in people, for ranked bars.

    Organisations, villages and units are left out: a bar of 1.552 Karang Taruna organisations next
    to a bar of people would compare different things. Columns follow ``charts.ranked_bars``
    (``kode_wilayah`` holds the type code there).
    """
    cat = psks_catalogue()
    people = cat.loc[cat["satuan"] == PERSON_UNIT, "kode"]
    rows = _year_rows(stats, year)
    rows = rows[(rows["kode_wilayah"] == reference.PROVINCE_CODE) & rows["program"].isin(people)]
    short = dict(zip(cat["kode"], cat["singkatan"], strict=True))
    out = rows.assign(kode_wilayah=rows["program"], nama=rows["program"].map(short))
    return out[["kode_wilayah", "nama", "value", "unit", "status", "source_title", "source_date", "fig_id"]].reset_index(drop=True)


def type_by_kabkota(stats: pd.DataFrame, year: int, lang: str = "id") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Counts of every PSKS type per kab/kota and province in ``year``.

    Returns ``(table, download)``: ``table`` has one row per type, formatted numbers in one column
    per kab/kota (short name) and the province, its unit and a status per row (``resmi``,
    ``contoh`` or ``campuran``); ``download`` is the long form with raw values, sources and a
    ``keterangan`` column marking DATA CONTOH.
    """
    rows = _year_rows(stats, year)
    cat = psks_catalogue()
    kab = reference.kabkota()
    columns = list(kab["kode_bps"]) + [reference.PROVINCE_CODE]
    names = dict(zip(kab["kode_bps"], kab["nama_singkat"], strict=True)) | {reference.PROVINCE_CODE: "Banten"}
    full = psks_names(lang)
    table_rows = []
    for kind in cat.itertuples():
        own = rows[rows["program"] == kind.kode]
        if own.empty:
            continue
        by_code = dict(zip(own["kode_wilayah"], own["value"], strict=False))
        entry = {"jenis": full[kind.kode], "satuan": kind.satuan}
        entry.update({names[c]: fmt.number(by_code.get(c), 0, lang) for c in columns})
        entry["status"] = derive.status_summary(own["status"])
        table_rows.append(entry)
    table = pd.DataFrame(table_rows, columns=["jenis", "satuan", *[names[c] for c in columns], "status"])
    region = reference.region_names()
    long = rows[rows["kode_wilayah"].isin(columns)].assign(
        nama_wilayah=lambda d: d["kode_wilayah"].map(region), jenis_psks=lambda d: d["program"])
    download = label_contoh(long[["jenis_psks", "kode_wilayah", "nama_wilayah", "year", "value", "unit", "status",
                                  "source_title", "source_url", "source_date", "fig_id"]]
                            .sort_values(["jenis_psks", "kode_wilayah"]).reset_index(drop=True))
    return table, download


def published_figures(stats: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """Every published (``resmi``) PSKS count, dated or not, with its source and note."""
    data = stats[(stats["indicator"] == INDICATOR) & (stats["status"] == "resmi")]
    region = reference.region_names()
    full = psks_names(lang)
    no_year = "tanpa tahun" if lang == "id" else "undated"
    return pd.DataFrame({
        "jenis": data["program"].map(full).fillna(data["program"]),
        "wilayah": data["kode_wilayah"].map(region),
        "tahun": [no_year if pd.isna(y) else str(int(y)) for y in data["year"]],
        "nilai": [fmt.value_with_unit(v, u, lang) for v, u in zip(data["value"], data["unit"], strict=True)],
        "sumber": data["source_title"],
        "tanggal_sumber": data["source_date"],
        "catatan": (data["note"] + " " + data["conflict_note"]).str.strip(),
    }).reset_index(drop=True)


@dataclass(frozen=True)
class Overview:
    """What the PSKS page shows for one year."""

    year: int
    people: pd.DataFrame  # ranked-bars columns, one row per type counted in people
    people_meta: charts.FigureMeta
    sentence: str
    table: pd.DataFrame  # one row per type, formatted values per kab/kota
    table_status: str
    download: pd.DataFrame
    published: pd.DataFrame

    @property
    def csv(self) -> bytes:
        return csv_bytes(self.download)


def overview(stats: pd.DataFrame, year: int, lang: str, data_per: str) -> Overview:
    """Ranked bars of people by type, the sentence under them, and the type x kab/kota table."""
    people = people_by_type(stats, year, lang)
    status = derive.status_summary(people["status"])
    meta = charts.FigureMeta(t("psks.people_title", lang), PERSON_UNIT if lang == "id" else "people",
                             f"Provinsi Banten · {year}", sources_text(people, lang), status, data_per, lang)
    sentence = t("common.no_data", lang)
    if people["value"].notna().any():
        top = people.loc[people["value"].idxmax()]
        sentence = t("psks.people_sentence", lang, year=year, top=top["nama"],
                     value=fmt.number(top["value"], 0, lang), total=fmt.number(people["value"].sum(), 0, lang),
                     count=len(people))
    table, download = type_by_kabkota(stats, year, lang)
    return Overview(year, people, meta, sentence, table, derive.status_summary(download["status"]),
                    download, published_figures(stats, lang))
