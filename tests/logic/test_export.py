"""Downloads: CSV and XLSX hold exactly the figures given, neutralise formulas, label DATA CONTOH; PNG."""

from __future__ import annotations

import csv
import io

import pytest
from cari_testdata import fig, frame
from openpyxl import load_workbook
from PIL import Image

from dashboard.logic.export import (
    EXPORT_COLUMNS,
    chart_figure,
    chart_png,
    data_per_text,
    kabkota_series,
    neutralise,
    to_csv_bytes,
    to_xlsx_bytes,
    trend_figure,
)

ATTACKS = ["=HYPERLINK(\"http://evil\",\"klik\")", "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1"]

FIGS = frame([
    fig("r00000000000a", value=2720.0),
    fig("r00000000000b", indicator="persentase_penduduk_miskin", program="", kode_wilayah="3602", year=2024,
        value=8.44, unit="persen", source_title=ATTACKS[0], note=ATTACKS[1]),
    fig("c00000000000c", kode_wilayah="3601101", year=None, value=25.0, status="contoh", source_url=ATTACKS[3]),
    fig("r00000000000d", indicator="anggaran", value=1.55e10, unit="rupiah", quote="-", source_date=ATTACKS[2],
        conflict_note=ATTACKS[4]),
])
RESMI_ONLY = FIGS[FIGS.status.eq("resmi")]


def _csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # BOM so Excel reads UTF-8
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.mark.parametrize("value", ATTACKS)
def test_neutralise_formula_text(value):
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["Kab. Lebak", "2022-11-25", "", 12.5, None, "'=already"])
def test_neutralise_leaves_safe_values(value):
    assert neutralise(value) == value


def test_csv_holds_exactly_the_figures():
    rows = _csv_rows(to_csv_bytes(FIGS, data_per="28 November 2026"))
    assert rows[0][0].startswith("DATA CONTOH") and "28 November 2026" in rows[0][0]
    assert rows[1] == EXPORT_COLUMNS
    body = [dict(zip(rows[1], r, strict=True)) for r in rows[2:]]
    assert [r["fig_id"] for r in body] == list(FIGS.fig_id)
    assert [float(r["value"]) for r in body] == list(FIGS.value)  # raw numbers, not "Rp15,5 miliar"
    assert [r["value"] for r in body] == ["2720", "8.44", "25", "15500000000"]  # whole numbers as integers
    assert [r["year"] for r in body] == ["2022", "2024", "", "2022"]
    assert [r["keterangan"] != "" for r in body] == list(FIGS.status.eq("contoh"))


def test_csv_neutralises_every_formula_cell():
    rows = _csv_rows(to_csv_bytes(FIGS))
    cells = [c for r in rows[2:] for c in r]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    for attack in ATTACKS[:5]:
        assert "'" + attack in cells


def test_csv_without_contoh_has_no_contoh_header():
    rows = _csv_rows(to_csv_bytes(RESMI_ONLY))
    assert "DATA CONTOH" not in rows[0][0]
    assert len(rows) == 2 + len(RESMI_ONLY)


def test_xlsx_holds_exactly_the_figures_and_no_formulas():
    book = load_workbook(io.BytesIO(to_xlsx_bytes(FIGS)))
    sheet = book["Angka"]
    rows = list(sheet.iter_rows(values_only=True))
    assert str(rows[0][0]).startswith("DATA CONTOH")
    assert list(rows[1]) == EXPORT_COLUMNS
    body = [dict(zip(EXPORT_COLUMNS, r, strict=True)) for r in rows[2:]]
    assert [r["fig_id"] for r in body] == list(FIGS.fig_id)
    assert [r["value"] for r in body] == list(FIGS.value)
    assert [r["year"] for r in body] == [2022, 2024, None, 2022]
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
            if isinstance(cell.value, str):
                assert not cell.value.startswith(("=", "+", "-", "@")), cell.value
    assert "'" + ATTACKS[0] in [r["source_title"] for r in body]


