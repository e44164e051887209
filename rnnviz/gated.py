"""The gated cells of SPEC 8 stepped through time: LSTM and GRU with every gate's numbers.

PyTorch's conventions (`nn.LSTMCell`, `nn.GRUCell`), h_0 = c_0 = 0:

    LSTM, gates i, f, g, o:
        a = W_ax x_t + b_ax + W_ah h_{t-1} + b_ah         for a in i, f, g, o
        i, f, o = σ(a);  g = tanh(a)
        c_t = f ⊙ c_{t-1} + i ⊙ g,   h_t = o ⊙ tanh(c_t)

    GRU, gates r, z, n:
        r = σ(W_rx x_t + b_rx + W_rh h_{t-1} + b_rh),  z likewise,
        n = tanh(W_nx x_t + b_nx + r ⊙ (W_nh h_{t-1} + b_nh)),
        h_t = (1 − z) ⊙ n + z ⊙ h_{t-1}

In torch's GRU z is the share of the *old* state that is kept; d2l and some
other textbooks write the same cell with z and 1 − z swapped in meaning.

Weights are held per gate (`GateWeights`: W_x (H, I), W_h (H, H), b_x (H,),
b_h (H,)) rather than as torch's stacked 4H / 3H rows, because that is how a
page shows and edits them; `GatedWeights.to_torch` / `from_torch` /
`from_module` convert. `run` is the float64 NumPy loop every figure draws
from; it keeps every term a page substitutes into the equations.
`agreement_table` runs the same weights through torch's own modules.
`memory_lesson` is the "pulse, then zeros" comparison of an SRN, an LSTM and
a GRU, and `from_ohlol` takes over a trained hello -> ohlol model.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType

import numpy as np
import pandas as pd
import torch
from torch import nn

from rnnviz.srn import format_number
from rnnviz.validate import CellProblem, parse_grid

CELLS = ("lstm", "gru")
GATES = {"lstm": ("i", "f", "g", "o"), "gru": ("r", "z", "n")}  # torch's row order
GATE_ACTIVATIONS = {"i": "sigmoid", "f": "sigmoid", "g": "tanh", "o": "sigmoid",
                    "r": "sigmoid", "z": "sigmoid", "n": "tanh"}
MATRICES = ("W_x", "W_h", "b_x", "b_h")
TORCH_NAMES = {"W_x": "weight_ih", "W_h": "weight_hh", "b_x": "bias_ih", "b_h": "bias_hh"}
TORCH_MODULES = {"lstm": ("LSTM", "LSTMCell"), "gru": ("GRU", "GRUCell")}

MAX_SIZE = 8  # inputs and hidden units of an edited network (and units a page shows)
MAX_STEPS = 30  # steps of an edited input sequence
VALUE_LIMIT = 1e6  # largest |weight| or |input| a table accepts: keeps every sum finite

SPEC_INPUTS = ((1.0, 1.0), (1.0, 1.0), (2.0, 2.0))
SPEC_WEIGHT = 0.5
SPEC_BIASED_GATE = {"lstm": "f", "gru": "z"}  # SPEC 8: b_if = 1 (LSTM), b_iz = 1 (GRU)


def check_cell(cell: str) -> str:
    if cell not in CELLS:
        raise ValueError(f"unknown cell {cell!r}; choose one of {list(CELLS)}")
    return cell


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * z))  # σ without overflow in exp


def _frozen_array(values, shape_name: str) -> np.ndarray:
    array = np.array(values, dtype=np.float64)  # a copy, so the caller's array stays theirs
    array.setflags(write=False)
    if array.ndim not in (1, 2):
        raise ValueError(f"{shape_name} must be a vector or a matrix, got shape {array.shape}")
    return array


# --- Weights, grouped by gate ------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class GateWeights:
    """One gate's weights: a = W_x x_t + b_x + W_h h_{t-1} + b_h (read-only float64)."""

    W_x: np.ndarray  # (H, I)
    W_h: np.ndarray  # (H, H)
    b_x: np.ndarray  # (H,)
    b_h: np.ndarray  # (H,)

    def __post_init__(self) -> None:
        for name in MATRICES:
            object.__setattr__(self, name, _frozen_array(getattr(self, name), name))
        if self.W_x.ndim != 2 or min(self.W_x.shape) < 1:
            raise ValueError(f"W_x must be a (hidden, inputs) matrix, got shape {self.W_x.shape}")
        n_hidden = self.W_x.shape[0]
        expected = {"W_h": (n_hidden, n_hidden), "b_x": (n_hidden,), "b_h": (n_hidden,)}
        for name, shape in expected.items():
            if getattr(self, name).shape != shape:
                raise ValueError(f"{name} has shape {getattr(self, name).shape}, expected {shape}")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, GateWeights):
            return NotImplemented
        return all(np.array_equal(getattr(self, n), getattr(other, n)) for n in MATRICES)

    def __hash__(self) -> int:
        return hash(tuple((getattr(self, n).shape, getattr(self, n).tobytes()) for n in MATRICES))

    @property
    def sizes(self) -> tuple[int, int]:
        """(inputs, hidden)."""
        return self.W_x.shape[1], self.W_x.shape[0]


