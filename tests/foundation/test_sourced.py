"""Import of the published figures (data/sources/sourced_figures*.csv) into the statistics table.

The expected numbers here are read from the quotes, from CONTEXT.md ("Data-quality flags") and from
the notes beside the second and third files, not from the importer.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pandas as pd
import pytest

from dashboard.data import sourced
from dashboard.data.schema import validate_statistics as validate
from dashboard.data.sourced_conflicts import GROUP_KEY, PREFERRED, SEE_ALSO
from dashboard.settings import SOURCES_DIR

RAW = sourced.load_raw()
ORIGINS = [f"{b}:{n}" for b, n in zip(RAW.berkas, RAW.baris, strict=True)]
F1, F2, F3 = "sourced_figures.csv", "sourced_figures_2.csv", "sourced_figures_3.csv"

#: Rows whose quote writes the number in a way no spelling rule below produces, with the reason.
#: Add a row here only with a sentence saying why its quote legitimately differs.
QUOTE_ALLOWLIST: dict[str, str] = {
    f"{F2}:99": "BPS table row printed without separators: 'Banten12.431,41,164,...' (12.431,4 ribu jiwa)",
    f"{F2}:110": "the source prints a stray space inside the number: 'Rp 578.247. 925.000'",
}
_WORDS = (("ribu", 10**3), ("juta", 10**6), ("miliar", 10**9), ("triliun", 10**12))
_NUMBER_WORDS = {1: "satu", 2: "dua", 3: "tiga", 4: "empat", 5: "lima", 6: "enam", 7: "tujuh", 8: "delapan",
                 9: "sembilan", 10: "sepuluh", 11: "sebelas", 12: "dua belas"}


def spellings(value: str) -> set[str]:
    """Ways a source may write ``value`` (the CSV's plain decimal, e.g. "75613", "775.99")."""
    whole, _, decimals = value.partition(".")
    grouped = f"{int(whole):,}"
    found = {
        value,                                                            # 75613, 9355.763
        value.replace(".", ","),                                          # 775,99 (with "ribu")
        grouped.replace(",", ".") + ("," + decimals if decimals else ""),  # 75.613, 3.426,56
        grouped + ("." + decimals if decimals else ""),                   # 1,272,687 (English)
    }
    if not decimals:
        found.add(grouped.replace(",", ".") + ",00")                      # Rp 449.291,00
    number = Decimal(value)
    if number in _NUMBER_WORDS:
        found.add(_NUMBER_WORDS[int(number)])                             # sembilan kecamatan
    for word, scale in _WORDS:                                            # 49 ribu, Rp121,5 miliar
        scaled = number / scale
        if scaled >= 1 and scaled == scaled.quantize(Decimal("0.001")):
            found.add(format(scaled.normalize(), "f").replace(".", ",") + " " + word)
    return found


def written_in(quote: str, value: str) -> bool:
    """True when one spelling of ``value`` stands in ``quote`` as a whole number (not inside another)."""
    if Decimal(value) == 0 and re.search(r"(?<=/)-|-(?=/)", quote):
        return True  # Wikipedia's "kelurahan/desa" column writes none as "-" ("43/-", "-/326")
    for text in spellings(value):
        if text.isalpha():
            if re.search(rf"\b{text}\b", quote, re.IGNORECASE):
                return True
            continue
        if re.search(r"(?<![\d])(?<!\d[.,])" + re.escape(text) + r"(?!\d)(?![.,]\d)", quote):
            return True
    return False


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("75613", {"75613", "75.613", "75,613"}),
        ("775.99", {"775,99", "775.99"}),
        ("3426.56", {"3.426,56"}),
        ("121500000000", {"121,5 miliar", "121.500.000.000"}),
        ("49000", {"49 ribu", "49.000"}),
        ("449291", {"449.291,00"}),
        ("9", {"sembilan"}),
    ],
)
def test_spellings_cover_the_forms_sources_use(value, expected):
    assert expected <= spellings(value)


