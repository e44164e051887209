"""The SRN's editable tables (W, U, b, V, c, the inputs x), reusable by any page.

``network = srn_editors(tr, page="bptt")`` draws the three size inputs and six tables
(`st.data_editor`, text cells so anything typed can be checked and named) and returns
``Network(weights, xs)``, or None after an `st.error` right under the table that is wrong
naming its matrix, row and column, and a copy of the wrong rows with the cell marked ⚠.
`grid_editor` draws one more table of the same kind (the BPTT page's targets).
`read_network_link` reads the link earlier (its errors where the page calls it, at its top)
and `reset_network` (a button's callback) goes back to the default network.

State, per page slug (`ui.settings` keys, so no page reads another's):
- ``<slug>.<name>`` holds each table's cells as typed (a tuple of rows of text), kept for
  the session also while a cell is bad; the first run of a session takes it from the link
  (``?W=1,1;1,1&U=…&x=1,1;1,1;2,2``, a bad or mismatched value gets an error naming the
  parameter and its default), and a valid network is written back (removed at the default).
- ``<slug>.edit_<name>`` is the editor widget. Its starting table is the cells as they were
  when it was first drawn (``<slug>.seed_<name>``); it starts again from the current cells
  when its size changes or after a visit to another page (Streamlit drops a data editor's
  edits when it is not drawn).
- ``<slug>.n_in``, ``<slug>.n_hidden``, ``<slug>.n_out``: the sizes (1 to 8). They are read
  from the tables, so the link does not carry them.
- ``<slug>.valid``: the tables of the last valid network. While a cell is bad the link is
  written from it, so the figures keep showing it (also after a visit to another page,
  whose link no longer holds the network).
- The inputs x can lose rows in the editor (select, Delete) but gain them only by the
  button under it (``<slug>.add_x``), which is not offered past `max_steps`.

Strings are in ``STRINGS`` (keys ``editors.*``): merge them into the page's strings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import streamlit as st

from rnnviz import srn
from rnnviz.pairs import table_pairs
from rnnviz.validate import CellProblem, parse_grid
from ui import cache, settings
from ui.i18n import Translator
from ui.inputs import report_problems

MATRICES = ("W", "U", "b", "V", "c")
FIELDS = (*MATRICES, "x")
FILL = {"W": "1", "U": "1", "V": "1", "b": "0", "c": "0", "x": "1"}
SIZES = ("n_in", "n_hidden", "n_out")

Grid = tuple[tuple[str, ...], ...]

STRINGS = {
    "editors.n_in": ("Inputs (size of x)", "输入维数（x 的长度）"),
    "editors.n_hidden": ("Hidden units (size of h)", "隐藏单元数（h 的长度）"),
    "editors.n_out": ("Outputs (size of y)", "输出维数（y 的长度）"),
    "editors.sizes.help": ("From 1 to {limit}.", "取值 1 到 {limit}。"),
    "editors.matrix.W": ("W: input → hidden", "W：输入 → 隐藏"),
    "editors.matrix.U": ("U: hidden → hidden (the memory)", "U：隐藏 → 隐藏（记忆）"),
    "editors.matrix.b": ("b: hidden bias", "b：隐藏层偏置"),
    "editors.matrix.V": ("V: hidden → output", "V：隐藏 → 输出"),
    "editors.matrix.c": ("c: output bias", "c：输出偏置"),
    "editors.matrix.x": ("Input sequence x (one row per time step)",
                         "输入序列 x（每行一个时间步）"),
    "editors.x.help": (
        "The button above adds a time step, a copy of the last one (at most {limit} steps). "
        "To remove one, tick the box at the left of its row and press Delete.",
        "上面的按钮会添加一个时间步，内容与最后一步相同（最多 {limit} 步）。"
        "要删除某一步，勾选该行左侧的方框，再按 Delete 键。",
    ),
    "editors.add_step": ("Add a time step", "添加一个时间步"),
    "editors.add_step.full": (
        "The sequence has {limit} steps, the most this page takes.",
        "序列已有 {limit} 步，这是本页允许的最大步数。",
    ),
    "editors.cell": ("{matrix}, row {row}, column {column}",
                     "{matrix} 第 {row} 行、第 {column} 列"),
    "editors.cell.x": ("Input sequence x, step t = {row}, {column}",
                       "输入序列 x 第 t = {row} 步的 {column}"),
    "editors.error.empty_sequence": (
        "Input sequence x is empty: add at least one time step.",
        "输入序列 x 为空：请至少添加一个时间步。",
    ),
    "editors.error.too_long": (
        "Input sequence x has {steps} steps; this page takes at most {limit}.",
        "输入序列 x 有 {steps} 步，本页最多接受 {limit} 步。",
    ),
    "editors.link.shape": (
        "Link parameter {name}: {found} does not match the other matrices (expected {expected}); "
        "using {default}.",
        "链接参数 {name}：{found} 与其他矩阵的尺寸不匹配（应为 {expected}），已改用 {default}。",
    ),
    "editors.link.label": ("matrix {name}", "矩阵 {name}"),
    "editors.rows_any": ("any number of rows × {columns}", "任意行数 × {columns}"),
}


@dataclass(frozen=True)
class Network:
    weights: srn.SRNWeights
    xs: np.ndarray  # (T, I)


# --- text grids -------------------------------------------------------------------------

def text_grid(values: np.ndarray) -> Grid:
    return tuple(tuple(srn.format_number(v) for v in row) for row in np.atleast_2d(values))


def encode(grid: Grid) -> str:
    return ";".join(",".join(row) for row in grid)


def grid_codec(max_rows: int, max_columns: int) -> settings.Codec:
    """A table in a link: rows split by ';', entries by ','; every entry a finite number."""
    def parse(raw: str) -> Grid:
        rows = [row.split(",") for row in raw.split(";")]
        if len({len(row) for row in rows}) != 1 or len(rows) > max_rows \
                or len(rows[0]) > max_columns:
            raise ValueError(raw)
        array, problems = parse_grid(rows)
        if problems:
            raise ValueError(raw)
        return text_grid(array)

    return settings.Codec(parse, encode)


def resized(grid: Grid, shape: tuple[int, int], fill: str | None = None) -> Grid:
    """Keep the overlapping entries; new ones are `fill`, or repeat the last row."""
    rows, columns = shape

    def cell(r: int, c: int) -> str:
        if r < len(grid) and c < len(grid[r]):
            return grid[r][c]
        if fill is None and grid and r >= len(grid) and c < len(grid[-1]):
            return grid[-1][c]
        return fill if fill is not None else "1"

    return tuple(tuple(cell(r, c) for c in range(columns)) for r in range(rows))


def shape_of(grid: Grid) -> tuple[int, int]:
    return len(grid), (len(grid[0]) if grid else 0)


def default_grids(network: Network) -> dict[str, Grid]:
    w = network.weights
    return {"W": text_grid(w.W), "U": text_grid(w.U), "b": text_grid(w.b), "V": text_grid(w.V),
            "c": text_grid(w.c), "x": text_grid(network.xs)}


def spec_network() -> Network:
    view = srn.SRNView.default()
    return Network(view.weights, view.xs)


def labels(name: str, shape: tuple[int, int]) -> tuple[list[str], list[str]]:
    """Row and column labels of a table (neutral symbols: a translated label would give the
    editor a new identity, and drop its edits, when the language changes)."""
    rows, columns = shape
    kind = {"W": ("h", "x"), "U": ("h", "h"), "V": ("y", "h"), "x": ("t", "x"),
            "target": ("t", "y*")}
    if name in ("b", "c"):
        unit = "h" if name == "b" else "y"
        return [name], [f"{unit}{j + 1}" for j in range(columns)]
    row_unit, column_unit = kind.get(name, ("r", "c"))
    return ([f"{row_unit}{i + 1}" for i in range(rows)],
            [f"{column_unit}{j + 1}" for j in range(columns)])


# --- one table ----------------------------------------------------------------------------

@cache.shared(max_entries=256)
def _starting_frame(name: str, grid: Grid, width: int, hide_index: bool) -> pd.DataFrame:
    """An editor's starting table, built once per grid (`st.data_editor` copies it)."""
    shape = (len(grid), len(grid[0]) if grid else width)
    row_labels, column_labels = labels(name, shape)
    frame = pd.DataFrame([list(row) for row in grid], columns=column_labels,
                         dtype=object).astype(str)
    if not hide_index:
        frame.index = row_labels
    return frame


