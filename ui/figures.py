"""Figures (and shown tables) built once per distinct input and shared by every session.

Building a plotly figure validates every property and costs 5-30 ms, and
`st.plotly_chart` then copies it whole (``Figure.to_dict`` is a deep copy,
template included) before encoding it: a class of forty students on the same
default view would pay both on every rerun. A figure depends only on its
arguments (the translated titles among them), and `st.plotly_chart` only
reads it, so one server-wide copy per input is safe. Never mutate a figure
returned by a cached builder.

Two ways in:

- ``cached(builder)``: keyed on every argument. Lists, tuples, dicts and numpy
  arrays are frozen into a plain Python key (no Streamlit hashing, which walks
  a long list element by element in Python: ~20 ms per rerun on the language
  page).
- ``keyed(builder)(key, *args, **kwargs)``: keyed on ``key`` and the keyword
  arguments only. Use it when the data is large but named by something small
  (a training request, a settings tuple) and pass the titles as keywords.

Anything else worth sharing (a model run, a report) goes through ``memo(func)``
(keyed like ``cached``) or ``keyed_memo(func)`` (keyed like ``keyed``): returned as
built, shared by every session, so never mutated either. Unlike ``st.cache_data``
they neither hash nor copy on every call, and unlike ``st.cache_resource`` a page
may define them anew on every run for free (the Streamlit decorators read the
function's source each time one is made).

Shown tables and CSV downloads get the same treatment: ``table(key, build)``
returns an Arrow table (what `st.dataframe` sends, converted once) and
``csv(key, build)`` the CSV bytes.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa
from _plotly_utils.utils import convert_to_base64
from streamlit import dataframe_util

_SCALARS = (int, float, str, bool, type(None), np.integer, np.floating)


class FrozenFigure(go.Figure):
    """A figure whose dict form is computed once and handed out as is.

    `st.plotly_chart` calls ``to_dict()`` (a deep copy) and then encodes the
    result; plotly's encoder converts numpy arrays in place, which is done here
    once so later encodings of the shared dict change nothing in it.
    """

    _frozen_dict: dict

    def to_dict(self) -> dict:
        return self._frozen_dict


def freeze_figure(fig: go.Figure) -> go.Figure:
    """`fig`, made read-only in spirit: its dict form is built once, now."""
    frozen = fig.to_dict()
    for trace in frozen.get("data", []):
        trace.pop("uid", None)
    convert_to_base64(frozen)
    fig.__class__ = FrozenFigure
    object.__setattr__(fig, "_frozen_dict", frozen)
    return fig


def freeze(value: Any) -> Hashable:
    """A hashable stand-in for an argument (lists and arrays included)."""
    if isinstance(value, _SCALARS):
        return value
    if isinstance(value, list | tuple):
        if all(isinstance(item, _SCALARS) for item in value):
            return (type(value).__name__, *value)
        return (type(value).__name__, *map(freeze, value))
    if isinstance(value, dict):
        return ("dict", *((freeze(k), freeze(v)) for k, v in value.items()))
    if isinstance(value, np.ndarray):
        return ("ndarray", value.shape, value.dtype.str, value.tobytes())
    if hasattr(value, "detach") and hasattr(value, "numpy"):  # a torch tensor
        return freeze(value.detach().cpu().numpy())
    if type(value).__eq__ is object.__eq__:
        # Compared by identity, it would never be found again: build such figures fresh.
        raise TypeError(f"cannot key a figure on a {type(value).__name__}")
    hash(value)  # anything else must be hashable itself (frozen dataclasses, enums)
    return value


class _Building:
    """One build in progress: the sessions asking for the same key wait for it."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.value: Any = None
        self.failed = False


class _Store:
    """A small thread-safe LRU of built things (figures, tables) for one builder.

    A class asks for the same view at the same moment: the first session to miss a key
    builds it and the others wait for that one build (forty students each building the
    same 60 ms figure would cost the server 2.4 s).
    """

    wait_seconds = 30.0  # past this, a waiting session builds its own copy

    def __init__(self, max_entries: int, finish: Callable[[Any], Any] = freeze_figure):
        self.max_entries = max_entries
        self.finish = finish
        self.lock = threading.Lock()
        self.figures: OrderedDict[Hashable, Any] = OrderedDict()
        self.building: dict[Hashable, _Building] = {}

    def get_or_build(self, key: Hashable, build: Callable[[], Any]) -> Any:
        while True:
            with self.lock:
                if key in self.figures:
                    self.figures.move_to_end(key)
                    return self.figures[key]
                pending = self.building.get(key)
                owner = pending is None
                if owner:
                    pending = self.building[key] = _Building()
            if owner:
                return self._build(key, build, pending)
            if not pending.done.wait(self.wait_seconds):
                return self.finish(build())  # the other build hangs: make a copy here
            if not pending.failed:
                return pending.value
            # that build failed: ask again (this session may now be the one to build)

    def _build(self, key: Hashable, build: Callable[[], Any], pending: _Building) -> Any:
        try:
            pending.value = self.finish(build())
        except BaseException:
            pending.failed = True
            raise
        finally:
            with self.lock:
                del self.building[key]
                if not pending.failed:
                    self.figures[key] = pending.value
                    while len(self.figures) > self.max_entries:
                        self.figures.popitem(last=False)
            pending.done.set()
        return pending.value


