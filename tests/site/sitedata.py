"""Constants shared by the site tests: where the site says it lives, the canaries, the boundaries."""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
BASE_URL = "https://dasbor.example.go.id/site/"
PAYLOAD = "<script>alert(1)</script>"
CANARIES = {"nik": "3601999999999999", "telepon": "081299999999", "alamat_rumah": "Jl. Kanari No. 99"}
INJECTED_REGION = "3604"  # Kab. Serang gets the payload in its names
INJECTED_PROGRAM = "UEP"  # the featured programme: its name reaches the landing page, map and cards


def display_layer() -> Path | None:
    """The kab/kota display layer (committed in geo/, or $DASHBOARD_GEO_DIR), else None."""
    from dashboard.geo import layer_path

    path = layer_path("kabkota", display=True)
    return path if path.is_file() else None
