"""What was done to a figure, in words: the ``processing`` column read aloud.

``processing`` is a ``;``-separated list of step codes, each ``name[:argument]`` (written by
:mod:`dashboard.data.sourced` and the demonstration generator):

=================  ==========================================================================
``skala:A>B``      the source printed ``A`` (e.g. ``791,61 ribu jiwa``); converted to the base unit ``B``
``bulat:N``        the source rounded the figure to steps of ``N`` (in the base unit)
``kira:W``         the source calls the figure approximate (``sekitar``, ``lebih dari`` ...)
``periode:P``      the period ``P`` was taken from the unit text
``periode_konteks:P``  the period ``P`` was inferred from context, not written by the source
``satuan:A>B``     the unit written ``A`` is read as ``B``
``indikator:A>B``  the unit text moved the figure from indicator ``A`` to ``B`` (method, budget stage)
``metode:M``       the calculation method (``lama``/``baru``) was taken from the unit text
``catatan_satuan:T``  the words ``T`` of the unit text moved to the figure's note
``ejaan:T``        the source printed the number as ``T`` (kept as written)
``tahun_konteks``  the figure's year was inferred from context, not printed
``tanggal_konteks``  the source's date was inferred from context
``koreksi:ID:KOLOM``  import correction ``ID`` changed column ``KOLOM`` (reason in the note)
``contoh``         the figure was generated for demonstration (DATA CONTOH)
=================  ==========================================================================

:func:`describe` is pure: codes in, sentences out, in Indonesian (``id``) or English (``en``).
An unknown code raises ``ValueError``: a step nobody can explain must not reach a reader silently.
"""

from __future__ import annotations

from dashboard.text.i18n import t

_STEPS_ID = {1: "satuan", 10: "puluhan", 100: "ratusan", 1_000: "ribuan", 10_000: "puluhan ribu",
             100_000: "ratusan ribu", 1_000_000: "jutaan", 10_000_000: "puluhan juta",
             100_000_000: "ratusan juta", 1_000_000_000: "miliaran", 10_000_000_000: "puluhan miliar"}
_STEPS_EN = {1: "units", 10: "tens", 100: "hundreds", 1_000: "thousands", 10_000: "tens of thousands",
             100_000: "hundreds of thousands", 1_000_000: "millions", 10_000_000: "tens of millions",
             100_000_000: "hundreds of millions", 1_000_000_000: "billions", 10_000_000_000: "tens of billions"}
_COLUMNS = {
    "period": ("periode", "period"), "year": ("tahun", "year"), "year_inferred": ("penanda tahun perkiraan",
    "inferred-year flag"), "unit": ("satuan", "unit"), "program": ("program", "programme"),
    "indicator": ("indikator", "indicator"), "approx": ("penanda perkiraan", "approximation flag"),
    "source_title": ("judul sumber", "source title"), "tolak": ("status impor", "import status"),
}
_APPROX_EN = {"sekitar": "about", "lebih dari": "more than", "kurang dari": "less than"}


def _split(code: str) -> tuple[str, str]:
    name, _, arg = code.partition(":")
    return name, arg


def _pair(arg: str) -> tuple[str, str]:
    before, sep, after = arg.rpartition(">")
    if not sep:
        raise ValueError(f"langkah pengolahan tanpa '>': {arg!r}")
    return before, after


#: The step names; each one's sentence is ``processing.<name>`` in dashboard/locales/{id,en}/processing.json.
NAMES = ("skala", "bulat", "kira", "periode", "periode_konteks", "satuan", "indikator", "metode", "catatan_satuan",
         "ejaan", "tahun_konteks", "tanggal_konteks", "koreksi", "contoh")


def _sentence(name: str, arg: str, lang: str) -> str:
    if name not in NAMES:
        raise ValueError(f"langkah pengolahan tidak dikenal: {name!r}")
    en = lang == "en"
    fields: dict[str, str] = {"arg": _APPROX_EN.get(arg, arg) if en and name == "kira" else arg}
    if name in ("skala", "satuan", "indikator"):
        fields["a"], fields["b"] = _pair(arg)
    elif name == "bulat":
        fields["steps"] = (_STEPS_EN if en else _STEPS_ID).get(int(float(arg)), arg)
    elif name == "koreksi":
        fix, _, column = arg.partition(":")
        fields.update(fix=fix, label=_COLUMNS.get(column, (column, column))[1 if en else 0])
    return t(f"processing.{name}", lang, **fields)


def codes(processing: str) -> list[str]:
    """The step codes of one ``processing`` cell, in order (empty cell: no steps)."""
    return [c.strip() for c in str(processing or "").split(";") if c.strip()]


def describe(processing: str, lang: str = "id") -> list[str]:
    """One sentence per step of ``processing``; an empty list only when nothing was done."""
    return [_sentence(*_split(code), lang) for code in codes(processing)]
