"""Figures for the attention page. Titles, axis titles and series names come from the caller.

Symbols (characters, START, END) label the axes. The heatmaps put positions on their
axes and the symbols in the tick text, so the two l's of "hello" stay two columns.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from rnnviz.plots.style import DIVERGING, HIGHLIGHT, PALETTE, SEQUENTIAL, base_layout

DASHES = ("solid", "dash", "dot", "dashdot")
MARKERS = ("circle", "square", "diamond", "triangle-up")
TEXT_LIMIT = 16  # heatmaps show their values as text up to this many rows and columns


def _label(symbol: str) -> str:
    """A symbol as plotly text: a typed '<' must not start a tag, a space must show."""
    return "␣" if symbol == " " else html.escape(symbol, quote=False)


def _positions(symbols: Sequence[str]) -> tuple[list[int], list[str]]:
    return list(range(1, len(symbols) + 1)), [_label(s) for s in symbols]


def _style(index: int) -> dict:
    return dict(color=PALETTE[index % len(PALETTE)], dash=DASHES[index % len(DASHES)])


def attention_heatmap(weights: np.ndarray | Sequence[Sequence[float]],
                      input_symbols: Sequence[str], output_symbols: Sequence[str], *,
                      title: str | None = None, x_title: str = "input step",
                      y_title: str = "output step", value_name: str = "α",
                      expected: Sequence[tuple[int, int]] | None = None,
                      expected_name: str = "expected", show_text: bool | None = None,
                      height: int | None = None) -> go.Figure:
    """α as output steps (rows, top to bottom) by input steps (columns).

    `expected` marks (output step, input step) cells, 0-based, with open squares: where a
    task with a known alignment should look (the anti-diagonal for reversal). Values are
    written in the cells when there are at most TEXT_LIMIT rows and columns (or as
    `show_text` says).
    """
    z = np.asarray(weights, dtype=float)
    x, x_text = _positions(input_symbols)
    y, y_text = _positions(output_symbols)
    if show_text is None:
        show_text = max(len(x), len(y)) <= TEXT_LIMIT
    hover_cells = [[[f"{s} {y_text[s - 1]}", f"{j} {x_text[j - 1]}"] for j in x] for s in y]
    fig = go.Figure(go.Heatmap(
        z=z.tolist(), x=x, y=y, customdata=hover_cells, colorscale=SEQUENTIAL, zmin=0, zmax=1,
        colorbar=dict(title=dict(text=value_name, side="right")), xgap=1, ygap=1,
        texttemplate="%{z:.2f}" if show_text else None, name=value_name,
        hovertemplate=(f"{y_title} %{{customdata[0]}}<br>{x_title} %{{customdata[1]}}<br>"
                       f"{value_name} %{{z:.6f}}<extra></extra>"),
    ))
    if expected:
        cells = [(s, j) for s, j in expected if s < len(y) and j < len(x)]
        fig.add_trace(go.Scatter(
            x=[j + 1 for _, j in cells], y=[s + 1 for s, _ in cells], mode="markers",
            name=expected_name, showlegend=True,
            marker=dict(symbol="square-open", size=26 if len(x) <= 12 else 16,
                        color=HIGHLIGHT, line=dict(width=2.5)),
            customdata=[[float(z[s, j]), hover_cells[s][j][0], hover_cells[s][j][1]]
                        for s, j in cells],
            hovertemplate=(f"{expected_name}<br>{y_title} %{{customdata[1]}}<br>{x_title} "
                           f"%{{customdata[2]}}<br>{value_name} %{{customdata[0]:.6f}}"
                           "<extra></extra>"),
        ))
    base_layout(fig, title=title, height=height or max(360, 60 + 34 * len(y)),
                x_title=x_title, y_title=y_title)
    fig.update_xaxes(tickmode="array", tickvals=x, ticktext=x_text, showgrid=False,
                     range=[0.5, len(x) + 0.5])
    fig.update_yaxes(tickmode="array", tickvals=y, ticktext=y_text, showgrid=False,
                     autorange="reversed")
    return fig


def reversal_alignment(output_length: int, input_length: int) -> list[tuple[int, int]]:
    """The cells reversal should attend to: output step s reads input step n - 1 - s
    (n characters, 0-based); the END written last reads the input's END."""
    n = input_length - 1  # the input is n characters then END
    cells = [(s, n - 1 - s) for s in range(min(n, output_length))]
    if output_length > n:
        cells.append((n, n))
    return cells


def copy_alignment(output_length: int, input_length: int) -> list[tuple[int, int]]:
    """The cells copying should attend to: the diagonal, END to END."""
    return [(s, s) for s in range(min(output_length, input_length))]


def loss_and_accuracy(x: Sequence[float], losses: Mapping[str, Sequence[float | None]],
                      accuracies: Mapping[str, Sequence[float | None]], *,
                      title: str | None = None, x_title: str = "update",
                      loss_title: str = "loss", accuracy_title: str = "exact match",
                      height: int = 560) -> go.Figure:
    """Two panels on one x axis: loss (log scale) above, exact-match (0 to 100 %) below.

    `losses` and `accuracies` map a series name (a legend entry, e.g. "with attention")
    to one value per x; None leaves a gap (a model that had stopped). Series keep one
    colour, dash and marker across both panels, so no meaning rests on colour alone.
    """
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08)
    names = list(dict.fromkeys([*losses, *accuracies]))
    for i, name in enumerate(names):
        style = _style(i)
        marker = dict(symbol=MARKERS[i % len(MARKERS)], size=6, color=style["color"])
        for row, values, y_title, fmt in ((1, losses.get(name), loss_title, ".6g"),
                                          (2, accuracies.get(name), accuracy_title, ".2%")):
            if values is None:
                continue
            fig.add_trace(go.Scatter(
                x=list(x), y=[None if v is None else float(v) for v in values],
                mode="lines+markers" if len(x) <= 60 else "lines", name=name,
                legendgroup=name, showlegend=row == 1 or name not in losses,
                line=dict(width=2.5, **style), marker=marker,
                hovertemplate=(f"{name}<br>{x_title} %{{x}}<br>{y_title} %{{y:{fmt}}}"
                               "<extra></extra>"),
            ), row=row, col=1)
    base_layout(fig, title=title, height=height)
    fig.update_xaxes(title_text=x_title, row=2, col=1)
    fig.update_yaxes(title_text=loss_title, type="log", exponentformat="power", row=1, col=1)
    fig.update_yaxes(title_text=accuracy_title, range=[-0.03, 1.03], tickformat=".0%",
                     row=2, col=1)
    return fig


