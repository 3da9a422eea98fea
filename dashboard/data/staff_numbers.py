"""The numbers of a staff file under its convention: Indonesian (``1.234,5``) or English (``1,234.5``).

A text such as ``1.234`` reads differently in the two; :func:`convention_of` takes the majority of
the unambiguous cells of the file (Indonesian when nothing decides), and :func:`resolve_numbers`
turns every parsed value into the number in the base unit (scaled by ``ribu``/``juta`` in the value
or the unit) with its rounding step, reporting mixed conventions, percentages outside ``persen``
and numbers too large to store exactly.
"""

from __future__ import annotations

from dashboard.data.cells import Number, scaled
from dashboard.data.schema import Problem
from dashboard.data.staff_messages import problem


def convention_of(out: dict[str, list]) -> str:
    """The number convention of the file: the majority of unambiguous cells, Indonesian by default."""
    seen = [n.convention for key in ("_number", "_precision") for n in out.get(key, ())
            if isinstance(n, Number) and n.convention]
    return "en" if seen.count("en") > seen.count("id") else "id"


def resolve_numbers(out: dict[str, list], convention: str, failed: list, numbers: list[int],
                     file: str) -> list[Problem]:
    """Values and precisions under the file's convention (scaled by the unit), with their problems."""
    count = len(numbers)
    blank = [None] * count
    texts, units, powers = out.get("_number_text", blank), out.get("unit", blank), out.get("_unit_power", blank)
    unit_texts = out.get("unit_asli", blank)
    values, precisions = [None] * count, [None] * count
    found = []

    def fail(i: int, rule: str, column: str, value: object = None, detail: str | None = None) -> None:
        found.append(problem(rule, file, numbers[i], column, value, detail))
        failed[i] = (failed[i] or set()) | {column}

    for column, key in (("nilai", "_number"), ("presisi", "_precision")):
        for i, number in enumerate(out.get(key, ())):
            if not isinstance(number, Number):
                continue
            if number.convention not in (None, convention):
                fail(i, "format_angka_campuran", column, texts[i] if column == "nilai" else None)
            elif column == "nilai":
                value, precision = scaled(number, convention, powers[i] or 0)
                if abs(value) >= 1e15:
                    fail(i, "angka_terlalu_besar", column, texts[i])
                    continue
                values[i] = value
                precisions[i] = precision
                if number.percent and units[i] != "persen":
                    fail(i, "tanda_persen", column, texts[i], f"satuan {unit_texts[i]}")
            else:
                step = float(number.resolved(convention)[0])
                if step < 0:
                    fail(i, "nilai_negatif", column, step)
                precisions[i] = step or None
    out["value"], out["precision"] = values, precisions
    return sorted(found, key=lambda p: p.row)
