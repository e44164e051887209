"""Figures built once per distinct input and shared by every session.

Building a plotly figure validates every property and costs 5-30 ms; a class of
forty students on the same default view would pay that on every rerun. A
figure depends only on its arguments (the translated titles among them), and
`st.plotly_chart` only reads it, so one server-wide copy per input is safe.
Never mutate a figure returned by a cached builder.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec

import plotly.graph_objects as go
import streamlit as st

P = ParamSpec("P")


def cached(builder: Callable[P, go.Figure], *, max_entries: int = 128) -> Callable[P, go.Figure]:
    """`builder` with its figures kept per distinct arguments (language included)."""
    return st.cache_resource(max_entries=max_entries, show_spinner=False)(builder)
