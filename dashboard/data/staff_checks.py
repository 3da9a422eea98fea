"""Second pass over a staff file: value rules on the typed rows, every failure collected.

The rows become statistics rows (status ``resmi``) and go through
:func:`dashboard.data.schema.statistics_schema` with ``lazy=True`` (catalogues, negative values,
percentages above 100), then through the rules the schema cannot express: a plausible year and source
date, a programme that fits the indicator, whole numbers for counts, no more recipients than
residents (SP2020 figures displayed in the current release), no key twice in the file, and kab/kota
figures that add up to the province figure of the same file within the rounding of the figures.
"""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
import pandera.pandas as pa

from dashboard.data import reference
from dashboard.data.schema import Problem, statistics_schema, with_defaults
from dashboard.data.sourced import figure_id
from dashboard.data.staff_messages import problem
from dashboard.text.fmt import number

FIRST_YEAR = 1990
KEY = ["indicator", "program", "kode_wilayah", "year", "period"]
#: Indicators about regions, never about a programme.
NO_PROGRAM = {"jumlah_desa", "jumlah_kecamatan", "jumlah_kelurahan", "jumlah_penduduk_sp2020",
              "jumlah_penduduk_dukcapil", "jumlah_penduduk_proyeksi_bps", "luas_wilayah",
              "penduduk_miskin", "persentase_penduduk_miskin"}
#: Indicators that count something of one programme (``program``) or one PSKS type (``psks``).
NEEDS_PROGRAM = {"penerima": "program", "penerima_rencana": "program", "penerima_target": "program",
                 "anggaran": "program", "nilai_bantuan_per_penerima": "program", "unit_diberikan": "program",
                 "kegiatan": "program", "izin_pub": "program", "jumlah_psks": "psks"}
#: Statistics field -> column of the staff file, for messages.
STAFF_COLUMN = {"indicator": "indikator", "program": "program", "kode_wilayah": "kode_wilayah",
                "year": "tahun", "period": "periode", "value": "nilai", "unit": "satuan",
                "unit_asli": "satuan", "precision": "presisi", "source_title": "sumber",
                "source_url": "url_sumber", "source_date": "tanggal_sumber", "quote": "kutipan",
                "note": "catatan"}
_SCHEMA_RULES = {"indikator tidak ada dalam katalog": "indikator_tidak_dikenal",
                 "program tidak ada dalam katalog": "program_tidak_dikenal",
                 "kode wilayah tidak dikenal": "kode_wilayah_tidak_dikenal",
                 "nilai tidak boleh negatif": "nilai_negatif", "persentase di atas 100": "persen_di_atas_100",
                 "sumber wajib diisi": None, "in_range": None, "field_uniqueness": None}


def source_identity(title: str, url: str) -> str:
    """The source of a figure, written the same way whatever the spacing and case."""
    return " ".join(str(title).split()).casefold() + "|" + str(url).strip().rstrip("/").casefold()


def to_statistics(rows: pd.DataFrame, upload_note: str) -> pd.DataFrame:
    """Typed staff rows -> statistics rows (index kept: spreadsheet row numbers)."""
    out = rows.copy()
    out["status"] = "resmi"
    out["displayed"] = True
    out["conflict_note"] = ""
    out["note"] = [f"{n} {upload_note}".strip() for n in out["note"]]
    out["fig_id"] = [
        "r" + figure_id(r.indicator, r.program, r.kode_wilayah, r.year, r.period, r.unit,
                        source_identity(r.source_title, r.source_url))
        for r in out.itertuples()
    ]
    out["year"] = pd.to_numeric(out["year"]).astype("Int64")
    out["value"] = out["value"].astype(float)
    out["precision"] = pd.to_numeric(out["precision"]).astype(float)
    # Provenance of an upload: Dinsos's own publication; scaled values say what was converted.
    out["processing"] = [
        ";".join(([f"skala:{r.nilai_asli} {r.unit_asli}>{r.unit}"] if r.unit_asli != r.unit and r.nilai_asli else [])
                 + ([f"bulat:{int(r.precision)}"] if pd.notna(r.precision) and r.precision > 1 else []))
        for r in out.itertuples()
    ]
    return with_defaults(out)


