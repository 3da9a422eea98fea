"""Data & Metodologi: terms, how figures are computed, sources and licences, status legend, releases
and revisions (paged on the server), data-quality notes."""

from __future__ import annotations

import html

import streamlit as st

from dashboard import cached, geo
from dashboard.logic import derive, fmt, method_view, roster_view, views
from dashboard.logic.i18n import t
from dashboard.ui import shell, state


def _labels(frame, prefix: str = "metodologi.col_"):  # noqa: ANN001, ANN202
    return frame.rename(columns={c: t(f"{prefix}{c}", lang) for c in frame.columns})


def _table(frame, **kwargs) -> None:  # noqa: ANN001
    st.dataframe(_labels(frame), hide_index=True, width="stretch", **kwargs)


lang = shell.setup("common.page_metodologi")
rid = cached.release_id()
release = cached.served().release
st.title(t("metodologi.title", lang))
st.markdown(t("metodologi.intro", lang))
st.caption(shell.data_per(lang))
notice_slot = st.container()
tables = cached.method_tables(rid, lang)

# --- Terms ---------------------------------------------------------------------------------------
st.header(t("metodologi.glossary_heading", lang))
st.markdown(t("metodologi.glossary_intro", lang))
glossary = tables["glossary"]
unverified = glossary[glossary["verifikasi"] == method_view.UNVERIFIED[lang]]
if len(unverified):
    items = "; ".join(f"{r.kode} = {r.nama}" for r in unverified.itertuples())
    st.warning(t("metodologi.unverified", lang, items=items), icon="⚠️")
for kind, label in (("program", "programmes"), ("PSKS", "psks_types")):
    st.subheader(t(f"metodologi.{label}", lang))
    _table(glossary[glossary["jenis"] == kind].drop(columns="jenis"))

# --- Indicators and computation ------------------------------------------------------------------
st.header(t("metodologi.indicators_heading", lang))
st.markdown(t("metodologi.indicators_intro", lang))
_table(tables["indicators"])
series = "; ".join(source for _, source in derive.POPULATION_SERIES.values())
for topic in ("rates", "classes", "displayed", "contoh", "smallcount", "undated"):
    body = t(f"metodologi.{topic}_body", lang, series=series) if topic == "rates" else t(f"metodologi.{topic}_body", lang)
    st.markdown(f"#### {t(f'metodologi.{topic}_heading', lang)}\n\n{body}")

# --- Status legend -------------------------------------------------------------------------------
st.header(t("metodologi.legend_heading", lang))
st.html("<ul class='status-legend'>" + "".join(
    f"<li>{shell.badge(s, lang)} {html.escape(t(f'metodologi.legend_{s}', lang))}</li>"
    for s in ("resmi", "contoh", "campuran")) + "</ul>")

# --- Sources and licences ------------------------------------------------------------------------
st.header(t("metodologi.sources_heading", lang))
st.subheader(t("metodologi.files_sub", lang))
st.markdown(t("metodologi.files_intro", lang))
report = cached.provenance_report()
_table(report["files"], column_config={t("metodologi.col_source_url", lang): st.column_config.LinkColumn()})
st.subheader(t("metodologi.boundaries_sub", lang))
st.html(f"<p>{html.escape(geo.ATTRIBUTION if lang == 'id' else geo.ATTRIBUTION_EN)} "
        f"<a href=\"{html.escape(geo.LICENSE_URL, quote=True)}\" rel=\"noopener noreferrer\" target=\"_blank\">"
        f"{html.escape(t('metodologi.licence_link', lang))}</a></p>")
sources = tables["sources"]
with st.expander(t("metodologi.resmi_sources_sub", lang, count=len(sources), figures=int(sources["figures"].sum()))):
    st.markdown(t("metodologi.resmi_sources_intro", lang))
    st.html(tables["sources_html"])

# --- Release, validation, revisions --------------------------------------------------------------
st.header(t("metodologi.release_heading", lang))
manifest = release.manifest
st.markdown(t("metodologi.release_facts", lang, id=release.release_id, date=fmt.long_date(release.published_at, lang),
              parent=manifest.get("parent") or t("metodologi.no_parent", lang), note=manifest.get("note", "")))
st.subheader(t("metodologi.release_files", lang))
_table(method_view.release_files(manifest))
if report["problems"]:
    st.error(t("metodologi.provenance_problems", lang) + "\n\n" + "\n".join(f"- {p}" for p in report["problems"]))
else:
    st.success(t("metodologi.provenance_ok", lang, count=len(report["files"])))

st.subheader(t("metodologi.revisions_sub", lang))
st.markdown(t("metodologi.revisions_intro", lang))
log = cached.revisions(rid)
pages = roster_view.page_count(len(log))
start = int(state.choice("hal", [str(p) for p in range(1, pages + 1)], "1"))
table_slot = st.container()  # the table sits above the pager, which must run first
page_no = st.pagination(pages, default=start, key="metodologi-hal") if pages > 1 else 1
page = roster_view.page_slice(log, page_no)
with table_slot:
    if page.total == 0:
        st.info(t("metodologi.no_revisions", lang))
    else:
        st.caption(t("metodologi.rows_of", lang, first=fmt.number(page.first, 0, lang),
                     last=fmt.number(page.last, 0, lang), total=fmt.number(page.total, 0, lang)))
        rows = method_view.revision_rows(page.rows, lang)
        rows["perubahan"] = rows["perubahan"].map(lambda c: t(f"metodologi.change_{c}", lang))
        rows["status"] = rows["status"].map(lambda s: t(f"common.status_{s}", lang) if s else "")
        _table(rows, height="content", key="metodologi-revisions")
if page.total:
    st.download_button(t("metodologi.download_revisions", lang, total=fmt.number(page.total, 0, lang)),
                       lambda: views.csv_bytes(log), file_name=f"riwayat-revisi-{rid[:10]}.csv", mime="text/csv",
                       key="dl-revisions", on_click="ignore")

# --- Data-quality notes --------------------------------------------------------------------------
st.header(t("metodologi.quality_heading", lang))
st.markdown(t("metodologi.quality_intro", lang))
quality = tables["quality"]
if quality.empty:
    st.info(t("metodologi.quality_empty", lang))
else:
    _table(quality, column_config={t("metodologi.col_catatan", lang): st.column_config.TextColumn(width="large")})

state.set_params(hal=page.page if page.page > 1 else None, lang=lang if lang != "id" else None)
with notice_slot:
    shell.notices(lang)
shell.footer(lang)
