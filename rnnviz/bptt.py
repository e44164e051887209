"""Backpropagation through time for the SRN of SPEC 1, step by step, with the numbers (SPEC 9).

    z_t = W x_t + U h_{t-1} + b,   h_t = f(z_t),   y_t = V h_t + c,   h_0 = 0
    L = Σ_t ½‖y_t − y*_t‖²  (loss "every")   or   ½‖y_T − y*_T‖²  (loss "last")

`backward` walks t = T … 1 by hand and keeps every intermediate value:

    δy_t = y_t − y*_t                        (zero at a step without a target)
    ∂L/∂h_t = Vᵀ δy_t + Uᵀ δz_{t+1}          (the second term absent at t = T)
    δz_t = f′(z_t) ⊙ ∂L/∂h_t
    step t adds δz_t x_tᵀ to ∂L/∂W, δz_t h_{t-1}ᵀ to ∂L/∂U, δz_t to ∂L/∂b,
                δy_t h_tᵀ to ∂L/∂V and δy_t to ∂L/∂c.

`autograd_gradients` computes the same gradients with torch.autograd (float64), so the
page can show the two agree rather than assume it. Also here: the Jacobian products
∂h_T/∂h_t that vanish or explode, gradient clipping with one SGD step, and truncated
BPTT (the state detached every k steps).

Overflow is part of the lesson (identity or relu with large weights): nothing here
raises on it; values become inf/NaN and each result reports the first step affected.
Everything is float64 NumPy; sizes and activations are those of `rnnviz.srn`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import torch

from rnnviz import srn
from rnnviz.srn import FieldProblem, SRNWeights
from rnnviz.validate import parse_grid

LOSSES = ("every", "last")  # a target at every step, or at the last step only
PARAMETERS = ("W", "U", "b", "V", "c")
MAX_STEPS = 100  # the vanishing/exploding view repeats the last input up to this length
TARGET_FIELD = "target"
DEFAULT_TARGET = (1.0, 1.0)  # SPEC 9: y* = [1, 1] at every step
# The clipping demo's defaults (SPEC 7 clips to norm 1).
DEFAULT_THETA = 1.0
DEFAULT_LR = 0.1
EXPLODING_STEPS = 3

TORCH_FUNCTIONS = {"identity": lambda z: z, "tanh": torch.tanh, "relu": torch.relu,
                   "sigmoid": torch.sigmoid}


def check_loss(loss: str) -> str:
    if loss not in LOSSES:
        raise ValueError(f"unknown loss {loss!r}; choose one of {list(LOSSES)}")
    return loss


def check_truncation(k: int | None) -> int | None:
    """None (full BPTT) or a whole number of steps >= 1."""
    if k is None:
        return None
    if isinstance(k, bool) or not isinstance(k, int | np.integer) or k < 1:
        raise ValueError(f"k (truncation) must be a whole number of steps >= 1 or None, not {k!r}")
    return int(k)


def _check_positive(name: str, value: float) -> float:
    numeric = isinstance(value, int | float | np.floating) and not isinstance(value, bool)
    if not (numeric and math.isfinite(value) and value > 0):
        raise ValueError(f"{name} must be a positive finite number, not {value!r}")
    return float(value)


def derivative(activation: str, z: np.ndarray, h: np.ndarray) -> np.ndarray:
    """f′(z) from the pre-activation z and the state h = f(z) (tanh and sigmoid use h)."""
    srn.check_activation(activation)
    if activation == "identity":
        return np.ones_like(z)
    if activation == "tanh":
        # 1 − h², written so that near saturation (h ≈ ±1) it keeps its digits: 1 − h·h
        # rounds h·h first and loses about 1e-12 of relative accuracy when 1 − h² ≈ 2.5e-5.
        return (1.0 - h) * (1.0 + h)
    if activation == "sigmoid":
        return h * (1.0 - h)
    # relu: 1[z > 0], and NaN stays NaN so an overflow is not silently turned into 0
    return np.where(np.isnan(z), np.nan, (z > 0).astype(np.float64))


def fit_rows(rows: np.ndarray | Sequence, steps: int) -> np.ndarray:
    """`rows` cut to `steps` rows, or continued by repeating its last row: (steps, n)."""
    rows = np.asarray(rows, dtype=np.float64)
    if rows.ndim != 2 or rows.shape[0] == 0:
        raise ValueError("need a non-empty (T, n) table to extend")
    if not 1 <= steps <= MAX_STEPS:
        raise ValueError(f"steps must be between 1 and {MAX_STEPS}, not {steps!r}")
    if steps <= rows.shape[0]:
        return rows[:steps].copy()
    return np.vstack([rows, np.repeat(rows[-1:], steps - rows.shape[0], axis=0)])


def entry_labels(name: str, shape: tuple[int, ...]) -> list[str]:
    """1-based labels in row-major order: U[1,1], U[1,2], … or b[1], b[2], …"""
    if len(shape) == 1:
        return [f"{name}[{i + 1}]" for i in range(shape[0])]
    return [f"{name}[{i + 1},{j + 1}]" for i in range(shape[0]) for j in range(shape[1])]


# --- the problem: network, inputs, targets, loss ------------------------------------------

@dataclass(frozen=True, eq=False)
class BPTTSetup:
    """One network, input sequence, targets and loss: everything the gradients depend on.

    Checked when made (ValueError naming the field: x, target, act, loss, W or V);
    equal and hashable by content, so it can key a cache.
    """

    weights: SRNWeights
    xs: np.ndarray  # (T, I)
    targets: np.ndarray  # (T, O) y*_t; only the last row is used when loss == "last"
    activation: str = "tanh"
    loss: str = "every"

    def __post_init__(self) -> None:
        n_in, n_hidden, n_out = self.weights.sizes
        if max(n_in, n_hidden) > srn.MAX_SIZE:
            raise ValueError(f"W is {n_hidden}x{n_in}; each size must be at most {srn.MAX_SIZE}")
        if n_out > srn.MAX_SIZE:
            raise ValueError(f"V has {n_out} rows; each size must be at most {srn.MAX_SIZE}")
        xs = np.asarray(self.xs, dtype=np.float64)
        if xs.ndim != 2 or xs.shape[0] == 0:
            raise ValueError("x: the input sequence must be a non-empty (T, inputs) table")
        if xs.shape[1] != n_in:
            raise ValueError(f"x: each input has {xs.shape[1]} values but W expects {n_in}")
        if xs.shape[0] > MAX_STEPS:
            raise ValueError(f"x: at most {MAX_STEPS} steps, not {xs.shape[0]}")
        targets = np.asarray(self.targets, dtype=np.float64)
        if targets.shape != (xs.shape[0], n_out):
            raise ValueError(f"{TARGET_FIELD}: expected one target of {n_out} values per step, "
                             f"shape {(xs.shape[0], n_out)}, not {targets.shape}")
        if not (np.isfinite(xs).all() and np.isfinite(targets).all()):
            raise ValueError("x and target must hold finite numbers")
        if self.activation not in srn.ACTIVATIONS:
            raise ValueError(f"unknown act {self.activation!r}; "
                             f"choose one of {list(srn.ACTIVATIONS)}")
        check_loss(self.loss)
        object.__setattr__(self, "xs", xs)
        object.__setattr__(self, "targets", targets)

    @classmethod
    def default(cls, loss: str = "every") -> BPTTSetup:
        """SPEC 9: SPEC 1's network (weights 1, biases 0, tanh), y* = [1, 1] at every step."""
        xs = np.array(srn.DEFAULT_INPUTS)
        return cls(SRNWeights.filled(), xs, np.tile(DEFAULT_TARGET, (len(xs), 1)), "tanh", loss)

    @classmethod
    def exploding(cls, steps: int = EXPLODING_STEPS) -> BPTTSetup:
        """The clipping demo's default: SPEC 9's example with no activation (identity).

        Every weight 1 makes U's spectral radius 2, so the state doubles and more every
        step (SPEC 1: h = [2,2], [6,6], [16,16]) and the gradient grows with it. With
        SPEC 1's three inputs and y* = [1, 1] at every step: L = 1091, ‖g‖ ≈ 2204.7
        (∂L/∂U = 664 in every entry). One SGD step at lr 0.1 overshoots to L ≈ 9.4e16;
        clipping to θ = 1 first (factor ≈ 4.5e-4) lowers it to L ≈ 888.8. More steps
        (the last input [2, 2] repeated) explode further: 8 steps give ‖g‖ ≈ 1.2e7.
        """
        spec = cls.default()
        return cls(spec.weights, fit_rows(spec.xs, steps), fit_rows(spec.targets, steps),
                   "identity", "every")

    @property
    def steps(self) -> int:
        return self.xs.shape[0]

    @property
    def target_mask(self) -> np.ndarray:
        """(T,) True at the steps whose output has a target in the loss."""
        mask = np.ones(self.steps, dtype=bool)
        if self.loss == "last":
            mask[:-1] = False
        return mask

    def with_steps(self, steps: int) -> BPTTSetup:
        """Cut to `steps`, or continue by repeating the last input and the last target."""
        return replace(self, xs=fit_rows(self.xs, steps), targets=fit_rows(self.targets, steps))

    def with_weights(self, weights: SRNWeights) -> BPTTSetup:
        return replace(self, weights=weights)

    def with_recurrent_scale(self, scale: float) -> BPTTSetup:
        """U multiplied by `scale` (>= 0)."""
        if not (math.isfinite(scale) and scale >= 0):
            raise ValueError(f"scale must be a finite number >= 0, not {scale!r}")
        return replace(self, weights=self.weights.with_recurrent_scale(scale))

    def with_spectral_radius(self, radius: float) -> BPTTSetup:
        """U rescaled so that its spectral radius (largest |eigenvalue|) is `radius`."""
        if not (math.isfinite(radius) and radius >= 0):
            raise ValueError(f"radius must be a finite number >= 0, not {radius!r}")
        current = srn.spectral_radius(self.weights.U)
        if current == 0:
            raise ValueError("U has spectral radius 0 (every eigenvalue is 0): it cannot be "
                             "rescaled to another radius")
        return self.with_recurrent_scale(radius / current)

    def _key(self) -> tuple:
        arrays = (*(getattr(self.weights, name) for name in PARAMETERS), self.xs, self.targets)
        return (tuple((a.shape, a.tobytes()) for a in arrays), self.activation, self.loss)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, BPTTSetup) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())


