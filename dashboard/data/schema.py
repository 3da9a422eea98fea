"""Schemas of the published datasets (pandera), and the Indonesian validation report.

Validation runs in two passes (field notes: a failed coercion hides later value checks): first every
column is parsed to its type, then the value rules run on what parsed. Every failure is collected.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from dashboard.data import reference
from dashboard.data.sources_catalogue import SOURCE_TYPES

if TYPE_CHECKING:
    import pandera.pandas as pa

STATUSES = ("resmi", "contoh")

#: Columns of the tidy statistics table, in order. Provenance of each figure: ``source_type``
#: (dokumen_resmi | berita | sekunder | contoh), a clean ``source_title``, the normalised ``source_date``
#: (``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or empty) with its ``source_date_precision`` (hari | bulan |
#: tahun | empty), whether the date or the figure's year was inferred from context, ``processing`` (step
#: codes, read aloud by :mod:`dashboard.logic.processing`) and ``origin`` (``<file>:<row>`` of the raw row).
#: ``approx`` is "", "sekitar", "lebih dari" or "kurang dari"; ``period`` a code of ``periods.csv``.
#: ``unit_asli`` (the unit as the source wrote it) stays: citations and the open data show it, and
#: ``origin`` points into a raw file that a downloaded release does not contain.
STAT_COLUMNS = [
    "fig_id", "indicator", "program", "kode_wilayah", "year", "period", "value", "unit", "unit_asli",
    "precision", "approx", "status", "source_type", "source_title", "source_url", "source_date",
    "source_date_precision", "date_inferred", "year_inferred", "quote", "processing", "origin", "note",
    "displayed", "conflict_note",
]
#: Columns that hold True/False (a release file writes them as the words ``True`` and ``False``).
BOOL_COLUMNS = ["displayed", "date_inferred", "year_inferred"]
APPROX_VALUES = ("", "sekitar", "lebih dari", "kurang dari")
DATE_PRECISIONS = {"hari": 10, "bulan": 7, "tahun": 4, "": 0}  # precision -> length of the ISO text
#: Values of the provenance columns for a figure that states nothing more (staff uploads, tests).
STAT_DEFAULTS = {"approx": "", "source_type": "dokumen_resmi", "source_date_precision": None,
                 "date_inferred": False, "year_inferred": False, "processing": "", "origin": ""}


def date_precision(iso: str) -> str:
    """``hari``, ``bulan``, ``tahun`` or "" from the length of a normalised source date."""
    return {10: "hari", 7: "bulan", 4: "tahun"}.get(len(str(iso or "")), "")


def with_defaults(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every missing provenance column filled from :data:`STAT_DEFAULTS`, in column order.

    The date precision is derived from ``source_date``; demonstration rows get source type and
    processing ``contoh``; columns the caller set are left alone.
    """
    frame = frame.copy()
    contoh = frame["status"].eq("contoh") if "status" in frame.columns else False
    for column, default in STAT_DEFAULTS.items():
        if column in frame.columns:
            continue
        if column == "source_date_precision":
            frame[column] = frame["source_date"].map(date_precision)
        elif column in ("source_type", "processing"):
            frame[column] = pd.Series(default, index=frame.index).mask(contoh, "contoh")
        else:
            frame[column] = default
    return frame[STAT_COLUMNS]


#: Columns of the public PSKS roster: an allowlist, nothing else is ever published.
ROSTER_PUBLIC_COLUMNS = [
    "id_publik", "nama", "jenis_psks", "kode_kabkota", "kode_kecamatan", "kode_desa", "status",
    "periode_mulai", "periode_selesai", "nomor_sk", "tanggal_sk",
]

#: Private roster fields: never in a public view, download, export, log or static page.
ROSTER_PRIVATE_COLUMNS = [
    "nik", "no_kk", "telepon", "email", "alamat_rumah", "tanggal_lahir", "agama", "rekening_bank",
    "nilai_evaluasi", "riwayat_kesehatan", "persetujuan_publikasi_nama",
]


def _in_catalogue(column: str, values_fn):
    import pandera.pandas as pa

    return pa.Check(lambda s: s.isin(values_fn()) | s.eq(""), element_wise=False,
                    error=f"{column} tidak ada dalam katalog")


