"""A bidirectional RNN computed by hand, and proved equal to `nn.RNN(bidirectional=True)`.

SPEC section 6: a forward RNN reads the sequence from t = 1 to T, a backward
RNN with its own weights reads it from t = T to 1, and the output at step t is
the concatenation [forward h_t, backward h_t] (hidden size doubles). With
`num_layers` layers, layer l > 0 reads the concatenated outputs of layer l - 1,
and h_n has 2 * num_layers rows, ordered (layer 0 forward, layer 0 backward,
layer 1 forward, ...).

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

from rnnviz.validate import CellProblem, parse_number

MAX_STEPS = 12
MAX_HIDDEN = 8
MAX_LAYERS = 3
MAX_ABS_INPUT = 10.0
KINDS = ("numbers", "characters")
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

def make_rnn(input_size: int, hidden: int, layers: int = 1, seed: int = 0) -> nn.RNN:
    """`nn.RNN(bidirectional=True)` (seq-first) with PyTorch's default initialisation,
    drawn from a private generator so other threads' use of the global RNG changes nothing."""
    if not 1 <= hidden <= MAX_HIDDEN:
        raise ValueError(f"hidden must be 1 to {MAX_HIDDEN}, got {hidden}")
    if not 1 <= layers <= MAX_LAYERS:
        raise ValueError(f"layers must be 1 to {MAX_LAYERS}, got {layers}")
    rnn = nn.RNN(input_size, hidden, num_layers=layers, bidirectional=True).double()
    generator = torch.Generator().manual_seed(seed)
    bound = 1.0 / math.sqrt(hidden)
    with torch.no_grad():
        for parameter in rnn.parameters():
            nn.init.uniform_(parameter, -bound, bound, generator=generator)
    return rnn


def weights_of(rnn: nn.RNN, layer: int, direction: str) -> dict[str, np.ndarray]:
    """W (H, I), U (H, H), b_ih, b_hh of one layer and direction, as numpy."""
    suffix = f"l{layer}" + ("_reverse" if direction == "backward" else "")
    get = lambda name: getattr(rnn, f"{name}_{suffix}").detach().numpy()  # noqa: E731
    return {"W": get("weight_ih"), "U": get("weight_hh"), "b_ih": get("bias_ih"),
            "b_hh": get("bias_hh")}


def run_direction(weights: dict[str, np.ndarray], xs: np.ndarray, direction: str) -> np.ndarray:
    """tanh RNN over xs (T, I) in one reading order; states (T, H) indexed by input step t."""
    steps = range(len(xs)) if direction == "forward" else range(len(xs) - 1, -1, -1)
    h = np.zeros(weights["U"].shape[0])
    states = np.zeros((len(xs), len(h)))
    for t in steps:
        h = np.tanh(weights["W"] @ xs[t] + weights["b_ih"] + weights["U"] @ h + weights["b_hh"])
        states[t] = h
    return states


@dataclass
class ByHand:
    """The hand computation: per layer, each direction's states, and out / h_n like torch's."""

    forward: list[np.ndarray]  # per layer (T, H)
    backward: list[np.ndarray]  # per layer (T, H)
    out: np.ndarray  # (T, 2H): the top layer's [forward, backward] per step
    h_n: np.ndarray  # (2L, H)


def by_hand(rnn: nn.RNN, xs: np.ndarray) -> ByHand:
    forward, backward, finals = [], [], []
    layer_input = xs
    for layer in range(rnn.num_layers):
        f = run_direction(weights_of(rnn, layer, "forward"), layer_input, "forward")
        b = run_direction(weights_of(rnn, layer, "backward"), layer_input, "backward")
        forward.append(f)
        backward.append(b)
        # The forward pass ends at step T, the backward pass at step 1.
        finals += [f[-1], b[0]]
        layer_input = np.concatenate([f, b], axis=1)  # (T, 2H)
    return ByHand(forward, backward, layer_input, np.stack(finals))


@dataclass
class TorchRun:
    out: np.ndarray  # (T, 1, 2H)
    h_n: np.ndarray  # (2L, 1, H)


@torch.no_grad()
def by_torch(rnn: nn.RNN, xs: np.ndarray) -> TorchRun:
    x = torch.as_tensor(xs, dtype=torch.float64)[:, None, :]  # (T, B=1, I)
    out, h_n = rnn(x)
    return TorchRun(out.numpy(), h_n.numpy())


def largest_difference(hand: ByHand, torch_run: TorchRun) -> float:
    return float(max(np.abs(hand.out - torch_run.out[:, 0]).max(),
                     np.abs(hand.h_n - torch_run.h_n[:, 0]).max()))


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


def shapes(steps: int, input_size: int, hidden: int, layers: int) -> dict[str, tuple[int, ...]]:
    """Shapes of the seq-first call with batch 1."""
    return {"x": (steps, 1, input_size), "out": (steps, 1, 2 * hidden),
            "h_n": (2 * layers, 1, hidden)}


def h_n_rows(layers: int) -> list[tuple[int, int, str]]:
    """(row, layer, direction) for every row of h_n, in torch's order."""
    return [(2 * layer + d, layer, direction) for layer in range(layers)
            for d, direction in enumerate(DIRECTIONS)]
