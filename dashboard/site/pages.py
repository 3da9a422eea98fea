"""The landing page (``index.html``) and the eight region profiles (``wilayah/<kode>.html``)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from dashboard.data import reference
from dashboard.geo import ATTRIBUTION
from dashboard.logic import classify, derive
from dashboard.logic.figtext import publisher, source_date_text, value_text
from dashboard.site import content, svgmap
from dashboard.site.html import CONTOH_LABEL, Meta, badge, esc, interactive, page, table
from dashboard.text import fmt
from dashboard.text.i18n import t
from dashboard.viewmodel import home, profile

NO_MAP = ("Batas wilayah belum terpasang, jadi peta tidak ditampilkan; tabel di bawah memuat angka yang sama.")


@dataclass(frozen=True)
class Context:
    """Everything every page needs: the data, the map, where the site is published."""

    stats: pd.DataFrame
    release_id: str
    data_per: str  # "Data per 1 Desember 2025"
    base_url: str  # public URL of the site folder, ending with "/"
    basemap: svgmap.Basemap | None
    demo: bool = False  # built in the demonstration mode: every page says DATA CONTOH
    _profiles: dict[str, profile.ProfileView] = field(default_factory=dict, repr=False)

    def url(self, path: str) -> str:
        return self.base_url + path

    def profile(self, code: str) -> profile.ProfileView:
        """The Wilayah view model of one kab/kota, computed once (pages and images share it)."""
        if code not in self._profiles:
            self._profiles[code] = profile.profile_view(self.stats, code, "id")
        return self._profiles[code]


def card_href(fig_id: str, root: str) -> str:
    return f"{root}angka/{fig_id}.html"


def source_short(title: str, status: str) -> str:
    """Who published a figure (``Tangerang Daily``); demonstration figures say so instead."""
    return "dibangkitkan untuk demonstrasi" if status == "contoh" else publisher({"source_title": title})


def source_line(title: str, date: str, status: str) -> str:
    """``Sumber: Tangerang Daily, 25 November 2022`` (publisher and date of a figure's source)."""
    if status == "contoh":
        return "Sumber: DATA CONTOH, dibangkitkan untuk demonstrasi"
    return f"Sumber: {source_short(title, status)}, {source_date_text(date)}"


def _contoh_note(status: str) -> str:
    if status in ("contoh", "campuran"):
        return f'<p class="note">{esc(t("common.contoh_banner"))}</p>'
    return ""


def _legend(classes: classify.Classes, has_missing: bool) -> str:
    items = [f'<li><i style="background:{c}"></i>{esc(lab)}</li>' for c, lab in zip(classes.colors, classes.labels,
                                                                                   strict=True)]
    if has_missing:
        items.append(f'<li><i style="background:{classify.NO_DATA_COLOR}"></i>tidak ada data</li>')
    return f'<ul class="lg" aria-label="Legenda peta">{"".join(items)}</ul>'


def featured_map(ctx: Context, feat: home.Featured, root: str) -> str:
    """Choropleth, legend, and the table of the same numbers (the table is the accessible version)."""
    rows = feat.table.set_index("kode_wilayah")
    names = reference.region_names()

    def label(code: str) -> str:
        value = value_text(rows.loc[code].to_dict()) if code in rows.index and pd.notna(rows.at[code, "value"]) \
            else fmt.MISSING["id"]
        return f"{names.get(code, code)}: {value}"

    title = f"Peta {feat.label}, {feat.year}, per kabupaten/kota"
    parts = []
    if ctx.basemap is not None:
        parts.append(svgmap.svg(
            ctx.basemap, lambda c: feat.classes.color_of(rows.at[c, "value"] if c in rows.index else None), label,
            title, "Warna lebih gelap berarti angka lebih besar; angka tiap wilayah ada di tabel di bawah peta.",
            href=lambda c: f"{root}wilayah/{c}.html" if c in rows.index else None))
        parts.append(_legend(feat.classes, bool(feat.table["value"].isna().any())))
        parts.append(f'<p class="s">Kelas: {esc(classify.METHODS.get(feat.classes.method, ""))}. {esc(ATTRIBUTION)}</p>')
    else:
        parts.append(f'<p class="note">{esc(NO_MAP)}</p>')
    body_rows, ids = [], []
    for r in feat.table.itertuples():
        if isinstance(r.fig_id, str):
            value = f'<a href="{card_href(r.fig_id, root)}">{esc(value_text(r._asdict()))}</a>'
            status = f'{badge(r.status)}<br><span class="s">{esc(source_short(r.source_title, r.status))}</span>'
        else:
            value, status = esc(fmt.MISSING["id"]), ""
        body_rows.append([f'<a href="{root}wilayah/{esc(r.kode_wilayah)}.html">{esc(r.nama)}</a>', value, status])
        ids.append(f"f-{r.kode_wilayah}")
    parts.append(table(["Wilayah", "Nilai", "Status dan sumber"], body_rows, numeric=[1],
                       caption=f"{feat.label}, {feat.year}", row_ids=ids))
    return "".join(parts)


def landing(ctx: Context) -> tuple[str, Meta]:
    """``index.html``: what this is, headline figures, the featured map, links to every profile."""
    cards = home.headline_cards(ctx.stats, "id")
    feat = home.featured(ctx.stats, "id")
    body = [f"<h1>{esc(t('common.app_title'))}</h1>",
            "<p>Statistik program kesejahteraan sosial per kabupaten/kota: penerima bantuan, anggaran dan "
            "relawan PSKS, diterbitkan oleh <strong>Dinas Sosial Provinsi Banten</strong>. Setiap angka memuat "
            "sumber, tanggal dan status: <em>Resmi</em> (angka terbit) atau <em>DATA CONTOH</em> (angka "
            "demonstrasi sampai data resmi tersedia).</p>",
            f'<p class="meta">{esc(ctx.data_per)} · rilis {esc(ctx.release_id)}</p>',
            _contoh_note(derive.status_summary(pd.Series([c.status for c in cards], dtype=object)))]
    body.append("<h2>Angka utama Provinsi Banten</h2>")
    items = []
    for c in cards:
        items.append(
            f'<li id="h-{esc(c.key.code)}"><span class="s">{esc(c.label)} {badge(c.status)}</span>'
            f'<a class="v" href="angka/{esc(c.fig_id)}.html">{esc(c.value_text)}</a>'
            f'<span class="s">{esc(f"{c.period} {c.year}".strip())} · {esc(c.change_text("id"))}<br>'
            f'{esc(source_line(c.source_title, c.source_date, c.status))}</span></li>')
    body.append(f'<ul class="cards">{"".join(items)}</ul>' if items else f"<p>{esc(t('common.no_data'))}</p>")
    if feat is not None:
        body.append(f"<h2>{esc(t('beranda.featured_title', label=feat.label, year=feat.year))}</h2>")
        body.append(_contoh_note(feat.status))
        body.append(featured_map(ctx, feat, ""))
        body.append(interactive("peta", seri=feat.key.code, tahun=feat.year))
    body.append("<h2>Profil kabupaten/kota</h2><ul>" + "".join(
        f'<li><a href="wilayah/{esc(k)}.html">{esc(n)}</a></li>'
        for k, n in zip(reference.kabkota().kode_bps, reference.kabkota().nama, strict=True)) + "</ul>")
    if feat is None:
        body.append(interactive(""))
    lead = content.lead_headline(cards)
    og_title = t("common.app_title")
    description = f"{PUBLISHER_LINE}. {ctx.data_per}."
    if lead is not None:
        stamp = f" ({CONTOH_LABEL})" if lead.status == "contoh" else ""
        og_title = f"{lead.label}, Provinsi Banten {lead.year}: {lead.value_text}{stamp}"
        description = f"{source_line(lead.source_title, lead.source_date, lead.status)}. {PUBLISHER_LINE}. {ctx.data_per}."
    meta = Meta(t("common.app_title"), description, og_title, ctx.url("index.html"), ctx.url("og/index.png"),
                f"Peta {feat.label if feat else 'Provinsi Banten'} per kabupaten/kota dengan angka utama dan sumbernya")
    return page(meta, "".join(body), "", ctx.data_per, ctx.demo), meta


PUBLISHER_LINE = "Dasbor Kesejahteraan Sosial, Dinas Sosial Provinsi Banten"


def region(ctx: Context, code: str) -> tuple[str, Meta]:
    """``wilayah/<kode>.html``: every series' latest figure, rank among the eight, the highlighted map."""
    kk = reference.kabkota().set_index("kode_bps")
    name, short = kk.at[code, "nama"], kk.at[code, "nama_singkat"]
    view = ctx.profile(code)
    body = [f'<p class="s"><a href="../index.html">Beranda</a> › Profil wilayah</p><h1>{esc(name)}</h1>',
            f'<p class="meta">{esc(ctx.data_per)} · kode BPS {esc(code)}</p>', _contoh_note(view.status)]
    if ctx.basemap is not None:
        names = reference.region_names()
        body.append(svgmap.svg(ctx.basemap, lambda c: "#1f5f99" if c == code else "#dfe5ec",
                               lambda c: names.get(c, c), f"Letak {short} di Provinsi Banten",
                               f"{short} ditandai warna biru tua dan lingkaran merah.",
                               href=lambda c: None if c == code else f"{c}.html", highlight=code))
        body.append(f'<p class="s">{esc(ATTRIBUTION)}</p>')
    else:
        body.append(f'<p class="note">{esc(NO_MAP)}</p>')
    if not view.rows:
        body.append(f"<p>{esc(t('common.no_data'))}</p>")
    for group, title in content.PROFILE_GROUPS:
        part = view.group(group)
        if not part:
            continue
        # A contoh row's badge already says where it comes from; resmi rows name their source.
        # Two columns, so a 360 px phone shows every number without sideways scrolling.
        rows = [[esc(r.label) + ("" if r.status == "contoh" else f'<br><span class="s">Sumber: {esc(r.source)}</span>'),
                 f'<a href="{card_href(r.fig_id, "../")}">{esc(r.value_text)}</a><br>'
                 f'<span class="s">{esc(r.when)} · {esc(r.change_text)}'
                 f'{" · peringkat " + esc(r.rank_text) if r.rank_text else ""}</span> {badge(r.status)}']
                for r in part]
        ids = [f"r-{r.indicator}-{r.program}-{r.fig_id}" for r in part]
        body.append(f"<h2>{esc(title)}</h2>")
        body.append(table(["Indikator", "Nilai"], rows, numeric=[1], row_ids=ids))
    body.append(f'<p class="s">{esc(t("wilayah.rank_note"))}</p>')
    body.append(interactive("wilayah", kode=code))
    others = [f'<a href="{esc(k)}.html">{esc(n)}</a>' for k, n in kk["nama_singkat"].items() if k != code]
    body.append(f"<h2>Wilayah lain</h2><p>{' · '.join(others)}</p>")
    lead = content.region_headline(view)
    og_title, description = f"Profil {name}", f"{PUBLISHER_LINE}. {ctx.data_per}."
    if lead is not None:
        stamp = f" ({CONTOH_LABEL})" if lead.status == "contoh" else ""
        og_title = f"{short}: {lead.label} {lead.when} {lead.value_text}{stamp}"
        description = f"Sumber: {lead.source}. {PUBLISHER_LINE}. {ctx.data_per}."
    meta = Meta(f"{name} · {t('common.app_title')}", description, og_title, ctx.url(f"wilayah/{code}.html"),
                ctx.url(f"og/wilayah/{code}.png"), f"Peta Provinsi Banten dengan {short} ditandai")
    return page(meta, "".join(body), "../", ctx.data_per, ctx.demo), meta