def test_xlsx_without_contoh_has_no_contoh_header():
    rows = list(load_workbook(io.BytesIO(to_xlsx_bytes(RESMI_ONLY)))["Angka"].iter_rows(values_only=True))
    assert "DATA CONTOH" not in str(rows[0][0])
    assert len(rows) == 2 + len(RESMI_ONLY)


# --- PNG chart -------------------------------------------------------------------------------------

BARS = frame([fig(f"r0000000000{i:02d}", kode_wilayah=c, value=v)
              for i, (c, v) in enumerate([("3601", 470.0), ("3602", 235.0), ("3673", 168.0)])])
ARGS = {"title": "Penerima UEP per kabupaten/kota, 2022", "unit": "KPM", "period": "2022",
        "source": "Dinsos Banten Mulai Salurkan Bantuan UEP (Tangerang Daily)", "date": "28 November 2026"}


def _texts(figure) -> str:
    parts = [t.get_text() for t in figure.texts]
    for ax in figure.axes:
        parts += [t.get_text() for t in ax.texts] + [t.get_text() for t in ax.get_yticklabels()]
    return "\n".join(parts)


def test_png_has_default_size_and_is_png():
    data = chart_png(BARS, status="resmi", **ARGS)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert Image.open(io.BytesIO(data)).size == (1200, 675)
    assert Image.open(io.BytesIO(chart_png(BARS, status="resmi", width=800, height=450, **ARGS))).size == (800, 450)


def test_chart_text_carries_title_unit_period_source_status_and_date():
    text = _texts(chart_figure(BARS, status="resmi", **ARGS))
    for part in (ARGS["title"], "Satuan: KPM", "Periode: 2022", "Tangerang Daily", "Resmi",
                 "Data per 28 November 2026", "Kab. Lebak", "470"):
        assert part in text
    assert "DATA CONTOH" not in text


def test_contoh_chart_is_marked_and_looks_different():
    contoh = chart_figure(BARS.assign(status="contoh"), status="contoh", **ARGS)
    assert _texts(contoh).count("DATA CONTOH") >= 2  # the badge and the watermark
    assert chart_png(BARS.assign(status="contoh"), status="contoh", **ARGS) != chart_png(BARS, status="resmi", **ARGS)


def test_rows_status_wins_over_callers_status():
    mixed = BARS.assign(status=["resmi", "contoh", "resmi"])
    text = _texts(chart_figure(mixed, status="resmi", **ARGS))
    assert "DATA CONTOH" in text and "Campuran" in text


def test_source_text_changes_the_image():
    other = dict(ARGS, source="Sumber lain sama sekali (Media Lain)")
    assert chart_png(BARS, status="resmi", **ARGS) != chart_png(BARS, status="resmi", **other)


def test_empty_chart_says_no_data():
    assert "Tidak ada data" in _texts(chart_figure(BARS.iloc[0:0], status="resmi", **ARGS))


def test_kabkota_series_keeps_the_same_series_and_year_only():
    stats = frame([fig("a", kode_wilayah="3601"), fig("b", kode_wilayah="3602"), fig("c", kode_wilayah="36"),
                   fig("d", kode_wilayah="3601101"), fig("e", kode_wilayah="3603", year=2021),
                   fig("f", kode_wilayah="3604", program="JSK", unit="keluarga"),
                   fig("g", kode_wilayah="3671", displayed=False)])
    assert list(kabkota_series(stats, stats.iloc[0])["fig_id"]) == ["a", "b"]


# --- the date of the data, in both languages; whole numbers; one bar per region --------------------

@pytest.mark.parametrize(("given", "lang", "expected"), [
    ("1 Desember 2026", "id", "Data per 1 Desember 2026"),
    ("1 December 2026", "en", "Data as of 1 December 2026"),
    ("Data per 1 Desember 2026", "id", "Data per 1 Desember 2026"),  # a sentence given by mistake
    ("Data as of 1 December 2026", "en", "Data as of 1 December 2026"),
])
def test_data_per_sentence_is_made_once(given, lang, expected):
    assert data_per_text(given, lang) == expected


