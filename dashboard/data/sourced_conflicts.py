"""Which figure of a fact is displayed, and the notes that keep every other figure visible.

Figures describe the same fact when they share :data:`GROUP_KEY` (indicator, programme, region, year,
period, unit): a March and a September figure, or a count in RTS and one in keluarga, are different
facts. Within a group exactly one row is ``displayed``, chosen in this order:

1. an entry of :data:`PREFERRED` (raw row -> stated reason);
2. the strongest source type: a document from the government (``dokumen_resmi``) over a news report
   quoting an official (``berita``) over a secondary aggregator (``sekunder``): a secondary figure is
   displayed only where no official or press figure exists for the fact;
3. a figure whose year the source prints over one whose year was inferred;
4. an exact figure over a rounded or approximate one;
5. the most recent source date; 6. the first row read.

The displayed row's ``conflict_note`` gives the reason and names every other value ("Sumber lain: ...");
each other row says why it is not displayed. Related facts in different units that contradict each
other (:data:`SEE_ALSO`) are both displayed, each naming the other.
"""

from __future__ import annotations

import pandas as pd

from dashboard.data.sources_catalogue import SOURCE_TYPE_LABEL

GROUP_KEY = ["indicator", "program", "kode_wilayah", "year", "period", "unit"]
_RANK = {"dokumen_resmi": 0, "berita": 1, "sekunder": 2, "contoh": 3}
_F1, _F2, _F3 = "sourced_figures.csv", "sourced_figures_2.csv", "sourced_figures_3.csv"

#: Raw row (``origin``) -> why it is the displayed figure of its group.
PREFERRED: dict[str, str] = {
    f"{_F1}:236": (
        "Ditampilkan 6.200 KPM: sumber mengutip bantenprov.go.id dan cocok dengan Rp15,5 miliar "
        "dibagi Rp2,5 juta per KPM (perhitungan kami). Koran Banten menyebut 6.600 KPM."
    ),
    f"{_F1}:194": (
        "Ditampilkan 37.741 keluarga (Harmony FM, angka rinci alokasi). BeritaBig menyebut 33.000 "
        "keluarga untuk penyaluran yang sama; konfirmasi ke Dinsos."
    ),
    f"{_F2}:73": (
        "Ditampilkan 5,65 persen (Databoks, sumber sekunder): angka 3,65 persen dari Radar Banten "
        "kemungkinan salah ketik. Turun dari 6,20 persen (2023) ke 5,65 persen sama dengan 'turun 8,87%' "
        "yang ditulis Databoks dan sejalan dengan 41.620 penduduk miskin (perhitungan kami); 3,65 persen "
        "tidak. Konfirmasi ke BPS Kota Serang."
    ),
    f"{_F2}:70": (
        "Ditampilkan 5,94 persen (TribunBanten, BPS Kota Serang): terbit bersama jumlah 42,56 ribu jiwa yang "
        "sama dengan angka Banten Raya (42.560 jiwa); 6,12 persen (Media Banten) hanya disertai 'sekitar 43 ribu'."
    ),
    f"{_F1}:151": (
        "Ditampilkan 171 orang (Jurnal Fakta 1, 11 November 2022): Tagana Kota Tangerang bertambah dari 141 "
        "menjadi 171 setelah rekrutmen 30 relawan. Kompas (29 Desember 2022) menyebut total 141, kemungkinan "
        "angka sebelum rekrutmen."
    ),
    f"{_F1}:86": (
        "Ditampilkan estimasi BPS Kabupaten Tangerang (3.416.163 jiwa); Wikipedia juga mencatat angka BPS "
        "Provinsi Banten untuk kabupaten yang sama (3.400.490 jiwa)."
    ),
}

#: (indicator, programme, region, year) -> note for every figure of that fact.
FACT_NOTES: dict[tuple[str, str, str, int], str] = {
    ("penerima", "BLT_BBM", "36", 2022): (
        "Jumlah delapan kabupaten/kota dalam sumber yang sama adalah 75.614, bukan 75.613; angka Lebak "
        "(1.604) mungkin salah ketik di sumber. Angka mentah dipertahankan."
    ),
    ("penduduk_miskin", "", "36", 2022): (
        "Jumlah kabupaten/kota 814.030 berbeda 10 jiwa dari angka provinsi 814.020 karena pembulatan BPS."
    ),
}
_TANGERANG_2024 = (
    "Kab. Tangerang 2024 punya tiga angka penduduk dengan konsep berbeda: Dukcapil semester I 3.373.149, "
    "Dukcapil semester II 3.459.706, dan estimasi BPS pertengahan tahun 3.416.163 atau 3.400.490. "
    "Jangan dicampur dalam satu seri atau satu penyebut per kapita."
)
FACT_NOTES[("jumlah_penduduk_dukcapil", "", "3603", 2024)] = _TANGERANG_2024
FACT_NOTES[("jumlah_penduduk_proyeksi_bps", "", "3603", 2024)] = _TANGERANG_2024

