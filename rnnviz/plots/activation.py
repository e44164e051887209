"""Figures for the activation comparison page. Titles and labels come from the caller.

Values that overflowed (inf) or that a log axis cannot draw (<= 0) become gaps
rather than being clipped, so a curve never pretends to a value it does not have.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from rnnviz.plots.style import PALETTE, base_layout

ACTIVATION_COLOURS = {"identity": PALETTE[1], "tanh": PALETTE[0], "relu": PALETTE[2],
                      "sigmoid": PALETTE[3]}
ACTIVATION_DASHES = {"identity": "solid", "tanh": "solid", "relu": "dash", "sigmoid": "dot"}


def drawable(values: np.ndarray, log: bool) -> list[float | None]:
    """Plotly-ready values: non-finite (and, on a log axis, non-positive) ones as gaps."""
    values = np.asarray(values, dtype=np.float64)
    keep = np.isfinite(values) & ((values > 0) if log else True)
    return [float(v) if ok else None for v, ok in zip(values, keep, strict=True)]


def _colour(name: str, position: int) -> str:
    return ACTIVATION_COLOURS.get(name, PALETTE[position % len(PALETTE)])


def states_figure(series: Mapping[str, Mapping[str, np.ndarray]], *, log_y: bool = False,
                  h_title: str = "h_t", y_title: str = "y_t", x_title: str = "t",
                  value_title: str = "value", title: str | None = None,
                  names: Mapping[str, str] | None = None, height: int = 460) -> go.Figure:
    """h_t (left) and y_t (right) over time, one line per activation.

    `series` maps activation -> {"h": (T,), "y": (T,)} (one unit each).
    """
    names = names or {}
    fig = make_subplots(rows=1, cols=2, subplot_titles=(h_title, y_title),
                        horizontal_spacing=0.1)
    for position, (activation, values) in enumerate(series.items()):
        label = names.get(activation, activation)
        for column, part in ((1, "h"), (2, "y")):
            steps = np.arange(1, len(values[part]) + 1)
            fig.add_trace(go.Scatter(
                x=steps, y=drawable(values[part], log_y), name=label, legendgroup=activation,
                showlegend=column == 1, mode="lines+markers" if len(steps) <= 40 else "lines",
                line=dict(color=_colour(activation, position),
                          dash=ACTIVATION_DASHES.get(activation, "solid"), width=2.5),
                marker=dict(size=6),
                hovertemplate=f"{label}<br>{x_title} = %{{x}}<br>"
                              f"{part}<sub>1</sub> = %{{y:.8g}}<extra></extra>",
            ), row=1, col=column)
    base_layout(fig, title=title, height=height)
    fig.update_layout(margin=dict(l=80, r=30, t=110 if title else 80, b=60),
                      legend=dict(y=1.12))
    fig.update_xaxes(title_text=x_title)
    fig.update_yaxes(title_text=value_title, type="log" if log_y else "linear",
                     exponentformat="power" if log_y else "B")
    return fig


def gradient_figure(norms: Mapping[str, np.ndarray], *, x_title: str = "t",
                    y_title: str = "‖∂h_T/∂h_t‖", title: str | None = None,
                    names: Mapping[str, str] | None = None, height: int = 440) -> go.Figure:
    """‖∂h_T/∂h_t‖ per step t on a log axis, one line per activation.

    Read from right (t = T, norm 1) to left: a falling line is a vanishing gradient,
    a rising one an exploding gradient.
    """
    names = names or {}
    fig = go.Figure()
    for position, (activation, values) in enumerate(norms.items()):
        label = names.get(activation, activation)
        steps = np.arange(1, len(values) + 1)
        fig.add_trace(go.Scatter(
            x=steps, y=drawable(values, log=True), name=label,
            mode="lines+markers" if len(steps) <= 40 else "lines",
            line=dict(color=_colour(activation, position),
                      dash=ACTIVATION_DASHES.get(activation, "solid"), width=2.5),
            marker=dict(size=6),
            hovertemplate=f"{label}<br>{x_title} = %{{x}}<br>{y_title} = %{{y:.4g}}<extra></extra>",
        ))
    fig.add_hline(y=1.0, line=dict(color="#888888", width=1, dash="dot"))
    base_layout(fig, title=title, height=height, x_title=x_title, y_title=y_title)
    fig.update_yaxes(type="log", exponentformat="power")
    return fig


def series_of(runs: Mapping[str, object], order: Sequence[str] | None = None) -> dict:
    """{activation: {"h": h_t[:, 0], "y": y_t[:, 0]}} from `rnnviz.activation` runs."""
    order = list(order) if order is not None else list(runs)
    return {name: {"h": runs[name].trace.h[:, 0], "y": runs[name].trace.y[:, 0]}
            for name in order}
