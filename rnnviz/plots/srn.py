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


def short(value: float, digits: int = 6, *, exact: bool = True) -> str:
    """A value in at most about digits + 3 characters, readable on a node or in a formula.

    A value that rounds to a whole number without being one (tanh(8) is 0.9999998, not 1)
    must not look as if it reached it: `exact` adds digits until it no longer rounds to it
    (up to 10), otherwise the digits are cut, not rounded, and end in "…" (0.999…).
    """
    if not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("+∞" if value > 0 else "−∞")
    if value == 0:
        return "0"
    text = f"{value:.{digits}g}"
    if float(text) != value and float(text).is_integer() and not float(value).is_integer():
        if exact:
            while float(text) != value and float(text).is_integer() and digits < 10:
                digits += 1
                text = f"{value:.{digits}g}"
        elif (decimals := digits - 1 - math.floor(math.log10(abs(value)))) > 0:
            shown = math.floor(abs(value) * 10 ** decimals) / 10 ** decimals
            text = ("-" if value < 0 else "") + f"{shown:.{decimals}f}…"
    return text.replace("e+", "e")


def _vector_text(values: np.ndarray, digits: int = 6) -> str:
    return "<br>".join(short(v, digits, exact=False) for v in values)


def _vector_hover(values: np.ndarray) -> str:
    return "[" + ", ".join(f"{v:.10g}" for v in values) + "]"


WINDOW = 9  # columns shown at once in the unrolled picture; drag sideways for the others
BOX = 0.4  # a node's half width, in columns
CHAR_EM = 0.62  # a digit's width in em of the figure's font, a little over plotly's


def node_digits(steps: int) -> tuple[int, int]:
    """Significant digits and font size of the numbers on the nodes for a run's length
    (-0.999… fits its node in a 640 px wide picture)."""
    return (6, 14) if steps <= 4 else (4, 12) if steps <= 7 else (3, 12)


