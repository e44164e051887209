"""hello -> ohlol: a tiny recurrent network learns to map one string onto another.

SPEC section 4. The vocabulary is the sorted set of characters of both
strings: for "hello" / "ohlol" that is idx2char = [e, h, l, o], the input
[1, 0, 2, 2, 3] and the target [3, 1, 2, 3, 2].

- Variant A: one-hot inputs into `nn.RNNCell(V, V)`; the hidden state itself
  is the logits; cross-entropy summed over the steps; Adam lr 0.1; 15 epochs.
- Variant B: `nn.Embedding(V, 10)` then `nn.RNN` / `nn.LSTM` / `nn.GRU`
  (batch_first) whose outputs are the logits when the hidden size equals V
  (SPEC: hidden 4 for "hello"); for another hidden size a `nn.Linear(H, V)`
  head maps them to V logits. Mean cross-entropy; Adam lr 1e-3.

As in the reference code, an epoch's loss and predicted string come from the
forward pass that computed that epoch's gradient (before its update).

What the page trains is a request (`SingleRun`, `CompareRun`, `SpreadRun`): frozen,
validated and hashable, so identical runs are shared and their figures cached; each
starts its own generator. The recommended settings per mode and variant are `RECIPES`.

Training loops are generators yielding one record per epoch. The per-epoch
records are cheap (loss, predicted string); what a figure needs for one
chosen epoch (softmax, hidden states, gates) is recomputed by `inspect` from
a checkpoint kept every few epochs and a deterministic replay of the epochs
after it. Random initialisation uses a private `torch.Generator`, so jobs on
other threads touching the global RNG change nothing, and it draws the very
numbers `torch.manual_seed(seed)` followed by building the modules would.
"""

from __future__ import annotations

import math
from collections.abc import Generator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from numbers import Integral, Real
from typing import Any, ClassVar

import numpy as np
import pandas as pd
import torch
import torch.nn.functional as F
from torch import nn

from rnnviz import gates
from rnnviz.training import TrainingRequest, check_choice, check_range

MAX_CHARS = 32
VARIANTS = ("A", "B")
CELLS = ("rnn", "lstm", "gru")
EMBEDDING_SIZE = 10
MAX_HIDDEN = 16
MAX_EPOCHS = 5000
MAX_SEEDS = 100
MAX_SEED = 1_000_000
LR_RANGE = (1e-4, 10.0)
MAX_CHECKPOINTS = 40  # bounds the memory of a run; replay covers the epochs in between
COMPARE_MARGIN = 10  # compare mode trains each cell this many epochs past its first hit

CELL_CLASSES = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}

# The published settings, and the faster one the page offers for compare mode.
SPEC_LR = {"A": 0.1, "B": 1e-3}
SPEC_EPOCHS = {"A": 15, "B": 4000}
FAST_COMPARE_LR = 0.01
# Seed 28: variant A first predicts "ohlol" at epoch 5 (lhlll -> lolll -> oolll -> ohlol),
# and with variant B all three cells get there within a few hundred epochs at the SPEC lr.
DEFAULT_SEED = 28


# --- Data -------------------------------------------------------------------------------

@dataclass(frozen=True)
class TextProblem:
    """Why a pair of strings cannot be learned: field is "input" or "target"."""

    field: str
    reason: str  # "empty", "too_long" or "unequal"
    length: int
    other_length: int = 0


class InvalidTexts(ValueError):
    def __init__(self, problems: list[TextProblem]):
        super().__init__("; ".join(f"{p.field}_text: {p.reason}" for p in problems))
        self.problems = problems


def check_texts(input_text: str, target_text: str) -> list[TextProblem]:
    """Every problem with the two strings (none when they can be learned)."""
    problems = []
    for name, text in (("input", input_text), ("target", target_text)):
        if not text:
            problems.append(TextProblem(name, "empty", 0))
        elif len(text) > MAX_CHARS:
            problems.append(TextProblem(name, "too_long", len(text)))
    if not problems and len(input_text) != len(target_text):
        problems.append(TextProblem("target", "unequal", len(target_text), len(input_text)))
    return problems