@pytest.mark.parametrize(
    ("quote", "value", "found"),
    [
        ("sebanyak 75.613 KPM", "75613", True),
        ("sebanyak 175.613 KPM", "75613", False),   # part of a bigger number is not the number
        ("naik 1.234.567 jiwa", "234567", False),
        ("775,99 ribu orang", "775.99", True),
        ("775,995 ribu orang", "775.99", False),
        ("29 -/326", "0", True),
        ("1.435.003 29", "0", False),
        ("terdapat sembilan kecamatan", "9", True),
        ("terdapat sembilanbelas kecamatan", "9", False),
    ],
)
def test_written_in_matches_whole_numbers_only(quote, value, found):
    assert written_in(quote, value) is found


@pytest.mark.parametrize("origin", ORIGINS)
def test_value_is_written_in_its_quote(origin):
    row = RAW.iloc[ORIGINS.index(origin)]
    if origin in QUOTE_ALLOWLIST:
        pytest.skip(QUOTE_ALLOWLIST[origin])
    assert written_in(row["quote"], row["value"]), (
        f"{origin}: {row['value']} not in quote {row['quote']!r}; candidates {sorted(spellings(row['value']))}"
    )


def test_quote_allowlist_is_short_and_still_needed():
    assert len(QUOTE_ALLOWLIST) <= 5
    for origin in QUOTE_ALLOWLIST:
        row = RAW.iloc[ORIGINS.index(origin)]
        assert not written_in(row["quote"], row["value"]), f"{origin} no longer needs the allowlist"


def test_all_three_files_are_read_row_by_row():
    counts = RAW.groupby("berkas").size().to_dict()
    assert counts == {F1: 248, F2: 192, F3: 109}  # the README of each collection states these counts
    assert len(set(ORIGINS)) == len(ORIGINS)


def test_every_row_is_imported_as_resmi_with_its_provenance(resmi):
    assert len(resmi) == len(RAW)  # no row of the three files is refused today
    assert resmi["status"].eq("resmi").all()
    by_origin = resmi.set_index("origin")
    assert list(by_origin.index) == ORIGINS
    for column in ("source_url", "quote"):
        assert by_origin[column].tolist() == RAW[column].tolist(), column
    assert by_origin["unit_asli"].tolist() == RAW["unit"].tolist()


def test_imported_table_passes_the_schema(resmi):
    assert validate(resmi, "sourced_figures*.csv") == []


def _at(resmi: pd.DataFrame, origin: str) -> pd.Series:
    return resmi.set_index("origin").loc[origin]


@pytest.mark.parametrize(
    ("origin", "value", "precision", "period"),
    [
        (f"{F1}:135", 775_990.0, 10.0, "Maret"),          # "775,99 ribu jiwa (Maret)"
        (f"{F1}:136", 857_640.0, 10.0, "September"),      # "857,64 ribu jiwa (September)"
        (f"{F1}:72", 3_250_000.0, 10_000.0, ""),          # "3,25 juta jiwa"
        (f"{F1}:63", 11_900_000.0, 10_000.0, ""),         # "11,90 juta": the trailing zero is a stated digit
        (f"{F1}:81", 1_400_000.0, 100_000.0, ""),         # "1,4 juta"
        (f"{F1}:137", 867_230.0, None, "Maret"),          # exact figure, period in the unit
        (f"{F2}:99", 12_431_400.0, 100.0, ""),            # "12.431,4 ribu jiwa" (BPS table)
        (f"{F3}:22", 43_330.0, 10.0, ""),                 # "sekitar 43,33 ribu jiwa"
    ],
)
def test_rounded_units_become_whole_numbers_with_precision(resmi, origin, value, precision, period):
    row = _at(resmi, origin)
    assert row["value"] == value
    assert (pd.isna(row["precision"]) if precision is None else row["precision"] == precision)
    assert row["unit"] == "jiwa"
    assert row["period"] == period


def test_every_scaled_unit_is_converted_exactly(resmi):
    by_origin = resmi.set_index("origin")
    for origin, raw in zip(ORIGINS, RAW.itertuples(), strict=True):
        first = raw.unit.split(" ")[0]
        if first not in ("ribu", "juta"):
            continue
        scale = {"ribu": 1_000, "juta": 1_000_000}[first]
        decimals = len(raw.value.partition(".")[2])
        row = by_origin.loc[origin]
        assert row["value"] == float(Decimal(raw.value) * scale)
        assert row["precision"] == scale / 10**decimals
        assert not row["unit"].startswith(("ribu", "juta"))
        assert f"skala:{raw.value.replace('.', ',')} {raw.unit.split(' (')[0]}>" in row["processing"]


