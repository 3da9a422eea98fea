"""Choice widgets bound to the URL: the series, year, region and level pickers pages share."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.data import reference
from dashboard.logic import derive
from dashboard.logic.i18n import t
from dashboard.ui import state

DEFAULT_SERIES = "penerima:UEP"


def series_key(indicator: str, program: str) -> str:
    return f"{indicator}:{program}"


def pick_series(catalogue: pd.DataFrame, lang: str, key: str, exclude_population: bool = True) -> pd.Series:
    """Selectbox of the mappable series; returns the catalogue row. URL parameter ``seri``."""
    data = catalogue
    if exclude_population:
        data = data[~data.indicator.str.startswith(("jumlah_penduduk", "luas_", "jumlah_desa", "jumlah_kec", "jumlah_kel"))]
    keys = [series_key(r.indicator, r.program) for r in data.itertuples()]
    labels = {k: derive.series_label(*k.split(":", 1), lang) for k in keys}
    default = DEFAULT_SERIES if DEFAULT_SERIES in keys else keys[0]
    chosen = state.choice("seri", keys, default)
    ordered = sorted(keys, key=lambda k: labels[k])
    value = st.selectbox(t("common.indicator", lang), ordered, index=ordered.index(chosen),
                         format_func=labels.get, key=f"{key}-seri")
    return data.iloc[keys.index(value)]


def pick_year(years: list[int], lang: str, key: str, param: str = "tahun") -> int:
    default = max(years)
    chosen = state.year_choice(param, years, default)
    options = sorted(years, reverse=True)
    return st.selectbox(t("common.year", lang), options, index=options.index(chosen), key=f"{key}-{param}")


def pick_kabkota(lang: str, key: str, allow_all: bool = False, param: str = "kode") -> str:
    kk = reference.kabkota()
    codes = ([""] if allow_all else []) + list(kk.kode_bps)
    names = {"": "Semua kabupaten/kota" if lang == "id" else "All regencies/cities"} | dict(zip(kk.kode_bps, kk.nama_singkat, strict=True))
    chosen = state.choice(param, codes, codes[0])
    return st.selectbox(t("common.region", lang), codes, index=codes.index(chosen), format_func=names.get,
                        key=f"{key}-{param}")