def parse_targets(rows: Sequence[Sequence[object]], n_out: int,
                  steps: int) -> tuple[np.ndarray | None, list[FieldProblem]]:
    """The targets typed into an editor: ((T, O) array, []) or (None, problems).

    Problems name the field "target": "steps" for an empty table (expected=(steps,)),
    "ragged" for rows of different lengths, "cell" for a bad number (its CellProblem
    gives the 0-based row and column), "shape" for a table that is not steps x outputs
    (expected=(steps, n_out)).
    """
    rows = [list(row) for row in rows]
    if not rows:
        return None, [FieldProblem(TARGET_FIELD, "steps", expected=(steps,))]
    if len({len(row) for row in rows}) != 1:
        return None, [FieldProblem(TARGET_FIELD, "ragged")]
    array, cells = parse_grid(rows)
    if cells:
        return None, [FieldProblem(TARGET_FIELD, "cell", cell=cell) for cell in cells]
    if array.shape != (steps, n_out):
        return None, [FieldProblem(TARGET_FIELD, "shape", expected=(steps, n_out))]
    return array, []


# --- gradients as one object -----------------------------------------------------------

@dataclass(frozen=True, eq=False)
class Gradients:
    """∂L/∂W, ∂L/∂U, ∂L/∂b, ∂L/∂V, ∂L/∂c (or one step's share of them), shaped like the weights."""

    W: np.ndarray  # (H, I)
    U: np.ndarray  # (H, H)
    b: np.ndarray  # (H,)
    V: np.ndarray  # (O, H)
    c: np.ndarray  # (O,)

    @classmethod
    def zeros(cls, weights: SRNWeights) -> Gradients:
        return cls(*(np.zeros_like(getattr(weights, name)) for name in PARAMETERS))

    def __getitem__(self, name: str) -> np.ndarray:
        if name not in PARAMETERS:
            raise KeyError(f"unknown parameter {name!r}; choose one of {list(PARAMETERS)}")
        return getattr(self, name)

    def items(self) -> list[tuple[str, np.ndarray]]:
        return [(name, getattr(self, name)) for name in PARAMETERS]

    def __add__(self, other: Gradients) -> Gradients:
        with np.errstate(over="ignore", invalid="ignore"):
            return Gradients(*(self[name] + other[name] for name in PARAMETERS))

    def __sub__(self, other: Gradients) -> Gradients:
        with np.errstate(over="ignore", invalid="ignore"):
            return Gradients(*(self[name] - other[name] for name in PARAMETERS))

    def scaled(self, factor: float) -> Gradients:
        with np.errstate(over="ignore", invalid="ignore"):
            return Gradients(*(self[name] * factor for name in PARAMETERS))

    def flat(self) -> np.ndarray:
        """Every entry in one vector, in the order W, U, b, V, c (row-major)."""
        return np.concatenate([self[name].ravel() for name in PARAMETERS])

    def norm(self) -> float:
        """‖g‖: the Euclidean norm over all parameters together (SPEC 9's clipping norm)."""
        flat = self.flat()
        if not np.isfinite(flat).all():
            return math.nan if np.isnan(flat).any() else math.inf
        # Scale first: the squares of entries near 1e160 would overflow although the norm fits.
        biggest = float(np.max(np.abs(flat))) if flat.size else 0.0
        if biggest == 0:
            return 0.0
        return biggest * float(np.sqrt(np.sum((flat / biggest) ** 2)))

    @property
    def finite(self) -> bool:
        return bool(np.isfinite(self.flat()).all())


