"""Figures for the hello -> ohlol page. Titles and labels come from the caller.

Characters typed by a user end up in axis labels and hover text; `shown_char`
makes whitespace visible and escapes the few characters plotly would read as
markup.
"""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from rnnviz.plots.style import DIVERGING, HIGHLIGHT, MUTED, PALETTE, SEQUENTIAL, base_layout

VISIBLE = {" ": "␣", "\n": "↵", "\t": "⇥", "\r": "␍"}
CELL_COLOURS = {"rnn": PALETTE[0], "lstm": PALETTE[1], "gru": PALETTE[2]}
# Sigmoid gates live in [0, 1]; states (candidate, cell, hidden) are signed.
UNIT_INTERVAL_PARTS = frozenset({"input", "forget", "output", "reset", "update"})


def shown_char(char: str) -> str:
    """A label for one character that plotly draws as that character, visibly."""
    if char in VISIBLE:
        return VISIBLE[char]
    if unicodedata.category(char)[0] in "CZ" or unicodedata.combining(char):
        return f"U+{ord(char):04X}"
    return html.escape(char)


def shown_text(text: str) -> str:
    return "".join(shown_char(c) for c in text)


def visible_text(text: str) -> str:
    """`text` with whitespace made visible, for tables and metrics (not escaped)."""
    return "".join(VISIBLE.get(c, c) for c in text)


def vocabulary_table(chars: Sequence[str]) -> pd.DataFrame:
    """One row: each character of the vocabulary under its index."""
    return pd.DataFrame([[VISIBLE.get(c, c) for c in chars]],
                        columns=[str(i) for i in range(len(chars))])


def encoding_table(input_text: str, inputs: Sequence[int], target_text: str,
                   targets: Sequence[int]) -> pd.DataFrame:
    """Four rows (input, its indices, target, its indices), one column per time step."""
    return pd.DataFrame([list(visible_text(input_text)), [str(i) for i in inputs],
                         list(visible_text(target_text)), [str(i) for i in targets]],
                        columns=[f"t={t}" for t in range(1, len(inputs) + 1)])


def step_labels(input_text: str, target_text: str) -> list[str]:
    """'1: h→o' per time step: the input character and the one it should predict."""
    return [f"{t}: {shown_char(a)}→{shown_char(b)}"
            for t, (a, b) in enumerate(zip(input_text, target_text, strict=True), start=1)]


def hidden_rows(variant: str, chars: Sequence[str], units: int, unit_word: str) -> list[str]:
    """The rows of the hidden-state heatmap: variant A's state is the logits, one row per
    character; variant B's, one per unit ("<unit_word> 1", …)."""
    return list(chars) if variant == "A" else [f"{unit_word} {u + 1}" for u in range(units)]


def curve(name: str, key: str, records: Sequence[Mapping]) -> dict:
    """A run's records as one curve of `loss_curves` (`key` picks a cell's colour)."""
    epochs = [r["epoch"] for r in records]
    return {"name": name, "key": key, "epochs": epochs,
            "losses": [r["loss"] for r in records],
            "predictions": [r["prediction"] for r in records],
            "first_hit": next((r["epoch"] for r in records if r["hit"]), None)}


def loss_curves(curves: Sequence[Mapping], *, title: str | None = None,
                x_title: str = "epoch", y_title: str = "loss", prediction_label: str = "→",
                hit_name: str = "✓", marked_epoch: int | None = None,
                log_y: bool = False, height: int = 420) -> go.Figure:
    """One loss curve per run; hover shows epoch, loss and predicted string.

    Each curve is {"name", "key", "epochs", "losses", "predictions", "first_hit"};
    a star marks the first epoch whose prediction equals the target.
    """
    fig = go.Figure()
    for position, curve in enumerate(curves):
        colour = CELL_COLOURS.get(curve.get("key"), PALETTE[position % len(PALETTE)])
        epochs, losses = list(curve["epochs"]), list(curve["losses"])
        predictions = [shown_text(p) for p in curve["predictions"]]
        fig.add_trace(go.Scatter(
            x=epochs, y=losses, name=curve["name"],
            mode="lines+markers" if len(epochs) <= 60 else "lines",
            line=dict(color=colour, width=2.5), marker=dict(size=7),
            customdata=predictions,
            hovertemplate=(f"<b>{curve['name']}</b><br>{x_title} %{{x}}<br>{y_title} %{{y:.4f}}"
                           f"<br>{prediction_label} “%{{customdata}}”<extra></extra>"),
        ))
        hit = curve.get("first_hit")
        if hit is not None and hit in epochs:
            at = epochs.index(hit)
            fig.add_trace(go.Scatter(
                x=[hit], y=[losses[at]], mode="markers+text", showlegend=False,
                name=f"{curve['name']} {hit_name}",
                marker=dict(symbol="star", size=18, color=colour,
                            line=dict(color="white", width=1)),
                text=[f"{hit}"], textposition="top right", textfont=dict(color=colour),
                customdata=[predictions[at]],
                hovertemplate=(f"<b>{curve['name']}</b>: {hit_name}<br>{x_title} %{{x}}"
                               f"<br>{y_title} %{{y:.4f}}<br>{prediction_label} "
                               "“%{customdata}”<extra></extra>"),
            ))
    if marked_epoch is not None:
        fig.add_vline(x=marked_epoch, line=dict(color=MUTED, dash="dot", width=2))
    base_layout(fig, title=title, height=height, x_title=x_title, y_title=y_title)
    fig.update_layout(hovermode="closest")
    if log_y:
        fig.update_yaxes(type="log")
    return fig


