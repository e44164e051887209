"""Sine-wave forecast: a recurrent network learns sin(t), then forecasts it (SPEC section 3).

- Model: a recurrent layer (SPEC: `nn.RNN(1, 16, batch_first=True)`) whose
  parameters are drawn from N(0, 0.001), then `nn.Linear(H, 1)` per step.
- Data: `points` evenly spaced samples of sin(t) from t = k with spacing
  10 / 49 (SPEC: 50 points on [k, k + 10], k in {0, 1, 2}); the input is every
  point but the last, the target every point but the first.
- "reference" recipe (SPEC 3): Adam lr 0.01, MSE, one random window per
  iteration, the hidden state carried (detached) from one iteration to the next.
- "fast" recipe: all three windows in every batch from a zero hidden state (the
  state the forecast starts from), a cosine learning-rate schedule, and early
  stopping once the forecast of window [1, 11] is good enough.
- Forecast MSE: start from the first point of window [1, 11] and a zero hidden
  state, feed each prediction back for 49 steps, and average the squared error
  against the true 49 points that follow.
- Warm-up: a forecast from any other start (another phase of the curve) fails from a
  zero state, since one value cannot say whether the curve is rising or falling. With
  `warm_up=k` the model first reads the k true points before the start (as the
  language model reads its prefix), so its state carries the phase, then the start
  point, then feeds its predictions back; k = 0 is the forecast from one point.

The three windows are the whole data set, so the window the forecast is judged
on is also trained on: the lesson is teacher forcing versus free running
(errors compounding), not generalisation to unseen data.
"""

from __future__ import annotations

import math
import numbers
import time
from collections.abc import Generator, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from rnnviz.jobs import run_to_end  # noqa: F401  (sine.run_to_end for notebooks)
from rnnviz.training import TrainingRequest, check_choice, check_range
from rnnviz.validate import parse_number

CELLS = ("rnn", "lstm", "gru")
RECIPES = ("fast", "reference")
CELL_CLASSES = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}

SPEC_POINTS = 50
SPEC_SPAN = 10.0
STEP = SPEC_SPAN / (SPEC_POINTS - 1)  # the time between two samples, kept for any window length
STARTS = (0, 1, 2)
EVAL_START = 1  # Forecast MSE is judged on the window [1, 11]
EVAL_STEPS = SPEC_POINTS - 1
INIT_STD = 0.001
SPEC_HIDDEN = 16
SPEC_LR = 0.01
SPEC_ITERATIONS = 6000
QUALITY_BAR = 1.0e-2  # the Fast recipe must reach a Forecast MSE at most this

FAST_LR = 0.02
FAST_ITERATIONS = 600
FAST_TARGET = 7.0e-3  # early stopping, with a margin under the bar so the forecast looks right
FAST_EVAL_EVERY = 20

MAX_HIDDEN = 128
MAX_ITERATIONS = 20_000
MIN_POINTS, MAX_POINTS = 5, 400
MAX_HORIZON = 300  # the animation's frames grow as its square
MAX_WARM_UP = SPEC_POINTS - 1  # true points read before the start: up to a window's worth
MAX_START = 20.0  # a forecast may start anywhere in t from 0 to this
# The forecast's own settings (steps, start, warm-up points) and their limits.
FORECAST_RANGES = {"horizon": (1, MAX_HORIZON), "start": (0.0, MAX_START),
                   "warm_up": (0, MAX_WARM_UP)}
MAX_LR = 1e9
MAX_SEED = 1_000_000
# sin(t) lies in [-1, 1]: a mean squared error this large means predictions hundreds away,
# a run that has blown up even where Adam keeps the numbers finite.
DIVERGED_LOSS = 1e4
MAX_RECORDS = 200  # per run, so a long run stays cheap to keep and to draw
MAX_FORECAST_CHECKS = 40  # forecast MSE points on the live curve of a run without early stopping


# The settings a student types as text: their limits (inclusive), and whole numbers or not.
TYPED_SETTINGS: dict[str, tuple[float, float, bool]] = {
    "hidden": (1, MAX_HIDDEN, True), "lr": (1e-6, MAX_LR, False),
    "iterations": (1, MAX_ITERATIONS, True), "points": (MIN_POINTS, MAX_POINTS, True),
}


