"""Data & Metodologi: terms, indicators, how figures are computed, sources and licences, status legend,
coverage of what is published, the release and its checks, revisions (paged on the server), quality notes."""

from __future__ import annotations

import streamlit as st

from dashboard import cached, geo
from dashboard.text import fmt
from dashboard.text.i18n import t
from dashboard.ui import method, shell, state

lang, rid = shell.setup()
st.title(t("metodologi.title", lang))
st.markdown(t("metodologi.intro", lang))
st.caption(shell.data_per(rid, lang))
notice_slot = st.container()
view = cached.method_view(rid, lang)

st.header(t("metodologi.glossary_heading", lang))
st.markdown(t("metodologi.glossary_intro", lang))
if view.unverified:
    st.warning(t("metodologi.unverified", lang, items=view.unverified), icon="⚠️")
for label in ("programmes", "psks_types"):
    st.subheader(t(f"metodologi.{label}", lang))
    method.table(view.shown[label], lang)

st.header(t("metodologi.indicators_heading", lang))
st.markdown(t("metodologi.indicators_intro", lang))
method.table(view.shown["indicators"], lang)
st.header(t("metodologi.coverage_heading", lang))
st.markdown(t("metodologi.coverage_intro", lang))
method.table(view.shown["coverage"], lang)
for topic in ("series", "rates", "rounding", "classes", "displayed", "contoh", "history", "smallcount"):
    st.markdown(f"#### {t(f'metodologi.{topic}_heading', lang)}\n\n{t(f'metodologi.{topic}_body', lang)}")
method.legend(lang)

method.sources(view, cached.provenance_report(lang),
               (geo.ATTRIBUTION if lang == "id" else geo.ATTRIBUTION_EN, geo.LICENSE_URL), lang)

st.header(t("metodologi.release_heading", lang))
st.markdown(t("metodologi.release_facts", lang, id=view.release_facts["id"], date=view.release_facts["date"],
              parent=view.release_facts["parent"] or t("metodologi.no_parent", lang), note=view.release_facts["note"]))
method.table(view.shown["files"], lang)
page = method.revisions(rid, view.revisions, lang)

st.header(t("metodologi.quality_heading", lang))
st.markdown(t("metodologi.quality_intro", lang))
quality_page = method.paged(rid, "quality", view.quality, "mutu", lang, empty=t("metodologi.quality_empty", lang),
                            download=t("metodologi.download_quality", lang, total=fmt.number(len(view.quality), 0, lang)),
                            file_name=f"catatan-mutu-{rid[:10]}.csv")
state.set_params(hal=page if page > 1 else None, mutu=quality_page if quality_page > 1 else None,
                 lang=lang if lang != "id" else None)
with notice_slot:
    shell.notices(lang)
shell.footer(rid, lang)