def seed_band(summary: Mapping, seeds: Sequence[int], *, title: str | None = None,
              x_title: str = "epoch", y_title: str = "loss", band_name: str = "min–max",
              median_name: str = "median", seed_label: str = "seed",
              height: int = 440) -> go.Figure:
    """The loss curves of many seeds: every run thin, the min–max band and the median."""
    epochs = list(summary["epochs"])
    fig = go.Figure()
    for seed, losses, hit in zip(seeds, summary["losses"], summary["first_hits"], strict=True):
        fig.add_trace(go.Scatter(
            x=epochs, y=losses, mode="lines", showlegend=False,
            line=dict(color=PALETTE[0] if hit is not None else HIGHLIGHT, width=1),
            opacity=0.35, name=f"{seed_label} {seed}",
            hovertemplate=(f"{seed_label} {seed}<br>{x_title} %{{x}}<br>{y_title} %{{y:.4f}}"
                           "<extra></extra>"),
        ))
    fig.add_trace(go.Scatter(x=epochs, y=summary["high"], mode="lines", line=dict(width=0),
                             showlegend=False, hoverinfo="skip"))
    fig.add_trace(go.Scatter(
        x=epochs, y=summary["low"], mode="lines", line=dict(width=0), fill="tonexty",
        fillcolor="rgba(0, 114, 178, 0.18)", name=band_name,
        customdata=summary["high"],
        hovertemplate=(f"{band_name}<br>{x_title} %{{x}}<br>%{{y:.4f}} … %{{customdata:.4f}}"
                       "<extra></extra>"),
    ))
    fig.add_trace(go.Scatter(
        x=epochs, y=summary["median"], mode="lines+markers", name=median_name,
        line=dict(color="black", width=3),
        hovertemplate=f"{median_name}<br>{x_title} %{{x}}<br>{y_title} %{{y:.4f}}<extra></extra>",
    ))
    return base_layout(fig, title=title, height=height, x_title=x_title, y_title=y_title)


def first_hit_bars(first_hits: Sequence[int | None], epochs: int, *, title: str | None = None,
                   x_title: str = "epoch", y_title: str = "count",
                   never_label: str = "–", height: int = 340) -> go.Figure:
    """How many seeds first predict the target at each epoch, and how many never do."""
    counts = [sum(1 for h in first_hits if h == e) for e in range(1, epochs + 1)]
    never = sum(1 for h in first_hits if h is None)
    labels = [str(e) for e in range(1, epochs + 1)] + [never_label]
    colours = [PALETTE[0]] * epochs + [HIGHLIGHT]
    fig = go.Figure(go.Bar(
        x=labels, y=counts + [never], marker_color=colours,
        hovertemplate=f"{x_title} %{{x}}<br>{y_title} %{{y}}<extra></extra>",
    ))
    base_layout(fig, title=title, height=height, x_title=x_title, y_title=y_title)
    fig.update_xaxes(type="category", tickangle=0 if epochs <= 40 else -60)
    fig.update_yaxes(rangemode="tozero", dtick=1 if max(counts + [never]) <= 10 else None)
    return fig


