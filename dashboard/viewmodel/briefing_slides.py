"""The figures, texts and links of every briefing slide, from the same view models as the pages.

Each builder returns a :class:`dashboard.viewmodel.briefing.Slide` with raw texts and numbers;
nothing here writes HTML. Headlines are :func:`dashboard.viewmodel.home.headline_cards`, changes come
from :func:`dashboard.logic.compare.change` (only within one series), the region slide is
:func:`dashboard.viewmodel.profile.profile_view`.
"""

from __future__ import annotations

import pandas as pd

from dashboard.data import reference
from dashboard.logic import classify, derive
from dashboard.logic.compare import Change
from dashboard.logic.figtext import unit_text, value_text
from dashboard.logic.series import SeriesKey
from dashboard.text import fmt
from dashboard.text.i18n import t
from dashboard.viewmodel import home, profile
from dashboard.viewmodel.briefing import Choices, Params, Slide, page_url, short_name, source_line, up_to
from dashboard.viewmodel.psks import people_by_type

KABKOTA_LEVEL = "kabkota"


def build_slides(stats: pd.DataFrame, params: Params, allowed: Choices, data_per: str, base_url: str) -> list[Slide]:
    """Every slide of one slide set, in presentation order.

    Parameters
    ----------
    stats : DataFrame
        The statistics table (``STAT_COLUMNS``).
    params : Params
        A validated slide set (:func:`dashboard.viewmodel.briefing.parse_params`).
    allowed : Choices
        From :func:`dashboard.viewmodel.briefing.choices`: maps each programme to its series.
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
    # The slides show the province and kab/kota only: dropping kecamatan rows once makes every
    # later slice cheap.
    data = up_to(stats, params.tahun)
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


def big_number(fig: dict, lang: str) -> tuple[str, str]:
    """The number as shown large, and the unit shown under it (money and percent carry their own)."""
    text = value_text(fig, lang)
    published = str(fig["unit"])
    unit = unit_text(published, lang, fig["value"])  # value_text names the unit in the reader's language
    if published.startswith("rupiah") or published == "persen" or not text.endswith(f" {unit}"):
        return text, ""
    return text[: -len(unit) - 1], unit


def change_text(change: Change | None, lang: str) -> str:
    """The change from the figure before in the same series, or why there is none."""
    return (change or Change(False, reason="no_previous")).text(lang)


def short_change(change: Change, lang: str) -> str:
    """``▲ 12,3%`` / ``▼ 4,0%`` / ``= 0%`` for a small panel; "" when not comparable."""
    if not change.comparable:
        return ""
    if change.arrow == "=":
        return "= 0%"
    size = fmt.number(abs(change.delta), 0 if change.rounded else 1, lang)
    return f"{change.arrow} {size}{' pp' if change.points else '%'}"


def _title(code: str, lang: str) -> str:
    abbr, full = short_name(code, lang)
    return full if abbr in full else f"{abbr} — {full}"


def _indicator_name(indicator: str, lang: str) -> str:
    ind = reference.indicators().set_index("kode")
    return ind.at[indicator, "nama" if lang == "id" else "nama_en"] if indicator in ind.index else indicator


def headline_slide(data: pd.DataFrame, params: Params, base_url: str) -> Slide:
    """Province headline figures (the Beranda headlines), each with its change within its series."""
    lang = params.lang
    cards = home.headline_cards(data, lang, params.tahun)
    rows = []
    for c in cards:
        big, unit = big_number(c.figure, lang)
        label, name = short_name(c.key.program, lang) if c.key.program else (c.label, "")
        rows.append({"code": c.key.program or c.key.indicator, "label": label, "name": name, "value": c.value,
                     "big": big, "unit": unit, "year": c.year, "status": c.status, "change": c.change_text(lang)})
    frame = pd.DataFrame({"status": [c.status for c in cards], "source_title": [c.source_title for c in cards]})
    status = derive.status_summary(frame["status"])
    source = source_line(frame, lang) if len(frame) else "—"
    return Slide("headline", t("briefing.headline_title", lang), t("briefing.headline_subtitle", lang), status,
                 page_url(base_url, "", lang), source, rows)


def map_slide(data: pd.DataFrame, code: str, key: SeriesKey, params: Params, base_url: str) -> Slide:
    """The kab/kota choropleth and ranked bars of one programme's series in its latest year."""
    lang = params.lang
    own = derive.shown(data)
    own = own[(own["indicator"] == key.indicator) & (own["program"] == key.program) & (own["unit"] == key.unit)
              & (own["period"] == key.period) & (own["status"] == key.status) & (own["kode_wilayah"].str.len() == 4)]
    year = int(own["year"].max()) if len(own) else None
    frame = derive.add_rank(derive.slice_regions(data, key, year, KABKOTA_LEVEL)) if year else pd.DataFrame()
    rows, legend = [], []
    if len(frame):
        classes = classify.classify(frame["value"], "quantiles", lang=lang)
        legend = list(zip(classes.labels, classes.colors, strict=True))
        frame = frame.sort_values(["rank", "nama"], na_position="last")
        rows = [{"kode": r["kode_wilayah"], "nama": r["nama"], "value": r["value"],
                 "text": value_text(r, lang) if pd.notna(r["value"]) else fmt.MISSING[lang],
                 "rank": None if pd.isna(r["rank"]) else int(r["rank"]), "status": r["status"],
                 "color": classes.color_of(None if pd.isna(r["value"]) else float(r["value"]))}
                for r in frame.to_dict("records")]
    subtitle = t("briefing.map_subtitle", lang, indicator=_indicator_name(key.indicator, lang), year=year or "—",
                 unit=unit_text(key.unit, lang))
    return Slide("map", _title(code, lang), subtitle, derive.status_summary(frame["status"]) if len(frame) else "",
                 page_url(base_url, "peta", lang, seri=key.code, tahun=year), source_line(frame, lang) if len(frame) else "—",
                 rows, {"legend": legend, "year": year, "unit": key.unit, "program": code})