@dataclass(frozen=True)
class Data:
    """The two strings, their shared vocabulary and their indices into it."""

    input_text: str
    target_text: str
    chars: tuple[str, ...] = field(init=False)
    inputs: tuple[int, ...] = field(init=False)
    targets: tuple[int, ...] = field(init=False)

    def __post_init__(self) -> None:
        problems = check_texts(self.input_text, self.target_text)
        if problems:
            raise InvalidTexts(problems)
        chars = tuple(sorted(set(self.input_text) | set(self.target_text)))
        index = {c: i for i, c in enumerate(chars)}
        object.__setattr__(self, "chars", chars)
        object.__setattr__(self, "inputs", tuple(index[c] for c in self.input_text))
        object.__setattr__(self, "targets", tuple(index[c] for c in self.target_text))

    @property
    def vocab_size(self) -> int:
        return len(self.chars)

    @property
    def length(self) -> int:
        return len(self.inputs)

    def x(self) -> torch.Tensor:
        return torch.tensor([self.inputs])  # (1, T)

    def y(self) -> torch.Tensor:
        return torch.tensor(self.targets)  # (T,)

    def decode(self, indices: Sequence[int]) -> str:
        return "".join(self.chars[i] for i in indices)


# --- Configuration and models ------------------------------------------------------------

@dataclass(frozen=True)
class OhlolConfig:
    """Everything a run depends on (with the strings): hashable, so it can key a shared job.

    Variant A has no choice of cell or hidden size (the hidden state is the
    V logits), so they are normalised to "rnn" and 0 and equal requests
    compare equal.
    """

    variant: str = "A"
    cell: str = "rnn"
    hidden: int = 4
    lr: float = 0.1
    epochs: int = 15
    seed: int = 0

    def __post_init__(self) -> None:
        check_choice("variant", self.variant, VARIANTS)
        check_choice("cell", self.cell, CELLS)
        if self.variant == "A":
            object.__setattr__(self, "cell", "rnn")
            object.__setattr__(self, "hidden", 0)
        elif not 1 <= self.hidden <= MAX_HIDDEN:
            raise ValueError(f"hidden must be 1 to {MAX_HIDDEN}, got {self.hidden}")
        if not (math.isfinite(self.lr) and self.lr > 0):
            raise ValueError(f"lr must be a positive number, got {self.lr}")
        if not 1 <= self.epochs <= MAX_EPOCHS:
            raise ValueError(f"epochs must be 1 to {MAX_EPOCHS}, got {self.epochs}")
        if self.seed < 0:
            raise ValueError(f"seed must be 0 or more, got {self.seed}")


def spec_config(variant: str = "A", cell: str = "rnn") -> OhlolConfig:
    """The SPEC 4 settings of a variant."""
    return OhlolConfig(variant=variant, cell=cell, hidden=4, lr=SPEC_LR[variant],
                       epochs=SPEC_EPOCHS[variant])


