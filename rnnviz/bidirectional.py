"""A bidirectional RNN, GRU or LSTM computed by hand, and proved equal to torch's.

SPEC section 6: a forward RNN reads the sequence from t = 1 to T, a backward
RNN with its own weights reads it from t = T to 1, and the output at step t is
the concatenation [forward h_t, backward h_t] (hidden size doubles). With
`num_layers` layers, each layer reads the concatenated outputs of the one below,
and h_n has 2 * num_layers rows, ordered (l0 forward, l0 backward, l1 forward, ...).
Torch names the layers l0, l1, ... from the one reading x; the pages count them
from 1 ("layer 1 (l0)"): `layer_name` (from rnnviz.shapes) is the one place that says how.

The same holds for gated cells (`cell`): nn.GRU and nn.LSTM with
bidirectional=True are two GRUs or LSTMs reading opposite ways, each direction
stepped here in NumPy with torch's gate order and conventions (GRU: r, z, n with
the reset gate inside the candidate's recurrent term; LSTM: i, f, g, o, and a
cell state c whose last values per layer and direction torch returns as c_n).

The page types a short sequence: numbers (input size 1) or characters
(one-hot over the sorted distinct characters). No training: the weights are
PyTorch's default initialisation drawn from a seed.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from rnnviz.shapes import layer_name as layer_name  # the one way pages count layers
from rnnviz.validate import CellProblem, parse_number

MAX_STEPS = 12
MAX_HIDDEN = 8
MAX_LAYERS = 3
MAX_ABS_INPUT = 10.0
KINDS = ("numbers", "characters")
CELLS = ("rnn", "gru", "lstm")
MODULES = {"rnn": "nn.RNN", "gru": "nn.GRU", "lstm": "nn.LSTM"}
DIRECTIONS = ("forward", "backward")
SEPARATORS = re.compile(r"[\s,，、;；]+")


# --- Input --------------------------------------------------------------------------------

@dataclass(frozen=True)
class InputSequence:
    """The typed sequence as the RNN sees it: xs (T, I) and a label per step."""

    kind: str
    labels: tuple[str, ...]
    xs: np.ndarray  # (T, I)
    vocabulary: tuple[str, ...] = ()  # characters only: the one-hot positions

    @property
    def steps(self) -> int:
        return len(self.labels)

    @property
    def input_size(self) -> int:
        return self.xs.shape[1]


def parse_numbers(text: str) -> tuple[InputSequence | None, list[CellProblem]]:
    """'0.5, -1, 2' (commas or spaces) -> a (T, 1) sequence, or the problems per entry.

    A Chinese input method types the full-width comma ，or 、; they separate entries too.
    """
    raw = [part for part in SEPARATORS.split(text) if part]
    if not raw:
        return None, [CellProblem(0, 0, text, "empty")]
    if len(raw) > MAX_STEPS:
        return None, [CellProblem(0, 0, str(len(raw)), "too_long")]
    values, problems = [], []
    for position, entry in enumerate(raw):
        value, reason = parse_number(entry, -MAX_ABS_INPUT, MAX_ABS_INPUT)
        if reason is not None:
            problems.append(CellProblem(0, position, entry, reason))
        values.append(value)
    if problems:
        return None, problems
    xs = np.array(values, dtype=np.float64).reshape(-1, 1)  # (T, 1)
    return InputSequence("numbers", tuple(f"{v:g}" for v in values), xs), []


def parse_characters(text: str) -> tuple[InputSequence | None, list[CellProblem]]:
    """'hello' -> a one-hot (T, V) sequence over the sorted distinct characters."""
    if not text:
        return None, [CellProblem(0, 0, text, "empty")]
    if len(text) > MAX_STEPS:
        return None, [CellProblem(0, 0, str(len(text)), "too_long")]
    vocabulary = tuple(sorted(set(text)))
    xs = np.eye(len(vocabulary))[[vocabulary.index(c) for c in text]]  # (T, V)
    return InputSequence("characters", tuple(text), xs, vocabulary), []


def parse(kind: str, text: str) -> tuple[InputSequence | None, list[CellProblem]]:
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; choose one of {list(KINDS)}")
    return parse_numbers(text) if kind == "numbers" else parse_characters(text)


# --- Weights and the two computations -------------------------------------------------------

def make_rnn(input_size: int, hidden: int, layers: int = 1, seed: int = 0,
             cell: str = "rnn") -> nn.RNN | nn.GRU | nn.LSTM:
    """`nn.RNN` / `nn.GRU` / `nn.LSTM` with bidirectional=True (seq-first) and PyTorch's
    default initialisation, drawn from a private generator so other threads' use of the
    global RNG changes nothing."""
    if cell not in CELLS:
        raise ValueError(f"cell must be one of {list(CELLS)}, got {cell!r}")
    if not 1 <= hidden <= MAX_HIDDEN:
        raise ValueError(f"hidden must be 1 to {MAX_HIDDEN}, got {hidden}")
    if not 1 <= layers <= MAX_LAYERS:
        raise ValueError(f"layers must be 1 to {MAX_LAYERS}, got {layers}")
    module = {"rnn": nn.RNN, "gru": nn.GRU, "lstm": nn.LSTM}[cell]
    rnn = module(input_size, hidden, num_layers=layers, bidirectional=True).double()
    generator = torch.Generator().manual_seed(seed)
    bound = 1.0 / math.sqrt(hidden)
    with torch.no_grad():
        for parameter in rnn.parameters():
            nn.init.uniform_(parameter, -bound, bound, generator=generator)
    return rnn


def cell_of(rnn: nn.Module) -> str:
    return {"RNN": "rnn", "GRU": "gru", "LSTM": "lstm"}[type(rnn).__name__]


def weights_of(rnn: nn.Module, layer: int, direction: str) -> dict[str, np.ndarray]:
    """W (G·H, I), U (G·H, H), b_ih, b_hh of one layer and direction, as numpy (G gate
    blocks stacked: 1 for an RNN, r z n for a GRU, i f g o for an LSTM)."""
    suffix = f"l{layer}" + ("_reverse" if direction == "backward" else "")
    get = lambda name: getattr(rnn, f"{name}_{suffix}").detach().numpy()  # noqa: E731
    return {"W": get("weight_ih"), "U": get("weight_hh"), "b_ih": get("bias_ih"),
            "b_hh": get("bias_hh")}


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def rnn_step(w: dict[str, np.ndarray], x: np.ndarray, h: np.ndarray) -> np.ndarray:
    """h' = tanh(W x + b_ih + U h + b_hh)."""
    return np.tanh(w["W"] @ x + w["b_ih"] + w["U"] @ h + w["b_hh"])