_STORES: dict[tuple[str, str], _Store] = {}
_STORES_LOCK = threading.Lock()


def _store_for(builder: Callable, max_entries: int, finish: Callable[[Any], Any] = freeze_figure,
               ) -> _Store:
    # A page script defines its functions anew on every run: name them by file and
    # qualified name, so every run (and every session) shares one store.
    code = getattr(builder, "__code__", None)
    name = (code.co_filename if code else builder.__module__, builder.__qualname__)
    with _STORES_LOCK:
        return _STORES.setdefault(name, _Store(max_entries, finish))


Builder = Callable[..., go.Figure]


def _kept(func: Callable[..., Any], max_entries: int, finish: Callable[[Any], Any], *,
          named_by_key: bool) -> Callable[..., Any]:
    """`func` with its results kept per distinct arguments, or with `named_by_key` called as
    ``(key, *args, **kwargs)`` and kept per key and keywords (`args` are not looked at)."""
    store = _store_for(func, max_entries, finish)

    def call(*args: Any, **kwargs: Any) -> Any:
        if named_by_key:
            name, *args = args
            name = (name, kwargs)
        else:
            name = (args, kwargs)
        try:
            key = freeze(name)
        except TypeError:  # an argument that cannot be keyed: compute it fresh
            return func(*args, **kwargs)
        return store.get_or_build(key, lambda: func(*args, **kwargs))

    call.__wrapped__ = func  # type: ignore[attr-defined]
    return call


def cached(builder: Builder, *, max_entries: int = 128) -> Builder:
    """`builder` with its figures kept per distinct arguments (language included)."""
    return _kept(builder, max_entries, freeze_figure, named_by_key=False)


def keyed(builder: Builder, *, max_entries: int = 128) -> Builder:
    """`builder` called as ``(key, *args, **kwargs)``, its figure kept per key and keywords.

    `key` must name everything the positional `args` hold (they are not looked at).
    """
    return _kept(builder, max_entries, freeze_figure, named_by_key=True)


def _as_built(value: Any) -> Any:
    return value


def memo(func: Callable[..., Any], *, max_entries: int = 256) -> Callable[..., Any]:
    """`func` with its results kept per distinct arguments for every session (read-only)."""
    return _kept(func, max_entries, _as_built, named_by_key=False)


def keyed_memo(func: Callable[..., Any], *, max_entries: int = 256) -> Callable[..., Any]:
    """`memo` called as ``(key, *args, **kwargs)``: kept per key and keywords only.

    For results of large inputs (records, a corpus, a model) named by something small
    (a training request and how far it ran): `key` must name everything the positional
    `args` hold, which are neither hashed nor kept.
    """
    return _kept(func, max_entries, _as_built, named_by_key=True)


def _to_arrow(frame: pd.DataFrame) -> pa.Table:
    return dataframe_util.convert_pandas_df_to_arrow_table(frame)


_TABLES = _Store(512, finish=_to_arrow)


def table(key: Hashable, build: Callable[[], pd.DataFrame]) -> pa.Table:
    """The table `build()` makes, converted to Arrow once per `key` for every session.

    `st.dataframe` sends an Arrow table as it is; a pandas frame it converts on every
    rerun (1-3 ms a table, more for string columns). `key` names the table (start it
    with the page's slug) and everything its content depends on, language included.
    Only for tables that are shown, not edited.
    """
    try:
        frozen_key = freeze(key)
    except TypeError:  # a key that cannot be hashed: convert it fresh
        return _to_arrow(build())
    return _TABLES.get_or_build(frozen_key, build)


def _csv_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False).encode("utf-8")


_CSVS = _Store(256, finish=_csv_bytes)


def csv(key: Hashable, build: Callable[[], pd.DataFrame]) -> bytes:
    """The CSV of the table `build()` makes, written once per `key` for every session."""
    try:
        frozen_key = freeze(key)
    except TypeError:  # a key that cannot be hashed: write it fresh
        return _csv_bytes(build())
    return _CSVS.get_or_build(frozen_key, build)