def max_abs_difference(a: Gradients, b: Gradients) -> float:
    """The largest |a − b| over every entry.

    Entries non-finite in both in the same way (the same infinity, or NaN in both)
    count as agreeing; a finite entry against a non-finite one is an infinite difference.
    """
    x, y = a.flat(), b.flat()
    same = (x == y) | (np.isnan(x) & np.isnan(y))
    with np.errstate(over="ignore", invalid="ignore"):
        difference = np.where(same, 0.0, np.abs(x - y))
    difference = np.where(np.isnan(difference), np.inf, difference)
    return float(np.max(difference)) if difference.size else 0.0


# --- forward ---------------------------------------------------------------------------

def _first_bad_step(*per_step: np.ndarray) -> int | None:
    """1-based first row (step) holding a non-finite value in any of the (T, …) arrays."""
    bad = np.zeros(per_step[0].shape[0], dtype=bool)
    for values in per_step:
        bad |= ~np.isfinite(values.reshape(values.shape[0], -1)).all(axis=1)
    return int(np.argmax(bad)) + 1 if bad.any() else None


@dataclass(frozen=True, eq=False)
class ForwardPass:
    setup: BPTTSetup
    trace: srn.Trace  # xs, h_prev, z (pre_activation), h, y per step, t = 1..T
    targets: np.ndarray  # (T, O) y*_t (NaN at steps without a target)
    delta_y: np.ndarray  # (T, O) ∂L/∂y_t = y_t − y*_t, zero at steps without a target
    step_losses: np.ndarray  # (T,) ½‖y_t − y*_t‖², zero at steps without a target
    loss: float
    overflow_step: int | None  # first t whose h, y or loss term is not a finite float64


