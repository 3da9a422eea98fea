"""What a staff upload would change, before it is published: figure by figure, row by row, page by page.

:func:`statistics_preview` merges checked figures into the current statistics exactly as the publish
command does (:func:`dashboard.data.staff.merge`) and lists every figure of the upload as ``baru``,
``diubah`` (old -> new) or ``tetap``, plus every published figure the upload withdraws (``dihapus``),
with the public pages that show them. :func:`roster_preview` compares two public rosters on
``id_publik`` (added, removed, changed columns, unchanged). Pure pandas; the staff pages render it.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import pandas as pd

from dashboard.data import reference
from dashboard.data.schema import ROSTER_PUBLIC_COLUMNS

ORDER = {"baru": 0, "diubah": 1, "dihapus": 2, "tetap": 3}
#: Public pages and what they show of a series (Beranda only shows its headline series).
HEADLINES = {("penerima", "UEP"), ("penerima", "JSK"), ("penerima", "JSLU"), ("jumlah_psks", "TKSK"),
             ("jumlah_psks", "TAGANA"), ("jumlah_psks", "PSM"), ("penduduk_miskin", "")}


@dataclass
class StatsPreview:
    rows: pd.DataFrame  # perubahan, seri, wilayah, tahun, periode, nilai_lama, nilai_baru, status, fig_id
    counts: dict[str, int]
    pages: pd.DataFrame  # halaman, alamat, alasan
    merged: object  # the staff.merge result (its .table is what publish would write)


def _label(indicator: str, program: str) -> str:
    ind = reference.indicators().set_index("kode")
    name = ind.at[indicator, "nama"] if indicator in ind.index else indicator
    return f"{name} — {reference.program_name(program)}" if program else name


def _value(text: object) -> str:
    if text in ("", None) or pd.isna(text):
        return "—"
    number = float(text)
    return f"{number:,.0f}".replace(",", ".") if number.is_integer() else f"{number:,.2f}".translate(
        str.maketrans(",.", ".,"))


def statistics_preview(base: pd.DataFrame, staff_rows: pd.DataFrame, base_url: str = "") -> StatsPreview:
    """Preview of publishing ``staff_rows`` (checked statistics rows) on top of ``base``."""
    from dashboard.data import staff

    merged = staff.merge(base, staff_rows)
    changes = merged.changes
    changed_ids = set(changes["fig_id"])
    same = staff_rows[~staff_rows["fig_id"].isin(changed_ids)]
    kept = pd.DataFrame({
        "fig_id": same["fig_id"], "indicator": same["indicator"], "program": same["program"],
        "kode_wilayah": same["kode_wilayah"], "year": same["year"], "period": same["period"],
        "status": same["status"], "perubahan": "tetap",
        "nilai_lama": same["value"].map(lambda v: f"{v:.15g}"), "nilai_baru": same["value"].map(lambda v: f"{v:.15g}"),
    })
    every = pd.concat([changes, kept], ignore_index=True)
    names = reference.region_names()
    rows = pd.DataFrame({
        "perubahan": every["perubahan"],
        "seri": [_label(i, p) for i, p in zip(every["indicator"], every["program"], strict=True)],
        "wilayah": every["kode_wilayah"].map(names).fillna(every["kode_wilayah"]),
        "tahun": every["year"].astype(str).replace({"<NA>": ""}),
        "periode": every["period"],
        "nilai_lama": [_value(v) if c != "baru" else "—" for v, c in zip(every["nilai_lama"], every["perubahan"], strict=True)],
        "nilai_baru": [_value(v) if c != "dihapus" else "—" for v, c in zip(every["nilai_baru"], every["perubahan"], strict=True)],
        "status": every["status"], "fig_id": every["fig_id"],
        "_o": every["perubahan"].map(ORDER),
    }).sort_values(["_o", "seri", "wilayah", "tahun"]).drop(columns="_o").reset_index(drop=True)
    counts = {k: int((rows["perubahan"] == k).sum()) for k in ORDER}
    return StatsPreview(rows, counts, affected_pages(every[every["perubahan"] != "tetap"], base_url), merged)


def affected_pages(changes: pd.DataFrame, base_url: str = "") -> pd.DataFrame:
    """The public pages that show the changed figures, with a link to each (one row per page view)."""
    out = []
    base = base_url.rstrip("/")

    def url(page: str, **params: object) -> str:
        query = {k: v for k, v in params.items() if v not in (None, "")}
        return f"{base}/{page}" + (f"?{urlencode(query, safe=':,')}" if query else "")

    for (indicator, program), group in changes.groupby(["indicator", "program"], sort=True):
        label = _label(indicator, program)
        seri = f"{indicator}:{program}"
        years = sorted({int(y) for y in group["year"].dropna()}) if len(group) else []
        codes = set(group["kode_wilayah"])
        kab = sorted({c[:4] for c in codes if len(c) >= 4})
        if (indicator, program) in HEADLINES:
            out.append(("Beranda", url(""), f"angka utama: {label}"))
        for year in years:
            out.append(("Peta", url("peta", seri=seri, tahun=year), f"{label}, {year}"))
        out.append(("Tren", url("tren", seri=seri), f"{label}, semua tahun"))
        for code in kab:
            out.append(("Wilayah", url("wilayah", kode=code), f"profil {reference.region_names().get(code, code)}"))
        query = f"{program or indicator} {years[-1]}" if years else (program or indicator)
        out.append(("Cari Angka", url("cari", q=query), f"{label}"))
        if indicator == "jumlah_psks":
            out.append(("PSKS", url("psks"), f"jumlah {reference.program_name(program)}"))
    out.append(("Metodologi", url("metodologi"), "riwayat revisi dan catatan rilis"))
    return pd.DataFrame(out, columns=["halaman", "alamat", "alasan"]).drop_duplicates().reset_index(drop=True)


@dataclass
class RosterPreview:
    added: pd.DataFrame  # public columns
    removed: pd.DataFrame
    changed: pd.DataFrame  # id_publik, kolom (changed public columns), then the new public columns
    unchanged: int

    @property
    def changes(self) -> int:
        return len(self.added) + len(self.removed) + len(self.changed)


def roster_preview(old: pd.DataFrame, new: pd.DataFrame) -> RosterPreview:
    """Row-by-row difference of two public rosters (only allowlisted columns are ever compared or shown)."""
    o = old[ROSTER_PUBLIC_COLUMNS].astype(str).drop_duplicates("id_publik").set_index("id_publik")
    n = new[ROSTER_PUBLIC_COLUMNS].astype(str).drop_duplicates("id_publik").set_index("id_publik")
    common = n.index.intersection(o.index)
    diff = (o.loc[common] != n.loc[common]) if len(common) else pd.DataFrame(columns=n.columns)
    moved = diff.any(axis=1)
    changed_ids = common[moved.to_numpy()] if len(common) else common
    changed = n.loc[changed_ids].reset_index()
    changed.insert(1, "kolom", [", ".join(c for c in n.columns if diff.at[i, c]) for i in changed_ids])
    return RosterPreview(
        added=n.loc[n.index.difference(o.index)].reset_index(),
        removed=o.loc[o.index.difference(n.index)].reset_index(),
        changed=changed,
        unchanged=int(len(common) - len(changed_ids)),
    )


def statistics_changes(old: pd.DataFrame, new: pd.DataFrame) -> dict[str, int]:
    """How many figures going from ``old`` to ``new`` would be new, withdrawn or changed in value."""
    o = old.drop_duplicates("fig_id").set_index("fig_id")["value"]
    n = new.drop_duplicates("fig_id").set_index("fig_id")["value"]
    common = n.index.intersection(o.index)
    return {"baru": int(len(n.index.difference(o.index))), "dihapus": int(len(o.index.difference(n.index))),
            "diubah": int((o.loc[common] != n.loc[common]).sum())}