@cache.shared(max_entries=256)
def _column_config(columns: tuple[str, ...], fill: str) -> dict:
    return {column: st.column_config.TextColumn(column, default=fill, width="small")
            for column in columns}


def grid_editor(page: str, name: str, grid: Grid, *, width: int, fill: str,
                dynamic: bool = False, add_rows: bool = True) -> list[list[object]]:
    """One table of text cells, started from `grid`; returns its cells as edited.

    The editor starts again from `grid` when its shape changes or when it was not drawn in
    the last run (its edits were dropped); otherwise Streamlit keeps its edits. A `dynamic`
    table's rows can be deleted, and added too unless `add_rows` is False (the caller then
    adds them, see `add_row`).
    """
    state = st.session_state
    key, seed_key = settings.key_of(page, f"edit_{name}"), settings.key_of(page, f"seed_{name}")
    seed = state.get(seed_key)
    same_shape = seed is not None and (
        (shape_of(seed)[1] or width) == width if dynamic else shape_of(seed) == shape_of(grid))
    if key not in state or not same_shape:
        state.pop(key, None)
        state[seed_key] = seed = grid
    hide_index = dynamic  # rows come and go: no labels to keep in step
    frame = _starting_frame(name, seed, width, hide_index)
    config = _column_config(tuple(frame.columns), fill)
    edited = st.data_editor(frame, key=key, column_config=config, hide_index=hide_index,
                            num_rows=("dynamic" if add_rows else "delete") if dynamic
                            else "fixed")
    return edited.to_numpy(dtype=object).tolist()


