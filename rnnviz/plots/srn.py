"""Figures and formulas for the stepping page: the unrolled network and one step in numbers.

Titles and labels come from the caller; the defaults are neutral math symbols.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from rnnviz.plots.style import HIGHLIGHT, MUTED, PALETTE, base_layout
from rnnviz.srn import SRNWeights, Trace

LAYERS = ("x", "h", "y")  # bottom to top
LAYER_COLOURS = {"x": PALETTE[2], "h": PALETTE[0], "y": PALETTE[1]}
LATEX_FUNCTIONS = {"identity": r"\mathrm{id}", "tanh": r"\tanh", "relu": r"\mathrm{ReLU}",
                   "sigmoid": r"\sigma"}
LINE_PX = 17  # one value's line of text at the figure's font size


def short(value: float, digits: int = 6) -> str:
    """A value in at most about digits + 3 characters, readable on a node or in a formula."""
    if not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("+∞" if value > 0 else "−∞")
    if value == 0:
        return "0"
    text = f"{value:.{digits}g}"
    # tanh(8) is 0.9999998, not 1: a saturating unit must not look as if it reached 1.
    while float(text) != value and float(text).is_integer() and digits < 10:
        digits += 1
        text = f"{value:.{digits}g}"
    return text.replace("e+", "e")


def _vector_text(values: np.ndarray, digits: int = 6) -> str:
    return "<br>".join(short(v, digits) for v in values)


def _vector_hover(values: np.ndarray) -> str:
    return "[" + ", ".join(f"{v:.10g}" for v in values) + "]"


def unrolled(trace: Trace, t: int, *, title: str | None = None, x_title: str = "t",
             layer_names: Sequence[str] = ("x", "h", "y"), current_name: str = "t",
             edge_names: Sequence[str] = ("W", "U", "V")) -> go.Figure:
    """The network unrolled over time: x_t, h_t and y_t per step, h_0 = 0 on the left.

    Each node lists its vector's values top to bottom; arrows carry W (x -> h),
    U (h_{t-1} -> h_t) and V (h -> y); the column of step `t` is highlighted.
    """
    steps = trace.steps
    # Narrower columns for longer runs: fewer digits on the nodes (hover keeps them all).
    digits, font_size = (6, 14) if steps <= 4 else (4, 13) if steps <= 7 else (3, 12)
    vectors = {"x": trace.xs, "h": trace.h, "y": trace.y}
    longest = max(trace.xs.shape[1], trace.h.shape[1], trace.y.shape[1])
    row_px = longest * LINE_PX + 30  # one node's box, in pixels
    gap_px = 60
    height = 3 * row_px + 2 * gap_px + 150
    half = row_px / (row_px + gap_px) / 2  # a box's half height in row units
    fig = go.Figure()
    fig.add_shape(type="rect", x0=t - 0.48, x1=t + 0.48, y0=-0.5, y1=2.5, layer="below",
                  fillcolor=HIGHLIGHT, opacity=0.12, line_width=0)

    def box(x: float, row: int, colour: str, current: bool) -> None:
        fig.add_shape(type="rect", x0=x - 0.32, x1=x + 0.32, y0=row - half, y1=row + half,
                      line=dict(color=HIGHLIGHT if current else colour,
                                width=3 if current else 1.5),
                      fillcolor="white", layer="below")

    def arrow(x0: float, y0: float, x1: float, y1: float, label: str, show_label: bool) -> None:
        fig.add_annotation(x=x1, y=y1, ax=x0, ay=y0, xref="x", yref="y", axref="x", ayref="y",
                           showarrow=True, arrowhead=3, arrowsize=1.2, arrowwidth=1.5,
                           arrowcolor=MUTED, text="")
        if show_label:
            fig.add_annotation(x=(x0 + x1) / 2, y=(y0 + y1) / 2, text=f"<i>{label}</i>",
                               showarrow=False, xshift=10 if x0 == x1 else 0,
                               yshift=0 if x0 == x1 else 10, font=dict(color=MUTED, size=13))

    show_labels = steps <= 12
    w_name, u_name, v_name = edge_names
    box(0, 1, MUTED, False)
    arrow(0.32, 1, 1 - 0.32, 1, u_name, show_labels)
    for step in range(1, steps + 1):
        for row, layer in enumerate(LAYERS):
            box(step, row, LAYER_COLOURS[layer], step == t)
        arrow(step, half, step, 1 - half, w_name, show_labels)
        arrow(step, 1 + half, step, 2 - half, v_name, show_labels)
        if step < steps:
            arrow(step + 0.32, 1, step + 1 - 0.32, 1, u_name, show_labels)

    h0 = np.zeros(trace.h.shape[1])
    for row, (layer, name) in enumerate(zip(LAYERS, layer_names, strict=True)):
        values = vectors[layer]
        xs = list(range(1, steps + 1))
        texts = [_vector_text(v, digits) for v in values]
        hovers = [f"{name}<sub>{step}</sub> = {_vector_hover(v)}"
                  for step, v in zip(xs, values, strict=True)]
        if layer == "h":
            xs, texts = [0, *xs], [_vector_text(h0, digits), *texts]
            hovers = [f"{name}<sub>0</sub> = {_vector_hover(h0)}", *hovers]
        fig.add_trace(go.Scatter(
            x=xs, y=[row] * len(xs), mode="text", text=texts, name=name,
            textfont=dict(color=LAYER_COLOURS[layer], size=font_size), hovertext=hovers,
            hovertemplate="%{hovertext}<extra></extra>", showlegend=False,
        ))
    fig.add_trace(go.Scatter(
        x=[t], y=[-0.5 - 0.1], mode="markers+text", name=current_name,
        marker=dict(symbol="triangle-up", size=16, color=HIGHLIGHT),
        text=[f"{current_name} = {t}"], textposition="bottom center",
        textfont=dict(color=HIGHLIGHT, size=14),
        hovertemplate=f"{current_name} = {t}<extra></extra>", showlegend=False,
    ))
    base_layout(fig, title=title, height=height, x_title=x_title)
    fig.update_xaxes(range=[-0.6, steps + 0.6], tickmode="array",
                     tickvals=list(range(steps + 1)), showgrid=False, zeroline=False)
    fig.update_yaxes(range=[-0.5 - 0.45, 2.5], tickmode="array", tickvals=[0, 1, 2],
                     ticktext=list(layer_names), showgrid=False, zeroline=False,
                     tickfont=dict(size=16), fixedrange=True)
    fig.update_layout(plot_bgcolor="white", margin=dict(l=50, r=20))
    return fig


# --- one step, with the numbers substituted ----------------------------------------------

def latex_number(value: float) -> str:
    """`short` in TeX: 8e300 as 8 x 10^300, infinities as \\infty."""
    text = short(value)
    if not math.isfinite(value):
        return {"NaN": r"\mathrm{NaN}", "+∞": r"+\infty", "−∞": r"-\infty"}[text]
    if "e" in text:
        mantissa, exponent = text.split("e")
        return rf"{mantissa}{{\times}}10^{{{int(exponent)}}}"
    return text


def latex_matrix(values: np.ndarray) -> str:
    rows = np.atleast_2d(values)
    body = r" \\ ".join(" & ".join(latex_number(v) for v in row) for row in rows)
    return r"\begin{bmatrix}" + body + r"\end{bmatrix}"


def latex_column(values: np.ndarray) -> str:
    return latex_matrix(np.asarray(values).reshape(-1, 1))


def step_latex(weights: SRNWeights, trace: Trace, t: int) -> list[str]:
    """The three equations of step t (1-based) with every number written out.

    z_t = W x_t + U h_{t-1} + b, h_t = f(z_t), y_t = V h_t + c.
    """
    k = t - 1
    f = LATEX_FUNCTIONS[trace.activation]
    # Past three units a one-line equation is wider than the page: one term per line.
    wide = max(weights.sizes) > 3
    br = r" \\ &" if wide else ""
    sums = (
        (r"\begin{aligned} z_{t} &= " if wide else "z_{t} = ")
        + r"W x_{t} + U h_{t-1} + b" + br + " = "
        + latex_matrix(weights.W) + latex_column(trace.xs[k]) + br + " + "
        + latex_matrix(weights.U) + latex_column(trace.h_prev[k]) + br + " + "
        + latex_column(weights.b) + br + " = "
        + latex_column(trace.input_part[k]) + " + " + latex_column(trace.recurrent_part[k])
        + " + " + latex_column(weights.b) + " = " + latex_column(trace.pre_activation[k])
        + (r" \end{aligned}" if wide else "")
    ).replace("{t}", f"{{{t}}}").replace("{t-1}", f"{{{t - 1}}}")
    activation = (
        rf"h_{{{t}}} = {f}(z_{{{t}}}) = {f}\left(" + latex_column(trace.pre_activation[k])
        + r"\right) = " + latex_column(trace.h[k])
    )
    output = (
        (rf"\begin{{aligned}} y_{{{t}}} &= " if wide else rf"y_{{{t}}} = ")
        + rf"V h_{{{t}}} + c = " + latex_matrix(weights.V) + latex_column(trace.h[k])
        + " + " + latex_column(weights.c) + br + " = " + latex_column(trace.y[k])
        + (r" \end{aligned}" if wide else "")
    )
    return [sums, activation, output]


def stacked_latex(weights: SRNWeights, trace: Trace, t: int, product: np.ndarray) -> str:
    """[W | U] [x_t ; h_{t-1}] = W x_t + U h_{t-1}: one matrix product instead of two."""
    k = t - 1
    n_in = weights.W.shape[1]
    both = np.hstack([weights.W, weights.U])  # (H, I + H)
    rows = r" \\ ".join(" & ".join(latex_number(v) for v in row) for row in both)
    spec = "c" * n_in + "|" + "c" * weights.U.shape[1]
    stacked = r"\left[\begin{array}{" + spec + "}" + rows + r"\end{array}\right]"
    column = np.concatenate([trace.xs[k], trace.h_prev[k]])
    column_rows = [latex_number(v) for v in column]
    column_rows[n_in - 1] += r" \\ \hline"
    joined = r" \\ ".join(column_rows).replace(r"\hline \\", r"\hline")
    stacked_column = r"\left[\begin{array}{c}" + joined + r"\end{array}\right]"
    wide = max(weights.sizes) > 3
    br = r" \\ &" if wide else ""
    return ((r"\begin{aligned} " if wide else "")
            + rf"[W \mid U] \begin{{bmatrix}} x_{{{t}}} \\ h_{{{t - 1}}} \end{{bmatrix}}"
            + (" &= " if wide else " = ") + stacked + stacked_column + br + " = "
            + latex_column(product) + rf" = W x_{{{t}}} + U h_{{{t - 1}}}"
            + (r" \end{aligned}" if wide else ""))
