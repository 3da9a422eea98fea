"""The public PSKS roster as a page shows it: filter, page on the server, label, count, download.

Pure pandas. The input is always the public projection (``ROSTER_PUBLIC_COLUMNS``); nothing here can
add a private field back. Only one page of rows ever goes to the browser (field notes:
``st.dataframe`` sends every row it is given, 2.9 MB for 50k rows).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from dashboard.data import reference
from dashboard.data.roster import HIDDEN_NAME
from dashboard.data.schema import ROSTER_PUBLIC_COLUMNS
from dashboard.text import fmt

PAGE_SIZE = 25
MAX_QUERY_LENGTH = 64
STATUSES = ("aktif", "tidak aktif", "purna tugas")
#: What every row of a roster download says about where it comes from, per release mode.
ROSTER_LABEL = {"contoh": "DATA CONTOH: roster sintetis, bukan orang sungguhan",
                "resmi": "Roster publik PSKS, Dinas Sosial Provinsi Banten"}
#: Columns of the on-screen roster table, in order (labels come from the page's i18n namespace).
DISPLAY_COLUMNS = ["nama", "jenis", "kabkota", "kecamatan", "desa", "status", "masa_tugas", "sk"]


@dataclass(frozen=True)
class RosterFilter:
    """What the visitor chose; an empty string means "all"."""

    query: str = ""
    jenis: str = ""
    kabkota: str = ""
    kecamatan: str = ""
    status: str = ""

    def without_query(self) -> RosterFilter:
        return RosterFilter("", self.jenis, self.kabkota, self.kecamatan, self.status)


@dataclass(frozen=True)
class Page:
    """One page of rows and where it sits: ``first``..``last`` are 1-based (0 when empty)."""

    rows: pd.DataFrame
    total: int
    page: int
    pages: int
    first: int
    last: int


def clean_query(raw: str | None) -> tuple[str, bool]:
    """The search text with whitespace collapsed, and whether ``raw`` was acceptable.

    Text longer than :data:`MAX_QUERY_LENGTH` or holding control characters is refused (returns
    ``("", False)``) rather than cut, so the visitor is told the link was not understood.
    """
    if raw is None:
        return "", True
    text = " ".join(raw.split())
    if len(text) > MAX_QUERY_LENGTH or any(ord(c) < 32 for c in raw if c not in "\t\n\r"):
        return "", False
    return text, True


def search_text(roster: pd.DataFrame) -> pd.Series:
    """What the roster search looks in, per row, casefolded: the name (never the placeholder of a
    withheld name), the PSKS type (code, abbreviation, full name) and the kab/kota, kecamatan and desa."""
    progs = reference.programs().set_index("kode")
    kinds = {k: f"{k} {progs.at[k, 'singkatan']} {progs.at[k, 'nama']} {progs.at[k, 'nama_en']}" if k in progs.index
             else k for k in roster["jenis_psks"].unique()}
    names = roster["nama"].where(roster["nama"].ne(HIDDEN_NAME), "")
    text = (names + " | " + roster["jenis_psks"].map(kinds) + " | "
            + _names(roster["kode_kabkota"], reference.kabkota(), "nama") + " | "
            + _names(roster["kode_kecamatan"], reference.kecamatan(), "nama") + " | "
            + _names(roster["kode_desa"], reference.desa(), "nama").where(roster["kode_desa"].ne(""), ""))
    return text.str.replace("_", " ").str.casefold()


def filter_roster(roster: pd.DataFrame, flt: RosterFilter) -> pd.DataFrame:
    """Rows matching every chosen filter; the search matches all its words, any case, any order, in
    the name, PSKS type, kab/kota, kecamatan or desa (:func:`search_text`).

    A search never matches a withheld name: "(nama tidak dipublikasikan)" is a placeholder, not a
    name, and searching for "nama" must not list every person who withheld theirs.
    """
    keep = pd.Series(True, index=roster.index)
    for column, value in (("jenis_psks", flt.jenis), ("kode_kabkota", flt.kabkota),
                          ("kode_kecamatan", flt.kecamatan), ("status", flt.status)):
        if value:
            keep &= roster[column].eq(value)
    words = flt.query.casefold().split()
    if words and len(roster):
        text = search_text(roster[keep])
        found = pd.Series(True, index=text.index)
        for word in words:
            found &= text.str.contains(word, regex=False)
        keep &= found.reindex(roster.index, fill_value=False)
    return roster[keep]


def page_count(total: int, size: int = PAGE_SIZE) -> int:
    """Number of pages for ``total`` rows (at least 1, so an empty result is "page 1 of 1")."""
    return max(1, math.ceil(total / size))


def page_slice(frame: pd.DataFrame, page: int, size: int = PAGE_SIZE) -> Page:
    """Rows of page ``page`` (1-based, clamped into range) and the total they are part of."""
    total = len(frame)
    pages = page_count(total, size)
    page = min(max(1, int(page)), pages)
    start = (page - 1) * size
    rows = frame.iloc[start:start + size]
    return Page(rows, total, page, pages, start + 1 if total else 0, start + len(rows))


def _names(codes: pd.Series, table: pd.DataFrame, name_col: str) -> pd.Series:
    return codes.map(dict(zip(table["kode_bps"], table[name_col], strict=True))).fillna(codes)


def psks_names(lang: str = "id") -> dict[str, str]:
    """Full name of every PSKS type in the catalogue (``Taruna Siaga Bencana (Tagana)``)."""
    progs = reference.programs()
    psks = progs[progs["jenis"] == "psks"]
    names = psks["nama"] if lang == "id" else psks["nama_en"]
    return {k: (n if s in n else f"{n} ({s})") for k, n, s in zip(psks["kode"], names, psks["singkatan"], strict=True)}


def _term(start: str, end: str, lang: str) -> str:
    if not start:
        return ""
    return f"{fmt.month_year(start, lang)} – {fmt.month_year(end, lang) if end else '…'}"


def display_rows(rows: pd.DataFrame, lang: str = "id", status_labels: dict[str, str] | None = None) -> pd.DataFrame:
    """The page's rows as people read them: names for codes, month names, the SK in one column."""
    status_labels = status_labels or {}
    jenis = rows["jenis_psks"].map(psks_names(lang)).fillna(rows["jenis_psks"])
    sk = [f"{n} · {fmt.long_date(d, lang)}" if d else n for n, d in zip(rows["nomor_sk"], rows["tanggal_sk"], strict=True)]
    return pd.DataFrame({
        "nama": rows["nama"],
        "jenis": jenis,
        "kabkota": _names(rows["kode_kabkota"], reference.kabkota(), "nama_singkat"),
        "kecamatan": _names(rows["kode_kecamatan"], reference.kecamatan(), "nama"),
        "desa": _names(rows["kode_desa"], reference.desa(), "nama").where(rows["kode_desa"].ne(""), ""),
        "status": rows["status"].map(lambda s: status_labels.get(s, s)),
        "masa_tugas": [_term(a, b, lang) for a, b in zip(rows["periode_mulai"], rows["periode_selesai"], strict=True)],
        "sk": sk,
    }, columns=DISPLAY_COLUMNS).reset_index(drop=True)


