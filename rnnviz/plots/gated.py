"""Figures for the gated-cells page: the cell diagram, the unrolled run, the memory lesson.

Titles and labels come from the caller; the defaults are neutral math symbols.
Values drawn on a figure are rounded (fewer digits when there are many);
hovering shows them to 10 significant digits.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import plotly.graph_objects as go

from rnnviz.gated import MEMORY_CELLS, GatedRun, GatedWeights, MemoryLesson
from rnnviz.plots.ohlol import shown_text
from rnnviz.plots.srn import latex_column, latex_matrix, short
from rnnviz.plots.style import HIGHLIGHT, MUTED, PALETTE, base_layout

SIGMOID_COLOUR, TANH_COLOUR = PALETTE[0], PALETTE[2]
CELL_LINE_COLOUR, HIDDEN_COLOUR, INPUT_COLOUR = PALETTE[7], PALETTE[0], PALETTE[2]
OP_COLOUR = PALETTE[4]
# (colour, dash, marker, width): by default the LSTM and GRU curves coincide (see
# gated.memory_weights), so the GRU's dashes are drawn over a wider LSTM line.
MEMORY_STYLES = {"srn": (PALETTE[1], "solid", "circle", 2.5),
                 "lstm": (PALETTE[0], "solid", "square", 5.0),
                 "gru": (PALETTE[2], "dash", "diamond", 2.5)}
SYMBOLS = {"sigmoid": "σ", "tanh": "tanh"}
LINE_PX = 16  # one line of value text


def _digits(count: int) -> tuple[int, int]:
    """(significant digits, font size) for a block of `count` values per node."""
    return (6, 13) if count <= 2 else (4, 12) if count <= 4 else (3, 11)


def _fit(value: float, digits: int, max_chars: int | None) -> str:
    """`short(value, digits)`, or fixed decimals when that is wider than `max_chars`."""
    text = short(value, digits)
    if max_chars is None or len(text) <= max_chars or not math.isfinite(value):
        return text
    decimals = max_chars - (3 if value < 0 else 2)
    if abs(value) < 1 and decimals >= 1:
        return f"{value:.{decimals}f}"  # -0.00079 as -0.00: hover has the digits
    return short(value, 2)


def _lines(values: np.ndarray, digits: int, max_chars: int | None = None) -> str:
    return "<br>".join(_fit(float(v), digits, max_chars) for v in values)


def _full(values: np.ndarray) -> str:
    return "[" + ", ".join(f"{v:.10g}" for v in np.atleast_1d(values)) + "]"


def _sub(name: str, index: int | str) -> str:
    return f"{name}<sub>{index}</sub>"


@dataclass(frozen=True)
class DiagramLabels:
    """Words for the cell diagram; everything else on it is math.

    gate_titles: an optional caption per gate shown in its box, e.g.
    {"f": "forget"} (the gate's letter is always shown).
    """

    title: str | None = None
    gate_titles: Mapping[str, str] = field(default_factory=dict)


def _arrow(x0: float, y0: float, x1: float, y1: float, colour: str, width: float,
           **style) -> dict:
    """An arrow from (x0, y0) to (x1, y1) in data coordinates, as an annotation dict."""
    return dict(x=x1, y=y1, ax=x0, ay=y0, xref="x", yref="y", axref="x", ayref="y",
                showarrow=True, arrowsize=1.1, arrowwidth=width, arrowcolor=colour, text="",
                **style)


class _Canvas:
    """Shapes, arrows, text and hover points on a figure whose y unit is `unit_px` pixels."""

    def __init__(self, unit_px: float):
        self.fig = go.Figure()
        # Collected as dicts and set once: add_shape / add_annotation one by one re-validate
        # the whole layout each time (seconds for a few hundred items).
        self.shapes: list[dict] = []
        self.annotations: list[dict] = []
        self.unit_px = unit_px
        self.hover_x: list[float] = []
        self.hover_y: list[float] = []
        self.hover_text: list[str] = []

    def box(self, x: float, y: float, width: float, colour: str, text: str, hover: str,
            font_size: int, height: float = 1.0) -> None:
        self.shapes.append(dict(type="rect", x0=x - width / 2, x1=x + width / 2,
                                y0=y - height / 2, y1=y + height / 2,
                                line=dict(color=colour, width=2), fillcolor="white",
                                layer="below"))
        self.annotations.append(dict(x=x, y=y, text=text, showarrow=False,
                                     font=dict(size=font_size, color=colour)))
        self.hover(x, y, hover)

    def node(self, x: float, y: float, symbol: str, hover: str) -> None:
        """A pointwise operation (⊙, +, 1−) drawn as a circle of fixed pixel size."""
        self.shapes.append(dict(type="circle", xsizemode="pixel", ysizemode="pixel", xanchor=x,
                                yanchor=y, x0=-13, x1=13, y0=-13, y1=13,
                                line=dict(color=OP_COLOUR, width=2), fillcolor="white"))
        self.annotations.append(dict(x=x, y=y, text=f"<b>{symbol}</b>", showarrow=False,
                                     font=dict(size=17 if len(symbol) == 1 else 12,
                                               color="black")))
        self.hover(x, y, hover)

    def path(self, points: Sequence[tuple[float, float]], colour: str = MUTED,
             width: float = 1.8, standoff: float = 0, start_standoff: float = 0,
             arrow: bool = True) -> None:
        """Straight segments through `points`, with an arrowhead on the last one."""
        drawn = points[:-1] if arrow else points
        if len(drawn) >= 2:
            d = "M " + " L ".join(f"{x} {y}" for x, y in drawn)
            self.shapes.append(dict(type="path", path=d, line=dict(color=colour, width=width),
                                    layer="below"))
        if arrow:
            (x0, y0), (x1, y1) = points[-2], points[-1]
            self.annotations.append(_arrow(x0, y0, x1, y1, colour, width, standoff=standoff,
                                           startstandoff=start_standoff if len(points) == 2
                                           else 0, arrowhead=2))

    def text(self, x: float, y: float, text: str, colour: str, font_size: int, *,
             xanchor: str = "center", yanchor: str = "middle", hover: str | None = None) -> None:
        self.annotations.append(dict(x=x, y=y, text=text, showarrow=False, xanchor=xanchor,
                                     yanchor=yanchor,
                                     align="left" if xanchor == "left" else "center",
                                     font=dict(size=font_size, color=colour),
                                     bgcolor="rgba(255,255,255,0.85)"))
        if hover is not None:
            self.hover(x, y, hover)

    def hover(self, x: float, y: float, text: str) -> None:
        self.hover_x.append(x)
        self.hover_y.append(y)
        self.hover_text.append(text)

    def finish(self, title: str | None, x_range: tuple[float, float],
               y_range: tuple[float, float]) -> go.Figure:
        # Invisible markers over the nodes carry the full-precision hover text.
        self.fig.add_trace(go.Scatter(
            x=self.hover_x, y=self.hover_y, mode="markers", name="values",
            marker=dict(size=34, symbol="square", color="white", opacity=0),
            hovertext=self.hover_text, hovertemplate="%{hovertext}<extra></extra>",
            showlegend=False))
        height = (y_range[1] - y_range[0]) * self.unit_px + (80 if title else 40)
        base_layout(self.fig, title=title, height=int(height))
        self.fig.update_layout(shapes=self.shapes, annotations=self.annotations)
        self.fig.update_xaxes(range=list(x_range), visible=False, fixedrange=True)
        self.fig.update_yaxes(range=list(y_range), visible=False, fixedrange=True)
        self.fig.update_layout(plot_bgcolor="white", margin=dict(l=10, r=10, b=10),
                               hoverlabel=dict(align="left"))
        return self.fig


def _gate_hover(run: GatedRun, gate: str, k: int, t: int) -> str:
    trace = run.gates[gate]
    f = SYMBOLS[trace.activation]
    # torch's names: W_if multiplies the input, W_hf the previous hidden state.
    w_x, w_h, b_x, b_h = (_sub(m, s + gate) for m, s in (("W", "i"), ("W", "h"), ("b", "i"),
                                                          ("b", "h")))
    lines = [f"<b>{gate}</b> = {f}({_sub('a', gate)})",
             f"{w_x} {_sub('x', t)} = {_full(trace.x_part[k])}",
             f"{b_x} = {_full(trace.b_x)}",
             f"{w_h} {_sub('h', t - 1)} = {_full(trace.h_part[k])}",
             f"{b_h} = {_full(trace.b_h)}"]
    if trace.reset_part is not None:
        lines.append(f"r ⊙ ({w_h} {_sub('h', t - 1)} + {b_h}) = {_full(trace.reset_part[k])}")
    lines += [f"{_sub('a', gate)} = {_full(trace.pre[k])}",
              f"{gate} = {_full(trace.value[k])}"]
    return "<br>".join(lines)


def cell_diagram(run: GatedRun, t: int, labels: DiagramLabels | None = None) -> go.Figure:
    """The classic picture of one LSTM or GRU step with step t's values on it.

    LSTM: the cell-state line c_{t-1} -> ⊙ f -> + (i ⊙ g) -> c_t runs across the
    top; the gates (σ / tanh boxes) stand on the line h_{t-1}, x_t below them;
    h_t = o ⊙ tanh(c_t) leaves on the right. GRU: the state line
    h_{t-1} -> ⊙ z -> + ((1 − z) ⊙ n) -> h_t across the top, with r, z and n below.
    Each box shows its gate's values, one line per unit; hover for every term.
    Pass `run.first_units()` for cells of more than eight units.
    """
    labels = labels or DiagramLabels()
    if not 1 <= t <= run.steps:
        raise ValueError(f"t must be 1 to {run.steps}, got {t}")
    n_hidden, n_inputs = run.n_hidden, run.n_inputs
    digits, font = _digits(n_hidden)
    header_lines = 2 if labels.gate_titles else 1
    unit_px = max(70.0, (n_hidden + header_lines) * LINE_PX + 18)
    canvas = _Canvas(unit_px)
    values = run.step(t)
    k = t - 1
    top, gate_y, middle, bus = 3.4, 1.1, 2.35, 0.0
    box_width = 1.25

    def gate_box(gate: str, x: float) -> None:
        trace = run.gates[gate]
        colour = TANH_COLOUR if trace.activation == "tanh" else SIGMOID_COLOUR
        caption = labels.gate_titles.get(gate)
        header = f"<b>{gate}</b> = {SYMBOLS[trace.activation]}(·)"
        text = (f"{caption}<br>" if caption else "") + header + "<br>" + \
            _lines(trace.value[k], digits)
        canvas.box(x, gate_y, box_width, colour, text, _gate_hover(run, gate, k, t), font)
        canvas.path([(x, bus), (x, gate_y - 0.5)], colour=MUTED)

    def block(x: float, y: float, name: str, vector: np.ndarray, colour: str, *,
              xanchor: str = "center", yanchor: str = "bottom") -> None:
        canvas.text(x, y, f"<b>{name}</b><br>{_lines(vector, digits)}", colour, font,
                    xanchor=xanchor, yanchor=yanchor,
                    hover=f"{name} = {_full(vector)}")

    x_name, h_prev_name = _sub("x", t), _sub("h", t - 1)
    h_name = _sub("h", t)
    x_font = _digits(n_inputs)
    # The input enters the bus from below; the bus feeds every gate.
    canvas.text(1.2, bus - 0.35, f"<b>{x_name}</b><br>{_lines(values['x'], x_font[0])}",
                INPUT_COLOUR, x_font[1], yanchor="top", hover=f"{x_name} = {_full(values['x'])}")
    canvas.path([(1.2, bus - 0.35), (1.2, bus)], colour=INPUT_COLOUR)
    below = 0.35 + ((n_inputs + 1) * LINE_PX + 10) / unit_px

    if run.cell == "lstm":
        c_prev_name, c_name = _sub("c", t - 1), _sub("c", t)
        x_f, x_i, x_g, x_o, x_out = 2.6, 4.2, 5.8, 7.4, 8.9
        # Cell-state line across the top.
        canvas.path([(0.0, top), (x_f, top)], colour=CELL_LINE_COLOUR, width=3, standoff=13)
        canvas.path([(x_f, top), (x_i + 0.8, top)], colour=CELL_LINE_COLOUR, width=3,
                    standoff=13, start_standoff=13)
        canvas.path([(x_i + 0.8, top), (10.9, top)], colour=CELL_LINE_COLOUR, width=3,
                    start_standoff=13)
        block(0.05, top + 0.08, c_prev_name, values["c_prev"], CELL_LINE_COLOUR, xanchor="left")
        block((x_f + x_i + 0.8) / 2, top + 0.08, f"f ⊙ {c_prev_name}", values["kept"],
              CELL_LINE_COLOUR)
        block(10.9, top + 0.08, c_name, values["c"], CELL_LINE_COLOUR, xanchor="right")
        canvas.node(x_f, top, "⊙", f"f ⊙ {c_prev_name} = {_full(values['kept'])}")
        canvas.node(x_i + 0.8, top, "+", f"{c_name} = {_full(values['c'])}")
        # The bus: h_{t-1} from the left, x_t from below.
        canvas.path([(0.0, bus), (x_o, bus)], colour=HIDDEN_COLOUR, arrow=False)
        block(0.05, bus + 0.08, h_prev_name, values["h_prev"], HIDDEN_COLOUR, xanchor="left")
        for gate, x in (("f", x_f), ("i", x_i), ("g", x_g), ("o", x_o)):
            gate_box(gate, x)
        canvas.path([(x_f, gate_y + 0.5), (x_f, top)], standoff=13)
        # i ⊙ g, written into the cell state.
        x_ig = x_i + 0.8
        canvas.path([(x_i, gate_y + 0.5), (x_i, middle), (x_ig, middle)], standoff=13)
        canvas.path([(x_g, gate_y + 0.5), (x_g, middle), (x_ig, middle)], standoff=13)
        canvas.node(x_ig, middle, "⊙", f"i ⊙ g = {_full(values['written'])}")
        canvas.path([(x_ig, middle), (x_ig, top)], standoff=13, start_standoff=13)
        block(x_ig - 0.12, middle + 0.12, "i ⊙ g", values["written"], PALETTE[7],
              xanchor="right")
        # h_t = o ⊙ tanh(c_t).
        canvas.path([(x_out + 0.9, top), (x_out + 0.9, middle + 0.5)], colour=CELL_LINE_COLOUR)
        canvas.box(x_out + 0.9, middle, 1.0, TANH_COLOUR,
                   f"<b>tanh</b>({c_name})<br>{_lines(values['tanh_c'], digits)}",
                   f"tanh({c_name}) = {_full(values['tanh_c'])}", font, height=0.9)
        canvas.path([(x_out + 0.9, middle - 0.45), (x_out + 0.9, gate_y)], standoff=13)
        canvas.path([(x_o + box_width / 2, gate_y), (x_out + 0.9, gate_y)], standoff=13)
        canvas.node(x_out + 0.9, gate_y, "⊙", f"{h_name} = o ⊙ tanh({c_name}) = "
                    f"{_full(values['h'])}")
        canvas.path([(x_out + 0.9, gate_y), (x_out + 0.9, bus + 0.15), (10.9, bus + 0.15)],
                    colour=HIDDEN_COLOUR)
        block(10.9, bus + 0.23, h_name, values["h"], HIDDEN_COLOUR, xanchor="right")
    else:
        x_z, x_r, x_n, x_one, x_add = 2.6, 5.0, 7.0, 4.2, 7.0
        canvas.path([(0.0, top), (x_z, top)], colour=HIDDEN_COLOUR, width=3, standoff=13)
        canvas.path([(x_z, top), (x_add, top)], colour=HIDDEN_COLOUR, width=3, standoff=13,
                    start_standoff=13)
        canvas.path([(x_add, top), (10.9, top)], colour=HIDDEN_COLOUR, width=3,
                    start_standoff=13)
        block(0.05, top + 0.08, h_prev_name, values["h_prev"], HIDDEN_COLOUR, xanchor="left")
        block((x_z + x_add) / 2, top + 0.08, f"z ⊙ {h_prev_name}", values["kept"],
              HIDDEN_COLOUR)
        block(10.9, top + 0.08, h_name, values["h"], HIDDEN_COLOUR, xanchor="right")
        canvas.node(x_z, top, "⊙", f"z ⊙ {h_prev_name} = {_full(values['kept'])}")
        canvas.node(x_add, top, "+", f"{h_name} = {_full(values['h'])}")
        # h_{t-1} also runs down into the bus under the gates.
        canvas.path([(0.6, top), (0.6, bus), (x_n, bus)], colour=HIDDEN_COLOUR, arrow=False)
        for gate, x in (("z", x_z), ("r", x_r), ("n", x_n)):
            gate_box(gate, x)
        canvas.path([(x_z, gate_y + 0.5), (x_z, top)], standoff=13)
        canvas.path([(x_z, middle), (x_one, middle)], standoff=13)
        canvas.node(x_one, middle, "1−", f"1 − z = {_full(values['one_minus_z'])}")
        canvas.path([(x_one, middle), (x_n, middle)], standoff=13, start_standoff=13)
        block(x_one + 0.25, middle + 0.12, "1 − z", values["one_minus_z"], PALETTE[7],
              xanchor="left")
        # r scales the recurrent part of the candidate n.
        canvas.path([(x_r + box_width / 2, gate_y), (x_n - box_width / 2, gate_y)])
        canvas.node(x_n, middle, "⊙", f"(1 − z) ⊙ n = {_full(values['written'])}")
        canvas.path([(x_n, gate_y + 0.5), (x_n, middle)], standoff=13)
        canvas.path([(x_n, middle), (x_n, top)], standoff=13, start_standoff=13)
        block(x_n + 0.2, middle + 0.12, "(1 − z) ⊙ n", values["written"], PALETTE[7],
              xanchor="left")
    header_px = (n_hidden + 1) * LINE_PX + 20
    return canvas.finish(labels.title, (-0.1, 11.0),
                         (bus - below, top + 0.08 + header_px / unit_px))


# --- the network unrolled over time --------------------------------------------------------

def unrolled(run: GatedRun, t: int, *, title: str | None = None, x_title: str = "t",
             step_labels: Sequence[str] | None = None,
             outputs: Sequence[str] | None = None, output_name: str = "ŷ",
             current_name: str = "t") -> go.Figure:
    """One column per step: x_t, h_t and (LSTM) c_t, with h_0 (c_0) = 0 on the left.

    The column of step t is highlighted. `step_labels` replace the step
    numbers on the x axis, shown as given (build them from user text with
    `rnnviz.plots.ohlol.shown_char`); `outputs` (one per step, e.g. the
    predicted characters, escaped and whitespace made visible here) add a row
    on top. Fewer digits and a smaller font for long runs; hover shows every
    value in full.
    """
    if not 1 <= t <= run.steps:
        raise ValueError(f"t must be 1 to {run.steps}, got {t}")
    steps = run.steps
    # Narrower columns for longer runs: fewer characters per value (hover keeps them all).
    digits, font_size, max_chars = ((6, 13, None) if steps <= 4 else (4, 12, 7) if steps <= 7
                                    else (3, 11, 6) if steps <= 12 else (2, 10, 5))
    layers = [("x", run.xs, INPUT_COLOUR), ("h", run.h, HIDDEN_COLOUR)]
    if run.c is not None:
        layers.append(("c", run.c, CELL_LINE_COLOUR))
    longest = max(values.shape[1] for _, values, _ in layers)
    row_px = longest * LINE_PX + 26
    gap_px = 50
    half = row_px / (row_px + gap_px) / 2  # a box's half height in row units
    fig = go.Figure()
    top_row = len(layers) - 1 + (1 if outputs is not None else 0)
    shapes = [dict(type="rect", x0=t - 0.48, x1=t + 0.48, y0=-0.5, y1=top_row + 0.5,
                   layer="below", fillcolor=HIGHLIGHT, opacity=0.12, line_width=0)]
    annotations: list[dict] = []  # both set at once at the end: far faster than one by one
    box_half_width = 0.34

    def box(x: float, row: int, colour: str, current: bool) -> None:
        shapes.append(dict(type="rect", x0=x - box_half_width, x1=x + box_half_width,
                           y0=row - half, y1=row + half,
                           line=dict(color=HIGHLIGHT if current else colour,
                                     width=3 if current else 1.5),
                           fillcolor="white", layer="below"))

    def arrow(x0: float, y0: float, x1: float, y1: float, colour: str = MUTED) -> None:
        annotations.append(_arrow(x0, y0, x1, y1, colour, 1.5, arrowhead=3))

    for row, (name, _, colour) in enumerate(layers):
        if name != "x":
            box(0, row, MUTED, False)
            arrow(box_half_width, row, 1 - box_half_width, row, colour)
        for step in range(1, steps + 1):
            box(step, row, colour, step == t)
            if name != "x" and step < steps:
                arrow(step + box_half_width, row, step + 1 - box_half_width, row, colour)
    for step in range(1, steps + 1):
        arrow(step, half, step, 1 - half)  # x_t -> h_t
        if run.c is not None:
            arrow(step, 2 - half, step, 1 + half)  # c_t -> h_t = o ⊙ tanh(c_t)

    for row, (name, values, colour) in enumerate(layers):
        xs = list(range(1, steps + 1))
        texts = [_lines(v, digits, max_chars) for v in values]
        hovers = [f"{_sub(name, step)} = {_full(v)}" for step, v in zip(xs, values, strict=True)]
        if name != "x":
            zero = np.zeros(values.shape[1])
            xs, texts = [0, *xs], [_lines(zero, digits, max_chars), *texts]
            hovers = [f"{_sub(name, 0)} = {_full(zero)}", *hovers]
        fig.add_trace(go.Scatter(
            x=xs, y=[row] * len(xs), mode="text", text=texts, name=name,
            textfont=dict(color=colour, size=font_size), hovertext=hovers,
            hovertemplate="%{hovertext}<extra></extra>", showlegend=False))
    row_names = [name for name, _, _ in layers]
    if outputs is not None:
        if len(outputs) != steps:
            raise ValueError(f"outputs has {len(outputs)} entries, the run {steps} steps")
        row = len(layers)
        outputs = [shown_text(o) for o in outputs]
        fig.add_trace(go.Scatter(
            x=list(range(1, steps + 1)), y=[row] * steps, mode="text", text=outputs,
            name=output_name, textfont=dict(color=PALETTE[1], size=font_size + 4),
            hovertext=[f"{_sub(output_name, s)} = {o}" for s, o in enumerate(outputs, 1)],
            hovertemplate="%{hovertext}<extra></extra>", showlegend=False))
        row_names.append(output_name)
    fig.add_trace(go.Scatter(
        x=[t], y=[-0.6], mode="markers+text", name=current_name,
        marker=dict(symbol="triangle-up", size=14, color=HIGHLIGHT),
        text=[f"{current_name} = {t}"], textposition="bottom center",
        textfont=dict(color=HIGHLIGHT, size=13),
        hovertemplate=f"{current_name} = {t}<extra></extra>", showlegend=False))
    height = len(layers) * (row_px + gap_px) + (70 if outputs is not None else 0) + 150
    base_layout(fig, title=title, height=height, x_title=x_title)
    fig.update_layout(shapes=shapes, annotations=annotations)
    ticks = ["0", *(step_labels if step_labels is not None else map(str, range(1, steps + 1)))]
    fig.update_xaxes(range=[-0.6, steps + 0.6], tickmode="array", tickvals=list(range(steps + 1)),
                     ticktext=ticks, tickangle=0 if steps <= 12 or step_labels is None else -60,
                     showgrid=False,
                     zeroline=False)
    fig.update_yaxes(range=[-1.05, top_row + 0.5], tickmode="array",
                     tickvals=list(range(len(row_names))), ticktext=row_names, showgrid=False,
                     zeroline=False, tickfont=dict(size=16), fixedrange=True)
    fig.update_layout(plot_bgcolor="white", margin=dict(l=50, r=20))
    return fig


# --- the memory lesson ---------------------------------------------------------------------

def _positive(values: np.ndarray) -> list[float | None]:
    """Values for a log axis: an exact 0 (underflow) becomes a gap, not an error."""
    return [float(v) if v > 0 and math.isfinite(v) else None for v in values]


def _lesson_lines(lesson: MemoryLesson, curves: Mapping[str, np.ndarray],
                  names: Mapping[str, str], x: np.ndarray, value_name: str, x_title: str,
                  gate_name: Mapping[str, str]) -> go.Figure:
    fig = go.Figure()
    for cell in MEMORY_CELLS:
        colour, dash, symbol, width = MEMORY_STYLES[cell]
        extra = ""
        customdata = None
        if cell in lesson.gate and gate_name.get(cell):
            customdata = lesson.gate[cell][x - 1]
            extra = f"<br>{gate_name[cell]} = %{{customdata:.10g}}"
        fig.add_trace(go.Scatter(
            x=x, y=_positive(curves[cell]), name=names.get(cell, cell),
            mode="lines+markers" if len(x) <= 40 else "lines",
            line=dict(color=colour, dash=dash, width=width),
            marker=dict(symbol=symbol, size=5, color=colour), customdata=customdata,
            hovertemplate=(f"<b>{names.get(cell, cell)}</b><br>{x_title} = %{{x}}"
                           f"<br>{value_name} = %{{y:.10g}}{extra}<extra></extra>")))
    fig.update_yaxes(type="log", exponentformat="power")
    return fig


def memory_figure(lesson: MemoryLesson, *, names: Mapping[str, str] | None = None,
                  title: str | None = None, x_title: str = "t",
                  y_title: str = "‖s_t − s̄_t‖ / ‖s_1 − s̄_1‖", value_name: str = "",
                  gate_names: Mapping[str, str] | None = None, height: int = 440) -> go.Figure:
    """How much of the pulse is left at each step, one line per cell (log y).

    names: legend names per cell ("srn", "lstm", "gru"); gate_names: per
    gated cell the name of its keep gate in hover (e.g. {"lstm": "f", "gru": "z"}).
    """
    names = names or {cell: cell.upper() for cell in MEMORY_CELLS}
    gate_names = {"lstm": "f", "gru": "z"} if gate_names is None else gate_names
    x = np.arange(1, lesson.steps + 1)
    fig = _lesson_lines(lesson, lesson.remaining, names, x, value_name or y_title, x_title,
                        gate_names)
    base_layout(fig, title=title, height=height, x_title=x_title, y_title=y_title)
    fig.update_xaxes(range=[0.5, lesson.steps + 0.5])
    return fig


def gradient_figure(lesson: MemoryLesson, *, names: Mapping[str, str] | None = None,
                    title: str | None = None, x_title: str = "t",
                    y_title: str = "‖∂s_T/∂s_t‖", value_name: str = "",
                    height: int = 440) -> go.Figure:
    """‖∂c_T/∂c_t‖ (LSTM) against ‖∂h_T/∂h_t‖ (SRN, GRU) per step t, log y.

    names: legend names per cell, e.g. {"lstm": "LSTM ‖∂c_T/∂c_t‖", ...}.
    """
    names = names or {"srn": "SRN ‖∂h_T/∂h_t‖", "lstm": "LSTM ‖∂c_T/∂c_t‖",
                      "gru": "GRU ‖∂h_T/∂h_t‖"}
    x = np.arange(1, lesson.steps + 1)
    fig = _lesson_lines(lesson, lesson.gradient_norms, names, x, value_name or y_title,
                        x_title, {})
    base_layout(fig, title=title, height=height, x_title=x_title, y_title=y_title)
    fig.update_xaxes(range=[0.5, lesson.steps + 0.5])
    return fig


# --- one step's equations, with the numbers substituted --------------------------------------

def _aligned(parts: Sequence[str], wide: bool) -> str:
    """parts[0] = parts[1] = ...; past three units one '=' per line (a wide row overflows)."""
    if not wide:
        return " = ".join(parts)
    return (r"\begin{aligned} " + parts[0] + " &= " + r" \\ &= ".join(parts[1:])
            + r" \end{aligned}")


def gate_latex(run: GatedRun, weights: GatedWeights, t: int, gate: str) -> str:
    """One gate's equation at step t (1-based) with every number written out.

    a = W_ia x_t + b_ia + W_ha h_{t-1} + b_ha, then σ or tanh; for the GRU's n
    the h-term is r ⊙ (W_hn h_{t-1} + b_hn). Pass the weights the run was made
    with, or for a large cell both cut by `first_units`: the matrix products are
    then left out (they would need every input), the exact terms stay.
    """
    if (weights.n_inputs, weights.n_hidden) != (run.n_inputs, run.n_hidden):
        raise ValueError(f"the weights are ({weights.n_inputs}, {weights.n_hidden}) "
                         f"(inputs, hidden), the run ({run.n_inputs}, {run.n_hidden})")
    k = t - 1
    trace, g = run.gates[gate], weights.gates[gate]
    f = r"\sigma" if trace.activation == "sigmoid" else r"\tanh"
    w_x, w_h, b_x, b_h = (f"{m}_{{{s}{gate}}}" for m, s in (("W", "i"), ("W", "h"),
                                                             ("b", "i"), ("b", "h")))
    x, h = f"x_{{{t}}}", f"h_{{{t - 1}}}"
    column = latex_column
    if trace.reset_part is None:
        symbolic = rf"{f}\left({w_x} {x} + {b_x} + {w_h} {h} + {b_h}\right)"
        numbers = (rf"{f}\left({latex_matrix(g.W_x)}{column(run.xs[k])} + {column(g.b_x)}"
                   rf" + {latex_matrix(g.W_h)}{column(run.h_prev[k])} + {column(g.b_h)}\right)")
        sums = (rf"{f}\left({column(trace.x_part[k])} + {column(g.b_x)}"
                rf" + {column(trace.h_part[k])} + {column(g.b_h)}\right)")
    else:
        r = run.gates["r"].value[k]
        symbolic = rf"{f}\left({w_x} {x} + {b_x} + r_{{{t}}} \odot ({w_h} {h} + {b_h})\right)"
        numbers = (rf"{f}\left({latex_matrix(g.W_x)}{column(run.xs[k])} + {column(g.b_x)}"
                   rf" + {column(r)} \odot \left({latex_matrix(g.W_h)}{column(run.h_prev[k])}"
                   rf" + {column(g.b_h)}\right)\right)")
        sums = (rf"{f}\left({column(trace.x_part[k])} + {column(g.b_x)}"
                rf" + {column(trace.reset_part[k])}\right)")
    parts = [f"{gate}_{{{t}}}", symbolic, *([] if run.truncated else [numbers]), sums,
             rf"{f}\left({column(trace.pre[k])}\right)", column(trace.value[k])]
    return _aligned(parts, max(run.n_hidden, run.n_inputs) > 1)  # one '=' per line


def state_latex(run: GatedRun, t: int) -> list[str]:
    """The new state at step t with the numbers: LSTM [c_t, h_t], GRU [h_t]."""
    k, column = t - 1, latex_column
    wide = run.n_hidden > (3 if run.cell == "lstm" else 1)  # the GRU's line has one more term
    values = {name: run.gates[name].value[k] for name in run.gates}
    if run.cell == "lstm":
        c = _aligned([f"c_{{{t}}}", rf"f_{{{t}}} \odot c_{{{t - 1}}} + i_{{{t}}} \odot g_{{{t}}}",
                      rf"{column(values['f'])} \odot {column(run.c_prev[k])} + "
                      rf"{column(values['i'])} \odot {column(values['g'])}",
                      f"{column(run.kept[k])} + {column(run.written[k])}", column(run.c[k])],
                     wide)
        h = _aligned([f"h_{{{t}}}", rf"o_{{{t}}} \odot \tanh(c_{{{t}}})",
                      rf"{column(values['o'])} \odot \tanh{column(run.c[k])}",
                      rf"{column(values['o'])} \odot {column(run.tanh_c[k])}",
                      column(run.h[k])], wide)
        return [c, h]
    h = _aligned([f"h_{{{t}}}", rf"(1 - z_{{{t}}}) \odot n_{{{t}}} + z_{{{t}}} \odot h_{{{t - 1}}}",
                  rf"{column(1 - values['z'])} \odot {column(values['n'])} + "
                  rf"{column(values['z'])} \odot {column(run.h_prev[k])}",
                  f"{column(run.written[k])} + {column(run.kept[k])}", column(run.h[k])], wide)
    return [h]


def step_latex(run: GatedRun, weights: GatedWeights,
               t: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Step t's equations: one per gate (`gate_latex`, torch's order), then the new state
    (`state_latex`). Pass the weights cut like the run (`first_units`) for a large cell."""
    return (tuple(gate_latex(run, weights, t, gate) for gate in weights.gate_names),
            tuple(state_latex(run, t)))