def _points(frame: pd.DataFrame) -> list[dict]:
    return [{"year": int(r["year"]), "value": float(r["value"]), "status": r["status"]} for _, r in frame.iterrows()]


def trend_slide(data: pd.DataFrame, code: str, key: SeriesKey, params: Params, base_url: str) -> Slide:
    """Yearly points of one programme's series: the province, and one small panel per kab/kota."""
    lang = params.lang
    kab = reference.kabkota()
    frame = derive.trend(data, key, [reference.PROVINCE_CODE, *kab["kode_bps"]])
    panels = []
    for kode, nama in zip(kab["kode_bps"], kab["nama_singkat"], strict=True):
        own = frame[frame["kode_wilayah"] == kode]
        if own.empty:
            panels.append({"kode": kode, "nama": nama, "points": [], "last": "", "change": "", "short": ""})
            continue
        last = own.iloc[-1].to_dict()
        panels.append({"kode": kode, "nama": nama, "points": _points(own), "last": value_text(last, lang),
                       "year": int(last["year"]), "change": change_text(last["change"], lang),
                       "short": short_change(last["change"], lang)})
    first, last_year = (frame["year"].min(), frame["year"].max()) if len(frame) else (None, None)
    years = "—" if first is None else str(first) if first == last_year else f"{first}–{last_year}"
    subtitle = t("briefing.trend_subtitle", lang, indicator=_indicator_name(key.indicator, lang), years=years,
                 unit=unit_text(key.unit, lang))
    province = _points(frame[frame["kode_wilayah"] == reference.PROVINCE_CODE])
    return Slide("trend", t("briefing.trend_title", lang, programme=_title(code, lang)), subtitle,
                 derive.status_summary(frame["status"]), page_url(base_url, "tren", lang, seri=key.code),
                 source_line(frame, lang) if len(frame) else "—", panels, {"province": province, "program": code})


def psks_slide(data: pd.DataFrame, params: Params, base_url: str) -> Slide:
    """Province PSKS counts by type (people), in the latest year with any, as ranked bars."""
    lang = params.lang
    shown = derive.shown(data)
    psks = shown[(shown["indicator"] == "jumlah_psks") & (shown["kode_wilayah"] == reference.PROVINCE_CODE)]
    year = int(psks["year"].max()) if len(psks) else None
    people = people_by_type(data, year if year else -1, lang)
    rows = []
    for r in people.sort_values("value", ascending=False).to_dict("records"):
        abbr, full = short_name(r["kode_wilayah"], lang)
        rows.append({"code": r["kode_wilayah"], "name": full, "abbr": abbr, "value": r["value"],
                     "text": fmt.number(r["value"], 0, lang), "unit": unit_text(r["unit"], lang, r["value"]),
                     "status": r["status"]})
    history = year is not None and year < 2018
    subtitle = t("briefing.psks_subtitle_history" if history else "briefing.psks_subtitle", lang, year=year or "—")
    return Slide("psks", t("briefing.psks_title", lang), subtitle, derive.status_summary(people["status"]),
                 page_url(base_url, "psks", lang, tahun=year), source_line(people, lang) if len(people) else "—",
                 rows, {"other": [], "year": year})


def region_slide(data: pd.DataFrame, params: Params, base_url: str) -> Slide:
    """Every programme of one kab/kota (its Wilayah profile): latest figure and rank among the eight."""
    lang = params.lang
    view = profile.profile_view(data, params.kode, lang)
    rows = []
    for r in view.group("program"):
        abbr, full = short_name(r.program, lang)
        rows.append({"code": r.program, "abbr": abbr, "name": full, "text": r.value_text, "year": r.when,
                     "rank": r.rank_text or None, "rank_text": r.rank_text or t("briefing.rank_none", lang),
                     "status": r.status})
    rows.sort(key=lambda row: (row["rank"] is None, row["abbr"]))
    frame = pd.DataFrame({"status": [r["status"] for r in rows],
                          "source_title": [r.source for r in view.group("program")]})
    return Slide("region", t("briefing.region_title", lang, region=view.name), t("briefing.region_subtitle", lang),
                 derive.status_summary(frame["status"]), page_url(base_url, "wilayah", lang, kode=params.kode),
                 source_line(frame, lang), rows, {"kode": params.kode})