def statistics_schema() -> pa.DataFrameSchema:
    """Schema of the tidy statistics table (one row per published or demonstration figure).

    pandera is imported here, not with the module: it costs ~18 MB of memory, and reading a release
    or checking a staff file (``python -m dashboard.data check``) does not need it.
    """
    import pandera.pandas as pa

    indicators = lambda: set(reference.indicators().kode)  # noqa: E731
    programs = lambda: set(reference.programs().kode)  # noqa: E731
    return pa.DataFrameSchema(
        {
            "fig_id": pa.Column(str, pa.Check.str_matches(r"^[a-z0-9_-]{6,40}$"), unique=True),
            "indicator": pa.Column(str, _in_catalogue("indikator", indicators)),
            "program": pa.Column(str, _in_catalogue("program", programs)),
            "kode_wilayah": pa.Column(str, pa.Check.isin(sorted(reference.known_region_codes()),
                                                         error="kode wilayah tidak dikenal")),
            "year": pa.Column("Int64", pa.Check.in_range(1990, 2100), nullable=True),
            "period": pa.Column(str, pa.Check.isin(sorted(reference.periods().kode),
                                                   error="periode tidak ada dalam daftar periode")),
            "value": pa.Column(float, pa.Check.ge(0, error="nilai tidak boleh negatif")),
            "unit": pa.Column(str, pa.Check.str_length(min_value=1)),
            "unit_asli": pa.Column(str),
            "precision": pa.Column(float, nullable=True),
            "approx": pa.Column(str, pa.Check.isin(APPROX_VALUES, error="penanda perkiraan tidak dikenal")),
            "status": pa.Column(str, pa.Check.isin(STATUSES, error="status harus resmi atau contoh")),
            "source_type": pa.Column(str, pa.Check.isin(SOURCE_TYPES, error="jenis sumber tidak dikenal")),
            "source_title": pa.Column(str, pa.Check.str_length(min_value=1, error="sumber wajib diisi")),
            "source_url": pa.Column(str),
            "source_date": pa.Column(str, pa.Check.str_matches(r"^(\d{4}(-\d{2}(-\d{2})?)?)?$",
                                                               error="tanggal sumber harus YYYY-MM-DD, YYYY-MM atau YYYY")),
            "source_date_precision": pa.Column(str, pa.Check.isin(list(DATE_PRECISIONS),
                                                                  error="presisi tanggal tidak dikenal")),
            "date_inferred": pa.Column(bool),
            "year_inferred": pa.Column(bool),
            "quote": pa.Column(str),
            "processing": pa.Column(str),
            "origin": pa.Column(str),
            "note": pa.Column(str),
            "displayed": pa.Column(bool),
            "conflict_note": pa.Column(str),
        },
        checks=[
            pa.Check(lambda d: ~(d.status.eq("contoh") & ~d.note.str.contains("DATA CONTOH")),
                     error="angka contoh harus berlabel DATA CONTOH"),
            pa.Check(lambda d: d.status.eq("contoh") == d.source_type.eq("contoh"),
                     error="jenis sumber contoh hanya untuk angka contoh"),
            pa.Check(lambda d: d.source_date.str.len() == d.source_date_precision.map(DATE_PRECISIONS),
                     error="presisi tanggal tidak sesuai dengan tanggal sumber"),
            pa.Check(lambda d: ~(d.unit.eq("persen") & d.value.gt(100)), error="persentase di atas 100"),
        ],
        strict=True,
        ordered=True,
    )


@dataclass(frozen=True)
class Problem:
    """One validation failure, phrased for the member of staff who can fix it."""

    file: str
    row: int | None  # spreadsheet row number (1 = first line of the file), None for whole-file rules
    column: str | None
    value: str | None
    rule: str

    def message(self) -> str:
        """One line, with every character of file and column that is not printable escaped (a file name
        holding a line break or a terminal escape code must not be able to forge another line)."""
        where = _printable(self.file)
        if self.row is not None:
            where += f", baris {self.row}"
        if self.column:
            where += f", kolom '{_printable(self.column)}'"
        shown = "" if self.value in (None, "") else f" (nilai: {self.value!r})"
        return f"{where}: {self.rule}{shown}"


def _printable(text: object) -> str:
    text = str(text)
    return text if text.isprintable() else "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def problems_from_schema_error(err: pa.errors.SchemaErrors, file: str, header_rows: int = 1) -> list[Problem]:
    """Turn pandera's lazy failure table into :class:`Problem` rows with spreadsheet row numbers.

    ``header_rows`` is how many lines precede the first data row in the file (title rows + header);
    row number = frame index + header_rows + 1.
    """
    problems = []
    for case in err.failure_cases.itertuples(index=False):
        index = getattr(case, "index", None)
        row = None if index is None or pd.isna(index) else int(index) + header_rows + 1
        column = case.column if isinstance(case.column, str) else None
        check = str(case.check)
        rule = _translate_check(check)
        value = None if pd.isna(case.failure_case) else str(case.failure_case)
        problems.append(Problem(file, row, column, value, rule))
    return problems


_CHECK_TEXT = {
    "column_in_dataframe": "kolom wajib tidak ada",
    "column_in_schema": "kolom tidak dikenal (tidak boleh ada di berkas publik)",
    "field_uniqueness": "nilai harus unik",
    "not_nullable": "nilai wajib diisi",
    "dtype": "tipe data salah",
    "column_ordered": "urutan kolom salah",
}


def _translate_check(check: str) -> str:
    for key, text in _CHECK_TEXT.items():
        if check.startswith(key):
            return text
    if check.startswith("coerce_dtype"):
        return "tidak dapat dibaca sebagai " + check.split("'")[1] if "'" in check else "tipe data salah"
    if check.startswith("greater_than_or_equal_to"):
        return "nilai tidak boleh negatif"
    if check.startswith("in_range"):
        return "nilai di luar rentang yang diizinkan " + check[len("in_range"):]
    if check.startswith("isin"):
        return "nilai tidak ada dalam daftar yang diizinkan"
    if check.startswith("str_matches"):
        return "format tidak sesuai"
    return check


def validate_statistics(frame: pd.DataFrame, label: str) -> list[Problem]:
    """Every failure of :func:`statistics_schema` on ``frame`` (empty when it is valid)."""
    import pandera.pandas as pa

    try:
        statistics_schema().validate(frame, lazy=True)
    except pa.errors.SchemaErrors as err:
        return problems_from_schema_error(err, label)
    return []
