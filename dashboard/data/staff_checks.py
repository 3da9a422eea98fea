"""Second pass over a staff file: value rules on the typed rows, every failure collected.

The rows become statistics rows (status ``resmi``) and meet the rules of
:func:`dashboard.data.schema.statistics_schema` that a staff row can break (catalogues, negative
values, percentages above 100; the schema itself guards the whole table at publish), then the rules
the schema cannot express: a plausible year and source
date, a programme that fits the indicator, whole numbers for counts, no more recipients than
residents (SP2020 figures displayed in the current release), no key twice in the file, and kab/kota
figures that add up to the province figure of the same file within the rounding of the figures.
"""

from __future__ import annotations

import re
from datetime import date

import numpy as np
import pandas as pd

from dashboard.data import reference
from dashboard.data.schema import Problem, with_defaults
from dashboard.data.sourced import figure_id
from dashboard.data.staff_messages import problem
from dashboard.data.staff_totals import KEY, KEY_COLUMNS, complete, duplicates, sums
from dashboard.text.fmt import number

FIRST_YEAR = 1990
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


def source_identity(title: str, url: str) -> str:
    """The source of a figure, written the same way whatever the spacing and case."""
    return " ".join(str(title).split()).casefold() + "|" + str(url).strip().rstrip("/").casefold()


def to_statistics(rows: pd.DataFrame, upload_note: str) -> pd.DataFrame:
    """Typed staff rows -> statistics rows (index kept: spreadsheet row numbers).

    Built column by column without a Python object per cell where a column operation does: a
    ``tolist()`` of every key column at once held ~50 MB of strings for 100,000 rows, so the
    identifiers are made :data:`CHUNK` rows at a time.
    """
    out = rows[[c for c in rows.columns if c != "_failed"]]  # copy-on-write: only new columns are made
    out["status"] = "resmi"
    out["displayed"] = True
    out["conflict_note"] = ""
    # Cell texts are stored stripped (clean_text) and the upload note has no outer spaces: as
    # f"{note} {upload_note}".strip() would give.
    note = out["note"]
    out["note"] = (note + " " + upload_note).where(note != "", upload_note)
    out["fig_id"] = _figure_ids(out)
    out["year"] = pd.to_numeric(out["year"]).astype("Int64")
    out["value"] = out["value"].astype(float)
    out["precision"] = pd.to_numeric(out["precision"]).astype(float)
    # Provenance of an upload: Dinsos's own publication; scaled values say what was converted.
    out["processing"] = _processing(out)
    return with_defaults(out)


CHUNK = 10_000
_ID_COLUMNS = ("indicator", "program", "kode_wilayah", "year", "period", "unit", "source_title", "source_url")


def _figure_ids(out: pd.DataFrame) -> list[str]:
    ids: list[str] = []
    sources: dict[tuple[str, str], str] = {}
    for start in range(0, len(out), CHUNK):
        part = [out[c].iloc[start:start + CHUNK].tolist() for c in _ID_COLUMNS]
        for i, p, k, y, pe, u, t, url in zip(*part, strict=True):
            source = sources.get((t, url))
            if source is None:
                source = sources[(t, url)] = source_identity(t, url)
            ids.append("r" + figure_id(i, p, k, y, pe, u, source))
    return ids


def _processing(out: pd.DataFrame) -> pd.Series:
    """``skala:<value as written> <unit as written>><unit>`` and ``bulat:<step>``, ``;``-joined; most
    rows have neither, so only the others are written row by row."""
    scaled = (out.unit_asli != out.unit) & (out.nilai_asli != "")
    rounded = out.precision.notna() & (out.precision > 1)
    result = pd.Series("", index=out.index, dtype="str")
    some = (scaled | rounded).to_numpy(dtype=bool)
    if some.any():
        part = out[some]
        result[some] = [";".join(([f"skala:{v} {ua}>{u}"] if sc else []) + ([f"bulat:{int(pr)}"] if ro else []))
                        for v, ua, u, pr, sc, ro in zip(part.nilai_asli, part.unit_asli, part.unit, part.precision,
                                                        scaled[some], rounded[some], strict=True)]
    return result


def check_values(stats: pd.DataFrame, parsed: pd.DataFrame, base: pd.DataFrame, file: str,
                 today: date | None = None, progress=None) -> list[Problem]:
    """Every value-rule failure of the staff rows ``stats`` (``parsed`` keeps the texts as written).

    ``progress(done, total)`` counts the four groups of rules.
    """
    today = today or date.today()
    steps = [lambda: _catalogue_problems(stats, parsed, file),
             lambda: _row_rules(stats, parsed, base, file, today),
             lambda: duplicates(complete(stats[KEY], parsed, KEY_COLUMNS), file),
             lambda: sums(complete(stats[KEY + ["unit", "value", "precision"]], parsed,
                                   KEY_COLUMNS | {"nilai", "satuan", "presisi"}), file)]
    found: list[Problem] = []
    for done, step in enumerate(steps):
        if progress:
            progress(done, len(steps))
        found += step()
    if progress:
        progress(len(steps), len(steps))
    return found


