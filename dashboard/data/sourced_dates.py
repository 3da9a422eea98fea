"""The closed grammar of the ``source_date`` texts in the published-figure files.

Each text form has one explicit rule (:data:`RULES`) giving the normalised date (ISO ``YYYY-MM-DD``,
``YYYY-MM``, ``YYYY`` or ``""``), its precision (``hari``, ``bulan``, ``tahun`` or ``""``), whether the
date was inferred from context (a weekday without a year, a copyright line, "disimpulkan", a date
taken from another outlet) and whether the *figure's year* was inferred (the collector wrote "year
inferred" or "year not printed"). A weekday or day/month written beside an inferred date is checked
against the calendar. A text no rule matches raises :class:`DateError` (the importer adds file and row).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

WEEKDAYS = {"Senin": 0, "Selasa": 1, "Rabu": 2, "Kamis": 3, "Jumat": 4, "Sabtu": 5, "Minggu": 6, "Ahad": 6}
_DAY = r"(?P<wd>Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu|Ahad)"
_ISO_DAY = r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
_ISO_MONTH = r"(?P<y>\d{4})-(?P<m>\d{2})"
_DM = r"(?P<dd>\d{1,2})/(?P<mm>\d{1,2})"


class DateError(ValueError):
    """A source date text outside the grammar, or one contradicting the calendar."""


@dataclass(frozen=True)
class SourceDate:
    iso: str  # "YYYY-MM-DD" | "YYYY-MM" | "YYYY" | ""
    precision: str  # hari | bulan | tahun | ""
    date_inferred: bool
    year_inferred: bool
    rule: str  # name of the rule that read the text (for the import report and tests)


#: (name, pattern, precision, date inferred, figure year inferred). Named groups y/m/d give the
#: date; ``fy`` (file year) and ``fm`` overrule y/m (a data file dated by its publication).
RULES: list[tuple[str, str, str, bool, bool]] = [
    ("iso_hari", rf"{_ISO_DAY}", "hari", False, False),
    ("iso_hari_keterangan", rf"{_ISO_DAY} \((?:rilis|RDP|tanggal rilis|terakhir diperbarui|rilis BPS)\)",
     "hari", False, False),
    ("iso_hari_outlet_lain", rf"{_ISO_DAY} \({_DAY}; tanggal dari .+ \d{{4}}-\d{{2}}-\d{{2}} yang memuat "
     r"pernyataan sama\)", "hari", True, False),
    ("iso_hari_hari", rf"{_ISO_DAY} \((?:rilis, |wawancara )?{_DAY}(?: {_DM}(?:/\d{{2,4}})?"
     r"| \d{1,2} \w+ \d{4})?(?:; [^)]*)?\)", "hari", False, False),
    ("iso_hari_rilis_hari", rf"{_ISO_DAY} \(rilis BPS [^,]+, {_DAY} {_DM}/\d{{2}}\)", "hari", False, False),
    ("iso_hari_disimpulkan", rf"{_ISO_DAY} \(disimpulkan: {_DAY} {_DM}(?:; [^)]*)?\)", "hari", True, False),
    ("iso_hari_revisi", rf"{_ISO_DAY} \(revisi\); data \d{{4}}", "hari", False, False),
    ("iso_data_berkas", r"\d{4}-\d{2}(?:-\d{2})? \(data(?: BIG)?\); file (?P<y>\d{4})-(?P<m>\d{2})", "bulan",
     False, False),
    ("iso_bulan", rf"{_ISO_MONTH}", "bulan", False, False),
    ("iso_bulan_tahun_disimpulkan", rf"{_ISO_MONTH} \(year inferred: [^)]+\)", "bulan", True, True),
    ("iso_bulan_keterangan", rf"{_ISO_MONTH} \((?:KUA-PPAS disepakati \d{{1,2}}/\d{{1,2}}/\d{{4}}"
     r"|penyaluran \d{4}-\d{2}-\d{2}|BRS \d{1,2} \w+ \d{4}|penyaluran [^)]+)\)", "bulan", False, False),
    ("tahun", r"(?P<y>\d{4})", "tahun", False, False),
    ("tahun_konteks", r"(?P<y>\d{4}) \((?:COPYRIGHT \d{4}; \w+|\w+; COPYRIGHT \d{4}; [^)]+|copyright line; [^)]+"
     r"|date not shown; [^)]+|Rabu, sebelum November \d{4}|Ramadhan \d{4} H|exact date not shown"
     r"|semester I data)\)", "tahun", True, False),
    ("tahun_dari_teks", r"(?P<y>\d{4}) \(text: '[^']+'; data \d{4}\)", "tahun", True, False),
    ("banner", r"banner (?:dilihat|shown) (?P<y>\d{4}) \([^)]+\); data \d{4}", "tahun", True, False),
    ("hari_tahun_dalam_kurung_siku", rf"{_DAY} \({_DM}\) \[(?P<y>\d{{4}}); [^\]]+\]", "hari", True, False),
    ("hari_iso_dalam_kurung_siku", rf"{_DAY} \({_DM}\) \[(?P<y>\d{{4}})-(?P<m>\d{{2}})-(?P<d>\d{{2}})\]"
     r"(?:; year not printed)?", "hari", True, False),
    ("hari_tahun_dari_teks", rf"{_DAY} \({_DM}\), (?P<y>\d{{4}}) \(text: \"[^\"]+\"\)", "hari", True, False),
    ("hari_tahun_tidak_tercetak", rf"{_DAY} {_DM} \(year not printed; \d{{1,2}} \w+ (?P<y>\d{{4}}) is a \w+\)",
     "hari", True, True),
    ("hari_tanpa_tahun", rf"{_DAY} {_DM} \(year not shown; [^)]+\)", "", False, False),
    ("tidak_ada", r"not shown|not stated", "", False, False),
    ("tidak_ada_tahun_disimpulkan", r"not shown \(year inferred: [^)]+\)", "", False, True),
    ("tidak_ada_keterangan", r"not shown \([^)]+\)|tidak tercantum \([^)]+\)", "", False, False),
]


def _check_calendar(m: re.Match, when: date, text: str) -> None:
    groups = m.groupdict()
    if groups.get("wd") and groups.get("dd") is None and groups.get("d") is None:
        return
    if groups.get("dd") and (int(groups["dd"]), int(groups["mm"])) != (when.day, when.month):
        raise DateError(f"tanggal {groups['dd']}/{groups['mm']} tidak cocok dengan {when.isoformat()}: {text!r}")
    if groups.get("wd") and WEEKDAYS[groups["wd"]] != when.weekday():
        raise DateError(f"{when.isoformat()} bukan hari {groups['wd']}: {text!r}")


def parse_source_date(text: str) -> SourceDate:
    """Read one ``source_date`` text with the first matching rule; raise :class:`DateError` otherwise."""
    for name, pattern, precision, date_inferred, year_inferred in RULES:
        m = re.fullmatch(pattern, text)
        if not m:
            continue
        g = m.groupdict()
        if precision == "hari":
            if not g.get("m"):
                g["m"], g["d"] = g["mm"], g["dd"]
            try:
                when = date(int(g["y"]), int(g["m"]), int(g["d"]))
            except ValueError as exc:
                raise DateError(f"tanggal tidak ada di kalender: {text!r}") from exc
            _check_calendar(m, when, text)
            iso = when.isoformat()
        elif precision == "bulan":
            if not 1 <= int(g["m"]) <= 12:
                raise DateError(f"bulan tidak ada di kalender: {text!r}")
            iso = f"{g['y']}-{g['m']}"
        elif precision == "tahun":
            iso = g["y"]
        else:
            iso = ""
        return SourceDate(iso, precision, date_inferred, year_inferred, name)
    raise DateError(f"bentuk tanggal sumber tidak dikenal: {text!r}")
