"""Reference code lists the boundary layers are joined with and checked against.

Only the BPS codes are used for joins, never names (Banten has a Kabupaten and a Kota Tangerang,
and a Kabupaten and a Kota Serang).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.data import reference
from dashboard.settings import REFERENCE_DIR

KABKOTA_COLUMNS = ["kode_bps", "kode_kemendagri", "nama", "nama_singkat", "jenis"]
KECAMATAN_COLUMNS = ["kode_bps", "kode_kemendagri", "nama", "nama_kemendagri", "kode_bps_kabkota"]


@dataclass(frozen=True)
class Reference:
    """The kab/kota and kecamatan code lists (all columns are strings).

    Attributes
    ----------
    kabkota : pandas.DataFrame
        Columns ``kode_bps, kode_kemendagri, nama, nama_singkat, jenis``.
    kecamatan : pandas.DataFrame
        Columns ``kode_bps, kode_kemendagri, nama, nama_kemendagri, kode_bps_kabkota``.
    """

    kabkota: pd.DataFrame
    kecamatan: pd.DataFrame

    def kecamatan_per_kabkota(self) -> dict[str, int]:
        """Expected number of kecamatan per kab/kota code, in the order of ``kabkota``."""
        counts = self.kecamatan.groupby("kode_bps_kabkota").size()
        return {code: int(counts.get(code, 0)) for code in self.kabkota["kode_bps"]}


def load_reference(folder: Path | None = None) -> Reference:
    """Read ``kabkota.csv`` and ``kecamatan.csv``.

    Parameters
    ----------
    folder : Path, optional
        Folder with the two CSV files; defaults to ``data/reference`` of the repository.

    Returns
    -------
    Reference

    Raises
    ------
    ValueError
        If a file lacks one of the expected columns.
    """
    folder = Path(folder) if folder is not None else REFERENCE_DIR
    frames = []
    for name, columns in (("kabkota.csv", KABKOTA_COLUMNS), ("kecamatan.csv", KECAMATAN_COLUMNS)):
        frame = reference.read(name, folder)
        missing = [c for c in columns if c not in frame.columns]
        if missing:
            raise ValueError(f"{folder / name}: kolom tidak ada: {', '.join(missing)}")
        frames.append(frame[columns].copy())
    return Reference(kabkota=frames[0], kecamatan=frames[1])