def forward(setup: BPTTSetup) -> ForwardPass:
    """Run the SRN (SPEC 1) and the loss, in float64."""
    trace = srn.run_numpy(setup.weights, setup.xs, setup.activation)
    mask = setup.target_mask[:, None]  # (T, 1)
    with np.errstate(over="ignore", invalid="ignore"):
        delta_y = np.where(mask, trace.y - setup.targets, 0.0)  # (T, O)
        step_losses = 0.5 * np.sum(delta_y * delta_y, axis=1)  # (T,)
        loss = float(np.sum(step_losses))
    targets = np.where(mask, setup.targets, np.nan)
    overflow = _first_bad_step(trace.h, trace.y, step_losses)
    return ForwardPass(setup, trace, targets, delta_y, step_losses, loss, overflow)


# --- backward, by hand -------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class BackwardStep:
    """Everything computed at step t of the walk t = T … 1."""

    t: int  # 1-based
    has_target: bool
    delta_y: np.ndarray  # (O,) δy_t = y_t − y*_t
    from_output: np.ndarray  # (H,) Vᵀ δy_t
    from_next: np.ndarray  # (H,) Uᵀ δz_{t+1} (zeros at t = T, or where truncation cuts)
    cut: bool  # truncation detached h_t here: what step t+1 sent back was dropped
    blocked: np.ndarray  # (H,) Uᵀ δz_{t+1} that the cut dropped (zeros where nothing was cut)
    dh: np.ndarray  # (H,) ∂L/∂h_t = from_output + from_next
    f_prime: np.ndarray  # (H,) f′(z_t)
    delta_z: np.ndarray  # (H,) δz_t = f′(z_t) ⊙ ∂L/∂h_t
    contribution: Gradients  # what step t adds to each gradient
    running: Gradients  # the sums over steps T … t (after step 1: the gradients)