@dataclass(frozen=True, eq=False)
class GatedWeights:
    """An LSTM's or GRU's weights, one `GateWeights` per gate in torch's order.

    `gates` is a read-only mapping gate name -> GateWeights: i, f, g, o for
    "lstm", r, z, n for "gru". Equal weights compare equal and hash alike, so
    a GatedWeights can key a cache.
    """

    cell: str
    gates: Mapping[str, GateWeights]

    def __post_init__(self) -> None:
        check_cell(self.cell)
        names = GATES[self.cell]
        if set(self.gates) != set(names):
            raise ValueError(f"a {self.cell} has the gates {list(names)}, got {list(self.gates)}")
        ordered = {name: self.gates[name] for name in names}
        sizes = {gate.sizes for gate in ordered.values()}
        if len(sizes) != 1:
            raise ValueError(f"every gate needs the same (inputs, hidden) sizes, got {sizes}")
        object.__setattr__(self, "gates", MappingProxyType(ordered))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, GatedWeights):
            return NotImplemented
        return self.cell == other.cell and dict(self.gates) == dict(other.gates)

    def __hash__(self) -> int:
        return hash((self.cell, tuple(self.gates.values())))

    @property
    def gate_names(self) -> tuple[str, ...]:
        return GATES[self.cell]

    @property
    def n_inputs(self) -> int:
        return self.gates[self.gate_names[0]].sizes[0]

    @property
    def n_hidden(self) -> int:
        return self.gates[self.gate_names[0]].sizes[1]

    @classmethod
    def filled(cls, cell: str, n_inputs: int = 2, n_hidden: int = 2, weight: float = SPEC_WEIGHT,
               bias: float = 0.0) -> GatedWeights:
        """Every weight `weight`, every bias `bias`."""
        gate = GateWeights(W_x=np.full((n_hidden, n_inputs), weight),
                           W_h=np.full((n_hidden, n_hidden), weight),
                           b_x=np.full(n_hidden, bias), b_h=np.full(n_hidden, bias))
        return cls(check_cell(cell), {name: gate for name in GATES[cell]})

    def with_gate(self, name: str, **matrices: np.ndarray) -> GatedWeights:
        """A copy with some of one gate's matrices replaced, e.g. with_gate("f", b_x=...)."""
        if name not in self.gates:
            raise ValueError(f"unknown gate {name!r}; choose one of {list(self.gate_names)}")
        gates = dict(self.gates)
        gates[name] = replace(gates[name], **matrices)
        return GatedWeights(self.cell, gates)

    def to_torch(self) -> dict[str, np.ndarray]:
        """torch's stacked layout: weight_ih (G·H, I), weight_hh (G·H, H), bias_ih, bias_hh (G·H,).

        Rows are the gates' blocks in torch's order (i, f, g, o / r, z, n).
        """
        return {torch_name: np.concatenate([getattr(g, name) for g in self.gates.values()])
                for name, torch_name in TORCH_NAMES.items()}

    @classmethod
    def from_torch(cls, cell: str, weight_ih, weight_hh, bias_ih=None,
                   bias_hh=None) -> GatedWeights:
        """Split torch's stacked matrices (arrays or tensors) into gates; None biases are zeros."""
        names = GATES[check_cell(cell)]
        stacked = {"W_x": _numpy(weight_ih), "W_h": _numpy(weight_hh)}
        rows = stacked["W_h"].shape[0]
        if rows % len(names) or stacked["W_h"].shape[1] * len(names) != rows:
            raise ValueError(f"weight_hh of a {cell} must be ({len(names)}·H, H), "
                             f"got {stacked['W_h'].shape}")
        stacked["b_x"] = np.zeros(rows) if bias_ih is None else _numpy(bias_ih)
        stacked["b_h"] = np.zeros(rows) if bias_hh is None else _numpy(bias_hh)
        for name, array in stacked.items():
            if array.shape[0] != rows:
                raise ValueError(f"{TORCH_NAMES[name]} has {array.shape[0]} rows, "
                                 f"weight_hh has {rows}")
        n_hidden = rows // len(names)
        gates = {}
        for k, name in enumerate(names):
            block = slice(k * n_hidden, (k + 1) * n_hidden)
            gates[name] = GateWeights(**{m: array[block] for m, array in stacked.items()})
        return cls(cell, gates)

    @classmethod
    def from_module(cls, module: nn.Module) -> GatedWeights:
        """The weights of nn.LSTMCell / nn.GRUCell, or of nn.LSTM / nn.GRU (layer 0, forward).

        A module without biases (bias=False) gets zero biases.
        """
        kinds = {nn.LSTM: "lstm", nn.LSTMCell: "lstm", nn.GRU: "gru", nn.GRUCell: "gru"}
        cell = next((c for kind, c in kinds.items() if isinstance(module, kind)), None)
        if cell is None:
            raise ValueError(f"cannot read gates from {type(module).__name__}; choose one of "
                             "['LSTM', 'LSTMCell', 'GRU', 'GRUCell']")
        if getattr(module, "proj_size", 0):
            raise ValueError("an LSTM with proj_size is not supported; use proj_size=0")
        suffix = "" if isinstance(module, nn.RNNCellBase) else "_l0"
        parts = [getattr(module, f"{name}{suffix}", None) for name in TORCH_NAMES.values()]
        return cls.from_torch(cell, *parts)

    def first_units(self, n_hidden: int = MAX_SIZE, n_inputs: int = MAX_SIZE) -> GatedWeights:
        """The weights of the first units and inputs only, to show (not to run) a large cell."""
        keep_h, keep_i = min(n_hidden, self.n_hidden), min(n_inputs, self.n_inputs)
        return GatedWeights(self.cell, {
            name: GateWeights(W_x=g.W_x[:keep_h, :keep_i], W_h=g.W_h[:keep_h, :keep_h],
                              b_x=g.b_x[:keep_h], b_h=g.b_h[:keep_h])
            for name, g in self.gates.items()})


def _numpy(values) -> np.ndarray:
    if isinstance(values, torch.Tensor):
        values = values.detach().cpu().double().numpy()
    return np.asarray(values, dtype=np.float64)


def spec_weights(cell: str) -> GatedWeights:
    """SPEC 8's example: 2 inputs, 2 hidden, every weight 0.5, biases 0 but b_if = 1 / b_iz = 1."""
    return example_weights(cell, 2, 2)


def spec_inputs() -> np.ndarray:
    """SPEC 8's inputs [1, 1], [1, 1], [2, 2] as a (T, I) array."""
    return np.array(SPEC_INPUTS)


# --- Edited tables -----------------------------------------------------------------------

@dataclass(frozen=True)
class TableProblem:
    """What is wrong with one edited table; the page words it.

    reason: "cell" (see `cell`, its row / column are 0-based within `matrix`),
    "ragged" (rows of different lengths), "shape" (see expected / got),
    "empty" (no rows), "steps" (more than MAX_STEPS rows).
    """

    gate: str | None  # "f", ..., or None for the input sequence
    matrix: str  # "W_x", "W_h", "b_x", "b_h", or "x" for the input sequence
    reason: str
    cell: CellProblem | None = None
    expected: tuple[int, ...] | None = None
    got: tuple[int, ...] | None = None


def _rows(table) -> list[list[object]]:
    if isinstance(table, pd.DataFrame):
        return table.to_numpy(dtype=object).tolist()
    if isinstance(table, np.ndarray):
        return np.atleast_2d(table).astype(object).tolist()
    return [list(row) for row in table]


def _parse_table(table, gate: str | None, matrix: str,
                 shapes: Sequence[tuple[int, int]]) -> tuple[np.ndarray | None, list[TableProblem]]:
    """One grid of raw cells, which must have one of `shapes` (the first is the one to name)."""
    rows = _rows(table)
    if len({len(row) for row in rows}) > 1:
        return None, [TableProblem(gate, matrix, "ragged")]
    got = (len(rows), len(rows[0]) if rows else 0)
    if got not in shapes:
        return None, [TableProblem(gate, matrix, "shape", expected=shapes[0], got=got)]
    array, cells = parse_grid(rows, -VALUE_LIMIT, VALUE_LIMIT)
    return array, [TableProblem(gate, matrix, "cell", cell=cell) for cell in cells]