def parse_setting(name: str, raw: str) -> tuple[int | float | None, str | None]:
    """A typed setting's value and None, or None and the reason it cannot be used (a reason
    of `rnnviz.validate.parse_number`, or "integer" for a fraction where a whole number is
    needed)."""
    low, high, integer = TYPED_SETTINGS[name]
    value, reason = parse_number(raw, low, high)
    if reason is None and integer and not float(value).is_integer():
        reason = "integer"
    if reason is not None:
        return None, reason
    return (int(value) if integer else value), None


def typed_setting(name: str, raw: str) -> str:
    """`raw` itself if it is a usable value of the setting `name`, else a ValueError."""
    if parse_setting(name, raw)[1] is not None:
        raise ValueError(f"{name}: {raw!r} cannot be used")
    return raw


# --- Data --------------------------------------------------------------------------------

def times(start: float, points: int) -> np.ndarray:
    """`points` sample times from `start`, STEP apart."""
    return start + STEP * np.arange(points)


def window(start: float, points: int = SPEC_POINTS) -> np.ndarray:
    """sin(t) at `points` sample times from `start` (SPEC: np.linspace(k, k + 10, 50))."""
    return np.sin(times(start, points))


def batch(starts, points: int = SPEC_POINTS) -> tuple[torch.Tensor, torch.Tensor]:
    """Inputs and next-step targets of the windows starting at `starts`, each (B, T - 1, 1)."""
    data = torch.tensor(np.stack([window(k, points) for k in starts]), dtype=torch.float32)
    data = data.unsqueeze(-1)  # (B, T, 1)
    return data[:, :-1], data[:, 1:]


# --- Configuration and model -------------------------------------------------------------

