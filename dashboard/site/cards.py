"""Figure cards: one small page per displayed figure with a year (``angka/<fig_id>.html``).

A card is what gets shared: the value with its unit, region, period, status, source and date, the
verbatim quote, and a ready-to-paste sentence from :func:`dashboard.logic.citation.sentence`. A
DATA CONTOH card says so in its title, its first line, its sentence and its link preview.
"""

from __future__ import annotations

import re

from dashboard.logic.citation import provenance, sentence
from dashboard.logic.figtext import period_text, region_name, source_date_text, value_text
from dashboard.site import content
from dashboard.site.html import CONTOH_LABEL, Meta, badge, esc, interactive, page
from dashboard.site.pages import PUBLISHER_LINE, Context

GENERIC_PROGRAM = "_umum"
_SAFE_LINK = re.compile(r"^https?://[^\s\"'<>]+$")


def preview_name(program: str) -> str:
    """File stem of the shared preview image of a programme (``_umum`` for figures without one)."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", program) or GENERIC_PROGRAM


def _region_link(code: str) -> str:
    name = esc(region_name(code))
    if len(code) == 4:
        return f'<a href="../wilayah/{esc(code)}.html">{name}</a>'
    if len(code) == 7:
        return f'{name} (<a href="../wilayah/{esc(code[:4])}.html">profil kabupaten/kota</a>)'
    return f'<a href="../index.html">{name}</a>'


def _provenance_html(fig: dict) -> str:
    items = []
    for label, text in provenance(fig):
        if label == "Status":
            continue  # shown with the badge at the top
        if label == "Tautan":
            value = (f'<a href="{esc(text)}" rel="nofollow noopener">{esc(text)}</a>'
                     if _SAFE_LINK.match(text) else esc(text))
        elif label == "Kutipan dari sumber":
            value = f"<blockquote>{esc(text)}</blockquote>"
        else:
            value = esc(text)
        items.append(f"<dt>{esc(label)}</dt><dd>{value}</dd>")
    return f"<dl>{''.join(items)}</dl>"


def card(ctx: Context, fig: dict) -> tuple[str, Meta]:
    """The page of one figure (a record of the statistics table) and its link-preview metadata."""
    contoh = fig["status"] == "contoh"
    label = content.label(fig["indicator"], fig["program"])
    region, period, value = region_name(fig["kode_wilayah"]), period_text(fig), value_text(fig)
    status_line = (f'<p class="note"><strong>{esc(CONTOH_LABEL)}</strong>: angka ini dibangkitkan untuk '
                   "demonstrasi sampai angka resmi tersedia.</p>" if contoh else
                   '<p class="s">Angka resmi yang dikutip dari sumber di bawah.</p>')
    body = ['<p class="s"><a href="../index.html">Beranda</a> › Angka</p>',
            f"<h1>{esc(label)} {badge(fig['status'])}</h1>", status_line,
            f'<p><span class="v">{esc(value)}</span>{_region_link(fig["kode_wilayah"])} · {esc(period)}</p>',
            _provenance_html(fig),
            "<h2>Kalimat siap tempel</h2>",
            f'<p class="cite">{esc(sentence(fig))}</p>',
            interactive("cari", fig=fig["fig_id"])]
    stamp = f"{CONTOH_LABEL}: " if contoh else ""
    og_title = f"{stamp}{label}, {region} {period}: {value}"
    description = (f"Sumber: {fig['source_title']}, {source_date_text(fig['source_date'])}. "
                   f"Status: {CONTOH_LABEL if contoh else 'Resmi'}. {PUBLISHER_LINE}.")
    meta = Meta(f"{stamp}{label}, {region} {period}", description, og_title, ctx.url(f"angka/{fig['fig_id']}.html"),
                ctx.url(f"og/program/{preview_name(fig['program'])}.png"),
                "Kartu angka Dasbor Kesejahteraan Sosial Provinsi Banten")
    return page(meta, "".join(body), "../", ctx.data_per, ctx.demo), meta
