"""Figures for the character language model page. Titles and labels come from the caller."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from rnnviz.plots.style import HIGHLIGHT, MUTED, PALETTE, SEQUENTIAL, base_layout


def shown_token(token: str) -> str:
    """Whitespace made visible, so a bar or a cell for ' ' or '\\n' has a label."""
    return {" ": "␣", "\n": "↵", "\t": "⇥", "\r": "␍"}.get(token, token)


def first_tokens(ids: Sequence[int], idx_to_token: Sequence[str], *, count: int = 30,
                 row_names: Sequence[str] = ("character", "index")) -> pd.DataFrame:
    """The first `count` characters of a corpus over the indices the network receives."""
    first = ids[:count]
    return pd.DataFrame([[shown_token(idx_to_token[i]) for i in first], [str(i) for i in first]],
                        index=list(row_names), columns=[str(t) for t in range(len(first))],
                        dtype=object)  # thirty one-cell Arrow string columns cost ~30 ms a run


def frequency_bars(tokens: Sequence[str], counts: Sequence[int], *, title: str | None = None,
                   x_title: str = "token", y_title: str = "count",
                   index_label: str = "index") -> go.Figure:
    """One bar per token, most frequent first; hover shows the index and the count."""
    labels = [shown_token(t) for t in tokens]
    indices = list(range(1, len(tokens) + 1))
    fig = go.Figure(go.Bar(
        x=[f"{label}\u2009·{i}" for label, i in zip(labels, indices, strict=True)],
        y=list(counts),
        marker_color=PALETTE[0],
        customdata=list(zip(labels, indices, strict=True)),
        hovertemplate=(f"'%{{customdata[0]}}'<br>{index_label} %{{customdata[1]}}"
                       f"<br>{y_title} %{{y}}<extra></extra>"),
    ))
    base_layout(fig, title=title, height=380, x_title=x_title, y_title=y_title)
    fig.update_xaxes(tickangle=0 if len(tokens) <= 30 else -60, type="category")
    return fig


def batch_layout(starts: Sequence[Sequence[int]], num_steps: int, n_tokens: int, *,
                 title: str | None = None, x_title: str = "position in corpus",
                 y_title: str = "row", batch_label: str = "batch",
                 max_rows: int = 32) -> go.Figure:
    """Which stretch of the corpus each row of each batch reads: one colour per batch.

    `starts[b][r]` is where row r of batch b starts; every stretch is `num_steps` long.
    """
    fig = go.Figure()
    n_rows = min(max(len(batch) for batch in starts), max_rows) if starts else 0
    for b, batch in enumerate(starts):
        rows = list(range(min(len(batch), n_rows)))
        begin = [batch[r] for r in rows]
        fig.add_trace(go.Bar(
            orientation="h",
            y=rows,
            x=[num_steps] * len(rows),
            base=begin,
            name=f"{batch_label} {b}",
            marker=dict(color=PALETTE[b % len(PALETTE)], line=dict(width=0)),
            customdata=[[b, s, s + num_steps - 1] for s in begin],
            hovertemplate=(f"{batch_label} %{{customdata[0]}}, {y_title} %{{y}}<br>"
                           "%{customdata[1]} … %{customdata[2]}<extra></extra>"),
            showlegend=b < 12,
        ))
    base_layout(fig, title=title, height=max(320, 60 + 16 * n_rows),
                x_title=x_title, y_title=y_title)
    fig.update_layout(barmode="overlay", bargap=0.15,
                      legend=dict(orientation="v", x=1.02, xanchor="left", y=1, yanchor="top"),
                      margin=dict(r=110))
    fig.update_xaxes(range=[0, n_tokens])
    fig.update_yaxes(autorange="reversed", dtick=1 if n_rows <= 16 else 4)
    return fig


def shifted_labels(inputs: Sequence[str], labels: Sequence[str], *, title: str | None = None,
                   x_title: str = "t", row_names: Sequence[str] = ("X", "Y")) -> go.Figure:
    """Inputs over labels, one cell per time step: each label is the next input."""
    text = [[shown_token(t) for t in inputs], [shown_token(t) for t in labels]]
    steps = list(range(len(inputs)))
    fig = go.Figure(go.Heatmap(
        z=[[0] * len(inputs), [1] * len(labels)],
        x=steps, y=list(row_names), text=text, texttemplate="%{text}",
        textfont=dict(size=16), colorscale=[[0, "#DCEBF7"], [1, "#FBE3D6"]], showscale=False,
        xgap=2, ygap=2,
        hovertemplate=f"{x_title} %{{x}}, %{{y}}: '%{{text}}'<extra></extra>",
    ))
    base_layout(fig, title=title, height=190, x_title=x_title)
    fig.update_yaxes(autorange="reversed")
    return fig


def log_ticks(values: Sequence[float]) -> tuple[list[float], list[str]] | None:
    """Ticks for a log axis over `values`, each labelled with its whole number: 1, 2, 5, 10,
    20, 50, 100 … (plotly's "D2" labels only the leading digit: 200 read "2"). Every step
    1…9 of a decade when the values span too little for three of those; None (plotly's own)
    when even that gives fewer than two."""
    drawn = [v for v in values if v is not None and math.isfinite(v) and v > 0]
    if not drawn:
        return None
    low, high = min(drawn), max(drawn)
    decades = range(math.floor(math.log10(low)) - 1, math.floor(math.log10(high)) + 2)
    for steps in ((1, 2, 5), tuple(range(1, 10))):
        ticks = [float(f"{step}e{k}") for k in decades for step in steps]  # 0.3, not 0.300…04
        inside = [t for t in ticks if low / 1.05 <= t <= high * 1.05]
        if len(inside) >= 3 or (steps != (1, 2, 5) and len(inside) >= 2):
            # One tick beyond each end too, for plotly's padding of the range.
            below = [t for t in ticks if t < low / 1.05][-1:]
            above = [t for t in ticks if t > high * 1.05][:1]
            shown = below + inside + above
            return shown, [f"{t:,.0f}" if t >= 1 else f"{t:.2g}" for t in shown]
    return None


def epoch_curve(epochs: Sequence[int], values: Sequence[float], *, title: str | None = None,
                x_title: str = "epoch", y_title: str = "", name: str = "",
                log_y: bool = False, threshold: float | None = None,
                threshold_name: str = "", band_max: Sequence[float] | None = None,
                band_name: str = "max") -> go.Figure:
    """A value per epoch (perplexity, gradient norm), with an optional horizontal threshold."""
    fig = go.Figure()
    hover = f"{x_title} %{{x}}<br>{y_title} %{{y:.3f}}<extra></extra>"
    if band_max is not None:
        fig.add_trace(go.Scatter(x=list(epochs), y=list(band_max), mode="lines",
                                 line=dict(color=MUTED, dash="dot"), name=band_name,
                                 hovertemplate=hover))
    fig.add_trace(go.Scatter(x=list(epochs), y=list(values), mode="lines+markers", name=name,
                             line=dict(color=PALETTE[0], width=3),
                             hovertemplate=hover))
    if threshold is not None:
        fig.add_hline(y=threshold, line=dict(color=HIGHLIGHT, dash="dash"),
                      annotation_text=threshold_name, annotation_position="top right")
    base_layout(fig, title=title, height=340, x_title=x_title, y_title=y_title)
    if log_y:
        fig.update_yaxes(type="log")
        ticks = log_ticks(list(values) + list(band_max or []))
        if ticks is not None:
            fig.update_yaxes(tickmode="array", tickvals=ticks[0], ticktext=ticks[1])
    fig.update_xaxes(rangemode="tozero")
    return fig


def top_k_heatmap(generated: str, top_tokens: Sequence[Sequence[str]],
                  top_probs: Sequence[Sequence[float]], *, title: str | None = None,
                  x_title: str = "generated character", y_title: str = "rank",
                  prob_label: str = "p", max_steps: int = 60) -> go.Figure:
    """Per generated step (column), the top candidates (rows) coloured by probability."""
    steps = min(len(generated), len(top_tokens), max_steps)
    k = len(top_tokens[0]) if steps else 0
    z = [[top_probs[s][r] for s in range(steps)] for r in range(k)]
    text = [[shown_token(top_tokens[s][r]) for s in range(steps)] for r in range(k)]
    x = [f"{s}:{shown_token(generated[s])}" for s in range(steps)]
    fig = go.Figure(go.Heatmap(
        z=z, x=x, y=[str(r + 1) for r in range(k)], text=text, texttemplate="%{text}",
        colorscale=SEQUENTIAL, zmin=0, zmax=1, xgap=1, ygap=1,
        colorbar=dict(title=dict(text=prob_label)),
        hovertemplate=(f"{x_title} %{{x}}<br>{y_title} %{{y}}: '%{{text}}'"
                       f"<br>{prob_label} %{{z:.3f}}<extra></extra>"),
    ))
    base_layout(fig, title=title, height=300, x_title=x_title, y_title=y_title)
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(type="category", tickangle=-60)
    return fig


def perplexity_curve(records: Sequence[dict], **labels) -> go.Figure:
    """`epoch_curve` of a run's perplexity per epoch (log scale), the untrained model's
    (record 0) first; `labels` as for `epoch_curve`."""
    return epoch_curve([r["epoch"] for r in records], [r["perplexity"] for r in records],
                       log_y=True, **labels)


def gradient_curve(records: Sequence[dict], **labels) -> go.Figure:
    """`epoch_curve` of a run's mean gradient norm per trained epoch, its largest batch's
    as the dotted line; `labels` (and the clipping threshold) as for `epoch_curve`."""
    trained = records[1:]
    return epoch_curve([r["epoch"] for r in trained], [r["grad_norm"] for r in trained],
                       band_max=[r["grad_norm_max"] for r in trained], **labels)
