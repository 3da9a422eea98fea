"""Wilayah: the profile of one kab/kota: every series' latest figure, rank, change; its kecamatan."""

from __future__ import annotations

import streamlit as st

from dashboard import cached
from dashboard.text.i18n import t
from dashboard.ui import blocks, pickers, profile, shell, state

lang, rid = shell.setup()
code = pickers.pick_kabkota(lang, "wilayah")
state.set_params(kode=code, lang=lang if lang != "id" else None)
view = cached.profile_view(rid, code, lang)
st.title(view.name)
shell.notices(lang)
st.caption(shell.data_per(rid, lang))

if not view.rows:
    blocks.missing(rid, t("wilayah.none", lang, name=view.name), f"region:{code}", lang)
for group in ("dasar", "program", "psks", "lain", "riwayat"):
    profile.group_block(view, group, lang)
st.caption(t("wilayah.rank_note", lang))
st.download_button(t("wilayah.download_profile", lang), view.csv, file_name=f"profil-{code}.csv", mime="text/csv",
                   key="wilayah-profile-dl", on_click="ignore")

st.subheader(t("wilayah.kecamatan", lang))
catalogue = cached.catalogue(rid, lang)
kec_series = catalogue[catalogue["kecamatan_years"].map(bool)]
if kec_series.empty:
    blocks.missing(rid, t("wilayah.kecamatan_missing", lang), "kecamatan", lang)
else:
    series = pickers.pick_series(kec_series, lang, "wilayah-kec")
    blocks.map_and_bars(rid, series["code"], max(series["kecamatan_years"]), "kecamatan", code, lang, "wilayah")
shell.footer(rid, lang)
