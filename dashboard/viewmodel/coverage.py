"""What is published, and what is not: coverage per programme, PSKS type and general indicator.

Generated from a release, so a visitor and Dinsos both see the gaps: for every entry of the catalogue,
the years and regions its published figures cover and the latest year, or "belum ada angka terbit".
"""

from __future__ import annotations

import pandas as pd

from dashboard.data import reference
from dashboard.text.i18n import t

COLUMNS = ["kode", "nama", "jenis", "indikator", "tahun", "terakhir", "provinsi", "kabkota", "kecamatan", "angka"]


def _years(years: list[int]) -> str:
    """``2018–2021, 2023, 2025``: runs of consecutive years joined."""
    runs: list[list[int]] = []
    for year in sorted(set(years)):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)


def coverage(stats: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """One row per programme, PSKS type and general indicator of the catalogue (published figures only).

    Columns: ``kode``, ``nama``, ``jenis`` (program / PSKS / umum), ``indikator`` (names of the indicators
    with figures), ``tahun`` (covered years), ``terakhir`` (latest year), ``provinsi`` (✓ or —),
    ``kabkota`` and ``kecamatan`` (how many distinct regions), ``angka`` (how many displayed figures).
    """
    data = stats[stats["displayed"] & (stats["status"] == "resmi")]
    data = data.assign(level=data["kode_wilayah"].str.len())
    progs = reference.programs()
    inds = reference.indicators().set_index("kode")
    name_col = "nama" if lang == "id" else "nama_en"
    none = t("metodologi.coverage_none", lang)
    kinds = {"program": "program", "psks": "PSKS"}
    entries = [(r.kode, r[name_col], kinds.get(r.jenis, r.jenis), data["program"] == r.kode)
               for _, r in progs.iterrows()]
    general = sorted(set(data.loc[data["program"] == "", "indicator"]))
    entries += [(code, inds.at[code, name_col] if code in inds.index else code, "umum",
                 (data["program"] == "") & (data["indicator"] == code)) for code in general]
    rows = []
    for code, name, kind, mask in entries:
        own = data[mask]
        dated = own[own["year"].notna()]
        years = [int(y) for y in dated["year"]]
        indicators = sorted({inds.at[i, name_col] if i in inds.index else i for i in own["indicator"]})
        rows.append({
            "kode": code, "nama": name, "jenis": kind, "indikator": "; ".join(indicators) or none,
            "tahun": _years(years) or none, "terakhir": max(years) if years else None,
            "provinsi": "✓" if (own["level"] == 2).any() else "—",
            "kabkota": int(own.loc[own["level"] == 4, "kode_wilayah"].nunique()),
            "kecamatan": int(own.loc[own["level"] == 7, "kode_wilayah"].nunique()), "angka": len(own),
        })
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["terakhir"] = frame["terakhir"].astype("Int64")
    order = {"program": 0, "PSKS": 1, "umum": 2}
    return frame.sort_values(["jenis", "angka"], key=lambda s: s.map(order) if s.name == "jenis" else -s,
                             kind="stable").reset_index(drop=True)
