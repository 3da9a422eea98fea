"""``processing``: what was done to each figure, as step codes, read aloud in two languages."""

from __future__ import annotations

import pytest

from dashboard.data import build
from dashboard.logic.processing import codes, describe


@pytest.mark.parametrize(
    ("processing", "lang", "expected"),
    [
        ("skala:791,61 ribu jiwa>jiwa;bulat:10", "id",
         ["Dikonversi dari '791,61 ribu jiwa' ke jiwa.", "Dibulatkan ke puluhan di sumber."]),
        ("skala:791,61 ribu jiwa>jiwa;bulat:10", "en",
         ["Converted from '791,61 ribu jiwa' to jiwa.", "Rounded to tens at the source."]),
        ("periode:Maret", "id", ["Periode 'Maret' diambil dari teks satuan di sumber."]),
        ("satuan:RTS/KPM>KPM", "id", ["Satuan 'RTS/KPM' di sumber dibaca sebagai 'KPM'."]),
        ("tahun_konteks", "id", ["Tahun diperkirakan dari konteks; tidak tercetak di sumber."]),
        ("koreksi:k16:unit", "en", ["Import correction k16 changed the unit; the reason is in the note."]),
        ("kira:lebih dari;bulat:1000", "en",
         ["The source gives an approximate figure ('more than').", "Rounded to thousands at the source."]),
        ("", "id", []),
    ],
)
def test_steps_read_as_sentences(processing, lang, expected):
    assert describe(processing, lang) == expected


def test_an_unknown_step_is_refused():
    with pytest.raises(ValueError, match="tidak dikenal"):
        describe("dibulatkan_diam_diam")
    with pytest.raises(ValueError):
        describe("skala:tanpa panah")


def test_every_step_in_the_default_data_can_be_read_in_both_languages():
    table = build.default_statistics()
    for text in set(table.processing):
        for lang in ("id", "en"):
            sentences = describe(text, lang)
            assert len(sentences) == len(codes(text)) and all(s.endswith(".") for s in sentences)


def test_processing_is_empty_only_when_nothing_was_done(resmi):
    table = build.default_statistics()
    done = ((table.unit_asli != table.unit) | table.precision.notna() | table.period.ne("")
            | table.approx.ne("") | table.year_inferred | table.date_inferred | table.status.eq("contoh"))
    assert table.loc[done, "processing"].str.len().gt(0).all()
    assert set(codes(";".join(table.loc[table.year_inferred, "processing"]))) >= {"tahun_konteks"}
    flagged = table[table.date_inferred]
    assert flagged.processing.str.contains("tanggal_konteks").all()
    assert resmi.loc[resmi.precision.gt(1), "processing"].str.contains("bulat:").all()
