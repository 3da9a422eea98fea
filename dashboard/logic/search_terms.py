"""Words the search knows beyond the catalogues: stop words, region qualifiers and spellings,
programme and indicator synonyms, and the tie-break order of indicators. Plain data, edited by hand
when journalists use a new name for something."""

from __future__ import annotations

STOPWORDS = frozenset(
    "di dan atau yang untuk ke dari pada per dengan tahun th thn berapa jumlah banyaknya total data "
    "angka the of in bagi oleh dalam".split()
)
QUALIFIERS = {"kab": "kab", "kabupaten": "kab", "kota": "kota", "kodya": "kota", "kec": "kec",
              "kecamatan": "kec", "provinsi": "prov", "prov": "prov", "propinsi": "prov"}
#: Extra spellings people use for regions.
REGION_EXTRA = {"36": ["banten", "provinsi banten", "prov banten", "propinsi banten"],
                "3674": ["tangsel", "tangerang selatan"]}
#: Extra names people use for programmes (acronym expansions in the news, old names).
PROGRAM_EXTRA = {
    "BLT_BBM": ["blt bbm", "bantuan langsung tunai", "blt"], "SEMBAKO": ["bpnt", "sembako"],
    "PKH": ["program keluarga harapan"], "PMKS": ["ppks", "pmks"], "PROTESA": ["kaki palsu", "protesa"],
    "BANSOS_LANSIA": ["lansia", "lanjut usia"], "BANSOS_ANAK": ["anak terlantar"],
    "PENDAMPING_DISABILITAS": ["divabel"], "P2K2": ["fds", "family development session"],
    "JPS_COVID": ["jps", "covid"], "TALI_ASIH": ["perintis kemerdekaan"], "JSLU": ["lansia"],
}
#: Extra words for indicators.
INDICATOR_EXTRA = {
    "penerima": ["penerima manfaat", "kpm", "penerima bantuan"], "anggaran": ["dana", "pagu", "biaya"],
    "persentase_penduduk_miskin": ["angka kemiskinan", "tingkat kemiskinan", "persen miskin"],
    "penduduk_miskin": ["kemiskinan", "warga miskin", "orang miskin"],
    "jumlah_penduduk_sp2020": ["penduduk", "populasi", "sensus"],
    "jumlah_penduduk_dukcapil": ["penduduk", "populasi"], "jumlah_penduduk_proyeksi_bps": ["penduduk"],
    "luas_wilayah": ["luas", "area"], "nilai_bantuan_per_penerima": ["besaran bantuan", "nominal"],
    "jumlah_psks": ["psks", "relawan"],
}
#: Tie-break among figures of equal relevance: the headline count first.
INDICATOR_PRIORITY = {"penerima": 0, "jumlah_psks": 0, "penduduk_miskin": 1,
                      "persentase_penduduk_miskin": 1, "anggaran": 2}