class OneHotRNN(nn.Module):
    """Variant A: one-hot characters into an `nn.RNNCell(V, V)` whose state is the logits."""

    cell_type = "rnn"

    def __init__(self, vocab_size: int):
        super().__init__()
        self.vocab_size = vocab_size
        self.cell = nn.RNNCell(vocab_size, vocab_size)

    def init_hidden(self, batch: int) -> torch.Tensor:
        return torch.zeros(batch, self.vocab_size)

    def forward(self, x: torch.Tensor, hidden: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        onehot = F.one_hot(x, self.vocab_size).float()  # (B, T, V)
        states = []
        for t in range(x.shape[1]):
            hidden = self.cell(onehot[:, t], hidden)
            states.append(hidden)
        return torch.stack(states, dim=1), hidden  # logits (B, T, V)

    def steps(self, x: torch.Tensor) -> tuple[torch.Tensor, dict[str, torch.Tensor]]:
        """Logits (T, V) and every intermediate value per step of one sequence x (T,)."""
        parts = gates.cell_steps("rnn", self.cell, F.one_hot(x, self.vocab_size).float())
        return parts["hidden"], parts


class EmbeddingRNN(nn.Module):
    """Variant B: `nn.Embedding(V, 10)` then an RNN, LSTM or GRU layer (batch_first)."""

    def __init__(self, cell: str, vocab_size: int, hidden_size: int,
                 embedding_size: int = EMBEDDING_SIZE):
        super().__init__()
        check_choice("cell", cell, CELLS)
        self.cell_type = cell
        self.hidden_size = hidden_size
        self.embedding = nn.Embedding(vocab_size, embedding_size)
        self.rnn = CELL_CLASSES[cell](embedding_size, hidden_size, batch_first=True)
        # SPEC: with hidden size V the layer's outputs are the logits themselves.
        self.head = nn.Linear(hidden_size, vocab_size) if hidden_size != vocab_size else None

    def init_hidden(self, batch: int):
        zeros = torch.zeros(1, batch, self.hidden_size)
        return (zeros, zeros.clone()) if self.cell_type == "lstm" else zeros

    def forward(self, x: torch.Tensor, hidden) -> tuple[torch.Tensor, Any]:
        outputs, hidden = self.rnn(self.embedding(x), hidden)  # (B, T, H)
        logits = outputs if self.head is None else self.head(outputs)  # (B, T, V)
        return logits, hidden

    def steps(self, x: torch.Tensor) -> tuple[torch.Tensor, dict[str, torch.Tensor]]:
        with torch.no_grad():
            parts = gates.cell_steps(self.cell_type, self.rnn, self.embedding(x))  # (T, H) each
            hidden = parts["hidden"]
            logits = hidden if self.head is None else self.head(hidden)
        return logits, parts


def _reset_like_torch(module: nn.Module, generator: torch.Generator) -> None:
    """Draw `module`'s initial parameters as its own reset_parameters would, from `generator`."""
    with torch.no_grad():
        if isinstance(module, nn.Embedding):
            nn.init.normal_(module.weight, generator=generator)
        elif isinstance(module, nn.RNNBase | nn.RNNCellBase):
            bound = 1.0 / math.sqrt(module.hidden_size)
            for parameter in module.parameters():
                nn.init.uniform_(parameter, -bound, bound, generator=generator)
        elif isinstance(module, nn.Linear):
            nn.init.kaiming_uniform_(module.weight, a=math.sqrt(5), generator=generator)
            bound = 1.0 / math.sqrt(module.in_features)
            nn.init.uniform_(module.bias, -bound, bound, generator=generator)
        else:
            raise TypeError(f"no initialisation for {type(module).__name__}")


def build_model(config: OhlolConfig, vocab_size: int) -> OneHotRNN | EmbeddingRNN:
    """The model of `config`, initialised exactly as `torch.manual_seed(seed)` then building it."""
    if config.variant == "A":
        model = OneHotRNN(vocab_size)
    else:
        model = EmbeddingRNN(config.cell, vocab_size, config.hidden)
    generator = torch.Generator().manual_seed(config.seed)
    for child in model.children():  # registration order is construction order
        _reset_like_torch(child, generator)
    return model


# --- Training ----------------------------------------------------------------------------

class Trainer:
    """A model, its Adam optimizer and the data; `epoch()` is one epoch of training."""

    def __init__(self, config: OhlolConfig, data: Data):
        self.config = config
        self.data = data
        self.model = build_model(config, data.vocab_size)
        # Fused Adam: one kernel for all parameters, the same update as the loop version.
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=config.lr, fused=True)
        self.x, self.y = data.x(), data.y()
        self.hidden = self.model.init_hidden(1)
        # SPEC 4A sums the cross-entropy over the steps; 4B averages it.
        self.reduction = "sum" if config.variant == "A" else "mean"

    def epoch(self) -> tuple[float, list[int]]:
        """One update; returns the loss and prediction of the forward pass before it."""
        logits, _ = self.model(self.x, self.hidden)
        loss = F.cross_entropy(logits[0], self.y, reduction=self.reduction)
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()
        return loss.item(), logits[0].argmax(dim=-1).tolist()

    def checkpoint(self) -> dict[str, Any]:
        """Copies of the parameters and of Adam's per-parameter state (step and moments)."""
        names = [name for name, _ in self.model.named_parameters()]
        parameters = [p.detach().clone() for p in self.model.parameters()]
        moments = [{k: v.clone() for k, v in self.optimizer.state[p].items()}
                   for p in self.model.parameters()]
        return {"names": names, "parameters": parameters, "optimizer": moments}

    def restore(self, checkpoint: dict[str, Any]) -> None:
        with torch.no_grad():
            for parameter, saved, moments in zip(self.model.parameters(),
                                                 checkpoint["parameters"],
                                                 checkpoint["optimizer"], strict=True):
                parameter.copy_(saved)
                self.optimizer.state[parameter] = {k: v.clone() for k, v in moments.items()}


def checkpoint_interval(epochs: int) -> int:
    return max(1, math.ceil(epochs / MAX_CHECKPOINTS))


TrainingGenerator = Generator[dict[str, Any], None, dict[str, Any]]


