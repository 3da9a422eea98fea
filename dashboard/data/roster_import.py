"""Import of the real PSKS roster as Dinsos holds it: check, preview, publish (CLI and staff page).

``python -m dashboard.data roster check FILE`` / ``roster publish FILE``. The file (XLSX or CSV, read
by the same safe reader as the statistics upload) has one row per PSKS: NIK, nama, jenis PSKS,
kabupaten/kota, kecamatan, desa, telepon, alamat, tanggal lahir, nomor SK, tanggal SK, persetujuan
publikasi nama (columns and rules: :mod:`dashboard.data.roster_rules`, docs/staff.md).

Flow: read -> check every row (collecting every problem) -> normalise into the private table ->
public projection (:func:`dashboard.data.roster.public_projection`, the allowlist) -> preview against
the current release -> publish: the full private table and the original file go to
:func:`dashboard.settings.private_dir` (mode 600), and a new release is published with the current
statistics and the new public roster. Only the projection ever enters a release.

``id_publik`` is a keyed hash (HMAC-SHA-256 with a private key) of the NIK, so a person keeps the same
public id from one import to the next (the preview can say who was added, removed or changed) and
the id reveals nothing about the NIK without the key.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd

from dashboard.data import private_store, release
from dashboard.data import roster_rules as rr
from dashboard.data.cells import CellError, parse_date
from dashboard.data.readers import ExcelError, Formula, RawTable, UnreadableFile, read_table
from dashboard.data.rollback import publish_lock
from dashboard.data.roster import public_projection
from dashboard.data.schema import ROSTER_PUBLIC_COLUMNS, Problem
from dashboard.settings import releases_dir

PRIVATE_COLUMNS = ["id_publik", "jenis_psks", "jenis_entitas", "nama", "nik", "kode_kabkota", "kode_kecamatan",
                   "kode_desa", "telepon", "alamat_rumah", "tanggal_lahir", "nomor_sk", "tanggal_sk",
                   "persetujuan_publikasi_nama", "status", "periode_mulai", "periode_selesai", "baris"]


@dataclass
class RosterCheck:
    """Outcome of :func:`check`: problems refuse the file; notes are told but do not."""

    file: str
    sha256: str
    problems: list[Problem]
    notes: list[Problem] = field(default_factory=list)
    private: pd.DataFrame | None = None  # PRIVATE_COLUMNS, one row per PSKS
    public: pd.DataFrame | None = None  # ROSTER_PUBLIC_COLUMNS
    table: RawTable | None = None
    header_row: int | None = None
    release_id: str | None = None  # set by publish


def public_id(key: bytes, entity: str, nik: str, jenis: str, kecamatan: str, desa: str, name: str) -> str:
    """Stable public id: a keyed hash of the NIK (people) or of type, place and name (organisations)."""
    basis = f"orang|{nik}" if entity == "orang" else f"org|{jenis}|{kecamatan}|{desa}|{name.strip().lower()}"
    return "PSKS-" + hmac.new(key, basis.encode("utf-8"), hashlib.sha256).hexdigest()[:12].upper()


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _find_header(table: RawTable) -> tuple[int, dict[str, int], list[Problem], list[Problem]] | None:
    """(header row, column positions, problems, notes), or None when no row looks like the header."""
    scored = [(rr.header_score(cells), number, cells) for number, cells in table.rows[:30]]
    best = max(scored, key=lambda s: s[0], default=(0, 0, []))
    if best[0] < 4:
        return None
    _, number, cells = best
    columns: dict[str, int] = {}
    problems: list[Problem] = []
    notes: list[Problem] = []
    for i, cell in enumerate(cells):
        name = rr.canonical(cell)
        if name is None:
            if _text(cell) and rr.normalise_header(cell) not in rr.IGNORED:
                notes.append(Problem(table.name, number, rr.CONTROL.sub("", str(cell))[:40], None,
                                     rr.NOTES["kolom_lain"]))
        elif name in columns:
            problems.append(rr.problem("kolom_ganda", table.name, number, name))
        else:
            columns[name] = i
    problems += [rr.problem("kolom_wajib_tidak_ada", table.name, number, c) for c in rr.REQUIRED if c not in columns]
    return number, columns, problems, notes


def _date(cell: object, file: str, row: int, column: str, today: date, problems: list[Problem]) -> str:
    try:
        text = parse_date(cell)
    except CellError:
        text = ""
    if len(text) != 10:
        problems.append(rr.problem("tanggal_tidak_terbaca", file, row, column))
        return ""
    if text > today.isoformat():
        problems.append(rr.problem("tanggal_masa_depan", file, row, column))
    return text


class _Row:
    """Reads the cells of one data row by canonical column name."""

    def __init__(self, cells: list, columns: dict[str, int]):
        self.cells, self.columns = cells, columns

    def raw(self, name: str) -> object:
        i = self.columns.get(name)
        return self.cells[i] if i is not None and i < len(self.cells) else None


def _check_row(r: _Row, n: int, file: str, today: date, p: list[Problem]) -> dict | None:
    """One normalised private row, or None when a problem makes it unusable (``p`` collects them)."""
    for name in r.columns:
        if isinstance(r.raw(name), Formula | ExcelError):
            p.append(rr.problem("rumus_excel", file, n, name))
            return None
    val = {name: _text(r.raw(name)) for name in rr.COLUMNS}
    for name in ("nama", "nomor_sk", "telepon", "alamat"):
        text = val[name]
        phone = name == "telepon" and re.match(r"^\+\d", text)  # +62 812 ... is a phone number, not a formula
        if (text.startswith(rr.DANGEROUS_START) and not phone) or rr.CONTROL.search(text):
            p.append(rr.problem("teks_berbahaya", file, n, name))
    for name in ("nama", "jenis_psks", "kabupaten_kota", "kecamatan", "nomor_sk"):
        if not val[name]:
            p.append(rr.problem("wajib_diisi", file, n, name))
    kind = rr.psks_types().get(val["jenis_psks"].lower()) if val["jenis_psks"] else None
    if val["jenis_psks"] and kind is None:
        p.append(rr.problem("jenis_tidak_dikenal", file, n, "jenis_psks", val["jenis_psks"]))
    kab = rr.kabkota_code(val["kabupaten_kota"]) if val["kabupaten_kota"] else None
    if val["kabupaten_kota"] and kab is None:
        p.append(rr.problem("kabkota_tidak_dikenal", file, n, "kabupaten_kota", val["kabupaten_kota"]))
    kec = desa = None
    if val["kecamatan"]:
        kec, failure = rr.kecamatan_code(val["kecamatan"], kab)
        if failure:
            p.append(rr.problem(failure, file, n, "kecamatan", val["kecamatan"]))
    if kec and val["desa"]:
        desa = rr.desa_code(val["desa"], kec)
        if desa is None:
            p.append(rr.problem("desa_tidak_dikenal", file, n, "desa", val["desa"]))
    entity = kind[1] if kind else "orang"
    nik = _nik(r.raw("nik"), val["nik"], entity, kec, file, n, p)
    born = ""
    if entity == "orang" or val["tanggal_lahir"]:
        if not val["tanggal_lahir"]:
            p.append(rr.problem("wajib_diisi", file, n, "tanggal_lahir"))
        else:
            born = _date(r.raw("tanggal_lahir"), file, n, "tanggal_lahir", today, p)
            if born and born < f"{today.year - 100:04d}{today.isoformat()[4:]}":
                p.append(rr.problem("tanggal_lahir_tidak_wajar", file, n, "tanggal_lahir"))
    sk_date = _date(r.raw("tanggal_sk"), file, n, "tanggal_sk", today, p) if val["tanggal_sk"] else ""
    if not val["tanggal_sk"]:
        p.append(rr.problem("wajib_diisi", file, n, "tanggal_sk"))
    consent = val["persetujuan_publikasi_nama"].lower()
    if consent not in rr.YES | rr.NO:
        p.append(rr.problem("persetujuan_tidak_dikenal", file, n, "persetujuan_publikasi_nama", consent))
    status = val["status"].lower() or "aktif"
    if status not in rr.STATUSES:
        p.append(rr.problem("status_tidak_dikenal", file, n, "status", val["status"]))
    period = {name: (_date(r.raw(name), file, n, name, date.max, p) if val[name] else "")
              for name in ("periode_mulai", "periode_selesai")}
    return {"jenis_psks": kind[0] if kind else "", "jenis_entitas": entity, "nama": val["nama"], "nik": nik,
            "kode_kabkota": kab or "", "kode_kecamatan": kec or "", "kode_desa": desa or "",
            "telepon": val["telepon"], "alamat_rumah": val["alamat"], "tanggal_lahir": born,
            "nomor_sk": val["nomor_sk"], "tanggal_sk": sk_date,
            "persetujuan_publikasi_nama": "ya" if consent in rr.YES else "tidak", "status": status,
            "periode_mulai": period["periode_mulai"], "periode_selesai": period["periode_selesai"], "baris": n}


def _nik(raw: object, text: str, entity: str, kec: str | None, file: str, n: int, p: list[Problem]) -> str:
    if not text:
        if entity == "orang":
            p.append(rr.problem("wajib_diisi", file, n, "nik"))
        return ""
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        p.append(rr.problem("nik_angka_excel", file, n, "nik"))
        return ""
    digits = text.lstrip("'").replace(" ", "").replace(".", "").replace("-", "")
    if not (len(digits) == 16 and digits.isascii() and digits.isdigit()):
        p.append(rr.problem("nik_format", file, n, "nik"))
        return ""
    if entity == "orang" and kec and digits[:6] != rr.nik_prefix(kec):
        p.append(rr.problem("nik_wilayah", file, n, "nik"))
    return digits


def check(path: Path | str, today: date | None = None, sheet: str | None = None) -> RosterCheck:
    """Read and check a roster file; build the private table and its public projection. Writes nothing."""
    path = Path(path)
    today = today or datetime.now(UTC).date()
    data = path.read_bytes() if path.is_file() else b""
    result = RosterCheck(path.name, private_store.sha256_bytes(data), [])
    try:
        table = read_table(path, sheet=sheet, score=rr.header_score)
    except UnreadableFile as refused:
        result.problems = refused.problems
        return result
    result.table, result.file = table, table.name
    header = _find_header(table)
    if header is None:
        result.problems.append(rr.problem("judul_kolom_tidak_ada", table.name))
        return result
    result.header_row, columns, result.problems, result.notes = header
    if result.problems:
        return result
    rows = []
    for number, cells in table.rows:
        if number <= result.header_row or not any(_text(c) for c in cells):
            continue
        row = _check_row(_Row(cells, columns), number, table.name, today, result.problems)
        if row is not None:
            rows.append(row)
    if not rows and not result.problems:
        result.problems.append(rr.problem("tidak_ada_data", table.name, result.header_row))
    frame = pd.DataFrame(rows, columns=[c for c in PRIVATE_COLUMNS if c != "id_publik"])
    result.problems += rr.duplicates(frame, table.name)
    if result.problems:
        return result
    key = private_store.public_id_key()
    frame.insert(0, "id_publik", [public_id(key, *v) for v in frame[["jenis_entitas", "nik", "jenis_psks",
                                                                    "kode_kecamatan", "kode_desa", "nama"]].itertuples(index=False)])
    result.private = frame
    result.public = public_projection(frame, as_of=today)
    result.notes += rr.listing_notes(frame, result.public, table.name)
    return result


def store_private(result: RosterCheck, original: Path) -> Path:
    """Keep the original file and the normalised private table in the private folder (mode 600)."""
    folder = private_store.ensure_dir(private_store.ensure_dir() / "roster")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    stem = f"{stamp}-{result.sha256[:12]}"
    private_store.write_private(folder / f"{stem}-asli{original.suffix.lower()}", original.read_bytes())
    table = folder / f"{stem}-roster.csv"
    private_store.write_private(table, result.private[PRIVATE_COLUMNS].to_csv(index=False, lineterminator="\n")
                                .encode("utf-8"))
    return table


def publish(path: Path | str, today: date | None = None, sheet: str | None = None,
            root: Path | None = None) -> RosterCheck:
    """Check; when clean, store the private copy and publish current statistics + the new public roster.

    Nothing is published when a problem is found or when the public roster would not change.
    """
    path = Path(path)
    result = check(path, today, sheet)
    if result.problems:
        return result
    root = root or releases_dir()
    with publish_lock(root):
        served = release.load_newest_good(root).release
        if _same(served.roster, result.public):
            return result
        store_private(result, path)
        note = (f"Impor roster PSKS dari berkas staf (sha256 {result.sha256[:12]}): {len(result.public)} baris "
                f"publik dari {len(result.private)} baris")
        result.release_id = release.publish(served.statistics, result.public[ROSTER_PUBLIC_COLUMNS], note, root)
    return result


def _same(old: pd.DataFrame, new: pd.DataFrame) -> bool:
    def canon(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[ROSTER_PUBLIC_COLUMNS].astype(str).sort_values("id_publik").reset_index(drop=True)
    return len(old) == len(new) and canon(old).equals(canon(new))
