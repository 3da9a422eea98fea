"""The open-data package of a release: ``statistik.csv``, ``statistik.json`` and ``datapackage.json``.

The descriptor follows the Frictionless Tabular Data Package (v1) spec: name, title, licences,
sources, and one resource per file with its path, schema (field name, type, description), byte size
and ``sha256:`` hash; ``rows`` is our own addition so a reader can check completeness. Only the
public fields in :data:`FIELDS` are written. Files are written under temporary names and renamed into
place, data files first and the descriptor last, because the app serves them at stable URLs.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import os
from pathlib import Path

import pandas as pd

from dashboard.data.cells import safe_cell
from dashboard.data.schema import ROSTER_PRIVATE_COLUMNS, STATUSES
from dashboard.logic.figtext import region_name

CSV_NAME, JSON_NAME, DESCRIPTOR_NAME = "statistik.csv", "statistik.json", "datapackage.json"
#: (name, Frictionless type, description): the public fields, in file order.
FIELDS = [
    ("fig_id", "string", "Kode tetap angka (r = resmi, c = contoh); dipakai di tautan /cari?fig=..."),
    ("indicator", "string", "Kode indikator (lihat katalog indikator dasbor)"),
    ("program", "string", "Kode program atau jenis PSKS; kosong untuk indikator kependudukan/wilayah"),
    ("kode_wilayah", "string", "Kode BPS wilayah: 36 provinsi, 4 digit kabupaten/kota, 7 digit kecamatan"),
    ("wilayah", "string", "Nama wilayah (hanya untuk dibaca; gabungkan data memakai kode_wilayah)"),
    ("year", "integer", "Tahun data; kosong bila sumber tidak menyebut tahun"),
    ("period", "string", "Periode dalam tahun (misalnya Maret, September, Semester I); kosong bila setahun"),
    ("value", "number", "Nilai angka mentah dalam satuan kolom unit"),
    ("unit", "string", "Satuan nilai (KPM, orang, jiwa, rupiah, persen, km2, ...)"),
    ("unit_asli", "string", "Satuan sebagaimana tertulis di sumber (misalnya 'juta jiwa')"),
    ("precision", "number", "Langkah pembulatan di sumber (misalnya 10000 untuk '11,90 juta'); kosong bila angka rinci"),
    ("status", "string", "resmi = angka terbit dari sumber; contoh = DATA CONTOH untuk demonstrasi, bukan angka resmi"),
    ("source_title", "string", "Judul sumber"),
    ("source_url", "string", "Alamat sumber"),
    ("source_date", "string", "Tanggal sumber sebagaimana tercatat (teks bebas; bisa tidak lengkap)"),
    ("quote", "string", "Kutipan apa adanya dari sumber"),
    ("note", "string", "Pengolahan dan catatan mutu data"),
    ("displayed", "boolean", "true untuk angka yang ditampilkan bila beberapa sumber menyebut fakta yang sama"),
    ("conflict_note", "string", "Alasan pemilihan angka bila sumber berbeda"),
]
FIELD_NAMES = [name for name, _, _ in FIELDS]
CONTOH_NOTE = ("Baris dengan status 'contoh' adalah DATA CONTOH yang dibangkitkan untuk demonstrasi, bukan angka "
               "resmi; jangan dikutip sebagai angka resmi. Baris 'resmi' dikutip dari sumber pada kolom source_*.")
LICENSES = [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
             "path": "https://creativecommons.org/licenses/by/4.0/"}]
SOURCES = [
    {"title": "Berita, situs pemerintah dan publikasi BPS yang dikutip per baris (kolom source_title, source_url)"},
    {"title": "DATA CONTOH dibangkitkan oleh dashboard/data/generate.py (baris berstatus contoh; CC0)"},
]


def _csv_cell(kind: str, value: object) -> str:
    if _missing(value):
        return ""
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "integer":
        return str(int(value))
    return f"{float(value):.15g}" if kind == "number" else str(value)


def _records(stats: pd.DataFrame) -> list[list[object]]:
    """Public fields only, as plain Python values (iterating Arrow strings cell by cell is slow).

    Text a spreadsheet could run as a formula is neutralised here (and a bare CR becomes a line feed),
    so the CSV and the JSON hold the same rows and neither can carry ``=HYPERLINK(`` into a spreadsheet
    or split a CSV row, whatever got into a release.
    """
    out = stats.assign(wilayah=stats["kode_wilayah"].astype(str).map(region_name))[FIELD_NAMES]
    return [[safe_cell(v) for v in row] for row in out.astype(object).to_numpy().tolist()]


def _csv_text(rows: list[list[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(FIELD_NAMES)
    kinds = [t for _, t, _ in FIELDS]
    for row in rows:
        writer.writerow([_csv_cell(k, v) for k, v in zip(kinds, row, strict=True)])
    return buffer.getvalue()


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _json_value(kind: str, value: object) -> object:
    if _missing(value):
        return None
    if kind == "number" and float(value).is_integer() and abs(float(value)) < 2**53:
        return int(value)  # a count reads 5632, as in the CSV, never 5632.0
    return {"integer": int, "number": float, "boolean": bool}.get(kind, str)(value)


def _json_text(rows: list[list[object]]) -> str:
    kinds = [t for _, t, _ in FIELDS]
    lines = [json.dumps({n: _json_value(k, v) for n, k, v in zip(FIELD_NAMES, kinds, row, strict=True)},
                        ensure_ascii=False) for row in rows]
    return "[\n" + ",\n".join(lines) + "\n]\n"


def _resource(name: str, path: str, fmt: str, mediatype: str, data: bytes, rows: int) -> dict:
    return {
        "name": name, "path": path, "profile": "tabular-data-resource", "format": fmt, "mediatype": mediatype,
        "encoding": "utf-8", "bytes": len(data), "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
        "rows": rows,
        "schema": {"fields": [{"name": n, "type": t, "description": d} for n, t, d in FIELDS],
                   "primaryKey": "fig_id", "missingValues": [""]},
    }


def write_data_package(stats: pd.DataFrame, out_dir: str | Path, release_id: str, published_at: str) -> dict:
    """Write ``statistik.csv``, ``statistik.json`` and ``datapackage.json`` into ``out_dir``.

    Parameters
    ----------
    stats
        The statistics table of the release (extra columns are dropped: public fields only).
    out_dir
        Folder served at a stable URL; created if missing.
    release_id, published_at
        The release these files come from (recorded in the descriptor).

    Returns
    -------
    dict
        The descriptor that was written.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rows = _records(stats)
    csv_bytes = _csv_text(rows).encode("utf-8")
    json_bytes = _json_text(rows).encode("utf-8")
    descriptor = {
        "profile": "tabular-data-package",
        "name": "statistik-kesejahteraan-sosial-banten",
        "title": "Statistik Kesejahteraan Sosial Provinsi Banten",
        "description": "Angka program kesejahteraan sosial, PSKS, kependudukan dan kemiskinan di Provinsi Banten, "
                       "satu baris per angka dengan sumber, tanggal dan status. " + CONTOH_NOTE,
        "contoh_note": CONTOH_NOTE,
        "release": release_id, "created": published_at,
        "licenses": LICENSES, "sources": SOURCES,
        "contributors": [{"title": "Dinas Sosial Provinsi Banten", "role": "publisher"}],
        "keywords": ["kesejahteraan sosial", "Banten", "PSKS", "bantuan sosial", "kemiskinan"],
        "resources": [
            _resource("statistik", CSV_NAME, "csv", "text/csv", csv_bytes, len(rows)),
            _resource("statistik-json", JSON_NAME, "json", "application/json", json_bytes, len(rows)),
        ],
    }
    descriptor_bytes = (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    for name, data in ((CSV_NAME, csv_bytes), (JSON_NAME, json_bytes), (DESCRIPTOR_NAME, descriptor_bytes)):
        tmp = out / f".{name}.{os.getpid()}.tmp"
        tmp.write_bytes(data)
        os.replace(tmp, out / name)
    return descriptor


def _parse_csv_cell(kind: str, text: str) -> object:
    """The logical value of a CSV cell; raises ValueError when it does not fit the field type."""
    if text == "":
        return None
    if kind == "integer":
        if not text.lstrip("-").isdigit():
            raise ValueError(text)
        return int(text)
    if kind == "number":
        number = float(text)
        if not math.isfinite(number):
            raise ValueError(text)
        return number
    if kind == "boolean":
        if text not in ("true", "false"):
            raise ValueError(text)
        return text == "true"
    return text


def _json_fits(kind: str, value: object) -> bool:
    if value is None:
        return kind != "boolean"
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    return isinstance(value, {"boolean": bool, "string": str}[kind])


def _check_rows(name: str, rows: list[dict], resource: dict, problems: list[str]) -> None:
    if len(rows) != resource.get("rows"):
        problems.append(f"{name}: {len(rows)} baris, metadata menyebut {resource.get('rows')}")
    ids = [r.get("fig_id") for r in rows]
    if len(set(ids)) != len(ids) or None in ids:
        problems.append(f"{name}: fig_id kosong atau tidak unik")
    bad_status = {r.get("status") for r in rows} - set(STATUSES)
    if bad_status:
        problems.append(f"{name}: status tidak dikenal {sorted(map(str, bad_status))}")


def _read_resource(path: Path, resource: dict, problems: list[str]) -> list[dict] | None:
    fields = [(f["name"], f["type"]) for f in resource["schema"]["fields"]]
    names = [n for n, _ in fields]
    text = path.read_text(encoding="utf-8")
    if resource.get("format") == "csv":
        reader = csv.reader(io.StringIO(text))
        header = next(reader, [])
        if header != names:
            problems.append(f"{path.name}: kolom {header} tidak sama dengan skema {names}")
            return None
        rows = []
        for number, cells in enumerate(reader, start=2):
            try:
                rows.append({n: _parse_csv_cell(k, c) for (n, k), c in zip(fields, cells, strict=True)})
            except ValueError as exc:
                problems.append(f"{path.name}, baris {number}: nilai tidak sesuai tipe ({exc})")
        return rows
    data = json.loads(text)
    if not isinstance(data, list):
        problems.append(f"{path.name}: isi JSON harus berupa daftar baris")
        return None
    for number, row in enumerate(data, start=1):
        if not isinstance(row, dict) or list(row) != names:
            problems.append(f"{path.name}, baris {number}: kolom tidak sama dengan skema")
        elif bad := [n for n, k in fields if not _json_fits(k, row[n])]:
            problems.append(f"{path.name}, baris {number}: tipe salah pada {bad}")
    return [{k: (None if v == "" else v) for k, v in r.items()} for r in data if isinstance(r, dict)]


def validate_data_package(out_dir: str | Path) -> list[str]:
    """Check the files against their own descriptor; returns problems in Indonesian (empty = valid).

    Checks: required descriptor keys, public fields only, the schema matches :data:`FIELDS`, byte size
    and sha256 of every file, header and value types, row counts, unique ids, known statuses, and
    that the CSV and JSON hold the same rows.
    """
    out = Path(out_dir)
    try:
        descriptor = json.loads((out / DESCRIPTOR_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return [f"{DESCRIPTOR_NAME} tidak dapat dibaca: {exc}"]
    problems = [f"{DESCRIPTOR_NAME}: '{key}' wajib ada" for key in ("name", "title", "licenses", "resources")
                if not descriptor.get(key)]
    tables = []
    for resource in descriptor.get("resources", []):
        path = out / resource.get("path", "")
        fields = [(f.get("name"), f.get("type")) for f in resource.get("schema", {}).get("fields", [])]
        if fields != [(n, t) for n, t, _ in FIELDS]:
            problems.append(f"{resource.get('path')}: skema tidak sama dengan daftar kolom publik")
        if private := {n for n, _ in fields} & set(ROSTER_PRIVATE_COLUMNS):
            problems.append(f"{resource.get('path')}: kolom privat {sorted(private)}")
        if not path.is_file():
            problems.append(f"{resource.get('path')}: berkas tidak ada")
            continue
        data = path.read_bytes()
        if len(data) != resource.get("bytes"):
            problems.append(f"{path.name}: ukuran {len(data)} byte, metadata menyebut {resource.get('bytes')}")
        if "sha256:" + hashlib.sha256(data).hexdigest() != resource.get("hash"):
            problems.append(f"{path.name}: checksum tidak cocok dengan {DESCRIPTOR_NAME}")
        rows = _read_resource(path, resource, problems)
        if rows is not None:
            _check_rows(path.name, rows, resource, problems)
            tables.append(rows)
    if len(tables) == 2 and tables[0] != tables[1]:
        problems.append(f"{CSV_NAME} dan {JSON_NAME} tidak memuat baris yang sama")
    return problems
