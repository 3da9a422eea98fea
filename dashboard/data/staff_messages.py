"""The named rules of a staff upload, in Indonesian, and the :class:`Problem` rows built from them.

Each rule has a short id (used by code and tests) and the sentence the member of staff reads. A
problem's ``rule`` text is that sentence, optionally followed by ``": "`` and a detail (the numbers
involved); :func:`rule_id` recovers the id from it.
"""

from __future__ import annotations

from dashboard.data.schema import Problem

MAX_MB = 20

RULES: dict[str, str] = {
    # whole file
    "berkas_tidak_ada": "berkas tidak ditemukan",
    "berkas_kosong": "berkas kosong",
    "berkas_terlalu_besar": f"berkas terlalu besar (batas {MAX_MB} MB); pecah menjadi beberapa berkas",
    "jenis_berkas": "jenis berkas tidak didukung: kirim CSV (.csv, .txt, .tsv) atau Excel (.xlsx)",
    "xlsx_rusak": "berkas Excel rusak atau bukan XLSX yang sah; simpan ulang dari Excel sebagai .xlsx",
    "bom_zip": ("berkas XLSX ditolak: isinya bila diurai terlalu besar atau rasio kompresinya tidak wajar "
                "(ciri bom zip)"),
    "xml_berbahaya": ("berkas XLSX berisi deklarasi DOCTYPE/ENTITY yang tidak dibuat Excel (ciri serangan XML); "
                      "ditolak. Bagian berkas"),
    "csv_rusak": "berkas CSV tidak dapat dibaca (tanda kutip tidak seimbang atau sel terlalu panjang)",
    "pengodean": "pengodean teks tidak dikenali; simpan sebagai 'CSV UTF-8' dari Excel",
    "lembar_tidak_ada": "lembar (sheet) tidak ditemukan",
    "tidak_ada_lembar": "tidak ada lembar (sheet) yang tampak di berkas Excel",
    "terlalu_banyak_baris": "terlalu banyak baris (batas 100.000)",
    "judul_kolom_tidak_ada": ("baris judul kolom tidak ditemukan di 30 baris pertama (harus memuat "
                              "indikator, kode_wilayah, tahun, nilai, ...)"),
    "tidak_ada_data": "tidak ada baris data di bawah baris judul kolom",
    # header
    "kolom_wajib_tidak_ada": "kolom wajib tidak ada",
    "kolom_tidak_dikenal": "kolom tidak dikenal; hapus kolom ini (lihat docs/format_unggah.md)",
    "kolom_pribadi": ("kolom berisi DATA PRIBADI: data pribadi tidak boleh diunggah ke dasbor publik "
                      "dalam bentuk apa pun; hapus kolom ini dari berkas"),
    "kolom_ganda": "kolom yang sama muncul lebih dari sekali",
    "kolom_tanpa_judul": "kolom tanpa judul berisi data",
    # cells (first pass: reading)
    "rumus_excel": "sel berisi rumus Excel; salin sebagai nilai (Tempel Spesial > Nilai)",
    "galat_excel": "sel berisi galat Excel (mis. #DIV/0!, #REF!)",
    "injeksi_rumus": ("teks diawali =, +, -, @, tab atau baris baru, juga bila didahului spasi atau karakter "
                      "tak tampak (dapat dijalankan sebagai rumus saat dibuka di Excel); hapus karakter awal itu"),
    "karakter_kendali": ("sel berisi karakter kendali (mis. kode escape warna terminal, karakter nol, atau "
                         "pengatur arah teks yang membalik tampilan); ketik ulang isi sel tanpa karakter itu"),
    "teks_terlalu_panjang": "teks sel terlalu panjang; ringkas isinya",
    "angka_terlalu_besar": ("angka terlalu besar untuk disimpan persis (16 digit atau lebih sebelum koma); "
                            "periksa angkanya"),
    "sel_gabungan": ("sel gabungan (Merge Cells) di baris data: isinya hanya tersimpan di sel pertama; "
                     "batalkan gabungan lalu isi setiap baris"),
    "wajib_diisi": "sel wajib diisi",
    "nilai_strip": "nilai '-' tidak diterima; hapus baris bila angkanya tidak ada",
    "angka_tidak_terbaca": "bukan angka yang dapat dibaca",
    "format_angka_campuran": ("format angka berbeda dari sel lain di berkas ini (Indonesia 1.234.567,5 "
                              "atau Inggris 1,234,567.5; pakai satu saja)"),
    "tahun_tidak_terbaca": "tahun harus berupa bilangan bulat empat angka",
    "tanggal_tidak_terbaca": "tanggal tidak dapat dibaca; tulis mis. 5 Maret 2024, 05/03/2024 atau 2024-03-05",
    "kode_wilayah_format": "kode wilayah harus berupa kode BPS berupa angka (mis. 3601), bukan nama",
    "periode_tidak_dikenal": "periode tidak dikenal (yang sah: kosong, nama bulan, Semester I/II, Triwulan I-IV)",
    "data_pribadi_dalam_sel": ("sel tampak berisi DATA PRIBADI (NIK, nomor telepon atau email, juga bila ditulis "
                               "dengan spasi, titik atau tanda hubung); data pribadi tidak boleh diunggah"),
    "tanda_persen": "nilai bertanda % tetapi satuannya bukan persen",
    # values (second pass: rules)
    "kode_wilayah_tidak_dikenal": "kode wilayah tidak dikenal",
    "indikator_tidak_dikenal": "indikator tidak ada dalam katalog",
    "program_tidak_dikenal": "program tidak ada dalam katalog",
    "program_wajib": "indikator ini memerlukan kode program",
    "program_tidak_sesuai": "program tidak sesuai dengan indikator",
    "nilai_negatif": "nilai tidak boleh negatif",
    "persen_di_atas_100": "persentase di atas 100",
    "satuan_tidak_sesuai": "satuan tidak sesuai dengan indikator",
    "bukan_bilangan_bulat": "jumlah harus bilangan bulat",
    "tahun_di_luar_rentang": "tahun di luar rentang yang masuk akal",
    "tanggal_di_luar_rentang": "tanggal sumber di luar rentang yang masuk akal (1990 sampai hari ini)",
    "melebihi_penduduk": "angka melebihi jumlah penduduk wilayah (Sensus Penduduk 2020)",
    "kunci_ganda": "angka untuk indikator, program, wilayah, tahun dan periode yang sama muncul dua kali",
    "jumlah_tidak_cocok": "jumlah angka wilayah bawahan tidak sama dengan angka wilayah induk di berkas",
    "url_tidak_sah": "url_sumber harus diawali http:// atau https://",
    "nama_wilayah_tidak_cocok": "nama wilayah tidak cocok dengan kode wilayah",
    "skema": "tabel tidak memenuhi skema statistik",
}

_BY_TEXT = sorted(((text, rid) for rid, text in RULES.items()), key=lambda t: -len(t[0]))


def problem(rule: str, file: str, row: int | None = None, column: str | None = None,
            value: object = None, detail: str | None = None) -> Problem:
    """Build a :class:`Problem` for rule id ``rule`` (a ``KeyError`` for an unknown id is a bug)."""
    text = RULES[rule] + (f": {detail}" if detail else "")
    shown = None if value is None or value == "" else str(value)
    return Problem(file, row, column, shown, text)


def rule_id(found: Problem) -> str:
    """The rule id of a problem built by :func:`problem` (``"skema"`` for anything else)."""
    for text, rid in _BY_TEXT:
        if found.rule == text or found.rule.startswith(text + ": "):
            return rid
    return "skema"


def report(problems: list[Problem]) -> str:
    """Every problem on its own line, in file order, then the count."""
    ordered = sorted(problems, key=lambda p: (p.row is not None, p.row or 0, p.column or ""))
    lines = [p.message() for p in ordered]
    lines.append(f"Ditemukan {len(problems)} masalah. Tidak ada data yang diterbitkan; perbaiki berkas "
                 "lalu jalankan lagi.")
    return "\n".join(lines)