def cell_text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


def name_cells(tr: Translator, name: str, shape: tuple[int, int],
               label: str | None = None) -> Callable[[CellProblem], str]:
    row_labels, column_labels = labels(name, shape)

    def name_cell(problem: CellProblem) -> str:
        if name == "x":
            return tr("editors.cell.x", row=problem.row + 1,
                      column=column_labels[problem.column])
        return tr("editors.cell", matrix=label or name, row=row_labels[problem.row],
                  column=column_labels[problem.column])

    return name_cell


def _markdown_cell(text: str) -> str:
    """Text typed into a cell, shown as itself in Markdown (no markup, no directive)."""
    return "".join(f"\\{ch}" if ch in "\\`*_{}[]<>#|:~$" else ch for ch in text)


def marked_rows(name: str, cells: list[list[object]], problems: list[CellProblem],
                width: int) -> str:
    """The rows of a table that hold bad cells, as a Markdown table with those cells
    marked ⚠ (a data editor cannot colour a cell that can be edited)."""
    row_labels, column_labels = labels(name, (len(cells), width))
    if name == "x":
        row_labels = [f"t = {i + 1}" for i in range(len(cells))]
    bad = {(p.row, p.column) for p in problems}
    lines = ["| | " + " | ".join(column_labels) + " |", "|---" * (width + 1) + "|"]
    for r in sorted({p.row for p in problems}):
        shown = []
        for c in range(width):
            text = _markdown_cell(cell_text(cells[r][c]) if c < len(cells[r]) else "")
            shown.append(f":red-background[**⚠ {text}**]" if (r, c) in bad else text)
        lines.append(f"| {row_labels[r]} | " + " | ".join(shown) + " |")
    return "\n".join(lines)


def add_row(page: str, name: str, max_rows: int) -> None:
    """A button's callback: the table `name` as typed, one row longer (a copy of its last
    row), shown by its editor from the next run on."""
    grid = settings.value(page, name)
    if not grid or len(grid) >= max_rows:
        return
    grid = (*grid, grid[-1])
    settings.assign(page, **{name: grid})
    st.session_state[settings.key_of(page, f"seed_{name}")] = grid
    st.session_state.pop(settings.key_of(page, f"edit_{name}"), None)


# --- the network -----------------------------------------------------------------------------

def read_network_link(tr: Translator, *, page: str, default: Network | None = None,
                      max_steps: int = srn.MAX_STEPS) -> None:
    """Read the tables from the link now (once per session), so that its errors appear
    where this is called; `srn_editors` reads it otherwise."""
    _read_links(tr, page, default_grids(default or spec_network()), max_steps)


def reset_network(page: str, default: Network | None = None) -> None:
    """A button's callback: the default network (sizes, tables, editors) from the next run."""
    grids = default_grids(default or spec_network())
    state = st.session_state
    for name in FIELDS:
        state.pop(settings.key_of(page, f"edit_{name}"), None)
        state.pop(settings.key_of(page, f"seed_{name}"), None)
    settings.assign(page, **grids, valid=grids)
    sizes = (shape_of(grids["W"])[1], shape_of(grids["W"])[0], shape_of(grids["V"])[0])
    settings.assign(page, **dict(zip(SIZES, sizes, strict=True)))


