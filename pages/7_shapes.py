"""The recurrent layer APIs and their shapes, read off real torch modules (SPEC 6)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from rnnviz import shapes
from rnnviz.plots import shapes as plots
from ui import figures, page
from ui.figures import cached
from ui.text.shapes import STRINGS

tr = page.setup(STRINGS, "shapes.title")

SIZE_FIELDS = ("input_size", "hidden_size", "num_layers", "batch", "seq_len")
DEFAULTS = {"cell": "RNN", "input_size": 100, "hidden_size": 20, "num_layers": 1, "batch": 3,
            "seq_len": 10, "batch_first": False, "bidirectional": False}
DIMENSIONS = ("seq", "batch", "input", "hidden", "dirs_hidden", "layers_dirs")


@figures.memo
def report_for(config: shapes.ShapeConfig) -> shapes.ShapeReport:
    return shapes.inspect(config)


@figures.memo
def stack_checks() -> list[shapes.StackCheck]:
    return [shapes.stacked_cells(100, (30, 20)), shapes.stacked_cells(100, (20, 20))]


code_snippet = figures.memo(shapes.code_snippet)


def dimension_names() -> dict[str, str]:
    return {d: tr(f"shapes.dim.{d}") for d in DIMENSIONS}


def module_label(config: shapes.ShapeConfig) -> str:
    label = f"nn.{config.cell}<br>({config.input_size}, {config.hidden_size})"
    if not config.is_cell:
        label += f"<br>num_layers={config.num_layers}"
        if config.bidirectional:
            label += "<br>bidirectional"
    return label


@cached
def diagram(config: shapes.ShapeConfig, lang: str, titles: tuple[str, str]):
    report = report_for(config)
    return plots.tensor_diagram(report.tensors, module_label(config),
                                dim_names=dimension_names(), input_title=titles[0],
                                output_title=titles[1])


@cached
def grid(config: shapes.ShapeConfig, lang: str, labels: tuple[str, ...]):
    layer, count, x_title, y_title, forward, backward = labels
    report = report_for(config)
    return plots.layer_grid(report.parameters, config.layers, config.directions,
                            layer_label=layer, count_label=count, x_title=x_title,
                            y_title=y_title, direction_labels=(forward, backward))


def controls() -> dict:
    st.markdown(tr("shapes.intro"))
    for key, value in DEFAULTS.items():
        st.session_state.setdefault(key, value)
    top = st.columns([2, 2, 2, 3])
    cell = top[0].selectbox(tr("shapes.cell"), shapes.CELL_TYPES, key="cell",
                            help=tr("shapes.cell.help"))
    is_cell = cell in shapes.CELLS
    top[1].toggle(tr("shapes.batch_first"), key="batch_first", disabled=is_cell)
    top[2].toggle(tr("shapes.bidirectional"), key="bidirectional", disabled=is_cell)
    if is_cell:
        top[3].caption(tr("shapes.cell_note"))
    values: dict[str, object] = {"cell": cell}
    for column, field in zip(st.columns(len(SIZE_FIELDS)), SIZE_FIELDS, strict=True):
        values[field] = column.number_input(tr(f"shapes.{field}"), step=1, key=field,
                                            disabled=is_cell and field == "num_layers",
                                            help=tr("shapes.size.help",
                                                    limit=shapes.LIMITS[field]))
    values["batch_first"] = st.session_state["batch_first"]
    values["bidirectional"] = st.session_state["bidirectional"]
    return values


def checked_config(values: dict) -> shapes.ShapeConfig | None:
    """The config, or None after an error naming each field that is out of bounds."""
    problems = shapes.size_problems(values, values["cell"])
    for problem in problems:
        if problem.field in ("parameters", "elements"):
            st.error(tr(f"shapes.error.{problem.field}", value=problem.value,
                        limit=problem.limit), icon=":material/error:")
        else:
            st.error(tr(f"shapes.error.{problem.reason}", field=tr(f"shapes.{problem.field}"),
                        value=problem.value, limit=problem.limit), icon=":material/error:")
    if problems:
        st.info(tr("shapes.error.keep"), icon=":material/info:")
        return None
    return shapes.config_from(values, values["cell"])


def summary(config: shapes.ShapeConfig, report: shapes.ShapeReport) -> None:
    left, middle, right = st.columns(3)
    left.metric(tr("shapes.metric.parameters"), f"{report.parameter_count:,}")
    middle.metric(tr("shapes.metric.tensors"), str(len(report.parameters)))
    if not config.is_cell:
        right.metric(tr("shapes.metric.rows"), str(config.layers * config.directions))


def tensors_section(config: shapes.ShapeConfig, report: shapes.ShapeReport) -> None:
    st.subheader(tr("shapes.tensors.header"))
    fig = diagram(config, tr.lang, (tr("shapes.diagram.in"), tr("shapes.diagram.out")))
    st.plotly_chart(fig, width="stretch", key="tensor_diagram")
    page.how_to_read(tr, "shapes.read.diagram")
    names = dimension_names()
    left, right = st.columns([3, 2])
    table = figures.table(("shapes.tensors", config, tr.lang), lambda: pd.DataFrame({
        tr("shapes.col.tensor"): [t.name for t in report.tensors],
        tr("shapes.col.shape"): [plots.shape_text(t.shape) for t in report.tensors],
        tr("shapes.col.dims"): [", ".join(names[d] for d in t.dims) for t in report.tensors],
    }))
    left.dataframe(table, hide_index=True, key="tensor_table")
    right.markdown(f"**{tr('shapes.code')}**")
    right.code(code_snippet(config), language="python")
    if config.is_cell:
        st.caption(tr("shapes.note.cell"))
    else:
        notes = [tr("shapes.note.batch_first")]
        if config.bidirectional:
            notes.append(tr("shapes.note.bidirectional"))
        st.caption("\n\n".join(notes))  # one element, paragraphs apart as two captions were
        slices_section(config, report)


def slices_section(config: shapes.ShapeConfig, report: shapes.ShapeReport) -> None:
    st.markdown(f"**{tr('shapes.slices.header')}**")
    table = figures.table(("shapes.slices", config, tr.lang), lambda: pd.DataFrame({
        tr("shapes.slices.out"): [m.out_slice for m in report.matches],
        tr("shapes.slices.h_n"): [m.h_n_row for m in report.matches],
        tr("shapes.stack.diff"): [f"{m.max_abs_diff:.1e}" for m in report.matches],
    }))
    st.dataframe(table, hide_index=True, key="slices_table")
    st.caption(tr("shapes.slices.note"))


def grid_section(config: shapes.ShapeConfig) -> None:
    if config.is_cell:
        return
    st.subheader(tr("shapes.grid.header"))
    labels = (tr("shapes.grid.layer"), tr("shapes.grid.count"), tr("shapes.grid.x"),
              tr("shapes.grid.y"), tr("shapes.direction.forward"),
              tr("shapes.direction.backward"))
    st.plotly_chart(grid(config, tr.lang, labels), width="stretch", key="layer_grid")
    width = "hidden_size" if config.directions == 1 else "2 × hidden_size"
    page.how_to_read(tr, "shapes.read.grid", width=width)


def parameters_section(config: shapes.ShapeConfig, report: shapes.ShapeReport) -> None:
    st.subheader(tr("shapes.params.header"))
    gates = shapes.GATES[config.kind]
    st.caption(tr("shapes.params.note", gates=gates, kind=config.kind,
                  blocks=tr(f"shapes.blocks.{config.kind}"), rows=gates * config.hidden_size))
    direction = {False: tr("shapes.direction.forward"), True: tr("shapes.direction.backward")}

    def build() -> pd.DataFrame:
        return pd.DataFrame({
            tr("shapes.col.name"): [p.name for p in report.parameters],
            tr("shapes.col.shape"): [plots.shape_text(p.shape) for p in report.parameters],
            tr("shapes.col.count"): [p.count for p in report.parameters],
            tr("shapes.col.layer"): [p.layer for p in report.parameters],
            tr("shapes.col.direction"): [direction[p.reverse] for p in report.parameters],
        })

    key = ("shapes.parameters", config, tr.lang)
    st.dataframe(figures.table(key, build), hide_index=True, key="parameter_table",
                 height=min(420, 38 + 35 * len(report.parameters)))
    page.download_csv(tr, build, f"{config.cell.lower()}_parameters.csv", key="parameters_csv",
                      cache_key=key)


def stack_section() -> None:
    st.subheader(tr("shapes.stack.header"))
    st.markdown(tr("shapes.stack.intro"))
    checks = stack_checks()
    table = figures.table(("shapes.stack", tr.lang), lambda: pd.DataFrame({
        tr("shapes.stack.cells"): [" → ".join(str(w) for w in (c.input_size,) + c.hidden_sizes)
                                   for c in checks],
        tr("shapes.stack.states"): [", ".join(plots.shape_text(s) for s in c.state_shapes)
                                    for c in checks],
        tr("shapes.stack.module"): [c.module for c in checks],
        tr("shapes.stack.out"): [plots.shape_text(c.out_shape) for c in checks],
        tr("shapes.stack.diff"): [f"{c.max_abs_diff:.2e}" for c in checks],
    }))
    st.dataframe(table, hide_index=True, key="stack_table")
    page.how_to_read(tr, "shapes.stack.read")


def main() -> None:
    values = controls()
    config = checked_config(values)
    if config is not None:
        report = report_for(config)
        summary(config, report)
        tensors_section(config, report)
        grid_section(config)
        parameters_section(config, report)
    stack_section()


main()
