"""View models: everything a page shows for one choice, built in one pure call.

A page asks for a view and renders its parts; the view is built once per data release and choice
(see ``dashboard.cached``) and shared read-only by all sessions.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
from pathlib import Path

import pandas as pd

from dashboard.data import reference
from dashboard.logic import charts, classify, derive, export, fmt
from dashboard.logic.export import neutralise
from dashboard.logic.i18n import t

CONTOH_LABEL = "DATA CONTOH, bukan angka resmi"
MEASURES = {"count": None, "rate_1000": 1000, "rate_10000": 10000}
def safe_cell(value: object) -> object:
    """Neutralise spreadsheet formulas (= + - @ tab CR at the start of text): the one guard every
    download uses, :func:`dashboard.logic.export.neutralise`."""
    return neutralise(value)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV with raw numbers, UTF-8 with BOM (Excel opens it right), formula cells neutralised."""
    safe = frame.copy()
    for col in safe.columns:
        if safe[col].dtype == object or pd.api.types.is_string_dtype(safe[col]):
            safe[col] = safe[col].map(safe_cell)
    buffer = io.StringIO()
    safe.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue().encode("utf-8-sig")


def label_contoh(frame: pd.DataFrame) -> pd.DataFrame:
    """Add ``keterangan`` saying DATA CONTOH on every demonstration row of a download."""
    return frame.assign(keterangan=frame["status"].map(lambda s: CONTOH_LABEL if s == "contoh" else ""))


def sources_text(frame: pd.DataFrame, lang: str) -> str:
    titles = [s for s in frame["source_title"].dropna().unique() if s]
    if not titles:
        return "—"
    if len(titles) == 1:
        return titles[0]
    return (f"{len(titles)} sumber (lihat tabel)" if lang == "id" else f"{len(titles)} sources (see table)")


def every_source(frame: pd.DataFrame) -> str:
    """Every distinct source of the figures, in order, for texts that travel without the table."""
    return "; ".join(dict.fromkeys(t for t in frame["source_title"].dropna() if t))


def extremes_sentence(frame: pd.DataFrame, value_col: str, unit: str, lang: str) -> str:
    data = frame.dropna(subset=[value_col])
    if data.empty:
        return t("common.no_data", lang)
    top = data.loc[data[value_col].idxmax()]
    low = data.loc[data[value_col].idxmin()]
    decimals = 1 if value_col == "rate" else 0
    show = lambda r: f"{r['nama']} ({fmt.number(r[value_col], decimals, lang)} {unit})"  # noqa: E731
    missing = len(frame) - len(data)
    contoh = int((frame["status"] == "contoh").sum())
    parts = [f"{'Tertinggi' if lang == 'id' else 'Highest'}: {show(top)}; "
             f"{'terendah' if lang == 'id' else 'lowest'}: {show(low)}."]
    if contoh:
        parts.append(f"{contoh} dari {len(frame)} wilayah bertanda DATA CONTOH." if lang == "id"
                     else f"{contoh} of {len(frame)} regions are DATA CONTOH (sample data).")
    if missing:
        parts.append(f"{missing} wilayah tidak ada data." if lang == "id" else f"{missing} regions have no data.")
    return " ".join(parts)