def _read_links(tr: Translator, page: str, default: dict[str, Grid], max_steps: int) -> None:
    """Once per session: the tables from the link, made to fit together (W and V set sizes)."""
    state = st.session_state
    if settings.key_of(page, "W") in state:
        return
    for name in FIELDS:
        settings.read_link(tr, tr("editors.link.label", name=name), page=page, name=name,
                           default=default[name],
                           codec=grid_codec(max_steps if name == "x" else srn.MAX_SIZE,
                                            srn.MAX_SIZE))
    grids = {name: settings.value(page, name) for name in FIELDS}
    n_hidden, n_in = shape_of(grids["W"])
    n_out = shape_of(grids["V"])[0]
    expected = {"V": (n_out, n_hidden), "U": (n_hidden, n_hidden), "b": (1, n_hidden),
                "c": (1, n_out), "x": (None, n_in)}
    for name, (rows, columns) in expected.items():
        found_rows, found_columns = shape_of(grids[name])
        if found_columns == columns and (rows is None or found_rows == rows):
            continue
        fixed_rows = rows if rows is not None else shape_of(default["x"])[0]
        if name == "x" and columns == shape_of(default["x"])[1]:
            fixed = default["x"]
        else:
            fixed = resized((), (fixed_rows, columns), FILL[name])
        shown = (tr("editors.rows_any", columns=columns) if rows is None
                 else f"{rows} × {columns}")
        st.error(tr("editors.link.shape", name=name, found=f"{found_rows} × {found_columns}",
                    expected=shown, default=encode(fixed)), icon=":material/link_off:")
        settings.assign(page, **{name: fixed})
    grids = {name: settings.value(page, name) for name in FIELDS}
    sizes = (shape_of(grids["W"])[1], shape_of(grids["W"])[0], shape_of(grids["V"])[0])
    settings.assign(page, **dict(zip(SIZES, sizes, strict=True)))


def _size_inputs(tr: Translator, page: str) -> tuple[int, int, int]:
    help_text = tr("editors.sizes.help", limit=srn.MAX_SIZE)
    return tuple(
        int(column.number_input(tr(f"editors.{name}"), min_value=1, max_value=srn.MAX_SIZE,
                                step=1, key=settings.key_of(page, name),
                                persist_state="session", help=help_text))
        for column, name in zip(st.columns(3), SIZES, strict=True))


def _shapes(n_in: int, n_hidden: int, n_out: int, steps: int) -> dict[str, tuple[int, int]]:
    return {"W": (n_hidden, n_in), "U": (n_hidden, n_hidden), "b": (1, n_hidden),
            "V": (n_out, n_hidden), "c": (1, n_out), "x": (steps, n_in)}


def _parse(tr: Translator, name: str, cells: list[list[object]], width: int,
           max_steps: int) -> np.ndarray | None:
    """One table's numbers, or None after errors (drawn where this is called: right under
    its editor) naming matrix, row and column, and the wrong rows with the cell marked."""
    if name == "x" and not cells:
        st.error(tr("editors.error.empty_sequence"), icon=":material/error:")
        return None
    if name == "x" and len(cells) > max_steps:
        st.error(tr("editors.error.too_long", steps=len(cells), limit=max_steps),
                 icon=":material/error:")
        return None
    array, problems = parse_grid(cells)
    if report_problems(tr, problems, name_cells(tr, name, (len(cells), width))):
        st.markdown(marked_rows(name, cells, problems, width))
        return None
    return array


def _network(arrays: dict[str, np.ndarray]) -> Network:
    weights = srn.SRNWeights(W=arrays["W"], U=arrays["U"], b=arrays["b"][0], V=arrays["V"],
                             c=arrays["c"][0])
    return Network(weights, arrays["x"])


def _keep_in_link(grids: dict[str, Grid], default_grid: dict[str, Grid], max_steps: int) -> None:
    codec = grid_codec(max_steps, srn.MAX_SIZE)
    for name in FIELDS:
        settings.write_link(name, grids[name], default_grid[name], codec)


def stored_network(tr: Translator, *, page: str, default: Network | None = None,
                   max_steps: int = srn.MAX_STEPS) -> Network:
    """The network without drawing its editors (a page that hides them): the last valid
    one typed, else the link's (read once per session, its errors named where this is
    called), else the default; kept in the link like `srn_editors` keeps it."""
    default_grid = default_grids(default or spec_network())
    _read_links(tr, page, default_grid, max_steps)
    grids = settings.value(page, "valid") or {name: settings.value(page, name)
                                              for name in FIELDS}
    arrays = {name: parse_grid(grids[name])[0] for name in FIELDS}
    if any(array is None for array in arrays.values()):  # the link's grids were checked
        grids = default_grid
        arrays = {name: parse_grid(grids[name])[0] for name in FIELDS}
    _keep_in_link(grids, default_grid, max_steps)
    return _network(arrays)


