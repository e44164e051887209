"""Figures for the activation comparison page. Titles and labels come from the caller.

Values that overflowed (inf) or that a log axis cannot draw (<= 0) become gaps
rather than being clipped, so a curve never pretends to a value it does not have.
A curve stops at its last finite step (nothing after an overflow is drawn), and a
log axis gets an explicit range inside float64's, so no tick can read 10^309
("Infinity") or 10^-330 ("0").
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from rnnviz.plots.style import PALETTE, base_layout

ACTIVATION_COLOURS = {"identity": PALETTE[1], "tanh": PALETTE[0], "relu": PALETTE[2],
                      "sigmoid": PALETTE[3]}
# With these all-positive weights and inputs ReLU never cuts anything and draws exactly
# identity's numbers: identity is a wide line underneath, ReLU a thin dashed one on top
# (drawn later), with different markers, so both stay visible.
ACTIVATION_STYLES = {
    "identity": dict(dash="solid", width=7, symbol="circle", size=11),
    "tanh": dict(dash="solid", width=2.5, symbol="circle", size=6),
    "relu": dict(dash="dash", width=2.5, symbol="x", size=8),
    "sigmoid": dict(dash="dot", width=2.5, symbol="diamond", size=7),
}
ACTIVATION_DASHES = {name: style["dash"] for name, style in ACTIVATION_STYLES.items()}
_DEFAULT_STYLE = dict(dash="solid", width=2.5, symbol="circle", size=6)
# The smallest normal float64 and the largest one, in decades: a log axis stays inside.
LOG_FLOOR = math.log10(np.finfo(np.float64).tiny)  # about -307.65
LOG_CEILING = 308.0  # 10^308 < 1.8e308, the largest float64


def drawable(values: np.ndarray, log: bool) -> list[float | None]:
    """Plotly-ready values: non-finite (and, on a log axis, non-positive) ones as gaps."""
    values = np.asarray(values, dtype=np.float64)
    keep = np.isfinite(values) & ((values > 0) if log else True)
    return [float(v) if ok else None for v, ok in zip(values, keep, strict=True)]


def until_overflow(values: np.ndarray, *, backwards: bool = False) -> np.ndarray:
    """`values` with everything from the first non-finite one on made NaN: a curve stops at
    its last finite step. `backwards` reads from the end (a gradient through time, which
    overflows at the early steps)."""
    values = np.array(values, dtype=np.float64)
    ordered = values[::-1] if backwards else values
    bad = np.flatnonzero(~np.isfinite(ordered))
    if bad.size:
        ordered[bad[0]:] = np.nan
    return ordered[::-1] if backwards else ordered


def _on_log_axis(values: np.ndarray) -> np.ndarray:
    """Values below the smallest normal float64 (underflow) become gaps, as zeros do."""
    values = np.array(values, dtype=np.float64)
    values[np.abs(values) < np.finfo(np.float64).tiny] = np.nan
    return values


def log_axis_range(curves: Sequence[Sequence[float | None]]) -> list[float] | None:
    """An explicit log axis range (in decades) around every drawn value, with a little room,
    never outside float64: plotly's own padding past 10^308 gave a tick 'Infinity'."""
    drawn = [v for curve in curves for v in curve if v is not None and v > 0]
    if not drawn:
        return None
    low, high = math.log10(min(drawn)), math.log10(max(drawn))
    pad = max(0.3, 0.05 * (high - low))
    return [max(low - pad, LOG_FLOOR), min(high + pad, LOG_CEILING)]


def _colour(name: str, position: int) -> str:
    return ACTIVATION_COLOURS.get(name, PALETTE[position % len(PALETTE)])


def _line_and_marker(name: str, position: int) -> tuple[dict, dict]:
    style = ACTIVATION_STYLES.get(name, _DEFAULT_STYLE)
    colour = _colour(name, position)
    return (dict(color=colour, dash=style["dash"], width=style["width"]),
            dict(color=colour, symbol=style["symbol"], size=style["size"]))


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
    curves: dict[int, list] = {1: [], 2: []}
    for position, (activation, values) in enumerate(series.items()):
        label = names.get(activation, activation)
        line, marker = _line_and_marker(activation, position)
        for column, part in ((1, "h"), (2, "y")):
            shown = until_overflow(values[part])
            if log_y:
                shown = _on_log_axis(shown)
            steps = np.arange(1, len(shown) + 1)
            y = drawable(shown, log_y)
            curves[column].append(y)
            fig.add_trace(go.Scatter(
                x=steps, y=y, name=label, legendgroup=activation,
                showlegend=column == 1, mode="lines+markers" if len(steps) <= 40 else "lines",
                line=line, marker=marker,
                hovertemplate=f"{label}<br>{x_title} = %{{x}}<br>"
                              f"{part}<sub>1</sub> = %{{y:.8g}}<extra></extra>",
            ), row=1, col=column)
    base_layout(fig, title=title, height=height)
    fig.update_layout(margin=dict(l=80, r=30, t=110 if title else 80, b=60),
                      legend=dict(y=1.12))
    fig.update_xaxes(title_text=x_title)
    fig.update_yaxes(title_text=value_title, type="log" if log_y else "linear",
                     exponentformat="power" if log_y else "B")
    if log_y:
        for column in (1, 2):
            fig.update_yaxes(range=log_axis_range(curves[column]), row=1, col=column)
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
    curves = [[1.0]]  # the line at 1 is drawn too
    for position, (activation, values) in enumerate(norms.items()):
        label = names.get(activation, activation)
        line, marker = _line_and_marker(activation, position)
        y = drawable(_on_log_axis(until_overflow(values, backwards=True)), log=True)
        curves.append(y)
        fig.add_trace(go.Scatter(
            x=np.arange(1, len(y) + 1), y=y, name=label,
            mode="lines+markers" if len(y) <= 40 else "lines", line=line, marker=marker,
            hovertemplate=f"{label}<br>{x_title} = %{{x}}<br>{y_title} = %{{y:.4g}}<extra></extra>",
        ))
    fig.add_hline(y=1.0, line=dict(color="#888888", width=1, dash="dot"))
    base_layout(fig, title=title, height=height, x_title=x_title, y_title=y_title)
    fig.update_yaxes(type="log", exponentformat="power", range=log_axis_range(curves))
    return fig


def series_of(runs: Mapping[str, object], order: Sequence[str] | None = None) -> dict:
    """{activation: {"h": h_t[:, 0], "y": y_t[:, 0]}} from `rnnviz.activation` runs."""
    order = list(order) if order is not None else list(runs)
    return {name: {"h": runs[name].trace.h[:, 0], "y": runs[name].trace.y[:, 0]}
            for name in order}