@pytest.mark.parametrize(
    ("origin", "value", "step", "approx"),
    [
        (f"{F2}:191", 13_700_000_000.0, 100_000_000.0, ""),      # "sumber: Rp13,7 miliar"
        (f"{F2}:109", 300_000_000_000.0, 1_000_000_000.0, "sekitar"),  # "kurang lebih Rp 300 miliar"
        (f"{F1}:163", 121_500_000_000.0, 100_000_000.0, "sekitar"),  # quote: "sekitar Rp121,5 miliar"
        (f"{F1}:154", 49_000.0, 1_000.0, ""),                    # quote: "49 ribu rumah tangga sasaran"
        (f"{F2}:145", 90_000.0, 1_000.0, "lebih dari"),          # "ribu KPM (lebih dari)"
        (f"{F1}:199", 2_000_000.0, None, ""),                    # a benefit amount "Rp2 juta" is exact
        (f"{F1}:179", 50_000_000_000.0, 1_000_000_000.0, "sekitar"),  # "sekitar Rp50 miliar"
        (f"{F1}:178", 50_000.0, 1_000.0, ""),                    # "... sekitar Rp50 miliar ... bagi 50 ribu KPM"
        (f"{F1}:212", 60.0, None, "sekitar"),                    # "membagikan sekitar 60 kaki dan tangan palsu"
        (f"{F2}:136", 300_000.0, 1_000.0, ""),                   # "300 ribu keluarga ... kurang lebih Rp 300 miliar"
    ],
)
def test_money_and_word_forms_keep_their_rounding(resmi, origin, value, step, approx):
    row = _at(resmi, origin)
    assert row["value"] == value
    assert (pd.isna(row["precision"]) if step is None else row["precision"] == step)
    assert row["approx"] == approx


def test_no_period_or_qualifier_stays_in_the_unit(resmi):
    assert not resmi["unit"].str.contains(r"[()]").any()
    moved = RAW["unit"].str.extract(r"\((Maret|September)[;)]")[0]
    assert (resmi.loc[moved.notna().to_numpy(), "period"].to_numpy() == moved.dropna().to_numpy()).all()
    assert moved.notna().sum() == 37  # grep -c '(Maret[;)]\|(September[;)]' over the three files
    assert set(resmi.loc[RAW.unit.str.contains("semester I\\)").to_numpy(), "period"]) == {"Semester I"}
    assert set(resmi.loc[RAW.unit.str.contains("per 29 Des").to_numpy(), "period"]) == {"Desember"}


def test_ipm_methods_are_two_series_decided_by_the_unit(resmi):
    ipm = resmi[resmi.indicator.str.startswith("ipm")]
    old = RAW.unit.str.contains("metode lama").to_numpy()
    assert set(resmi.loc[old, "indicator"]) == {"ipm_metode_lama"}
    assert set(ipm.loc[~ipm.origin.isin(resmi.loc[old, "origin"]), "indicator"]) == {"ipm"}
    # Banten 2020 and Kota Tangerang 2020-2022 are published in both methods: never one group.
    for code, year in (("36", 2020), ("3671", 2020), ("3671", 2021), ("3671", 2022)):
        both = ipm[(ipm.kode_wilayah == code) & (ipm.year == year)]
        assert sorted(both.indicator) == ["ipm", "ipm_metode_lama"] and both.displayed.all()


def test_exactly_one_displayed_row_per_fact(resmi):
    per_group = resmi.groupby(GROUP_KEY, dropna=False)["displayed"].agg(["sum", "size"])
    assert (per_group["sum"] == 1).all(), per_group[per_group["sum"] != 1]
    shared = resmi.groupby(GROUP_KEY, dropna=False)["fig_id"].transform("size") > 1
    assert resmi.loc[shared, "conflict_note"].str.len().gt(0).all()
    see_also = {o for pair in SEE_ALSO for o in pair[:2]}
    alone = ~shared & ~resmi.origin.isin(see_also)
    assert resmi.loc[alone, "conflict_note"].eq("").all()