@dataclass(frozen=True, eq=False)
class BackwardPass:
    forward: ForwardPass
    walk: tuple[BackwardStep, ...]  # in the order computed: t = T, T-1, …, 1
    gradients: Gradients  # = walk[-1].running
    k: int | None  # truncation (None: full BPTT)
    overflow_step: int | None  # first t in the walk where a value is not a finite float64

    @property
    def loss(self) -> float:
        return self.forward.loss

    def step(self, t: int) -> BackwardStep:
        """The record of step t (1-based)."""
        if not 1 <= t <= len(self.walk):
            raise ValueError(f"t must be between 1 and {len(self.walk)}, not {t!r}")
        return self.walk[len(self.walk) - t]

    def contributions(self, name: str) -> np.ndarray:
        """(T, *shape): row t-1 is what step t adds to ∂L/∂name (ordered t = 1..T)."""
        return np.stack([self.step(t).contribution[name] for t in range(1, len(self.walk) + 1)])

    def running_sums(self, name: str) -> np.ndarray:
        """(T, *shape): row t-1 is ∂L/∂name summed over steps T … t (ordered t = 1..T)."""
        return np.stack([self.step(t).running[name] for t in range(1, len(self.walk) + 1)])

    def per_step(self, part: str) -> np.ndarray:
        """(T, n) of one BackwardStep vector field (delta_y, dh, delta_z, …), t = 1..T."""
        return np.stack([getattr(self.step(t), part) for t in range(1, len(self.walk) + 1)])

    def dh_norms(self) -> np.ndarray:
        """(T,) ‖∂L/∂h_t‖: how much gradient reaches each step's state."""
        with np.errstate(over="ignore", invalid="ignore"):
            return np.linalg.norm(self.per_step("dh"), axis=1)


def backward(setup: BPTTSetup, k: int | None = None,
             forward_pass: ForwardPass | None = None) -> BackwardPass:
    """BPTT by hand, walking t = T … 1 (SPEC 9); with `k`, truncated BPTT.

    Truncation detaches the state at the end of every chunk [1..k], [k+1..2k], …:
    at t = k, 2k, … the term Uᵀ δz_{t+1} that step t+1 sends back is dropped, so a loss
    term reaches the weights only through the steps of its own chunk.
    """
    k = check_truncation(k)
    fwd = forward(setup) if forward_pass is None else forward_pass
    weights, trace = setup.weights, fwd.trace
    steps = setup.steps
    mask = setup.target_mask
    running = Gradients.zeros(weights)
    delta_z_next = np.zeros(weights.sizes[1])
    walk = []
    with np.errstate(over="ignore", invalid="ignore"):
        f_primes = derivative(setup.activation, trace.pre_activation, trace.h)  # (T, H)
        for t in range(steps, 0, -1):
            i = t - 1
            delta_y = fwd.delta_y[i]
            from_output = weights.V.T @ delta_y
            sent_back = weights.U.T @ delta_z_next if t < steps else np.zeros_like(from_output)
            cut = k is not None and t < steps and t % k == 0
            from_next = np.zeros_like(sent_back) if cut else sent_back
            blocked = sent_back if cut else np.zeros_like(sent_back)
            dh = from_output + from_next
            delta_z = f_primes[i] * dh
            contribution = Gradients(
                W=np.outer(delta_z, trace.xs[i]),
                U=np.outer(delta_z, trace.h_prev[i]),
                b=delta_z.copy(),
                V=np.outer(delta_y, trace.h[i]),
                c=delta_y.copy(),
            )
            running = running + contribution
            walk.append(BackwardStep(t, bool(mask[i]), delta_y.copy(), from_output, from_next,
                                     cut, blocked, dh, f_primes[i].copy(), delta_z,
                                     contribution, running))
            delta_z_next = delta_z
    overflow = None
    for record in walk:
        values = (record.delta_y, record.dh, record.delta_z, record.blocked,
                  record.contribution.flat(), record.running.flat())
        if not all(np.isfinite(v).all() for v in values):
            overflow = record.t
            break
    return BackwardPass(fwd, tuple(walk), running, k, overflow)


