"""Text of a staff file made safe before it is checked or stored, and private data found in any form.

Every text cell goes through :func:`clean_text`, and what it returns is both what the rules check and
what is published, so nothing can hide behind a character the check ignores:

* control characters (C0 and C1, DEL, so also ANSI escape codes) and the bidirectional controls that
  reorder what a reader sees (U+202A..U+202E, U+2066..U+2069, U+200E, U+200F, U+061C) refuse the
  cell (:class:`CellError` ``karakter_kendali``);
* other invisible format characters (zero-width space and joiners, BOM, word joiner, soft hyphen,
  tag characters, ...) are removed;
* white space of any kind (tab, line break, no-break space, ideographic space, ...) becomes one
  space, and the text is trimmed.

:func:`private_kind` finds a NIK, a phone number or an email address however it is written: digits
of any script (fullwidth, Arabic-Indic), groups separated by spaces, dots, slashes, any dash or
parentheses (``3601 2345 6789 0123``, ``+62 812-3456-7890``, ``(0812) 3456 7890``), with invisible
characters between them. A well-formed grouped number (``Rp 628.123.456.789``) is a number, not a
phone number; a NIK written in groups must start with a province code.

:func:`printable` escapes what must never reach a terminal or a log raw (a file name with a line break
could forge an output line).
"""

from __future__ import annotations

import re
import unicodedata

from dashboard.data.cells import CellError

MAX_TEXT = 1000  # characters of a text cell
MAX_URL = 2048
BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_REFUSED = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{BIDI}]")
#: Invisible format characters (category Cf without the bidirectional controls) and invisible marks.
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u180b-\u180f\u200b-\u200d"
    "\u2060-\u2064\u206a-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001-\U000e007f"
    "\U000e0100-\U000e01ef]")
_CHAR_NAMES = {"\x1b": "ESC, awal kode warna/terminal", "\x00": "NUL", "\x7f": "DEL", "\u202e": "pembalik arah teks",
               "\u202d": "pemaksa arah teks", "\x85": "NEL"}


def _code(ch: str) -> str:
    name = _CHAR_NAMES.get(ch) or unicodedata.name(ch, "karakter kendali")
    return f"U+{ord(ch):04X} ({name})"


def clean_text(text: str, limit: int = MAX_TEXT) -> str:
    """The text as checked and stored (see the module docstring); ``CellError`` when refused."""
    if text.isascii() and text.isprintable():
        cleaned = " ".join(text.split()) if "  " in text or text[:1] == " " or text[-1:] == " " else text
    else:
        if bad := _REFUSED.search(text):
            raise CellError("karakter_kendali", f"{_code(bad[0])} di posisi {bad.start() + 1}")
        cleaned = " ".join(_INVISIBLE.sub("", text).split())
    if len(cleaned) > limit:
        raise CellError("teks_terlalu_panjang", f"{len(cleaned)} karakter, batas {limit}")
    return cleaned


def printable(text: object) -> str:
    """``text`` with every character that is not printable escaped (``\\n``, ``\\x1b``, ``\\u202e``)."""
    text = str(text)
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


# ---------------------------------------------------------------- private data

_PROVINCES = {str(n) for n in (*range(11, 20), 21, *range(31, 37), 51, 52, 53, *range(61, 66), *range(71, 77),
                               81, 82, *range(91, 98))}
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
_PLAIN_NIK = re.compile(r"(?<![0-9])[0-9]{16}(?![0-9])")
_PLAIN_PHONE = re.compile(r"(?<![0-9+])(?:\+62|62|0)8[0-9]{7,11}(?![0-9])")
_PHONE_DIGITS = re.compile(r"(?:62|0)8[0-9]{7,11}")
_RUN = re.compile(r"\+?\(?[0-9][0-9 .\-/()]*[0-9]")
_GROUPED = re.compile(r"\+?[1-9][0-9]{0,2}(?P<s>[., ])[0-9]{3}(?:(?P=s)[0-9]{3})*(?:[.,][0-9]{1,3})?")
_DASHES = re.compile(r"[\u2010-\u2015\u2212\u2043\ufe58\ufe63\uff0d\u058a\u05be\u1806\u2e3a\u2e3b\u301c\u30a0]")
_ANY_DIGIT = re.compile(r"\d")
_WA = re.compile(r"(?:wa\.me|whatsapp\.com)/(?:send\?phone=)?\+?([0-9]{8,15})", re.IGNORECASE)
KINDS = {"nik": "NIK", "telepon": "nomor telepon", "email": "alamat email"}


def fold(text: str) -> str:
    """Text as the private-data patterns read it: invisible characters removed, fullwidth and other
    scripts' digits as ASCII digits, every dash as ``-``, every space as one space."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKC", _INVISIBLE.sub("", re.sub(f"[{BIDI}]", "", text)))
    text = _ANY_DIGIT.sub(lambda m: str(unicodedata.decimal(m[0], 0)), text)
    return " ".join(_DASHES.sub("-", text).split(" ")).replace("\u00a0", " ")


def private_kind(text: str, url: bool = False) -> str | None:
    """``"nik"``, ``"telepon"`` or ``"email"`` when ``text`` looks like that private data, else None."""
    text = fold(text)
    if url:
        return "telepon" if _WA.search(text) else "email" if text.lower().startswith("mailto:") else None
    if "@" in text and _EMAIL.search(text):
        return "email"
    if sum(c.isdigit() for c in text) < 8:
        return None
    if _PLAIN_NIK.search(text):
        return "nik"
    if _PLAIN_PHONE.search(text):
        return "telepon"
    for run in _RUN.findall(text):
        if not _GROUPED.fullmatch(run) and (kind := _run_kind(run)):
            return kind
    return None


def _run_kind(run: str) -> str | None:
    """A NIK or phone number written in groups inside a run of digits and separators."""
    groups = re.findall(r"[0-9]+", run)
    seps = [s.strip() or " " for s in re.findall(r"(?<=[0-9])[^0-9]+(?=[0-9])", run)]
    plus = run.startswith("+") or run.startswith("(+")
    for i, first in enumerate(groups):
        digits = ""
        for j in range(i, len(groups)):
            digits += groups[j]
            if len(digits) > 16:
                break
            if (len(digits) == 16 and j > i and digits[:2] in _PROVINCES and len(set(seps[i:j])) == 1):
                return "nik"
            if j > i and _PHONE_DIGITS.fullmatch(digits) and (
                    len(first) >= 3 or (first == "62" and len(groups[i + 1]) >= 3)):
                return "telepon"
            if plus and i == 0 and j > i and 8 <= len(digits) <= 15 and not digits.startswith("62"):
                return "telepon"
    return None