def test_secondary_figures_are_displayed_only_without_an_official_or_press_figure(resmi):
    for _, group in resmi.groupby(GROUP_KEY, dropna=False):
        shown = group[group.displayed].iloc[0]
        if shown.source_type == "sekunder" and shown.origin not in PREFERRED:
            assert set(group.source_type) == {"sekunder"}, group[["origin", "source_type", "value"]]


def test_displayed_conflict_notes_name_the_other_values(resmi):
    for _, group in resmi.groupby(GROUP_KEY, dropna=False):
        if len(group) < 2:
            continue
        note = group[group.displayed].conflict_note.iloc[0]
        for value in group[~group.displayed].value:
            text = f"{int(value):,}".replace(",", ".") if float(value).is_integer() else str(value).replace(".", ",")
            assert text in note, (note, value)


def _group(resmi, indicator, program, code, year, **extra):
    rows = resmi[(resmi.indicator == indicator) & (resmi.program == program) & (resmi.kode_wilayah == code)
                 & (resmi.year == year)]
    for column, value in extra.items():
        rows = rows[rows[column] == value]
    return rows.set_index("value")


@pytest.mark.parametrize(
    ("fact", "extra", "shown", "kept", "kind"),
    [
        # CONTEXT flag 4: Rp15,5 M / Rp2,5 jt = 6 200 supports 6 200.
        (("penerima", "UEP", "36", 2023), {}, 6200.0, [6600.0], "berbeda"),
        # CONTEXT flag 5: the detailed allocation figure is shown.
        (("penerima", "JSK", "36", 2025), {}, 37741.0, [33000.0], "berbeda"),
        # CONTEXT flag 8, now under the source-type rule: detik's "3,25 juta" (press) is shown, the exact
        # Wikipedia figure (secondary) is kept; both come from SP2020 and agree within the rounding.
        (("jumlah_penduduk_sp2020", "", "3603", 2020), {}, 3250000.0, [3245619.0], "Duplikat"),
        (("jumlah_penduduk_sp2020", "", "3671", 2020), {}, 1895486.0, [1890000.0], "Duplikat"),
        (("penerima", "UEP", "3601", 2022), {}, 470.0, [470.0], "Duplikat"),
        # Issue 15: Kota Serang 2024 poverty 3,65 (Radar Banten, probably a typo) vs 5,65 (Databoks).
        (("persentase_penduduk_miskin", "", "3673", 2024), {}, 5.65, [3.65], "berbeda"),
        # Kota Serang 2022 poverty: 5,94 (with the 42,56 ribu count) vs 6,12.
        (("persentase_penduduk_miskin", "", "3673", 2022), {}, 5.94, [6.12], "berbeda"),
        # Kab. Serang Dukcapil semester II 2024: Disdukcapil via Radar Banten over the GitHub dump.
        (("jumlah_penduduk_dukcapil", "", "3604", 2024), {"period": "Semester II"}, 1791793.0, [1791795.0],
         "berbeda"),
        # TKSK 155 and Tagana 1.286 are 2013 figures (ANTARA berita/21537): the dated row is shown.
        (("jumlah_psks", "TKSK", "36", 2013), {}, 155.0, [155.0], "Duplikat"),
        (("jumlah_psks", "TAGANA", "36", 2013), {}, 1286.0, [1286.0], "Duplikat"),
        # Tagana Kota Tangerang 2022: 171 after recruitment (Jurnal Fakta 1) vs 141 (Kompas).
        (("jumlah_psks", "TAGANA", "3671", 2022), {}, 171.0, [141.0], "berbeda"),
    ],
)
def test_known_conflicts_keep_every_row_and_show_the_stated_choice(resmi, fact, extra, shown, kept, kind):
    group = _group(resmi, *fact, **extra)
    assert len(group) == 1 + len(kept)
    displayed = group[group.displayed]
    assert displayed.index.tolist() == [shown]
    hidden = group[~group.displayed]
    assert sorted(hidden.index) == sorted(kept)
    assert hidden["conflict_note"].str.contains(kind).all()
    assert displayed["conflict_note"].str.len().gt(0).all()  # the reason for the choice


