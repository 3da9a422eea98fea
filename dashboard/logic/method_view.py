"""Tables of the Data & Metodologi page: glossary, indicators, sources, quality notes, revisions.

Pure: catalogues and the statistics table in, display frames and escaped HTML out.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd

from dashboard.data import reference
from dashboard.logic import derive, fmt
from dashboard.paths import REPO_ROOT

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
        "seri": [derive.series_label(i, p, lang) for i, p in zip(data["indicator"], data["program"], strict=True)],
        "wilayah": data["kode_wilayah"].map(names),
        "tahun": [("" if pd.isna(y) else str(int(y))) + (f" ({p})" if p else "") for y, p in zip(data["year"], data["period"], strict=True)],
        "nilai": [fmt.value_with_unit(v, u, lang) for v, u in zip(data["value"], data["unit"], strict=True)],
        "catatan": (data["note"] + " " + data["conflict_note"]).str.strip(),
        "sumber": data["source_title"],
        "ditampilkan": data["displayed"],
        "fig_id": data["fig_id"],
    }).reset_index(drop=True)


def tables(stats: pd.DataFrame, lang: str = "id") -> dict:
    """Everything on the page that depends only on the catalogues and the statistics table."""
    sources = resmi_sources(stats)
    return {"glossary": glossary(lang), "indicators": indicator_table(lang), "sources": sources,
            "sources_html": sources_html(sources, lang), "quality": quality_notes(stats, lang)}


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
    """One page of the log as people read it: region names, series labels, formatted values."""
    names = reference.region_names()

    def value(text: str) -> str:
        return fmt.number(float(text), lang=lang) if text not in ("", None) else "—"

    return pd.DataFrame({
        "perubahan": rows["perubahan"],
        "seri": [derive.series_label(i, p, lang) for i, p in zip(rows["indicator"], rows["program"], strict=True)],
        "wilayah": rows["kode_wilayah"].map(names).fillna(rows["kode_wilayah"]),
        "tahun": rows["year"], "nilai_lama": rows["nilai_lama"].map(value),
        "nilai_baru": rows["nilai_baru"].map(value), "status": rows["status"], "release": rows["release"],
        "waktu": rows["waktu"], "fig_id": rows["fig_id"],
    }).reset_index(drop=True)


def release_files(manifest: dict) -> pd.DataFrame:
    """The files of a release: rows, shortened checksum and the release's validation result."""
    files = manifest.get("files", {})
    rows = manifest.get("rows", {})
    return pd.DataFrame({
        "berkas": list(files), "baris": [rows.get(name) for name in files],
        "sha256": [digest[:12] + "…" for digest in files.values()],
        "validasi": [manifest.get("validation", "")] * len(files),
    })
