"""The figures, texts and links of every briefing slide (pure pandas over the statistics table).

Each builder returns a :class:`dashboard.logic.briefing.Slide` with raw texts and numbers; nothing
here writes HTML. A change from the year before is only stated when both years have the same status:
an official figure is never compared with a DATA CONTOH one.
"""

from __future__ import annotations

import warnings

import pandas as pd

from dashboard.data import reference
from dashboard.logic import classify, derive, fmt
from dashboard.logic.briefing import Choices, Params, Slide, page_url, short_name, source_line, up_to
from dashboard.logic.i18n import t

KABKOTA_LEVEL = "kabkota"
PSKS_INDICATOR = "jumlah_psks"
PERSON_UNIT = "orang"


def build_slides(stats: pd.DataFrame, params: Params, allowed: Choices, data_per: str, base_url: str) -> list[Slide]:
    """Every slide of one slide set, in presentation order.

    Parameters
    ----------
    stats : DataFrame
        The statistics table (``STAT_COLUMNS``).
    params : Params
        A validated slide set (:func:`dashboard.logic.briefing.parse_params`).
    allowed : Choices
        From :func:`dashboard.logic.briefing.choices`: maps each programme to its indicator.
    data_per : str
        The release date as people read it (``fmt.long_date``); every slide carries it.
    base_url : str
        The public dashboard's address, for the QR codes.

    Returns
    -------
    list of Slide
        Headlines, then a map and a trend slide per programme, then PSKS, then the region; slides
        without any figure are left out.
    """
    # The slides show the province and kab/kota only: dropping kecamatan rows (two thirds of the
    # table) once makes every later slice cheap.
    data = derive.shown(up_to(stats, params.tahun))
    data = data[data["kode_wilayah"].str.len() <= 4]
    slides = [headline_slide(data, params, base_url)]
    for code in params.programs:
        slides.append(map_slide(data, code, allowed.programs[code], params, base_url))
        slides.append(trend_slide(data, code, allowed.programs[code], params, base_url))
    slides.append(psks_slide(data, params, base_url))
    slides.append(region_slide(data, params, base_url))
    # A slide with no figure (a programme that had not started by ``tahun``) is left out of the
    # meeting; the first slide stays so the screen always shows something, with its "no data" text.
    slides = [s for s in slides if s.status] or slides[:1]
    for slide in slides:
        slide.extra["data_per"] = data_per
    return slides


def big_number(value: float, unit: str, lang: str) -> tuple[str, str]:
    """The number as shown large, and the unit shown under it (money and percent carry their own)."""
    if unit.startswith("rupiah") or unit == "persen":
        return fmt.value_with_unit(value, unit, lang), ""
    return fmt.number(value, lang=lang), unit


def change_text(value: float, prev_value: float | None, prev_year: int | None, same_status: bool, lang: str) -> str:
    """The change from the year before, or why there is none (never across a status change)."""
    if prev_year is None or prev_value is None or pd.isna(prev_value):
        return t("briefing.no_previous", lang)
    if not same_status:
        return t("briefing.no_compare_status", lang, year=prev_year)
    return fmt.change_sentence(value, prev_value, prev_year, lang)


def short_change(value: float, prev_value: float, lang: str) -> str:
    """``▲ 12,3%`` / ``▼ 4,0%`` / ``= 0%`` for a small panel (the caller checks the statuses match)."""
    if not prev_value or pd.isna(prev_value):
        return ""
    pct = (value - prev_value) / prev_value * 100
    if round(pct, 1) == 0:
        return "= 0%"
    return f"{'▲' if pct > 0 else '▼'} {fmt.percent(abs(pct), 1, lang)}"


def _title(code: str, lang: str) -> str:
    abbr, full = short_name(code, lang)
    return full if abbr in full else f"{abbr} — {full}"


def _indicator_name(indicator: str, lang: str) -> str:
    ind = reference.indicators().set_index("kode")
    return ind.at[indicator, "nama" if lang == "id" else "nama_en"] if indicator in ind.index else indicator


def _unit(frame: pd.DataFrame) -> str:
    units = frame["unit"].dropna()
    return units.mode().iat[0] if len(units) else ""


