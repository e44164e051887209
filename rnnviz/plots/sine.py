"""Figures for the sine-wave forecast page. Titles and labels come from the caller."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from rnnviz import sine
from rnnviz.plots.style import DIVERGING, HIGHLIGHT, MUTED, PALETTE, base_layout

ANIMATION_SECONDS = 6.0  # Play runs through any horizon in about this long, plus redraws
MIN_FRAME_MS = 25
# Every frame redraws the whole figure (see _controls), about 0.1-0.2 s for a long horizon
# on a classroom laptop, so a long horizon reveals a few steps per frame instead.
MAX_FRAMES = 60
STEP_PAD = 0.01  # of the time span, on each side, so the end markers are not clipped


@dataclass(frozen=True)
class ForecastLabels:
    """The translated words of the forecast figure (defaults are neutral symbols)."""

    title: str | None = None
    time: str = "t"
    value: str = "sin(t)"
    unit: str = "h"
    state: str = "h"
    truth: str = "sin(t)"
    free_running: str = "free-running"
    teacher_forced: str = "one-step"
    start: str = "t₀"
    step: str = "step"
    play: str = "▶"
    pause: str = "❚❚"
    window: str = ""
    error: str = "error"
    warm_up: str = "warm-up"  # the shaded part read before the start, and its points


def loss_curve(iterations: Sequence[int], losses: Sequence[float],
               checked: Sequence[int], forecast_mses: Sequence[float], *, bar: float,
               title: str | None = None, x_title: str = "iteration", y_title: str = "MSE",
               loss_name: str = "loss", forecast_name: str = "forecast MSE",
               bar_name: str = "bar", height: int = 380) -> go.Figure:
    """Training loss and the forecast MSE measured along the way, on a log scale."""
    fig = go.Figure()
    fig.add_trace(go.Scatter(
        x=list(iterations), y=list(losses), name=loss_name, mode="lines",
        line=dict(color=PALETTE[0], width=2),
        hovertemplate=f"{loss_name}<br>{x_title} %{{x}}<br>%{{y:.3e}}<extra></extra>",
    ))
    fig.add_trace(go.Scatter(
        x=list(checked), y=list(forecast_mses), name=forecast_name, mode="lines+markers",
        line=dict(color=HIGHLIGHT, width=2), marker=dict(size=6),
        hovertemplate=f"{forecast_name}<br>{x_title} %{{x}}<br>%{{y:.3e}}<extra></extra>",
    ))
    fig.add_hline(y=bar, line=dict(color=MUTED, dash="dash", width=2),
                  annotation_text=bar_name, annotation_position="top right")
    base_layout(fig, title=title, height=height, x_title=x_title, y_title=y_title)
    fig.update_yaxes(type="log", exponentformat="power", dtick=1)
    fig.update_xaxes(rangemode="tozero")
    return fig


def training_curve(records: Sequence[dict], **labels: str) -> go.Figure:
    """`loss_curve` of a run's records so far: the loss of every record, the forecast MSE
    of those that measured it, and the quality bar; `labels` as for `loss_curve`."""
    checked = [r for r in records if "forecast_mse" in r]
    return loss_curve([r["iteration"] for r in records], [r["loss"] for r in records],
                      [r["iteration"] for r in checked], [r["forecast_mse"] for r in checked],
                      bar=sine.QUALITY_BAR, **labels)


def _frame_ms(frames: int) -> int:
    return max(MIN_FRAME_MS, round(1000 * ANIMATION_SECONDS / frames))


def frame_steps(steps: int) -> list[int]:
    """The steps the animation stops at: every step up to MAX_FRAMES, evenly spaced after."""
    stride = math.ceil(steps / MAX_FRAMES)
    shown = list(range(stride, steps + 1, stride))
    return shown if shown[-1] == steps else [*shown, steps]


def _controls(shown: list[int], labels: ForecastLabels) -> tuple[list[dict], list[dict]]:
    """A Play / Pause pair and a step slider; both drive the frames named by their last step.

    Every frame redraws the figure: a redraw-free frame redraws only the animated
    traces of a subplot, and plotly.js then drops the heatmap under the cursor.
    """
    still = {"mode": "immediate", "frame": {"duration": 0, "redraw": True},
             "transition": {"duration": 0}}
    play = {"frame": {"duration": _frame_ms(len(shown)), "redraw": True},
            "transition": {"duration": 0}, "fromcurrent": False, "mode": "immediate"}
    buttons = [dict(
        type="buttons", direction="left", showactive=False, x=0, y=-0.12, xanchor="left",
        yanchor="top", pad=dict(t=0, r=10),
        buttons=[dict(label=labels.play, method="animate", args=[None, play]),
                 dict(label=labels.pause, method="animate", args=[[None], still])],
    )]
    slider = [dict(
        active=len(shown) - 1, x=0.2, len=0.8, y=-0.1, yanchor="top", pad=dict(t=0, b=0),
        currentvalue=dict(prefix=f"{labels.step} ", font=dict(size=14)),
        steps=[dict(label=str(k), method="animate", args=[[str(k)], still])
               for k in shown],
    )]
    return buttons, slider


def forecast_animation(times: np.ndarray, truth: np.ndarray, free_running: np.ndarray,
                       teacher_forced: np.ndarray, hidden: np.ndarray,
                       labels: ForecastLabels = ForecastLabels(), *,
                       window: tuple[float, float] | None = None,
                       warm_times: np.ndarray | None = None,
                       warm_truth: np.ndarray | None = None,
                       warm_hidden: np.ndarray | None = None,
                       height: int = 820) -> go.Figure:
    """The forecast drawn point by point against the true curve, the hidden state under it.

    times, truth (T + 1,) include the start point; free_running, teacher_forced (T,)
    and hidden (T, H) belong to times[1:]. Frame "k" shows the first k predictions of
    both kinds and marks step k on the heatmap; there is a frame for every step up to
    MAX_FRAMES steps (see `frame_steps`). The figure opens on the last frame, so it reads
    without pressing Play. A warm-up (warm_times, warm_truth (k,): the true points read
    before the start; warm_hidden (k, H): the state after each) is shaded, its points
    drawn (trace 7) and its states shown on the heatmap before the forecast's.
    """
    times, truth = np.asarray(times, float), np.asarray(truth, float)
    free_running = np.asarray(free_running, float)
    teacher_forced = np.asarray(teacher_forced, float)
    hidden = np.asarray(hidden, float)
    steps, units = hidden.shape
    warm_times = np.zeros(0) if warm_times is None else np.asarray(warm_times, float)
    warm_truth = np.zeros(0) if warm_truth is None else np.asarray(warm_truth, float)
    warm = len(warm_times)
    if warm:
        warm_hidden = np.asarray(warm_hidden, float).reshape(warm, units)
        # The state after reading a point belongs to the time it predicts: the next one.
        hidden = np.concatenate([warm_hidden, hidden])
    state_times = [*warm_times[1:].round(4).tolist(), round(float(times[0]), 4)][:warm]
    first_time = round(float(warm_times[0] if warm else times[0]), 4)
    # The frames repeat the growing curves (size ~ steps²): short numbers keep the page light.
    # Plain lists, not numpy arrays: plotly would send arrays as base64 typed-array specs,
    # longer than 4-decimal JSON numbers and opaque to anything reading the chart's data.
    times, truth = times.round(4).tolist(), truth.round(4).tolist()
    free_running, teacher_forced = free_running.round(4).tolist(), teacher_forced.round(4).tolist()
    after = times[1:]
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.07,
                        row_heights=[0.6, 0.4])
    if window is not None:
        # The subplot has no trace yet: plotly would skip it as empty without the flag.
        fig.add_vrect(x0=window[0], x1=window[1], fillcolor="rgba(0, 114, 178, 0.08)",
                      line_width=0, layer="below", row=1, col=1, exclude_empty_subplots=False,
                      annotation_text=labels.window, annotation_position="top left",
                      annotation_font=dict(size=13, color="#0072B2"))
    if warm:
        fig.add_vrect(x0=first_time, x1=times[0], fillcolor="rgba(0, 0, 0, 0.07)",
                      line_width=0, layer="below", row=1, col=1, exclude_empty_subplots=False,
                      annotation_text=labels.warm_up, annotation_position="bottom left",
                      annotation_font=dict(size=13, color="#333333"))
    value_hover = f"{labels.time} %{{x:.2f}}<br>%{{y:.4f}}"
    warm_x, warm_y = warm_times.round(4).tolist(), warm_truth.round(4).tolist()
    fig.add_trace(go.Scatter(  # 0: the true curve (through the warm-up too)
        x=warm_x + times, y=warm_y + truth, name=labels.truth, mode="lines",
        line=dict(color=MUTED, width=7), opacity=0.6, legendrank=1,
        hovertemplate=f"<b>{labels.truth}</b><br>{value_hover}<extra></extra>",
    ), row=1, col=1)
    fig.add_trace(go.Scatter(  # 1: the start point
        x=times[:1], y=truth[:1], name=labels.start, mode="markers", legendrank=2,
        marker=dict(color="black", size=12, symbol="diamond"),
        hovertemplate=f"<b>{labels.start}</b><br>{value_hover}<extra></extra>",
    ), row=1, col=1)
    true_after = np.asarray(truth[1:])
    one_step_error = (np.asarray(teacher_forced) - true_after).round(4)
    free_error = (np.asarray(free_running) - true_after).round(4)
    step_numbers = np.arange(1, steps + 1)
    fig.add_trace(go.Scatter(  # 2: one-step predictions (true input at every step)
        x=after, y=teacher_forced, name=labels.teacher_forced, mode="lines+markers",
        line=dict(color=PALETTE[2], width=1.5, dash="dot"), marker=dict(size=5),
        customdata=np.stack([step_numbers, one_step_error], axis=1).tolist(),
        hovertemplate=(f"<b>{labels.teacher_forced}</b><br>{labels.step} %{{customdata[0]}}"
                       f"<br>{value_hover}<br>{labels.error} %{{customdata[1]:+.4f}}"
                       "<extra></extra>"),
    ), row=1, col=1)
    fig.add_trace(go.Scatter(  # 3: the free-running forecast (each prediction fed back)
        x=after, y=free_running, name=labels.free_running, mode="lines+markers",
        line=dict(color=HIGHLIGHT, width=3), marker=dict(size=6),
        customdata=np.stack([step_numbers, free_error], axis=1).tolist(),
        hovertemplate=(f"<b>{labels.free_running}</b><br>{labels.step} %{{customdata[0]}}"
                       f"<br>{value_hover}<br>{labels.error} %{{customdata[1]:+.4f}}"
                       "<extra></extra>"),
    ), row=1, col=1)
    fig.add_trace(go.Scatter(  # 4: the newest prediction
        x=after[-1:], y=free_running[-1:], mode="markers", showlegend=False,
        marker=dict(color=HIGHLIGHT, size=16, line=dict(color="white", width=2)),
        hoverinfo="skip",
    ), row=1, col=1)
    limit = max(1.0, float(np.nanmax(np.abs(hidden))) if hidden.size else 1.0)
    unit_names = [f"h{u + 1}" for u in range(units)]
    fig.add_trace(go.Heatmap(  # 5: hidden state per step (the warm-up's, then the forecast's)
        z=hidden.T.round(4).tolist(), x=state_times + after, y=unit_names,
        colorscale=DIVERGING, zmid=0,
        zmin=-limit, zmax=limit, name=labels.state,
        colorbar=dict(title=dict(text=labels.state, side="right"), thickness=14, len=0.36,
                      y=0.0, yanchor="bottom"),
        hovertemplate=(f"{labels.time} %{{x:.2f}}<br>%{{y}}<br>{labels.state} %{{z:.4f}}"
                       "<extra></extra>"),
    ), row=2, col=1)
    fig.add_trace(go.Scatter(  # 6: the cursor on the heatmap at the newest step
        x=[after[-1], after[-1]], y=[unit_names[0], unit_names[-1]], mode="lines",
        line=dict(color="black", width=3), showlegend=False, hoverinfo="skip",
    ), row=2, col=1)
    if warm:
        fig.add_trace(go.Scatter(  # 7: the true points read before the start
            x=warm_x, y=warm_y, name=labels.warm_up, mode="markers", legendrank=3,
            marker=dict(color="black", size=8, symbol="circle-open", line=dict(width=2)),
            hovertemplate=f"<b>{labels.warm_up}</b><br>{value_hover}<extra></extra>",
        ), row=1, col=1)
    frames, shown = [], frame_steps(steps)
    for k in shown:
        frames.append(go.Frame(name=str(k), traces=[2, 3, 4, 6], data=[
            go.Scatter(x=after[:k], y=teacher_forced[:k]),
            go.Scatter(x=after[:k], y=free_running[:k]),
            go.Scatter(x=after[k - 1:k], y=free_running[k - 1:k]),
            go.Scatter(x=[after[k - 1], after[k - 1]]),
        ]))
    fig.frames = frames
    buttons, slider = _controls(shown, labels)
    every_value = np.concatenate([truth, warm_y, free_running, teacher_forced])
    span = max(1.6, float(np.nanmax(np.abs(every_value))) * 1.1)
    base_layout(fig, title=labels.title, height=height)
    # A warm-up adds a fifth legend entry: the legend takes two rows, kept clear of the title.
    top = (120 if warm else 90) if labels.title else (80 if warm else 50)
    fig.update_layout(updatemenus=buttons, sliders=slider, hovermode="closest",
                      margin=dict(l=80, r=30, t=top, b=180))
    fig.update_yaxes(title_text=labels.value, range=[-min(span, 5.0), min(span, 5.0)],
                     row=1, col=1)
    fig.update_yaxes(title_text=labels.unit, autorange="reversed", showgrid=False,
                     row=2, col=1)
    fig.update_xaxes(title_text=labels.time, row=2, col=1)
    pad = STEP_PAD * (times[-1] - first_time)
    fig.update_xaxes(range=[first_time - pad, times[-1] + pad])
    return fig



def scored_window(low: float, high: float) -> tuple[float, float] | None:
    """The part of [low, high] inside the window the Forecast MSE is judged on, or None."""
    start, end = max(low, sine.EVAL_START), min(high, sine.EVAL_START + sine.SPEC_SPAN)
    return (start, end) if start < end else None


def forecast_figure(shown: sine.Forecast, labels: ForecastLabels = ForecastLabels()) -> go.Figure:
    """`forecast_animation` of a forecast (and its warm-up), the window the Forecast MSE
    is judged on marked where it is shown."""
    first = shown.warm_times[0] if shown.warm_up else shown.times[0]
    return forecast_animation(shown.times, shown.truth, shown.free_running,
                              shown.teacher_forced, shown.hidden, labels,
                              window=scored_window(float(first), float(shown.times[-1])),
                              warm_times=shown.warm_times, warm_truth=shown.warm_truth,
                              warm_hidden=shown.warm_hidden)
