"""Speed and memory of ``python -m dashboard.data check FILE``: ``python -m bench.staff_check``.

Generates valid staff files (every row a figure that passes every rule: kecamatan figures add up
to their kab/kota, kab/kota to the province) of 20,000 and 99,999 data rows (100,000 spreadsheet
rows with the header, the most a file may have), as CSV and XLSX, and measures for each, in a fresh
process: wall time and peak RSS of the whole command (``run("check", ...)``: read, parse, rules,
merge with the current release, summary), next to the floor measured in the same run on the same
file (``pandas.read_csv`` of the CSV, openpyxl read-only iteration over every cell of the XLSX) and
the peak RSS of a process that has only imported the staff modules.

The peak is also read at the end of each stage of the check (``read``: reading and parsing the
rows, which go together; ``cells``: numbers and the typed table; ``rules``; ``merge``: with the
release; ``end``: after the summary), to show where it is reached.

Options: ``--rows 20000,99999`` ``--kinds csv,xlsx`` ``--keep DIR`` (keep the generated files).
The checked files need a release: the bench publishes a first one into a temporary folder. The
table is printed and written to ``bench/results/staff_check.md``.

Target (issue 14): 100,000 rows in at most 15 s and 300 MB on the 2-core machine. Before this work
a valid 99,999-row file took 280 s and 570 MB.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results" / "staff_check.md"
HEADER = ["no", "indikator", "program", "kode_wilayah", "nama_wilayah", "tahun", "periode", "nilai", "satuan",
          "sumber", "url_sumber", "tanggal_sumber", "kutipan", "catatan"]
SOURCE = ("Rekap Penerima Bantuan Sosial per Kecamatan (berkas uji bench)",
          "https://dinsos.bantenprov.go.id/uji/rekap", "15 Januari 2026")


def _regions() -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(kab/kota code, name, [(kecamatan code, name)]) from the reference tables."""
    from dashboard.data import reference

    kec = reference.kecamatan()
    return [(k.kode_bps, k.nama, list(zip(kec.loc[kec.kode_bps_kabkota == k.kode_bps, "kode_bps"],
                                             kec.loc[kec.kode_bps_kabkota == k.kode_bps, "nama"], strict=True)))
            for k in reference.kabkota().itertuples()]


