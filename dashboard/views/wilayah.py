"""Wilayah: the profile of one kab/kota: every programme, PSKS counts, population, poverty, rank."""

from __future__ import annotations

import streamlit as st

from dashboard import cached
from dashboard.data import reference
from dashboard.logic import derive, fmt
from dashboard.logic.i18n import t
from dashboard.ui import blocks, pickers, shell, state

lang = shell.setup("common.page_wilayah")
rid = cached.release_id()
code = pickers.pick_kabkota(lang, "wilayah")
state.set_params(kode=code, lang=lang if lang != "id" else None)
name = reference.region_names()[code]
st.title(name)
shell.notices(lang)
st.caption(shell.data_per(lang))

profile = cached.region_profile(rid, code)
if profile.empty:
    st.info(t("common.no_data", lang))
else:
    def row_view(frame):
        return frame.assign(
            indikator=[derive.series_label(i, p, lang) for i, p in zip(frame.indicator, frame.program, strict=True)],
            nilai=[fmt.value_with_unit(v, u, lang) for v, u in zip(frame.value, frame.unit, strict=True)],
            peringkat=[f"{int(r)} / 8" if r == r and r is not None else "—" for r in frame["rank"]],
            status_label=[t(f"common.status_{s}", lang) for s in frame.status],
        )

    basics = profile[profile.indicator.isin(["jumlah_penduduk_sp2020", "jumlah_penduduk_dukcapil", "penduduk_miskin",
                                             "persentase_penduduk_miskin", "luas_wilayah"])]
    cards = [blocks.kpi(derive.series_label(r.indicator, r.program, lang), fmt.value_with_unit(r.value, r.unit, lang),
                        f"{r.year} · {r.source_title[:60]}", r.status, lang) for r in basics.itertuples()]
    cols = st.columns(3)
    for i, card in enumerate(cards):
        cols[i % 3].html(card)
    st.caption(t("wilayah.population_note", lang))

    columns = {"indikator": t("common.indicator", lang), "year": t("common.year", lang), "nilai": t("common.value", lang),
               "peringkat": t("common.rank", lang), "status_label": t("common.status", lang),
               "source_title": t("common.source", lang)}
    for group, title_key in (("program", "wilayah.programmes"), ("psks", "wilayah.psks")):
        catalogue_codes = reference.programs().loc[lambda d, g=group: d.jenis == g, "kode"]
        part = profile[profile.program.isin(catalogue_codes)]
        st.subheader(t(title_key, lang))
        if part.empty:
            st.info(t("common.no_data", lang))
            continue
        blocks.contoh_notice(derive.status_summary(part.status), lang)
        st.dataframe(row_view(part)[list(columns)].rename(columns=columns), hide_index=True, width="stretch")
    st.caption(t("wilayah.rank_note", lang))

    st.subheader(t("wilayah.kecamatan", lang))
    catalogue = cached.series_catalogue(rid)
    kec_series = catalogue[catalogue.kecamatan_years.map(len) > 0]
    if kec_series.empty:
        st.info(t("common.no_data", lang))
    else:
        series = pickers.pick_series(kec_series, lang, "wilayah-kec")
        year = max(series["kecamatan_years"])
        view = cached.map_view(rid, series["indicator"], series["program"], year, "kecamatan", "count", "quantiles",
                               code, lang)
        left, right = st.columns([3, 2])
        with left:
            if view["fig_map"] is None:
                st.info(t("common.no_geo", lang))
            else:
                blocks.figure(view["fig_map"], "wilayah-map")
        with right:
            blocks.figure(view["fig_bar"], "wilayah-bar")
        blocks.text_and_downloads(view["sentence"], view["table"], view["csv"], f"{code}-kecamatan-{year}",
                                  view["status"], lang, "wilayah")
    st.download_button(t("wilayah.download_profile", lang), cached.profile_csv(rid, code),
                       file_name=f"profil-{code}.csv", mime="text/csv", key="wilayah-profile-dl", on_click="ignore")
shell.footer(lang)
