"""A release full of hostile content: canary values in every private roster field, names that must
stay hidden, and HTML/script payloads in every text field that reaches a page.

Used by the browser tests that drive every page and download and search for the canaries, and check
that no injected script runs.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.data import build, release
from dashboard.data.roster import generate_roster, public_projection

#: Private values that must never leave the server.
CANARIES = {
    "nik": "3601999999999999",
    "no_kk": "3601888888888888",
    "telepon": "081299999999",
    "email": "kanari@rahasia.invalid",
    "alamat_rumah": "Jl. Kanari No. 99",
    "tanggal_lahir": "1911-11-11",
    "rekening_bank": "9876543210123",
    "nilai_evaluasi": "KanariNilai77",
    "riwayat_kesehatan": "KanariSakit",
    "agama": "KanariAgama",
}
HIDDEN_NAME = "Kanari Rahasia"  # an adult who did not consent to publication
MINOR_NAME = "Anak Kanari"  # a minor: never listed
#: Payloads set window.__pwned if they ever run.
INJECTIONS = [
    '<img src=x onerror="window.__pwned=1">',
    "<script>window.__pwned=2</script>",
    "${window.__pwned=3}",
    "javascript:window.__pwned=4",
    "=HYPERLINK(\"http://evil.invalid\")",
]


def hostile_roster() -> pd.DataFrame:
    roster = generate_roster()
    tksk = roster.index[roster.jenis_psks == "TKSK"]
    for column, value in CANARIES.items():
        roster.loc[tksk[:5], column] = value
    roster.loc[tksk[5], ["nama", "persetujuan_publikasi_nama"]] = [HIDDEN_NAME, "tidak"]
    roster.loc[tksk[6], ["nama", "tanggal_lahir", "persetujuan_publikasi_nama"]] = [MINOR_NAME, "2012-05-05", "ya"]
    for i, payload in enumerate(INJECTIONS):
        roster.loc[tksk[10 + i], ["nama", "persetujuan_publikasi_nama", "tanggal_lahir"]] = [payload, "ya", "1980-01-01"]
    return roster


def hostile_statistics() -> pd.DataFrame:
    stats = build.default_statistics()
    resmi = stats.index[(stats.status == "resmi") & (stats.program == "UEP") & (stats.year == 2022)]
    for i, idx in enumerate(resmi[: len(INJECTIONS)]):
        stats.loc[idx, "source_title"] = f"Sumber {INJECTIONS[i]}"
        stats.loc[idx, "quote"] = INJECTIONS[(i + 1) % len(INJECTIONS)]
        stats.loc[idx, "note"] = INJECTIONS[(i + 2) % len(INJECTIONS)]
        stats.loc[idx, "source_url"] = "javascript:window.__pwned=5"
    return stats


def publish_hostile_release(root: Path) -> str:
    return release.publish(hostile_statistics(), public_projection(hostile_roster()), "hostile test release", root)


def leaked(text: str) -> list[str]:
    """Which canaries or hidden names occur in ``text``."""
    found = [v for v in CANARIES.values() if v in text]
    return found + [n for n in (HIDDEN_NAME, MINOR_NAME) if n in text]