def test_explicit_preferences_state_their_reason(resmi):
    for origin, reason in PREFERRED.items():
        row = _at(resmi, origin)
        assert bool(row["displayed"]) and row["conflict_note"].startswith(reason)


@pytest.mark.parametrize(
    ("first", "second"),
    [(f"{F1}:165", f"{F3}:91"),   # Jamsosratu 2018 per recipient: Rp1.665.000 per keluarga vs Rp1.250.000 per RTS
     (f"{F1}:155", f"{F1}:249")],  # Jamsosratu Lebak 2015: 14.291 RTS and 14.792 KSM are two facts
)
def test_contradicting_facts_in_different_units_are_both_displayed_and_name_each_other(resmi, first, second):
    a, b = _at(resmi, first), _at(resmi, second)
    assert a.unit != b.unit and a.displayed and b.displayed
    assert f"{int(b.value):,}".replace(",", ".") in a.conflict_note
    assert f"{int(a.value):,}".replace(",", ".") in b.conflict_note


def test_cilegon_2024_population_periods_are_separate_series(resmi):
    rows = resmi[(resmi.indicator == "jumlah_penduduk_dukcapil") & (resmi.kode_wilayah == "3672")
                 & (resmi.year == 2024)].set_index("period")
    assert rows.loc["Semester I", "value"] == 476_867.0 and rows.loc["Semester II", "value"] == 480_378.0
    assert rows.displayed.all()
    assert "akhir tahun 2024" in rows.loc["Semester I", "note"]


def test_kab_tangerang_2024_population_concepts_never_share_a_series(resmi):
    rows = resmi[resmi.indicator.str.startswith("jumlah_penduduk") & (resmi.kode_wilayah == "3603")
                 & (resmi.year == 2024)]
    keys = rows.groupby(["indicator", "period"]).size()
    assert len(keys) == 3  # Dukcapil semester I, Dukcapil semester II, BPS estimate
    assert rows.note.str.contains("Jangan dicampur").all()


def test_uep_2022_province_figure_is_in_rts_as_its_quote_says(resmi):
    row = _at(resmi, f"{F1}:227")
    assert row["unit"] == "RTS" and "koreksi:" in row["processing"] and "2.720" in row["note"]


def test_dukcapil_2021_semesters_are_two_periods_not_a_conflict(resmi):
    rows = resmi[(resmi.indicator == "jumlah_penduduk_dukcapil") & (resmi.kode_wilayah == "36")
                 & (resmi.year == 2021)]
    assert sorted(rows["value"]) == [11_788_728.0, 12_030_892.0]
    assert rows["displayed"].all()
    assert rows["conflict_note"].eq("").all()
    assert set(rows["period"]) == {"Semester I", "Semester II"}


def test_every_correction_is_applied_and_recorded(resmi):
    corrections = pd.read_csv(SOURCES_DIR / "koreksi_impor.csv", dtype=str, keep_default_na=False)
    by_origin = resmi.set_index("origin")
    for fix in corrections.itertuples():
        row = by_origin.loc[f"{fix.berkas}:{fix.baris}"]
        assert f"koreksi:{fix.id}:{fix.kolom}" in row["processing"].split(";")
        assert fix.alasan in row["note"]
        expected = {"year": lambda v: int(v), "year_inferred": lambda v: v == "True"}.get(fix.kolom, str)(fix.nilai)
        assert row[fix.kolom] == expected, (fix.id, row[fix.kolom])


def test_undated_rows_are_kept_without_a_year_and_say_so(resmi):
    undated = RAW["year"].eq("").to_numpy()
    corrected = resmi.processing.str.contains(":year").to_numpy()
    assert (undated & ~corrected).sum() >= 4
    assert resmi.loc[undated & ~corrected, "year"].isna().all()
    assert resmi.loc[undated, "note"].str.contains("Tahun tidak disebut").all()
    facts = set(zip(resmi.loc[undated & ~corrected, "program"], resmi.loc[undated & ~corrected, "kode_wilayah"],
                    resmi.loc[undated & ~corrected, "value"], strict=True))
    assert {("BANSOS_LANSIA", "36", 3000.0), ("UEP", "3604", 940.0)} <= facts


