"""Figures for the encoder-decoder page. Titles and labels come from the caller."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from rnnviz import seq2seq
from rnnviz.plots.style import DIVERGING, HIGHLIGHT, PALETTE, SEQUENTIAL, base_layout


def loss_curve(epochs: Sequence[int], losses: Sequence[float], translations: Sequence[str],
               *, title: str | None = None, x_title: str = "epoch", y_title: str = "loss",
               translation_label: str = "→", first_right: int | None = None,
               right_name: str = "✓", height: int = 400) -> go.Figure:
    """Loss per epoch on a log axis; hover shows the greedy translations known at that epoch."""
    fig = go.Figure(go.Scatter(
        x=list(epochs), y=list(losses), mode="lines", line=dict(color=PALETTE[0], width=2.5),
        customdata=list(translations), name=y_title,
        hovertemplate=(f"{x_title} %{{x}}<br>{y_title} %{{y:.5f}}<br>{translation_label}"
                       " %{customdata}<extra></extra>"),
    ))
    if first_right is not None and first_right in epochs:
        at = list(epochs).index(first_right)
        fig.add_trace(go.Scatter(
            x=[first_right], y=[losses[at]], mode="markers+text", showlegend=False,
            marker=dict(symbol="star", size=18, color=HIGHLIGHT, line=dict(color="white",
                                                                            width=1)),
            text=[right_name], textposition="top right", textfont=dict(color=HIGHLIGHT),
            name=right_name,
            hovertemplate=f"{right_name}<br>{x_title} %{{x}}<br>{y_title} %{{y:.5f}}"
                          "<extra></extra>",
        ))
    base_layout(fig, title=title, height=height, x_title=x_title, y_title=y_title)
    fig.update_yaxes(type="log", exponentformat="power", dtick=1)
    fig.update_layout(showlegend=False)
    return fig


def training_curve(records: Sequence[dict], **labels) -> go.Figure:
    """`loss_curve` of a run's records so far, hovering the greedy translations known at
    each epoch and starring the first epoch with every pair right; `labels` as there."""
    return loss_curve([r["epoch"] for r in records], [r["loss"] for r in records],
                      seq2seq.hover_translations(records),
                      first_right=seq2seq.first_right(records), **labels)


def encoder_states(states: np.ndarray, steps: Sequence[str], *, title: str | None = None,
                   x_title: str = "t", y_title: str = "unit", value_name: str = "h",
                   height: int = 520) -> go.Figure:
    """Heatmap of the encoder's hidden state: one column per input symbol, one row per unit.

    Columns are labelled "t: symbol": a category axis would merge the two l's of "hello".
    """
    units = [str(u) for u in range(1, states.shape[1] + 1)]
    columns = [f"{t}: {symbol}" for t, symbol in enumerate(steps, start=1)]
    fig = go.Figure(go.Heatmap(
        z=states.T.tolist(), x=columns, y=units, colorscale=DIVERGING, zmin=-1, zmax=1,
        colorbar=dict(title=dict(text=value_name, side="right")),
        hovertemplate=(f"{x_title} %{{x}}<br>{y_title} %{{y}}<br>{value_name} %{{z:.3f}}"
                       "<extra></extra>"),
    ))
    base_layout(fig, title=title, height=height, x_title=x_title, y_title=y_title)
    fig.update_xaxes(type="category", side="bottom")
    fig.update_yaxes(type="category", autorange="reversed", nticks=16)
    return fig


def context_vector(context: np.ndarray, *, title: str | None = None, x_title: str = "unit",
                   y_title: str = "h", height: int = 320) -> go.Figure:
    """The context (the encoder's last state) as one bar per unit."""
    units = np.arange(1, len(context) + 1)
    colours = [PALETTE[0] if v >= 0 else PALETTE[1] for v in context]
    fig = go.Figure(go.Bar(
        x=units.tolist(), y=context.tolist(), marker_color=colours,
        hovertemplate=f"{x_title} %{{x}}<br>{y_title} %{{y:.3f}}<extra></extra>",
    ))
    base_layout(fig, title=title, height=height, x_title=x_title, y_title=y_title)
    fig.update_yaxes(range=[-1.05, 1.05], zeroline=True)
    fig.update_layout(bargap=0.1)
    return fig


def decoder_probs(probs: np.ndarray, steps: Sequence[str], symbols: Sequence[str],
                  chosen: Sequence[int], *, title: str | None = None, x_title: str = "t",
                  y_title: str = "symbol", value_name: str = "p", chosen_name: str = "argmax",
                  height: int = 620) -> go.Figure:
    """Heatmap of the decoder's softmax per output step; a ring marks the symbol it wrote."""
    fig = go.Figure(go.Heatmap(
        z=probs.T.tolist(), x=list(steps), y=list(symbols), colorscale=SEQUENTIAL, zmin=0, zmax=1,
        colorbar=dict(title=dict(text=value_name, side="right")),
        hovertemplate=(f"{x_title} %{{x}}<br>{y_title} %{{y}}<br>{value_name} %{{z:.3f}}"
                       "<extra></extra>"),
    ))
    fig.add_trace(go.Scatter(
        x=list(steps), y=[symbols[i] for i in chosen], mode="markers", name=chosen_name,
        marker=dict(symbol="circle-open", size=16, color=HIGHLIGHT, line=dict(width=3)),
        customdata=[float(probs[t, i]) for t, i in enumerate(chosen)],
        hovertemplate=(f"{chosen_name}<br>{x_title} %{{x}}<br>{y_title} %{{y}}<br>"
                       f"{value_name} %{{customdata:.3f}}<extra></extra>"),
    ))
    base_layout(fig, title=title, height=height, x_title=x_title, y_title=y_title)
    fig.update_layout(showlegend=False)
    fig.update_xaxes(type="category", tickangle=-30 if len(steps) > 6 else 0)
    fig.update_yaxes(type="category", autorange="reversed", categoryorder="array",
                     categoryarray=list(symbols))
    return fig


def encoder_figure(translation: seq2seq.Translation, **labels) -> go.Figure:
    """`encoder_states` of one translation, a column per symbol the encoder read (a space
    drawn as ␣)."""
    return encoder_states(translation.encoder_states,
                          [seq2seq.visible(c) for c in translation.encoder_text], **labels)


def decoder_figure(translation: seq2seq.Translation, **labels) -> go.Figure:
    """`decoder_probs` of one greedy translation over the model's alphabet: each step's
    input → output, the written symbol ringed (a space drawn as ␣)."""
    shown = seq2seq.visible
    steps = [f"{t}: {shown(a)}→{shown(b)}" for t, (a, b) in enumerate(
        zip(translation.decoder_inputs, translation.symbols, strict=True), start=1)]
    alphabet = translation.alphabet
    return decoder_probs(translation.probs, steps, [shown(s) for s in alphabet.symbols],
                         alphabet.encode(translation.symbols), **labels)