def window(steps: int, t: int) -> tuple[int, int]:
    """The first and last column (0 = h_0) the unrolled picture shows: all of them, or
    `WINDOW` around the current step."""
    if steps + 1 <= WINDOW:
        return 0, steps
    first = min(max(t - WINDOW // 2, 0), steps + 1 - WINDOW)
    return first, first + WINDOW - 1


def unrolled(trace: Trace, t: int, *, title: str | None = None, x_title: str = "t",
             layer_names: Sequence[str] = ("x", "h", "y"), current_name: str = "t",
             edge_names: Sequence[str] = ("W", "U", "V")) -> go.Figure:
    """The network unrolled over time: x_t, h_t and y_t per step, h_0 = 0 on the left.

    Each node lists its vector's values top to bottom; arrows carry W (x -> h),
    U (h_{t-1} -> h_t) and V (h -> y); the column of step `t` is highlighted. A long run
    shows `WINDOW` steps around t (see `window`); the rest is a drag away.
    """
    steps = trace.steps
    # Narrower columns for longer runs: fewer digits on the nodes (hover keeps them all).
    digits, font_size = node_digits(steps)
    vectors = {"x": trace.xs, "h": trace.h, "y": trace.y}
    longest = max(trace.xs.shape[1], trace.h.shape[1], trace.y.shape[1])
    row_px = longest * LINE_PX + 30  # one node's box, in pixels
    gap_px = 60
    height = 3 * row_px + 2 * gap_px + 150
    half = row_px / (row_px + gap_px) / 2  # a box's half height in row units
    # Shapes and annotations as plain dicts, set once: one add_shape per box validates the
    # whole layout again (two seconds for 30 steps).
    shapes = [dict(type="rect", x0=t - 0.48, x1=t + 0.48, y0=-0.5, y1=2.5, layer="below",
                   fillcolor=HIGHLIGHT, opacity=0.12, line_width=0)]
    annotations = []

    def box(x: float, row: int, colour: str, current: bool) -> None:
        shapes.append(dict(type="rect", x0=x - BOX, x1=x + BOX, y0=row - half,
                           y1=row + half, fillcolor="white", layer="below",
                           line=dict(color=HIGHLIGHT if current else colour,
                                     width=3 if current else 1.5)))

    def arrow(x0: float, y0: float, x1: float, y1: float, label: str) -> None:
        annotations.append(dict(x=x1, y=y1, ax=x0, ay=y0, xref="x", yref="y", axref="x",
                                ayref="y", showarrow=True, arrowhead=3, arrowsize=1.2,
                                arrowwidth=1.5, arrowcolor=MUTED, text=""))
        annotations.append(dict(x=(x0 + x1) / 2, y=(y0 + y1) / 2, text=f"<i>{label}</i>",
                                showarrow=False, xshift=10 if x0 == x1 else 0,
                                yshift=0 if x0 == x1 else 10, font=dict(color=MUTED, size=13)))

    w_name, u_name, v_name = edge_names
    box(0, 1, MUTED, False)
    arrow(BOX, 1, 1 - BOX, 1, u_name)
    for step in range(1, steps + 1):
        for row, layer in enumerate(LAYERS):
            box(step, row, LAYER_COLOURS[layer], step == t)
        arrow(step, half, step, 1 - half, w_name)
        arrow(step, 1 + half, step, 2 - half, v_name)
        if step < steps:
            arrow(step + BOX, 1, step + 1 - BOX, 1, u_name)

    traces = []
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
        traces.append(go.Scatter(
            x=xs, y=[row] * len(xs), mode="text", text=texts, name=name,
            textfont=dict(color=LAYER_COLOURS[layer], size=font_size), hovertext=hovers,
            hovertemplate="%{hovertext}<extra></extra>", showlegend=False,
        ))
    first, last = window(steps, t)
    # The label of the current step grows away from the picture's edge, not past it.
    side = "left" if t >= last - 0.5 and t > first else "center"
    traces.append(go.Scatter(
        x=[t], y=[-0.5 - 0.1], mode="markers+text", name=current_name,
        marker=dict(symbol="triangle-up", size=16, color=HIGHLIGHT),
        text=[f"{current_name} = {t}"], textposition=f"bottom {side}",
        textfont=dict(color=HIGHLIGHT, size=14), cliponaxis=False,
        hovertemplate=f"{current_name} = {t}<extra></extra>", showlegend=False,
    ))
    fig = go.Figure(data=traces, layout=dict(shapes=shapes, annotations=annotations))
    base_layout(fig, title=title, height=height, x_title=x_title)
    fig.update_xaxes(range=[first - 0.6, last + 0.6], tickmode="array",
                     tickvals=list(range(steps + 1)), showgrid=False, zeroline=False)
    fig.update_yaxes(range=[-0.5 - 0.45, 2.5], tickmode="array", tickvals=[0, 1, 2],
                     ticktext=list(layer_names), showgrid=False, zeroline=False,
                     tickfont=dict(size=16), fixedrange=True)
    fig.update_layout(plot_bgcolor="white", margin=dict(l=50, r=30),
                      dragmode="pan" if (first, last) != (0, steps) else "zoom")
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


# An equation line wider than this many characters (digits, symbols, a matrix's brackets)
# runs off the right edge of the page (KaTeX draws one about 8.5 px wide; the page's column
# is about 900 px in a 1366 px window with the sidebar open): it is broken into one term per
# line instead. The course example (100 at t = 2 and 3 with tanh) still fits on one line.
MAX_LINE_CHARS = 100


def matrix_chars(values: np.ndarray) -> int:
    """About how many characters wide `latex_matrix(values)` is drawn."""
    rows = np.atleast_2d(values)
    return sum(max(len(short(v)) for v in column) + 1 for column in rows.T) + 2


def column_chars(values: np.ndarray) -> int:
    return matrix_chars(np.asarray(values).reshape(-1, 1))


def network_latex(weights: SRNWeights, xs: np.ndarray,
                  more: tuple[tuple[str, np.ndarray], ...] = ()) -> str:
    """The network and its inputs (and `more` named tables) as one formula, no words: the
    matrices side by side while a line has room, then X (row t is the input x_t)."""
    terms = [("W", weights.W), ("U", weights.U), ("b", weights.b.reshape(-1, 1)),
             ("V", weights.V), ("c", weights.c.reshape(-1, 1)), ("X", xs), *more]
    lines: list[list[str]] = [[]]
    used = 0
    for name, values in terms:
        width = matrix_chars(values) + len(name) + 4
        if lines[-1] and (used + width > MAX_LINE_CHARS or name == "X"):
            lines.append([])
            used = 0
        lines[-1].append(f"{name} = {latex_matrix(values)}")
        used += width
    return (r"\begin{gathered} " + r" \\[8pt] ".join(r" \qquad ".join(line) for line in lines)
            + r" \end{gathered}")


def _lines(terms: list[tuple[str, int]], breaks: set[int], wide: bool) -> tuple[str, list[int]]:
    """Join (latex, characters) terms into one line, or into an aligned block broken before
    the terms numbered in `breaks`; the LaTeX and the characters of each line."""
    latex, widths = "", [0]
    for i, (part, chars) in enumerate(terms):
        if wide and i in breaks:
            latex += r" \\ &"
            widths.append(0)
        latex += part
        widths[-1] += chars
    if wide:
        latex = r"\begin{aligned} " + latex.replace("=", "&=", 1) + r" \end{aligned}"
    return latex, widths


def _terms(weights: SRNWeights, trace: Trace, t: int) -> list[list[tuple[str, int]]]:
    """The three equations of step t as (LaTeX, characters) terms."""
    k = t - 1
    f = LATEX_FUNCTIONS[trace.activation]

    def mat(values: np.ndarray) -> tuple[str, int]:
        return latex_matrix(values), matrix_chars(values)

    def col(values: np.ndarray) -> tuple[str, int]:
        return latex_column(values), column_chars(values)

    digits = len(str(t)) + len(str(t - 1))  # the steps in the subscripts
    sums = [(rf"z_{{{t}}} = W x_{{{t}}} + U h_{{{t - 1}}} + b", 18 + digits), (" = ", 3),
            mat(weights.W), col(trace.xs[k]), (" + ", 3), mat(weights.U),
            col(trace.h_prev[k]), (" + ", 3), col(weights.b), (" = ", 3),
            col(trace.input_part[k]), (" + ", 3), col(trace.recurrent_part[k]),
            (" + ", 3), col(weights.b), (" = ", 3), col(trace.pre_activation[k])]
    activation = [(rf"h_{{{t}}} = {f}(z_{{{t}}}) = {f}\left(", 14 + digits),
                  col(trace.pre_activation[k]), (r"\right) = ", 4), col(trace.h[k])]
    output = [(rf"y_{{{t}}} = V h_{{{t}}} + c", 8 + digits), (" = ", 3), mat(weights.V),
              col(trace.h[k]), (" + ", 3), col(weights.c), (" = ", 3), col(trace.y[k])]
    return [sums, activation, output]


BREAKS = ({1, 4, 7, 9}, {3}, {6})  # where each equation is broken, term by term


def broken_equations(weights: SRNWeights, trace: Trace) -> tuple[bool, bool, bool]:
    """Which of the three equations are drawn broken into lines, the same at every step of
    the run (so that stepping through it does not make the page jump): those too wide for
    one line at some step. Past three units the sums and the output always are."""
    big = max(weights.sizes) > 3
    widest = [max(sum(chars for _, chars in terms) for terms in equations)
              for equations in zip(*(_terms(weights, trace, t)
                                     for t in range(1, trace.steps + 1)), strict=True)]
    return (big or widest[0] > MAX_LINE_CHARS, widest[1] > MAX_LINE_CHARS,
            big or widest[2] > MAX_LINE_CHARS)


def _equations(weights: SRNWeights, trace: Trace, t: int) -> list[tuple[str, list[int]]]:
    """The three equations of step t, each as LaTeX and the characters of its lines."""
    broken = broken_equations(weights, trace)
    return [_lines(terms, breaks, wide) for terms, breaks, wide
            in zip(_terms(weights, trace, t), BREAKS, broken, strict=True)]


def step_latex(weights: SRNWeights, trace: Trace, t: int) -> list[str]:
    """The three equations of step t (1-based) with every number written out.

    z_t = W x_t + U h_{t-1} + b, h_t = f(z_t), y_t = V h_t + c. An equation wider than
    `MAX_LINE_CHARS` is broken into lines (`equation_widths` says how wide they are).
    """
    return [latex for latex, _ in _equations(weights, trace, t)]


def equation_widths(weights: SRNWeights, trace: Trace, t: int) -> list[list[int]]:
    """The characters of each line of `step_latex`'s equations, as drawn."""
    return [widths for _, widths in _equations(weights, trace, t)]


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
    terms = [(rf"[W \mid U] \begin{{bmatrix}} x_{{{t}}} \\ h_{{{t - 1}}} \end{{bmatrix}}", 12),
             (" = ", 3), (stacked + stacked_column, matrix_chars(both) + column_chars(column)),
             (" = ", 3), (latex_column(product), column_chars(product)),
             (rf" = W x_{{{t}}} + U h_{{{t - 1}}}", 14)]
    one_line = sum(chars for _, chars in terms)
    return _lines(terms, {3}, max(weights.sizes) > 3 or one_line > MAX_LINE_CHARS)[0]