def headline_slide(data: pd.DataFrame, params: Params, base_url: str) -> Slide:
    """Province headline figures: latest year, value, and the change when the statuses match."""
    lang = params.lang
    heads = derive.headlines(data)
    rows = []
    for h in heads.to_dict("records"):
        prev_year = None if pd.isna(h["prev_year"]) else int(h["prev_year"])
        big, unit = big_number(h["value"], h["unit"], lang)
        label, name = short_name(h["program"], lang) if h["program"] else (_indicator_name(h["indicator"], lang), "")
        rows.append({"code": h["program"] or h["indicator"], "label": label, "name": name, "value": h["value"],
                     "big": big, "unit": unit, "year": int(h["year"]), "status": h["status"],
                     "change": change_text(h["value"], h["prev_value"], prev_year, h["prev_status"] == h["status"], lang)})
    status = derive.status_summary(heads["status"]) if len(heads) else ""
    source = source_line(heads, lang) if len(heads) else "—"
    return Slide("headline", t("briefing.headline_title", lang), t("briefing.headline_subtitle", lang), status,
                 page_url(base_url, "", lang), source, rows)


def map_slide(data: pd.DataFrame, code: str, indicator: str, params: Params, base_url: str) -> Slide:
    """The kab/kota choropleth and ranked bars of one programme in its latest year."""
    lang = params.lang
    shown = derive.shown(data)
    own = shown[(shown.indicator == indicator) & (shown.program == code) & (shown.kode_wilayah.str.len() == 4)]
    year = int(own["year"].max()) if len(own) else None
    frame = derive.add_rank(derive.slice_regions(data, indicator, code, year, KABKOTA_LEVEL)) if year else pd.DataFrame()
    rows, legend = [], []
    if len(frame):
        with warnings.catch_warnings():
            # Ties among eight values give fewer quantile classes; classify() already copes with that.
            warnings.filterwarnings("ignore", message="Not enough unique values", category=UserWarning)
            classes = classify.classify(frame["value"], "quantiles", lang=lang)
        legend = list(zip(classes.labels, classes.colors, strict=True))
        frame = frame.sort_values(["rank", "nama"], na_position="last")
        rows = [{"kode": r["kode_wilayah"], "nama": r["nama"], "value": r["value"],
                 "text": fmt.number(r["value"], 0, lang), "rank": None if pd.isna(r["rank"]) else int(r["rank"]),
                 "status": r["status"], "color": classes.color_of(None if pd.isna(r["value"]) else float(r["value"]))}
                for _, r in frame.iterrows()]
    unit = _unit(frame) if len(frame) else ""
    subtitle = t("briefing.map_subtitle", lang, indicator=_indicator_name(indicator, lang), year=year or "—", unit=unit)
    series = f"{indicator}:{code}"
    return Slide("map", _title(code, lang), subtitle, derive.status_summary(frame["status"]) if len(frame) else "",
                 page_url(base_url, "peta", lang, seri=series, tahun=year), source_line(frame, lang) if len(frame) else "—",
                 rows, {"legend": legend, "year": year, "unit": unit, "program": code})


def _points(frame: pd.DataFrame) -> list[dict]:
    return [{"year": int(r["year"]), "value": float(r["value"]), "status": r["status"]} for _, r in frame.iterrows()]


