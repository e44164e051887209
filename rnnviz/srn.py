"""The Simple Recurrent Network (Elman net) of SPEC 1, computed three ways.

    h_t = f(W x_t + U h_{t-1} + b),   y_t = V h_t + c,   h_0 = 0

`run_numpy` is the hand-written loop every page draws from (it keeps every
intermediate sum so a page can show the numbers substituted). `run_rnncell`
and `run_rnn_layer` compute the same run with torch's own modules, which only
know tanh and relu, so the pages can prove the loop right rather than assume it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import torch

from rnnviz.validate import CellProblem, parse_grid, parse_number

ACTIVATIONS = ("identity", "tanh", "relu", "sigmoid")
TORCH_ACTIVATIONS = ("tanh", "relu")  # the only nonlinearities nn.RNN / nn.RNNCell accept
MAX_SIZE = 8  # inputs, hidden units and outputs each

DEFAULT_INPUTS = ((1.0, 1.0), (1.0, 1.0), (2.0, 2.0))


def check_activation(name: str) -> str:
    if name not in ACTIVATIONS:
        raise ValueError(f"unknown activation {name!r}; choose one of {list(ACTIVATIONS)}")
    return name


def activate(name: str, z: np.ndarray) -> np.ndarray:
    check_activation(name)
    if name == "identity":
        return z
    if name == "tanh":
        return np.tanh(z)
    if name == "relu":
        return np.maximum(z, 0.0)
    return 0.5 * (1.0 + np.tanh(0.5 * z))  # sigmoid, without overflow in exp


@dataclass(frozen=True)
class SRNWeights:
    W: np.ndarray  # (H, I) input -> hidden
    U: np.ndarray  # (H, H) hidden -> hidden
    b: np.ndarray  # (H,)
    V: np.ndarray  # (O, H) hidden -> output
    c: np.ndarray  # (O,)

    def __post_init__(self) -> None:
        n_hidden, n_in = self.W.shape
        n_out = self.V.shape[0]
        expected = {
            "W": (n_hidden, n_in),
            "U": (n_hidden, n_hidden),
            "b": (n_hidden,),
            "V": (n_out, n_hidden),
            "c": (n_out,),
        }
        for name, shape in expected.items():
            if getattr(self, name).shape != shape:
                raise ValueError(f"{name} has shape {getattr(self, name).shape}, expected {shape}")

    @classmethod
    def filled(cls, n_in: int = 2, n_hidden: int = 2, n_out: int = 2, weight: float = 1.0,
               bias: float = 0.0) -> SRNWeights:
        """The SPEC default: every weight `weight`, every bias `bias`."""
        return cls(
            W=np.full((n_hidden, n_in), weight),
            U=np.full((n_hidden, n_hidden), weight),
            b=np.full(n_hidden, bias),
            V=np.full((n_out, n_hidden), weight),
            c=np.full(n_out, bias),
        )

    @property
    def sizes(self) -> tuple[int, int, int]:
        """(inputs, hidden, outputs)."""
        return self.W.shape[1], self.W.shape[0], self.V.shape[0]

    def with_recurrent_scale(self, scale: float) -> SRNWeights:
        return SRNWeights(W=self.W, U=self.U * scale, b=self.b, V=self.V, c=self.c)


def spectral_radius(matrix: np.ndarray) -> float:
    """The largest |eigenvalue|: above 1 the linear recurrence grows, below 1 it fades."""
    return float(np.max(np.abs(np.linalg.eigvals(matrix))))


@dataclass(frozen=True)
class Trace:
    """Every quantity of a run, one row per time step t = 1..T."""

    xs: np.ndarray  # (T, I)
    h_prev: np.ndarray  # (T, H) h_{t-1}
    input_part: np.ndarray  # (T, H) W x_t
    recurrent_part: np.ndarray  # (T, H) U h_{t-1}
    pre_activation: np.ndarray  # (T, H) W x_t + U h_{t-1} + b
    h: np.ndarray  # (T, H)
    y: np.ndarray  # (T, O)
    activation: str

    @property
    def steps(self) -> int:
        return self.xs.shape[0]

    @property
    def overflow_step(self) -> int | None:
        """The first step t (1-based) whose h or y is no longer a finite float64, if any."""
        bad = ~(np.isfinite(self.h).all(axis=1) & np.isfinite(self.y).all(axis=1))
        return int(np.argmax(bad)) + 1 if bad.any() else None


def _as_inputs(xs: np.ndarray | list, n_in: int) -> np.ndarray:
    xs = np.asarray(xs, dtype=np.float64)
    if xs.ndim != 2 or xs.shape[0] == 0:
        raise ValueError("the input sequence must be a non-empty (T, inputs) table")
    if xs.shape[1] != n_in:
        raise ValueError(f"each input has {xs.shape[1]} values but W expects {n_in}")
    return xs


def run_numpy(weights: SRNWeights, xs: np.ndarray | list, activation: str = "identity") -> Trace:
    """The hand-written loop, in float64, keeping every intermediate sum."""
    check_activation(activation)
    xs = _as_inputs(xs, weights.sizes[0])
    steps, n_hidden = xs.shape[0], weights.sizes[1]
    h_prev = np.zeros((steps, n_hidden))
    input_part = np.zeros((steps, n_hidden))
    recurrent_part = np.zeros((steps, n_hidden))
    pre = np.zeros((steps, n_hidden))
    h = np.zeros((steps, n_hidden))
    state = np.zeros(n_hidden)
    # Overflow is part of the lesson (identity, large U): let it become inf and report the step.
    with np.errstate(over="ignore", invalid="ignore"):
        for t in range(steps):
            h_prev[t] = state
            input_part[t] = weights.W @ xs[t]
            recurrent_part[t] = weights.U @ state
            pre[t] = input_part[t] + recurrent_part[t] + weights.b
            state = activate(activation, pre[t])
            h[t] = state
        y = h @ weights.V.T + weights.c  # (T, O)
    return Trace(xs, h_prev, input_part, recurrent_part, pre, h, y, activation)


def _torch_activation(activation: str) -> str:
    check_activation(activation)
    if activation not in TORCH_ACTIVATIONS:
        raise ValueError(
            f"torch's recurrent layers only support {list(TORCH_ACTIVATIONS)}, not {activation!r}"
        )
    return activation


def _readout(weights: SRNWeights) -> torch.nn.Linear:
    n_out, n_hidden = weights.V.shape
    linear = torch.nn.Linear(n_hidden, n_out)
    with torch.no_grad():
        linear.weight.copy_(torch.as_tensor(weights.V))
        linear.bias.copy_(torch.as_tensor(weights.c))
    return linear


def _copy_recurrent(module: torch.nn.Module, weights: SRNWeights, suffix: str = "") -> None:
    with torch.no_grad():
        getattr(module, f"weight_ih{suffix}").copy_(torch.as_tensor(weights.W))
        getattr(module, f"weight_hh{suffix}").copy_(torch.as_tensor(weights.U))
        getattr(module, f"bias_ih{suffix}").copy_(torch.as_tensor(weights.b))
        getattr(module, f"bias_hh{suffix}").zero_()  # torch has two hidden biases; ours is one


@torch.no_grad()
def run_rnncell(
    weights: SRNWeights, xs: np.ndarray | list, activation: str = "tanh"
) -> tuple[np.ndarray, np.ndarray]:
    """`nn.RNNCell` called once per step, then `nn.Linear`: (h (T, H), y (T, O)), float32."""
    nonlinearity = _torch_activation(activation)
    n_in, n_hidden, _ = weights.sizes
    xs = torch.as_tensor(_as_inputs(xs, n_in), dtype=torch.float32)
    cell = torch.nn.RNNCell(n_in, n_hidden, nonlinearity=nonlinearity)
    _copy_recurrent(cell, weights)
    state = torch.zeros(1, n_hidden)
    states = []
    for x_t in xs:
        state = cell(x_t.unsqueeze(0), state)  # (1, H)
        states.append(state[0])
    h = torch.stack(states)  # (T, H)
    return h.numpy(), _readout(weights)(h).numpy()


@torch.no_grad()
def run_rnn_layer(
    weights: SRNWeights, xs: np.ndarray | list, activation: str = "tanh"
) -> tuple[np.ndarray, np.ndarray]:
    """`nn.RNN` called once on the whole sequence, then `nn.Linear`; out[t] is h_t."""
    nonlinearity = _torch_activation(activation)
    n_in, n_hidden, _ = weights.sizes
    xs = torch.as_tensor(_as_inputs(xs, n_in), dtype=torch.float32)
    layer = torch.nn.RNN(n_in, n_hidden, nonlinearity=nonlinearity)
    _copy_recurrent(layer, weights, suffix="_l0")
    out, h_last = layer(xs.unsqueeze(1))  # out (T, 1, H), h_last (1, 1, H)
    h = out[:, 0, :]  # (T, H)
    assert torch.equal(h_last[0, 0], h[-1])  # nn.RNN returns only the last state
    return h.numpy(), _readout(weights)(h).numpy()


def _tensor_literal(values: np.ndarray) -> str:
    """A tensor of `values` as Python source: each number as the float it is exactly."""
    values = np.asarray(values, dtype=np.float64)
    if values.ndim == 1:
        return "torch.tensor([" + ", ".join(repr(float(v)) for v in values) + "])"
    rows = ["[" + ", ".join(repr(float(v)) for v in row) + "]" for row in values]
    if len(rows) <= 3:
        return "torch.tensor([" + ", ".join(rows) + "])"
    return "torch.tensor([\n    " + ",\n    ".join(rows) + ",\n])"


def torch_code(weights: SRNWeights, xs: np.ndarray | list,
               activation: str = "tanh") -> tuple[str, str, str]:
    """The torch code that computes the run, as the course material writes it: the weights
    and inputs, then `nn.RNNCell` called once per step, then `nn.RNN` called once. Each
    part after the first runs on its own after the first and leaves h (T, H) and y (T, O):
    `run_rnncell` and `run_rnn_layer` compute exactly this."""
    nonlinearity = _torch_activation(activation)
    n_in, n_hidden, n_out = weights.sizes
    xs = _as_inputs(xs, n_in)
    setup = "\n".join([
        "import torch",
        "",
        f"W = {_tensor_literal(weights.W)}",
        f"U = {_tensor_literal(weights.U)}",
        f"b = {_tensor_literal(weights.b)}",
        f"V = {_tensor_literal(weights.V)}",
        f"c = {_tensor_literal(weights.c)}",
        f"xs = {_tensor_literal(xs)}",
        "",
        f"readout = torch.nn.Linear({n_hidden}, {n_out})",
        "with torch.no_grad():",
        "    readout.weight.copy_(V)",
        "    readout.bias.copy_(c)",
    ])
    rnncell = "\n".join([
        f'cell = torch.nn.RNNCell({n_in}, {n_hidden}, nonlinearity="{nonlinearity}")',
        "with torch.no_grad():",
        "    cell.weight_ih.copy_(W)",
        "    cell.weight_hh.copy_(U)",
        "    cell.bias_ih.copy_(b)",
        "    cell.bias_hh.zero_()",
        f"    state = torch.zeros(1, {n_hidden})",
        "    states = []",
        "    for x_t in xs:",
        "        state = cell(x_t.unsqueeze(0), state)",
        "        states.append(state[0])",
        "    h = torch.stack(states)",
        "    y = readout(h)",
    ])
    rnn = "\n".join([
        f'layer = torch.nn.RNN({n_in}, {n_hidden}, nonlinearity="{nonlinearity}")',
        "with torch.no_grad():",
        "    layer.weight_ih_l0.copy_(W)",
        "    layer.weight_hh_l0.copy_(U)",
        "    layer.bias_ih_l0.copy_(b)",
        "    layer.bias_hh_l0.zero_()",
        "    out, h_last = layer(xs.unsqueeze(1))",
        "    h = out[:, 0, :]",
        "    y = readout(h)",
    ])
    return setup, rnncell, rnn


def agreement(weights: SRNWeights, xs: np.ndarray | list, activation: str) -> dict[str, float]:
    """Largest |difference| of h and y between the NumPy loop and each torch backend.

    Empty when torch cannot run this activation.
    """
    if activation not in TORCH_ACTIVATIONS:
        return {}
    reference = run_numpy(weights, xs, activation)
    result = {}
    for name, run in (("rnncell", run_rnncell), ("rnn", run_rnn_layer)):
        h, y = run(weights, xs, activation)
        result[name] = float(max(np.max(np.abs(h - reference.h)), np.max(np.abs(y - reference.y))))
    return result


def stacked_product(weights: SRNWeights, x_t: np.ndarray, h_prev: np.ndarray) -> np.ndarray:
    """W x_t + U h_{t-1} as one product: [W | U] @ [x_t; h_{t-1}] (SPEC 1's concatenation fact)."""
    return np.hstack([weights.W, weights.U]) @ np.concatenate([x_t, h_prev])


def trace_table(trace: Trace) -> pd.DataFrame:
    """The whole run as a table: one row per step, one column per component."""
    columns: dict[str, np.ndarray] = {"t": np.arange(1, trace.steps + 1)}
    for name, values in (("x", trace.xs), ("h_prev", trace.h_prev), ("z", trace.pre_activation),
                         ("h", trace.h), ("y", trace.y)):
        for i in range(values.shape[1]):
            columns[f"{name}{i + 1}"] = values[:, i]
    return pd.DataFrame(columns)


def hidden_gradient_norms(
    weights: SRNWeights, xs: np.ndarray | list, activation: str
) -> np.ndarray:
    """‖∂h_T/∂h_t‖ (spectral norm of the Jacobian) for t = 1..T, by autograd in float64.

    How much the last state still depends on each earlier state: it vanishes
    when tanh saturates or U is small, and explodes when U is large and f is linear.
    """
    check_activation(activation)
    functions = {"identity": lambda z: z, "tanh": torch.tanh, "relu": torch.relu,
                 "sigmoid": torch.sigmoid}
    f = functions[activation]
    xs_t = torch.as_tensor(_as_inputs(xs, weights.sizes[0]))
    W, U, b = (torch.as_tensor(a) for a in (weights.W, weights.U, weights.b))
    hs = torch.as_tensor(run_numpy(weights, xs, activation).h)  # (T, H), hs[k] = h_{k+1}
    steps, n_hidden = hs.shape
    norms = np.full(steps, np.inf)
    chain = torch.eye(n_hidden, dtype=torch.float64)  # ∂h_T/∂h_T
    # ∂h_T/∂h_t = ∂h_T/∂h_{t+1} · ∂h_{t+1}/∂h_t: walk the chain back from T.
    for k in range(steps - 1, -1, -1):
        if not torch.isfinite(chain).all():
            break
        norms[k] = float(torch.linalg.matrix_norm(chain, ord=2))
        if k > 0:
            step = torch.autograd.functional.jacobian(
                lambda h, x=xs_t[k]: f(W @ x + U @ h + b), hs[k - 1]
            )  # ∂h_{k+1}/∂h_k, (H, H)
            chain = chain @ step
    return norms


# --- The stepping page's view: relative differences and a URL encoding -------------------

MAX_STEPS = 30  # time steps the stepping page draws; the activation page goes further
QUERY_FIELDS = ("W", "U", "b", "V", "c", "x")  # matrices in the URL, besides t and act


def agreement_table(weights: SRNWeights, xs: np.ndarray | list,
                    activation: str) -> list[dict[str, float | str]]:
    """Per torch backend: the largest absolute and relative difference from the NumPy loop.

    float32 keeps about 7 significant digits, so for large states the absolute
    difference grows with the values while the relative one stays near 1e-7.
    Empty when torch cannot run this activation.
    """
    if activation not in TORCH_ACTIVATIONS:
        return []
    reference = run_numpy(weights, xs, activation)
    expected = np.concatenate([reference.h, reference.y], axis=1)  # (T, H + O)
    rows = []
    for name, run in (("rnncell", run_rnncell), ("rnn", run_rnn_layer)):
        h, y = run(weights, xs, activation)
        got = np.concatenate([h, y], axis=1).astype(np.float64)
        with np.errstate(invalid="ignore", over="ignore"):
            difference = np.abs(got - expected)
            relative = difference / np.maximum(np.abs(expected), 1.0)
        rows.append({"backend": name, "max_abs": float(np.max(difference)),
                     "max_rel": float(np.max(relative))})
    return rows


def format_number(value: float) -> str:
    """Shortest text that reads back as exactly `value` (1.0 -> '1')."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def encode_grid(values: np.ndarray) -> str:
    """A vector or matrix as URL text: rows split by ';', entries by ','."""
    rows = np.atleast_2d(np.asarray(values, dtype=np.float64))
    return ";".join(",".join(format_number(v) for v in row) for row in rows)


@dataclass(frozen=True)
class FieldProblem:
    """What is wrong with one field of a shared link; the page words it."""

    field: str  # W, U, b, V, c, x, t or act
    reason: str  # "cell" (see `cell`), "ragged", "shape", "size", "steps", "choice", "range"
    cell: CellProblem | None = None
    expected: tuple[int, ...] | None = None  # the shape or bounds the field should have


def decode_grid(text: str) -> tuple[np.ndarray | None, list[CellProblem], bool]:
    """(array, cell problems, ragged) for URL text written by `encode_grid`."""
    rows = [row.split(",") for row in text.split(";")]
    if len({len(row) for row in rows}) != 1:
        return None, [], True
    array, problems = parse_grid(rows)
    return array, problems, False


@dataclass(frozen=True)
class SRNView:
    """Everything the stepping page shows, as a shared link carries it."""

    weights: SRNWeights
    xs: np.ndarray  # (T, I)
    t: int  # 1-based current step
    activation: str

    @classmethod
    def default(cls) -> SRNView:
        return cls(SRNWeights.filled(), np.array(DEFAULT_INPUTS), 1, "tanh")

    def to_query(self) -> dict[str, str]:
        w = self.weights
        return {"W": encode_grid(w.W), "U": encode_grid(w.U), "b": encode_grid(w.b),
                "V": encode_grid(w.V), "c": encode_grid(w.c), "x": encode_grid(self.xs),
                "t": str(self.t), "act": self.activation}

    @classmethod
    def from_query(cls, query: dict[str, str]) -> tuple[SRNView, list[FieldProblem]]:
        """Read a shared link; a field that is missing or wrong falls back to its default.

        The sizes come from W (hidden x inputs) and V (outputs x hidden); every
        other field must match them.
        """
        problems: list[FieldProblem] = []
        default = cls.default()

        def grid(name: str, shape: tuple[int, ...] | None, fallback: np.ndarray) -> np.ndarray:
            if name not in query:
                return fallback
            array, cells, ragged = decode_grid(str(query[name]))
            if ragged:
                problems.append(FieldProblem(name, "ragged"))
            elif cells:
                problems.extend(FieldProblem(name, "cell", cell=cell) for cell in cells)
            elif shape is None:
                if max(array.shape) > MAX_SIZE:
                    problems.append(FieldProblem(name, "size", expected=(MAX_SIZE,)))
                else:
                    return array
            elif len(shape) == 1 and array.shape == (1, shape[0]):
                return array[0]
            elif len(shape) == 2 and name == "x" and array.shape[1] == shape[1]:
                if array.shape[0] > MAX_STEPS:
                    problems.append(FieldProblem(name, "steps", expected=(MAX_STEPS,)))
                else:
                    return array
            elif array.shape == shape:
                return array
            else:
                problems.append(FieldProblem(name, "shape", expected=shape))
            return fallback

        W = grid("W", None, default.weights.W)
        n_hidden, n_in = W.shape
        V = grid("V", None, np.ones((default.weights.sizes[2], n_hidden)))
        if V.shape[1] != n_hidden:
            problems.append(FieldProblem("V", "shape", expected=(V.shape[0], n_hidden)))
            V = np.ones((default.weights.sizes[2], n_hidden))
        n_out = V.shape[0]
        U = grid("U", (n_hidden, n_hidden), np.ones((n_hidden, n_hidden)))
        b = grid("b", (n_hidden,), np.zeros(n_hidden))
        c = grid("c", (n_out,), np.zeros(n_out))
        default_xs = default.xs if n_in == default.xs.shape[1] else np.ones((3, n_in))
        xs = grid("x", (0, n_in), default_xs)

        activation = str(query.get("act", default.activation))
        if activation not in ACTIVATIONS:
            problems.append(FieldProblem("act", "choice"))
            activation = default.activation
        t = default.t
        if "t" in query:
            value, reason = parse_number(query["t"], 1, xs.shape[0])
            if reason is None and float(value).is_integer():
                t = int(value)
            else:
                problems.append(FieldProblem("t", "range", expected=(1, xs.shape[0])))
        weights = SRNWeights(W=W, U=U, b=b, V=V, c=c)
        return cls(weights, xs, t, activation), problems
