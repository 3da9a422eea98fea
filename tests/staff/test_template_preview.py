"""The Excel template (columns, example row, drop-down lists from the reference codes) and the previews
of a statistics upload (figure by figure, with the public pages) and of a roster import."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
from roster_files import rows, write_csv

from dashboard.data import preview, reference, release, roster_import, staff, template
from dashboard.settings import REPO_ROOT

FIXTURES = REPO_ROOT / "tests" / "fixtures" / "staff"


def test_template_has_the_format_columns_example_and_code_lists(tmp_path):
    wb = openpyxl.load_workbook(io.BytesIO(template.build()))
    assert wb.sheetnames == ["Data", "Contoh", "Kode"]
    assert wb["Kode"].sheet_state == "hidden" and wb["Data"].sheet_state == "visible"
    doc = (REPO_ROOT / "docs" / "format_unggah.md").read_text(encoding="utf-8")
    header = [c.value for c in wb["Data"][1]]
    assert header == template.COLUMNS and all(f"| `{c}` |" in doc for c in header)
    validations = wb["Data"].data_validations.dataValidation
    lists = {str(dv.sqref): dv.formula1 for dv in validations}
    assert set(lists) == {f"{c}2:{c}{template.DATA_ROWS + 1}" for c in "ABC"}
    assert all(dv.type == "list" for dv in validations)
    assert len(template.codes()["kode_wilayah"]) == 1 + len(reference.kabkota()) + len(reference.kecamatan())
    for letter, name in (("A", "indikator"), ("B", "program"), ("C", "kode_wilayah")):
        listed = [c.value for c in wb["Kode"][letter][1:] if c.value is not None]
        assert listed == [str(v) for v in template.codes()[name]]
        assert lists[f"{letter}2:{letter}{template.DATA_ROWS + 1}"] == f"=Kode!${letter}$2:${letter}${len(listed) + 1}"
    assert "3601" in template.codes()["kode_wilayah"] and "UEP" in template.codes()["program"]


def test_template_example_passes_and_empty_data_sheet_publishes_nothing(releases, tmp_path):
    path = tmp_path / "templat.xlsx"
    path.write_bytes(template.build())
    empty = staff.check(path)
    assert [p.rule for p in empty.problems] == ["tidak ada baris data di bawah baris judul kolom"]
    example = staff.check(path, sheet="Contoh")
    assert example.problems == [] and len(example.rows) == 1
    assert example.rows.iloc[0][["indicator", "program", "kode_wilayah"]].tolist() == ["penerima", "UEP", "3601"]


def test_statistics_preview_lists_every_figure_and_the_pages(releases):
    base = release.load_newest_good().release.statistics
    checked = staff.check(FIXTURES / "baik_bersih.csv")
    assert checked.problems == []
    view = preview.statistics_preview(base, checked.rows, "https://dasbor.example")
    counts = view.counts
    assert counts["baru"] + counts["diubah"] + counts["tetap"] == len(checked.rows)
    assert counts["baru"] > 0 and counts["dihapus"] == 0  # a release holds published figures only: nothing to replace
    assert set(view.rows.perubahan) <= {"baru", "diubah", "dihapus", "tetap"}
    changed = view.rows[view.rows.perubahan == "diubah"]
    assert (changed.nilai_lama != changed.nilai_baru).all()
    assert set(view.pages.halaman) >= {"Peta", "Tren", "Wilayah", "Cari Angka", "Beranda", "Metodologi"}
    assert "https://dasbor.example/peta?seri=penerima:JSLU&tahun=2024" in set(view.pages.alamat)
    assert "https://dasbor.example/wilayah?kode=3601" in set(view.pages.alamat)
    # Publishing the same file gives exactly the changes the preview announced.
    published = staff.publish(FIXTURES / "baik_bersih.csv")
    log = release.revisions()
    log = log[log.release == published.release_id]
    assert len(log) == counts["baru"] + counts["diubah"] + counts["dihapus"]
    again = preview.statistics_preview(release.load_newest_good().release.statistics, checked.rows)
    assert again.counts["tetap"] == len(checked.rows) and again.counts["baru"] == 0


def test_roster_preview_added_removed_changed(private, releases, tmp_path):
    first = roster_import.check(write_csv(tmp_path / "a.csv")).public
    body = rows()
    body[4][10] = "460/99-PSM/Dinsos/2025"  # the PSM's SK number changes
    del body[3]  # the organisation leaves
    second = roster_import.check(write_csv(tmp_path / "b.csv", body)).public
    diff = preview.roster_preview(first, second)
    assert (len(diff.added), len(diff.removed), len(diff.changed), diff.unchanged) == (0, 1, 1, 2)
    assert diff.changed.kolom.tolist() == ["nomor_sk"]
    assert diff.removed.nama.tolist() == ["Karang Taruna Kanari Jaya"]
    everything = preview.roster_preview(pd.DataFrame(columns=first.columns), second)
    assert len(everything.added) == len(second) and everything.changes == len(second)