# --- the same gradients by torch.autograd ------------------------------------------------

def autograd_gradients(setup: BPTTSetup, k: int | None = None) -> tuple[float, Gradients]:
    """(L, gradients) by torch.autograd in float64; with `k`, h is detached every k steps."""
    k = check_truncation(k)
    params = {name: torch.tensor(getattr(setup.weights, name), dtype=torch.float64,
                                 requires_grad=True) for name in PARAMETERS}
    W, U, b, V, c = (params[name] for name in PARAMETERS)
    f = TORCH_FUNCTIONS[setup.activation]
    xs = torch.as_tensor(setup.xs)  # (T, I)
    targets = torch.as_tensor(setup.targets)  # (T, O)
    mask = setup.target_mask
    h = torch.zeros(setup.weights.sizes[1], dtype=torch.float64)
    loss = torch.zeros((), dtype=torch.float64)
    for i in range(setup.steps):
        if k is not None and i > 0 and i % k == 0:
            h = h.detach()  # a new chunk starts at t = i + 1: the state is carried, not its graph
        h = f(W @ xs[i] + U @ h + b)
        y = V @ h + c
        if mask[i]:
            loss = loss + 0.5 * torch.sum((y - targets[i]) ** 2)
    loss.backward()
    grads = Gradients(*(params[name].grad.numpy().copy() for name in PARAMETERS))
    return float(loss.detach()), grads


def autograd_difference(backward_pass: BackwardPass) -> float:
    """Largest |hand-written − autograd| over every gradient entry, for the same truncation."""
    _, expected = autograd_gradients(backward_pass.forward.setup, backward_pass.k)
    return max_abs_difference(backward_pass.gradients, expected)


# --- vanishing and exploding: the Jacobian products ∂h_T/∂h_t ----------------------------

@dataclass(frozen=True, eq=False)
class JacobianNorms:
    """‖∂h_T/∂h_t‖₂ (spectral norm: the largest singular value) for t = 1..T.

    ∂h_T/∂h_t = ∏_{s=t+1..T} diag(f′(z_s)) U, so norms[T-1] = 1 (the empty product).
    A norm that falls towards t = 1 is a vanishing gradient, one that grows an exploding one.
    """

    norms: np.ndarray  # (T,) inf where the product overflowed
    f_prime: np.ndarray  # (T, H) f′(z_t)
    spectral_radius: float  # of U
    overflow_step: int | None  # largest t whose product is not finite (the walk goes T … 1)

    @property
    def vanished_step(self) -> int | None:
        """The largest t whose norm is exactly 0 (underflow, or relu units all off), if any.

        A log axis cannot draw 0: the page should say so rather than leave a silent gap.
        """
        zero = np.flatnonzero(self.norms == 0)
        return int(zero[-1]) + 1 if zero.size else None


def jacobian_norms(setup: BPTTSetup, forward_pass: ForwardPass | None = None) -> JacobianNorms:
    fwd = forward(setup) if forward_pass is None else forward_pass
    trace = fwd.trace
    U = setup.weights.U
    steps, n_hidden = trace.h.shape
    norms = np.full(steps, np.inf)
    overflow = None
    product = np.eye(n_hidden)  # ∂h_T/∂h_T
    with np.errstate(over="ignore", invalid="ignore"):
        f_prime = derivative(setup.activation, trace.pre_activation, trace.h)  # (T, H)
        for i in range(steps - 1, -1, -1):  # i = t - 1
            if not np.isfinite(product).all():
                overflow = i + 1
                break
            norms[i] = np.linalg.norm(product, ord=2)
            if i > 0:
                product = product @ (f_prime[i][:, None] * U)  # · ∂h_{t+1}/∂h_t
    return JacobianNorms(norms, f_prime, srn.spectral_radius(U), overflow)