def trend_slide(data: pd.DataFrame, code: str, indicator: str, params: Params, base_url: str) -> Slide:
    """Yearly lines of one programme: the province, and one small panel per kab/kota."""
    lang = params.lang
    kab = reference.kabkota()
    frame = derive.trend(data, indicator, code, [reference.PROVINCE_CODE, *kab["kode_bps"]])
    panels = []
    for kode, nama in zip(kab["kode_bps"], kab["nama_singkat"], strict=True):
        own = frame[frame.kode_wilayah == kode]
        if own.empty:
            panels.append({"kode": kode, "nama": nama, "points": [], "last": "", "change": "", "short": ""})
            continue
        last, before = own.iloc[-1], own[own.year == own.iloc[-1]["year"] - 1]
        prev = before.iloc[-1] if len(before) else None
        change = change_text(last["value"], None if prev is None else prev["value"], None if prev is None else int(prev["year"]),
                             prev is not None and prev["status"] == last["status"], lang)
        same = prev is not None and prev["status"] == last["status"]
        panels.append({"kode": kode, "nama": nama, "points": _points(own), "last": fmt.number(last["value"], 0, lang),
                       "year": int(last["year"]), "change": change,
                       "short": short_change(last["value"], prev["value"], lang) if same else ""})
    first, last = (frame["year"].min(), frame["year"].max()) if len(frame) else (None, None)
    years = "—" if first is None else str(first) if first == last else f"{first}–{last}"
    subtitle = t("briefing.trend_subtitle", lang, indicator=_indicator_name(indicator, lang), years=years, unit=_unit(frame))
    province = _points(frame[frame.kode_wilayah == reference.PROVINCE_CODE])
    return Slide("trend", t("briefing.trend_title", lang, programme=_title(code, lang)), subtitle,
                 derive.status_summary(frame["status"]), page_url(base_url, "tren", lang, seri=f"{indicator}:{code}"),
                 source_line(frame, lang) if len(frame) else "—", panels, {"province": province, "program": code})


def psks_slide(data: pd.DataFrame, params: Params, base_url: str) -> Slide:
    """Province PSKS counts by type: people as ranked bars, organisations and places as tiles."""
    lang = params.lang
    shown = derive.shown(data)
    rows = shown[(shown.indicator == PSKS_INDICATOR) & (shown.kode_wilayah == reference.PROVINCE_CODE)]
    year = int(rows["year"].max()) if len(rows) else None
    rows = rows[rows.year == year].drop_duplicates("program") if year else rows
    cat = reference.programs().set_index("kode")
    people, other = [], []
    for _, r in rows.sort_values("value", ascending=False).iterrows():
        abbr, full = short_name(r["program"], lang)
        entry = {"code": r["program"], "name": full, "abbr": abbr, "value": r["value"],
                 "text": fmt.number(r["value"], 0, lang), "unit": r["unit"], "status": r["status"]}
        is_person = r["program"] in cat.index and cat.at[r["program"], "satuan"] == PERSON_UNIT
        (people if is_person else other).append(entry)
    return Slide("psks", t("briefing.psks_title", lang), t("briefing.psks_subtitle", lang, year=year or "—"),
                 derive.status_summary(rows["status"]), page_url(base_url, "psks", lang, tahun=year),
                 source_line(rows, lang) if len(rows) else "—", people, {"other": other, "year": year})


def region_slide(data: pd.DataFrame, params: Params, base_url: str) -> Slide:
    """Every programme of one kab/kota: latest figure and its rank among the eight that year."""
    lang = params.lang
    profile = derive.region_profile(data, params.kode)
    programmes = set(reference.programs().query("jenis == 'program'")["kode"])
    if len(profile):
        profile = profile[profile.indicator.isin(("penerima", "kegiatan", "unit_diberikan"))
                          & profile.program.isin(programmes)]
    rows = []
    for r in profile.to_dict("records"):
        ranked = r["rank"] is not None and not pd.isna(r["rank"])
        abbr, full = short_name(r["program"], lang)
        rows.append({"code": r["program"], "abbr": abbr, "name": full, "value": r["value"], "year": int(r["year"]),
                     "text": fmt.value_with_unit(r["value"], r["unit"], lang), "rank": int(r["rank"]) if ranked else None,
                     "rank_text": t("briefing.rank_of", lang, rank=int(r["rank"]), peers=r["peers"]) if ranked
                     else t("briefing.rank_none", lang), "status": r["status"]})
    rows.sort(key=lambda row: (row["rank"] is None, row["rank"] or 0, row["abbr"]))
    name = reference.region_names().get(params.kode, params.kode)
    frame = profile if len(profile) else pd.DataFrame({"status": [], "source_title": []})
    return Slide("region", t("briefing.region_title", lang, region=name), t("briefing.region_subtitle", lang),
                 derive.status_summary(frame["status"]), page_url(base_url, "wilayah", lang, kode=params.kode),
                 source_line(frame, lang), rows, {"kode": params.kode})