def gate_table_columns(n_inputs: int, n_hidden: int) -> list[tuple[str, int]]:
    """The combined table's columns as (matrix, column within it): W_x | W_h | b_x | b_h."""
    return ([("W_x", j) for j in range(n_inputs)] + [("W_h", j) for j in range(n_hidden)]
            + [("b_x", 0), ("b_h", 0)])


def gate_table(weights: GatedWeights, gate: str) -> np.ndarray:
    """One gate as one table, a row per hidden unit: [W_x | W_h | b_x | b_h], (H, I + H + 2).

    The layout `parse_weights` reads back; `gate_table_columns` names its columns.
    """
    g = weights.gates[gate]
    return np.hstack([g.W_x, g.W_h, g.b_x[:, None], g.b_h[:, None]])


def _check_sizes(n_inputs: int, n_hidden: int) -> None:
    for name, value in (("n_inputs", n_inputs), ("n_hidden", n_hidden)):
        if not (isinstance(value, int | np.integer) and 1 <= value <= MAX_SIZE):
            raise ValueError(f"{name} must be 1 to {MAX_SIZE}, got {value!r}")


def _parse_gate(table, gate: str, n_inputs: int,
                n_hidden: int) -> tuple[GateWeights | None, list[TableProblem]]:
    matrices: dict[str, np.ndarray] = {}
    problems: list[TableProblem] = []
    if isinstance(table, Mapping):
        shapes = {"W_x": [(n_hidden, n_inputs)], "W_h": [(n_hidden, n_hidden)],
                  "b_x": [(1, n_hidden), (n_hidden, 1)], "b_h": [(1, n_hidden), (n_hidden, 1)]}
        for name in MATRICES:
            if name not in table:
                problems.append(TableProblem(gate, name, "shape", expected=shapes[name][0],
                                             got=(0, 0)))
                continue
            array, found = _parse_table(table[name], gate, name, shapes[name])
            problems += found
            if array is not None:
                matrices[name] = array.ravel() if name.startswith("b") else array
    else:
        columns = gate_table_columns(n_inputs, n_hidden)
        array, found = _parse_table(table, gate, "gate", [(n_hidden, len(columns))])
        # Name the matrix a bad cell belongs to, and its column within that matrix.
        for problem in found:
            if problem.cell is not None:
                matrix, column = columns[problem.cell.column]
                problem = replace(problem, matrix=matrix,
                                  cell=replace(problem.cell, column=column))
            problems.append(problem)
        if array is not None:
            matrices = {"W_x": array[:, :n_inputs], "W_h": array[:, n_inputs:-2],
                        "b_x": array[:, -2], "b_h": array[:, -1]}
    if problems:
        return None, problems
    return GateWeights(**matrices), []


def parse_weights(cell: str, tables: Mapping[str, object], n_inputs: int,
                  n_hidden: int) -> tuple[GatedWeights | None, list[TableProblem]]:
    """The weights typed into a page's tables, or None and every problem found.

    `tables[gate]` (one entry per gate of the cell) is either
    - a mapping {"W_x": rows, "W_h": rows, "b_x": rows, "b_h": rows}, a bias as
      one row of H cells or H rows of one cell; or
    - one combined table, a row per unit, laid out as `gate_table`.
    Rows are lists of raw cells (str, float, None) or a DataFrame. A bad cell
    is named by gate, matrix, row and column (0-based, within that matrix).
    Sizes outside 1..MAX_SIZE or an unknown cell raise ValueError.
    """
    _check_sizes(n_inputs, n_hidden)
    names = GATES[check_cell(cell)]
    gates, problems = {}, []
    for name in names:
        if name not in tables:
            problems.append(TableProblem(name, "gate", "shape",
                                         expected=(n_hidden, n_inputs + n_hidden + 2), got=(0, 0)))
            continue
        gate, found = _parse_gate(tables[name], name, n_inputs, n_hidden)
        problems += found
        gates[name] = gate
    if problems:
        return None, problems
    return GatedWeights(cell, gates), []


def parse_inputs(table, n_inputs: int,
                 max_steps: int = MAX_STEPS) -> tuple[np.ndarray | None, list[TableProblem]]:
    """The input sequence typed into a table, one row per step: (T, I), or None and problems."""
    _check_sizes(n_inputs, 1)
    rows = _rows(table)
    if not rows:
        return None, [TableProblem(None, "x", "empty")]
    if len(rows) > max_steps:
        return None, [TableProblem(None, "x", "steps", expected=(max_steps,), got=(len(rows),))]
    shapes = [(len(rows), n_inputs)]
    return _parse_table(rows, None, "x", shapes)


# --- Tables as text: a link's form of an edited network -----------------------------------

ALL_GATES = tuple(gate for cell in CELLS for gate in GATES[cell])  # i f g o r z n
CELL_OF_GATE = {gate: cell for cell in CELLS for gate in GATES[cell]}
TABLES = (*ALL_GATES, "x")  # every table a page edits: each gate of either cell, the inputs


def table_text(values) -> str:
    """A table as text, rows split by ';' and entries by ',' (each the shortest exact form)."""
    return ";".join(",".join(format_number(v) for v in row) for row in np.atleast_2d(values))


def text_rows(text: str) -> list[list[str]]:
    return [row.split(",") for row in text.split(";")] if text else []


def text_shape(text: str) -> tuple[int, int]:
    """(rows, entries in the first row) of a table's text."""
    rows = text_rows(text)
    return len(rows), len(rows[0]) if rows else 0


def table_shape(name: str, n_inputs: int, n_hidden: int) -> tuple[int | None, int, int]:
    """(rows or None for any number, columns, most rows) of the table `name` (a gate, or "x")."""
    if name == "x":
        return None, n_inputs, MAX_STEPS
    return n_hidden, n_inputs + n_hidden + 2, MAX_SIZE


def canonical_table(raw: str, name: str, n_inputs: int, n_hidden: int) -> str:
    """`raw` (a link's text) checked and rewritten in `table_text` form.

    ValueError unless it has the shape of `table_shape` and every entry is a finite number
    of at most VALUE_LIMIT in size.
    """
    rows, columns, max_rows = table_shape(name, n_inputs, n_hidden)
    grid = text_rows(raw)
    if not grid or len(grid) > max_rows or (rows is not None and len(grid) != rows):
        raise ValueError(f"{name}: {len(grid)} rows")
    if any(len(row) != columns for row in grid):
        raise ValueError(f"{name}: every row needs {columns} entries")
    values = np.array(grid, dtype=np.float64)  # ValueError for a word
    if not np.isfinite(values).all() or np.abs(values).max() > VALUE_LIMIT:
        raise ValueError(f"{name}: entries must be finite, at most {VALUE_LIMIT:g} in size")
    return table_text(values)