def _check_integer(name: str, value: Any, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{name} must be a whole number, not {value!r}")
    check_range(name, value, low, high)


@dataclass(frozen=True)
class SineRequest(TrainingRequest):
    """One training run of the sine page: everything it depends on, validated and hashable.

    `start()` is `train(self)`; the result is a `SineResult`.
    """

    kind: ClassVar[str] = "sine"

    recipe: str = "fast"
    cell: str = "rnn"
    hidden: int = SPEC_HIDDEN
    lr: float = FAST_LR
    iterations: int = FAST_ITERATIONS
    points: int = SPEC_POINTS
    seed: int = 0
    early_stop: bool = True  # fast recipe only

    def __post_init__(self) -> None:
        check_choice("recipe", self.recipe, RECIPES)
        check_choice("cell", self.cell, CELLS)
        _check_integer("hidden", self.hidden, 1, MAX_HIDDEN)
        if isinstance(self.lr, bool) or not isinstance(self.lr, numbers.Real) \
                or not (math.isfinite(self.lr) and 0 < self.lr <= MAX_LR):
            raise ValueError(f"lr must be a positive number up to {MAX_LR:g}, not {self.lr!r}")
        _check_integer("iterations", self.iterations, 1, MAX_ITERATIONS)
        _check_integer("points", self.points, MIN_POINTS, MAX_POINTS)
        _check_integer("seed", self.seed, 0, MAX_SEED)
        if not isinstance(self.early_stop, bool):
            raise ValueError(f"early_stop must be True or False, not {self.early_stop!r}")
        for name in ("hidden", "iterations", "points", "seed"):
            object.__setattr__(self, name, int(getattr(self, name)))
        object.__setattr__(self, "lr", float(self.lr))
        if self.recipe == "reference":
            object.__setattr__(self, "early_stop", False)

    def start(self) -> TrainingGenerator:
        return train(self)

    @property
    def total_steps(self) -> int:
        return self.iterations

    @property
    def is_spec(self) -> bool:
        """Exactly the SPEC 3 recipe (any seed)."""
        return self == reference_config(self.seed)


SineConfig = SineRequest  # the name of the run's settings in older code and notebooks

# What choosing a recipe on the page sets (the seed is left as it is).
RECIPE_SETTINGS: dict[str, dict[str, Any]] = {
    "fast": {"cell": "rnn", "hidden": SPEC_HIDDEN, "lr": FAST_LR,
             "iterations": FAST_ITERATIONS, "points": SPEC_POINTS, "early_stop": True},
    "reference": {"cell": "rnn", "hidden": SPEC_HIDDEN, "lr": SPEC_LR,
                  "iterations": SPEC_ITERATIONS, "points": SPEC_POINTS, "early_stop": False},
}


def recipe_fields(recipe: str) -> dict[str, Any]:
    """The recipe's settings as the page's widgets hold them (a text box holds text)."""
    return {name: value if isinstance(value, bool) else str(value)
            for name, value in RECIPE_SETTINGS[recipe].items()}


def reference_config(seed: int = 0) -> SineRequest:
    """SPEC 3 exactly."""
    return SineRequest(recipe="reference", **RECIPE_SETTINGS["reference"], seed=seed)


def fast_config(seed: int = 0) -> SineRequest:
    return SineRequest(recipe="fast", **RECIPE_SETTINGS["fast"], seed=seed)


class SineRNN(nn.Module):
    """A recurrent layer reading one number per step, and a linear read-out per step."""

    def __init__(self, config: SineConfig):
        super().__init__()
        self.cell_type = config.cell
        self.hidden_size = config.hidden
        self.rnn = CELL_CLASSES[config.cell](1, config.hidden, num_layers=1, batch_first=True)
        self.linear = nn.Linear(config.hidden, 1)

    def init_hidden(self, batch: int):
        zeros = torch.zeros(1, batch, self.hidden_size)
        return (zeros, zeros.clone()) if self.cell_type == "lstm" else zeros

    def forward(self, x: torch.Tensor, hidden) -> tuple[torch.Tensor, Any]:
        out, hidden = self.rnn(x, hidden)  # (B, T, H)
        return self.linear(out), hidden  # (B, T, 1)


def build_model(config: SineConfig) -> SineRNN:
    """The model initialised as `torch.manual_seed(seed)` then the SPEC code would.

    The SPEC code builds the layer (its own uniform draws), overwrites every
    layer parameter with N(0, 0.001), then builds the Linear. A private
    generator makes the same draws, so other threads' use of the global RNG
    changes nothing.
    """
    model = SineRNN(config)
    generator = torch.Generator().manual_seed(config.seed)
    with torch.no_grad():
        bound = 1.0 / math.sqrt(config.hidden)
        for parameter in model.rnn.parameters():
            nn.init.uniform_(parameter, -bound, bound, generator=generator)
        for parameter in model.rnn.parameters():
            nn.init.normal_(parameter, 0.0, INIT_STD, generator=generator)
        nn.init.kaiming_uniform_(model.linear.weight, a=math.sqrt(5), generator=generator)
        bound = 1.0 / math.sqrt(config.hidden)
        nn.init.uniform_(model.linear.bias, -bound, bound, generator=generator)
    return model


def detach_hidden(hidden):
    return tuple(h.detach() for h in hidden) if isinstance(hidden, tuple) else hidden.detach()


def hidden_of(hidden) -> torch.Tensor:
    """The h part of a layer's state (an LSTM also carries c)."""
    return hidden[0] if isinstance(hidden, tuple) else hidden


# --- Forecasting -------------------------------------------------------------------------

@dataclass(frozen=True)
class Forecast:
    """A forecast of `steps` points after the start point.

    times (steps + 1,) and truth (steps + 1,) include the start point; the
    predictions (steps,) and hidden states (steps, H) belong to times[1:]. With a
    warm-up, warm_times and warm_truth (k,) are the true points read before the start
    and warm_hidden (k, H) the states after reading each, which belong to the times
    that follow (warm_times[1:], then the start).
    """

    times: np.ndarray
    truth: np.ndarray
    free_running: np.ndarray
    teacher_forced: np.ndarray
    hidden: np.ndarray
    warm_times: np.ndarray = field(default_factory=lambda: np.zeros(0))
    warm_truth: np.ndarray = field(default_factory=lambda: np.zeros(0))
    warm_hidden: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))

    @property
    def warm_up(self) -> int:
        """How many true points were read before the start point."""
        return len(self.warm_times)

    @property
    def start(self) -> float:
        return float(self.times[0])

    @property
    def steps(self) -> int:
        return len(self.free_running)

    @property
    def free_running_mse(self) -> float:
        return float(np.mean((self.free_running - self.truth[1:]) ** 2))

    @property
    def teacher_forced_mse(self) -> float:
        return float(np.mean((self.teacher_forced - self.truth[1:]) ** 2))

    def columns(self) -> dict[str, np.ndarray]:
        """The forecast point by point, one column per code (step, t, truth, free, one_step,
        free_error), rounded for a table."""
        return {
            "step": np.arange(1, len(self.free_running) + 1),
            "t": self.times[1:].round(4),
            "truth": self.truth[1:].round(6),
            "free": self.free_running.round(6),
            "one_step": self.teacher_forced.round(6),
            "free_error": (self.free_running - self.truth[1:]).round(6),
        }


