"""Figures for the bidirectional page. Titles and labels come from the caller."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from rnnviz.plots.style import DIVERGING, PALETTE, base_layout

FORWARD_COLOUR, BACKWARD_COLOUR = PALETTE[0], PALETTE[1]


def _heatmap(states: np.ndarray, steps: Sequence[str], rows: Sequence[str], order: Sequence[int],
             x_title: str, value_name: str, order_name: str, show_scale: bool) -> go.Heatmap:
    """Units down, steps across, each cell printed; hover adds the reading order."""
    customdata = [[order[t] for t in range(len(steps))] for _ in rows]
    return go.Heatmap(
        z=states.T.tolist(), x=list(steps), y=list(rows), customdata=customdata,
        colorscale=DIVERGING, zmin=-1, zmax=1, showscale=show_scale,
        colorbar=dict(title=value_name, len=0.9), texttemplate="%{z:.2f}",
        hovertemplate=(f"{x_title} %{{x}}<br>%{{y}}<br>{value_name} %{{z:.4f}}<br>{order_name}"
                       " %{customdata}<extra></extra>"),
    )


def _axes(row: int) -> tuple[str, str]:
    """Plotly's names for the axes of subplot `row` ("x", "y" for the first)."""
    suffix = "" if row == 1 else str(row)
    return f"x{suffix}", f"y{suffix}"


def directions(forward: np.ndarray, backward: np.ndarray, steps: Sequence[str], *,
               forward_title: str = "→", backward_title: str = "←",
               concat_title: str = "[→, ←]", x_title: str = "t", unit_label: str = "h",
               value_name: str = "h", order_name: str = "#",
               title: str | None = None) -> go.Figure:
    """Three panels over the same steps: forward states, backward states, their concatenation.

    Numbers under each column give the order in which that direction read the step, and an
    arrow under each direction's panel points the way it reads.
    """
    T, H = forward.shape
    steps = list(steps)
    forward_order, backward_order = list(range(1, T + 1)), list(range(T, 0, -1))
    f_rows = [f"{unit_label}→{u}" for u in range(1, H + 1)]
    b_rows = [f"{unit_label}←{u}" for u in range(1, H + 1)]
    fig = make_subplots(rows=3, cols=1, shared_xaxes=True, vertical_spacing=0.15,
                        row_heights=[H, H, 2 * H],
                        subplot_titles=(forward_title, backward_title, concat_title))
    fig.add_trace(_heatmap(forward, steps, f_rows, forward_order, x_title, value_name,
                           order_name, True), row=1, col=1)
    fig.add_trace(_heatmap(backward, steps, b_rows, backward_order, x_title, value_name,
                           order_name, False), row=2, col=1)
    both = np.concatenate([forward, backward], axis=1)  # (T, 2H)
    fig.add_trace(_heatmap(both, steps, f_rows + b_rows,
                           [f"{f} / {b}" for f, b in zip(forward_order, backward_order,
                                                         strict=True)],
                           x_title, value_name, order_name, False), row=3, col=1)
    # The split between the two halves of the concatenation.
    fig.add_shape(type="line", xref="x3 domain", yref="y3", x0=0, x1=1, y0=H - 0.5, y1=H - 0.5,
                  line=dict(color="black", width=3))
    for row, colour in ((1, FORWARD_COLOUR), (2, BACKWARD_COLOUR)):
        # Under the reading-order numbers: an arrow in the direction this RNN reads.
        start, end = (0, T - 1) if row == 1 else (T - 1, 0)
        x, y = _axes(row)
        fig.add_annotation(x=steps[end], y=0, ax=steps[start], ay=0, xref=x,
                           yref=f"{y} domain", axref=x, ayref=f"{y} domain",
                           showarrow=True, arrowhead=3, arrowsize=1.2, arrowwidth=3,
                           arrowcolor=colour, text="", yshift=-38)
    for row, order in ((1, forward_order), (2, backward_order)):
        x, y = _axes(row)
        for t, label in enumerate(steps):
            fig.add_annotation(x=label, y=0, xref=x, yref=f"{y} domain",
                               text=f"#{order[t]}", showarrow=False, yshift=-16,
                               font=dict(size=15, color=FORWARD_COLOUR if row == 1
                                         else BACKWARD_COLOUR))
    height = 260 + 46 * (4 * H) + 60
    base_layout(fig, title=title, height=height)
    fig.update_xaxes(type="category")
    fig.update_xaxes(title_text=x_title, row=3, col=1)
    fig.update_yaxes(autorange="reversed", type="category", tickfont=dict(size=14))
    fig.update_xaxes(tickfont=dict(size=14))
    # Subplot titles are annotations; on a projector they must read like axis titles.
    for panel_title in (forward_title, backward_title, concat_title):
        fig.update_annotations(selector=dict(text=panel_title), font=dict(size=17))
    fig.update_layout(margin=dict(t=110 if title else 80))
    return fig
