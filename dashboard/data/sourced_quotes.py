"""How a quote prints a figure: rounded word forms ("Rp121,5 miliar", "49 ribu") and approximation
words ("sekitar", "lebih dari") right before the number.

The raw files give numbers as plain decimals ("121500000000"); the quote shows whether the source
printed them exactly or rounded, and whether it called them approximate. Used by the importer
(:mod:`dashboard.data.sourced`) to keep the rounding step and the approximation of every figure.
"""

from __future__ import annotations

import re
from decimal import Decimal

_WORDS = (("triliun", 10**12), ("miliar", 10**9), ("juta", 10**6), ("ribu", 10**3))
_APPROX_WORDS = {"sekitar": "sekitar", "kurang lebih": "sekitar", "lebih dari": "lebih dari",
                 "kurang dari": "kurang dari"}


def comma(text: str) -> str:
    """``775.99`` -> ``775,99`` (the decimal comma sources print)."""
    return text.replace(".", ",")


def spelled_exact(quote: str, value: Decimal) -> bool:
    """True when the quote prints every digit of ``value`` (``75613``, ``75.613`` or ``75,613``)."""
    if value != value.to_integral_value():
        return True  # a decimal figure is written as it is
    whole = int(value)
    forms = {str(whole), f"{whole:,}".replace(",", "."), f"{whole:,}"}
    return any(re.search(rf"(?<![\d.,]){re.escape(f)}(?!\d|[.,]\d)", quote) for f in forms)


def printed_in_quote(quote: str, value: Decimal) -> tuple[str, Decimal] | None:
    """``("Rp121,5 miliar", step)`` when the quote prints the figure only in a rounded word form."""
    if value < 1000 or spelled_exact(quote, value):
        return None
    for word, scale in _WORDS:
        scaled = (value / scale).normalize()
        if scaled < 1 or -scaled.as_tuple().exponent > 3:
            continue
        m = re.search(rf"(?<![\d.,])(?:Rp\.? ?)?{re.escape(comma(format(scaled, 'f')))} {word}", quote)
        if m:
            return m[0], Decimal(scale) / 10 ** max(0, -scaled.as_tuple().exponent)
    return None


def approx_in_quote(quote: str, value: Decimal, spelled: str) -> str:
    """The approximation word the quote puts right before the number ("sekitar Rp121,5 miliar").

    ``spelled`` is the rounded word form ("Rp121,5 miliar", "50 ribu") when the source printed one;
    otherwise the digit forms of the value are tried, never followed by a scale word (so "sekitar Rp50
    miliar" does not make "50 ribu KPM" approximate).
    """
    if spelled:
        forms = [re.sub(r"^Rp\.? ?", "", spelled)]
        tail = r"(?!\d|[.,]\d)"
    else:
        whole = int(value) if value == value.to_integral_value() else None
        forms = [str(whole), f"{whole:,}".replace(",", ".")] if whole is not None else [comma(str(value))]
        tail = r"(?!\d|[.,]\d| (?:ribu|juta|miliar|triliun))"
    for form in forms:
        m = re.search(rf"\b(sekitar|kurang lebih|lebih dari|kurang dari) (?:Rp\.? ?)?{re.escape(form)}{tail}", quote)
        if m:
            return _APPROX_WORDS[m[1]]
    return ""
