"""Figures for the shapes page: the tensors in and out of a module, and its layer grid.

Labels (dimension names, titles) come from the caller; the defaults are the
English code words torch itself uses.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from rnnviz.plots.style import MUTED, PALETTE, base_layout

INPUT_COLOUR = PALETTE[0]
OUTPUT_COLOUR = PALETTE[1]
MODULE_COLOUR = "#555555"
GRID_COLOURS = [[0.0, "#f3f7fc"], [1.0, "#8fbde0"]]  # light, so black text stays readable


def shape_text(shape: Sequence[int]) -> str:
    return "(" + ", ".join(str(d) for d in shape) + (",)" if len(shape) == 1 else ")")


def tensor_diagram(tensors: Sequence, module_label: str, *,
                   dim_names: Mapping[str, str] | None = None, title: str | None = None,
                   input_title: str = "in", output_title: str = "out",
                   separator: str = ", ", height: int | None = None) -> go.Figure:
    """Boxes for the tensors handed to the module (left) and returned by it (right).

    `tensors` are `rnnviz.shapes.TensorShape`s; each box shows the name, the shape
    and what each dimension counts (joined by `separator`, the reader's list comma).
    """
    dim_names = dim_names or {}
    inputs = [t for t in tensors if t.role == "input"]
    outputs = [t for t in tensors if t.role == "output"]
    rows = max(len(inputs), len(outputs), 1)
    fig = go.Figure()
    box_h = 0.78
    hover_x, hover_y, hover_text, hover_colour = [], [], [], []

    def add_box(x: float, y: float, colour: str, text: str, hover: str, width: float) -> None:
        fig.add_shape(type="rect", x0=x - width / 2, x1=x + width / 2, y0=y - box_h / 2,
                      y1=y + box_h / 2, line=dict(color=colour, width=2.5),
                      fillcolor=colour, opacity=0.12, layer="below")
        fig.add_shape(type="rect", x0=x - width / 2, x1=x + width / 2, y0=y - box_h / 2,
                      y1=y + box_h / 2, line=dict(color=colour, width=2.5))
        fig.add_annotation(x=x, y=y, text=text, showarrow=False,
                           font=dict(size=15, color="#222222"))
        hover_x.append(x)
        hover_y.append(y)
        hover_text.append(hover)
        hover_colour.append(colour)

    def y_of(index: int, count: int) -> float:
        return (count - 1) / 2 - index  # a group centred on the module

    tensor_w, module_w = 2.1, 1.3
    module_x, output_x = 2.6, 5.2
    for column, group, colour in ((0.0, inputs, INPUT_COLOUR), (output_x, outputs,
                                                                OUTPUT_COLOUR)):
        for index, tensor in enumerate(group):
            dims = separator.join(dim_names.get(d, d) for d in tensor.dims)
            text = f"<b>{tensor.name}</b>  {shape_text(tensor.shape)}<br>{dims}"
            hover = f"{tensor.name}: {shape_text(tensor.shape)}<br>{dims}"
            y = y_of(index, len(group))
            add_box(column, y, colour, text, hover, tensor_w)
            if column == 0.0:  # arrow head at the module, tail at the tensor
                head, tail = (module_x - module_w / 2, 0.0), (tensor_w / 2, y)
            else:
                head, tail = (column - tensor_w / 2, y), (module_x + module_w / 2, 0.0)
            fig.add_annotation(x=head[0], y=head[1], ax=tail[0], ay=tail[1], xref="x",
                               yref="y", axref="x", ayref="y", text="", showarrow=True,
                               arrowhead=3, arrowsize=1.3, arrowwidth=2, arrowcolor=MUTED)
    add_box(module_x, 0.0, MODULE_COLOUR, f"<b>{module_label}</b>", module_label, module_w)
    fig.add_trace(go.Scatter(x=hover_x, y=hover_y, mode="markers", showlegend=False,
                             marker=dict(size=40, opacity=0, color=hover_colour),
                             text=hover_text, hovertemplate="%{text}<extra></extra>"))
    for x, label, colour in ((0.0, input_title, INPUT_COLOUR), (output_x, output_title,
                                                                 OUTPUT_COLOUR)):
        fig.add_annotation(x=x, y=(rows - 1) / 2 + 0.62, text=f"<b>{label}</b>",
                           showarrow=False, font=dict(size=15, color=colour))
    base_layout(fig, title=title, height=height or 150 + 110 * rows)
    fig.update_xaxes(visible=False, range=[-1.1, output_x + 1.1])
    fig.update_yaxes(visible=False, range=[-(rows - 1) / 2 - 0.55, (rows - 1) / 2 + 0.8])
    fig.update_layout(margin=dict(l=10, r=10, t=50 if title else 10, b=10),
                      plot_bgcolor="rgba(0,0,0,0)")
    return fig


def layer_grid(parameters: Sequence, layers: int, directions: int, *,
               layer_names: Sequence[str] | None = None,
               direction_labels: Sequence[str] = ("→", "←"),
               count_label: str = "parameters", title: str | None = None,
               x_title: str | None = None, y_title: str | None = None) -> go.Figure:
    """One cell per (layer, direction): its row of h_n, its weight shapes, its parameters.

    `parameters` are `rnnviz.shapes.Parameter`s. torch's layer 0 (the one reading x) is at
    the bottom, as in a drawing of stacked layers; `layer_names` label the rows from it up
    (default: torch's own l0, l1, ...).
    """
    layer_names = list(layer_names) if layer_names is not None else [
        f"l{k}" for k in range(layers)]
    counts = np.zeros((layers, directions), dtype=np.int64)
    texts = [["" for _ in range(directions)] for _ in range(layers)]
    for layer in range(layers):
        for direction in range(directions):
            own = [p for p in parameters
                   if p.layer == layer and p.reverse == (direction == 1)]
            counts[layer, direction] = sum(p.count for p in own)
            weights = "<br>".join(f"{p.name} {shape_text(p.shape)}" for p in own
                                  if p.name.startswith("weight"))
            row = layer * directions + direction
            texts[layer][direction] = f"<b>h_n[{row}]</b><br>{weights}"
    fig = go.Figure(go.Heatmap(
        z=counts, x=list(direction_labels[:directions]),
        y=layer_names,
        text=texts, texttemplate="%{text}", textfont=dict(size=13),
        colorscale=GRID_COLOURS, showscale=False, xgap=6, ygap=6, zmin=0,
        hovertemplate=f"%{{y}}, %{{x}}<br>{count_label}: %{{z:,}}<extra></extra>",
    ))
    base_layout(fig, title=title, height=140 + 105 * layers, x_title=x_title, y_title=y_title)
    fig.update_xaxes(side="top")
    return fig