@pytest.mark.parametrize("given", ["1 Desember 2026", "Data per 1 Desember 2026"])
def test_every_download_says_data_per_exactly_once(given):
    csv_title = _csv_rows(to_csv_bytes(FIGS, given))[0][0]
    xlsx_title = next(load_workbook(io.BytesIO(to_xlsx_bytes(FIGS, given)))["Angka"].iter_rows(values_only=True))[0]
    picture = _texts(chart_figure(BARS, status="resmi", **dict(ARGS, date=given)))
    for text in (csv_title, xlsx_title, picture):
        assert text.count("Data per") == 1 and "Data per 1 Desember 2026" in text, text


def test_english_downloads_speak_english():
    rows = _csv_rows(to_csv_bytes(FIGS, "1 December 2026", lang="en"))
    assert rows[0][0].startswith("DATA CONTOH (sample data)") and "Data as of 1 December 2026" in rows[0][0]
    body = [dict(zip(rows[1], r, strict=True)) for r in rows[2:]]
    assert body[0]["program_nama"] == "Productive economic enterprise grants (UEP)"
    assert body[2]["keterangan"].startswith("DATA CONTOH (sample data)")
    resmi = _csv_rows(to_csv_bytes(RESMI_ONLY, "1 December 2026", lang="en"))[0][0]
    assert "published figures" in resmi and "angka resmi" not in resmi


def test_xlsx_writes_whole_numbers_as_integers():
    rows = list(load_workbook(io.BytesIO(to_xlsx_bytes(FIGS)))["Angka"].iter_rows(values_only=True))
    values = [r[8] for r in rows[2:]]
    assert values == [2720, 8.44, 25, 15_500_000_000]
    assert [type(v) for v in values] == [int, float, int, int]


LONG_EN = ("Number of recipients — Food parcels for people in Covid-19 self-isolation (Serang regency budget), "
           "Kab. Serang and every other regency and city of Banten, 2021")


def _boxes(figure):
    """(text, box) of every text drawn on the picture itself, top to bottom, the watermark left out."""
    renderer = figure.canvas.get_renderer()
    found = [(t.get_text(), t.get_window_extent(renderer)) for t in figure.texts
             if t.get_text() and t.get_rotation() == 0]
    return sorted(found, key=lambda item: (-item[1].y0, item[1].x0))


@pytest.mark.parametrize("status", ["resmi", "contoh", "campuran"])
@pytest.mark.parametrize("draw", ["bars", "trend"])
def test_a_long_english_title_is_whole_inside_the_picture_and_clear_of_the_badge(status, draw):
    rows = BARS.assign(status={"resmi": "resmi", "contoh": "contoh", "campuran": ["resmi", "contoh", "resmi"]}[status])
    sources = [f"Source number {i} (Publisher {i}) (1 March 2022)" for i in range(6)]
    args = dict(ARGS, title=LONG_EN, source="; ".join(sources), date="1 December 2026")
    if draw == "trend":
        figure = trend_figure(rows.assign(nama=rows["kode_wilayah"]), status=status, lang="en", **args)
    else:
        figure = chart_figure(rows, status=status, lang="en", **args)
    boxes = _boxes(figure)
    flowing = [t.get_text() for t in figure.texts if t.get_horizontalalignment() == "left" and t.get_text()]
    drawn = " ".join(text for text, _ in boxes if text in flowing)
    assert LONG_EN in drawn
    assert all(source in drawn for source in sources)
    assert drawn.count("Data as of 1 December 2026") == 1
    width, height = figure.bbox.width, figure.bbox.height
    badge = [box for text, box in boxes if text == "DATA CONTOH (sample data)"]
    assert bool(badge) == (status != "resmi")
    for text, box in boxes:
        assert box.x0 >= 0 and box.x1 <= width and box.y0 >= 0 and box.y1 <= height, text
        if badge and text in LONG_EN:
            assert not box.overlaps(badge[0]), text


def test_kabkota_series_draws_one_bar_per_region_published_first():
    stats = frame([fig("a", kode_wilayah="3601"), fig("b", kode_wilayah="3601", status="contoh"),
                   fig("c", kode_wilayah="3602", status="contoh")])
    assert sorted(kabkota_series(stats, stats.iloc[0])["fig_id"]) == ["a", "c"]