def map_view(stats: pd.DataFrame, indicator: str, program: str, year: int, level: str, measure: str,
             method: str, within: str | None, lang: str, pop: derive.Population, shapes: dict | None,
             data_per: str) -> dict:
    """Table, classes, map and ranked bars of one series, year and level."""
    frame = derive.slice_regions(stats, indicator, program, year, level, within)
    per = MEASURES[measure] if level == "kabkota" else None
    unit = frame["unit"].dropna().mode().iat[0] if frame["unit"].notna().any() else ""
    value_col = "value"
    if per:
        frame = derive.add_rate(frame, pop, per)
        value_col = "rate"
        unit_label = f"{unit} per {fmt.number(per, 0, lang)} {'penduduk' if lang == 'id' else 'residents'}"
    else:
        unit_label = unit
    frame = derive.add_rank(frame, value_col)
    classes = classify.classify(frame[value_col], method, lang=lang, decimals=1 if per else 0)
    status = derive.status_summary(frame["status"])
    meta = charts.FigureMeta(
        title=derive.series_label(indicator, program, lang), unit=unit_label, period=str(year),
        source=sources_text(frame, lang) + (f"; penduduk: {pop.source}" if per else ""), status=status,
        data_per=data_per, lang=lang,
    )
    fig_map = None
    if shapes is not None:
        fig_map = charts.choropleth(frame, shapes, classes, meta, value_col)
    fig_bar = charts.ranked_bars(frame, meta, classes, value_col)
    scope = t(f"common.level_{level}", lang).lower()
    sentence = (f"{meta.title}, {scope}, {year}. " if lang == "id" else f"{meta.title}, {scope}, {year}. ")
    sentence += extremes_sentence(frame, value_col, unit_label, lang)
    download = frame.assign(indicator=indicator, program=program, year=year)
    cols = ["kode_wilayah", "nama", "indicator", "program", "year", "value", "unit"]
    if per:
        cols += ["penduduk", "rate"]
    cols += ["rank", "status", "source_title", "source_date", "fig_id"]
    download = label_contoh(download[cols])
    return {"frame": frame, "value_col": value_col, "classes": classes, "meta": meta, "fig_map": fig_map,
            "fig_bar": fig_bar, "sentence": sentence, "csv": csv_bytes(download), "table": download,
            "png": functools.partial(bars_png, frame, value_col, meta),
            "status": status, "rate_unavailable": bool(MEASURES[measure]) and level != "kabkota"}


def bars_png(frame: pd.DataFrame, value_col: str, meta: charts.FigureMeta) -> bytes:
    """The ranked bars as a PNG with title, unit, period, source, status and date drawn inside it.

    Made with matplotlib on the server when asked for (no browser needed at run time).
    """
    return export.chart_png(*bars_picture(frame, value_col, meta), meta.data_per, meta.lang)


def bars_picture(frame: pd.DataFrame, value_col: str, meta: charts.FigureMeta) -> tuple:
    """Arguments of :func:`dashboard.logic.export.chart_png` for a map view's bars (before date, lang)."""
    data = frame.dropna(subset=[value_col])
    # A picture travels without the page's table: name every source rather than "see the table".
    sources = every_source(data) or meta.source
    data = pd.DataFrame({"label": data["nama"], "value": data[value_col], "status": data["status"]})
    return data, meta.title, meta.unit, meta.period, sources, meta.status or "resmi"


def trend_view(stats: pd.DataFrame, indicator: str, program: str, codes: list[str], lang: str, data_per: str) -> dict:
    """Yearly lines of the chosen regions, with the change table and the download."""
    frame = derive.trend(stats, indicator, program, codes)
    status = derive.status_summary(frame["status"])
    unit = frame["unit"].mode().iat[0] if len(frame) else ""
    years = f"{frame['year'].min()}–{frame['year'].max()}" if len(frame) else ""
    meta = charts.FigureMeta(derive.series_label(indicator, program, lang), unit, years,
                             sources_text(frame, lang), status, data_per, lang)
    fig = charts.trend_lines(frame, meta) if len(frame) else None
    names = reference.region_names()
    sentences = []
    for code in codes:
        own = frame[frame.kode_wilayah == code]
        if own.empty:
            continue
        last = own.iloc[-1]
        change = fmt.change_sentence(last["value"], own.iloc[-2]["value"] if len(own) > 1 and own.iloc[-2]["year"] == last["year"] - 1 else None,
                                     int(last["year"]) - 1, lang)
        sentences.append(f"{names.get(code, code)}: {fmt.value_with_unit(last['value'], last['unit'], lang)} "
                         f"({last['year']}), {change}.")
    download = label_contoh(frame.assign(indicator=indicator, program=program)[
        ["kode_wilayah", "nama", "indicator", "program", "year", "value", "unit", "change_pct", "status",
         "source_title", "source_date", "fig_id"]])
    sources = every_source(frame) or meta.source
    png = functools.partial(export.trend_png, frame, meta.title, unit, years, sources, status or "resmi", data_per, lang)
    return {"frame": frame, "meta": meta, "fig": fig, "sentence": " ".join(sentences), "csv": csv_bytes(download),
            "table": download, "status": status, "png": png}