def example_weights(cell: str, n_inputs: int = 2, n_hidden: int = 2) -> GatedWeights:
    """The course example's pattern at any size: weights 0.5, biases 0, but b_if / b_iz = 1."""
    weights = GatedWeights.filled(check_cell(cell), n_inputs, n_hidden, SPEC_WEIGHT, 0.0)
    return weights.with_gate(SPEC_BIASED_GATE[cell], b_x=np.ones(n_hidden))


def example_table(name: str, n_inputs: int, n_hidden: int) -> str:
    """The example's table `name` at these sizes (inputs of another width: all ones)."""
    if name == "x":
        xs = spec_inputs()
        return table_text(xs if n_inputs == xs.shape[1] else np.ones((len(xs), n_inputs)))
    return table_text(gate_table(example_weights(CELL_OF_GATE[name], n_inputs, n_hidden), name))


def resized_table(text: str, name: str, n_inputs: int, n_hidden: int) -> str:
    """A table at new sizes. A gate keeps the overlap of each block (W_x, W_h, b_x, b_h), new
    entries follow the example; the inputs keep their steps, new inputs are 1."""
    old = np.array(text_rows(text), dtype=np.float64)
    if name == "x":
        fresh = np.ones((old.shape[0], n_inputs))
        keep = min(old.shape[1], n_inputs)
        fresh[:, :keep] = old[:, :keep]
        return table_text(fresh)
    old_hidden = old.shape[0]
    old_inputs = old.shape[1] - old_hidden - 2
    fresh = np.array(text_rows(example_table(name, n_inputs, n_hidden)), dtype=np.float64)
    h, i = min(old_hidden, n_hidden), min(old_inputs, n_inputs)
    fresh[:h, :i] = old[:h, :i]
    fresh[:h, n_inputs:n_inputs + h] = old[:h, old_inputs:old_inputs + h]
    fresh[:h, -2:] = old[:h, -2:]
    return table_text(fresh)


def gate_texts(weights: GatedWeights) -> dict[str, str]:
    """Each gate's table (`gate_table`) as text."""
    return {gate: table_text(gate_table(weights, gate)) for gate in weights.gate_names}


def network_from_text(cell: str, texts: Mapping[str, str], n_inputs: int,
                      n_hidden: int) -> tuple[GatedWeights | None, np.ndarray | None]:
    """The weights of `cell` and the inputs from their tables' text (None where one is bad)."""
    weights, _ = parse_weights(cell, {g: text_rows(texts[g]) for g in GATES[check_cell(cell)]},
                               n_inputs, n_hidden)
    xs, _ = parse_inputs(text_rows(texts["x"]), n_inputs)
    return weights, xs


# --- Tables as a page shows them ---------------------------------------------------------

def torch_name(matrix: str, gate: str) -> str:
    """torch's names: W_if multiplies x, W_hf multiplies h_{t-1}; b_if, b_hf."""
    return {"W_x": f"W_i{gate}", "W_h": f"W_h{gate}", "b_x": f"b_i{gate}",
            "b_h": f"b_h{gate}"}.get(matrix, matrix)


def gate_column_labels(gate: str, n_inputs: int, n_hidden: int) -> list[str]:
    """The combined table's column labels: W_if·x1, …, W_hf·h1, …, b_if, b_hf."""
    unit = {"W_x": "x", "W_h": "h"}
    return [f"{torch_name(m, gate)}·{unit[m]}{j + 1}" if m in unit else torch_name(m, gate)
            for m, j in gate_table_columns(n_inputs, n_hidden)]


def unit_labels(n_hidden: int) -> list[str]:
    return [f"h{u + 1}" for u in range(n_hidden)]


def table_frame(name: str, text: str, n_inputs: int, n_hidden: int) -> pd.DataFrame:
    """A table's text as a frame of text cells, labelled, for an editor to start from."""
    rows = text_rows(text)
    if name == "x":
        return pd.DataFrame(rows, columns=[f"x{j + 1}" for j in range(n_inputs)], dtype=str)
    return pd.DataFrame(rows, columns=gate_column_labels(name, n_inputs, n_hidden),
                        index=unit_labels(n_hidden), dtype=str)


def gate_frame(weights: GatedWeights, gate: str) -> pd.DataFrame:
    """One gate's weights as a labelled table of numbers (`gate_table`)."""
    return pd.DataFrame(gate_table(weights, gate),
                        columns=gate_column_labels(gate, weights.n_inputs, weights.n_hidden),
                        index=unit_labels(weights.n_hidden))


# --- The hand-written cell ----------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class GateTrace:
    """One gate over a run, every term of a = W_x x_t + b_x + W_h h_{t-1} + b_h, per step.

    For the GRU's n the h-part enters through the reset gate: `reset_part`
    = r ⊙ (W_h h_{t-1} + b_h) and pre = x_part + b_x + reset_part.
    """

    name: str
    activation: str  # "sigmoid" or "tanh"
    x_part: np.ndarray  # (T, H) W_x x_t
    h_part: np.ndarray  # (T, H) W_h h_{t-1}
    b_x: np.ndarray  # (H,)
    b_h: np.ndarray  # (H,)
    pre: np.ndarray  # (T, H) pre-activation
    value: np.ndarray  # (T, H) σ(pre) or tanh(pre)
    reset_part: np.ndarray | None = None  # (T, H), GRU n only


