"""Import of the published figures (data/sources/sourced_figures.csv) into the statistics table.

The expected numbers here are read from the quotes and from CONTEXT.md ("Data-quality flags"), not
from the importer.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pandas as pd
import pytest

from dashboard.data import sourced
from dashboard.data.build import validate
from dashboard.settings import SOURCES_DIR

RAW = sourced.load_raw()
LINES = [i + 2 for i in range(len(RAW))]  # spreadsheet line of each data row (header is line 1)

#: Lines whose quote writes the number in a way no spelling rule below produces, with the reason.
#: Empty today: the rules cover every line, including the English grouping some sources use
#: ("1,272,687" on lines 64-71, "111,710" on 131, "867,230" on 137) and Wikipedia's "-" for zero.
#: Add a line here only with a sentence saying why its quote legitimately differs.
QUOTE_ALLOWLIST: dict[int, str] = {}

_WORDS = (("ribu", 10**3), ("juta", 10**6), ("miliar", 10**9), ("triliun", 10**12))


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
    number = Decimal(value)
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
    ],
)
def test_written_in_matches_whole_numbers_only(quote, value, found):
    assert written_in(quote, value) is found


def test_every_row_is_imported_as_resmi_with_its_provenance(resmi):
    assert len(resmi) == len(RAW)
    assert resmi["status"].eq("resmi").all()
    for column in ("source_title", "source_url", "source_date", "quote"):
        assert resmi[column].tolist() == RAW[column].tolist(), column


def test_imported_table_passes_the_schema(resmi):
    assert validate(resmi, "sourced_figures.csv") == []


@pytest.mark.parametrize("line", LINES)
def test_value_is_written_in_its_quote(line):
    row = RAW.iloc[line - 2]
    if line in QUOTE_ALLOWLIST:
        pytest.skip(QUOTE_ALLOWLIST[line])
    assert written_in(row["quote"], row["value"]), (
        f"line {line}: {row['value']} not in quote {row['quote']!r}; candidates {sorted(spellings(row['value']))}"
    )


def test_quote_allowlist_is_short_and_still_needed():
    assert len(QUOTE_ALLOWLIST) <= 5
    for line in QUOTE_ALLOWLIST:
        row = RAW.iloc[line - 2]
        assert not written_in(row["quote"], row["value"]), f"line {line} no longer needs the allowlist"


def _line(resmi: pd.DataFrame, line: int) -> pd.Series:
    return resmi.iloc[line - 2]


@pytest.mark.parametrize(
    ("line", "value", "precision", "period"),
    [
        (135, 775_990.0, 10.0, "Maret"),          # "775,99 ribu jiwa (Maret)"
        (136, 857_640.0, 10.0, "September"),      # "857,64 ribu jiwa (September)"
        (72, 3_250_000.0, 10_000.0, ""),          # "3,25 juta jiwa"
        (63, 11_900_000.0, 10_000.0, ""),         # "11,90 juta": the trailing zero is a stated digit
        (81, 1_400_000.0, 100_000.0, ""),         # "1,4 juta"
        (137, 867_230.0, None, "Maret"),          # exact figure, period in the unit
    ],
)
def test_rounded_units_become_whole_numbers_with_precision(resmi, line, value, precision, period):
    row = _line(resmi, line)
    assert row["value"] == value
    assert (pd.isna(row["precision"]) if precision is None else row["precision"] == precision)
    assert row["unit"] == "jiwa"
    assert row["period"] == period
    assert row["unit_asli"] == RAW.iloc[line - 2]["unit"]


def test_every_scaled_unit_is_converted_exactly(resmi):
    for i, raw in RAW.iterrows():
        first = raw["unit"].split(" ")[0]
        if first not in ("ribu", "juta"):
            assert pd.isna(resmi.at[i, "precision"]), raw["unit"]
            continue
        scale = {"ribu": 1_000, "juta": 1_000_000}[first]
        decimals = len(raw["value"].partition(".")[2])
        assert resmi.at[i, "value"] == float(Decimal(raw["value"]) * scale)
        assert resmi.at[i, "precision"] == scale / 10**decimals
        assert not resmi.at[i, "unit"].startswith(("ribu", "juta"))


def test_period_never_stays_in_the_unit(resmi):
    assert not resmi["unit"].str.contains(r"\((?:Maret|September)\)").any()
    moved = RAW["unit"].str.extract(r"\((Maret|September)\)$")[0]
    assert (resmi.loc[moved.notna(), "period"] == moved.dropna()).all()
    assert moved.notna().sum() == 5


def test_exactly_one_displayed_row_per_fact(resmi):
    per_group = resmi.groupby(sourced.GROUP_KEY, dropna=False)["displayed"].agg(["sum", "size"])
    assert (per_group["sum"] == 1).all(), per_group[per_group["sum"] != 1]
    shared = resmi.groupby(sourced.GROUP_KEY, dropna=False)["fig_id"].transform("size") > 1
    assert resmi.loc[shared, "conflict_note"].str.len().gt(0).all()
    assert resmi.loc[~shared, "conflict_note"].eq("").all()


def _group(resmi, indicator, program, code, year):
    rows = resmi[(resmi.indicator == indicator) & (resmi.program == program) & (resmi.kode_wilayah == code)
                 & (resmi.year == year)]
    return rows.set_index("value")


@pytest.mark.parametrize(
    ("fact", "shown", "kept", "kind"),
    [
        # CONTEXT flag 4: Rp15,5 M / Rp2,5 jt = 6 200 supports 6 200.
        (("penerima", "UEP", "36", 2023), 6200.0, [6600.0], "berbeda"),
        # CONTEXT flag 5: the detailed allocation figure is shown.
        (("penerima", "JSK", "36", 2025), 37741.0, [33000.0], "berbeda"),
        # CONTEXT flag 8: prefer the exact figure over a rounded one.
        (("jumlah_penduduk_sp2020", "", "3603", 2020), 3245619.0, [3250000.0], "Duplikat"),
        (("jumlah_penduduk_sp2020", "", "3671", 2020), 1895486.0, [1890000.0], "Duplikat"),
        (("penerima", "UEP", "3601", 2022), 470.0, [470.0], "Duplikat"),
    ],
)
def test_known_conflicts_keep_every_row_and_show_the_stated_choice(resmi, fact, shown, kept, kind):
    group = _group(resmi, *fact)
    assert len(group) == 1 + len(kept)
    displayed = group[group.displayed]
    assert displayed.index.tolist() == [shown]
    hidden = group[~group.displayed]
    assert sorted(hidden.index) == sorted(kept)
    assert hidden["conflict_note"].str.contains(kind).all()
    assert displayed["conflict_note"].str.len().gt(0).all()  # the reason for the choice


def test_explicit_preferences_state_their_reason(resmi):
    for (indicator, program, code, year, value), reason in sourced.PREFERRED.items():
        row = _group(resmi, indicator, program, code, year).loc[value]
        assert bool(row["displayed"]) and row["conflict_note"] == reason


def test_dukcapil_2021_semesters_are_two_periods_not_a_conflict(resmi):
    corrections = pd.read_csv(SOURCES_DIR / "koreksi_impor.csv", dtype=str)
    rows = resmi[(resmi.indicator == "jumlah_penduduk_dukcapil") & (resmi.kode_wilayah == "36")
                 & (resmi.year == 2021)]
    assert sorted(rows["value"]) == [11_788_728.0, 12_030_892.0]
    assert rows["displayed"].all()
    assert rows["conflict_note"].eq("").all()
    for fix in corrections.itertuples():
        assert fix.kolom == "period"
        row = _line(resmi, int(fix.baris))
        assert row["period"] == fix.nilai and fix.alasan in row["note"]
        assert row["fig_id"] in set(rows["fig_id"])


def test_undated_rows_are_kept_without_a_year_and_say_so(resmi):
    undated = RAW["year"].eq("")
    assert undated.sum() >= 4
    assert resmi.loc[undated, "year"].isna().all()
    assert resmi.loc[~undated, "year"].notna().all()
    assert resmi.loc[undated, "note"].str.contains("Tahun tidak disebut").all()
    # CONTEXT flag 9 names these four.
    facts = set(zip(resmi.loc[undated, "program"], resmi.loc[undated, "kode_wilayah"],
                    resmi.loc[undated, "value"], strict=True))
    assert {("TKSK", "36", 155.0), ("TAGANA", "36", 1286.0), ("BANSOS_LANSIA", "36", 3000.0),
            ("UEP", "3604", 940.0)} <= facts


def _sum_note(resmi, indicator, program, year):
    rows = resmi[(resmi.indicator == indicator) & (resmi.program == program) & (resmi.year == year)]
    kab = rows[rows.kode_wilayah.str.len() == 4]
    province = rows[rows.kode_wilayah == "36"]
    return int(kab["value"].sum()), province


@pytest.mark.parametrize(
    ("indicator", "program", "year", "stated"),
    [("penerima", "BLT_BBM", 2022, 75_613), ("penduduk_miskin", "", 2022, 814_020)],
)
def test_kabkota_sum_mismatch_is_footnoted_on_the_province_row(resmi, indicator, program, year, stated):
    total, province = _sum_note(resmi, indicator, program, year)
    assert len(province) == 1 and province["value"].iloc[0] == stated
    assert total != stated
    assert f"{total:,}".replace(",", ".") in province["note"].iloc[0]


def test_fig_ids_are_unique_and_stable(resmi):
    assert resmi["fig_id"].is_unique
    assert resmi["fig_id"].str.fullmatch(r"[a-z0-9_-]{6,40}").all()
    assert sourced.import_sourced()["fig_id"].tolist() == resmi["fig_id"].tolist()


def test_fig_ids_do_not_move_when_a_row_is_added(resmi):
    extra = RAW.iloc[[0]].assign(value="1", source_url="https://contoh.invalid/baru")
    grown = sourced.import_sourced(pd.concat([RAW, extra], ignore_index=True))
    assert grown["fig_id"].iloc[: len(resmi)].tolist() == resmi["fig_id"].tolist()