def train(config: OhlolConfig, data: Data, *,
          stop_after_hit: int | None = None) -> TrainingGenerator:
    """Train one model, yielding {"step", "epoch", "loss", "prediction", "hit"} per epoch.

    A record also carries "checkpoint" (the state before that epoch) every
    `checkpoint_interval(epochs)` epochs, for `inspect`. With `stop_after_hit`
    the run ends that many epochs after the prediction first equals the target.
    """
    trainer = Trainer(config, data)
    every = checkpoint_interval(config.epochs)
    first_hit = None
    loss, prediction, epoch = math.nan, "", 0
    for epoch in range(1, config.epochs + 1):
        checkpoint = trainer.checkpoint() if (epoch - 1) % every == 0 else None
        loss, indices = trainer.epoch()
        hit = tuple(indices) == data.targets
        if hit and first_hit is None:
            first_hit = epoch
        prediction = data.decode(indices)
        record = {"step": epoch, "epoch": epoch, "loss": loss, "prediction": prediction,
                  "hit": hit}
        if checkpoint is not None:
            record["checkpoint"] = checkpoint
        yield record
        if stop_after_hit is not None and first_hit is not None \
                and epoch >= first_hit + stop_after_hit:
            break
    return {"first_hit": first_hit, "epochs": epoch, "final_loss": loss,
            "final_prediction": prediction}


def train_compare(config: OhlolConfig, data: Data, *, cells: Sequence[str] = CELLS,
                  margin: int | None = COMPARE_MARGIN) -> TrainingGenerator:
    """Variant B with each cell in turn, all from the same seed; records carry "cell".

    Each cell stops `margin` epochs after it first predicts the target (None:
    never early). "step" counts as if every cell ran all its epochs, so it
    measures progress against `len(cells) * epochs`.
    """
    results = {}
    for position, cell in enumerate(cells):
        cell_config = replace(config, variant="B", cell=cell)
        run = train(cell_config, data, stop_after_hit=margin)
        results[cell] = yield from _tagged(run, cell, position * config.epochs)
    return {"cells": results}


def _tagged(run: TrainingGenerator, cell: str, offset: int) -> TrainingGenerator:
    """The records of `run` with the cell and an overall step added; returns run's result."""
    while True:
        try:
            record = next(run)
        except StopIteration as finished:
            return finished.value
        yield {**record, "cell": cell, "step": offset + record["epoch"]}


class SeedBatchRNN(nn.Module):
    """K independent copies of variant A's `nn.RNNCell(V, V)`, stacked to train as one.

    Copy k holds exactly the parameters `build_model` draws for seed k; the
    summed loss gives every copy its own gradient and Adam is element-wise, so
    each copy follows the run it would follow alone (up to float rounding).
    """

    def __init__(self, vocab_size: int, seeds: Sequence[int]):
        super().__init__()
        cells = [build_model(OhlolConfig(variant="A", seed=s), vocab_size).cell for s in seeds]
        self.vocab_size = vocab_size
        stack = lambda name: nn.Parameter(torch.stack([getattr(c, name).detach() for c in cells]))  # noqa: E731
        self.weight_ih = stack("weight_ih")  # (K, V, V)
        self.weight_hh = stack("weight_hh")  # (K, V, V)
        self.bias_ih = stack("bias_ih")  # (K, V)
        self.bias_hh = stack("bias_hh")  # (K, V)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Logits (K, T, V) of every copy for one sequence x (T,)."""
        onehot = F.one_hot(x, self.vocab_size).float()  # (T, V)
        from_input = torch.matmul(onehot, self.weight_ih.transpose(1, 2)) + self.bias_ih[:, None]
        hidden = torch.zeros(self.weight_hh.shape[0], self.vocab_size, 1)  # (K, V, 1)
        states = []
        for t in range(x.shape[0]):
            recurrent = torch.bmm(self.weight_hh, hidden).squeeze(-1) + self.bias_hh  # (K, V)
            state = torch.tanh(from_input[:, t] + recurrent)
            states.append(state)
            hidden = state.unsqueeze(-1)
        return torch.stack(states, dim=1)  # (K, T, V)