def _fmt(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def valid_rows(count: int, seed: int = 1) -> list[list[object]]:
    """``count`` valid data rows: programme x year groups of province, kab/kota and kecamatan figures.

    Values are whole numbers well under every population; within a group the kecamatan add up to their
    kab/kota and the kab/kota to the province (a group cut at ``count`` only lacks children, allowed).
    """
    from dashboard.data import reference

    rng = random.Random(seed)
    programs = reference.programs()
    # Recipient counts only: a programme counted in rupiah or persen (budget lines, shares) is not one.
    programs = programs[(programs.jenis == "program") & ~programs.satuan.isin(["rupiah", "persen"])]
    regions = _regions()
    rows: list[list[object]] = []
    for year in range(2025, 1989, -1):
        for program in programs.itertuples():
            kab_values = {kab: [rng.randint(0, 400) for _ in kecs] for kab, _, kecs in regions}
            group = [("36", "Provinsi Banten", sum(map(sum, kab_values.values())))]
            for kab, name, kecs in regions:
                group.append((kab, name, sum(kab_values[kab])))
                group += [(code, kname, v) for (code, kname), v in zip(kecs, kab_values[kab], strict=True)]
            for code, name, value in group:
                quote = f"Penerima {program.kode} {year} di {name} sebanyak {_fmt(value)} {program.satuan}."
                rows.append([len(rows) + 1, "penerima", program.kode, code, name, year, "", value,
                             program.satuan, *SOURCE, quote if len(rows) % 7 == 0 else "",
                             "Realisasi akhir tahun; data uji." if len(rows) % 5 == 0 else ""])
                if len(rows) == count:
                    return rows
    raise ValueError(f"at most {len(rows)} valid rows can be generated")


def write_csv(path: Path, rows: list[list[object]]) -> Path:
    """Indonesian number text (``1.234``), UTF-8, comma-separated, as Excel's 'CSV UTF-8' writes."""
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        for row in rows:
            writer.writerow([_fmt(v) if i == 7 else v for i, v in enumerate(row)])
    return path


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    """Number cells for numbers, as a workbook typed by hand (write-only mode: fast, little memory)."""
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Data")
    ws.append(HEADER)
    for row in rows:
        ws.append([int(row[3]) if i == 3 else v for i, v in enumerate(row)])
    wb.save(path)
    return path


_CHILD = r"""
import json, resource, sys, time
kind, path = sys.argv[1], sys.argv[2]
t0 = time.perf_counter()
def hwm():
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) // 1024 for line in fh if line.startswith("VmHWM"))
if kind == "check":
    import io, contextlib
    from dashboard.data import staff
    stages = {}

    class Stages:  # in place of the progress bars: the peak so far when each stage ends
        stage = None

        def __call__(self, done, total, stage):
            if stage != self.stage:
                self.close()
                self.stage = stage

        def close(self):
            if self.stage:
                stages[self.stage] = hwm()
            self.stage = None

    staff._Bars = Stages
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = staff.run("check", path, progress=True)
    stages["end"] = hwm()
    result = {"code": code, "tail": out.getvalue().splitlines()[-1:], "stages": stages}
elif kind == "imports":
    from dashboard.data import staff, release
    result = {}
elif kind == "pandas":
    import pandas as pd
    result = {"rows": len(pd.read_csv(path, dtype=str, keep_default_na=False))}
elif kind == "openpyxl":
    import openpyxl
    wb = openpyxl.load_workbook(path, read_only=True, data_only=False)
    n = sum(1 for row in wb.active.iter_rows() for c in row if c.value is not None)
    wb.close()
    result = {"cells": n}
result["seconds"] = time.perf_counter() - t0
result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(result))
"""


def measure(kind: str, path: Path | str, env: dict[str, str]) -> dict:
    """Run one measurement in a fresh interpreter (so peak RSS is that of this work alone)."""
    done = subprocess.run([sys.executable, "-c", _CHILD, kind, str(path)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=1800, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.staff_check", description=__doc__.split("\n")[0])
    parser.add_argument("--rows", default="20000,99999")
    parser.add_argument("--kinds", default="csv,xlsx")
    parser.add_argument("--keep", default=None, help="folder to keep the generated files in")
    args = parser.parse_args(argv)
    work = Path(args.keep or tempfile.mkdtemp(prefix="bench_staff_"))
    work.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, DASHBOARD_RELEASES_DIR=str(work / "releases"), PYTHONPATH=str(REPO))
    subprocess.run([sys.executable, "-m", "dashboard.data", "init"], cwd=REPO, env=dict(
        env, DASHBOARD_LIGHT_PAGES="0", DASHBOARD_OPENDATA_DIR=str(work / "opendata")),
        check=True, capture_output=True)
    imports = measure("imports", "-", env)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    lines = [f"Load average at the start: {load} ({os.cpu_count()} cores; others' work slows every figure alike)",
             f"Python + staff modules imported: {imports['seconds']:.1f} s, peak {imports['peak_mb']:.0f} MB",
             f"{'file':<26} {'check s':>8} {'peak MB':>8} {'floor s':>8} {'floor MB':>9}  floor = "]
    print("\n".join(lines))
    for count in (int(n) for n in args.rows.split(",")):
        rows = valid_rows(count)
        for kind in args.kinds.split(","):
            path = work / f"valid_{count}.{kind}"
            (write_csv if kind == "csv" else write_xlsx)(path, rows)
            floor = measure("pandas" if kind == "csv" else "openpyxl", path, env)
            result = measure("check", path, env)
            status = "clean" if result["code"] == 0 else f"exit {result['code']}: {result['tail']}"
            lines.append(f"{path.name:<26} {result['seconds']:8.1f} {result['peak_mb']:8.0f} {floor['seconds']:8.1f} "
                         f"{floor['peak_mb']:9.0f}  {'pandas.read_csv' if kind == 'csv' else 'openpyxl read-only'}"
                         f"  ({status})")
            print(lines[-1])
            lines.append("    peak so far at the end of: " + ", ".join(
                f"{stage} {mb}" for stage, mb in result["stages"].items()) + " MB")
            print(lines[-1])
    RESULTS.write_text("# python -m bench.staff_check\n\n```\n" + "\n".join(lines) + "\n```\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