def accuracy_by_length(lengths: Sequence[int], accuracies: Mapping[str, Sequence[float]], *,
                       title: str | None = None, x_title: str = "length",
                       y_title: str = "exact match", height: int = 420) -> go.Figure:
    """Held-out exact-match per sequence length, one line per model (e.g. with/without)."""
    fig = go.Figure()
    for i, (name, values) in enumerate(accuracies.items()):
        fig.add_trace(go.Scatter(
            x=list(lengths), y=[float(v) for v in values], mode="lines+markers", name=name,
            line=dict(width=2.5, **_style(i)),
            marker=dict(symbol=MARKERS[i % len(MARKERS)], size=10),
            hovertemplate=(f"{name}<br>{x_title} %{{x}}<br>{y_title} %{{y:.2%}}"
                           "<extra></extra>"),
        ))
    base_layout(fig, title=title, height=height, x_title=x_title, y_title=y_title)
    fig.update_xaxes(tickmode="array", tickvals=list(lengths))
    fig.update_yaxes(range=[-0.03, 1.03], tickformat=".0%")
    return fig


def top_k_heatmap(probs: np.ndarray, vocabulary: Sequence[str], output_symbols: Sequence[str],
                  k: int = 5, *, title: str | None = None, x_title: str = "output step",
                  y_title: str = "rank", value_name: str = "p",
                  height: int | None = None) -> go.Figure:
    """The decoder's k most probable symbols at each output step.

    Columns are output steps (labelled with the symbol written), rows ranks 1..k; each
    cell shows the symbol and its probability, coloured by the probability.
    """
    probs = np.asarray(probs, dtype=float)
    k = max(1, min(k, probs.shape[1]))
    order = np.argsort(-probs, axis=1, kind="stable")[:, :k]  # (S, k)
    x, x_text = _positions(output_symbols)
    ranks = list(range(1, k + 1))
    z = [[float(probs[s, order[s, r]]) for s in range(len(x))] for r in range(k)]
    symbols = [[_label(vocabulary[order[s, r]]) for s in range(len(x))] for r in range(k)]
    steps = [[f"{s + 1} {x_text[s]}" for s in range(len(x))] for _ in range(k)]
    fig = go.Figure(go.Heatmap(
        z=z, x=x, y=ranks, text=symbols, customdata=steps, colorscale=SEQUENTIAL, zmin=0,
        zmax=1, xgap=1, ygap=1, texttemplate="%{text}<br>%{z:.2f}", name=value_name,
        colorbar=dict(title=dict(text=value_name, side="right")),
        hovertemplate=(f"{x_title} %{{customdata}}<br>{y_title} %{{y}}: %{{text}}<br>"
                       f"{value_name} %{{z:.6f}}<extra></extra>"),
    ))
    base_layout(fig, title=title, height=height or 120 + 56 * k, x_title=x_title,
                y_title=y_title)
    fig.update_xaxes(tickmode="array", tickvals=x, ticktext=x_text, showgrid=False)
    fig.update_yaxes(tickmode="array", tickvals=ranks, autorange="reversed", showgrid=False)
    return fig


def context_heatmap(contexts: np.ndarray, output_symbols: Sequence[str], *,
                    title: str | None = None, x_title: str = "output step",
                    y_title: str = "unit", value_name: str = "c",
                    unit_labels: Sequence[str] | None = None,
                    height: int | None = None) -> go.Figure:
    """The context vector c_s at each output step: units (rows) by output steps (columns).

    RNN and GRU states lie in [-1, 1] and a context is a weighted average of them, so the
    colour scale is fixed to [-1, 1]. `unit_labels` names the rows (for a bidirectional
    encoder, e.g. "→1".."→H", "←1".."←H"); by default 1..D.
    """
    contexts = np.asarray(contexts, dtype=float)
    x, x_text = _positions(output_symbols)
    units = list(unit_labels) if unit_labels is not None else [
        str(u) for u in range(1, contexts.shape[1] + 1)]
    steps = [[f"{s} {x_text[s - 1]}" for s in x] for _ in units]
    fig = go.Figure(go.Heatmap(
        z=contexts.T.tolist(), x=x, y=units, customdata=steps, colorscale=DIVERGING,
        zmin=-1, zmax=1, name=value_name,
        colorbar=dict(title=dict(text=value_name, side="right")),
        hovertemplate=(f"{x_title} %{{customdata}}<br>{y_title} %{{y}}<br>"
                       f"{value_name} %{{z:.6f}}<extra></extra>"),
    ))
    base_layout(fig, title=title, height=height or min(720, 140 + 8 * len(units)),
                x_title=x_title, y_title=y_title)
    fig.update_xaxes(tickmode="array", tickvals=x, ticktext=x_text, showgrid=False)
    fig.update_yaxes(type="category", autorange="reversed", nticks=16, showgrid=False)
    return fig