def gru_step(w: dict[str, np.ndarray], x: np.ndarray, h: np.ndarray) -> np.ndarray:
    """torch's GRU: r, z = σ(…); n = tanh(W_n x + b_in + r ⊙ (U_n h + b_hn));
    h' = (1 − z) ⊙ n + z ⊙ h."""
    gx = w["W"] @ x + w["b_ih"]  # (3H,): r, z, n blocks
    gh = w["U"] @ h + w["b_hh"]
    H = len(h)
    r = sigmoid(gx[:H] + gh[:H])
    z = sigmoid(gx[H:2 * H] + gh[H:2 * H])
    n = np.tanh(gx[2 * H:] + r * gh[2 * H:])
    return (1.0 - z) * n + z * h


def lstm_step(w: dict[str, np.ndarray], x: np.ndarray, h: np.ndarray,
              c: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """torch's LSTM: i, f, o = σ(…), g = tanh(…); c' = f ⊙ c + i ⊙ g; h' = o ⊙ tanh(c')."""
    gates = w["W"] @ x + w["b_ih"] + w["U"] @ h + w["b_hh"]  # (4H,): i, f, g, o blocks
    H = len(h)
    i, f = sigmoid(gates[:H]), sigmoid(gates[H:2 * H])
    g, o = np.tanh(gates[2 * H:3 * H]), sigmoid(gates[3 * H:])
    c = f * c + i * g
    return o * np.tanh(c), c


def run_direction(weights: dict[str, np.ndarray], xs: np.ndarray, direction: str,
                  cell: str = "rnn") -> tuple[np.ndarray, np.ndarray | None]:
    """One cell over xs (T, I) in one reading order: the states h (T, H) indexed by input
    step t, and for an LSTM its cell states c (T, H) (None for the others)."""
    steps = range(len(xs)) if direction == "forward" else range(len(xs) - 1, -1, -1)
    H = weights["U"].shape[1]
    h, c = np.zeros(H), np.zeros(H)
    states = np.zeros((len(xs), H))
    cells = np.zeros((len(xs), H)) if cell == "lstm" else None
    for t in steps:
        if cell == "lstm":
            h, c = lstm_step(weights, xs[t], h, c)
            cells[t] = c
        elif cell == "gru":
            h = gru_step(weights, xs[t], h)
        else:
            h = rnn_step(weights, xs[t], h)
        states[t] = h
    return states, cells


@dataclass
class ByHand:
    """The hand computation: per layer, each direction's states, and out / h_n (/ c_n)
    like torch's."""

    forward: list[np.ndarray]  # per layer (T, H)
    backward: list[np.ndarray]  # per layer (T, H)
    out: np.ndarray  # (T, 2H): the top layer's [forward, backward] per step
    h_n: np.ndarray  # (2L, H)
    c_n: np.ndarray | None = None  # (2L, H), an LSTM's last cell states


def by_hand(rnn: nn.Module, xs: np.ndarray) -> ByHand:
    cell = cell_of(rnn)
    forward, backward, finals, cell_finals = [], [], [], []
    layer_input = xs
    for layer in range(rnn.num_layers):
        f, f_c = run_direction(weights_of(rnn, layer, "forward"), layer_input, "forward", cell)
        b, b_c = run_direction(weights_of(rnn, layer, "backward"), layer_input, "backward",
                               cell)
        forward.append(f)
        backward.append(b)
        # The forward pass ends at step T, the backward pass at step 1.
        finals += [f[-1], b[0]]
        if cell == "lstm":
            cell_finals += [f_c[-1], b_c[0]]
        layer_input = np.concatenate([f, b], axis=1)  # (T, 2H)
    return ByHand(forward, backward, layer_input, np.stack(finals),
                  np.stack(cell_finals) if cell_finals else None)


@dataclass
class TorchRun:
    out: np.ndarray  # (T, 1, 2H)
    h_n: np.ndarray  # (2L, 1, H)
    c_n: np.ndarray | None = None  # (2L, 1, H), an LSTM's


@torch.no_grad()
def by_torch(rnn: nn.Module, xs: np.ndarray) -> TorchRun:
    x = torch.as_tensor(xs, dtype=torch.float64)[:, None, :]  # (T, B=1, I)
    out, final = rnn(x)
    if isinstance(final, tuple):  # an LSTM returns (h_n, c_n)
        h_n, c_n = final
        return TorchRun(out.numpy(), h_n.numpy(), c_n.numpy())
    return TorchRun(out.numpy(), final.numpy())


def largest_difference(hand: ByHand, torch_run: TorchRun) -> float:
    """Over out, h_n and (an LSTM's) c_n."""
    differences = [np.abs(hand.out - torch_run.out[:, 0]).max(),
                   np.abs(hand.h_n - torch_run.h_n[:, 0]).max()]
    if hand.c_n is not None or torch_run.c_n is not None:
        differences.append(np.abs(hand.c_n - torch_run.c_n[:, 0]).max())
    return float(max(differences))


@dataclass(frozen=True)
class SliceMatch:
    """`out[out_index]` equals `h_n[row]`: which slice, which row, and how closely."""

    out_index: str  # e.g. "out[-1, :, :H]"
    row: int
    layer: int
    direction: str
    step: int  # 1-based input step at which that direction finished
    difference: float


def slice_matches(torch_run: TorchRun, layers: int, hidden: int) -> list[SliceMatch]:
    """The two rows of h_n that `out` contains: the top layer's two directions."""
    out, h_n, steps = torch_run.out, torch_run.h_n, torch_run.out.shape[0]
    top = layers - 1
    forward_row, backward_row = 2 * top, 2 * top + 1
    return [
        SliceMatch(f"out[-1, :, :{hidden}]", forward_row, top, "forward", steps,
                   float(np.abs(out[-1, :, :hidden] - h_n[forward_row]).max())),
        SliceMatch(f"out[0, :, {hidden}:]", backward_row, top, "backward", 1,
                   float(np.abs(out[0, :, hidden:] - h_n[backward_row]).max())),
    ]


def shapes(steps: int, input_size: int, hidden: int, layers: int,
           cell: str = "rnn") -> dict[str, tuple[int, ...]]:
    """Shapes of the seq-first call with batch 1 (an LSTM's c_n too)."""
    found = {"x": (steps, 1, input_size), "out": (steps, 1, 2 * hidden),
             "h_n": (2 * layers, 1, hidden)}
    if cell == "lstm":
        found["c_n"] = (2 * layers, 1, hidden)
    return found


def h_n_rows(layers: int) -> list[tuple[int, int, str]]:
    """(row, layer, direction) for every row of h_n, in torch's order."""
    return [(2 * layer + d, layer, direction) for layer in range(layers)
            for d, direction in enumerate(DIRECTIONS)]