_PSKS_2013 = ("Rincian PSKS menurut jenis tahun 2013: satu-satunya rincian per jenis yang ditemukan, "
              "bukan angka terkini.")
#: Raw row -> note on that figure only.
ROW_NOTES: dict[str, str] = {
    f"{_F1}:241": ("Kutipan menyebut 'program UED', judul berita menyebut UEP; satuannya 'pedagang kecil', "
                   "bukan KPM, sehingga tidak disambung dengan seri KPM."),
    f"{_F1}:248": "Sumber menulis '18.675 Keluarga Sangat Miskin (KSM)/jiwa'.",
    f"{_F1}:249": "Sumber menulis '14.792 KSM/jiwa'.",
    f"{_F2}:94": ("Artikel lain Rubrik Banten menyebut 476.867 sebagai angka 'akhir tahun 2024'; di sini dicatat "
                  "sebagai semester I 2024 sesuai artikel ini. Angka semester II 2024 (480.378) berasal dari data "
                  "Dukcapil yang dihimpun repositori data wilayah."),
    f"{_F2}:110": "Kutipan menulis 'Rp 578.247. 925.000' (ada spasi di dalam angka).",
    f"{_F2}:125": ("Sumber yang sama menulis desil 5 = '3.338 keluarga', tidak masuk akal untuk 42.180 jiwa "
                   "(kemungkinan salah ketik 13.338); angka keluarga tidak dicatat."),
    f"{_F2}:131": ("Kutipan: 'hari ini perdana dua kecamatan ... total 109.436 penerima manfaat'; belum jelas apakah "
                   "angka ini untuk seluruh kabupaten."),
    f"{_F3}:38": ("Kutipan menyebut Kabupaten Serang, tetapi alamat sumber adalah halaman Databoks Kota Cilegon; "
                  "belum diperiksa ulang."),
    **{f"{_F2}:{n}": ("Sumber menulis '... ribu jiwa' di belakang angka penuh (misalnya '1.307.090 ribu jiwa'); "
                      "angka dibaca dalam jiwa.") for n in (101, 102, 103, 104)},
    **{f"{_F2}:{n}": _PSKS_2013 for n in (155, 167, 168, 169, 170, 171, 173, 174, 175, 176, 177, 180, 181, 182)},
}

#: Pairs of displayed figures in different units that contradict each other: (row, row, note on the
#: first, note on the second). Both stay displayed, each naming the other.
SEE_ALSO: list[tuple[str, str, str, str]] = [
    (f"{_F1}:165", f"{_F3}:91",
     "Sumber lain (Bisnis.com Banten, mengutip Dinsos Banten) menyebut Rp1.250.000 per RTS untuk 2018.",
     "Sumber lain (Warta Kota) menyebut Rp1.665.000 per keluarga untuk 2018."),
    (f"{_F1}:155", f"{_F1}:249",
     "Sumber lain (Satelit News, 2015) menyebut 14.792 KSM penerima Jamsosratu di Lebak.",
     "Sumber lain (ANTARA Banten) menyebut 14.291 RTS penerima Jamsosratu di Lebak tahun 2015."),
    (f"{_F2}:130", f"{_F3}:89",
     "Banten Raya (12 September 2025) menyebut 8.020 penerima PKH Kota Serang; kemungkinan angka yang sama.",
     "detikNews (16 September 2025) menyebut 8.020 orang penerima bansos Kemensos di Kota Serang; "
     "kemungkinan angka yang sama."),
]
_SEE_ALSO_NOTE = " Satuan atau program berbeda, jadi keduanya ditampilkan sebagai angka terpisah."


def row_notes(row: dict) -> list[str]:
    """Quality notes for one imported figure (by fact and by raw row)."""
    notes = []
    fact = FACT_NOTES.get((row["indicator"], row["program"], row["kode_wilayah"], row["year"]))
    if fact:
        notes.append(fact)
    if row.get("origin") in ROW_NOTES:
        notes.append(ROW_NOTES[row["origin"]])
    return notes


def _number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".").rstrip("0").rstrip(",")