def step_heatmap(values: np.ndarray, steps: Sequence[str], rows: Sequence[str], *,
                 title: str | None = None, x_title: str = "t", y_title: str = "",
                 value_name: str = "", zmin: float | None = None, zmax: float | None = None,
                 diverging: bool = False, marked: Sequence[int] | None = None,
                 marked_name: str = "", height: int | None = None) -> go.Figure:
    """values (T, N) as N rows by T columns, with the numbers written in the cells.

    `marked[t]` (optional) is a row index to outline at step t, e.g. the target character.
    """
    values = np.asarray(values, dtype=float)
    n_steps, n_rows = values.shape
    row_labels = [shown_char(r) if len(r) == 1 else r for r in rows]
    grid = values.T  # (N, T)
    fig = go.Figure(go.Heatmap(
        z=grid.tolist(), x=list(range(1, n_steps + 1)), y=list(range(n_rows)),
        colorscale=DIVERGING if diverging else SEQUENTIAL,
        zmid=0 if diverging and zmin is None else None, zmin=zmin, zmax=zmax,
        text=np.vectorize(lambda v: f"{v:.2f}")(grid) if n_steps * n_rows <= 600 else None,
        texttemplate="%{text}" if n_steps * n_rows <= 600 else None,
        customdata=[[[steps[t], row_labels[r]] for t in range(n_steps)] for r in range(n_rows)],
        hovertemplate=(f"{x_title} %{{customdata[0]}}<br>{y_title} %{{customdata[1]}}"
                       f"<br>{value_name} %{{z:.4f}}<extra></extra>"),
        colorbar=dict(title=dict(text=value_name, side="right"), thickness=14),
    ))
    if marked is not None:
        for t, row in enumerate(marked, start=1):
            fig.add_shape(type="rect", x0=t - 0.5, x1=t + 0.5, y0=row - 0.5, y1=row + 0.5,
                          line=dict(color=HIGHLIGHT, width=3), name=marked_name)
    height = height or max(340, 130 + 44 * n_rows)
    base_layout(fig, title=title, height=height, x_title=x_title, y_title=y_title)
    fig.update_xaxes(tickvals=list(range(1, n_steps + 1)), ticktext=list(steps),
                     tickangle=0 if n_steps <= 12 else -60, showgrid=False)
    fig.update_yaxes(tickvals=list(range(n_rows)), ticktext=row_labels, autorange="reversed",
                     showgrid=False)
    return fig


def gate_heatmaps(parts: Mapping[str, np.ndarray], order: Sequence[str],
                  titles: Mapping[str, str], steps: Sequence[str], *,
                  title: str | None = None, x_title: str = "t", unit_label: str = "unit",
                  gate_scale: str = "σ", state_scale: str = "tanh") -> go.Figure:
    """One heatmap per gate / state (rows: hidden units, columns: time steps).

    Gates (sigmoid, 0..1) share one colour scale; signed states share another.
    """
    shown = [name for name in order if name in parts]
    n_steps, n_units = np.asarray(parts[shown[0]]).shape
    fig = make_subplots(rows=len(shown), cols=1, shared_xaxes=True, vertical_spacing=0.035,
                        subplot_titles=[titles.get(name, name) for name in shown])
    units = [f"{unit_label} {u + 1}" for u in range(n_units)]
    write_values = n_steps * n_units <= 300
    for row, name in enumerate(shown, start=1):
        grid = np.asarray(parts[name], dtype=float).T  # (H, T)
        gate = name in UNIT_INTERVAL_PARTS
        fig.add_trace(go.Heatmap(
            z=grid.tolist(), x=list(range(1, n_steps + 1)), y=list(range(n_units)),
            coloraxis="coloraxis" if gate else "coloraxis2",
            text=np.vectorize(lambda v: f"{v:.2f}")(grid) if write_values else None,
            texttemplate="%{text}" if write_values else None,
            customdata=[[[steps[t], units[u]] for t in range(n_steps)] for u in range(n_units)],
            hovertemplate=(f"<b>{titles.get(name, name)}</b><br>{x_title} %{{customdata[0]}}"
                           "<br>%{customdata[1]}<br>%{z:.4f}<extra></extra>"),
        ), row=row, col=1)
        fig.update_yaxes(tickvals=list(range(n_units)), ticktext=units, autorange="reversed",
                         showgrid=False, row=row, col=1)
    fig.update_xaxes(tickvals=list(range(1, n_steps + 1)), ticktext=list(steps), showgrid=False,
                     tickangle=0 if n_steps <= 12 else -60)
    fig.update_xaxes(title_text=x_title, row=len(shown), col=1)
    states = np.concatenate([np.abs(np.asarray(parts[n])).ravel() for n in shown
                             if n not in UNIT_INTERVAL_PARTS] or [np.ones(1)])
    limit = max(1.0, float(states.max()))
    panel_height = max(120, 28 * n_units + 50)
    fig.update_layout(
        coloraxis=dict(colorscale=SEQUENTIAL, cmin=0, cmax=1,
                       colorbar=dict(title=dict(text=gate_scale), y=0.78, len=0.45, thickness=14)),
        coloraxis2=dict(colorscale=DIVERGING, cmin=-limit, cmax=limit,
                        colorbar=dict(title=dict(text=state_scale), y=0.22, len=0.45,
                                      thickness=14)),
    )
    base_layout(fig, title=title, height=80 + panel_height * len(shown))
    return fig