# --- gradient clipping and one SGD step ---------------------------------------------------

@dataclass(frozen=True, eq=False)
class Clipping:
    theta: float
    norm_before: float  # ‖g‖ over all parameters together
    norm_after: float
    factor: float  # θ/‖g‖ when ‖g‖ > θ, else 1
    clipped: bool  # the rescaling happened
    gradients: Gradients  # g · factor


def clip_gradients(gradients: Gradients, theta: float) -> Clipping:
    """g ← g · θ / ‖g‖ when ‖g‖ > θ (SPEC 9), the norm over all parameters together.

    An infinite or NaN norm cannot be rescaled to θ: the gradients come back unchanged
    with factor NaN and clipped False, so the page can say so instead of stepping.
    """
    theta = _check_positive("theta", theta)
    norm = gradients.norm()
    if not math.isfinite(norm):
        return Clipping(theta, norm, norm, math.nan, False, gradients)
    if norm <= theta:
        return Clipping(theta, norm, norm, 1.0, False, gradients)
    factor = theta / norm
    scaled = gradients.scaled(factor)
    return Clipping(theta, norm, scaled.norm(), factor, True, scaled)


def sgd_step(weights: SRNWeights, gradients: Gradients, lr: float) -> SRNWeights:
    """One plain gradient-descent step: every parameter p ← p − lr · ∂L/∂p."""
    lr = _check_positive("lr", lr)
    with np.errstate(over="ignore", invalid="ignore"):
        return SRNWeights(*(getattr(weights, name) - lr * gradients[name]
                            for name in PARAMETERS))


@dataclass(frozen=True, eq=False)
class ClippingDemo:
    setup: BPTTSetup
    lr: float
    gradients: Gradients  # the full BPTT gradients
    clipping: Clipping
    loss_before: float
    loss_after_plain: float  # after one SGD step with the raw gradients
    loss_after_clipped: float  # after one SGD step with the clipped gradients
    weights_after_plain: SRNWeights
    weights_after_clipped: SRNWeights


def clipping_demo(setup: BPTTSetup, theta: float = DEFAULT_THETA, lr: float = DEFAULT_LR,
                  k: int | None = None) -> ClippingDemo:
    """One SGD step with and without clipping to θ, and the loss after each."""
    pass_ = backward(setup, k)
    clipping = clip_gradients(pass_.gradients, theta)
    plain = sgd_step(setup.weights, pass_.gradients, lr)
    clipped = sgd_step(setup.weights, clipping.gradients, lr)
    return ClippingDemo(setup, float(lr), pass_.gradients, clipping, pass_.loss,
                        forward(setup.with_weights(plain)).loss,
                        forward(setup.with_weights(clipped)).loss, plain, clipped)


# --- truncated BPTT --------------------------------------------------------------------

def chunks(steps: int, k: int) -> tuple[tuple[int, int], ...]:
    """((1, k), (k+1, 2k), …) up to T, 1-based and inclusive."""
    k = check_truncation(k)
    return tuple((start, min(start + k - 1, steps)) for start in range(1, steps + 1, k))


@dataclass(frozen=True, eq=False)
class Truncation:
    k: int
    full: BackwardPass
    truncated: BackwardPass
    chunks: tuple[tuple[int, int], ...]  # [(1, k), (k+1, 2k), …], 1-based, inclusive

    def kept(self, name: str) -> np.ndarray:
        """(T, *shape) each step's contribution to ∂L/∂name under truncation, t = 1..T."""
        return self.truncated.contributions(name)

    def dropped(self, name: str) -> np.ndarray:
        """(T, *shape) the part of each full contribution that truncation drops.

        Every δz_t is linear in the loss terms, so full = kept + dropped exactly: the
        dropped part is what the loss terms of later chunks would have sent to step t.
        """
        with np.errstate(over="ignore", invalid="ignore"):
            return self.full.contributions(name) - self.kept(name)

    @property
    def difference(self) -> Gradients:
        """full − truncated gradients."""
        return self.full.gradients - self.truncated.gradients


