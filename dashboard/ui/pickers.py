"""Choice widgets bound to the URL: the series, year, region and level pickers pages share."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from dashboard.data import reference
from dashboard.logic import series
from dashboard.text.i18n import t
from dashboard.ui import state

#: Series that describe the place, not welfare: offered on Wilayah, not as map or trend choices.
PLACE_PREFIXES = ("jumlah_penduduk", "luas_", "jumlah_desa", "jumlah_kec", "jumlah_kel")
#: Characters a selectbox shows at 360 px before it cuts the text.
PHONE_FIELD_CHARS = 40


def pick_series(catalogue: pd.DataFrame, lang: str, key: str, default: str | None = None,
                exclude_place: bool = True) -> pd.Series:
    """Selectbox of the series in ``catalogue``; returns its row. URL parameter ``seri``.

    The URL may hold a full series code or a short one (``penerima:UEP``), which resolves to that
    programme's main series; anything else falls back to ``default`` (else the first) with a notice.
    """
    data = catalogue
    if exclude_place:
        data = data[~data["indicator"].str.startswith(PLACE_PREFIXES)]
    codes = list(data["code"])
    labels = dict(zip(data["code"], data["label"], strict=True))
    fallback = default if default in labels else codes[0]
    raw = st.query_params.get("seri")
    resolved = series.resolve(data, raw) if raw else None
    chosen = resolved.code if resolved is not None else state.choice("seri", [], fallback) if raw else fallback
    value = st.selectbox(t("common.indicator", lang), codes, index=codes.index(chosen), format_func=labels.get,
                         key=f"{key}-seri")
    if len(labels[value]) > PHONE_FIELD_CHARS:
        # A phone's field shows about 40 characters of the choice; the whole name goes under it there.
        st.html(f"<div class='picked-full'>{html.escape(labels[value])}</div>")
    return data.iloc[codes.index(value)]


def pick_year(years: list[int], lang: str, key: str, param: str = "tahun", default: int | None = None,
              width: int | str = "stretch", label_visibility: str = "visible") -> int:
    default = default if default in years else max(years)
    chosen = state.year_choice(param, years, default)
    options = sorted(years, reverse=True)
    return st.selectbox(t("common.year", lang), options, index=options.index(chosen), key=f"{key}-{param}",
                        width=width, label_visibility=label_visibility)


def pick_kabkota(lang: str, key: str, allow_all: bool = False, param: str = "kode", width: int | str = "stretch",
                 label_visibility: str = "visible") -> str:
    kk = reference.kabkota()
    codes = ([""] if allow_all else []) + list(kk.kode_bps)
    names = {"": t("common.all_kabkota", lang)} | dict(zip(kk.kode_bps, kk.nama_singkat, strict=True))
    chosen = state.choice(param, codes, codes[0])
    return st.selectbox(t("common.region", lang), codes, index=codes.index(chosen), format_func=names.get,
                        key=f"{key}-{param}", width=width, label_visibility=label_visibility)
