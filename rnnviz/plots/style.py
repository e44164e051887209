"""Colours and layout defaults every figure shares, so pages look like one app."""

from __future__ import annotations

import plotly.graph_objects as go

# Colour-blind-safe (Okabe-Ito), in a fixed order so a model or unit keeps its colour.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]
HIGHLIGHT = "#D55E00"
MUTED = "#9AA0A6"
DIVERGING = "RdBu_r"
SEQUENTIAL = "Viridis"


def base_layout(fig: go.Figure, *, title: str | None = None, height: int = 420,
                x_title: str | None = None, y_title: str | None = None) -> go.Figure:
    """Readable defaults: room for axis titles, a legend that does not cover data."""
    fig.update_layout(
        title=title,
        height=height,
        margin=dict(l=70, r=30, t=60 if title else 30, b=60),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0),
        hovermode="closest",
        font=dict(size=14),
    )
    if x_title is not None:
        fig.update_xaxes(title_text=x_title)
    if y_title is not None:
        fig.update_yaxes(title_text=y_title)
    return fig