def truncate(setup: BPTTSetup, k: int) -> Truncation:
    """Full and k-step truncated BPTT on the same forward pass."""
    k = check_truncation(k)
    if k is None:
        raise ValueError("k (truncation) must be a whole number of steps >= 1")
    fwd = forward(setup)
    return Truncation(k, backward(setup, None, fwd), backward(setup, k, fwd),
                      chunks(setup.steps, k))


# --- tables for the page ----------------------------------------------------------------

FORWARD_NAMES = {"t": "t", "x": "x", "h_prev": "h_prev", "z": "z", "h": "h", "y": "y",
                 "target": "y*", "loss": "L_t"}
BACKWARD_NAMES = {"t": "t", "delta_y": "δy", "from_output": "Vᵀδy", "from_next": "Uᵀδz_next",
                  "dh": "∂L/∂h", "f_prime": "f′(z)", "delta_z": "δz"}


def _columns(stem: str, values: np.ndarray) -> dict[str, np.ndarray]:
    return {f"{stem}[{i + 1}]": values[:, i] for i in range(values.shape[1])}


def forward_table(fwd: ForwardPass, names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """One row per step t = 1..T: x, h_{t-1}, z, h, y, y* (NaN without a target), L_t.

    `names` renames the column stems (keys of FORWARD_NAMES); vector columns are
    stem[1], stem[2], …
    """
    names = {**FORWARD_NAMES, **(names or {})}
    trace = fwd.trace
    columns: dict[str, np.ndarray] = {names["t"]: np.arange(1, trace.steps + 1)}
    for key, values in (("x", trace.xs), ("h_prev", trace.h_prev), ("z", trace.pre_activation),
                        ("h", trace.h), ("y", trace.y), ("target", fwd.targets)):
        columns.update(_columns(names[key], values))
    columns[names["loss"]] = fwd.step_losses
    return pd.DataFrame(columns)


def backward_table(pass_: BackwardPass, names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """One row per step in the walk order t = T … 1: δy, Vᵀδy, Uᵀδz_{t+1}, ∂L/∂h, f′(z), δz.

    `names` renames the column stems (keys of BACKWARD_NAMES).
    """
    names = {**BACKWARD_NAMES, **(names or {})}
    columns: dict[str, np.ndarray] = {names["t"]: np.array([r.t for r in pass_.walk])}
    for key in ("delta_y", "from_output", "from_next", "dh", "f_prime", "delta_z"):
        columns.update(_columns(names[key], np.stack([getattr(r, key) for r in pass_.walk])))
    return pd.DataFrame(columns)


def contributions_table(pass_: BackwardPass, name: str, running: bool = False,
                        t_name: str = "t") -> pd.DataFrame:
    """One row per step in the walk order t = T … 1, one column per entry (U[1,2], …).

    The values are step t's contribution to ∂L/∂name, or with `running` the sums over
    steps T … t (whose last row is the gradient).
    """
    if name not in PARAMETERS:
        raise ValueError(f"unknown parameter {name!r}; choose one of {list(PARAMETERS)}")
    values = np.stack([(r.running if running else r.contribution)[name].ravel()
                       for r in pass_.walk])  # (T, entries)
    labels = entry_labels(name, pass_.gradients[name].shape)
    frame = pd.DataFrame(values, columns=labels)
    frame.insert(0, t_name, [r.t for r in pass_.walk])
    return frame


def gradients_table(hand: Gradients, reference: Gradients,
                    names: Sequence[str] = ("entry", "by hand", "autograd", "|difference|"),
                    ) -> pd.DataFrame:
    """One row per gradient entry: its label, the two values and their absolute difference."""
    labels, mine, theirs = [], [], []
    for name, values in hand.items():
        labels += entry_labels(name, values.shape)
        mine.append(values.ravel())
        theirs.append(reference[name].ravel())
    mine_flat, theirs_flat = np.concatenate(mine), np.concatenate(theirs)
    with np.errstate(over="ignore", invalid="ignore"):
        difference = np.abs(mine_flat - theirs_flat)
    entry, by_hand, autograd, diff = names
    return pd.DataFrame({entry: labels, by_hand: mine_flat, autograd: theirs_flat,
                         diff: difference})