BASIC_INDICATORS = ["jumlah_penduduk_sp2020", "jumlah_penduduk_dukcapil", "penduduk_miskin",
                    "persentase_penduduk_miskin", "luas_wilayah"]


def profile_view(profile: pd.DataFrame, lang: str) -> dict:
    """The Wilayah page's parts for one kab/kota: headline cards and one table per catalogue kind.

    ``profile`` is :func:`dashboard.logic.derive.region_profile`. Returns ``cards`` (label, value,
    sub-line, status) and ``tables`` {``program``/``psks``: (display frame, status summary)}.
    """
    def rows(frame: pd.DataFrame) -> pd.DataFrame:
        shown = pd.DataFrame({
            t("common.indicator", lang): [derive.series_label(i, p, lang) for i, p in zip(frame.indicator, frame.program, strict=True)],
            t("common.year", lang): frame["year"].astype("Int64").astype(str),
            t("common.value", lang): [fmt.value_with_unit(v, u, lang) for v, u in zip(frame.value, frame.unit, strict=True)],
            t("common.rank", lang): ["—" if pd.isna(r) else f"{int(r)} / 8" for r in frame["rank"]],
            t("common.status", lang): [t(f"common.status_{s}", lang) for s in frame.status],
            t("common.source", lang): frame["source_title"],
        })
        return shown.reset_index(drop=True)

    basics = profile[profile.indicator.isin(BASIC_INDICATORS)]
    cards = [(derive.series_label(r.indicator, r.program, lang), fmt.value_with_unit(r.value, r.unit, lang),
              f"{r.year} · {r.source_title[:60]}", r.status) for r in basics.itertuples()]
    kinds = reference.programs().set_index("kode")["jenis"]
    tables = {}
    for kind in ("program", "psks"):
        part = profile[profile.program.map(kinds).eq(kind)]
        tables[kind] = (rows(part), derive.status_summary(part.status))
    return {"cards": cards, "tables": tables}


def kecamatan_map_html(view: dict, layer: dict, within: str | None, lang: str) -> str:
    """The interactive (folium/Leaflet) kecamatan map of a :func:`map_view` as one HTML document."""
    from dashboard.logic import maps  # noqa: PLC0415 (folium is only needed for this view)

    features = [f for f in layer["features"] if not within or f["properties"]["kode_bps_kabkota"] == within]
    frame = view["frame"].rename(columns={"nama": "name"})[["kode_wilayah", "name", "value", "status"]]
    meta = view["meta"]
    m = maps.kecamatan_map(frame, {"type": "FeatureCollection", "features": features}, view["classes"],
                           {"title": meta.title, "unit": meta.unit, "period": meta.period, "source": meta.source,
                            "status": meta.status}, lang)
    return maps.map_html(m)


def publish_map(html_text: str, folder: Path) -> str:
    """Write a map document as ``<folder>/<content hash>.html``; return its ``/app/static/maps/`` URL.

    A file rather than inline HTML: its scripts are built from data (escaped, tested), so production
    serves that folder under a sandboxing CSP of its own (deploy/nginx.conf.template) instead of
    letting those scripts run beside the app. The name is the content's hash, so workers write
    identical bytes and the file never changes; the rename means a reader never sees half of it.
    """
    name = hashlib.sha256(html_text.encode("utf-8")).hexdigest()[:24] + ".html"
    target = folder / name
    if not target.exists():
        folder.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(html_text, encoding="utf-8")
        os.replace(tmp, target)
    return f"/app/static/maps/{name}"
