"""The recurrent layer APIs and their tensor shapes, read off real torch modules (SPEC 6).

Nothing here is computed from a formula alone: `inspect` builds the torch
module, pushes a real tensor through it and records the shapes torch returns,
so the page shows what PyTorch does, not what we believe it does. The
parameter count is also derived by formula (`expected_parameter_count`) so the
size limits can be checked before anything is allocated.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import torch
from torch import nn

LAYERS = ("RNN", "LSTM", "GRU")
CELLS = ("RNNCell", "LSTMCell", "GRUCell")
CELL_TYPES = LAYERS + CELLS
GATES = {"RNN": 1, "LSTM": 4, "GRU": 3}  # weight blocks stacked in every weight matrix

# Big enough for every lesson, small enough that no request allocates more than ~100 MB.
LIMITS = {"input_size": 1024, "hidden_size": 1024, "num_layers": 8, "batch": 64,
          "seq_len": 256}
MAX_PARAMETERS = 10_000_000  # 40 MB of float32 weights
MAX_ELEMENTS = 4_000_000  # per input or output tensor, 16 MB of float32


def layer_name(index: int) -> tuple[int, str]:
    """Layer `index` (torch's, from 0) as the pages count it and as torch names it:
    (1, "l0") for the layer reading x. Every page says "layer 1 (l0)", never "layer 0"."""
    return index + 1, f"l{index}"


@dataclass(frozen=True)
class ShapeConfig:
    cell: str = "RNN"
    input_size: int = 100
    hidden_size: int = 20
    num_layers: int = 1
    batch: int = 3
    seq_len: int = 10
    batch_first: bool = False
    bidirectional: bool = False

    def __post_init__(self) -> None:
        if self.cell not in CELL_TYPES:
            raise ValueError(f"unknown cell type {self.cell!r}; choose one of {list(CELL_TYPES)}")

    @property
    def is_cell(self) -> bool:
        """RNNCell & co. take one time step and have no layers, directions or batch_first."""
        return self.cell in CELLS

    @property
    def kind(self) -> str:
        """RNN, LSTM or GRU, for a layer or a cell alike."""
        return self.cell.removesuffix("Cell")

    @property
    def directions(self) -> int:
        return 2 if self.bidirectional and not self.is_cell else 1

    @property
    def layers(self) -> int:
        return 1 if self.is_cell else self.num_layers


@dataclass(frozen=True)
class SizeProblem:
    field: str  # a ShapeConfig field, or "parameters" / "elements" for the totals
    value: object
    limit: int
    reason: str  # "integer", "small" (below 1) or "large"


def expected_parameter_count(config: ShapeConfig) -> int:
    """Parameters of the module by formula: per layer and direction, gates * H * (in + H + 2)."""
    gates, hidden = GATES[config.kind], config.hidden_size
    total = 0
    for layer in range(config.layers):
        layer_input = config.input_size if layer == 0 else hidden * config.directions
        total += config.directions * gates * hidden * (layer_input + hidden + 2)
    return total


def largest_tensor(config: ShapeConfig) -> int:
    """Elements of the largest input or output tensor a run creates."""
    width = max(config.input_size, config.hidden_size * config.directions)
    return config.seq_len * config.batch * width


def size_problems(values: dict[str, object], cell: str = "RNN") -> list[SizeProblem]:
    """What is wrong with user-chosen sizes (each field 1..LIMITS, then the totals)."""
    problems = []
    for field, limit in LIMITS.items():
        value = values.get(field)
        if isinstance(value, bool) or not isinstance(value, int | float) or value != int(value):
            problems.append(SizeProblem(field, value, limit, "integer"))
        elif value < 1:
            problems.append(SizeProblem(field, value, limit, "small"))
        elif value > limit:
            problems.append(SizeProblem(field, value, limit, "large"))
    if problems:
        return problems
    config = config_from(values, cell)
    if (count := expected_parameter_count(config)) > MAX_PARAMETERS:
        problems.append(SizeProblem("parameters", count, MAX_PARAMETERS, "large"))
    if (elements := largest_tensor(config)) > MAX_ELEMENTS:
        problems.append(SizeProblem("elements", elements, MAX_ELEMENTS, "large"))
    return problems


def config_from(values: dict[str, object], cell: str) -> ShapeConfig:
    sizes = {field: int(values[field]) for field in LIMITS}
    return ShapeConfig(cell=cell, batch_first=bool(values.get("batch_first", False)),
                       bidirectional=bool(values.get("bidirectional", False)), **sizes)


def _initialised(module_class: type[nn.Module], *args, seed: int, **kwargs) -> nn.Module:
    """The module with torch's RNN initialisation U(-1/sqrt(H), 1/sqrt(H)), drawn from a
    private generator: the server's global RNG, which training jobs on other threads
    may be using, is neither reseeded nor advanced."""
    # Built on the meta device, nothing is drawn; to_empty then allocates on the CPU.
    module = module_class(*args, device="meta", **kwargs).to_empty(device="cpu")
    generator = torch.Generator().manual_seed(seed)
    bound = 1.0 / math.sqrt(module.hidden_size)
    with torch.no_grad():
        for parameter in module.parameters():
            parameter.uniform_(-bound, bound, generator=generator)
    return module


def build(config: ShapeConfig, seed: int = 0) -> nn.Module:
    module_class = getattr(nn, config.cell)
    if config.is_cell:
        return _initialised(module_class, config.input_size, config.hidden_size, seed=seed)
    return _initialised(module_class, config.input_size, config.hidden_size, seed=seed,
                        num_layers=config.num_layers, batch_first=config.batch_first,
                        bidirectional=config.bidirectional)


@dataclass(frozen=True)
class TensorShape:
    name: str  # as in the code: x, h0, c0, out, h_n, c_n, x_t, h_t, c_t
    shape: tuple[int, ...]
    dims: tuple[str, ...]  # what each dimension counts: seq, batch, input, hidden, ...
    role: str  # "input" (handed to the module) or "output" (returned by it)


@dataclass(frozen=True)
class Parameter:
    name: str
    shape: tuple[int, ...]
    count: int
    layer: int
    reverse: bool


@dataclass(frozen=True)
class SliceMatch:
    """A slice of `out` that equals a row of `h_n`, as code text, with the measured difference."""

    out_slice: str
    h_n_row: str
    max_abs_diff: float


@dataclass(frozen=True)
class ShapeReport:
    config: ShapeConfig
    tensors: tuple[TensorShape, ...]
    parameters: tuple[Parameter, ...]
    matches: tuple[SliceMatch, ...] = ()  # out's last states against h_n (layer modules only)

    @property
    def parameter_count(self) -> int:
        return sum(p.count for p in self.parameters)

    def tensor(self, name: str) -> TensorShape:
        return next(t for t in self.tensors if t.name == name)

    def parameter(self, name: str) -> Parameter:
        return next(p for p in self.parameters if p.name == name)

    def layer_counts(self) -> list[int]:
        """Parameters of one direction of each layer (torch's l0 first): what each cell of
        the layer grid counts (both directions of a layer hold the same number)."""
        layers = 1 + max((p.layer for p in self.parameters), default=0)
        return [sum(p.count for p in self.parameters if p.layer == k and not p.reverse)
                for k in range(layers)]


def _parameters(module: nn.Module) -> tuple[Parameter, ...]:
    rows = []
    for name, value in module.named_parameters():
        # Layer parameters end in _l<k> or _l<k>_reverse; a cell's have no suffix.
        suffix = name.split("_l")[-1] if "_l" in name else "0"
        layer = int(suffix.removesuffix("_reverse"))
        rows.append(Parameter(name, tuple(value.shape), value.numel(), layer,
                              name.endswith("_reverse")))
    return tuple(rows)


@torch.no_grad()
def inspect(config: ShapeConfig, seed: int = 0) -> ShapeReport:
    """Build the module, run a random input through it and record every shape."""
    module = build(config, seed)
    lstm = config.kind == "LSTM"
    generator = torch.Generator().manual_seed(seed)
    T, B, D, H = config.seq_len, config.batch, config.input_size, config.hidden_size  # D: input
    if config.is_cell:
        x = torch.randn(T, B, D, generator=generator)  # (T, B, D), fed one step at a time
        h = torch.zeros(B, H)
        c = torch.zeros(B, H)
        tensors = [TensorShape("x_t", (B, D), ("batch", "input"), "input"),
                   TensorShape("h", tuple(h.shape), ("batch", "hidden"), "input")]
        if lstm:
            tensors.append(TensorShape("c", tuple(c.shape), ("batch", "hidden"), "input"))
        for x_t in x:
            if lstm:
                h, c = module(x_t, (h, c))
            else:
                h = module(x_t, h)
        tensors.append(TensorShape("h_t", tuple(h.shape), ("batch", "hidden"), "output"))
        if lstm:
            tensors.append(TensorShape("c_t", tuple(c.shape), ("batch", "hidden"), "output"))
        return ShapeReport(config, tuple(tensors), _parameters(module))

    rows = config.layers * config.directions
    seq_dims = ("batch", "seq") if config.batch_first else ("seq", "batch")
    x_shape = (B, T, D) if config.batch_first else (T, B, D)
    x = torch.randn(*x_shape, generator=generator)
    h0 = torch.zeros(rows, B, H)  # (layers * directions, B, H), never batch-first
    state = (h0, torch.zeros(rows, B, H)) if lstm else h0
    out, final = module(x, state)
    tensors = [TensorShape("x", tuple(x.shape), seq_dims + ("input",), "input"),
               TensorShape("h0", tuple(h0.shape), ("layers_dirs", "batch", "hidden"), "input")]
    if lstm:
        tensors.append(TensorShape("c0", tuple(h0.shape), ("layers_dirs", "batch", "hidden"),
                                   "input"))
    out_last = "dirs_hidden" if config.directions == 2 else "hidden"
    tensors.append(TensorShape("out", tuple(out.shape), seq_dims + (out_last,), "output"))
    h_n, c_n = final if lstm else (final, None)
    tensors.append(TensorShape("h_n", tuple(h_n.shape), ("layers_dirs", "batch", "hidden"),
                               "output"))
    if c_n is not None:
        tensors.append(TensorShape("c_n", tuple(c_n.shape), ("layers_dirs", "batch", "hidden"),
                                   "output"))
    return ShapeReport(config, tuple(tensors), _parameters(module),
                       _slice_matches(config, out, h_n))


def _slice_matches(config: ShapeConfig, out: torch.Tensor,
                   h_n: torch.Tensor) -> tuple[SliceMatch, ...]:
    """out holds only the last layer; its forward state is last at the final step, its
    backward state at step 0 (the backward direction reads the sequence from the end)."""
    H = config.hidden_size
    seq_first = out.transpose(0, 1) if config.batch_first else out  # (T, B, D * H)

    def at_step(t: int, features: str = "") -> str:
        """Code text indexing out at time step t (and a feature slice), in out's layout."""
        if config.batch_first:
            return f"[:, {t}, {features}]" if features else f"[:, {t}]"
        return f"[{t}, :, {features}]" if features else f"[{t}]"

    if config.directions == 1:
        pairs = [(at_step(-1), "[-1]", seq_first[-1], h_n[-1])]
    else:
        pairs = [(at_step(-1, f":{H}"), "[-2]", seq_first[-1, :, :H], h_n[-2]),
                 (at_step(0, f"{H}:"), "[-1]", seq_first[0, :, H:], h_n[-1])]
    return tuple(SliceMatch(f"out{index}", f"h_n{row}", float((a - b).abs().max()))
                 for index, row, a, b in pairs)


def code_snippet(config: ShapeConfig, comments: Mapping[str, str] | None = None) -> str:
    """The PyTorch code whose shapes the page shows.

    `comments` are the words of its comments, in the reader's language (the caller's:
    rnnviz holds no UI text): "sequence" after the cell's input line.
    """
    comments = comments or {}
    T, B, D, H = config.seq_len, config.batch, config.input_size, config.hidden_size  # D: input
    lstm = config.kind == "LSTM"
    if config.is_cell:
        state = "(h, c)" if lstm else "h"
        sequence = f"  # {comments['sequence']}" if comments.get("sequence") else ""
        lines = [f"cell = nn.{config.cell}({D}, {H})",
                 f"x = torch.randn({T}, {B}, {D}){sequence}",
                 f"h = torch.zeros({B}, {H})"]
        if lstm:
            lines.append(f"c = torch.zeros({B}, {H})")
        lines += ["for x_t in x:  # x_t: " + f"({B}, {D})",
                  f"    {state} = cell(x_t, {state})"]
        return "\n".join(lines)
    rows = config.layers * config.directions
    x_shape = f"{B}, {T}, {D}" if config.batch_first else f"{T}, {B}, {D}"
    lines = [f"rnn = nn.{config.cell}(",
             f"    input_size={D},",
             f"    hidden_size={H},",
             f"    num_layers={config.num_layers},",
             f"    batch_first={config.batch_first},",
             f"    bidirectional={config.bidirectional},",
             ")",
             f"x = torch.randn({x_shape})",
             f"h0 = torch.zeros({rows}, {B}, {H})"]
    if lstm:
        lines += [f"c0 = torch.zeros({rows}, {B}, {H})", "out, (h_n, c_n) = rnn(x, (h0, c0))"]
    else:
        lines.append("out, h_n = rnn(x, h0)")
    return "\n".join(lines)


# --- stacked cells against a layer module (SPEC 6) ----------------------------------------

@dataclass(frozen=True)
class StackCheck:
    input_size: int
    hidden_sizes: tuple[int, ...]
    module: str  # the module code the cells are compared with
    out_shape: tuple[int, ...]  # (T, B, last hidden)
    state_shapes: tuple[tuple[int, ...], ...]  # each cell's h, (B, H_k)
    max_abs_diff: float


def _copy_cell_into(layer: nn.RNN, cell: nn.RNNCell, index: int) -> None:
    for part in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
        getattr(layer, f"{part}_l{index}").copy_(getattr(cell, part))


@torch.no_grad()
def stacked_cells(input_size: int = 100, hidden_sizes: tuple[int, ...] = (30, 20),
                  steps: int = 10, batch: int = 3, seed: int = 0) -> StackCheck:
    """Cells stepped by hand, each step's h of layer k fed into layer k+1, against torch.

    With equal hidden sizes the reference is one nn.RNN(num_layers=len(hidden_sizes));
    nn.RNN has a single hidden size for all its layers, so unequal sizes (SPEC's
    100 -> 30 -> 20) are compared with a chain of one-layer nn.RNN modules.
    """
    widths = (input_size,) + tuple(hidden_sizes)
    cells = [_initialised(nn.RNNCell, a, b, seed=seed + k)
             for k, (a, b) in enumerate(zip(widths, widths[1:], strict=False))]
    generator = torch.Generator().manual_seed(seed)
    x = torch.randn(steps, batch, input_size, generator=generator)  # (T, B, I)
    states = [torch.zeros(batch, size) for size in hidden_sizes]
    outputs = []
    for x_t in x:
        below = x_t
        for k, cell in enumerate(cells):
            states[k] = cell(below, states[k])  # (B, H_k)
            below = states[k]
        outputs.append(below)
    by_cells = torch.stack(outputs)  # (T, B, H_last)

    if len(set(hidden_sizes)) == 1:
        layer = nn.RNN(input_size, hidden_sizes[0], num_layers=len(hidden_sizes),
                       device="meta").to_empty(device="cpu")
        for k, cell in enumerate(cells):
            _copy_cell_into(layer, cell, k)
        by_module, h_n = layer(x)
        assert h_n.shape == (len(hidden_sizes), batch, hidden_sizes[0])
        module = f"nn.RNN({input_size}, {hidden_sizes[0]}, num_layers={len(hidden_sizes)})"
    else:
        by_module = x
        for cell in cells:
            layer = nn.RNN(cell.input_size, cell.hidden_size,
                           device="meta").to_empty(device="cpu")
            _copy_cell_into(layer, cell, 0)
            by_module, _ = layer(by_module)
        module = " → ".join(f"nn.RNN({c.input_size}, {c.hidden_size})" for c in cells)
    difference = float((by_module - by_cells).abs().max())
    return StackCheck(input_size, tuple(hidden_sizes), module, tuple(by_cells.shape),
                      tuple(tuple(s.shape) for s in states), difference)
