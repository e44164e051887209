"""Parse user-typed numbers and say precisely what is wrong with the bad ones.

Problems are returned as data (`CellProblem`), never as prose: the page turns
the reason code into a sentence in the reader's language.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

NOT_A_NUMBER, NAN, INFINITE, EMPTY, OUT_OF_RANGE = "number", "nan", "inf", "empty", "range"


@dataclass(frozen=True)
class CellProblem:
    row: int  # 0-based
    column: int  # 0-based
    raw: str
    reason: str  # one of NOT_A_NUMBER, NAN, INFINITE, EMPTY, OUT_OF_RANGE


def parse_number(
    raw: object, low: float = -math.inf, high: float = math.inf
) -> tuple[float | None, str | None]:
    """A finite float within [low, high], or None and the reason it is not."""
    if raw is None or (isinstance(raw, float) and math.isnan(raw) and not isinstance(raw, bool)):
        # A cleared cell in an editor comes back as None or NaN.
        return None, EMPTY if raw is None else NAN
    text = str(raw).strip()
    if not text:
        return None, EMPTY
    try:
        value = float(text)
    except ValueError:
        return None, NOT_A_NUMBER
    if math.isnan(value):
        return None, NAN
    if math.isinf(value):
        return None, INFINITE
    if not low <= value <= high:
        return None, OUT_OF_RANGE
    return value, None


def parse_grid(
    rows: Sequence[Sequence[object]], low: float = -math.inf, high: float = math.inf
) -> tuple[np.ndarray | None, list[CellProblem]]:
    """Parse a rectangular grid of raw cells into a float64 array.

    Returns (array, []) when every cell is good, else (None, problems).
    """
    problems: list[CellProblem] = []
    values: list[list[float]] = []
    for r, row in enumerate(rows):
        parsed_row = []
        for c, raw in enumerate(row):
            value, reason = parse_number(raw, low, high)
            if reason is not None:
                problems.append(CellProblem(r, c, "" if raw is None else str(raw), reason))
            parsed_row.append(0.0 if value is None else value)
        values.append(parsed_row)
    if problems:
        return None, problems
    width = len(values[0]) if values else 0
    return np.array(values, dtype=np.float64).reshape(len(values), width), []
