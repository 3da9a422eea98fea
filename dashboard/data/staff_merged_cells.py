"""Ranges merged inside the data rows of an XLSX sheet: each is refused once (``sel_gabungan``), and
the cells it covers count as unreadable in their column instead of as empty cells.

A sheet lists its merged ranges after its rows, so they are applied once every row has been read
(:func:`dashboard.data.staff_parse.parse_rows` reads a chunk at a time).
"""

from __future__ import annotations

from dashboard.data.readers import RawTable
from dashboard.data.schema import Problem
from dashboard.data.staff_columns import Header, column_letter
from dashboard.data.staff_messages import problem


def merged_cells(table: RawTable, header: Header, first: int) -> tuple[set[tuple[int, int]], list[Problem]]:
    """Cells (row, position) of known columns covered by a range merged inside the data rows."""
    covered: set[tuple[int, int]] = set()
    found = []
    for min_col, min_row, max_col, max_row in table.merged:
        if max_row < first:
            continue  # title or header cells: merging them is fine
        positions = [p for p in range(min_col - 1, max_col) if p in header.columns]
        if not positions:
            continue
        found.append(problem("sel_gabungan", table.name, max(min_row, first), header.columns[positions[0]], None,
                             f"rentang {column_letter(min_col - 1)}{min_row}:{column_letter(max_col - 1)}{max_row}"))
        covered |= {(r, p) for r in range(max(min_row, first), max_row + 1) for p in positions}
    return covered, found


def apply_merged(covered: set[tuple[int, int]], readers: list, numbers: list[int], failed: list, out: dict,
                 found: list) -> list:
    """Cells covered by a merged range count as unreadable in their column (the range is reported):
    their values and cell problems are dropped. Returns the cell problems kept."""
    index = {number: i for i, number in enumerate(numbers)}
    for position, column, read in readers:
        fields = {name for produced, _ in read.memo.values() for name, _ in produced}
        for i in (index[n] for n, p in covered if p == position and n in index):
            failed[i] = (failed[i] or set()) | {column}
            for name in fields:
                out[name][i] = None
    return [(i, p, prob) for i, p, prob in found if (numbers[i], p) not in covered]