def test_inferred_years_and_dates_are_flagged(resmi):
    # Liputan6 2019 ("year inferred"), BeritaBig 2025 ("year inferred"), Juara Media "year not printed",
    # Radar Banten Cilegon "semester satu tahun ini" (koreksi).
    for origin in (f"{F2}:140", f"{F1}:196", f"{F1}:200", f"{F2}:93"):
        row = _at(resmi, origin)
        assert row["year_inferred"] and "tahun_konteks" in row["processing"].split(";"), origin
    for origin in (f"{F3}:53", f"{F2}:65", f"{F3}:69", f"{F2}:107"):  # disimpulkan, [date], outlet, copyright
        row = _at(resmi, origin)
        assert row["date_inferred"] and "tanggal_konteks" in row["processing"].split(";"), origin
    plain = _at(resmi, f"{F2}:6")
    assert not plain["date_inferred"] and not plain["year_inferred"] and plain["source_date"] == "2025-07-25"


def test_years_before_2018_are_kept(resmi):
    old = resmi[resmi.year.notna() & (resmi.year < 2018)]
    assert len(old) >= 60 and old.displayed.sum() >= 55
    psks_2013 = resmi[(resmi.indicator == "jumlah_psks") & (resmi.year == 2013)]
    assert len(set(psks_2013.program)) == 13  # the 13 types of the source; their total is its own indicator
    assert psks_2013.note.str.contains("2013").all()


@pytest.mark.parametrize(
    ("indicator", "program", "year", "stated"),
    [("penerima", "BLT_BBM", 2022, 75_613), ("penduduk_miskin", "", 2022, 814_020)],
)
def test_kabkota_sum_mismatch_is_footnoted_on_the_province_row(resmi, indicator, program, year, stated):
    rows = resmi[(resmi.indicator == indicator) & (resmi.program == program) & (resmi.year == year)
                 & (resmi.period == "")]
    kab = rows[rows.kode_wilayah.str.len() == 4]
    province = rows[rows.kode_wilayah == "36"]
    total = int(kab["value"].sum())
    assert len(province) == 1 and province["value"].iloc[0] == stated
    assert total != stated
    assert f"{total:,}".replace(",", ".") in province["note"].iloc[0]


def test_fig_ids_are_unique_and_stable(resmi):
    assert resmi["fig_id"].is_unique
    assert resmi["fig_id"].str.fullmatch(r"[a-z0-9_-]{6,40}").all()
    assert sourced.import_sourced()["fig_id"].tolist() == resmi["fig_id"].tolist()


def test_fig_ids_do_not_move_when_a_row_is_added(resmi):
    extra = RAW.iloc[[0]].assign(value="1", baris=999)
    grown = sourced.import_sourced(pd.concat([RAW, extra], ignore_index=True))
    assert grown["fig_id"].iloc[: len(resmi)].tolist() == resmi["fig_id"].tolist()


@pytest.mark.parametrize(
    ("column", "text", "words"),
    [
        ("unit", "ribu jiwa (kira-kira)", "kolom 'unit': keterangan satuan tidak dikenal"),
        ("unit", "lusin", "kolom 'unit': satuan dasar tidak dikenal"),
        ("source_date", "kemarin sore", "kolom 'source_date': bentuk tanggal sumber tidak dikenal"),
        ("source_date", "2022-01-06 (Jumat 6 Januari 2022)", "bukan hari Jumat"),
        ("program", "Program Baru", "kolom 'program'"),
        ("source_url", "https://contoh.invalid/tidak-dikenal", "belum ada di sumber.csv"),
    ],
)
def test_a_row_the_importer_cannot_read_fails_with_file_and_row(column, text, words):
    bad = RAW.copy()
    position = ORIGINS.index(f"{F2}:41")
    bad.loc[position, column] = text
    with pytest.raises(sourced.SourcedImportError) as err:
        sourced.import_sourced(bad)
    assert str(err.value).startswith(f"{F2}, baris 41: ") and words in str(err.value)
