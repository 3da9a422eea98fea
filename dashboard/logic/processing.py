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


def _sentence(name: str, arg: str, lang: str) -> str:
    en = lang == "en"
    if name == "skala":
        src, unit = _pair(arg)
        return f"Converted from '{src}' to {unit}." if en else f"Dikonversi dari '{src}' ke {unit}."
    if name == "bulat":
        step = int(float(arg))
        words = (_STEPS_EN if en else _STEPS_ID).get(step, arg)
        return f"Rounded to {words} at the source." if en else f"Dibulatkan ke {words} di sumber."
    if name == "kira":
        return (f"The source gives an approximate figure ('{_APPROX_EN.get(arg, arg)}')." if en
                else f"Sumber menyebut angka perkiraan ('{arg}').")
    if name == "periode":
        return (f"Period '{arg}' taken from the unit written by the source." if en
                else f"Periode '{arg}' diambil dari teks satuan di sumber.")
    if name == "periode_konteks":
        return (f"Period '{arg}' inferred from context; the source does not state it." if en
                else f"Periode '{arg}' disimpulkan dari konteks; sumber tidak menuliskannya.")
    if name == "satuan":
        src, unit = _pair(arg)
        return f"Unit '{src}' read as '{unit}'." if en else f"Satuan '{src}' di sumber dibaca sebagai '{unit}'."
    if name == "indikator":
        src, ind = _pair(arg)
        return (f"Filed under indicator '{ind}' (not '{src}') because of the words in the unit." if en
                else f"Dicatat sebagai indikator '{ind}' (bukan '{src}') menurut keterangan satuan.")
    if name == "metode":
        return (f"Calculation method ('{arg}') taken from the unit; old and new methods are separate series." if en
                else f"Metode perhitungan ('{arg}') diambil dari teks satuan; metode lama dan baru adalah seri terpisah.")
    if name == "catatan_satuan":
        return (f"The words '{arg}' of the unit were moved to the note." if en
                else f"Keterangan '{arg}' dari teks satuan dipindah ke catatan.")
    if name == "ejaan":
        return f"The source prints the number as {arg}." if en else f"Sumber menuliskan angka sebagai {arg}."
    if name == "tahun_konteks":
        return ("Year inferred from context; the source does not print it." if en
                else "Tahun diperkirakan dari konteks; tidak tercetak di sumber.")
    if name == "tanggal_konteks":
        return ("Source date inferred from context (for example a weekday or a copyright line)." if en
                else "Tanggal sumber disimpulkan dari konteks (misalnya nama hari atau baris hak cipta).")
    if name == "koreksi":
        fix, _, column = arg.partition(":")
        label = _COLUMNS.get(column, (column, column))[1 if en else 0]
        return (f"Import correction {fix} changed the {label}; the reason is in the note." if en
                else f"Koreksi impor {fix} mengubah {label}; alasannya ada di catatan.")
    if name == "contoh":
        return ("Generated for demonstration (DATA CONTOH), not a published figure." if en
                else "Dibangkitkan untuk demonstrasi (DATA CONTOH), bukan angka terbit.")
    raise ValueError(f"langkah pengolahan tidak dikenal: {name!r}")


def codes(processing: str) -> list[str]:
    """The step codes of one ``processing`` cell, in order (empty cell: no steps)."""
    return [c.strip() for c in str(processing or "").split(";") if c.strip()]


def describe(processing: str, lang: str = "id") -> list[str]:
    """One sentence per step of ``processing``; an empty list only when nothing was done."""
    return [_sentence(*_split(code), lang) for code in codes(processing)]
