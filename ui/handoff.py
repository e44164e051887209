"""From a trained hello -> ohlol network to the gated-cells page, in one click.

The ohlol page, after a finished variant-B LSTM or GRU run, calls

    handoff.offer_gated_page(tr, model, data)

(`model` the trained `rnnviz.ohlol.EmbeddingRNN`, `data` the run's `ohlol.Data`). It
draws the "Step through this network's gates" button; a click takes the network apart
(`rnnviz.gated.from_ohlol`: its LSTM / GRU weights, the embedding rows of the input
characters, the output layer), keeps it in this session, and opens views/9_gated.py
in the same language. The gated page reads it with `trained()`, introduces it with
`banner()`, and drops it with `forget()` ("back to the course example").

A trained network lives only in its session (a link cannot carry one).
"""

from __future__ import annotations

from collections.abc import MutableMapping, Sequence
from typing import Any

import streamlit as st
from torch import nn

from rnnviz import gated
from rnnviz.plots.ohlol import shown_char
from ui import page
from ui.cache import LANG_KEY
from ui.i18n import Translator
from ui.text import gated as gated_text

GATED_PAGE = "views/9_gated.py"
TRAINED_KEY = "gated.trained"  # session state: the TrainedCell the gated page shows


CELLS = gated.CELLS  # the cells the gated page steps


def can_offer(model: nn.Module | None) -> bool:
    """True for a variant-B model with an LSTM or GRU layer (the cells the page steps)."""
    return (model is not None and hasattr(model, "embedding")
            and getattr(model, "cell_type", None) in gated.CELLS)


def store(model: nn.Module, data: Any,
          state: MutableMapping[str, Any] | None = None) -> gated.TrainedCell:
    """Keep `model` (trained on `data`, an `ohlol.Data`) for the gated page; returns it as
    the page will show it. `state` defaults to this session's state (a test passes an
    AppTest's)."""
    trained = gated.from_ohlol(model, data.inputs, data.chars)
    (st.session_state if state is None else state)[TRAINED_KEY] = trained
    return trained


def trained(state: MutableMapping[str, Any] | None = None) -> gated.TrainedCell | None:
    """The network handed over in this session, or None."""
    value = (st.session_state if state is None else state).get(TRAINED_KEY)
    return value if isinstance(value, gated.TrainedCell) else None


def forget(state: MutableMapping[str, Any] | None = None) -> None:
    """Drop the handed-over network (the gated page goes back to the course example)."""
    (st.session_state if state is None else state).pop(TRAINED_KEY, None)


def offer_gated_page(tr: Translator, model: nn.Module | None, data: Any, *,
                     key: str = "ohlol.to_gated") -> None:
    """The button that opens the gated page with this trained network (nothing for a model
    the page cannot step: variant A, or an RNN layer)."""
    if not can_offer(model):
        return
    words = Translator(gated_text.STRINGS, tr.lang)
    clicked = st.button(words("gated.handoff.button"), key=key, icon=":material/valve:",
                        help=words("gated.handoff.help", text=data.input_text))
    if not clicked:
        return
    store(model, data)
    target = page.page_object(GATED_PAGE)  # None outside the multipage app (an AppTest of one page)
    if target is not None:
        st.switch_page(target, query_params={LANG_KEY: st.session_state.get(LANG_KEY, tr.lang)})


def banner(tr: Translator, trained: gated.TrainedCell, predicted: Sequence[str]) -> None:
    """On the gated page (`tr` its translator): what the handed-over network is, what it
    predicts at each step, its output layer, and the button back to the course example."""
    weights, chars = trained.weights, " ".join(shown_char(c) for c in trained.vocabulary)
    st.info(tr("gated.trained.banner", cell=weights.cell.upper(), hidden=weights.n_hidden,
               inputs="".join(trained.labels), dims=weights.n_inputs,
               predicted=" ".join(predicted)), icon=":material/school:")
    readout = "identity" if trained.identity_readout else "linear"
    st.caption(tr(f"gated.trained.readout.{readout}", vocab=len(trained.vocabulary),
                  hidden=weights.n_hidden, chars=chars))
    if max(weights.n_hidden, weights.n_inputs) > gated.MAX_SIZE:
        st.warning(tr("gated.first_units", total=weights.n_hidden, inputs=weights.n_inputs,
                      shown=gated.MAX_SIZE), icon=":material/visibility:")
    left, right = st.columns([1, 3], vertical_alignment="center")
    left.button(tr("gated.trained.back"), key="gated.back", on_click=forget,
                icon=":material/undo:")
    right.caption(tr("gated.trained.link"))