def _shown(parsed: pd.DataFrame, row: int, field: str, value: object) -> object:
    if field == "value" and "nilai_asli" in parsed:
        return parsed.at[row, "nilai_asli"]
    return value


def _catalogue_problems(stats: pd.DataFrame, parsed: pd.DataFrame, file: str) -> list[Problem]:
    """The rules of :func:`~dashboard.data.schema.statistics_schema` that a staff row can break.

    Everything else in the schema holds by construction of :func:`to_statistics`; the schema itself
    runs on the whole table before a release is written (:func:`staff_merge.validate_merged`), not at
    check time (pandera alone costs ~18 MB, and validating 100,000 rows twice as much again).
    A cell that failed in the first pass is not reported again.
    """
    failed = parsed.loc[stats.index, "_failed"]
    value = stats.value
    rules = [
        ("indicator", "indikator_tidak_dikenal", ~stats.indicator.isin(set(reference.indicators().kode))
         & (stats.indicator != ""), None),
        ("program", "program_tidak_dikenal", ~stats.program.isin(set(reference.programs().kode))
         & (stats.program != ""), None),
        ("kode_wilayah", "kode_wilayah_tidak_dikenal", ~stats.kode_wilayah.isin(reference.known_region_codes()), None),
        ("period", "skema", ~stats.period.isin(set(reference.periods().kode)), "periode tidak ada dalam daftar periode"),
        ("value", "nilai_negatif", value.notna() & (value < 0), None),
        ("value", "persen_di_atas_100", (stats.unit == "persen") & (value > 100), None),
    ]
    found = []
    for field, rule, mask, detail in rules:
        column = STAFF_COLUMN[field]
        for row in stats.index[mask.to_numpy(dtype=bool)]:
            if column not in failed[row]:
                found.append(problem(rule, file, row, column, _shown(parsed, row, field, stats.at[row, field]), detail))
    return found


def _population(base: pd.DataFrame) -> dict[str, float]:
    sp = base[(base.indicator == "jumlah_penduduk_sp2020") & base.displayed]
    return dict(zip(sp.kode_wilayah, sp.value, strict=True))


def _per_value(frame: pd.DataFrame, columns: list[str], fn) -> pd.Series:
    """``fn(*values)`` for every row, computed once per distinct combination of ``columns`` (found from
    the columns' codes, so no Python object is made per row)."""
    ids = np.zeros(len(frame), dtype=np.int64)
    for column in columns:
        codes = pd.factorize(frame[column])[0] + 1
        ids = ids * (int(codes.max(initial=0)) + 1) + codes
    _, first, inverse = np.unique(ids, return_index=True, return_inverse=True)
    values = [frame[c].iloc[first].tolist() for c in columns]
    done = np.array([fn(*args) for args in zip(*values, strict=True)] + [None], dtype=object)[:-1]
    return pd.Series(done[inverse.reshape(-1)], index=frame.index, dtype=object)


def _program_rule(indicator: str, program: str, kinds: pd.Series, known: set[str]) -> str | None:
    if indicator not in known:
        return None
    need = NEEDS_PROGRAM.get(indicator)
    if need and not program:
        return "program_wajib"
    if program in kinds.index and ((need and kinds[program] != need) or indicator in NO_PROGRAM):
        return "program_tidak_sesuai"
    return None