@dataclass(frozen=True, eq=False)
class GatedRun:
    """Every quantity of a run, one row per step t = 1..T (row t-1 of each array).

    kept / written are the two terms of the new state:
    LSTM c_t = kept + written = f ⊙ c_{t-1} + i ⊙ g,
    GRU  h_t = kept + written = z ⊙ h_{t-1} + (1 − z) ⊙ n.
    """

    cell: str
    xs: np.ndarray  # (T, I)
    h_prev: np.ndarray  # (T, H) h_{t-1}
    c_prev: np.ndarray | None  # (T, H) c_{t-1}, LSTM only
    gates: Mapping[str, GateTrace]
    kept: np.ndarray  # (T, H)
    written: np.ndarray  # (T, H)
    c: np.ndarray | None  # (T, H) LSTM only
    tanh_c: np.ndarray | None  # (T, H) tanh(c_t), LSTM only
    h: np.ndarray  # (T, H)
    total_units: tuple[int, int] = field(default=(0, 0))  # (inputs, hidden) of the full run

    def __post_init__(self) -> None:
        if self.total_units == (0, 0):
            object.__setattr__(self, "total_units", (self.xs.shape[1], self.h.shape[1]))

    @property
    def steps(self) -> int:
        return self.xs.shape[0]

    @property
    def n_hidden(self) -> int:
        return self.h.shape[1]

    @property
    def n_inputs(self) -> int:
        return self.xs.shape[1]

    @property
    def truncated(self) -> bool:
        """True when this is a `first_units` view showing fewer units than were run."""
        return self.total_units != (self.n_inputs, self.n_hidden)

    def step(self, t: int) -> dict[str, np.ndarray]:
        """Every vector of step t (1-based), flat: "x", "h_prev", "c_prev", "i", "i.pre",
        "i.x_part", "i.h_part", "i.b_x", "i.b_h", ("n.reset_part"), "kept", "written",
        "one_minus_z" (GRU), "c", "tanh_c", "h"."""
        if not 1 <= t <= self.steps:
            raise ValueError(f"t must be 1 to {self.steps}, got {t}")
        k = t - 1
        values = {"x": self.xs[k], "h_prev": self.h_prev[k]}
        if self.c_prev is not None:
            values["c_prev"] = self.c_prev[k]
        for name, gate in self.gates.items():
            values[name] = gate.value[k]
            values[f"{name}.pre"] = gate.pre[k]
            values[f"{name}.x_part"] = gate.x_part[k]
            values[f"{name}.h_part"] = gate.h_part[k]
            values[f"{name}.b_x"] = gate.b_x
            values[f"{name}.b_h"] = gate.b_h
            if gate.reset_part is not None:
                values[f"{name}.reset_part"] = gate.reset_part[k]
        values["kept"], values["written"] = self.kept[k], self.written[k]
        if self.cell == "gru":
            values["one_minus_z"] = 1.0 - self.gates["z"].value[k]
        else:
            values["c"], values["tanh_c"] = self.c[k], self.tanh_c[k]
        values["h"] = self.h[k]
        return values

    def first_units(self, n_hidden: int = MAX_SIZE, n_inputs: int = MAX_SIZE) -> GatedRun:
        """A view of the first hidden units and inputs, for display.

        Every value shown stays exact (computed with all units); only what is
        drawn is cut. `truncated` and `total_units` tell the page to say so.
        """
        units, inputs = slice(0, n_hidden), slice(0, n_inputs)

        def cut(a):
            return None if a is None else a[..., units]

        gates = {name: GateTrace(g.name, g.activation, cut(g.x_part), cut(g.h_part),
                                 cut(g.b_x), cut(g.b_h), cut(g.pre), cut(g.value),
                                 cut(g.reset_part))
                 for name, g in self.gates.items()}
        return GatedRun(self.cell, self.xs[:, inputs], cut(self.h_prev), cut(self.c_prev),
                        MappingProxyType(gates), cut(self.kept), cut(self.written), cut(self.c),
                        cut(self.tanh_c), cut(self.h), self.total_units)


def _as_inputs(xs, n_inputs: int) -> np.ndarray:
    xs = np.asarray(xs, dtype=np.float64)
    if xs.ndim != 2 or xs.shape[0] == 0:
        raise ValueError("the input sequence must be a non-empty (T, inputs) table")
    if xs.shape[1] != n_inputs:
        raise ValueError(f"each input has {xs.shape[1]} values but W_x expects {n_inputs}")
    return xs


def run(weights: GatedWeights, xs) -> GatedRun:
    """The hand-written cell in float64 over xs (T, I), from h_0 = c_0 = 0."""
    xs = _as_inputs(xs, weights.n_inputs)
    steps, n_hidden = xs.shape[0], weights.n_hidden
    gates = weights.gates
    x_parts = {name: xs @ g.W_x.T for name, g in gates.items()}  # (T, H) each: no recurrence
    columns = {name: {k: np.zeros((steps, n_hidden)) for k in ("h_part", "pre", "value")}
               for name in gates}
    reset_part = np.zeros((steps, n_hidden))
    h_prev, c_prev = np.zeros((steps, n_hidden)), np.zeros((steps, n_hidden))
    kept, written, c_all, h_all = (np.zeros((steps, n_hidden)) for _ in range(4))
    h, c = np.zeros(n_hidden), np.zeros(n_hidden)
    for t in range(steps):
        h_prev[t], c_prev[t] = h, c
        for name, g in gates.items():
            h_part = g.W_h @ h
            columns[name]["h_part"][t] = h_part
            if name == "n":  # the GRU's reset gate scales the whole h-term, bias included
                reset_part[t] = columns["r"]["value"][t] * (h_part + g.b_h)
                pre = x_parts[name][t] + g.b_x + reset_part[t]
            else:
                pre = x_parts[name][t] + g.b_x + h_part + g.b_h
            columns[name]["pre"][t] = pre
            columns[name]["value"][t] = np.tanh(pre) if GATE_ACTIVATIONS[name] == "tanh" \
                else sigmoid(pre)
        value = {name: columns[name]["value"][t] for name in gates}
        if weights.cell == "lstm":
            kept[t], written[t] = value["f"] * c, value["i"] * value["g"]
            c = kept[t] + written[t]
            h = value["o"] * np.tanh(c)
            c_all[t] = c
        else:
            kept[t], written[t] = value["z"] * h, (1.0 - value["z"]) * value["n"]
            h = kept[t] + written[t]
        h_all[t] = h
    traces = {name: GateTrace(name, GATE_ACTIVATIONS[name], x_parts[name],
                              columns[name]["h_part"], g.b_x, g.b_h, columns[name]["pre"],
                              columns[name]["value"], reset_part if name == "n" else None)
              for name, g in gates.items()}
    lstm = weights.cell == "lstm"
    return GatedRun(weights.cell, xs, h_prev, c_prev if lstm else None,
                    MappingProxyType(traces), kept, written, c_all if lstm else None,
                    np.tanh(c_all) if lstm else None, h_all)


def shown_run(weights: GatedWeights, xs) -> GatedRun:
    """The run with every unit, cut to the first MAX_SIZE units and inputs to show."""
    return run(weights, xs).first_units()


def trace_table(run_: GatedRun) -> pd.DataFrame:
    """The run as a table: one row per step, columns t, x1.., h_prev1.., (c_prev1..), then
    each gate's values (i1.., f1.., ...), (c1..), h1..."""
    columns: dict[str, np.ndarray] = {"t": np.arange(1, run_.steps + 1)}
    parts = [("x", run_.xs), ("h_prev", run_.h_prev), ("c_prev", run_.c_prev)]
    parts += [(name, gate.value) for name, gate in run_.gates.items()]
    parts += [("c", run_.c), ("h", run_.h)]
    for name, values in parts:
        if values is None:
            continue
        for unit in range(values.shape[1]):
            columns[f"{name}{unit + 1}"] = values[:, unit]
    return pd.DataFrame(columns)


