"""Build the light edition of one release into a folder, swapped into place when complete.

The site is written to a temporary sibling folder and renamed over ``out_dir`` only when every page
and image is there, so nginx never serves half a site (the old folder is removed afterwards).
"""

from __future__ import annotations

import gzip
import os
import shutil
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from dashboard.data import reference
from dashboard.data.release import Release
from dashboard.logic import derive, opendata
from dashboard.logic.figtext import program_label
from dashboard.site import cards, content, pages, preview, svgmap
from dashboard.site.pages import Context
from dashboard.text import fmt
from dashboard.viewmodel import home

DEFAULT_BASE_URL = "http://localhost:8501/site/"


@dataclass
class BuildReport:
    """What a build wrote: page counts per kind, bytes, images, time, and what it left out."""

    out_dir: Path
    pages: Counter = field(default_factory=Counter)
    raw_bytes: Counter = field(default_factory=Counter)
    gzip_bytes: Counter = field(default_factory=Counter)
    largest_gzip: dict[str, tuple[str, int]] = field(default_factory=dict)
    images: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    def add_page(self, kind: str, rel: str, text: str) -> bytes:
        data = text.encode("utf-8")
        packed = len(gzip.compress(data, 6))
        self.pages[kind] += 1
        self.raw_bytes[kind] += len(data)
        self.gzip_bytes[kind] += packed
        if packed > self.largest_gzip.get(kind, ("", -1))[1]:
            self.largest_gzip[kind] = (rel, packed)
        return data

    def summary(self) -> str:
        """Indonesian lines for the person running the build."""
        lines = [f"Situs ringan ditulis ke {self.out_dir} dalam {fmt.number(self.seconds, 1)} detik."]
        for kind, n in self.pages.items():
            rel, biggest = self.largest_gzip[kind]
            lines.append(f"- {kind}: {fmt.number(n)} halaman, rata-rata {fmt.number(self.raw_bytes[kind] / n / 1024, 1)}"
                         f" kB (gzip {fmt.number(self.gzip_bytes[kind] / n / 1024, 1)} kB), terbesar {rel} "
                         f"{fmt.number(biggest / 1024, 1)} kB gzip")
        lines.append(f"- gambar pratinjau: {self.images} PNG 1200x630")
        return "\n".join(lines + [f"Catatan: {n}" for n in self.notes])


def _write(root: Path, rel: str, data: bytes) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _swap_into_place(tmp: Path, out_dir: Path) -> None:
    old = None
    if out_dir.exists():
        old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
        os.rename(out_dir, old)
    os.rename(tmp, out_dir)
    if old is not None:
        shutil.rmtree(old)


def build_site(release: Release, out_dir: Path | str, base_url: str = DEFAULT_BASE_URL,
               geo_path: Path | None = None, kecamatan_cards: bool = True) -> BuildReport:
    """Render the static light edition of ``release`` into ``out_dir`` (replaced as a whole).

    Parameters
    ----------
    release
        The release to publish (``dashboard.data.release.load_newest_good().release``).
    out_dir
        Folder nginx serves at ``/site/`` (``<repo>/site``); created or replaced.
    base_url
        Public URL of that folder, e.g. ``https://dasbor.example.go.id/site/``: used for the absolute
        ``og:url`` and ``og:image`` links that chat apps need. Links between pages stay relative.
    geo_path
        Kab/kota display layer; defaults to the installed one. Missing boundaries give table-only pages.
    kecamatan_cards
        ``False`` writes figure cards for the province and kab/kota only (about a third of the files),
        for a machine where writing thousands of small files is slow.

    Returns
    -------
    BuildReport
    """
    started = time.perf_counter()
    out_dir = Path(out_dir).resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    report = BuildReport(out_dir)
    basemap = svgmap.load_basemap(geo_path)
    if basemap is None:
        report.notes.append("batas wilayah belum terpasang: halaman tanpa peta, hanya tabel")
    ctx = Context(release.statistics, release.release_id, f"Data per {fmt.long_date(release.published_at)}",
                  base_url.rstrip("/") + "/", basemap, demo=release.mode == "contoh")
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
    try:
        tmp.chmod(0o755)  # mkdtemp makes 0700; nginx must read it
        _write_pages(ctx, tmp, report, kecamatan_cards)
        _write_images(ctx, tmp, report)
        _write_open_data(release, tmp, report)
        _swap_into_place(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    report.seconds = time.perf_counter() - started
    return report


def _write_pages(ctx: Context, root: Path, report: BuildReport, kecamatan_cards: bool) -> None:
    text, _ = pages.landing(ctx)
    _write(root, "index.html", report.add_page("beranda", "index.html", text))
    for code in reference.kabkota().kode_bps:
        rel = f"wilayah/{code}.html"
        text, _ = pages.region(ctx, code)
        _write(root, rel, report.add_page("wilayah", rel, text))
    (root / "angka").mkdir()
    figures = content.cards_frame(ctx.stats)
    if not kecamatan_cards:
        figures = figures[figures.kode_wilayah.str.len() < 7]
        report.notes.append("kartu angka hanya untuk provinsi dan kabupaten/kota (tanpa kecamatan)")
    for fig in figures.to_dict("records"):
        rel = f"angka/{fig['fig_id']}.html"
        text, _ = cards.card(ctx, fig)
        _write(root, rel, report.add_page("angka", rel, text))


def _write_images(ctx: Context, root: Path, report: BuildReport) -> None:
    og = root / "og"
    feat = home.featured(ctx.stats, "id")
    lead = content.lead_headline(home.headline_cards(ctx.stats, "id"))
    colors, map_note = {}, ""
    if feat is not None:
        values = feat.table.set_index("kode_wilayah")["value"]
        colors = {code: feat.classes.color_of(v) for code, v in values.items()}
        map_note = f"Peta: {feat.label}, {feat.year}" + (" (DATA CONTOH)" if feat.status == "contoh" else
                                                          " (sebagian DATA CONTOH)" if feat.status == "campuran" else "")
    label = value = source = status = ""
    if lead is not None:
        label, value = f"{lead.label}, {lead.year}", lead.value_text
        source, status = pages.source_line(lead.source_title, lead.source_date, lead.status), lead.status
    preview.headline_image(og / "index.png", ctx.basemap, colors, "Provinsi Banten",
                           label, value, source, status, map_note=map_note)
    report.images += 1
    names = reference.kabkota().set_index("kode_bps")["nama"]
    for code, name in names.items():
        lead = content.region_headline(ctx.profile(code))
        label = value = source = status = ""
        if lead is not None:
            label, value = f"{lead.label}, {lead.when}", lead.value_text
            source = "DATA CONTOH" if lead.status == "contoh" else f"Sumber: {lead.source}"
            status = lead.status
        preview.headline_image(og / "wilayah" / f"{code}.png", ctx.basemap, {code: "#1f5f99"}, name, label, value,
                               source, status, highlight=code)
        report.images += 1
    figures = content.cards_frame(ctx.stats)
    for program, group in figures.groupby("program", sort=True):
        label = program_label(program) if program else "Penduduk, wilayah dan kemiskinan"
        preview.program_image(og / "program" / f"{cards.preview_name(program)}.png", ctx.basemap, label,
                              derive.status_summary(group["status"]))
        report.images += 1


def _write_open_data(release: Release, root: Path, report: BuildReport) -> None:
    opendata.write_data_package(release.statistics, root / "data", release.release_id, release.published_at)