def train_spread(config: OhlolConfig, data: Data, seeds: int) -> TrainingGenerator:
    """Variant A from `seeds` initialisations (seed, seed+1, ...) trained side by side.

    Yields {"step", "epoch", "losses", "predictions"} per epoch, one entry per seed.
    """
    if config.variant != "A":
        raise ValueError(f"the seed spread trains variant 'A', got {config.variant!r}")
    if not 1 <= seeds <= MAX_SEEDS:
        raise ValueError(f"seeds must be 1 to {MAX_SEEDS}, got {seeds}")
    seed_list = [config.seed + k for k in range(seeds)]
    model = SeedBatchRNN(data.vocab_size, seed_list)
    optimizer = torch.optim.Adam(model.parameters(), lr=config.lr, fused=True)
    x, y = data.x()[0], data.y()
    targets = y.repeat(seeds)  # (K*T,)
    first_hits: list[int | None] = [None] * seeds
    for epoch in range(1, config.epochs + 1):
        logits = model(x)  # (K, T, V)
        per_step = F.cross_entropy(logits.reshape(-1, data.vocab_size), targets,
                                   reduction="none")
        losses = per_step.view(seeds, -1).sum(dim=1)  # (K,): each seed's summed loss
        optimizer.zero_grad()
        losses.sum().backward()
        optimizer.step()
        predictions = [data.decode(row) for row in logits.argmax(dim=-1).tolist()]
        for k, prediction in enumerate(predictions):
            if first_hits[k] is None and prediction == data.target_text:
                first_hits[k] = epoch
        yield {"step": epoch, "epoch": epoch, "losses": losses.tolist(),
               "predictions": predictions}
    return {"seeds": seed_list, "first_hits": first_hits}


# --- What the page trains: requests and recipes ------------------------------------------

MODES = ("single", "compare", "spread")
MODE_VARIANT = {"compare": "B", "spread": "A"}  # compare is about B's cells; the spread is 4A's


@dataclass(frozen=True)
class Recipe:
    """The settings recommended for a mode and variant (the SPEC's, mostly)."""

    lr: float
    epochs: int
    early_stop: bool


RECIPES = {
    ("single", "A"): Recipe(SPEC_LR["A"], SPEC_EPOCHS["A"], False),
    ("single", "B"): Recipe(SPEC_LR["B"], SPEC_EPOCHS["B"], False),
    ("compare", "B"): Recipe(SPEC_LR["B"], SPEC_EPOCHS["B"], True),
    ("spread", "A"): Recipe(SPEC_LR["A"], SPEC_EPOCHS["A"], False),
}


def effective_variant(mode: str, variant: str) -> str:
    """The variant a mode trains: compare mode always B, the seed spread always A."""
    return MODE_VARIANT.get(mode, variant)


def recommended(mode: str, variant: str) -> Recipe:
    return RECIPES[(mode, effective_variant(mode, variant))]


