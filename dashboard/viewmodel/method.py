"""Tables of the Data & Metodologi page: glossary, indicators, sources, quality notes, revisions.

Pure: catalogues and the statistics table in, display frames and escaped HTML out.
"""

from __future__ import annotations

import html
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd
import pyarrow as pa

from dashboard.data import reference
from dashboard.logic.figtext import series_label
from dashboard.settings import REPO_ROOT
from dashboard.text import fmt
from dashboard.text.i18n import t
from dashboard.viewmodel import coverage

#: On a phone, tables of more rows than this show their cards folded (one tap away).
FOLD_CARDS = 60

UNVERIFIED = {"id": "belum terverifikasi", "en": "belum terverifikasi (not verified)"}
VERIFIED = {"id": "terverifikasi", "en": "verified"}


def glossary(lang: str = "id") -> pd.DataFrame:
    """Every programme and PSKS type of the catalogue, unverified expansions marked."""
    progs = reference.programs()
    return pd.DataFrame({
        "kode": progs["kode"],
        "singkatan": progs["singkatan"],
        "nama": progs["nama"] if lang == "id" else progs["nama_en"],
        "verifikasi": progs["terverifikasi"].map({True: VERIFIED[lang], False: UNVERIFIED[lang]}),
        "jenis": progs["jenis"].map({"program": "program", "psks": "PSKS"}),
        "kategori": progs["kategori"],
        "penyelenggara": progs["penyelenggara"],
        "deskripsi": progs["deskripsi"],
        "dasar_hukum": progs["dasar_hukum"],
        "catatan": progs["catatan"],
    })


def indicator_table(lang: str = "id") -> pd.DataFrame:
    """The indicator catalogue with its unit, whether kab/kota values add up, and the denominator."""
    ind = reference.indicators()
    return pd.DataFrame({
        "kode": ind["kode"], "nama": ind["nama"] if lang == "id" else ind["nama_en"],
        "satuan": ind["satuan"], "agregasi": ind["agregasi"], "denominator": ind["denominator"],
        "deskripsi": ind["deskripsi"],
    })


def resmi_sources(stats: pd.DataFrame) -> pd.DataFrame:
    """Distinct sources of the published figures: title, URL, how many figures, source dates."""
    data = stats[stats["status"] == "resmi"]
    grouped = data.groupby(["source_title", "source_url"], sort=True)
    return pd.DataFrame({
        "source_title": [k[0] for k in grouped.groups],
        "source_url": [k[1] for k in grouped.groups],
        "figures": grouped.size().to_numpy(),
        "dates": [", ".join(sorted({d for d in g["source_date"] if d})) for _, g in grouped],
    })


def _is_web_link(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)


def sources_html(sources: pd.DataFrame, lang: str = "id") -> str:
    """An HTML list of sources: every text escaped; only http(s) URLs become links."""
    items = []
    word = "angka" if lang == "id" else "figures"
    for row in sources.itertuples():
        title = html.escape(row.source_title)
        if _is_web_link(row.source_url):
            title = (f"<a href=\"{html.escape(row.source_url, quote=True)}\" rel=\"noopener noreferrer nofollow\" "
                     f"target=\"_blank\">{title}</a>")
        elif row.source_url:
            title += f" ({html.escape(row.source_url)})"
        dates = f" · {html.escape(row.dates)}" if row.dates else ""
        items.append(f"<li>{title} · {row.figures} {word}{dates}</li>")
    return "<ul class='source-list'>" + "".join(items) + "</ul>"


