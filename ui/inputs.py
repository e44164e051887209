"""Turn parse problems into clear, translated `st.error` messages that name the cell."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from rnnviz.validate import CellProblem
from ui.i18n import Translator

MAX_SHOWN = 5


def report_problems(
    tr: Translator,
    problems: list[CellProblem],
    name_cell: Callable[[CellProblem], str],
    *,
    low: float | None = None,
    high: float | None = None,
) -> bool:
    """Show one `st.error` per problem (at most a few). True if there were any."""
    for problem in problems[:MAX_SHOWN]:
        st.error(
            tr(
                f"error.{problem.reason}",
                field=name_cell(problem),
                value=problem.raw,
                low=low,
                high=high,
            ),
            icon=":material/error:",
        )
    return bool(problems)