def _row_rules(stats: pd.DataFrame, parsed: pd.DataFrame, base: pd.DataFrame, file: str,
               today: date) -> list[Problem]:
    """Rules on single rows, each evaluated on whole columns (or once per distinct value)."""
    indicators = reference.indicators().set_index("kode")
    kinds = reference.programs().set_index("kode")["jenis"]
    known = set(indicators.index)
    failed = parsed.loc[stats.index, "_failed"]
    found: list[tuple[int, int, Problem]] = []

    def ok(column: str) -> pd.Series:
        flags = {f: column not in f for f in set(failed)}
        return failed.map(flags).astype(bool)

    def report(order: int, mask: pd.Series, rule: str, field: str | None, values=None, detail=None) -> None:
        for row in stats.index[mask.to_numpy(dtype=bool)]:
            value = values(row) if callable(values) else None
            found.append((row, order, problem(rule, file, row, STAFF_COLUMN.get(field) if field else None,
                                              _shown(parsed, row, field, value), detail(row) if callable(detail) else detail)))

    year = stats.year.astype("Float64")
    report(0, year.notna() & ~year.between(FIRST_YEAR, today.year + 1).fillna(True), "tahun_di_luar_rentang", "year",
           lambda r: stats.at[r, "year"], f"harus {FIRST_YEAR} sampai {today.year + 1}")
    dates = stats.source_date
    report(1, (dates != "") & ~((dates >= f"{FIRST_YEAR}-01-01") & (dates <= today.isoformat())),
           "tanggal_di_luar_rentang", "source_date", lambda r: stats.at[r, "source_date"])
    url_ok = _per_value(stats, ["source_url"], lambda u: bool(re.match(r"https?://[^\s/]+", u, re.IGNORECASE)))
    report(2, (stats.source_url != "") & ~url_ok.astype(bool), "url_tidak_sah", "source_url",
           lambda r: stats.at[r, "source_url"])
    names = parsed.loc[stats.index, "nama_wilayah"]
    forms = _region_forms()
    name_ok = _per_value(stats.assign(_name=names), ["_name", "kode_wilayah"],
                         lambda n, c: not n or _plain(n) in forms.get(c, set()))
    for row in stats.index[(~name_ok.astype(bool) & ok("kode_wilayah")).to_numpy(dtype=bool)]:
        found.append((row, 3, problem("nama_wilayah_tidak_cocok", file, row, "nama_wilayah", names[row],
                                      f"kode {stats.at[row, 'kode_wilayah']}")))
    program_rule = _per_value(stats, ["indicator", "program"], lambda i, p: _program_rule(i, p, kinds, known))
    program_ok = ok("program")
    report(4, (program_rule == "program_wajib") & program_ok, "program_wajib", "program", None,
           lambda r: stats.at[r, "indicator"])
    report(4, (program_rule == "program_tidak_sesuai") & program_ok, "program_tidak_sesuai", "program",
           lambda r: stats.at[r, "program"], lambda r: f"indikator {stats.at[r, 'indicator']}")
    unit_ok = ok("satuan")
    expected = stats.indicator.map(indicators.satuan.to_dict()).fillna("")
    wrong_unit = _per_value(stats.assign(_expected=expected), ["unit", "_expected"],
                            lambda u, e: bool(e) and u != e and not u.startswith(e + " "))
    report(5, wrong_unit.astype(bool) & unit_ok, "satuan_tidak_sesuai", "unit", lambda r: stats.at[r, "unit_asli"],
           lambda r: f"harus {expected[r]}")
    value = stats.value
    population = stats.kode_wilayah.map(_population(base)).astype(float)
    per_person = stats.indicator.map(indicators.denominator.to_dict()).eq("penduduk")
    report(6, unit_ok & value.notna() & per_person & (population > 0) & (value > population), "melebihi_penduduk",
           "value", lambda r: stats.at[r, "value"], lambda r: f"penduduk {number(population[r])} jiwa")
    counted = ~stats.unit.isin(["persen", "km2"]) & ~stats.unit.str.startswith("rupiah")
    report(7, unit_ok & value.notna() & counted & (value >= 0) & (value % 1 != 0), "bukan_bilangan_bulat", "value",
           lambda r: stats.at[r, "value"], lambda r: f"{stats.at[r, 'unit']} tidak dapat berupa pecahan")
    return [p for _, _, p in sorted(found, key=lambda t: (t[0], t[1]))]


def _plain(name: str) -> str:
    text = re.sub(r"[.\s]+", " ", str(name).casefold()).strip()
    for long, short in (("kabupaten ", "kab "), ("kecamatan ", "kec "), ("provinsi ", "prov ")):
        text = text.replace(long, short)
    return text


def _region_forms() -> dict[str, set[str]]:
    """Region code -> every plain way of writing its name (the code decides; names only check)."""
    forms: dict[str, set[str]] = {code: {name} for code, name in reference.region_names().items()}
    for r in reference.kabkota().itertuples():
        forms.setdefault(r.kode_bps, set()).update({r.nama, r.nama_singkat})
    for r in reference.kecamatan().itertuples():
        forms.setdefault(r.kode_bps, set()).update({r.nama, r.nama_kemendagri})
    forms.setdefault(reference.PROVINCE_CODE, set()).add("Banten")
    out = {}
    for code, names in forms.items():
        plain = {_plain(f) for f in names if f}
        out[code] = plain | {re.sub(r"^(kab|kota|kec|prov) ", "", f) for f in plain}
    return out

