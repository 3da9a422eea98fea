"""Import of the published figures (``data/sources/sourced_figures*.csv``) into the statistics table.

The raw files are never edited; every normalisation happens here and is recorded in the row:

* the unit text is read by the closed grammar of :mod:`dashboard.data.sourced_units` into base unit,
  scale, period, approximation and scope words; scaled numbers ("791,61 ribu jiwa", "Rp13,7 miliar")
  become exact Decimal products in the base unit with ``precision`` the source's rounding step;
* the source date is read by the closed grammar of :mod:`dashboard.data.sourced_dates`;
* programme names map to catalogue codes by ``program_map.csv``; sources get their clean title and
  type from ``sumber.csv``; corrections by raw row come from ``koreksi_impor.csv`` with their reason;
* ``processing`` lists every step taken (see :mod:`dashboard.logic.processing`), ``origin`` names the
  raw file and row.

Anything the grammar or the catalogues do not know fails the import with the file and row
(:class:`SourcedImportError`). Which of several figures for one fact is displayed is decided in
:mod:`dashboard.data.sourced_conflicts`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from dashboard.data import reference
from dashboard.data import sources_catalogue as catalogue
from dashboard.data.schema import STAT_COLUMNS
from dashboard.data.sourced_conflicts import GROUP_KEY, PREFERRED, mark_displayed, row_notes
from dashboard.data.sourced_dates import DateError, parse_source_date
from dashboard.data.sourced_quotes import approx_in_quote, comma, printed_in_quote
from dashboard.data.sourced_units import (
    UNIT_NOTES,
    UnitError,
    UnitParse,
    check_year,
    parse_unit,
    printed_money,
)
from dashboard.settings import SOURCES_DIR

__all__ = ["GROUP_KEY", "PREFERRED", "SourcedImportError", "figure_id", "import_all", "import_sourced",
           "load_raw", "mark_displayed"]

#: (indicator, scope word of the unit) -> the indicator the figure belongs to.
SCOPE_INDICATOR = {("anggaran", "RAPBD"): "anggaran_rencana", ("anggaran", "usulan APBD"): "anggaran_rencana",
                   ("anggaran", "disalurkan"): "bantuan_disalurkan"}
#: Units that count the same thing as the catalogue unit of the indicator.
SAME_COUNT = {("jiwa", "orang")}
#: Indicators whose amounts are set by policy: "Rp2 juta per KK" is exact, not rounded.
EXACT_WORDS = {"nilai_bantuan_per_penerima"}


class SourcedImportError(ValueError):
    """A raw row the importer cannot read; the message names file, row, column and rule."""


def figure_id(*parts: object) -> str:
    """Stable short identifier of a figure, from the fields that define it."""
    key = "|".join("" if p is None or (isinstance(p, float) and pd.isna(p)) else str(p) for p in parts)
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def load_raw(files: tuple[str, ...] = catalogue.RAW_FILES) -> pd.DataFrame:
    """The raw files as text, one row per data line, with ``berkas`` and ``baris`` (spreadsheet row)."""
    frames = []
    for name in files:
        frame = pd.read_csv(SOURCES_DIR / name, dtype=str, keep_default_na=False)
        frames.append(frame.assign(berkas=name, baris=range(2, len(frame) + 2)))
    return pd.concat(frames, ignore_index=True)


@dataclass
class _Row:
    out: dict
    steps: list[str]
    notes: list[str]


def _values(r: pd.Series, up: UnitParse, indicator: str, row: _Row) -> None:
    """Value, precision and approximation, exact in Decimal; records the conversion steps."""
    raw = Decimal(r["value"])
    value, step, printed, spelled = raw * up.scale, None, "", ""
    if up.scale > 1:
        step = Decimal(up.scale) / 10 ** max(0, -raw.as_tuple().exponent)
        printed = f"{comma(r['value'])} {up.scale_word} {up.base}"
        spelled = f"{comma(r['value'])} {up.scale_word}"
        row.notes.append(f"Angka dibulatkan di sumber ({r['value']} {r['unit']}); dikonversi ke {up.unit}.")
    elif money := printed_money(up):
        printed, amount, step = money
        spelled = printed
        if amount != raw:
            raise SourcedImportError(f"nilai {r['value']} berbeda dari ejaan sumber {printed!r}")
    elif indicator not in EXACT_WORDS and (found := printed_in_quote(r["quote"], raw)):
        printed, step = found
        spelled = printed
    if printed:
        row.steps.append(f"skala:{printed}>{up.unit}")
    if step is not None and step > 1:
        row.steps.append(f"bulat:{int(step)}")
    approx = up.approx or approx_in_quote(r["quote"], raw, spelled)
    if approx:
        row.steps.append(f"kira:{approx}")
    row.out.update(value=float(value), precision=None if step is None else float(step), approx=approx)


def _unit_and_indicator(r: pd.Series, up: UnitParse, indicator: str, row: _Row) -> str:
    """Unit normalisation, period, scope words and unit-driven indicator choice; returns the indicator."""
    unit = up.unit
    if up.base != unit:
        row.steps.append(f"satuan:{up.base}>{unit}")
        if up.base in UNIT_NOTES:
            row.notes.append(UNIT_NOTES[up.base])
    catalogue_unit = reference.indicators().set_index("kode")["satuan"].get(indicator, "")
    if (unit, catalogue_unit) in SAME_COUNT:
        row.steps.append(f"satuan:{unit}>{catalogue_unit}")
        unit = catalogue_unit
    for item in up.items:
        if item.kind == "periode":
            row.steps.append(f"{'periode_konteks' if up.of('periode_konteks') else 'periode'}:{item.value}")
        elif item.kind == "metode":
            row.steps.append(f"metode:{item.value}")
            if item.value == "lama" and indicator == "ipm":
                row.steps.append("indikator:ipm>ipm_metode_lama")
                indicator = "ipm_metode_lama"
        elif item.kind == "periode_konteks":
            row.notes.append(f"Periode {up.period} disimpulkan pengumpul data ({item.value}).")
        elif item.kind == "ejaan" and printed_money(up) is None:
            row.steps.append(f"ejaan:{item.value}")
            row.notes.append(f"Sumber menuliskan angka sebagai {item.value}.")
        elif item.kind in ("lingkup", "keterangan"):
            row.steps.append(f"catatan_satuan:{item.value}")
            key = (indicator, re.sub(r" \d{4}$", "", item.value))
            if key in SCOPE_INDICATOR:
                row.steps.append(f"indikator:{indicator}>{SCOPE_INDICATOR[key]}")
                indicator = SCOPE_INDICATOR[key]
    words = [i.value for i in up.items if i.kind in ("lingkup", "keterangan")]
    if words:
        row.notes.append(f"Keterangan satuan di sumber: {'; '.join(words)}.")
    if "dipangkas" in words and indicator != "anggaran_pemangkasan":
        raise SourcedImportError(f"satuan 'dipangkas' pada indikator {indicator!r}")
    row.out.update(unit=unit, unit_asli=r["unit"], period=up.period)
    return indicator


def _apply_corrections(fixes: list, row: _Row) -> None:
    for fix in fixes:
        value: object = fix.nilai
        if fix.kolom == "year":
            value = int(fix.nilai) if fix.nilai else None
        elif fix.kolom == "year_inferred":
            if fix.nilai not in ("True", "False"):
                raise SourcedImportError(f"koreksi {fix.id}: year_inferred harus True atau False")
            value = fix.nilai == "True"
        elif fix.kolom == "period" and fix.nilai not in set(reference.periods().kode):
            raise SourcedImportError(f"koreksi {fix.id}: periode {fix.nilai!r} tidak ada dalam daftar periode")
        row.out[fix.kolom] = value
        row.steps.append(f"koreksi:{fix.id}:{fix.kolom}")
        row.notes.append(fix.alasan)


def _convert(r: pd.Series) -> dict:
    fixes = catalogue.corrections().get((r["berkas"], int(r["baris"])), [])
    row = _Row({}, [], [])
    try:
        up = parse_unit(r["unit"])
        check_year(up, r["year"])
    except UnitError as exc:
        raise SourcedImportError(f"kolom 'unit': {exc}") from exc
    try:
        when = parse_source_date(r["source_date"])
    except DateError as exc:
        raise SourcedImportError(f"kolom 'source_date': {exc}") from exc
    program, indicator = "", r["indicator"]
    if r["program"]:
        try:
            program, mapped, _ = catalogue.map_program(r["program"], r["indicator"])
        except KeyError as exc:
            raise SourcedImportError(f"kolom 'program': {exc.args[0]}") from exc
        indicator = mapped or indicator
        if r["program"] != program:
            row.notes.append(f"Nama program di sumber: {r['program']}.")
    indicator = _unit_and_indicator(r, up, indicator, row)
    _values(r, up, indicator, row)
    if when.date_inferred:
        row.steps.append("tanggal_konteks")
    try:
        source = catalogue.sources().loc[r["source_url"]]
    except KeyError as exc:
        raise SourcedImportError(f"kolom 'source_url': alamat belum ada di sumber.csv: {r['source_url']!r}") from exc
    row.out.update(
        indicator=indicator, program=program, kode_wilayah=r["kode_wilayah"],
        year=int(r["year"]) if r["year"] else None, status="resmi", source_type=source.jenis,
        source_title=source.judul, source_url=r["source_url"], source_date=when.iso,
        source_date_precision=when.precision, date_inferred=when.date_inferred,
        year_inferred=when.year_inferred, quote=r["quote"], origin=f"{r['berkas']}:{r['baris']}",
    )
    if not r["year"]:
        row.notes.append("Tahun tidak disebut di sumber.")
    _apply_corrections(fixes, row)
    if row.out["year_inferred"] and "tahun_konteks" not in row.steps:
        row.steps.append("tahun_konteks")
    row.notes += row_notes(row.out)
    if row.out["indicator"] not in set(reference.indicators().kode):
        raise SourcedImportError(f"kolom 'indicator': {row.out['indicator']!r} tidak ada di katalog indikator")
    row.out["processing"] = ";".join(row.steps)
    row.out["note"] = " ".join(row.notes)
    row.out["_refused"] = next((f.alasan for f in fixes if f.kolom == "tolak"), "")
    row.out["fig_id"] = "r" + figure_id(row.out["indicator"], row.out["program"], r["kode_wilayah"], row.out["year"],
                                        row.out["period"], row.out["unit"], r["source_url"], row.out["value"])
    return row.out


@dataclass(frozen=True)
class Imported:
    """The statistics rows of the raw files, and the raw rows refused with their reason."""

    table: pd.DataFrame
    refused: pd.DataFrame  # origin, alasan


def import_all(raw: pd.DataFrame | None = None) -> Imported:
    """Convert the raw files (default: all three) into statistics rows (status ``resmi``)."""
    raw = load_raw() if raw is None else raw
    rows = []
    for _, r in raw.iterrows():
        try:
            rows.append(_convert(r))
        except SourcedImportError as exc:
            raise SourcedImportError(f"{r['berkas']}, baris {r['baris']}: {exc}") from exc
    frame = pd.DataFrame(rows)
    refused = frame[frame["_refused"] != ""]
    frame = frame[frame["_refused"] == ""].reset_index(drop=True)
    frame = mark_displayed(frame)
    frame["year"] = frame["year"].astype("Int64")
    frame["precision"] = frame["precision"].astype(float)
    return Imported(frame[STAT_COLUMNS], refused[["origin", "_refused"]].rename(columns={"_refused": "alasan"}))


def import_sourced(raw: pd.DataFrame | None = None) -> pd.DataFrame:
    """The statistics rows of the published figures (see :func:`import_all`)."""
    return import_all(raw).table