def read(model: SineRNN, values: torch.Tensor, hidden) -> tuple[Any, torch.Tensor]:
    """Read the true `values` (B, T) one step at a time: the state after the last and the
    h after each (B, T, H)."""
    states = []
    with torch.no_grad():
        for t in range(values.shape[1]):
            _, hidden = model(values[:, t].view(-1, 1, 1), hidden)
            states.append(hidden_of(hidden)[-1])
    if not states:
        return hidden, torch.zeros(values.shape[0], 0, model.hidden_size)
    return hidden, torch.stack(states, dim=1)


def free_running(model: SineRNN, first: torch.Tensor, steps: int,
                 hidden=None) -> tuple[torch.Tensor, torch.Tensor]:
    """Feed each prediction back as the next input: predictions (B, steps) and h (B, steps, H).

    `first` (B,) are the start points; the hidden state starts at zero unless given.
    """
    value = first.view(-1, 1, 1)  # (B, 1, 1)
    hidden = model.init_hidden(value.shape[0]) if hidden is None else hidden
    predictions, states = [], []
    with torch.no_grad():
        for _ in range(steps):
            value, hidden = model(value, hidden)
            predictions.append(value[:, 0, 0])
            states.append(hidden_of(hidden)[-1])
    return torch.stack(predictions, dim=1), torch.stack(states, dim=1)


def check_forecast(start: float, steps: int, warm_up: int) -> None:
    """A ValueError naming the setting unless a forecast of these can be made."""
    if not 1 <= steps <= MAX_HORIZON:
        raise ValueError(f"steps must be 1 to {MAX_HORIZON}, got {steps}")
    if isinstance(warm_up, bool) or not isinstance(warm_up, numbers.Integral) \
            or not 0 <= warm_up <= MAX_WARM_UP:
        raise ValueError(f"warm_up must be a whole number from 0 to {MAX_WARM_UP}, "
                         f"got {warm_up!r}")
    if not (isinstance(start, numbers.Real) and math.isfinite(start)):
        raise ValueError(f"start must be a finite number, got {start!r}")


def forecast(model: SineRNN, start: float = EVAL_START, steps: int = EVAL_STEPS,
             hidden=None, warm_up: int = 0) -> Forecast:
    """Free-running and one-step (teacher-forced) predictions of the `steps` points after
    `start`, from a zero state (or `hidden`).

    With `warm_up` k > 0 the model first reads the k true points before `start`, one step
    apart, and both kinds of prediction go on from the state that leaves.
    """
    check_forecast(start, steps, warm_up)
    hidden = model.init_hidden(1) if hidden is None else hidden
    warm_times = times(start - warm_up * STEP, warm_up)
    warm_truth = np.sin(warm_times)
    hidden, warm_states = read(model, torch.tensor(warm_truth, dtype=torch.float32).view(1, -1),
                               hidden)
    truth = window(start, steps + 1)
    first = torch.tensor([truth[0]], dtype=torch.float32)
    predicted, states = free_running(model, first, steps, hidden)
    inputs = torch.tensor(truth[:-1], dtype=torch.float32).view(1, steps, 1)  # (1, T, 1)
    with torch.no_grad():
        one_step, _ = model(inputs, hidden)
    return Forecast(times=times(start, steps + 1), truth=truth,
                    free_running=predicted[0].numpy().astype(float),
                    teacher_forced=one_step[0, :, 0].numpy().astype(float),
                    hidden=states[0].numpy().astype(float),
                    warm_times=warm_times, warm_truth=warm_truth,
                    warm_hidden=warm_states[0].numpy().astype(float))


def forecast_mse(model: SineRNN, hidden=None) -> float:
    """SPEC's Forecast MSE: 49 free-running steps from the first point of [1, 11]."""
    first = torch.tensor([math.sin(EVAL_START)])
    predicted, _ = free_running(model, first, EVAL_STEPS, hidden)
    truth = torch.tensor(window(EVAL_START)[1:], dtype=torch.float32)
    return float(((predicted[0] - truth) ** 2).mean())


# --- Training ----------------------------------------------------------------------------