def _publisher(title: str) -> str:
    title = str(title)
    return title[title.rfind("(") + 1: -1] if title.endswith(")") and "(" in title else title


def value_text(r: pd.Series) -> str:
    """``3.250.000 jiwa (dibulatkan, Wah! ... detikNews, berita)`` for a conflict note."""
    approx = f"{r.approx} " if str(r.get("approx") or "") else ""
    rounded = ", dibulatkan di sumber" if pd.notna(r.precision) and r.precision > 1 else ""
    kind = SOURCE_TYPE_LABEL.get(str(r.get("source_type") or ""), "")
    return f"{approx}{_number(r.value)} {r.unit} ({_publisher(r.source_title)}{', ' + kind if kind else ''}{rounded})"


def _within_rounding(group: pd.DataFrame) -> bool:
    exact = group[group.precision.isna()]
    rounded = group[group.precision.notna()]
    if exact.empty or rounded.empty or exact.value.nunique() != 1:
        return False
    target = exact.value.iloc[0]
    # "1,89 juta" may be truncated rather than rounded: allow one whole step.
    return bool(((rounded.value - target).abs() < rounded.precision).all())


def _choose(group: pd.DataFrame) -> tuple[int, str]:
    for idx, origin in group.get("origin", pd.Series("", index=group.index)).items():
        if origin in PREFERRED:
            return idx, PREFERRED[origin]
    reasons = []
    cands = group
    ranks = cands.source_type.map(_RANK).fillna(1)
    if ranks.nunique() > 1:
        cands = cands[ranks == ranks.min()]
        best = SOURCE_TYPE_LABEL[cands.source_type.iloc[0]]
        reasons.append(f"Ditampilkan angka dari {best}; angka dari sumber yang lebih lemah (sumber sekunder) "
                       "hanya ditampilkan bila tidak ada dokumen resmi atau berita untuk fakta yang sama.")
    printed = cands[~cands.year_inferred.astype(bool)]
    if 0 < len(printed) < len(cands):
        cands = printed
        reasons.append("Ditampilkan angka yang tahunnya tercetak di sumber.")
    exact = cands[cands.precision.isna() & cands.approx.eq("")]
    if 0 < len(exact) < len(cands):
        cands = exact
        reasons.append("Ditampilkan angka rinci; angka lain adalah pembulatan atau perkiraan.")
    if len(cands) > 1:
        dated = cands.source_date.where(cands.source_date.ne(""))
        if dated.notna().any() and dated.nunique() > 1:
            cands = cands.loc[[dated.idxmax()]]
            reasons.append("Ditampilkan angka dari sumber dengan tanggal terbaru.")
    if len(cands) > 1 or not reasons:
        reasons.append("Ditampilkan angka dari sumber pertama yang tercatat; sumber lain setara.")
    return cands.index[0], " ".join(reasons)


def mark_displayed(frame: pd.DataFrame) -> pd.DataFrame:
    """Choose the one displayed figure of each group of rows describing the same fact."""
    frame = frame.copy()
    frame["displayed"] = False
    frame["conflict_note"] = ""
    for _, group in frame.groupby(GROUP_KEY, dropna=False, sort=False):
        if len(group) == 1:
            frame.loc[group.index, "displayed"] = True
            continue
        chosen, reason = _choose(group)
        frame.loc[chosen, "displayed"] = True
        same = group.value.nunique() == 1 or _within_rounding(group)
        others = [value_text(r) for i, r in group.iterrows() if i != chosen]
        lead = "Angka yang sama juga dimuat" if same else "Sumber lain menyebut"
        frame.loc[chosen, "conflict_note"] = f"{reason} {lead}: {'; '.join(others)}."
        shown = value_text(group.loc[chosen])
        kind = "Duplikat dari sumber lain" if same else "Sumber lain menyebut angka berbeda"
        for idx in group.index.drop(chosen):
            frame.loc[idx, "conflict_note"] = (f"{kind}; tidak ditampilkan sebagai angka utama. "
                                               f"Angka utama: {shown}. {reason}")
    if "origin" in frame.columns:
        where = {o: i for i, o in frame["origin"].items() if o}
        for first, second, note_first, note_second in SEE_ALSO:
            for origin, note in ((first, note_first), (second, note_second)):
                if origin in where:
                    idx = where[origin]
                    frame.loc[idx, "conflict_note"] = (frame.loc[idx, "conflict_note"] + " " + note
                                                       + _SEE_ALSO_NOTE).strip()
    return frame
