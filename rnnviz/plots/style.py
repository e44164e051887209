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


PROJECTOR_FONT = 1.45  # how much larger every text is in the projector view
PROJECTOR_LINE = 2.0  # how much thicker every line
PROJECTOR_MARKER = 1.5  # how much larger every marker
_DEFAULT_FONT = 12  # plotly's, where a figure sets none
_DEFAULT_LINE = 2


def _scale_font(font: dict | None, factor: float, default: float | None = None) -> dict | None:
    if not isinstance(font, dict):
        return {"size": round(default * factor, 1)} if default else font
    size = font.get("size", default)
    if isinstance(size, int | float):
        return {**font, "size": round(size * factor, 1)}
    return font


def for_projector(spec: dict) -> dict:
    """A figure's plotly JSON (``fig.to_plotly_json()`` form) for a projected screen: every
    font `PROJECTOR_FONT` times larger, lines `PROJECTOR_LINE` times thicker, markers larger,
    and a taller figure with wider margins for the larger axis titles. `spec` is not changed."""
    import copy

    out = copy.deepcopy(spec)
    layout = out.setdefault("layout", {})
    layout["font"] = _scale_font(layout.get("font"), PROJECTOR_FONT, _DEFAULT_FONT)
    for name, axis in list(layout.items()):
        if not isinstance(axis, dict) or not name.startswith(("xaxis", "yaxis", "coloraxis")):
            continue
        if isinstance(axis.get("title"), dict) and "font" in axis["title"]:
            axis["title"]["font"] = _scale_font(axis["title"]["font"], PROJECTOR_FONT)
        if "tickfont" in axis:
            axis["tickfont"] = _scale_font(axis["tickfont"], PROJECTOR_FONT)
    if isinstance(layout.get("title"), dict) and "font" in layout["title"]:
        layout["title"]["font"] = _scale_font(layout["title"]["font"], PROJECTOR_FONT)
    if isinstance(layout.get("legend"), dict) and "font" in layout["legend"]:
        layout["legend"]["font"] = _scale_font(layout["legend"]["font"], PROJECTOR_FONT)
    for annotation in layout.get("annotations", []) or []:
        if isinstance(annotation, dict) and "font" in annotation:
            annotation["font"] = _scale_font(annotation["font"], PROJECTOR_FONT)
    for shape in layout.get("shapes", []) or []:
        if isinstance(shape, dict):
            line = shape.setdefault("line", {})
            line["width"] = (line.get("width") or _DEFAULT_LINE) * PROJECTOR_LINE
    if isinstance(layout.get("height"), int | float):
        layout["height"] = round(layout["height"] * 1.2)
    margin = layout.get("margin")
    if isinstance(margin, dict):
        layout["margin"] = {k: (round(v * 1.3) if k in "lrtb" and isinstance(v, int | float)
                                else v) for k, v in margin.items()}
    for trace in out.get("data", []) or []:
        kind = trace.get("type", "scatter")
        if kind in ("scatter", "scattergl") and "lines" in str(trace.get("mode", "lines")):
            line = trace.setdefault("line", {})
            line["width"] = (line.get("width") or _DEFAULT_LINE) * PROJECTOR_LINE
        marker = trace.get("marker")
        if isinstance(marker, dict) and isinstance(marker.get("size"), int | float):
            marker["size"] = marker["size"] * PROJECTOR_MARKER
        if isinstance(marker, dict) and isinstance(marker.get("line"), dict) \
                and isinstance(marker["line"].get("width"), int | float):
            marker["line"]["width"] = marker["line"]["width"] * PROJECTOR_LINE
        if "textfont" in trace:
            trace["textfont"] = _scale_font(trace["textfont"], PROJECTOR_FONT)
        elif kind == "heatmap" and trace.get("texttemplate"):
            trace["textfont"] = {"size": round(_DEFAULT_FONT * PROJECTOR_FONT, 1)}
    return out
