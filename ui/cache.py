"""The one server-wide cache: a result kept per arguments and language, for every session.

A class of forty students asks for the same figure, table or model run at the same
moment. ``shared(func)`` keeps what ``func`` returns per distinct arguments *and the
language the session has chosen* (read here, so no caller can forget it: a figure
built with Chinese titles is never shown to an English session). The first session
to ask builds, the others wait for that one build.

- Arguments are frozen into a plain key (lists, dicts, numpy arrays, frozen
  dataclasses). A large argument that a small key names (a run's records named by
  its request and how many there are) is passed as ``Named(key, value)``: only the
  key is looked at.
- A plotly figure (alone or in a returned tuple) is kept as the JSON-ready dict
  ``st.plotly_chart`` sends, made once
  (``Figure.to_dict`` deep-copies the whole figure on every call otherwise). Never
  mutate what a shared function returns: every session gets the same object.
- In the projector view (a sidebar switch, ui.page) a figure comes back with larger
  fonts and lines (``rnnviz.plots.style.for_projector``), made once per key as well.
- ``table(key, build)`` keeps a shown table as Arrow (what ``st.dataframe`` sends) and
  ``csv(key, build)`` a download's bytes, likewise per key and language.

Unlike ``st.cache_data`` nothing is hashed by walking the data or copied on a hit, and
unlike ``st.cache_resource`` a page may wrap a function anew on every run for free
(functions are named by file and qualified name, so every run shares one store).
Public APIs only.
"""

from __future__ import annotations

import functools
import json
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any

import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from rnnviz.plots import style

if TYPE_CHECKING:  # pandas and pyarrow load on the first table, not with the home page
    import pandas as pd
    import pyarrow as pa

LANG_KEY = "lang"  # the session-state key of the language choice (ui.page draws it)
PROJECTOR_KEY = "view.projector"  # the projector view's setting (ui.page draws it)
_SCALARS = (int, float, str, bool, type(None))
WAIT_SECONDS = 30.0  # past this, a session waiting for another's build builds its own


class Named:
    """A large argument named by a small key: the cache looks at `key` only.

    With `build` instead of a value, the argument is made only when the cache misses.
    """

    __slots__ = ("key", "_value", "_build")

    def __init__(self, key: Hashable, value: Any = None, *,
                 build: Callable[[], Any] | None = None):
        self.key, self._value, self._build = key, value, build

    @property
    def value(self) -> Any:
        return self._build() if self._build is not None else self._value


class SharedFigure(go.Figure):
    """A figure whose JSON-ready form was made once; `st.plotly_chart` sends it as is."""

    _spec: dict

    def to_dict(self) -> dict:
        return self._spec


def share_figure(fig: go.Figure) -> SharedFigure:
    shared = SharedFigure()
    shared._spec = json.loads(pio.to_json(fig, validate=False))
    return shared


def current_language() -> str | None:
    """The session's language, or None outside a page run (a notebook, a worker)."""
    try:
        return st.session_state.get(LANG_KEY) if get_script_run_ctx() is not None else None
    except Exception:  # no script run context: no session, no language
        return None


def projector_view() -> bool:
    """Whether the session shows figures for a projector (larger fonts and lines)."""
    try:
        return bool(get_script_run_ctx() is not None
                    and st.session_state.get(PROJECTOR_KEY, False))
    except Exception:  # no script run context: no session
        return False


def freeze(value: Any) -> Hashable:
    """A hashable stand-in for an argument."""
    if isinstance(value, _SCALARS):
        return value
    if isinstance(value, Named):
        return ("named", freeze(value.key))
    if isinstance(value, list | tuple):
        if all(isinstance(item, _SCALARS) for item in value):
            return (type(value).__name__, *value)
        return (type(value).__name__, *map(freeze, value))
    if isinstance(value, dict):
        return ("dict", *((freeze(k), freeze(v)) for k, v in value.items()))
    # Not imported for the home page: a value can only be numpy's once numpy is loaded.
    np = sys.modules.get("numpy")
    if np is not None and isinstance(value, np.integer | np.floating):
        return value
    if np is not None and isinstance(value, np.ndarray):
        return ("ndarray", value.shape, value.dtype.str, value.tobytes())
    if hasattr(value, "detach") and hasattr(value, "numpy"):  # a torch tensor
        return freeze(value.detach().cpu().numpy())
    if type(value).__eq__ is object.__eq__:
        # Compared by identity it would never be found again: compute it fresh.
        raise TypeError(f"cannot key a cache on a {type(value).__name__}")
    hash(value)  # anything else must be hashable itself (frozen dataclasses, enums)
    return value


