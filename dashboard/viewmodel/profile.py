"""Wilayah: the profile of one kab/kota, grouped, as the page, the light edition and the briefing show it.

Every series of the region with its latest figure, rank among the eight and change from the figure
before (same series only). Series whose latest figure is older than
:data:`~dashboard.logic.series.CURRENT_FROM` form the "riwayat" group: the latest published figure,
never presented as a current one.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from dashboard.data import reference
from dashboard.logic import derive
from dashboard.logic.figtext import period_name, period_text, series_label, source_date_text, value_text
from dashboard.text.i18n import t
from dashboard.viewmodel.common import csv_bytes, label_contoh

#: Indicators without a programme that make up the "people and place" group, in this order.
BASICS = ["jumlah_penduduk_sp2020", "jumlah_penduduk_proyeksi_bps", "jumlah_penduduk_dukcapil", "penduduk_miskin",
          "persentase_penduduk_miskin", "garis_kemiskinan", "ipm", "ipm_metode_lama", "luas_wilayah",
          "jumlah_kecamatan", "jumlah_kelurahan", "jumlah_desa"]
GROUPS = ("dasar", "program", "psks", "lain", "riwayat")


@dataclass(frozen=True)
class ProfileRow:
    group: str
    label: str
    value_text: str
    when: str  # "Maret 2024", with "(tahun diperkirakan dari konteks)" when inferred
    status: str
    source_type: str
    source: str  # "title, date"
    rank_text: str  # "" when the eight kab/kota have no figure of the same series and year
    change_text: str
    fig_id: str
    indicator: str
    program: str


@dataclass(frozen=True)
class ProfileView:
    code: str
    name: str
    rows: list[ProfileRow]
    table: pd.DataFrame  # the download

    def group(self, name: str) -> list[ProfileRow]:
        return [r for r in self.rows if r.group == name]

    @cached_property  # built once per (shared, cached) view, not on every rerun of the page
    def csv(self) -> bytes:
        return csv_bytes(self.table)

    @property
    def status(self) -> str:
        return derive.status_summary(pd.Series([r.status for r in self.rows], dtype=object))


def _group(row: dict, kinds: dict[str, str]) -> str:
    if row["history"]:
        return "riwayat"
    if not row["program"] and row["indicator"] in BASICS:
        return "dasar"
    return kinds.get(row["program"], "lain") if row["program"] else "lain"


def when_text(fig: dict, lang: str) -> str:
    """``Maret 2024``; says when the year was inferred from the context of the source."""
    text = period_text(fig, lang)
    if fig.get("year_inferred"):
        text += f" ({t('common.year_inferred', lang)})"
    return text


def profile_view(stats: pd.DataFrame, code: str, lang: str = "id") -> ProfileView:
    profile = derive.region_profile(stats, code)
    kinds = dict(zip(reference.programs()["kode"], reference.programs()["jenis"], strict=True))
    order = {g: n for n, g in enumerate(GROUPS)}
    basic_order = {name: n for n, name in enumerate(BASICS)}
    records = profile.to_dict("records")
    for r in records:
        r["group"] = _group(r, kinds)
        r["label"] = series_label(r["indicator"], r["program"], lang)
        if r["period"]:  # e.g. Dukcapil semester I and II, poverty March and September: different series
            r["label"] += f" ({period_name(r['period'], lang)})"
    records.sort(key=lambda r: (order[r["group"]], basic_order.get(r["indicator"], len(BASICS)), r["label"],
                                r["unit"], r["period"]))
    rows = [ProfileRow(
        r["group"], r["label"], value_text(r, lang), when_text(r, lang), r["status"], r["source_type"],
        f"{r['source_title']}, {source_date_text(r['source_date'], lang)}",
        t("common.rank_of", lang, rank=int(r["rank"])) if pd.notna(r["rank"]) else "", r["change"].text(lang), r["fig_id"],
        r["indicator"], r["program"]) for r in records]
    table = profile.drop(columns=["key", "change", "note"]).assign(
        kode_wilayah=code, perubahan=[r["change"].text(lang) for r in profile.to_dict("records")])
    return ProfileView(code, reference.region_names().get(code, code), rows, label_contoh(table))
