"""Pieces every view model shares: downloads, source lines and labels of demonstration data."""

from __future__ import annotations

import io

import pandas as pd

from dashboard.logic.export import neutralise

CONTOH_LABEL = "DATA CONTOH, bukan angka resmi"


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV with raw numbers, UTF-8 with BOM (Excel opens it right), formula cells neutralised.

    A numeric column whose values are all whole numbers is written without a decimal part (counts
    read ``359``, not ``359.0``); other numbers keep every digit.
    """
    safe = frame.copy()
    for col in safe.columns:
        column = safe[col]
        if column.dtype == object or pd.api.types.is_string_dtype(column):
            safe[col] = column.map(neutralise)
        elif pd.api.types.is_float_dtype(column):
            present = column.dropna()
            if len(present) and (present == present.round()).all() and present.abs().max() < 2**53:
                safe[col] = column.astype("Int64")
    buffer = io.StringIO()
    safe.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue().encode("utf-8-sig")


def label_contoh(frame: pd.DataFrame) -> pd.DataFrame:
    """Add ``keterangan`` saying DATA CONTOH on every demonstration row of a download."""
    return frame.assign(keterangan=frame["status"].map(lambda s: CONTOH_LABEL if s == "contoh" else ""))


def every_source(frame: pd.DataFrame) -> list[str]:
    """Every distinct source title of the figures, in order (for texts that travel without the table)."""
    return list(dict.fromkeys(t for t in frame["source_title"].dropna() if t))


def sources_text(frame: pd.DataFrame, lang: str) -> str:
    """One source by name, or how many there are (the table beside it names them)."""
    titles = every_source(frame)
    if not titles:
        return "—"
    if len(titles) == 1:
        return titles[0]
    return f"{len(titles)} sumber (lihat tabel)" if lang == "id" else f"{len(titles)} sources (see table)"