def check_values(stats: pd.DataFrame, parsed: pd.DataFrame, base: pd.DataFrame, file: str,
                 today: date | None = None) -> list[Problem]:
    """Every value-rule failure of the staff rows ``stats`` (``parsed`` keeps the texts as written)."""
    today = today or date.today()
    found = _schema_problems(stats, parsed, file)
    found += _row_rules(stats, parsed, base, file, today)
    found += _duplicates(_complete(stats, parsed, KEY_COLUMNS), file)
    found += _sums(_complete(stats, parsed, KEY_COLUMNS | {"nilai", "satuan", "presisi"}), file)
    return found


def _shown(parsed: pd.DataFrame, row: int, field: str, value: object) -> object:
    if field == "value" and "nilai_asli" in parsed:
        return parsed.at[row, "nilai_asli"]
    return value


def _schema_problems(stats: pd.DataFrame, parsed: pd.DataFrame, file: str) -> list[Problem]:
    try:
        statistics_schema().validate(stats, lazy=True)
    except pa.errors.SchemaErrors as err:
        found, seen = [], set()
        for case in err.failure_cases.itertuples(index=False):
            text = str(case.check)
            rule = next((r for k, r in _SCHEMA_RULES.items() if text.startswith(k)), "skema")
            if rule is None or pd.isna(case.index) or text.startswith("not_nullable"):
                continue
            row = int(case.index)
            field = "value" if rule == "persen_di_atas_100" else case.column
            if STAFF_COLUMN.get(field) in parsed.at[row, "_failed"]:
                continue  # already reported by the first pass
            if (row, rule, field) in seen:  # frame-wide checks report every column of the row
                continue
            seen.add((row, rule, field))
            value = stats.at[row, field] if field in stats else case.failure_case
            found.append(problem(rule, file, row, STAFF_COLUMN.get(field, field),
                                 _shown(parsed, row, field, value), text if rule == "skema" else None))
        return found
    return []


def _population(base: pd.DataFrame) -> dict[str, float]:
    sp = base[(base.indicator == "jumlah_penduduk_sp2020") & base.displayed]
    return dict(zip(sp.kode_wilayah, sp.value, strict=True))


def _row_rules(stats: pd.DataFrame, parsed: pd.DataFrame, base: pd.DataFrame, file: str,
               today: date) -> list[Problem]:
    indicators = reference.indicators().set_index("kode")
    kinds = reference.programs().set_index("kode")["jenis"]
    population = _population(base)
    found = []
    for row, r in stats.iterrows():
        failed = parsed.at[row, "_failed"]

        def fail(rule: str, field: str | None, value: object = None, detail: str | None = None,
                 row: int = row) -> None:
            found.append(problem(rule, file, row, STAFF_COLUMN.get(field) if field else None,
                                 _shown(parsed, row, field, value), detail))

        if not pd.isna(r.year) and not FIRST_YEAR <= r.year <= today.year + 1:
            fail("tahun_di_luar_rentang", "year", r.year, f"harus {FIRST_YEAR} sampai {today.year + 1}")
        if r.source_date and not f"{FIRST_YEAR}-01-01" <= r.source_date <= today.isoformat():
            fail("tanggal_di_luar_rentang", "source_date", r.source_date)
        if r.source_url and not re.match(r"https?://[^\s/]+", r.source_url, re.IGNORECASE):
            fail("url_tidak_sah", "source_url", r.source_url)
        name = parsed.at[row, "nama_wilayah"]
        if name and "kode_wilayah" not in failed and not _name_matches(name, r.kode_wilayah):
            found.append(problem("nama_wilayah_tidak_cocok", file, row, "nama_wilayah", name,
                                 f"kode {r.kode_wilayah}"))
        meta = indicators.loc[r.indicator] if r.indicator in indicators.index else None
        need = NEEDS_PROGRAM.get(r.indicator)
        if meta is not None and "program" not in failed:
            if need and not r.program:
                fail("program_wajib", "program", None, r.indicator)
            elif r.program in kinds.index and ((need and kinds[r.program] != need) or r.indicator in NO_PROGRAM):
                fail("program_tidak_sesuai", "program", r.program, f"indikator {r.indicator}")
        if "satuan" in failed:
            continue
        if meta is not None and meta.satuan and r.unit != meta.satuan and not r.unit.startswith(meta.satuan + " "):
            fail("satuan_tidak_sesuai", "unit", r.unit_asli, f"harus {meta.satuan}")
        if pd.isna(r.value):
            continue
        people = population.get(r.kode_wilayah)
        if meta is not None and meta.denominator == "penduduk" and people and r.value > people:
            fail("melebihi_penduduk", "value", r.value, f"penduduk {number(people)} jiwa")
        counted = r.unit not in ("persen", "km2") and not r.unit.startswith("rupiah")
        if counted and r.value >= 0 and not float(r.value).is_integer():
            fail("bukan_bilangan_bulat", "value", r.value, f"{r.unit} tidak dapat berupa pecahan")
    return found