def _whole(name: str, value: Any, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise ValueError(f"{name} must be a whole number, not {value!r}")
    check_range(name, value, low, high)
    return int(value)


@dataclass(frozen=True)
class OhlolRequest(TrainingRequest):
    """A run of the hello -> ohlol page: the two strings and the optimiser's settings.

    Subclasses add what their kind of run needs; `ValueError` (naming the field) for a
    bad one. Variant A has no cell or hidden size: they are normalised so that equal
    runs compare (and hash) equal.
    """

    kind: ClassVar[str] = "ohlol"
    mode: ClassVar[str]
    input_text: str = "hello"
    target_text: str = "ohlol"
    lr: float = SPEC_LR["A"]
    epochs: int = SPEC_EPOCHS["A"]
    seed: int = DEFAULT_SEED

    def __post_init__(self) -> None:
        for name in ("input_text", "target_text"):
            if not isinstance(getattr(self, name), str):
                raise ValueError(f"{name} must be a string, not {getattr(self, name)!r}")
        problems = check_texts(self.input_text, self.target_text)
        if problems:
            raise InvalidTexts(problems)
        if isinstance(self.lr, bool) or not isinstance(self.lr, Real):
            raise ValueError(f"lr must be a number, not {self.lr!r}")
        check_range("lr", self.lr, *LR_RANGE)
        object.__setattr__(self, "lr", float(self.lr))
        object.__setattr__(self, "epochs", _whole("epochs", self.epochs, 1, MAX_EPOCHS))
        object.__setattr__(self, "seed", _whole("seed", self.seed, 0, MAX_SEED))

    @cached_property
    def data(self) -> Data:
        return Data(self.input_text, self.target_text)

    @property
    def total_steps(self) -> int:
        return self.epochs

    def config(self, cell: str | None = None) -> OhlolConfig:
        """The model of this run (of `cell`'s run in compare mode)."""
        raise NotImplementedError

    def _config(self, variant: str, cell: str = "rnn", hidden: int = 4) -> OhlolConfig:
        return OhlolConfig(variant=variant, cell=cell, hidden=hidden, lr=self.lr,
                           epochs=self.epochs, seed=self.seed)


def _margin(early_stop: bool) -> int | None:
    return COMPARE_MARGIN if early_stop else None


@dataclass(frozen=True)
class SingleRun(OhlolRequest):
    """One model of variant A or B; with `early_stop` it ends COMPARE_MARGIN epochs
    after it first predicts the target."""

    mode: ClassVar[str] = "single"
    variant: str = "A"
    cell: str = "rnn"
    hidden: int = 4
    early_stop: bool = False

    def __post_init__(self) -> None:
        super().__post_init__()
        check_choice("variant", self.variant, VARIANTS)
        check_choice("cell", self.cell, CELLS)
        if self.variant == "A":
            object.__setattr__(self, "cell", "rnn")
            object.__setattr__(self, "hidden", 0)
        else:
            object.__setattr__(self, "hidden", _whole("hidden", self.hidden, 1, MAX_HIDDEN))
        check_choice("early_stop", self.early_stop, (False, True))

    @property
    def cells(self) -> tuple[str, ...]:
        return (self.cell,)

    def config(self, cell: str | None = None) -> OhlolConfig:
        return self._config(self.variant, self.cell, self.hidden or 4)

    def start(self) -> TrainingGenerator:
        return train(self.config(), self.data, stop_after_hit=_margin(self.early_stop))


@dataclass(frozen=True)
class CompareRun(OhlolRequest):
    """Variant B with each of RNN, LSTM and GRU in turn, all from the same seed."""

    mode: ClassVar[str] = "compare"
    variant: ClassVar[str] = "B"
    cells: ClassVar[tuple[str, ...]] = CELLS
    lr: float = SPEC_LR["B"]
    epochs: int = SPEC_EPOCHS["B"]
    hidden: int = 4
    early_stop: bool = True

    def __post_init__(self) -> None:
        super().__post_init__()
        object.__setattr__(self, "hidden", _whole("hidden", self.hidden, 1, MAX_HIDDEN))
        check_choice("early_stop", self.early_stop, (False, True))

    @property
    def total_steps(self) -> int:
        return len(self.cells) * self.epochs

    def config(self, cell: str | None = None) -> OhlolConfig:
        return self._config("B", cell or self.cells[0], self.hidden)

    def start(self) -> TrainingGenerator:
        return train_compare(self.config(), self.data, cells=self.cells,
                             margin=_margin(self.early_stop))


@dataclass(frozen=True)
class SpreadRun(OhlolRequest):
    """Variant A from `seeds` initialisations (seed, seed + 1, ...), trained side by side."""

    mode: ClassVar[str] = "spread"
    variant: ClassVar[str] = "A"
    cells: ClassVar[tuple[str, ...]] = ()
    seeds: int = 20

    def __post_init__(self) -> None:
        super().__post_init__()
        object.__setattr__(self, "seeds", _whole("seeds", self.seeds, 1, MAX_SEEDS))

    @property
    def seed_list(self) -> list[int]:
        return [self.seed + k for k in range(self.seeds)]

    def config(self, cell: str | None = None) -> OhlolConfig:
        return self._config("A")

    def start(self) -> TrainingGenerator:
        return train_spread(self.config(), self.data, self.seeds)


def make_request(mode: str, input_text: str, target_text: str, *, variant: str = "A",
                 cell: str = "rnn", hidden: int = 4, lr: float = SPEC_LR["A"],
                 epochs: int = SPEC_EPOCHS["A"], seed: int = DEFAULT_SEED, seeds: int = 20,
                 early_stop: bool = False) -> OhlolRequest:
    """The run of `mode` with the page's settings; those the mode does not use are left out
    (a cell is chosen in single mode of variant B only; hidden size and early stopping
    belong to variant B)."""
    check_choice("mode", mode, MODES)
    common = dict(input_text=input_text, target_text=target_text, lr=lr, epochs=epochs,
                  seed=seed)
    if mode == "compare":
        return CompareRun(**common, hidden=hidden, early_stop=early_stop)
    if mode == "spread":
        return SpreadRun(**common, seeds=seeds)
    b = variant == "B"
    return SingleRun(**common, variant=variant, cell=cell if b else "rnn", hidden=hidden,
                     early_stop=early_stop and b)


def reveal(request: OhlolRequest, records: Sequence[dict[str, Any]], finished: bool,
           seconds: float, animation: float) -> tuple[list[dict[str, Any]], bool]:
    """The records drawn `seconds` after the curve started growing over `animation` s,
    and whether they are all of a finished run.

    The curve grows by epoch, at the pace that would draw the planned epochs in
    `animation` s (the three cells of compare mode grow together); a run that ends
    sooner is simply drawn sooner, and the drawn part never shrinks.
    """
    if not records:
        return [], finished
    fraction = 1.0 if animation <= 0 else min(1.0, max(0.0, seconds) / animation)
    limit = max(1, math.ceil(request.epochs * fraction))
    if request.mode == "compare":
        shown = [r for r in records if r["epoch"] <= limit]
    else:
        shown = list(records[:limit])  # one record per epoch, from epoch 1
    return shown, finished and len(shown) == len(records)


def history_table(records: Sequence[dict[str, Any]],
                  columns: Sequence[str] = ("epoch", "loss", "prediction", "hit")) -> pd.DataFrame:
    """The records' `columns` as a table: the loss to 6 decimals, a cell in capitals, a
    correct prediction ("hit") as ✓."""
    frame = pd.DataFrame(list(records), columns=list(columns))
    if "loss" in frame:
        frame["loss"] = [round(loss, 6) for loss in frame["loss"]]
    if "cell" in frame:
        frame["cell"] = frame["cell"].str.upper()
    if "hit" in frame:
        frame["hit"] = ["✓" if hit else "" for hit in frame["hit"]]
    return frame


def compare_table(records: Sequence[dict[str, Any]]) -> pd.DataFrame:
    """Compare mode's predictions side by side, one column per cell trained, one row per
    epoch ("" where a cell had stopped)."""
    frame = history_table(records, ("cell", "epoch", "prediction"))
    order = [cell.upper() for cell, rows in records_by_cell(records).items() if rows]
    wide = frame.pivot(index="epoch", columns="cell", values="prediction")[order]
    return wide.reset_index().fillna("")


def spread_table(request: SpreadRun, summary: dict[str, Any], last: dict[str, Any],
                 never: str = "–") -> pd.DataFrame:
    """Each seed's first epoch predicting the target (`never` if it does not) and its final
    loss and prediction."""
    return pd.DataFrame({"seed": request.seed_list,
                         "first_hit": [never if h is None else str(h)
                                       for h in summary["first_hits"]],
                         "final_loss": [round(x, 6) for x in last["losses"]],
                         "final_prediction": last["predictions"]})


def records_by_cell(records: Sequence[dict[str, Any]],
                    cells: Sequence[str] = CELLS) -> dict[str, list[dict[str, Any]]]:
    """Compare mode's records split by cell (a cell not trained yet has none)."""
    return {cell: [r for r in records if r["cell"] == cell] for cell in cells}


# --- Looking inside one epoch ------------------------------------------------------------

@dataclass(frozen=True)
class Inspection:
    """What the model computes at the start of one epoch (the pass that epoch's loss is of)."""

    epoch: int
    cell: str
    logits: np.ndarray  # (T, V)
    probs: np.ndarray  # (T, V) softmax of the logits
    parts: dict[str, np.ndarray]  # (T, H) each: "hidden", and the gates for LSTM / GRU
    loss: float
    prediction: str


def trained_trainer(config: OhlolConfig, data: Data, records: Sequence[dict[str, Any]],
                    epoch: int) -> Trainer:
    """The trainer (model and optimizer) as it was at the start of `epoch`: rebuilt from the
    latest checkpoint before it, the rest replayed. `records` are one run's (one cell's)."""
    starts = [r for r in records if "checkpoint" in r and r["epoch"] <= epoch]
    if not starts:
        raise ValueError(f"no checkpoint at or before epoch {epoch}")
    start = starts[-1]
    trainer = Trainer(config, data)
    trainer.restore(start["checkpoint"])
    for _ in range(epoch - start["epoch"]):
        trainer.epoch()
    return trainer


def trained_model(config: OhlolConfig, data: Data, records: Sequence[dict[str, Any]],
                  epoch: int) -> nn.Module:
    """The model as it was at the start of `epoch` (what `inspect` looks inside)."""
    return trained_trainer(config, data, records, epoch).model


def inspect(config: OhlolConfig, data: Data, records: Sequence[dict[str, Any]],
            epoch: int) -> Inspection:
    """What the model computes at the start of `epoch` (see `trained_trainer`)."""
    trainer = trained_trainer(config, data, records, epoch)
    with torch.no_grad():
        logits, parts = trainer.model.steps(data.x()[0])
        loss = F.cross_entropy(logits, trainer.y, reduction=trainer.reduction).item()
    return Inspection(
        epoch=epoch,
        cell=config.cell,
        logits=logits.numpy(),
        probs=torch.softmax(logits, dim=-1).numpy(),
        parts={name: value.numpy() for name, value in parts.items()},
        loss=loss,
        prediction=data.decode(logits.argmax(dim=-1).tolist()),
    )


def first_hit(records: Sequence[dict[str, Any]]) -> int | None:
    """The first epoch whose prediction equals the target, or None."""
    return next((r["epoch"] for r in records if r["hit"]), None)


def spread_summary(records: Sequence[dict[str, Any]], target: str) -> dict[str, Any]:
    """Band of the loss curves (min, median, max per epoch) and each seed's first hit."""
    losses = np.array([r["losses"] for r in records])  # (E, K)
    seeds = losses.shape[1] if losses.size else 0
    hits: list[int | None] = [None] * seeds
    for record in records:
        for k, prediction in enumerate(record["predictions"]):
            if hits[k] is None and prediction == target:
                hits[k] = record["epoch"]
    reached = [h for h in hits if h is not None]
    return {
        "epochs": [r["epoch"] for r in records],
        "low": losses.min(axis=1).tolist() if seeds else [],
        "median": np.median(losses, axis=1).tolist() if seeds else [],
        "high": losses.max(axis=1).tolist() if seeds else [],
        "losses": losses.T.tolist(),  # (K, E)
        "first_hits": hits,
        "reached": len(reached),
        "median_first_hit": float(np.median(reached)) if reached else None,
    }


def formula_values(mode: str, cell: str, hidden: int, vocab: int) -> dict[str, Any]:
    """What variant B's formula shows: its cell (every cell, compared), the hidden size and
    the head from it to the vocabulary V (none when the sizes match)."""
    shown = cell.upper() if mode == "single" else " | ".join(c.upper() for c in CELLS)
    return dict(cell=shown, hidden=hidden,
                head="" if hidden == vocab else f" → Linear({hidden}, V)")


def caption_parts(request: OhlolRequest) -> tuple[tuple[str, str, str], dict[str, Any]]:
    """What a run's caption names, as codes: its model ("A", "B", "compare"), its seeds
    ("seed", "seeds") and its epochs ("epochs", "epochs_early"); and the values they show."""
    codes = ("compare" if request.mode == "compare" else request.variant,
             "seeds" if request.mode == "spread" else "seed",
             "epochs_early" if getattr(request, "early_stop", False) else "epochs")
    seeds = getattr(request, "seed_list", (request.seed,))
    return codes, dict(cell=getattr(request, "cell", "rnn").upper(), seed=request.seed,
                       hidden=getattr(request, "hidden", 0), k=len(seeds), first=seeds[0],
                       last=seeds[-1], n=request.epochs, margin=COMPARE_MARGIN)


def spec_lr_note(variant: str, lr: float) -> str:
    """"spec" when `lr` is the course material's learning rate of `variant`, else "not_spec"."""
    return "spec" if math.isclose(lr, SPEC_LR[variant]) else "not_spec"


def target_probabilities(probs: np.ndarray, targets: Sequence[int]) -> dict[str, Any]:
    """What a softmax heatmap (T, V) says of the targets: the mean probability given to the
    character that should come out ("mean"), and at how many of the "steps" it is the most
    probable ("right")."""
    probs = np.asarray(probs)
    steps = np.arange(len(targets))
    return dict(mean=float(probs[steps, list(targets)].mean()), steps=len(targets),
                right=int((probs.argmax(axis=1) == np.asarray(targets)).sum()))


def gate_means(parts: dict[str, np.ndarray], cell: str) -> dict[str, float]:
    """The mean opening (0 closed, 1 open) of each gate of `cell` over steps and units."""
    return {part: float(np.mean(parts[part])) for part in gates.PARTS[cell]
            if part not in ("candidate", "cell", "hidden")}