def download_frame(filtered: pd.DataFrame, mode: str) -> pd.DataFrame:
    """All filtered rows, public columns only, raw values, each row saying where it comes from."""
    return filtered[ROSTER_PUBLIC_COLUMNS].assign(keterangan=ROSTER_LABEL[mode]).reset_index(drop=True)


def kecamatan_counts(roster: pd.DataFrame, flt: RosterFilter, lang: str = "id") -> pd.DataFrame:
    """Listed roster rows per kecamatan for the chosen type, kab/kota and status.

    One rule for the whole page: every count is a count of rows of the public roster, which lists
    them anyway (minors are never in it; a withheld name is listed without it), so counts are shown
    exactly, as the roster table and its row count show them; a mask such as "<5" here would
    protect nobody and contradict the table beside it. Every kecamatan in scope is listed, zeros
    included. The search text is ignored: a count of namesakes is not a statistic. Columns:
    ``kode_kecamatan, kecamatan, kabkota, jumlah``.
    """
    scope = reference.kecamatan()
    if flt.kabkota:
        scope = scope[scope["kode_bps_kabkota"] == flt.kabkota]
    if flt.kecamatan:
        scope = scope[scope["kode_bps"] == flt.kecamatan]
    counts = filter_roster(roster, flt.without_query()).groupby("kode_kecamatan").size()
    kab = dict(zip(reference.kabkota()["kode_bps"], reference.kabkota()["nama_singkat"], strict=True))
    return pd.DataFrame({
        "kode_kecamatan": scope["kode_bps"].to_numpy(),
        "kecamatan": scope["nama"].to_numpy(),
        "kabkota": scope["kode_bps_kabkota"].map(kab).to_numpy(),
        "jumlah": [int(counts.get(code, 0)) for code in scope["kode_bps"]],
    })