def _plain(name: str) -> str:
    text = re.sub(r"[.\s]+", " ", str(name).casefold()).strip()
    for long, short in (("kabupaten ", "kab "), ("kecamatan ", "kec "), ("provinsi ", "prov ")):
        text = text.replace(long, short)
    return text


def _name_matches(name: str, code: str) -> bool:
    """The region name written beside a code names that region (the code decides; names only check)."""
    forms = {reference.region_names().get(code, "")}
    kab = reference.kabkota().set_index("kode_bps")
    kec = reference.kecamatan().set_index("kode_bps")
    if code in kab.index:
        forms |= {kab.at[code, "nama"], kab.at[code, "nama_singkat"]}
    if code in kec.index:
        forms |= {kec.at[code, "nama"], kec.at[code, "nama_kemendagri"]}
    if code == reference.PROVINCE_CODE:
        forms |= {"Banten"}
    plain = {_plain(f) for f in forms if f}
    bare = {re.sub(r"^(kab|kota|kec|prov) ", "", f) for f in plain}
    return _plain(name) in plain | bare


KEY_COLUMNS = {"indikator", "program", "kode_wilayah", "tahun", "periode"}


def _complete(stats: pd.DataFrame, parsed: pd.DataFrame, columns: set[str]) -> pd.DataFrame:
    """Rows whose ``columns`` all parsed in the first pass."""
    return stats[[not (failed & columns) for failed in parsed.loc[stats.index, "_failed"]]]


def _duplicates(stats: pd.DataFrame, file: str) -> list[Problem]:
    first: dict[tuple, int] = {}
    found = []
    for row, key in zip(stats.index, stats[KEY].astype(str).itertuples(index=False, name=None), strict=True):
        if key in first:
            found.append(problem("kunci_ganda", file, row, None, None, f"sama dengan baris {first[key]}"))
        else:
            first[key] = row
    return found


def _sums(stats: pd.DataFrame, file: str) -> list[Problem]:
    """Kab/kota (or kecamatan) figures of one fact must add up to their parent figure in the file."""
    additive = set(reference.indicators().query("agregasi == 'jumlah'").kode)
    frame = stats[stats.indicator.isin(additive)].copy()
    frame["parent"] = frame.kode_wilayah.map(reference.parent_code)
    kecamatan = reference.kecamatan().groupby("kode_bps_kabkota").size()
    found = []
    for _, group in frame.groupby(["indicator", "program", "year", "period", "unit"], sort=False):
        for row, parent in group.iterrows():
            children = group[group.parent == parent.kode_wilayah]
            if children.empty:
                continue
            expected = len(reference.kabkota()) if parent.kode_wilayah == reference.PROVINCE_CODE \
                else int(kecamatan.get(parent.kode_wilayah, 0))
            total = children.value.sum()
            tolerance = children.precision.fillna(0).sum() + (0 if pd.isna(parent.precision) else parent.precision)
            tolerance += 1e-9 * max(1.0, abs(parent.value))
            complete = len(children) >= expected
            if (complete and abs(total - parent.value) > tolerance) or total > parent.value + tolerance:
                rows = ", ".join(str(i) for i in children.index)
                part = "" if complete else f" ({len(children)} dari {expected} wilayah)"
                found.append(problem("jumlah_tidak_cocok", file, row, "nilai", None, (
                    f"jumlah wilayah bawahan{part} di baris {rows} = {number(total)}, angka induk = "
                    f"{number(parent.value)}, selisih {number(abs(total - parent.value))} melebihi "
                    f"batas pembulatan {number(tolerance, 0)}")))
    return found
