"""The words "Cari Angka" knows, in Bahasa Indonesia and English.

The vocabulary is built from the catalogues (``data/reference``): region names, programme and PSKS
codes, acronyms and names (``nama`` and ``nama_en``), indicator names in both languages and period
names, plus ``search_terms.csv``, edited by hand when people use a new word for something:

* ``sinonim`` rows group words that mean the same (``lansia``, ``lanjut usia``, ``elderly``,
  ``older persons``); :func:`normalise` rewrites every member of a group to the group's ``kode``,
  in the catalogues and in a query alike, so one word finds what the others name;
* ``wilayah``, ``program`` and ``indikator`` rows give one entity extra names (``tangsel``,
  ``disaster volunteers``).

:func:`tokens` drops markup (a ``<script>`` element whole), HTML entities, punctuation, accents
and stop words of both languages.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

import pandas as pd

from dashboard.data import reference

TERMS_FILE = "search_terms.csv"
KINDS = ("sinonim", "wilayah", "program", "indikator")
STOPWORDS = frozenset(
    # Bahasa Indonesia
    "di dan atau yang untuk ke dari pada per dengan tahun th thn berapa berapakah brp jumlah banyaknya "
    "banyak total data angka bagi oleh dalam ada adalah apa saja sebanyak tentang mengenai se sejak "
    "terbaru terakhir kini sekarang ini itu tsb "
    # English
    "the of in a an and or for to by on at from with how many much what which who where when is are "
    "was were there number numbers total figure figures year years latest current now as its".split()
)
#: Region qualifiers (after :func:`normalise`): a query naming one halves regions of another kind.
QUALIFIERS = {"kab": "kab", "kota": "kota", "kecamatan": "kec", "provinsi": "prov"}
#: Tie-break among figures of equal relevance: the headline count first.
INDICATOR_PRIORITY = {"penerima": 0, "jumlah_psks": 0, "penduduk_miskin": 1,
                      "persentase_penduduk_miskin": 1, "anggaran": 2}

_MARKUP = re.compile(r"<\s*(script|style)\b.*?(?:<\s*/\s*\1\s*>|$)|<[^>]*>", re.IGNORECASE | re.DOTALL)


def tokens(text: object) -> list[str]:
    """Lower-case ASCII words without markup, punctuation or stop words: ``"Kab. Serang"`` -> ``[kab, serang]``."""
    text = _MARKUP.sub(" ", html.unescape(str(text)))
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return [t for t in re.sub(r"[^a-z0-9]+", " ", text).split() if t not in STOPWORDS]


@lru_cache(maxsize=1)
def terms() -> pd.DataFrame:
    """``search_terms.csv``: ``jenis`` (sinonim | wilayah | program | indikator), ``kode``, ``istilah``, ``bahasa``."""
    return reference.read(TERMS_FILE)


@lru_cache(maxsize=1)
def synonyms() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Every synonym (as stop-word-free tokens) -> its group's canonical tokens; the canonical form
    maps to itself, so :func:`normalise` is idempotent."""
    out: dict[tuple[str, ...], tuple[str, ...]] = {}
    for row in terms().query("jenis == 'sinonim'").itertuples():
        canonical = tuple(tokens(row.kode))
        for phrase in (row.kode, row.istilah):
            key = tuple(tokens(phrase))
            if key:
                out[key] = canonical
    return out


@lru_cache(maxsize=1)
def _longest_phrase() -> int:
    return max(map(len, synonyms()))


def canonical(words: list[str]) -> list[str]:
    """Replace synonyms by their canonical form, longest phrase first, left to right."""
    table, longest, out, i = synonyms(), _longest_phrase(), [], 0
    while i < len(words):
        for size in range(min(longest, len(words) - i), 0, -1):
            found = table.get(tuple(words[i:i + size]))
            if found is not None:
                out.extend(found)
                i += size
                break
        else:
            out.append(words[i])
            i += 1
    return out


def normalise(text: object) -> list[str]:
    """:func:`tokens`, then :func:`canonical`: ``"older persons in Lebak Regency"`` -> ``[lansia, lebak, kab]``."""
    return canonical(tokens(text))


@lru_cache(maxsize=1)
def surface_words() -> frozenset[str]:
    """Every single word of every synonym (for correcting typos in a query before :func:`canonical`)."""
    return frozenset(w for phrase in synonyms() for w in phrase)


@lru_cache(maxsize=1)
def _extras() -> dict[tuple[str, str], tuple[str, ...]]:
    extra = terms().query("jenis != 'sinonim'")
    return {key: tuple(group["istilah"]) for key, group in extra.groupby(["jenis", "kode"])}


def _extra(kind: str, code: str) -> list[str]:
    return list(_extras().get((kind, code), ()))


def _strip_parens(name: str) -> str:
    return re.sub(r"\([^)]*\)", " ", name)


def region_aliases() -> list[tuple[str, str, list[str]]]:
    """(BPS code, kind, names) of the province, the kab/kota and the kecamatan."""
    out = [(reference.PROVINCE_CODE, "prov", [reference.PROVINCE_NAME, *_extra("wilayah", reference.PROVINCE_CODE)])]
    for r in reference.kabkota().itertuples():
        kind = "kota" if r.jenis == "Kota" else "kab"
        bare = r.nama.split(" ", 1)[1]
        out.append((r.kode_bps, kind, [r.nama, r.nama_singkat, bare, *_extra("wilayah", r.kode_bps)]))
    for r in reference.kecamatan().itertuples():
        out.append((r.kode_bps, "kec", [f"kecamatan {r.nama}", r.nama, *_extra("wilayah", r.kode_bps)]))
    return out


def program_aliases() -> list[tuple[str, list[str]]]:
    """(code, names) of every programme and PSKS type: code, acronym, Indonesian and English name, with
    and without the words in brackets (``DTSEN desil 5 (pas-pasan)``)."""
    out = []
    for p in reference.programs().itertuples():
        # "A/B" names alternatives; "A+B+C" (a combined count) stays one alias, so "PKH" prefers PKH.
        names = [p.kode.replace("_", " "), *p.singkatan.split("/"), _strip_parens(p.nama), p.nama,
                 _strip_parens(p.nama_en), p.nama_en]
        out.append((p.kode, names + _extra("program", p.kode)))
    return out


def indicator_aliases() -> list[tuple[str, list[str]]]:
    """(code, names) of every indicator: code and its Indonesian and English name, with and without
    the words in brackets (``IPM (metode lama)``)."""
    return [(i.kode, [i.kode.replace("_", " "), _strip_parens(i.nama), i.nama, _strip_parens(i.nama_en), i.nama_en,
                      *_extra("indikator", i.kode)]) for i in reference.indicators().itertuples()]


def period_aliases(codes: set[str]) -> list[tuple[str, list[str]]]:
    """(code, names) of the periods in use: the code, its Indonesian and English name."""
    names = {p.kode: [p.nama, p.nama_en] for p in reference.periods().itertuples()}
    return [(code, [code, *names.get(code, [])]) for code in sorted(codes) if code]
