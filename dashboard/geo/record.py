"""``geo/SOURCES.md``: written by every build next to the layers, read back by ``verify``.

It holds what the licence (CC BY 3.0 IGO) asks for — credit, a link to the licence, a note of the changes —
plus the checksums of the inputs, the pipeline settings and the checksums of each output. It depends only on
the bytes of the inputs and on the code, never on the date or on where the files were downloaded from, so a
rebuild reproduces it byte for byte like the layers.
"""

from __future__ import annotations

import gzip
import hashlib
import re
from dataclasses import dataclass

from dashboard.geo import ATTRIBUTION, ATTRIBUTION_EN, LICENSE, LICENSE_URL

DATASET_URL = "https://data.humdata.org/dataset/cod-ab-idn"
COPY_REPOSITORY = "JfrAziz/indonesia-district"
COPY_COMMIT = "8d3de3cfe78a0458e1fcab8e612f0a45d9ef5895"

_OUTPUT_ROW = re.compile(r"^\| `(?P<file>[^`]+\.geojson)` \| (?P<features>\d+) \| [\d.]+ \| [\d.]+ \| `(?P<sha>[0-9a-f]{64})` \|$")


@dataclass(frozen=True)
class FileFacts:
    """Name, size and SHA-256 of one file (an input or an output); ``features`` for outputs."""

    name: str
    data_bytes: int
    sha256: str
    features: int = 0
    gzip_bytes: int = 0
    note: str = ""

    @classmethod
    def of(cls, name: str, data: bytes, features: int = 0, note: str = "") -> FileFacts:
        return cls(name, len(data), hashlib.sha256(data).hexdigest(), features,
                   len(gzip.compress(data, mtime=0)), note)


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _settings_rows(settings: dict) -> str:
    return "\n".join(f"| `{key}` | {value} |" for key, value in settings.items())


def render(inputs: list[FileFacts], references: list[FileFacts], settings: dict, versions: dict,
           outputs: list[FileFacts]) -> str:
    """The text of ``SOURCES.md`` (Markdown, UTF-8, ends with a newline)."""
    input_rows = "\n".join(f"| `{f.name}` | {f.note} | {_n(f.data_bytes)} | `{f.sha256}` |" for f in inputs)
    reference_rows = "\n".join(f"| `{f.name}` | {_n(f.data_bytes)} | `{f.sha256}` |" for f in references)
    output_rows = "\n".join(
        f"| `{f.name}` | {f.features} | {_n(f.data_bytes)} | {_n(f.gzip_bytes)} | `{f.sha256}` |" for f in outputs
    )
    built_with = ", ".join(f"{name} {version}" for name, version in versions.items())
    return f"""# Batas wilayah Banten: source, licence, changes and checksums

Written by `python -m dashboard.geo build` together with the four layers beside it; do not edit it by hand
(every build rewrites it, and `python -m dashboard.geo verify` checks the layers against the table at the
end). How to rebuild and what is checked: `geo/README.md`.

## Source

- **Dataset:** OCHA Humanitarian Data Exchange (HDX), Common Operational Dataset – Administrative
  Boundaries, Indonesia (COD-AB IDN), "Indonesia - Subnational Administrative Boundaries",
  {DATASET_URL}
- **Data owner:** Badan Pusat Statistik (BPS – Statistics Indonesia); contributor OCHA Regional Office for
  Asia and the Pacific (ROAP).
- **Edition:** BPS 2020 (dataset date 2019-12-20, valid on 2020-04-01), village level (desa/kelurahan,
  ADM4): the 1,552 villages of Banten.
- **Copy used:** the eight per-kab/kota files of the GitHub repository `{COPY_REPOSITORY}`
  at commit `{COPY_COMMIT}`,
  which splits the HDX data into files without changing it (every feature carries `source: HDX-BPS-2020`, `date: 2019-12-20`, `valid_on: 2020-04-01`; the repository has no licence of
  its own, so the HDX/BPS licence applies). Download addresses: `geo/source_manifest.csv`.
- **Licence:** Creative Commons Attribution for Intergovernmental Organisations, **{LICENSE}**,
  {LICENSE_URL}.
  It allows redistribution and adaptation with credit, a link to the licence and a note of the changes
  (below).
- **Attributes:** names and Kemendagri codes are joined on the BPS codes from the reference lists below
  (their own sources are in the `.meta.yml` file beside each list); names are never used to join.

### Input files

Every file must have exactly this size and SHA-256 before it is used.

| file | kab/kota | bytes | SHA-256 |
| --- | --- | --- | --- |
{input_rows}

| reference list | bytes | SHA-256 |
| --- | --- | --- |
{reference_rows}

## Attribution

Shown in the footer of every page of the app and under its interactive maps (short form, with a link to the
licence), in full on the methodology page and under the maps of the light pages:

> {ATTRIBUTION}

English: "{ATTRIBUTION_EN}"

## Changes made to the source

1. Read the village polygons of the eight files and kept only the codes (`regency_code`,
   `district_code`, `village_code` without their `id` prefix); villages sorted by code.
2. Dissolved the villages by BPS kecamatan code into 155 kecamatan.
3. Dropped polygon parts (islets) smaller than `min_part_area_m2`, measured in UTM zone 48S
   (EPSG:32748); a kecamatan whose parts are all smaller keeps its largest part.
4. Simplified the kecamatan as one coverage with `shapely.coverage_simplify` at `simplify_tolerance_deg`
   (shared borders stay shared: no gaps, no overlaps), then rounded every vertex to `precision` decimals
   and repaired the few rings that came to touch themselves (`make_valid`, method `structure`).
5. Kab/kota = union of their kecamatan (`shapely.coverage_union_all`, which adds no vertex), so the two
   detailed layers nest exactly.
6. Display layers (for phones): each detailed layer simplified again as one coverage at
   `display_tolerance_deg`, rounded to `display_precision` decimals; the key is also the feature `id`.
7. Written as RFC 7946 GeoJSON (WGS 84 longitude/latitude, no `crs` member, exterior rings
   counter-clockwise), features sorted by BPS code, one feature per line.

| setting | value |
| --- | --- |
{_settings_rows(settings)}

Built with {built_with}.

## Caveats

The geometry is the BPS 2020 edition: boundary changes made after 2020 are not in it. It is simplified for
province- and kab/kota-level maps; it is not a legal or cadastral boundary and settles no boundary dispute.

## Output files

| file | features | bytes | gzip bytes | SHA-256 |
| --- | --- | --- | --- | --- |
{output_rows}
"""


def recorded_outputs(text: str) -> dict[str, tuple[int, str]]:
    """``{file: (features, sha256)}`` of the output table of a ``SOURCES.md`` text (empty if none)."""
    section = text.split("## Output files", 1)[-1] if "## Output files" in text else ""
    rows = (_OUTPUT_ROW.match(line) for line in section.splitlines())
    return {m["file"]: (int(m["features"]), m["sha"]) for m in rows if m}