@dataclass
class SineResult:
    """What a finished (or stopped) run leaves: the weights and how it went."""

    config: SineConfig
    state: dict[str, torch.Tensor]
    iterations: int
    training_time: float
    forecast_mse: float
    stopped_early: bool
    diverged: bool
    carried_hidden: Any = None  # the reference recipe's state left over from training

    def model(self) -> SineRNN:
        model = SineRNN(self.config)
        model.load_state_dict(self.state)
        model.eval()
        return model

    def forecast(self, steps: int = EVAL_STEPS, carried: bool = False,
                 start: float = EVAL_START, warm_up: int = 0) -> Forecast:
        """The trained model's forecast of `steps` points after `start` (t = EVAL_START, the
        window the Forecast MSE is judged on, unless given) from a zero hidden state or
        (`carried`, the reference recipe only) the state left over from training, after
        reading `warm_up` true points before the start."""
        return forecast(self.model(), start, steps, self.carried_hidden if carried else None,
                        warm_up)


def log_interval(iterations: int) -> int:
    return max(1, math.ceil(iterations / MAX_RECORDS))


def check_interval(config: SineConfig) -> int:
    """How often the forecast MSE is measured (the early-stopping test on the fast recipe)."""
    if config.recipe == "fast" and config.early_stop:
        return FAST_EVAL_EVERY
    return max(log_interval(config.iterations), math.ceil(config.iterations / MAX_FORECAST_CHECKS))


TrainingGenerator = Generator[dict[str, Any], None, SineResult]


class _Stopwatch:
    """Time spent computing, not time the consumer holds the generator at a yield."""

    def __init__(self) -> None:
        self.total = 0.0
        self.since = time.perf_counter()

    def pause(self) -> None:
        self.total += time.perf_counter() - self.since

    def resume(self) -> None:
        self.since = time.perf_counter()


def train(config: SineConfig) -> TrainingGenerator:
    """Train one model, yielding {"step", "iteration", "loss", "forecast_mse"} every few iterations.

    "loss" is the mean training MSE since the last record; "forecast_mse" is
    present on records where it was measured. A NaN, infinite or absurdly large
    loss (over DIVERGED_LOSS) stops the run (`diverged`). Returns a `SineResult`.
    """
    watch = _Stopwatch()
    model = build_model(config)
    optimizer = torch.optim.Adam(model.parameters(), lr=config.lr)
    every, check_every = log_interval(config.iterations), check_interval(config)
    reference = config.recipe == "reference"
    if reference:
        picks = np.random.RandomState(config.seed)  # as np.random.seed(seed) then randint(3)
        windows = {k: batch([k], config.points) for k in STARTS}
        hidden = model.init_hidden(1)
    else:
        x, y = batch(STARTS, config.points)
    best = math.inf
    total, count, iteration, stopped_early, diverged = 0.0, 0, 0, False, False
    for iteration in range(1, config.iterations + 1):
        if reference:
            x, y = windows[int(picks.randint(3, size=1)[0])]
            prediction, hidden = model(x, hidden)
            hidden = detach_hidden(hidden)
        else:
            fraction = (iteration - 1) / config.iterations
            for group in optimizer.param_groups:
                group["lr"] = config.lr * 0.5 * (1.0 + math.cos(math.pi * fraction))
            prediction, _ = model(x, model.init_hidden(x.shape[0]))
        loss = F.mse_loss(prediction, y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        value = loss.item()
        total, count = total + value, count + 1
        diverged = not math.isfinite(value) or value > DIVERGED_LOSS
        checked = diverged or iteration % check_every == 0 or iteration == config.iterations
        record = None
        if checked or iteration % every == 0:
            record = {"step": iteration, "iteration": iteration, "loss": total / count}
            total, count = 0.0, 0
        if checked and not diverged:
            record["forecast_mse"] = mse = forecast_mse(model)
            best = min(best, mse)
            stopped_early = config.early_stop and mse <= FAST_TARGET
        if record is not None:
            watch.pause()
            yield record
            watch.resume()
        if diverged or stopped_early:
            break
    watch.pause()
    final_mse = math.nan if diverged else forecast_mse(model)
    state = {name: tensor.detach().clone() for name, tensor in model.state_dict().items()}
    return SineResult(config=config, state=state, iterations=iteration,
                      training_time=watch.total, forecast_mse=final_mse,
                      stopped_early=stopped_early, diverged=diverged,
                      carried_hidden=detach_hidden(hidden) if reference else None)


def curve_numbers(records: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """What the training curve shows at its end: the last training "loss" and its
    "iteration", and the last "forecast" MSE measured (None before the first check)."""
    checked = [r["forecast_mse"] for r in records if "forecast_mse" in r]
    return dict(loss=records[-1]["loss"], iteration=records[-1]["iteration"],
                forecast=checked[-1] if checked else None)
