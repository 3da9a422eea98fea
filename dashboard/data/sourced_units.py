"""The closed grammar of the ``unit`` texts in the published-figure files.

A unit text is ``[scale ]base[ (item; item, item)][ ; trailing note]``, for example ``ribu jiwa
(Maret)``, ``ribu KPM (sekitar)``, ``rupiah (dipangkas; sumber: Rp13,7 miliar)`` or ``indeks (metode
baru; rilis BPS Des 2023 atau sesudahnya) ; angka LKPJ Bupati``. Every base unit and every item must be
one this module knows; anything else raises :class:`UnitError` (the importer adds file and row).

:func:`parse_unit` returns a :class:`UnitParse` that keeps every piece of the text, so
:meth:`UnitParse.text` gives the source's words back unchanged (the round trip the tests check).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

SCALES = {"ribu": 10**3, "juta": 10**6, "miliar": 10**9, "triliun": 10**12}

#: Base unit as written -> unit of the statistics table.
BASE_UNITS = {
    "KK": "KK", "KPM": "KPM", "KSM": "KSM", "RTS/KPM": "RTS/KPM", "anak": "anak", "desa": "desa",
    "indeks": "indeks", "jiwa": "jiwa", "kasus": "kasus", "kecamatan": "kecamatan", "keluarga": "keluarga",
    "kelurahan": "kelurahan", "kepala keluarga": "keluarga", "km2": "km2", "lembaga": "lembaga",
    "orang": "orang", "orang/KPM": "orang", "paket": "paket", "pedagang kecil": "pedagang kecil",
    "persen": "persen", "persen dari belanja APBD Provinsi": "persen", "rumah tangga": "rumah tangga",
    "rumah tangga sasaran": "RTS", "rupiah": "rupiah", "rupiah per KK": "rupiah per KK",
    "rupiah per KPM": "rupiah per KPM", "rupiah per RTS": "rupiah per RTS",
    "rupiah per RTS per tahun": "rupiah per RTS per tahun", "rupiah per ahli waris": "rupiah per ahli waris",
    "rupiah per kapita": "rupiah per kapita", "rupiah per kapita per bulan": "rupiah per kapita per bulan",
    "rupiah per keluarga": "rupiah per keluarga", "rupiah per orang": "rupiah per orang",
    "rupiah per rumah tangga sasaran": "rupiah per RTS", "unit": "unit",
}
#: Why a base unit is read as another (shown in the figure's note).
UNIT_NOTES = {
    "orang/KPM": "Sumber menulis 'orang'; penerima PKH adalah keluarga, jadi angka ini kemungkinan jumlah KPM.",
    "persen dari belanja APBD Provinsi": "Persentase terhadap belanja APBD Provinsi Banten.",
}
APPROX = {"sekitar": "sekitar", "lebih dari": "lebih dari", "kurang lebih": "sekitar", "kurang dari": "kurang dari"}
_MONTHS = "Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember"

#: Item inside the parentheses -> (kind, value builder). Kinds: periode, kira, lingkup, metode,
#: ejaan (how the source printed the number), keterangan (explanation only), periode_konteks.
_ITEMS: list[tuple[str, str, object]] = [
    (r"(Maret|September)", "periode", lambda m: m[1]),
    (r"semester (I|II)", "periode", lambda m: f"Semester {m[1]}"),
    (r"Juni (\d{4})", "periode", lambda m: "Juni"),
    (r"per \d{1,2} Des (\d{4})", "periode", lambda m: "Desember"),
    (r"per Januari (\d{4})", "periode", lambda m: "Januari"),
    (r"Januari-(April|Juni) (\d{4})", "periode", lambda m: f"Januari-{m[1]}"),
    (r"Sep-Des (\d{4})", "periode", lambda m: "September-Desember"),
    (r"PKH tahap I\+II", "periode", lambda m: "Tahap I-II"),
    (r"sekitar|lebih dari|kurang lebih|kurang dari", "kira", lambda m: APPROX[m[0]]),
    (r"sumber: (.+)", "ejaan", lambda m: m[1]),
    (r"metode (lama|baru)", "metode", lambda m: m[1]),
    (r"(APBD|APBD-P|pagu|pagu APBD murni|alokasi|RAPBD|dipangkas|disalurkan|total|seluruh OPD|barang"
     r"|santunan Kemensos|rencana|usulan APBD \d{4}|13 jenis PSKS|penjaringan beberapa bulan terakhir"
     r"|bingkisan HLUN, lansia terlantar(?: dalam panti/PUSAKA)?|\d{4} sampai \d{4})", "lingkup", lambda m: m[0]),
    (r"rilis BPS (?:s\.d\. Des 2022|Des 2023 atau sesudahnya)|kepala keluarga|sebagaimana ditulis sumber"
     r"|disebut Dinsos Kota Tangerang|angka LKPJ Bupati", "keterangan", lambda m: m[0]),
    (r"sumber menulis 'tahun (\d{4})', angka September ([\d,]+)", "periode_konteks", lambda m: m[0]),
]
_YEAR_IN_ITEM = re.compile(rf"(?:(?:{_MONTHS}|Des|Sep-Des|Januari-\w+) |per \d{{1,2}} Des |sampai )(\d{{4}})$")
_PRINTED_MONEY = re.compile(r"Rp ?(\d+(?:,\d+)?) (miliar|juta|triliun)")


class UnitError(ValueError):
    """A unit text outside the grammar, or one that contradicts its row."""


@dataclass(frozen=True)
class Item:
    text: str
    kind: str
    value: str


@dataclass(frozen=True)
class UnitParse:
    """Every piece of one unit text (see the module docstring)."""

    raw: str
    scale_word: str
    base: str
    groups: tuple[tuple[Item, ...], ...] = ()  # items of the parentheses, split on "; " then ", "
    trailing: str = ""
    items: tuple[Item, ...] = field(default=())

    @property
    def unit(self) -> str:
        return BASE_UNITS[self.base]

    @property
    def scale(self) -> int:
        return SCALES.get(self.scale_word, 1)

    def of(self, kind: str) -> list[str]:
        return [i.value for i in self.items if i.kind == kind]

    @property
    def period(self) -> str:
        periods = self.of("periode")
        return periods[0] if periods else ""

    @property
    def approx(self) -> str:
        found = self.of("kira")
        return found[0] if found else ""

    def text(self) -> str:
        """The unit text rebuilt from its pieces (equal to :attr:`raw` for every accepted text)."""
        out = f"{self.scale_word} {self.base}" if self.scale_word else self.base
        if self.groups:
            inner = "; ".join(", ".join(i.text for i in group) for group in self.groups)
            out += f" ({inner})"
        if self.trailing:
            out += f" ; {self.trailing}"
        return out


def _item(text: str) -> Item | None:
    for pattern, kind, build in _ITEMS:
        m = re.fullmatch(pattern, text)
        if m:
            return Item(text, kind, build(m))
    return None


def _group(text: str) -> tuple[Item, ...]:
    whole = _item(text)
    if whole is not None:
        return (whole,)
    parts = text.split(", ")
    items = tuple(_item(p) for p in parts)
    missing = [p for p, i in zip(parts, items, strict=True) if i is None]
    if len(parts) == 1 or missing:
        raise UnitError(f"keterangan satuan tidak dikenal: {', '.join(missing) or text!r}")
    return items  # type: ignore[return-value]


def parse_unit(raw: str) -> UnitParse:
    """Parse one unit text; raise :class:`UnitError` for anything outside the grammar."""
    text = raw
    trailing = ""
    if " ; " in text:
        text, trailing = text.split(" ; ", 1)
        if _item(trailing) is None or _item(trailing).kind != "keterangan":
            raise UnitError(f"catatan satuan tidak dikenal: {trailing!r}")
    groups: tuple[tuple[Item, ...], ...] = ()
    m = re.fullmatch(r"(.+?) \((.+)\)", text)
    if m:
        text = m[1]
        groups = tuple(_group(g) for g in m[2].split("; "))
    scale_word = ""
    first, _, rest = text.partition(" ")
    if first in ("ribu", "juta") and rest:
        scale_word, text = first, rest
    if text not in BASE_UNITS:
        raise UnitError(f"satuan dasar tidak dikenal: {text!r}")
    items = tuple(i for g in groups for i in g)
    if trailing:
        items += (_item(trailing),)  # type: ignore[operator]
    parsed = UnitParse(raw, scale_word, text, groups, trailing, items)
    if len(parsed.of("periode")) > 1 or len(parsed.of("kira")) > 1:
        raise UnitError(f"lebih dari satu periode atau penanda perkiraan: {raw!r}")
    assert parsed.text() == raw, (parsed.text(), raw)
    return parsed


def check_year(parsed: UnitParse, year: str) -> None:
    """A year written inside the unit ("per 29 Des 2022") must be the row's year."""
    for item in parsed.items:
        m = _YEAR_IN_ITEM.search(item.text)
        if m and item.kind in ("periode", "lingkup") and m[1] != year:
            raise UnitError(f"tahun {m[1]} di satuan ({item.text!r}) berbeda dari kolom year ({year or 'kosong'})")


def printed_money(parsed: UnitParse) -> tuple[str, Decimal, Decimal] | None:
    """``(printed text, value, rounding step)`` for ``sumber: Rp13,7 miliar``; None otherwise."""
    for text in parsed.of("ejaan"):
        m = _PRINTED_MONEY.fullmatch(text)
        if m:
            number = Decimal(m[1].replace(",", "."))
            step = Decimal(SCALES[m[2]]) / 10 ** max(0, -number.as_tuple().exponent)
            return text, number * SCALES[m[2]], step
    return None
