"""Figures for the backpropagation-through-time page (SPEC 9). Words come from the caller.

Each builder takes numbers (or a result of `rnnviz.bptt`) and a small labels dataclass
whose defaults are neutral symbols. Hover text shows every value at full precision
(the shortest text that reads back as the same float64). Values a log axis cannot
draw (0, inf, NaN) are gaps, never clipped into a value they do not have.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go
from plotly.colors import sample_colorscale
from plotly.subplots import make_subplots

from rnnviz.bptt import BackwardPass, BPTTSetup, ClippingDemo, entry_labels
from rnnviz.plots.activation import drawable
from rnnviz.plots.srn import latex_column, latex_matrix, network_latex, short
from rnnviz.plots.style import MUTED, PALETTE, SEQUENTIAL, base_layout

BY = ("entry", "matrix")  # one bar per matrix entry, or one bar for the whole matrix
LEGEND_STEPS = 12  # past this many steps the steps are told apart by a colour bar
DROPPED_PATTERN = "/"  # truncated-away segments: hatched grey, so no colour carries the meaning
TOTAL_COLOUR = "#000000"


def full(value: float) -> str:
    """A float64 at full precision: the shortest text that reads back as the same number."""
    value = float(value)
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "+∞" if value > 0 else "−∞"
    return repr(value)


def compact(value: float) -> str:
    """A value in 4 significant digits, for text on a bar (the hover has them all)."""
    value = float(value)
    if not math.isfinite(value):
        return full(value)
    return f"{value:.4g}".replace("e+", "e")


def log_range(values: np.ndarray) -> list[float] | None:
    """A log axis range (in decades) from a decade under the smallest drawable value to a
    little over the largest (room for the text above a bar)."""
    values = np.asarray(values, dtype=np.float64)
    drawn = values[np.isfinite(values) & (values > 0)]
    if drawn.size == 0:
        return None
    low = math.floor(math.log10(drawn.min())) - 1.0
    high = math.log10(drawn.max())
    return [low, high + max(0.6, 0.12 * (high - low))]


def step_colours(steps: int) -> list[str]:
    """One colour per step t = 1..T: the palette for a few steps, a sequential scale past it."""
    if steps <= len(PALETTE):
        return PALETTE[:steps]
    return sample_colorscale(SEQUENTIAL, [i / (steps - 1) for i in range(steps)])


# --- (a) each step's contribution to a gradient, stacked --------------------------------

@dataclass(frozen=True)
class ContributionLabels:
    title: str | None = None
    x_title: str = ""  # the bars are matrix entries; their labels say so
    y_title: str = "∂L/∂U"
    step: str = "t = {t}"  # a step's segment; {t} is replaced by the step
    step_axis: str = "t"  # the colour bar's title when there are many steps
    dropped: str = "✂ t = {t}"  # what truncation drops from step t's contribution
    dropped_legend: str = "✂"  # the one legend entry for all dropped segments
    total: str = "Σ"  # the full gradient
    kept_total: str = "Σ (k)"  # the truncated gradient
    matrix: str = "{name}"  # the bar's label when by == "matrix"; {name} is the matrix


def contributions_figure(contributions: np.ndarray, dropped: np.ndarray | None = None, *,
                         name: str = "U", by: str = "entry",
                         labels: ContributionLabels = ContributionLabels(),
                         height: int = 460) -> go.Figure:
    """Each time step's contribution to ∂L/∂name, stacked into the gradient.

    `contributions` is (T, *shape): row t-1 is what step t adds (`BackwardPass.contributions`,
    or `Truncation.kept` under truncation). `dropped` (same shape, `Truncation.dropped`) adds
    hatched grey segments for what truncation removed from each step. With by="entry" there
    is one bar per entry (U[1,2], …); with by="matrix" one bar holding the sum of every
    entry. Segments are stacked in the order BPTT adds them, t = T first (at the base), so
    with all-positive contributions the top of step t's segment is the running sum after t.
    The full total (a filled diamond) and, with `dropped`, the truncated one (an open
    diamond) are marked on each bar.
    """
    if by not in BY:
        raise ValueError(f"unknown by {by!r}; choose one of {list(BY)}")
    contributions = np.asarray(contributions, dtype=np.float64)
    steps = contributions.shape[0]
    if dropped is not None:
        dropped = np.asarray(dropped, dtype=np.float64)
        if dropped.shape != contributions.shape:
            raise ValueError(f"dropped has shape {dropped.shape}, expected {contributions.shape}")
    if by == "entry":
        categories = entry_labels(name, contributions.shape[1:])
        kept = contributions.reshape(steps, -1)  # (T, entries)
        cut = None if dropped is None else dropped.reshape(steps, -1)
    else:
        categories = [labels.matrix.format(name=name)]
        kept = contributions.reshape(steps, -1).sum(axis=1, keepdims=True)  # (T, 1)
        cut = None if dropped is None else dropped.reshape(steps, -1).sum(axis=1, keepdims=True)

    colours = step_colours(steps)
    in_legend = steps <= LEGEND_STEPS
    hatch = dict(color="white", line=dict(color=MUTED, width=1),
                 pattern=dict(shape=DROPPED_PATTERN, fgcolor=MUTED, size=6))
    fig = go.Figure()
    if in_legend:  # a trace per step, so the legend names (and toggles) each step
        for t in range(steps, 0, -1):
            step_name = labels.step.format(t=t)
            fig.add_trace(go.Bar(
                x=categories, y=drawable(kept[t - 1], log=False), name=step_name,
                legendgroup=f"t{t}", legendrank=t,
                marker=dict(color=colours[t - 1], line=dict(color="white", width=0.5)),
                customdata=[full(v) for v in kept[t - 1]],
                hovertemplate=f"{step_name}<br>%{{x}}: %{{customdata}}<extra></extra>",
            ))
            if cut is not None and np.any(cut[t - 1] != 0):
                dropped_name = labels.dropped.format(t=t)
                fig.add_trace(go.Bar(
                    x=categories, y=drawable(cut[t - 1], log=False),
                    name=labels.dropped_legend, legendgroup="dropped", showlegend=False,
                    legendrank=steps + 1, marker=hatch,
                    customdata=[full(v) for v in cut[t - 1]],
                    hovertemplate=f"{dropped_name}<br>%{{x}}: %{{customdata}}<extra></extra>",
                ))
    else:
        # Dozens of steps: one trace whose segments stack in the same order (plotly stacks
        # the points of one trace that share an x), coloured by step; far faster to build.
        xs, ys, shades, patterns, hover = [], [], [], [], []
        for t in range(steps, 0, -1):
            parts = [(kept[t - 1], t, "", labels.step.format(t=t))]
            if cut is not None and np.any(cut[t - 1] != 0):
                parts.append((cut[t - 1], 0, DROPPED_PATTERN, labels.dropped.format(t=t)))
            for values, shade, pattern, segment in parts:
                xs += categories
                ys += drawable(values, log=False)
                shades += [shade] * len(categories)
                patterns += [pattern] * len(categories)
                hover += [[full(v), segment] for v in values]
        # Colours as numbers (step t, or 0 for a dropped part) through one colour scale:
        # plotly checks a list of colour names one by one, which takes seconds here.
        white_until = 0.5 / steps
        scale = [[0.0, "white"], [white_until, "white"]] + [
            [white_until + (1 - white_until) * i / (steps - 1), colour]
            for i, colour in enumerate(colours)]
        # numpy arrays, not lists: plotly walks a list element by element, an array at once
        fig.add_trace(go.Bar(
            x=np.array(xs), y=np.array(ys, dtype=np.float64), showlegend=False,
            customdata=np.array(hover),
            marker=dict(color=np.array(shades, dtype=np.float64), colorscale=scale, cmin=0,
                        cmax=steps, line=dict(color=MUTED, width=0.3),
                        pattern=dict(shape=np.array(patterns), fgcolor=MUTED, size=6)),
            hovertemplate="%{customdata[1]}<br>%{x}: %{customdata[0]}<extra></extra>",
        ))
    if cut is not None:
        # One legend entry for every hatched segment (each step's own trace stays out of it).
        fig.add_trace(go.Bar(
            x=[categories[0]], y=[None], name=labels.dropped_legend, legendgroup="dropped",
            legendrank=steps + 1, marker=hatch, hoverinfo="skip",
        ))
    with np.errstate(over="ignore", invalid="ignore"):
        kept_total = kept.sum(axis=0)
        whole = kept_total if cut is None else kept_total + cut.sum(axis=0)
    fig.add_trace(go.Scatter(
        x=categories, y=drawable(whole, log=False), name=labels.total, mode="markers",
        legendrank=steps + 2,
        marker=dict(symbol="diamond", size=12, color=TOTAL_COLOUR,
                    line=dict(color="white", width=1)),
        customdata=[full(v) for v in whole],
        hovertemplate=f"{labels.total}<br>%{{x}}: %{{customdata}}<extra></extra>",
    ))
    if cut is not None:
        fig.add_trace(go.Scatter(
            x=categories, y=drawable(kept_total, log=False), name=labels.kept_total,
            mode="markers", legendrank=steps + 3,
            marker=dict(symbol="diamond-open", size=13, color=TOTAL_COLOUR,
                        line=dict(width=2)),
            customdata=[full(v) for v in kept_total],
            hovertemplate=f"{labels.kept_total}<br>%{{x}}: %{{customdata}}<extra></extra>",
        ))
    if not in_legend:
        # A colour bar says which colour is which step when a legend would be too long.
        fig.add_trace(go.Scatter(
            x=[categories[0]], y=[None], mode="markers", showlegend=False, hoverinfo="skip",
            marker=dict(color=[1, steps], colorscale=SEQUENTIAL, cmin=1, cmax=steps,
                        showscale=True,
                        colorbar=dict(title=dict(text=labels.step_axis, side="right"),
                                      thickness=14, x=1.02)),
        ))
    base_layout(fig, title=labels.title, height=height, x_title=labels.x_title or None,
                y_title=labels.y_title)
    fig.update_layout(barmode="relative", bargap=0.35)
    if in_legend:  # the steps listed on the right, beside the bars
        fig.update_layout(legend=dict(orientation="v", x=1.02, y=1, xanchor="left",
                                      yanchor="top", traceorder="normal"))
    else:  # the colour bar holds the right side; the few other entries go above the plot
        fig.update_layout(margin=dict(t=100 if labels.title else 60),
                          legend=dict(traceorder="normal"))
    fig.add_hline(y=0, line=dict(color="#444444", width=1))
    fig.update_yaxes(exponentformat="power")
    if len(categories) > 16:
        fig.update_xaxes(tickangle=-60)
    return fig


# --- (b) ‖∂h_T/∂h_t‖ on a log axis ----------------------------------------------------

@dataclass(frozen=True)
class JacobianLabels:
    title: str | None = None
    x_title: str = "t"
    y_title: str = "‖∂h_T/∂h_t‖₂"
    one: str = "1"  # the reference line at norm 1


def jacobian_figure(norms: Mapping[str, np.ndarray] | np.ndarray, *,
                    labels: JacobianLabels = JacobianLabels(), height: int = 420) -> go.Figure:
    """The spectral norm of ∂h_T/∂h_t per step t, one line per series, on a log axis.

    `norms` is one (T,) array (`JacobianNorms.norms`) or a mapping series name -> array
    (for comparing recurrent scales). Read right to left from t = T (norm 1): a falling
    line is a vanishing gradient, a rising one an exploding gradient. 0 (underflow) and
    inf (overflow) cannot be drawn on a log axis and are left as gaps.
    """
    series = {labels.y_title: norms} if isinstance(norms, np.ndarray) else dict(norms)
    fig = go.Figure()
    for position, (series_name, values) in enumerate(series.items()):
        values = np.asarray(values, dtype=np.float64)
        steps = np.arange(1, len(values) + 1)
        fig.add_trace(go.Scatter(
            x=steps, y=drawable(values, log=True), name=series_name,
            mode="lines+markers" if len(steps) <= 40 else "lines",
            line=dict(color=PALETTE[position % len(PALETTE)], width=2.5),
            marker=dict(size=7),
            customdata=[full(v) for v in values],
            hovertemplate=(f"{series_name}<br>{labels.x_title} = %{{x}}<br>"
                           f"{labels.y_title} = %{{customdata}}<extra></extra>"),
        ))
    fig.add_hline(y=1.0, line=dict(color="#888888", width=1, dash="dot"),
                  annotation_text=labels.one, annotation_position="bottom right")
    base_layout(fig, title=labels.title, height=height, x_title=labels.x_title,
                y_title=labels.y_title)
    fig.update_yaxes(type="log", exponentformat="power")
    longest = max((len(values) for values in series.values()), default=0)
    if longest <= 20:  # steps are whole numbers: no tick at 1.5
        fig.update_xaxes(tick0=1, dtick=1)
    fig.update_layout(showlegend=len(series) > 1)
    return fig


# --- (c) clipping: the norm against θ, and the loss after one SGD step ---------------------

@dataclass(frozen=True)
class ClippingLabels:
    title: str | None = None
    norm_title: str = "‖g‖"  # left panel and its y axis
    loss_title: str = "L"  # right panel and its y axis
    before: str = "g"  # the raw gradient's bar
    after: str = "clip(g)"  # the clipped gradient's bar
    theta: str = "θ"
    loss_now: str = "L"  # the loss before any step
    loss_plain: str = "L(w − η g)"
    loss_clipped: str = "L(w − η clip(g))"
    overflow: str = "∞"  # written on a bar whose value is not a finite number


def clipping_figure(demo: ClippingDemo, *, labels: ClippingLabels = ClippingLabels(),
                    log_y: bool = True, height: int = 440) -> go.Figure:
    """Left: ‖g‖ before and after clipping, with θ as a dashed line. Right: the loss now,
    after one SGD step with the raw gradient and after one with the clipped gradient.

    The bars are told apart by their labels, not by colour. With `log_y` (the default:
    an exploding gradient spans many decades) 0 cannot be drawn; a non-finite value is
    a gap with `labels.overflow` written at its place.
    """
    clipping = demo.clipping
    fig = make_subplots(rows=1, cols=2, subplot_titles=(labels.norm_title, labels.loss_title),
                        horizontal_spacing=0.14)
    panels = (
        (1, [labels.before, labels.after], [clipping.norm_before, clipping.norm_after],
         [PALETTE[0], PALETTE[2]], labels.norm_title),
        (2, [labels.loss_now, labels.loss_plain, labels.loss_clipped],
         [demo.loss_before, demo.loss_after_plain, demo.loss_after_clipped],
         [MUTED, PALETTE[0], PALETTE[2]], labels.loss_title),
    )
    for column, names, values, colours, value_name in panels:
        values = np.asarray(values, dtype=np.float64)
        shown = drawable(values, log=log_y)
        fig.add_trace(go.Bar(
            x=names, y=shown, marker=dict(color=colours), showlegend=False,
            text=[compact(v) for v in values], textposition="outside", cliponaxis=False,
            customdata=[full(v) for v in values],
            hovertemplate=f"%{{x}}<br>{value_name} = %{{customdata}}<extra></extra>",
        ), row=1, col=column)
        for name, value, drawn in zip(names, values, shown, strict=True):
            if drawn is None and not math.isfinite(value):
                fig.add_annotation(x=name, y=0.5, xref=f"x{column if column > 1 else ''}",
                                   yref="paper", text=labels.overflow, showarrow=False,
                                   font=dict(size=22))
        if log_y:
            # θ must show even when no bar reaches it
            ranged = np.append(values, clipping.theta) if column == 1 else values
            fig.update_yaxes(range=log_range(ranged), row=1, col=column)
    theta_line = dict(color="#000000", width=2, dash="dash")
    fig.add_hline(y=clipping.theta, line=theta_line, row=1, col=1)
    fig.add_trace(go.Scatter(  # the dashed line's legend entry (a line shape has none)
        x=[labels.before], y=[None], mode="lines", line=theta_line,
        name=f"{labels.theta} = {short(clipping.theta)}", hoverinfo="skip",
    ), row=1, col=1)
    base_layout(fig, title=labels.title, height=height)
    fig.update_layout(margin=dict(t=110 if labels.title else 80), legend=dict(y=1.1),
                      bargap=0.4)
    fig.update_yaxes(title_text=labels.norm_title, row=1, col=1)
    fig.update_yaxes(title_text=labels.loss_title, row=1, col=2)
    if log_y:
        fig.update_yaxes(type="log", exponentformat="power")
    return fig


# --- (d) one step of the walk, with the numbers substituted -----------------------------

def _col(values: np.ndarray) -> str:
    return latex_column(np.asarray(values, dtype=np.float64))


def _row(values: np.ndarray) -> str:
    return latex_matrix(np.asarray(values, dtype=np.float64).reshape(1, -1))


def _grad(name: str) -> str:
    return rf"\frac{{\partial L}}{{\partial {name}}}"


def problem_latex(setup: BPTTSetup) -> str:
    """The network, the inputs and the targets as one formula (no words)."""
    return network_latex(setup.weights, setup.xs, (("Y^{*}", setup.targets),))


def walk_latex(pass_: BackwardPass, t: int) -> dict[str, str]:
    """Step t of the backward walk as LaTeX with every number written out (no words).

    Keys: "delta_y", "dh", "delta_z" and, per parameter, "add.<name>" (what step t adds)
    and "sum.<name>" (the sums over steps T … t, which after step 1 are the gradients).
    """
    setup, trace = pass_.forward.setup, pass_.forward.trace
    weights, steps, i = setup.weights, setup.steps, t - 1
    step = pass_.step(t)
    out: dict[str, str] = {}
    if step.has_target:
        out["delta_y"] = (rf"\delta y_{{{t}}} = y_{{{t}}} - y^*_{{{t}}} = " + _col(trace.y[i])
                          + " - " + _col(setup.targets[i]) + " = " + _col(step.delta_y))
    else:
        out["delta_y"] = rf"\delta y_{{{t}}} = " + _col(step.delta_y)
    head = _grad(f"h_{{{t}}}")
    output_part = (r"V^\top \delta y_{" + str(t) + "} = " + latex_matrix(weights.V.T)
                   + _col(step.delta_y) + " = " + _col(step.from_output))
    if t == steps:
        out["dh"] = head + " = " + output_part
    else:
        dz_next = pass_.step(t + 1).delta_z
        sent = step.blocked if step.cut else step.from_next
        back_part = (r"U^\top \delta z_{" + str(t + 1) + "} = " + latex_matrix(weights.U.T)
                     + _col(dz_next) + " = " + _col(sent))
        if step.cut:
            out["dh"] = (r"\begin{aligned} " + head + r" &= V^\top \delta y_{" + str(t)
                         + r"} \quad \cancel{" + back_part + r"} \\ &= " + _col(step.dh)
                         + r" \end{aligned}")
        else:
            out["dh"] = (r"\begin{aligned} " + head + r" &= V^\top \delta y_{" + str(t)
                         + r"} + U^\top \delta z_{" + str(t + 1) + r"} \\ &= "
                         + latex_matrix(weights.V.T) + _col(step.delta_y) + " + "
                         + latex_matrix(weights.U.T) + _col(dz_next) + r" \\ &= "
                         + _col(step.from_output) + " + " + _col(step.from_next) + " = "
                         + _col(step.dh) + r" \end{aligned}")
    derivative = {"tanh": rf"1 - h_{{{t}}}^2", "sigmoid": rf"h_{{{t}}}(1 - h_{{{t}}})",
                  "identity": "1", "relu": rf"\mathbb{{1}}[z_{{{t}}} > 0]"}[setup.activation]
    out["delta_z"] = (rf"\delta z_{{{t}}} = f'(z_{{{t}}}) \odot " + head
                      + rf",\quad f'(z_{{{t}}}) = {derivative} = " + _col(step.f_prime)
                      + r",\quad \delta z_{" + str(t) + "} = " + _col(step.f_prime)
                      + r" \odot " + _col(step.dh) + " = " + _col(step.delta_z))
    factors = {"W": (rf"\delta z_{{{t}}}\, x_{{{t}}}^\top", step.delta_z, trace.xs[i]),
               "U": (rf"\delta z_{{{t}}}\, h_{{{t - 1}}}^\top", step.delta_z, trace.h_prev[i]),
               "b": (rf"\delta z_{{{t}}}", step.delta_z, None),
               "V": (rf"\delta y_{{{t}}}\, h_{{{t}}}^\top", step.delta_y, trace.h[i]),
               "c": (rf"\delta y_{{{t}}}", step.delta_y, None)}
    for name, (symbol, left, right) in factors.items():
        added = step.contribution[name]
        value = _col(added) if right is None else (_col(left) + _row(right) + " = "
                                                  + latex_matrix(added))
        out[f"add.{name}"] = rf"{_grad(name)} \mathrel{{+}}= {symbol} = " + value
        total = step.running[name]
        shown = latex_matrix(total) if total.ndim == 2 else _col(total)
        out[f"sum.{name}"] = (rf"\sum_{{s={t}}}^{{{steps}}} {_grad(name)}\Big|_s = " + shown)
    return out