def srn_editors(tr: Translator, *, page: str, default: Network | None = None,
                max_steps: int = srn.MAX_STEPS) -> Network | None:
    """Draw the sizes and the six tables; the network they hold, or None after errors.

    Errors appear under the table that is wrong. The link holds the last valid network.
    """
    default_grid = default_grids(default or spec_network())
    _read_links(tr, page, default_grid, max_steps)
    grids: dict[str, Grid] = {name: settings.value(page, name) for name in FIELDS}
    n_in, n_hidden, n_out = _size_inputs(tr, page)
    wanted = _shapes(n_in, n_hidden, n_out, max(1, len(grids["x"])))
    for name, shape in wanted.items():
        if shape_of(grids[name]) != shape and (name != "x" or grids["x"]):
            grids[name] = resized(grids[name], shape, FILL[name] if name != "x" else None)
    parsed: dict[str, np.ndarray | None] = {}
    left, middle, right = st.columns(3)
    places = {"W": left, "b": left, "U": middle, "V": middle, "c": middle, "x": right}
    for name in ("W", "b", "U", "V", "c", "x"):
        width = wanted[name][1]
        with places[name]:
            st.markdown(f"**{tr(f'editors.matrix.{name}')}**")
            cells = grid_editor(page, name, grids[name], width=width, fill=FILL[name],
                                dynamic=name == "x", add_rows=False)
            grids[name] = tuple(tuple(cell_text(v) for v in row) for row in cells)
            parsed[name] = _parse(tr, name, cells, width, max_steps)  # errors right here
            if name == "x":
                full = len(cells) >= max_steps
                st.button(tr("editors.add_step"), key=settings.key_of(page, "add_x"),
                          icon=":material/add:", disabled=full, on_click=add_row,
                          args=(page, "x", max_steps),
                          help=tr("editors.add_step.full", limit=max_steps) if full else None)
                st.caption(tr("editors.x.help", limit=max_steps))
    settings.assign(page, **grids)  # kept for the session, also while a cell is bad
    if any(array is None for array in parsed.values()):
        valid = settings.value(page, "valid")
        if valid is not None:  # the link keeps the last valid network
            _keep_in_link(valid, default_grid, max_steps)
        return None
    network = _network(parsed)
    canonical = default_grids(network)
    settings.assign(page, valid=canonical)
    _keep_in_link(canonical, default_grid, max_steps)
    return network


# --- Word pairs (the encoder-decoder and attention pages) -----------------------------------

PairRows = tuple[tuple[str, str], ...]


def pairs_editor(tr: Translator, label: str, *, page: str, name: str, default: PairRows,
                 codec: settings.Codec, columns: tuple[str, str],
                 check: Callable[[PairRows], list], describe: Callable[[object], str],
                 ) -> PairRows | None:
    """An editable two-column table of (word, target) pairs kept in the link as `name`.

    `columns` are the two columns' shown labels; `check(rows)` returns problems (as
    rnnviz.pairs does) and `describe(problem)` the error naming the row and column. The
    rows as typed are kept for the session (``<page>.<name>``) also while they are bad;
    the link is written only for usable pairs. Returns the rows, or None after the errors.

    The editor (``<page>.edit_<name>``) starts from the link's pairs, or from this
    session's pairs on coming back (Streamlit drops a data editor's edits while another
    page is shown) and after a language switch (the column labels are translated, so
    Streamlit takes it for a new editor, filled with the rows it started from).
    """
    settings.read_link(tr, label, page=page, name=name, default=default, codec=codec)
    editor = settings.key_of(page, f"edit_{name}")
    seed_key = settings.key_of(page, f"seed_{name}")
    drawn_in = settings.key_of(page, f"lang_{name}")
    if st.session_state.get(drawn_in, tr.lang) != tr.lang:
        st.session_state.pop(editor, None)
    st.session_state[drawn_in] = tr.lang
    if editor not in st.session_state:
        st.session_state[seed_key] = settings.value(page, name)
    seed = st.session_state[seed_key]
    word, target = columns
    table = st.data_editor(
        pd.DataFrame({"word": [w for w, _ in seed], "target": [t for _, t in seed]},
                     dtype=object),
        key=editor, num_rows="dynamic", hide_index=True,
        column_config={"word": st.column_config.TextColumn(word),
                       "target": st.column_config.TextColumn(target)})
    rows = table_pairs(table["word"], table["target"])
    settings.assign(page, **{name: rows})  # kept for the session, also while not usable
    problems = check(rows)
    for problem in problems[:5]:
        st.error(describe(problem), icon=":material/error:")
    if problems:
        return None
    settings.write_link(name, rows, default, codec)
    return rows