def ten_digits(value: float) -> str:
    """Ten decimals, as the course material's tables (trailing zeros dropped)."""
    return np.format_float_positional(value, precision=10, unique=False, trim="-")


def short_vector(values, digits: int = 4) -> str:
    return "[" + ", ".join(f"{v:.{digits}g}" for v in values) + "]"


def step_frame(run_: GatedRun, t: int, names: Mapping[str, str]) -> pd.DataFrame:
    """The vectors of step t, one row each (x, h_{t-1}, (c_{t-1}, c_t,) h_t) and a column per
    unit, in ten decimals; `names` labels the rows by "x", "h_prev", "c_prev", "c", "h"."""
    values = run_.step(t)
    order = ("x", "h_prev", "c_prev", "c", "h") if run_.cell == "lstm" else ("x", "h_prev", "h")
    width = max(len(values[name]) for name in order)
    return pd.DataFrame.from_dict(
        {names[name]: [ten_digits(v) for v in values[name]] + [""] * (width - len(values[name]))
         for name in order},
        orient="index", columns=[str(j + 1) for j in range(width)])


def gate_summary(run_: GatedRun, t: int) -> str:
    """Every gate's values at step t: "i = [0.731059, 0.731059], f = [...]"."""
    values = run_.step(t)
    return ", ".join(f"{g} = [{', '.join(f'{v:.6g}' for v in values[g])}]" for g in run_.gates)


# --- torch's own modules, for comparison ---------------------------------------------------

def _load(module: nn.Module, weights: GatedWeights, suffix: str = "") -> None:
    with torch.no_grad():
        for name, array in weights.to_torch().items():
            parameter = getattr(module, f"{name}{suffix}")
            parameter.copy_(torch.as_tensor(array, dtype=parameter.dtype))


@torch.no_grad()
def run_torch_cell(weights: GatedWeights, xs,
                   dtype: torch.dtype = torch.float32) -> tuple[np.ndarray, np.ndarray | None]:
    """nn.LSTMCell / nn.GRUCell called once per step: (h (T, H), c (T, H) or None for the GRU)."""
    xs_t = torch.as_tensor(_as_inputs(xs, weights.n_inputs), dtype=dtype)
    cls = nn.LSTMCell if weights.cell == "lstm" else nn.GRUCell
    module = cls(weights.n_inputs, weights.n_hidden, dtype=dtype)
    _load(module, weights)
    h = torch.zeros(1, weights.n_hidden, dtype=dtype)
    c = torch.zeros_like(h)
    hs, cs = [], []
    for x_t in xs_t:
        if weights.cell == "lstm":
            h, c = module(x_t.unsqueeze(0), (h, c))  # (1, H) each
            cs.append(c[0])
        else:
            h = module(x_t.unsqueeze(0), h)
        hs.append(h[0])
    return torch.stack(hs).numpy(), torch.stack(cs).numpy() if cs else None


@torch.no_grad()
def run_torch_layer(weights: GatedWeights, xs,
                    dtype: torch.dtype = torch.float32) -> tuple[np.ndarray, np.ndarray | None]:
    """nn.LSTM / nn.GRU called once on the whole sequence: (h (T, H), c (T, H) or None).

    nn.LSTM returns only the last c; the earlier ones come from running it on
    each prefix (T calls), so every c_t is torch's own.
    """
    xs_t = torch.as_tensor(_as_inputs(xs, weights.n_inputs), dtype=dtype)
    cls = nn.LSTM if weights.cell == "lstm" else nn.GRU
    module = cls(weights.n_inputs, weights.n_hidden, dtype=dtype)
    _load(module, weights, suffix="_l0")
    out, last = module(xs_t.unsqueeze(1))  # out (T, 1, H)
    h = out[:, 0, :]  # (T, H)
    if weights.cell == "gru":
        return h.numpy(), None
    cs = [module(xs_t[:t].unsqueeze(1))[1][1][0, 0] for t in range(1, xs_t.shape[0])]
    cs.append(last[1][0, 0])
    return h.numpy(), torch.stack(cs).numpy()


def agreement_table(weights: GatedWeights, xs) -> list[dict[str, float | str]]:
    """Per torch module (float32): the largest absolute and relative difference from `run`.

    Rows {"backend": "nn.LSTMCell" | "nn.LSTM" | "nn.GRUCell" | "nn.GRU", "max_abs",
    "max_rel"}, over every h_t and (LSTM) c_t.
    """
    reference = run(weights, xs)
    expected = reference.h if reference.c is None else np.hstack([reference.h, reference.c])
    layer_name, cell_name = TORCH_MODULES[weights.cell]
    rows = []
    for name, backend in ((f"nn.{cell_name}", run_torch_cell), (f"nn.{layer_name}",
                                                                 run_torch_layer)):
        h, c = backend(weights, xs)
        got = (h if c is None else np.hstack([h, c])).astype(np.float64)
        difference = np.abs(got - expected)
        relative = difference / np.maximum(np.abs(expected), 1.0)
        rows.append({"backend": name, "max_abs": float(difference.max()),
                     "max_rel": float(relative.max())})
    return rows


def agreement_frame(rows: Sequence[Mapping[str, float | str]],
                    headers: Sequence[str]) -> pd.DataFrame:
    """`agreement_table`'s rows as a shown table: module, largest absolute and relative
    difference (as 1.23e-08), under the three `headers` given."""
    return pd.DataFrame([(row["backend"], f"{row['max_abs']:.2e}", f"{row['max_rel']:.2e}")
                         for row in rows], columns=list(headers))


def agreement(weights: GatedWeights, xs) -> float:
    """The largest |difference| of any h_t or c_t between `run` and torch's modules (float32)."""
    return max(row["max_abs"] for row in agreement_table(weights, xs))


# --- Gradients through the state ----------------------------------------------------------

def _torch_gates(weights: GatedWeights) -> dict[str, tuple[torch.Tensor, ...]]:
    return {name: tuple(torch.tensor(getattr(g, m)) for m in MATRICES)
            for name, g in weights.gates.items()}