def _unwrap(value: Any) -> Any:
    return value.value if isinstance(value, Named) else value


def _has_figure(value: Any) -> bool:
    return isinstance(value, SharedFigure) or (
        isinstance(value, tuple) and any(isinstance(item, SharedFigure) for item in value))


def _projected(value: Any) -> Any:
    """The figures of a finished result, enlarged for a projector (the rest as is)."""
    if isinstance(value, SharedFigure):
        shown = SharedFigure()
        shown._spec = style.for_projector(value._spec)
        return shown
    if isinstance(value, tuple):
        return tuple(map(_projected, value))
    return value


def _finish(value: Any) -> Any:
    """Figures (alone or in a tuple) made ready to send once."""
    if isinstance(value, go.Figure):
        return share_figure(value)
    if isinstance(value, tuple) and any(isinstance(item, go.Figure) for item in value):
        return tuple(map(_finish, value))
    return value


class _Building:
    def __init__(self) -> None:
        self.done = threading.Event()
        self.value: Any = None
        self.failed = False


class _Store:
    """A thread-safe LRU; a key being built is built once, the askers wait for it."""

    def __init__(self, max_entries: int):
        self.max_entries = max_entries
        self.lock = threading.Lock()
        self.values: OrderedDict[Hashable, Any] = OrderedDict()
        self.building: dict[Hashable, _Building] = {}

    def get_or_build(self, key: Hashable, build: Callable[[], Any]) -> Any:
        while True:
            with self.lock:
                if key in self.values:
                    self.values.move_to_end(key)
                    return self.values[key]
                pending = self.building.get(key)
                owner = pending is None
                if owner:
                    pending = self.building[key] = _Building()
            if owner:
                return self._build(key, build, pending)
            if not pending.done.wait(WAIT_SECONDS):
                return build()  # the other build hangs: make a copy here
            if not pending.failed:
                return pending.value
            # that build failed: ask again (this session may now be the one to build)

    def _build(self, key: Hashable, build: Callable[[], Any], pending: _Building) -> Any:
        try:
            pending.value = build()
        except BaseException:
            pending.failed = True
            raise
        finally:
            with self.lock:
                del self.building[key]
                if not pending.failed:
                    self.values[key] = pending.value
                    while len(self.values) > self.max_entries:
                        self.values.popitem(last=False)
            pending.done.set()
        return pending.value


_STORES: dict[tuple[str, str], _Store] = {}
_STORES_LOCK = threading.Lock()


def _store_for(func: Callable, max_entries: int) -> _Store:
    code = getattr(func, "__code__", None)
    name = (code.co_filename if code else func.__module__, func.__qualname__)
    with _STORES_LOCK:
        return _STORES.setdefault(name, _Store(max_entries))


def shared(func: Callable[..., Any] | None = None, *, max_entries: int = 128):
    """`func` with its results kept per (language, arguments) for every session.

    Use as ``@shared`` or ``shared(func, max_entries=...)``. Pass a large argument as
    ``Named(key, value)``; an argument that cannot be keyed is computed fresh.
    """
    if func is None:
        return functools.partial(shared, max_entries=max_entries)
    store = _store_for(func, max_entries)

    @functools.wraps(func)
    def call(*args: Any, **kwargs: Any) -> Any:
        def build() -> Any:
            return _finish(func(*map(_unwrap, args),
                                **{k: _unwrap(v) for k, v in kwargs.items()}))
        try:
            key = freeze((current_language(), args, kwargs))
        except TypeError:
            value = build()
            return _projected(value) if projector_view() and _has_figure(value) else value
        value = store.get_or_build(key, build)
        if projector_view() and _has_figure(value):
            # The projector view is part of a figure's key: enlarged once, for every session.
            return store.get_or_build(("projector", key), lambda: _projected(value))
        return value

    return call


@shared(max_entries=512)
def _arrow(frame: Named) -> pa.Table:
    import pyarrow as pa

    return pa.Table.from_pandas(frame)  # as st.dataframe converts it (a RangeIndex as metadata)


@shared(max_entries=256)
def _csv(frame: Named) -> bytes:
    return frame.to_csv(index=False).encode("utf-8")


def table(key: Hashable, build: Callable[[], pd.DataFrame]) -> pa.Table:
    """The shown table `build()` makes, as Arrow, once per `key` and language.

    `key` names the table (start it with the page's slug) and everything it depends on.
    """
    return _arrow(Named(key, build=build))


def csv(key: Hashable, build: Callable[[], pd.DataFrame]) -> bytes:
    """The CSV bytes of the table `build()` makes, once per `key` and language."""
    return _csv(Named(key, build=build))
