"""The recurrent layer APIs and their shapes, read off real torch modules (SPEC 6)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from rnnviz import shapes
from rnnviz.plots import shapes as plots
from ui import cache, page, settings
from ui.text.shapes import STRINGS

PAGE = "shapes"
tr = page.setup(STRINGS, "shapes.title")

SIZES = {"input_size": 100, "hidden_size": 20, "num_layers": 1, "batch": 3, "seq_len": 10}
DIMENSIONS = ("seq", "batch", "input", "hidden", "dirs_hidden", "layers_dirs")


@cache.shared
def report_for(config: shapes.ShapeConfig) -> shapes.ShapeReport:
    return shapes.inspect(config)


@cache.shared
def stack_checks() -> list[shapes.StackCheck]:
    return [shapes.stacked_cells(100, (30, 20)), shapes.stacked_cells(100, (20, 20))]


@cache.shared
def code_snippet(config: shapes.ShapeConfig) -> str:
    return shapes.code_snippet(config, comments={"sequence": tr("shapes.code.sequence")})


def dimension_names() -> dict[str, str]:
    return {d: tr(f"shapes.dim.{d}") for d in DIMENSIONS}


def layer_text(index: int) -> str:
    """torch's layer `index` as every string on the page names it: "layer 1 (l0)"."""
    number, name = shapes.layer_name(index)
    return tr("shapes.layer", number=number, name=name)


def module_label(config: shapes.ShapeConfig) -> str:
    label = f"nn.{config.cell}<br>({config.input_size}, {config.hidden_size})"
    if not config.is_cell:
        label += f"<br>num_layers={config.num_layers}"
        if config.bidirectional:
            label += "<br>bidirectional"
    return label


@cache.shared
def diagram(config: shapes.ShapeConfig):
    report = report_for(config)
    return plots.tensor_diagram(report.tensors, module_label(config),
                                dim_names=dimension_names(), input_title=tr("shapes.diagram.in"),
                                output_title=tr("shapes.diagram.out"),
                                separator=tr("shapes.dim.separator"))


@cache.shared
def grid(config: shapes.ShapeConfig):
    report = report_for(config)
    return plots.layer_grid(report.parameters, config.layers, config.directions,
                            layer_names=[layer_text(k) for k in range(config.layers)],
                            count_label=tr("shapes.grid.count"), x_title=tr("shapes.grid.x"),
                            y_title=tr("shapes.grid.y"),
                            direction_labels=(tr("shapes.direction.forward"),
                                              tr("shapes.direction.backward")))


def controls() -> dict:
    st.markdown(tr("shapes.intro"))
    # Every row's inputs aligned along their bottoms, whatever their labels' heights.
    top = st.columns([2, 2, 2, 3], vertical_alignment="bottom")
    cell = settings.linked(tr, top[0].selectbox, tr("shapes.cell"), page=PAGE, name="cell",
                           default="RNN", codec=settings.choice(shapes.CELL_TYPES),
                           options=shapes.CELL_TYPES, help=tr("shapes.cell.help"))
    is_cell = cell in shapes.CELLS
    values: dict[str, object] = {"cell": cell}
    for column, field in zip(top[1:3], ("batch_first", "bidirectional"), strict=True):
        values[field] = settings.linked(tr, column.toggle, tr(f"shapes.{field}"), page=PAGE,
                                        name=field, default=False, codec=settings.boolean(),
                                        disabled=is_cell, help=tr(f"shapes.{field}.help"))
    if is_cell:
        top[3].caption(tr("shapes.cell_note"))
    sizes = st.columns(len(SIZES), vertical_alignment="bottom")
    for column, (field, default) in zip(sizes, SIZES.items(), strict=True):
        limit = shapes.LIMITS[field]
        values[field] = settings.linked(
            tr, column.number_input, tr(f"shapes.{field}"), page=PAGE, name=field,
            default=default, codec=settings.integer(1, limit), step=1,
            disabled=is_cell and field == "num_layers",
            help=tr(f"shapes.{field}.help", limit=limit))
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
    fig = diagram(config)
    st.plotly_chart(fig, width="stretch", key="tensor_diagram")
    separator = tr("shapes.read.separator")
    by_role = {role: separator.join(f"{t.name} {plots.shape_text(t.shape)}"  # code: untranslated
                                    for t in report.tensors if t.role == role)
               for role in ("input", "output")}
    page.how_to_read(tr, "shapes.read.diagram", numbers=tr(
        "shapes.read.diagram.numbers", inputs=by_role["input"], outputs=by_role["output"]))
    names, separator = dimension_names(), tr("shapes.dim.separator")
    left, right = st.columns([3, 2])
    table = cache.table(("shapes.tensors", config), lambda: pd.DataFrame({
        tr("shapes.col.tensor"): [t.name for t in report.tensors],
        tr("shapes.col.shape"): [plots.shape_text(t.shape) for t in report.tensors],
        tr("shapes.col.dims"): [separator.join(names[d] for d in t.dims)
                                for t in report.tensors],
    }))
    # A table's title is its own element right above it (the hover toolbar floats over the
    # right end of that line, where a short title leaves room); longer text goes below.
    left.markdown(f"**{tr('shapes.tensors.title')}**")
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
    table = cache.table(("shapes.slices", config), lambda: pd.DataFrame({
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
    st.plotly_chart(grid(config), width="stretch", key="layer_grid")
    width = "hidden_size" if config.directions == 1 else "2 × hidden_size"
    first, *higher = report_for(config).layer_counts()
    numbers = tr("shapes.read.grid.numbers", first=f"{first:,}", higher=tr(
        "shapes.read.grid.higher", count=f"{higher[0]:,}") if higher else "")
    page.how_to_read(tr, "shapes.read.grid", width=width, numbers=numbers)


def parameters_section(config: shapes.ShapeConfig, report: shapes.ShapeReport) -> None:
    st.subheader(tr("shapes.params.header"))
    gates = shapes.GATES[config.kind]
    direction = {False: tr("shapes.direction.forward"), True: tr("shapes.direction.backward")}

    def build() -> pd.DataFrame:
        columns = {
            tr("shapes.col.name"): [p.name for p in report.parameters],
            tr("shapes.col.shape"): [plots.shape_text(p.shape) for p in report.parameters],
            tr("shapes.col.count"): [p.count for p in report.parameters],
        }
        if not config.is_cell:  # a cell has no layers or directions (nor _l0 in its names)
            columns[tr("shapes.col.layer")] = [layer_text(p.layer) for p in report.parameters]
            columns[tr("shapes.col.direction")] = [direction[p.reverse]
                                                   for p in report.parameters]
        return pd.DataFrame(columns)

    key = ("shapes.parameters", config)
    st.dataframe(cache.table(key, build), hide_index=True, key="parameter_table",
                 height=min(420, 38 + 35 * len(report.parameters)))
    st.caption(tr("shapes.params.note", gates=gates, kind=config.kind,
                  blocks=tr(f"shapes.blocks.{config.kind}"), rows=gates * config.hidden_size))
    page.download_csv(tr, build, f"{config.cell.lower()}_parameters.csv", key="parameters_csv",
                      cache_key=key)


def stack_section() -> None:
    st.subheader(tr("shapes.stack.header"))
    st.markdown(tr("shapes.stack.intro"))
    st.markdown(f"**{tr('shapes.stack.title')}**")
    checks = stack_checks()
    table = cache.table(("shapes.stack",), lambda: pd.DataFrame({
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