def gradient_norms(weights: GatedWeights, xs) -> np.ndarray:
    """‖∂s_T/∂s_t‖ (spectral norm) for t = 1..T by autograd in float64; s = c (LSTM), h (GRU).

    How strongly the last state still depends on each earlier one. For the
    LSTM the derivative is the total one through c_t, h_t = o_t ⊙ tanh(c_t) included.
    """
    xs_t = torch.as_tensor(_as_inputs(xs, weights.n_inputs))
    params = _torch_gates(weights)
    n_hidden = weights.n_hidden

    def affine(name, x, h):
        W_x, W_h, b_x, b_h = params[name]
        return W_x @ x + b_x + W_h @ h + b_h

    if weights.cell == "lstm":
        def step(x, state, nudge):
            h, c = state
            i, f, o = (torch.sigmoid(affine(n, x, h)) for n in "ifo")
            c = f * c + i * torch.tanh(affine("g", x, h)) + nudge
            return (o * torch.tanh(c), c), c
        start = (torch.zeros(n_hidden, dtype=torch.float64),) * 2
    else:
        def step(x, state, nudge):
            (h,) = state
            r, z = (torch.sigmoid(affine(n, x, h)) for n in "rz")
            W_x, W_h, b_x, b_h = params["n"]
            n = torch.tanh(W_x @ x + b_x + r * (W_h @ h + b_h))
            h = (1 - z) * n + z * h + nudge
            return (h,), h
        start = (torch.zeros(n_hidden, dtype=torch.float64),)
    return _state_jacobian_norms(step, start, xs_t, n_hidden)


def _state_jacobian_norms(step, start, xs: torch.Tensor, n_hidden: int) -> np.ndarray:
    """Norms of ∂s_T/∂s_t for every t from one forward pass and H backward passes.

    A zero `nudge` is added to the state s_t at each step; ∂s_T/∂nudge_t is
    ∂s_T/∂s_t, so one backward pass per component of s_T gives a row of every
    Jacobian at once.
    """
    steps = xs.shape[0]
    nudges = [torch.zeros(n_hidden, dtype=torch.float64, requires_grad=True)
              for _ in range(steps)]
    state, carried = start, None
    for t in range(steps):
        state, carried = step(xs[t], state, nudges[t])
    jacobians = np.zeros((steps, n_hidden, n_hidden))
    for k in range(n_hidden):
        rows = torch.autograd.grad(carried[k], nudges, retain_graph=k < n_hidden - 1,
                                   allow_unused=True)
        for t, row in enumerate(rows):
            jacobians[t, k] = 0.0 if row is None else row.numpy()
    return np.linalg.norm(jacobians, ord=2, axis=(1, 2))


# --- The memory lesson: a pulse, then zeros ------------------------------------------------

MEMORY_CELLS = ("srn", "lstm", "gru")
MAX_MEMORY_STEPS = 200
DEFAULT_MEMORY_STEPS = 100
GATE_BIAS_RANGE = (-3.0, 8.0)  # beyond -3 the gated cells' fraction underflows in 200 steps
DEFAULT_GATE_BIAS = 4.0  # σ(4) = 0.982: about 40% of the pulse left after 50 steps
SRN_WEIGHT = 0.8  # the SRN's recurrent weight u
PULSE = 1.0


def memory_weights(cell: str, gate_bias: float = DEFAULT_GATE_BIAS) -> GatedWeights:
    """The fixed one-input, one-unit cells of the memory lesson.

    Every recurrent weight W_h is 0, so after the pulse nothing new is written
    and the state is only carried: LSTM c_t = f c_{t-1} with f = σ(gate_bias),
    GRU h_t = z h_{t-1} with z = σ(gate_bias). The pulse left after k steps is
    exactly σ(gate_bias)^k.

    LSTM: i = σ(4x − 2) (open for the pulse, 0.12 otherwise), f = σ(gate_bias),
          g = tanh(2x), o = σ(2).
    GRU:  r = σ(0) (unused: W_h = 0), z = σ(gate_bias − 10x) (the pulse gets in:
          z ≤ σ(−2) at the pulse for gate_bias ≤ 8), n = tanh(2x).
    """
    zero = np.zeros((1, 1))

    def gate(w_x: float, bias: float) -> GateWeights:
        return GateWeights(W_x=[[w_x]], W_h=zero, b_x=[bias], b_h=[0.0])

    if check_cell(cell) == "lstm":
        return GatedWeights("lstm", {"i": gate(4.0, -2.0), "f": gate(0.0, gate_bias),
                                     "g": gate(2.0, 0.0), "o": gate(0.0, 2.0)})
    return GatedWeights("gru", {"r": gate(0.0, 0.0), "z": gate(-10.0, gate_bias),
                                "n": gate(2.0, 0.0)})


@dataclass(frozen=True, eq=False)
class MemoryLesson:
    """A pulse x_1 = PULSE then zeros, through an SRN, an LSTM and a GRU (one unit each).

    remaining[cell][t-1] is how much of the pulse is left in the state at step t:
    ‖s_t − s̄_t‖ / ‖s_1 − s̄_1‖, where s is the cell's memory (SRN h, LSTM c,
    GRU h) on the pulse and s̄ the same cell's state on all zeros (0 here, as
    every cell stays at 0 without input). It is 1 at t = 1.
    gradient_norms[cell][t-1] is ‖∂s_T/∂s_t‖ (T = steps): 1 at t = T.
    gate["lstm"] is f_t, gate["gru"] is z_t: the share of the state kept each step.
    """

    steps: int
    forget_bias: float
    update_bias: float
    srn_weight: float
    states: Mapping[str, np.ndarray]  # (T,) per cell
    remaining: Mapping[str, np.ndarray]  # (T,) per cell
    gradient_norms: Mapping[str, np.ndarray]  # (T,) per cell
    gate: Mapping[str, np.ndarray]  # (T,) "lstm": f_t, "gru": z_t

    def numbers(self) -> dict[str, dict[str, str]]:
        """The numbers a reader needs, as text. "memory": after k = T − 1 steps the share of
        the pulse left per cell and the LSTM's f; "gradient": T and ‖∂s_T/∂s_1‖ of the SRN
        and the LSTM."""
        return {"memory": {"k": str(self.steps - 1), "gate": f"{self.gate['lstm'][-1]:.4g}",
                           **{c: f"{self.remaining[c][-1]:.3g}" for c in MEMORY_CELLS}},
                "gradient": {"steps": str(self.steps),
                             **{c: f"{self.gradient_norms[c][0]:.3g}" for c in ("srn", "lstm")}}}


def _srn_states(xs: np.ndarray, weight: float) -> np.ndarray:
    h, states = 0.0, []
    for x in xs[:, 0]:
        h = math.tanh(1.0 * x + weight * h)  # input weight 1, recurrent weight u, no bias
        states.append(h)
    return np.array(states)