def quality_notes(stats: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """Published figures carrying a note or a conflict note, with value, source and note.

    Demonstration figures are left out: their note is the DATA CONTOH label, the same on every row.
    """
    data = stats[(stats["status"] == "resmi") & (stats["note"].ne("") | stats["conflict_note"].ne(""))]
    names = reference.region_names()
    return pd.DataFrame({
        "seri": [series_label(i, p, lang) for i, p in zip(data["indicator"], data["program"], strict=True)],
        "wilayah": data["kode_wilayah"].map(names),
        "tahun": [("" if pd.isna(y) else str(int(y))) + (f" ({p})" if p else "") for y, p in zip(data["year"], data["period"], strict=True)],
        "nilai": [fmt.value_with_unit(v, u, lang) for v, u in zip(data["value"], data["unit"], strict=True)],
        "catatan": (data["note"] + " " + data["conflict_note"]).str.strip(),
        "sumber": data["source_title"],
        "ditampilkan": data["displayed"],
        "fig_id": data["fig_id"],
    }).reset_index(drop=True)


@dataclass(frozen=True)
class ShownTable:
    """A table ready to draw, built once per release and language (a rerun only sends it).

    ``data`` has the column names people read (``metodologi.col_<name>``) and is already Arrow, which
    Streamlit sends without converting; ``cards`` is the same rows as phone cards (HTML, escaped);
    ``key`` names the table's containers (CSS picks the grid or the cards by the screen's width).
    """

    data: pa.Table
    cards: str
    key: str
    folded: bool  # more rows than FOLD_CARDS: the cards sit behind a tap

    @property
    def rows(self) -> int:
        return self.data.num_rows


def shown_table(frame: pd.DataFrame, lang: str) -> ShownTable:
    """``frame`` with its columns labelled in ``lang``, as Arrow and as phone cards."""
    labelled = frame.rename(columns={c: t(f"metodologi.col_{c}", lang) for c in frame.columns})
    key = f"{zlib.crc32(repr((list(labelled.columns), labelled.head(3).to_numpy().tolist())).encode()):08x}"
    return ShownTable(pa.Table.from_pandas(labelled, preserve_index=False), row_cards(labelled), key,
                      len(labelled) > FOLD_CARDS)


def row_cards(frame: pd.DataFrame) -> str:
    """Each row as a card: the first column as its heading, then "column: value" for the others."""
    cards = []
    for row in frame.itertuples(index=False):
        first, *rest = [("" if pd.isna(v) else str(v)) for v in row]
        lines = "".join(f"<div><span class='k'>{html.escape(str(col))}:</span> {html.escape(value)}</div>"
                        for col, value in zip(frame.columns[1:], rest, strict=True) if value)
        cards.append(f"<li class='roster-card'><div class='rc-name'>{html.escape(first)}</div>{lines}</li>")
    return "<ul class='roster-cards'>" + "".join(cards) + "</ul>"


@dataclass(frozen=True)
class MethodView:
    """Everything the Data & Metodologi page shows that depends on the release and its log."""

    glossary: pd.DataFrame
    unverified: str  # "JSOD = ...; ..." or ""
    indicators: pd.DataFrame
    sources: pd.DataFrame
    sources_html: str
    quality: pd.DataFrame
    coverage: pd.DataFrame
    release_facts: dict
    files: pd.DataFrame
    revisions: pd.DataFrame  # latest first, raw (the page formats one page of it)
    #: The page's short tables ready to draw: programmes, psks_types, indicators, coverage, files (the
    #: revision log and the quality notes are drawn a page at a time).
    shown: dict[str, ShownTable] = field(default_factory=dict)


def method_view(release, revisions: pd.DataFrame, lang: str = "id") -> MethodView:
    """The page's tables for one release (a :class:`dashboard.data.release.Release`) and its revision log."""
    stats = release.statistics
    sources = resmi_sources(stats)
    terms = glossary(lang)
    unverified = terms[terms["verifikasi"] == UNVERIFIED[lang]]
    manifest = release.manifest
    facts = {"id": release.release_id, "date": fmt.long_date(release.published_at, lang),
             "parent": manifest.get("parent") or "", "note": manifest.get("note", "")}
    indicators, quality, covered = indicator_table(lang), quality_notes(stats, lang), coverage.coverage(stats, lang)
    files = release_files(manifest, lang)
    shown = {label: shown_table(terms[terms["jenis"] == kind].drop(columns="jenis"), lang)
             for kind, label in (("program", "programmes"), ("PSKS", "psks_types"))}
    shown |= {name: shown_table(frame, lang) for name, frame in
              (("indicators", indicators), ("coverage", covered), ("files", files))}
    return MethodView(terms, "; ".join(f"{r.kode} = {r.nama}" for r in unverified.itertuples()),
                      indicators, sources, sources_html(sources, lang), quality, covered, facts,
                      files, latest_first(revisions), shown)


def data_files_table(paths: list[Path], read_meta: Callable[[Path], dict]) -> pd.DataFrame:
    """One row per data file: where it is and what its provenance file says about it."""
    rows = []
    for path in paths:
        try:
            meta = read_meta(path)
        except OSError:
            meta = {}
        rows.append({
            "berkas": str(path.relative_to(REPO_ROOT)) if path.is_relative_to(REPO_ROOT) else path.name,
            "judul": meta.get("title", ""), "sumber": meta.get("source", ""),
            "source_url": meta.get("source_url", ""), "lisensi": meta.get("licence", ""),
            "tanggal_data": str(meta.get("date_of_data", "")), "diambil": str(meta.get("retrieved", "")),
            "status": meta.get("status", ""), "baris": meta.get("rows"),
        })
    return pd.DataFrame(rows, columns=["berkas", "judul", "sumber", "source_url", "lisensi", "tanggal_data",
                                       "diambil", "status", "baris"])


def latest_first(log: pd.DataFrame) -> pd.DataFrame:
    """The append-only revision log reversed: the newest release's entries on top."""
    return log.iloc[::-1].reset_index(drop=True)


def revision_rows(rows: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """One page of the log as people read it: region names, series labels, formatted values, and the
    kind of change and status in the page's language."""
    names = reference.region_names()

    def value(text: str) -> str:
        return fmt.number(float(text), lang=lang) if text not in ("", None) else "—"

    return pd.DataFrame({
        "perubahan": rows["perubahan"].map(lambda c: t(f"metodologi.change_{c}", lang)),
        "seri": [series_label(i, p, lang) for i, p in zip(rows["indicator"], rows["program"], strict=True)],
        "wilayah": rows["kode_wilayah"].map(names).fillna(rows["kode_wilayah"]),
        "tahun": rows["year"], "nilai_lama": rows["nilai_lama"].map(value),
        "nilai_baru": rows["nilai_baru"].map(value),
        "status": rows["status"].map(lambda s: t(f"common.status_{s}", lang) if s else ""), "release": rows["release"],
        "waktu": rows["waktu"], "fig_id": rows["fig_id"],
    }).reset_index(drop=True)


def release_files(manifest: dict, lang: str = "id") -> pd.DataFrame:
    """The files of a release: rows, shortened checksum and the check each file passed at publication.

    The statistics pass the schema check recorded in the manifest (a release written before checks
    were recorded says so); the roster always passes the allowlist check, because
    :func:`dashboard.data.release.publish` refuses any other column.
    """
    files = manifest.get("files", {})
    rows = manifest.get("rows", {})
    return pd.DataFrame({
        "berkas": list(files), "baris": [rows.get(name) for name in files],
        "sha256": [digest[:12] + "…" for digest in files.values()],
        "validasi": [validation_text(manifest, name, lang) for name in files],
    })


def validation_text(manifest: dict, name: str, lang: str = "id") -> str:
    """What was checked about one release file when it was published, as recorded in its manifest."""
    if name == "psks_publik.csv":
        return ("kolom sesuai daftar publik yang diizinkan" if lang == "id"
                else "columns match the public allowlist")
    check = manifest.get("validation")
    if not isinstance(check, dict):
        return "pemeriksaan tidak tercatat" if lang == "id" else "check not recorded"
    result = check["result"] if lang == "id" else {"lulus": "passed"}.get(check["result"], check["result"])
    rows = f"{check['rows']:,}".replace(",", "." if lang == "id" else ",")
    return (f"{result}: {rows} baris diperiksa dengan skema statistik" if lang == "id"
            else f"{result}: {rows} rows checked against the statistics schema")
