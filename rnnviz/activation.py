"""The same SRN run under several activations: growth, saturation and vanishing (SPEC 2).

The run is SPEC 1's network (every weight 1, biases 0) fed SPEC 1's inputs
[1,1], [1,1], [2,2]; longer sequences go on with a constant input after step 3
(`tail`): [1,1] by default, so that whatever happens to h after step 3 comes from
the recurrence alone (the input no longer changes), or [0,0], no input at all,
so that a state the recurrence shrinks falls to 0 instead of settling where the
input holds it (with scale s and input [1,1] the identity net settles at
h = 2 / (1 - 2s), 3.33 for s = 0.2: the past is forgotten, but h does not fade).
The recurrent weights are multiplied by `scale`, which moves the spectral radius
of U across 1.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from rnnviz import srn

MAX_STEPS = 200
DEFAULT_STEPS = 20
# What is fed after SPEC 1's three inputs: the same [1,1] on, or nothing ([0,0]).
TAILS = {"ones": (1.0, 1.0), "zeros": (0.0, 0.0)}
DEFAULT_TAIL = "ones"
CONTINUATION_INPUT = TAILS[DEFAULT_TAIL]
COURSE_STEPS = len(srn.DEFAULT_INPUTS)  # the inputs SPEC 1 gives: 3
# The recurrent scale is chosen from this ladder: below 0.5 the state fades, at 1 the
# identity net doubles every step (spectral radius 2), and from about 20 the identity
# net overflows float64 within 200 steps.
SCALES = (0.01, 0.05, 0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 5.0, 10.0,
          20.0, 50.0, 100.0)
DEFAULT_SCALE = 1.0


@dataclass(frozen=True)
class ComparisonConfig:
    steps: int = DEFAULT_STEPS
    scale: float = DEFAULT_SCALE
    activations: tuple[str, ...] = srn.ACTIVATIONS
    tail: str = DEFAULT_TAIL

    def __post_init__(self) -> None:
        if self.tail not in TAILS:
            raise ValueError(f"tail must be one of {list(TAILS)}, got {self.tail!r}")
        if not 1 <= self.steps <= MAX_STEPS:
            raise ValueError(f"steps must be between 1 and {MAX_STEPS}, got {self.steps}")
        if not np.isfinite(self.scale) or self.scale < 0:
            raise ValueError(f"scale must be a finite number >= 0, got {self.scale}")
        for name in self.activations:
            srn.check_activation(name)


@dataclass(frozen=True)
class ActivationRun:
    activation: str
    trace: srn.Trace
    gradient_norms: np.ndarray  # (T,) ‖∂h_T/∂h_t‖, t = 1..T


@dataclass(frozen=True)
class Comparison:
    config: ComparisonConfig
    weights: srn.SRNWeights
    xs: np.ndarray  # (T, 2)
    runs: dict[str, ActivationRun]

    @property
    def spectral_radius(self) -> float:
        return srn.spectral_radius(self.weights.U)

    def overflows(self) -> dict[str, int]:
        """activation -> first step whose state is no longer a finite float64."""
        return {name: run.trace.overflow_step for name, run in self.runs.items()
                if run.trace.overflow_step is not None}


def inputs(steps: int, tail: str = DEFAULT_TAIL) -> np.ndarray:
    """SPEC 1's three inputs, cut or continued with the `tail` input to `steps` rows: (T, 2)."""
    spec = np.array(srn.DEFAULT_INPUTS)
    if steps <= len(spec):
        return spec[:steps].copy()
    rest = np.tile(TAILS[tail], (steps - len(spec), 1))
    return np.vstack([spec, rest])


def compare(config: ComparisonConfig) -> Comparison:
    """Run the SPEC network once per activation, with the gradient through time of each."""
    weights = srn.SRNWeights.filled().with_recurrent_scale(config.scale)
    xs = inputs(config.steps, config.tail)
    runs = {}
    for name in config.activations:
        trace = srn.run_numpy(weights, xs, name)
        with np.errstate(over="ignore", invalid="ignore"):
            norms = srn.hidden_gradient_norms(weights, xs, name)
        runs[name] = ActivationRun(name, trace, norms)
    return Comparison(config, weights, xs, runs)


def first_outputs(comparison: Comparison, count: int = 3) -> dict[str, list[float]]:
    """y_t (first output unit) for the first `count` steps of each activation."""
    return {name: [float(v) for v in run.trace.y[:count, 0]]
            for name, run in comparison.runs.items()}


@dataclass(frozen=True)
class RunSummary:
    """One run in numbers: h (unit 1) after the last course input and at T, and the
    gradient from h_T back to h_1."""

    start_step: int  # 3, or T when the sequence is shorter
    start: float
    end: float
    gradient: float  # ‖∂h_T/∂h_1‖


def summaries(comparison: Comparison) -> dict[str, RunSummary]:
    """Per activation, where h starts from once the course inputs are in and where it ends."""
    start_step = min(COURSE_STEPS, comparison.config.steps)
    return {name: RunSummary(start_step, float(run.trace.h[start_step - 1, 0]),
                         float(run.trace.h[-1, 0]), float(run.gradient_norms[0]))
            for name, run in comparison.runs.items()}


def comparison_table(comparison: Comparison) -> pd.DataFrame:
    """One row per step: the input, and h, y and the gradient norm of every activation."""
    columns: dict[str, np.ndarray] = {"t": np.arange(1, comparison.config.steps + 1)}
    for i in range(comparison.xs.shape[1]):
        columns[f"x{i + 1}"] = comparison.xs[:, i]
    for name, run in comparison.runs.items():
        columns[f"h1_{name}"] = run.trace.h[:, 0]
        columns[f"y1_{name}"] = run.trace.y[:, 0]
        columns[f"grad_norm_{name}"] = run.gradient_norms
    return pd.DataFrame(columns)