def _srn_gradient_norms(xs: np.ndarray, weight: float) -> np.ndarray:
    def step(x, state, nudge):
        (h,) = state
        h = torch.tanh(1.0 * x + weight * h) + nudge
        return (h,), h
    start = (torch.zeros(1, dtype=torch.float64),)
    return _state_jacobian_norms(step, start, torch.as_tensor(xs), 1)


def memory_lesson(steps: int = DEFAULT_MEMORY_STEPS, forget_bias: float = DEFAULT_GATE_BIAS,
                  update_bias: float | None = None,
                  srn_weight: float = SRN_WEIGHT) -> MemoryLesson:
    """The memory lesson for `steps` (1..MAX_MEMORY_STEPS) steps.

    forget_bias sets the LSTM's f = σ(forget_bias), update_bias (default: the
    same) the GRU's z; both within GATE_BIAS_RANGE. srn_weight is the SRN's
    recurrent weight u in h_t = tanh(x_t + u h_{t-1}) (|u| < 1: the pulse fades
    at least as fast as u^t). A ValueError names a bad argument.
    """
    update_bias = forget_bias if update_bias is None else update_bias
    if not (isinstance(steps, int | np.integer) and 1 <= steps <= MAX_MEMORY_STEPS):
        raise ValueError(f"steps must be 1 to {MAX_MEMORY_STEPS}, got {steps!r}")
    low, high = GATE_BIAS_RANGE
    for name, value in (("forget_bias", forget_bias), ("update_bias", update_bias)):
        if not low <= value <= high:
            raise ValueError(f"{name} must be between {low} and {high}, got {value!r}")
    if not -1.0 < srn_weight < 1.0:
        raise ValueError(f"srn_weight must be between -1 and 1, got {srn_weight!r}")
    xs = np.zeros((steps, 1))
    xs[0, 0] = PULSE
    states = {"srn": _srn_states(xs, srn_weight)}
    baselines = {"srn": _srn_states(np.zeros_like(xs), srn_weight)}
    norms = {"srn": _srn_gradient_norms(xs, srn_weight)}
    gate = {}
    for cell, bias, name in (("lstm", forget_bias, "f"), ("gru", update_bias, "z")):
        weights = memory_weights(cell, bias)
        pulse_run, quiet_run = run(weights, xs), run(weights, np.zeros_like(xs))
        memory = (lambda r: r.c) if cell == "lstm" else (lambda r: r.h)
        states[cell], baselines[cell] = memory(pulse_run)[:, 0], memory(quiet_run)[:, 0]
        norms[cell] = gradient_norms(weights, xs)
        gate[cell] = pulse_run.gates[name].value[:, 0]
    remaining = {}
    for cell in MEMORY_CELLS:
        distance = np.abs(states[cell] - baselines[cell])
        remaining[cell] = distance / distance[0]
    freeze = MappingProxyType
    return MemoryLesson(steps, float(forget_bias), float(update_bias), float(srn_weight),
                        freeze(states), freeze(remaining), freeze(norms), freeze(gate))


# --- Handoff from a trained hello -> ohlol model --------------------------------------------

@dataclass(frozen=True, eq=False)
class TrainedCell:
    """A trained ohlol variant-B model, taken apart for this page.

    `weights` is its LSTM / GRU layer (all units, float64); `inputs` (T, E) the
    embedding rows of the input characters, one per step, labelled by
    `labels`; the output layer maps h_t to the logits over `vocabulary`:
    the identity when the hidden size equals the vocabulary size (the hidden
    state is the logits), else the Linear head. Hidden sizes above MAX_SIZE
    run with every unit; show `run().first_units()` and `weights.first_units()`.
    """

    weights: GatedWeights
    inputs: np.ndarray  # (T, E)
    labels: tuple[str, ...]  # the input characters
    vocabulary: tuple[str, ...]
    readout_weight: np.ndarray  # (V, H)
    readout_bias: np.ndarray  # (V,)
    identity_readout: bool

    def _content(self) -> tuple:
        arrays = (self.inputs, self.readout_weight, self.readout_bias)
        return (self.weights, self.labels, self.vocabulary, self.identity_readout,
                *((a.shape, a.tobytes()) for a in arrays))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TrainedCell):
            return NotImplemented
        return self._content() == other._content()

    def __hash__(self) -> int:  # equal networks hash alike, so a TrainedCell can key a cache
        return hash(self._content())

    def run(self) -> GatedRun:
        return run(self.weights, self.inputs)

    def predicted(self) -> tuple[str, ...]:
        """The predicted character at each step of its own input."""
        return self.predictions(self.run())

    def logits(self, run_: GatedRun) -> np.ndarray:
        """(T, V): the output layer applied to every h_t of a full (not cut) run."""
        return run_.h @ self.readout_weight.T + self.readout_bias

    def probabilities(self, run_: GatedRun) -> np.ndarray:
        logits = self.logits(run_)
        shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
        return shifted / shifted.sum(axis=1, keepdims=True)

    def predictions(self, run_: GatedRun) -> tuple[str, ...]:
        """The predicted character at each step (argmax of the logits)."""
        return tuple(self.vocabulary[k] for k in self.logits(run_).argmax(axis=1))


def from_ohlol(model: nn.Module, indices: Sequence[int], chars: Sequence[str]) -> TrainedCell:
    """Take over an `rnnviz.ohlol.EmbeddingRNN` (variant B) with an "lstm" or "gru" layer.

    indices: the input string as indices into chars (`ohlol.Data.inputs`);
    chars: the vocabulary (`ohlol.Data.chars`). ValueError for another model,
    another cell, or an index outside the vocabulary.
    """
    cell = getattr(model, "cell_type", None)
    if not hasattr(model, "embedding") or not hasattr(model, "rnn"):
        raise ValueError(f"expected an ohlol variant-B model, got {type(model).__name__}")
    if cell not in CELLS:
        raise ValueError(f"the model's cell is {cell!r}; choose one of {list(CELLS)}")
    vocab = model.embedding.num_embeddings
    if len(chars) != vocab:
        raise ValueError(f"the model knows {vocab} characters, chars has {len(chars)}")
    indices = [int(k) for k in indices]
    if not indices or not all(0 <= k < vocab for k in indices):
        raise ValueError(f"indices must be a non-empty list of 0 to {vocab - 1}")
    weights = GatedWeights.from_module(model.rnn)
    inputs = _numpy(model.embedding.weight)[indices]  # (T, E)
    if model.head is None:
        readout_weight, readout_bias = np.eye(weights.n_hidden), np.zeros(weights.n_hidden)
    else:
        readout_weight, readout_bias = _numpy(model.head.weight), _numpy(model.head.bias)
    return TrainedCell(weights, inputs, tuple(chars[k] for k in indices), tuple(chars),
                       readout_weight, readout_bias, model.head is None)
