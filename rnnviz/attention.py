"""Attention, trained live: an encoder-decoder whose decoder learns where to look.

SPEC section 10, built on the encoder-decoder of section 5 (rnnviz/seq2seq.py).

The model (`AttentionSeq2Seq`, configured by `ModelConfig`):

- The encoder (`nn.RNN` or `nn.GRU`, optionally bidirectional) reads the word plus
  END, one-hot, and keeps every state h_j (width D = H, or 2H when bidirectional).
- The decoder starts from the encoder's last state, as in SPEC 5. Bidirectional:
  s_0 = tanh(W_b [h_fwd_last; h_bwd_first] + b_b), a learned bridge from 2H to H.
- Decoder step s (s = 1, 2, ...), given the previous state s_{s-1}:

      e_{s,j} = score(s_{s-1}, h_j)                   one score per input step j
      α_{s,j} = softmax_j(e_{s,j})                    padding steps get weight 0
      c_s     = Σ_j α_{s,j} h_j                       the context, width D
      s_s     = cell([onehot(y_{s-1}); c_s], s_{s-1})  y_0 = START
      logits  = W_o [s_s; c_s] + b_o                  read-out on state and context

  additive (Bahdanau): score = vᵀ tanh(W_s s_{s-1} + W_h h_j), W_s (A, H), W_h (A, D),
  v (A,), A = H, no biases. dot (Luong): score = s_{s-1}ᵀ h_j, no parameters; with a
  bidirectional encoder h_j is 2H wide, so the keys are projected first:
  score = s_{s-1}ᵀ (W_k h_j) with a learned W_k (H, 2H), no bias (Luong's "general"
  score on the keys only; the context still sums the full h_j).
- With `attention=False` it is the plain encoder-decoder: no score, no context, the
  cell reads onehot(y_{s-1}) only and the read-out sees s_s only. Everything else
  (encoder, first state, cell, initialisation, training) is shared, so the two train
  under the same budget and differ only in attention.

The data: editable word pairs (`WordPairs`, hello -> hola by default; the alphabet is
built from the pairs' characters, so pinyin or Chinese works), or a task with a known
alignment (`StringTask`: reverse or copy random strings over 'a'.. , with a held-out
set that training never draws).

Training runs are frozen requests (`AttentionRequest` for one model,
`ComparisonRequest` for with and without attention on the same batches); after
training, `translate(model, text)` returns everything a page shows.
"""

from __future__ import annotations

import copy
import functools
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from rnnviz import pairs as pairs_module
from rnnviz.jobs import TrainingGenerator
from rnnviz.pairs import InvalidPairs, WordProblem
from rnnviz.training import TrainingRequest, check_choice, check_range

# SPEC 5's S, E and ? in brackets: a symbol of three characters can never be confused
# with a character typed into a word (and holds no '<' a chart would take for a tag).
START, END, PAD = "⟨S⟩", "⟨E⟩", "⟨?⟩"
SPECIALS = (START, END, PAD)
START_INDEX, END_INDEX, PAD_INDEX = 0, 1, 2

CELLS = ("rnn", "gru")
SCORES = ("additive", "dot")
TASKS = ("pairs", "reverse", "copy")
STRING_TASKS = ("reverse", "copy")
MODEL_NAMES = ("attention", "plain")  # the comparison's two models, in drawing order

SPEC_PAIRS = (("hello", "hola"), ("cat", "gato"), ("good", "bueno"))
MAX_WORD = 12
MAX_PAIRS = 20
MAX_TEXT = 30  # longest text `translate` accepts (longer than training: to see it fail)
MIN_LENGTH, MAX_LENGTH = 1, 15  # string task lengths (the page's slider: 3..15)
DEFAULT_LENGTHS = (3, 12)
LETTERS = 8  # 'a'..'h'
MAX_LETTERS = 26
HELD_OUT_PER_LENGTH = 50  # at most a fifth of all strings of a length, so training can draw
MAX_HIDDEN = 256
MAX_UPDATES = 100_000
MAX_SECONDS = 600.0
MAX_RECORDS = 300
MAX_CHECKPOINTS = 10  # weights kept per run, so a stopped run can still be looked inside
COMPARISON_UPDATES = 1500
# beta2 0.98 (not 0.999): the second moment keeps up once the loss is tiny, so a rare large
# gradient does not take a huge step and undo what was learnt (seen on reversal).
ADAM_BETAS = (0.9, 0.98)
CHECK_STRINGS = 256  # training-distribution strings a model must get right to stop early
PAIRS_MARGIN = 10  # epochs all pairs must stay right before a pairs run stops

# Defaults per task, tuned with bench/bench_attention.py on one thread (see its docstring).
TASK_DEFAULTS: dict[str, dict[str, Any]] = {
    "pairs": dict(hidden=64, lr=0.01, batch=0, updates=600, seconds=30.0, log_every=2,
                  stop_at=1.0),
    "reverse": dict(hidden=64, lr=0.005, batch=64, updates=6000, seconds=60.0, log_every=25,
                    stop_at=0.99),
    "copy": dict(hidden=64, lr=0.005, batch=64, updates=6000, seconds=60.0, log_every=25,
                 stop_at=0.99),
}


# --- Vocabulary --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Vocabulary:
    """START, END, PAD, then the characters, each one symbol (hashable: it is in the config)."""

    symbols: tuple[str, ...]

    def __post_init__(self) -> None:
        if self.symbols[:3] != SPECIALS or len(set(self.symbols)) != len(self.symbols):
            raise ValueError(f"symbols must start with {list(SPECIALS)} and be distinct")

    @classmethod
    def from_texts(cls, texts: Sequence[str]) -> Vocabulary:
        return cls(SPECIALS + tuple(sorted(set("".join(texts)))))

    @property
    def characters(self) -> tuple[str, ...]:
        return self.symbols[3:]

    def __len__(self) -> int:
        return len(self.symbols)

    def index(self, symbol: str) -> int:
        return self.symbols.index(symbol)

    def encode(self, text: str) -> list[int]:
        lookup = {s: i for i, s in enumerate(self.symbols)}
        return [lookup[c] for c in text]

    def decode(self, indices: Sequence[int]) -> list[str]:
        return [self.symbols[i] for i in indices]

    def unknown(self, text: str) -> list[str]:
        """The characters of `text` the model has never seen, in order of appearance."""
        known = set(self.characters)
        return list(dict.fromkeys(c for c in text if c not in known))


# --- Word pairs --------------------------------------------------------------------------------

def check_word(word: object, *, row: int = -1, column: str = "word",
               limit: int = MAX_WORD) -> list[WordProblem]:
    """Any printable characters (pinyin, Chinese), at most `limit` of them."""
    return pairs_module.check_word(word, row=row, column=column, limit=limit)


def check_pairs(pairs: Sequence[Sequence[object]]) -> list[WordProblem]:
    """Every problem with the training pairs (none when they can be learned); see
    rnnviz.pairs. A pair typed twice is refused here ("duplicate"): it would weigh double."""
    return pairs_module.check_pairs(pairs, limit=MAX_WORD, max_pairs=MAX_PAIRS, repeats=False)


@dataclass(frozen=True)
class WordPairs(pairs_module.PairList):
    """Validated training pairs and the vocabulary built from their characters."""

    pairs: tuple[tuple[str, str], ...] = SPEC_PAIRS
    vocabulary: Vocabulary = field(init=False, compare=False)

    def __post_init__(self) -> None:
        problems = check_pairs(self.pairs)
        if problems:
            raise InvalidPairs(problems)
        pairs = tuple((str(a), str(b)) for a, b in self.pairs)
        object.__setattr__(self, "pairs", pairs)
        object.__setattr__(self, "vocabulary",
                           Vocabulary.from_texts([w for pair in pairs for w in pair]))


# --- Strings with a known alignment ----------------------------------------------------------

def letters(n: int) -> str:
    return "".join(chr(ord("a") + i) for i in range(n))


@dataclass(frozen=True)
class StringTask:
    """Reverse (or copy) random strings over the first `n_letters` letters.

    The held-out strings are drawn first, per length, from (seed, length) alone, so a
    length's held-out strings do not depend on the range; training then draws from a
    separate stream and redraws any string that is held out, so the two never meet.
    A length holds out at most a fifth of its strings (length 3 over 8 letters: 50 of 512).
    """

    kind: str = "reverse"
    min_len: int = DEFAULT_LENGTHS[0]
    max_len: int = DEFAULT_LENGTHS[1]
    n_letters: int = LETTERS
    seed: int = 0
    held_out_per_length: int = HELD_OUT_PER_LENGTH

    def __post_init__(self) -> None:
        check_choice("task", self.kind, STRING_TASKS)
        check_range("min_len", self.min_len, MIN_LENGTH, MAX_LENGTH)
        check_range("max_len", self.max_len, self.min_len, MAX_LENGTH)
        check_range("n_letters", self.n_letters, 2, MAX_LETTERS)
        check_range("held_out_per_length", self.held_out_per_length, 1, 1000)

    @property
    def vocabulary(self) -> Vocabulary:
        return Vocabulary(SPECIALS + tuple(letters(self.n_letters)))

    @property
    def lengths(self) -> list[int]:
        return list(range(self.min_len, self.max_len + 1))

    def target(self, text: str) -> str:
        return text[::-1] if self.kind == "reverse" else text

    def held_out_count(self, length: int) -> int:
        return max(1, min(self.held_out_per_length, self.n_letters ** length // 5))

    @property
    def held_out(self) -> tuple[str, ...]:
        """The held-out strings, shortest first (in drawing order within a length)."""
        return _held_out(self.n_letters, self.seed, self.min_len, self.max_len,
                         self.held_out_per_length)

    def sampler(self, stream: int = 2) -> StringSampler:
        """Training strings; another `stream` gives another sequence, just as unseen."""
        return StringSampler(self, stream)


@functools.lru_cache(maxsize=64)
def _held_out(n_letters: int, seed: int, min_len: int, max_len: int,
              per_length: int) -> tuple[str, ...]:
    alphabet = letters(n_letters)
    strings: list[str] = []
    for length in range(min_len, max_len + 1):
        count = max(1, min(per_length, n_letters ** length // 5))
        rng = np.random.default_rng([seed, length, 1])
        chosen: dict[str, None] = {}  # a set that keeps drawing order
        while len(chosen) < count:
            chosen.setdefault("".join(alphabet[i] for i in rng.integers(0, n_letters, length)))
        strings += list(chosen)
    return tuple(strings)


class StringSampler:
    """An endless, seeded stream of training strings that are never held out."""

    def __init__(self, task: StringTask, stream: int = 2):
        self.task = task
        self.alphabet = letters(task.n_letters)
        self.excluded = set(task.held_out)
        self.rng = np.random.default_rng([task.seed, stream])
        self.redrawn = 0  # strings drawn that were held out (drawn again)

    def strings(self, count: int) -> list[str]:
        lengths = self.rng.integers(self.task.min_len, self.task.max_len + 1, count)
        out = []
        for length in lengths:
            while True:
                text = "".join(self.alphabet[i]
                               for i in self.rng.integers(0, self.task.n_letters, length))
                if text not in self.excluded:
                    break
                self.redrawn += 1
            out.append(text)
        return out


# --- Batches -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Batch:
    """Padded index tensors for a list of (word, target) pairs."""

    source: torch.Tensor  # (B, T_in) word + END, then PAD
    lengths: torch.Tensor  # (B,) word length + 1
    decoder_input: torch.Tensor  # (B, T_out) START + target, then PAD
    target: torch.Tensor  # (B, T_out) target + END, then PAD (ignored by the loss)


def make_batch(vocabulary: Vocabulary, words: Sequence[str], targets: Sequence[str]) -> Batch:
    lookup = {s: i for i, s in enumerate(vocabulary.symbols)}
    t_in = max(len(w) for w in words) + 1
    t_out = max(len(t) for t in targets) + 1
    source = torch.full((len(words), t_in), PAD_INDEX)
    decoder_input = torch.full((len(words), t_out), PAD_INDEX)
    target = torch.full((len(words), t_out), PAD_INDEX)
    for b, (word, goal) in enumerate(zip(words, targets, strict=True)):
        source[b, :len(word) + 1] = torch.tensor([lookup[c] for c in word] + [END_INDEX])
        goal_indices = [lookup[c] for c in goal]
        decoder_input[b, :len(goal) + 1] = torch.tensor([START_INDEX] + goal_indices)
        target[b, :len(goal) + 1] = torch.tensor(goal_indices + [END_INDEX])
    lengths = torch.tensor([len(w) + 1 for w in words])
    return Batch(source, lengths, decoder_input, target)


# --- Configuration and model ---------------------------------------------------------------------

@dataclass(frozen=True)
class ModelConfig:
    """Everything the model's shape depends on, handed whole to `AttentionSeq2Seq`."""

    symbols: tuple[str, ...]  # the vocabulary: START, END, PAD, then characters
    hidden: int = 64
    cell: str = "gru"
    bidirectional: bool = False
    attention: bool = True
    score: str = "additive"
    seed: int = 0

    def __post_init__(self) -> None:
        Vocabulary(tuple(self.symbols))
        check_choice("cell", self.cell, CELLS)
        check_choice("score", self.score, SCORES)
        check_range("hidden", self.hidden, 1, MAX_HIDDEN)
        check_range("seed", self.seed, 0, 2**31 - 1)

    @property
    def vocabulary(self) -> Vocabulary:
        return Vocabulary(tuple(self.symbols))

    @property
    def n_symbols(self) -> int:
        return len(self.symbols)

    @property
    def directions(self) -> int:
        return 2 if self.bidirectional else 1

    @property
    def memory_size(self) -> int:
        """D, the width of an encoder state h_j (and of a context c_s)."""
        return self.hidden * self.directions


@dataclass
class Memory:
    """What the encoder hands the decoder."""

    states: torch.Tensor  # (B, T_in, D) every h_j
    keys: torch.Tensor | None  # (B, T_in, A or H) W_h h_j (additive) or the dot keys
    valid: torch.Tensor  # (B, T_in) True on real steps (word + END), False on padding
    first_state: torch.Tensor  # (B, H) s_0


@dataclass
class StepOutput:
    logits: torch.Tensor  # (B, V)
    state: torch.Tensor  # (B, H) s_s
    weights: torch.Tensor | None  # (B, T_in) α_{s,·}
    context: torch.Tensor | None  # (B, D) c_s
    scores: torch.Tensor | None  # (B, T_in) e_{s,·}, -inf on padding


class AttentionSeq2Seq(nn.Module):
    """Encoder-decoder with (or without) attention; see the module docstring for the maths."""

    def __init__(self, config: ModelConfig):
        super().__init__()
        self.config = config
        V, H, D = config.n_symbols, config.hidden, config.memory_size
        recurrent = {"rnn": nn.RNN, "gru": nn.GRU}[config.cell]
        self.encoder = recurrent(V, H, batch_first=True, bidirectional=config.bidirectional)
        self.bridge = nn.Linear(D, H) if config.bidirectional else None
        if config.attention and config.score == "additive":
            self.query = nn.Linear(H, H, bias=False)  # W_s
            self.key = nn.Linear(D, H, bias=False)  # W_h
            self.energy = nn.Linear(H, 1, bias=False)  # v
        elif config.attention and config.bidirectional:
            self.key = nn.Linear(D, H, bias=False)  # W_k: 2H-wide h_j to the decoder's H
        cell = {"rnn": nn.RNNCell, "gru": nn.GRUCell}[config.cell]
        self.decoder = cell(V + (D if config.attention else 0), H)
        self.out = nn.Linear(H + (D if config.attention else 0), V)
        self.reset(config.seed)

    def reset(self, seed: int) -> None:
        """PyTorch's default initialisation, drawn from a private generator.

        Jobs on other threads touch the global RNG; a run must not depend on them.
        """
        generator = torch.Generator().manual_seed(seed)
        with torch.no_grad():
            for module in self.modules():
                if isinstance(module, nn.RNNBase | nn.RNNCellBase):
                    bound = 1.0 / math.sqrt(module.hidden_size)
                    for parameter in module.parameters():
                        nn.init.uniform_(parameter, -bound, bound, generator=generator)
                elif isinstance(module, nn.Linear):
                    bound = 1.0 / math.sqrt(module.in_features)
                    for parameter in module.parameters():
                        nn.init.uniform_(parameter, -bound, bound, generator=generator)

    @property
    def vocabulary(self) -> Vocabulary:
        return self.config.vocabulary

    def init_hidden(self, batch: int) -> torch.Tensor:
        return torch.zeros(self.config.directions, batch, self.config.hidden)

    def one_hot(self, indices: torch.Tensor) -> torch.Tensor:
        return F.one_hot(indices, self.config.n_symbols).float()

    def encode(self, source: torch.Tensor, lengths: torch.Tensor) -> Memory:
        """Read (B, T_in) symbol indices of the given lengths (padding never read)."""
        batch, steps = source.shape
        packed = pack_padded_sequence(self.one_hot(source), lengths.cpu(), batch_first=True,
                                      enforce_sorted=False)
        out, last = self.encoder(packed, self.init_hidden(batch))  # last (dirs, B, H)
        states, _ = pad_packed_sequence(out, batch_first=True, total_length=steps)  # (B, T, D)
        if self.bridge is not None:
            # The backward direction's last state is the one at the first input step.
            first_state = torch.tanh(self.bridge(torch.cat([last[0], last[1]], dim=-1)))
        else:
            first_state = last[0]  # (B, H)
        keys = self.key(states) if hasattr(self, "key") else states
        if not self.config.attention:
            keys = None
        valid = torch.arange(steps)[None, :] < lengths[:, None]  # (B, T)
        return Memory(states, keys, valid, first_state)

    def attend(self, state: torch.Tensor, memory: Memory) -> tuple[torch.Tensor, ...]:
        """Scores e (B, T), weights α (B, T) and context c (B, D) for the previous state."""
        if self.config.score == "additive":
            energy = torch.tanh(self.query(state)[:, None, :] + memory.keys)  # (B, T, A)
            scores = self.energy(energy).squeeze(-1)  # (B, T)
        else:
            scores = (memory.keys @ state[:, :, None]).squeeze(-1)  # (B, T)
        scores = scores.masked_fill(~memory.valid, -math.inf)
        weights = torch.softmax(scores, dim=-1)
        context = (weights[:, None, :] @ memory.states).squeeze(1)  # (B, D)
        return scores, weights, context

    def step(self, symbol: torch.Tensor, state: torch.Tensor, memory: Memory) -> StepOutput:
        """One decoder step: previous symbols (B,) and state (B, H) to the next."""
        x = self.one_hot(symbol)  # (B, V)
        if not self.config.attention:
            state = self.decoder(x, state)
            return StepOutput(self.out(state), state, None, None, None)
        scores, weights, context = self.attend(state, memory)
        state = self.decoder(torch.cat([x, context], dim=-1), state)
        logits = self.out(torch.cat([state, context], dim=-1))
        return StepOutput(logits, state, weights, context, scores)

    def forward(self, source: torch.Tensor, lengths: torch.Tensor,
                decoder_input: torch.Tensor,
                own_feed: Sequence[bool] | None = None) -> tuple[torch.Tensor, torch.Tensor | None]:
        """Logits (B, T_out, V) and attention weights (B, T_out, T_in) (None without attention).

        Step t reads decoder_input[:, t] (teacher forcing), or, where own_feed[t] is
        true (t > 0), the model's own argmax from step t - 1 (scheduled sampling).
        """
        memory = self.encode(source, lengths)
        state = memory.first_state
        logits, weights = [], []
        symbol = decoder_input[:, 0]
        for t in range(decoder_input.shape[1]):
            if t > 0:
                own = own_feed is not None and own_feed[t]
                symbol = logits[-1].argmax(dim=-1) if own else decoder_input[:, t]
            out = self.step(symbol, state, memory)
            state = out.state
            logits.append(out.logits)
            weights.append(out.weights)
        stacked = torch.stack(weights, dim=1) if self.config.attention else None
        return torch.stack(logits, dim=1), stacked


# --- Decoding ------------------------------------------------------------------------------------

@dataclass
class GreedyRun:
    """Greedy decoding of a batch, `steps` symbols each (no stopping: callers trim at END)."""

    symbols: torch.Tensor  # (B, S)
    probs: torch.Tensor  # (B, S, V)
    states: torch.Tensor  # (B, S, H)
    weights: torch.Tensor | None  # (B, S, T_in)
    contexts: torch.Tensor | None  # (B, S, D)
    scores: torch.Tensor | None  # (B, S, T_in)
    encoder_states: torch.Tensor  # (B, T_in, D)


@torch.no_grad()
def greedy(model: AttentionSeq2Seq, source: torch.Tensor, lengths: torch.Tensor,
           steps: int) -> GreedyRun:
    """Start from START and feed each argmax back, for `steps` steps."""
    memory = model.encode(source, lengths)
    state = memory.first_state
    symbol = torch.full((source.shape[0],), START_INDEX)
    outs = []
    for _ in range(steps):
        out = model.step(symbol, state, memory)
        state, symbol = out.state, out.logits.argmax(dim=-1)
        outs.append(out)

    def stack(name: str) -> torch.Tensor | None:
        if getattr(outs[0], name) is None:
            return None
        return torch.stack([getattr(o, name) for o in outs], dim=1)

    return GreedyRun(
        symbols=torch.stack([o.logits.argmax(dim=-1) for o in outs], dim=1),
        probs=torch.softmax(stack("logits"), dim=-1), states=stack("state"),
        weights=stack("weights"), contexts=stack("context"), scores=stack("scores"),
        encoder_states=memory.states)


def _until_end(indices: Sequence[int]) -> int:
    """How many symbols greedy decoding wrote: up to and including the first END."""
    indices = list(indices)
    return indices.index(END_INDEX) + 1 if END_INDEX in indices else len(indices)


@dataclass
class Translation:
    """One text through a trained model: what a page shows. Rows are output steps."""

    text: str
    input_symbols: list[str]  # the text's characters, then END: the attention matrix's columns
    output_symbols: list[str]  # written symbols, up to and including END if it came: the rows
    output: str  # the written characters (END and anything special left out)
    probs: np.ndarray  # (S, V) softmax over the vocabulary at each step
    vocabulary: tuple[str, ...]  # the symbols `probs` columns stand for
    decoder_states: np.ndarray  # (S, H) s_1 .. s_S
    encoder_states: np.ndarray  # (T_in, D) h_j
    attention: np.ndarray | None  # (S, T_in) α, rows sum to 1; None without attention
    scores: np.ndarray | None  # (S, T_in) e before the softmax
    contexts: np.ndarray | None  # (S, D) c_s

    def top_k(self, k: int = 5) -> list[list[tuple[str, float]]]:
        """Per output step, the k most probable symbols and their probabilities."""
        k = max(1, min(k, len(self.vocabulary)))
        order = np.argsort(-self.probs, axis=1, kind="stable")[:, :k]
        return [[(self.vocabulary[i], float(self.probs[s, i])) for i in row]
                for s, row in enumerate(order)]


def check_text(model: AttentionSeq2Seq, text: object, *,
               limit: int = MAX_TEXT) -> list[WordProblem]:
    """Problems with a typed text for `translate` (empty, too long, unknown characters)."""
    problems = check_word(text, limit=limit)
    if problems:
        return problems
    unknown = model.vocabulary.unknown(str(text))
    return [WordProblem(-1, "word", "".join(unknown), "unknown")] if unknown else []


def translate(model: AttentionSeq2Seq, text: str, max_steps: int | None = None) -> Translation:
    """Greedy decoding of one text, stopped after END or `max_steps`.

    By default max_steps is 2·len(text) + 2, and at least MAX_WORD + 1 (a short Chinese
    word may have a long pinyin translation).

    Raises ValueError naming the problem for a text `check_text` refuses.
    """
    problems = check_text(model, text)
    if problems:
        p = problems[0]
        raise ValueError(f"text: {p.reason}" + (f" {p.raw!r}" if p.reason == "unknown" else ""))
    vocabulary = model.vocabulary
    steps = max_steps or max(2 * len(text) + 2, MAX_WORD + 1)
    source = torch.tensor([vocabulary.encode(text) + [END_INDEX]])
    run = greedy(model, source, torch.tensor([len(text) + 1]), steps)
    n = _until_end(run.symbols[0].tolist())
    written = vocabulary.decode(run.symbols[0, :n].tolist())

    def rows(tensor: torch.Tensor | None) -> np.ndarray | None:
        return None if tensor is None else tensor[0, :n].numpy()

    return Translation(
        text=text, input_symbols=[*text, END], output_symbols=written,
        output="".join(s for s in written if s not in SPECIALS), probs=rows(run.probs),
        vocabulary=vocabulary.symbols, decoder_states=rows(run.states),
        encoder_states=run.encoder_states[0].numpy(), attention=rows(run.weights),
        scores=rows(run.scores), contexts=rows(run.contexts))


@torch.no_grad()
def batch_matches(model: AttentionSeq2Seq, batch: Batch) -> list[bool]:
    """Whether greedy decoding writes exactly target + END for each row of a batch."""
    run = greedy(model, batch.source, batch.lengths, batch.target.shape[1])
    written = (run.symbols == batch.target) | (batch.target == PAD_INDEX)
    return written.all(dim=1).tolist()


def exact_matches(model: AttentionSeq2Seq, words: Sequence[str],
                  targets: Sequence[str]) -> list[bool]:
    """Whether greedy decoding writes exactly target + END for each word (one batch)."""
    return batch_matches(model, make_batch(model.vocabulary, words, targets))


def accuracy_by_length(model: AttentionSeq2Seq, task: StringTask) -> dict[int, float]:
    """Held-out exact-match per string length."""
    texts = list(task.held_out)
    right = exact_matches(model, texts, [task.target(t) for t in texts])
    return {length: float(np.mean([r for t, r in zip(texts, right, strict=True)
                                   if len(t) == length]))
            for length in task.lengths}


def pair_table(model: AttentionSeq2Seq, pairs: WordPairs) -> list[dict[str, Any]]:
    """Per pair: word, target, greedy output and whether it is right."""
    rows = []
    for word, target in pairs.pairs:
        output = translate(model, word, max_steps=len(target) + 1).output
        rows.append({"word": word, "target": target, "output": output,
                     "correct": output == target})
    return rows


# --- Training requests ---------------------------------------------------------------------------

def _check_flag(name: str, value: object) -> None:
    if not isinstance(value, bool):
        raise ValueError(f"{name} must be True or False, not {value!r}")


def _check_number(name: str, value: object, low: float, high: float) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        raise ValueError(f"{name} must be a number, not {value!r}")
    check_range(name, value, low, high)


def _check_int(name: str, value: object, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise ValueError(f"{name} must be a whole number, not {value!r}")
    check_range(name, value, low, high)


@dataclass(frozen=True)
class _RunSettings(TrainingRequest):
    """Fields both requests share. A field left None takes TASK_DEFAULTS[task]."""

    task: str = "pairs"
    pairs: tuple[tuple[str, str], ...] = SPEC_PAIRS
    min_len: int = DEFAULT_LENGTHS[0]
    max_len: int = DEFAULT_LENGTHS[1]
    score: str = "additive"
    cell: str = "gru"
    bidirectional: bool = False
    hidden: int | None = None
    lr: float | None = None
    batch: int | None = None  # strings per update; pairs always train on all pairs at once
    updates: int | None = None  # optimizer updates at most (pairs: epochs)
    seconds: float | None = None  # training time at most, per model
    teacher_forcing: float = 1.0  # share of decoder steps fed the true previous symbol
    clip: float = 1.0  # gradient norm clipped to this (over all parameters together)
    stop_at: float | None = None  # training exact-match at which to stop early; 0: never
    log_every: int | None = None  # updates per record (raised to keep <= MAX_RECORDS)
    seed: int = 0
    example: int | None = None  # recorded example: pairs row, or held-out string index

    def __post_init__(self) -> None:
        check_choice("task", self.task, self.tasks)
        for name, value in {**TASK_DEFAULTS[self.task], **self.default_changes}.items():
            if getattr(self, name) is None:
                object.__setattr__(self, name, value)
        # Fields the task does not use go back to their defaults, so that two requests
        # that train the same thing are equal (and share one job).
        if self.task == "pairs":
            try:
                pairs = tuple((word, target) for word, target in self.pairs)
            except (TypeError, ValueError):
                raise ValueError("pairs must be rows of (word, target)") from None
            WordPairs(pairs)  # InvalidPairs (a ValueError) names the rows
            object.__setattr__(self, "pairs", tuple((str(a), str(b)) for a, b in pairs))
            object.__setattr__(self, "min_len", DEFAULT_LENGTHS[0])
            object.__setattr__(self, "max_len", DEFAULT_LENGTHS[1])
        else:
            _check_int("min_len", self.min_len, MIN_LENGTH, MAX_LENGTH)
            _check_int("max_len", self.max_len, self.min_len, MAX_LENGTH)
            object.__setattr__(self, "pairs", SPEC_PAIRS)
        check_choice("score", self.score, SCORES)
        check_choice("cell", self.cell, CELLS)
        _check_flag("bidirectional", self.bidirectional)
        _check_int("hidden", self.hidden, 1, MAX_HIDDEN)
        _check_number("lr", self.lr, 1e-6, 1.0)
        if self.task == "pairs":
            object.__setattr__(self, "batch", 0)
        _check_int("batch", self.batch, 0 if self.task == "pairs" else 1, 1024)
        _check_int("updates", self.updates, 1, MAX_UPDATES)
        _check_number("seconds", self.seconds, 0.1, MAX_SECONDS)
        _check_number("teacher_forcing", self.teacher_forcing, 0.0, 1.0)
        _check_number("clip", self.clip, 0.0, 1e6)
        _check_number("stop_at", self.stop_at, 0.0, 1.0)
        _check_int("log_every", self.log_every, 1, MAX_UPDATES)
        _check_int("seed", self.seed, 0, 2**31 - 1)
        object.__setattr__(self, "log_every",
                           max(self.log_every, math.ceil(self.updates / MAX_RECORDS)))
        n_examples = len(self.pairs) if self.task == "pairs" else len(self.string_task.held_out)
        if self.example is None and self.task == "pairs":
            object.__setattr__(self, "example", 0)
        elif self.example is None:
            # The first held-out string of the longest length shows the most.
            longest = self.string_task.held_out_count(self.max_len)
            object.__setattr__(self, "example", n_examples - longest)
        _check_int("example", self.example, 0, n_examples - 1)

    tasks: ClassVar[tuple[str, ...]] = TASKS
    default_changes: ClassVar[dict[str, Any]] = {}

    @property
    def total_steps(self) -> int:
        return math.ceil(self.updates / self.log_every)

    @property
    def string_task(self) -> StringTask:
        return StringTask(self.task, self.min_len, self.max_len, seed=self.seed)

    @property
    def word_pairs(self) -> WordPairs:
        return WordPairs(self.pairs)

    @property
    def vocabulary(self) -> Vocabulary:
        data = self.word_pairs if self.task == "pairs" else self.string_task
        return data.vocabulary

    @property
    def example_pair(self) -> tuple[str, str]:
        """The recorded example (word, target): its characters label the attention matrix."""
        if self.task == "pairs":
            return self.pairs[self.example]
        text = self.string_task.held_out[self.example]
        return text, self.string_task.target(text)

    def trained_model(self, result: Any, records: Sequence[dict[str, Any]],
                      attention: bool = True) -> tuple[AttentionSeq2Seq, int | None] | None:
        """The model a finished run returned (and None); for a stopped run the model as last
        saved (and its update count); None when a stopped run saved no weights yet. For a
        comparison, `attention` picks which of the two models (as in `restore`)."""
        if isinstance(result, TrainedModel):
            return result.model, None
        if isinstance(result, Comparison):
            return getattr(result, "attention" if attention else "plain").model, None
        if not any("weights" in r for r in records):
            return None
        return restore(self, records, attention)

    def model_config(self, attention: bool = True) -> ModelConfig:
        return ModelConfig(symbols=self.vocabulary.symbols, hidden=self.hidden, cell=self.cell,
                           bidirectional=self.bidirectional, attention=attention,
                           score=self.score, seed=self.seed)


@dataclass(frozen=True)
class AttentionRequest(_RunSettings):
    """Train one model on word pairs or on reversing/copying strings.

    The generator yields one record per `log_every` updates (at most MAX_RECORDS):

        step          progress, in records (the time budget moves it on too)
        updates       optimizer updates so far (pairs: epochs)
        examples      training sequences seen so far
        loss          mean cross-entropy per target symbol over those updates
        train_accuracy  exact-match of the training sequences of those updates under
                      the training feed (with teacher_forcing 1 this equals greedy)
        accuracy      held-out greedy exact-match (pairs: greedy on the training pairs)
        attention     the recorded example's α as a list of rows (output steps) of
                      floats (input steps), greedy; None without attention
        output_symbols  the recorded example's greedy symbols (the rows' labels)
        output        the same as a string
        elapsed       training seconds so far (updates and evaluation)
        weights       (a few records) a copy of the state_dict, for `restore`

    and returns a `TrainedModel`. The run stops at `updates`, at `seconds`, or early
    once training exact-match reaches `stop_at`: pairs, greedy decoding right for every
    pair PAIRS_MARGIN epochs in a row; strings, a record's training strings (freshly
    drawn, so mostly new to the model) right at least at that rate under the training feed, and then
    the model as it stands right on CHECK_STRINGS strings of the training distribution
    at that rate too (the last update may have undone it).
    """

    kind: ClassVar[str] = "attention"
    attention: bool = True

    def __post_init__(self) -> None:
        super().__post_init__()
        _check_flag("attention", self.attention)

    def start(self) -> TrainingGenerator:
        return _train_one(self)


@dataclass(frozen=True)
class ComparisonRequest(_RunSettings):
    """With and without attention, side by side, on the same batches and budget.

    Both models start from the same seed and see the very same batches. The budget is
    the same for both: `updates` (COMPARISON_UPDATES by default) and `seconds` of each
    model's own training time (updates and evaluation), whichever comes first, so a
    slower attention update costs attention, not the plain model. Each model also stops
    on its own once its training exact-match reaches `stop_at` (it has learnt the task;
    with attention that is typically a quarter of the budget), and the other goes on.

    Records hold "step", "updates" (batches drawn), "examples", "elapsed" (wall
    seconds) and, per model name in MODEL_NAMES ("attention", "plain"),
    "loss_<name>", "train_accuracy_<name>" (both None once that model has stopped),
    "accuracy_<name>" (held-out exact-match), "output_<name>" (its greedy output for the
    recorded example), "seconds_<name>", "updates_<name>"; plus "attention" and
    "output_symbols": the attention model's α for the recorded example and its rows'
    labels. A few records carry "weights": {name: state_dict}. Returns a `Comparison`,
    which holds held-out exact-match by length for both.
    """

    kind: ClassVar[str] = "attention-comparison"
    tasks: ClassVar[tuple[str, ...]] = STRING_TASKS
    # The same budget for both: 1500 updates of 64 strings, at most 60 s each.
    default_changes: ClassVar[dict[str, Any]] = {"updates": COMPARISON_UPDATES}
    task: str = "reverse"

    def start(self) -> TrainingGenerator:
        return _train_comparison(self)


# --- Training ------------------------------------------------------------------------------------

@dataclass
class TrainedModel:
    """A trained model and how it got there (the result of an `AttentionRequest`)."""

    model: AttentionSeq2Seq  # in eval mode; model.config is its ModelConfig
    updates: int
    seconds: float
    accuracy: float  # held-out exact-match (pairs: training pairs)
    accuracy_by_length: dict[int, float]  # held-out, per length (pairs: empty)
    stopped_early: bool

    @property
    def config(self) -> ModelConfig:
        return self.model.config

    def state_dict(self) -> dict[str, torch.Tensor]:
        return self.model.state_dict()


@dataclass
class Comparison:
    """The result of a `ComparisonRequest`."""

    attention: TrainedModel
    plain: TrainedModel

    @property
    def lengths(self) -> list[int]:
        return sorted(self.attention.accuracy_by_length)

    def by_length(self) -> dict[str, list[float]]:
        """Held-out exact-match per length (in `lengths` order), per model name."""
        return {name: [getattr(self, name).accuracy_by_length[n] for n in self.lengths]
                for name in MODEL_NAMES}


class _Learner:
    """One model, its optimizer, its clock and its running statistics."""

    def __init__(self, request: _RunSettings, attention: bool):
        self.request = request
        self.model = AttentionSeq2Seq(request.model_config(attention))
        # foreach Adam: one multi-tensor update instead of a Python loop over parameters
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=request.lr,
                                          betas=ADAM_BETAS, foreach=True)
        self.feed_rng = np.random.default_rng([request.seed, 3])
        self.updates = 0
        self.seconds = 0.0
        self.reached = False  # stopped early: training exact-match reached stop_at
        self.right_since: int | None = None  # pairs: first epoch of the all-right streak
        self.accuracy = math.nan
        self.view: dict[str, Any] = {}
        self._losses: list[float] = []
        self._right = self._seen = 0

    @property
    def done(self) -> bool:
        return (self.reached or self.updates >= self.request.updates
                or self.seconds >= self.request.seconds)

    def update(self, batch: Batch) -> None:
        start = time.perf_counter()
        self.model.train()
        steps = batch.decoder_input.shape[1]
        own_feed = None
        if self.request.teacher_forcing < 1:
            own_feed = (self.feed_rng.random(steps) >= self.request.teacher_forcing).tolist()
        logits, _ = self.model(batch.source, batch.lengths, batch.decoder_input, own_feed)
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), batch.target.reshape(-1),
                               ignore_index=PAD_INDEX)
        self.optimizer.zero_grad(set_to_none=True)
        loss.backward()
        if self.request.clip > 0:
            nn.utils.clip_grad_norm_(self.model.parameters(), self.request.clip, foreach=True)
        self.optimizer.step()
        right = ((logits.argmax(dim=-1) == batch.target) | (batch.target == PAD_INDEX)).all(1)
        self._losses.append(loss.item())
        self._right += int(right.sum())
        self._seen += len(right)
        self.updates += 1
        self.seconds += time.perf_counter() - start

    def timed(self, function, *args):
        start = time.perf_counter()
        self.model.eval()
        value = function(self.model, *args)
        self.seconds += time.perf_counter() - start
        return value

    def check_pairs(self, evaluate) -> None:
        """Pairs: stop once greedy decoding has been right for every pair PAIRS_MARGIN epochs.

        Greedy decoding of <= 20 pairs costs less than an update, so it runs every epoch.
        """
        right = self.timed(evaluate) == 1.0
        self.right_since = (self.right_since or self.updates) if right else None
        self.reached = (self.request.stop_at > 0 and self.right_since is not None
                        and self.updates >= self.right_since + PAIRS_MARGIN)

    def report(self, data: _Data, example: tuple[str, str]) -> dict[str, Any]:
        """Loss and training exact-match since the last report, held-out accuracy, the example.

        A model that did no update since its last report (it had finished) keeps its
        accuracy and example and reports no loss.
        """
        if self._seen:
            self.accuracy = self.timed(data.evaluate)
            self.view = self.timed(_example_view, example)
        loss = float(np.mean(self._losses)) if self._losses else None
        train_accuracy = self._right / self._seen if self._seen else None
        if (self.request.task != "pairs" and train_accuracy is not None
                and 0 < self.request.stop_at <= train_accuracy):
            # The window's strings were right under the weights of their time; the last
            # update may have undone that, so the model as it stands must pass too.
            self.reached = self.timed(data.check) >= self.request.stop_at
        self._losses, self._right, self._seen = [], 0, 0
        return {"loss": loss, "train_accuracy": train_accuracy, "accuracy": self.accuracy,
                **self.view, "seconds": self.seconds}


def _example_view(model: AttentionSeq2Seq, example: tuple[str, str]) -> dict[str, Any]:
    translation = translate(model, example[0], max_steps=len(example[1]) + 1)
    attention = translation.attention
    return {"attention": None if attention is None else attention.tolist(),
            "output_symbols": translation.output_symbols, "output": translation.output}


def _weights(model: AttentionSeq2Seq) -> dict[str, torch.Tensor]:
    return {name: t.detach().clone() for name, t in model.state_dict().items()}


def _checkpoint_every(request: _RunSettings) -> int:
    return max(1, math.ceil(request.total_steps / MAX_CHECKPOINTS))


def _progress(request: _RunSettings, record_index: int, seconds: float) -> int:
    by_time = math.floor(seconds / request.seconds * request.total_steps)
    return min(request.total_steps, max(record_index, by_time))


@dataclass
class _Data:
    next_batch: Callable[[], Batch]  # the next training batch
    evaluate: Callable[[AttentionSeq2Seq], float]  # held-out (pairs: training) exact-match
    # exact-match on a fixed sample of the training distribution (never held out)
    check: Callable[[AttentionSeq2Seq], float]
    per_update: int  # sequences per batch


def _data(request: _RunSettings) -> _Data:
    """Batches and evaluations for either kind of task."""
    if request.task == "pairs":
        pairs = request.word_pairs
        batch = make_batch(pairs.vocabulary, pairs.words, pairs.targets)

        def evaluate(model: AttentionSeq2Seq) -> float:
            return float(np.mean(batch_matches(model, batch)))

        return _Data(lambda: batch, evaluate, evaluate, len(pairs))
    task = request.string_task
    sampler = task.sampler()
    vocabulary = task.vocabulary

    def fixed_batch(texts: Sequence[str]) -> Batch:
        return make_batch(vocabulary, texts, [task.target(t) for t in texts])

    held_batch = fixed_batch(task.held_out)
    check_batch = fixed_batch(task.sampler(stream=4).strings(CHECK_STRINGS))
    return _Data(
        next_batch=lambda: fixed_batch(sampler.strings(request.batch)),
        evaluate=lambda model: float(np.mean(batch_matches(model, held_batch))),
        check=lambda model: float(np.mean(batch_matches(model, check_batch))),
        per_update=request.batch)


def _finish(learner: _Learner, request: _RunSettings) -> TrainedModel:
    by_length = {} if request.task == "pairs" else learner.timed(
        accuracy_by_length, request.string_task)
    return TrainedModel(model=learner.model.eval(), updates=learner.updates,
                        seconds=learner.seconds, accuracy=learner.accuracy,
                        accuracy_by_length=by_length, stopped_early=learner.reached)


def _train_one(request: AttentionRequest) -> TrainingGenerator:
    data = _data(request)
    learner = _Learner(request, request.attention)
    example = request.example_pair
    every_checkpoint = _checkpoint_every(request)
    index = 0
    while not learner.done:
        for _ in range(request.log_every):
            learner.update(data.next_batch())
            if request.task == "pairs":
                learner.check_pairs(data.evaluate)
            if learner.done:
                break
        report = learner.report(data, example)
        index += 1
        record = {"step": _progress(request, index, learner.seconds),
                  "updates": learner.updates, "examples": learner.updates * data.per_update,
                  **report, "elapsed": report.pop("seconds")}
        if index % every_checkpoint == 0 or index == 1:
            record["weights"] = _weights(learner.model)
        yield record
    return _finish(learner, request)


def _train_comparison(request: ComparisonRequest) -> TrainingGenerator:
    data = _data(request)
    learners = {name: _Learner(request, name == "attention") for name in MODEL_NAMES}
    example = request.example_pair
    every_checkpoint = _checkpoint_every(request)
    started = time.perf_counter()
    index = updates = 0

    def running() -> list[_Learner]:
        return [learner for learner in learners.values() if not learner.done]

    while running():
        for _ in range(request.log_every):
            batch = data.next_batch()  # the very same batch for both
            for learner in running():
                learner.update(batch)
            updates += 1
            if not running():
                break
        record: dict[str, Any] = {"updates": updates, "examples": updates * data.per_update}
        for name, learner in learners.items():
            report = learner.report(data, example)
            if name == "attention":
                record |= {"attention": report["attention"],
                           "output_symbols": report["output_symbols"]}
            record |= {f"{key}_{name}": report[key] for key in
                       ("loss", "train_accuracy", "accuracy", "output", "seconds")}
            record[f"updates_{name}"] = learner.updates
        index += 1
        slowest = max(learner.seconds for learner in learners.values())
        record["step"] = _progress(request, index, slowest)
        record["elapsed"] = time.perf_counter() - started
        if index % every_checkpoint == 0 or index == 1:
            record["weights"] = {name: _weights(learner.model)
                                 for name, learner in learners.items()}
        yield record
    return Comparison(**{name: _finish(learner, request) for name, learner in learners.items()})


def restore(request: _RunSettings, records: Sequence[dict[str, Any]],
            attention: bool = True) -> tuple[AttentionSeq2Seq, int]:
    """The model of the last record that carries weights, and its update count.

    For a `ComparisonRequest`, `attention` picks which of the two models.
    """
    record = next(r for r in reversed(records) if "weights" in r)
    weights = record["weights"]
    if isinstance(request, ComparisonRequest):
        weights = weights["attention" if attention else "plain"]
    else:
        attention = request.attention
    model = AttentionSeq2Seq(request.model_config(attention))
    model.load_state_dict(copy.deepcopy(weights))
    return model.eval(), record["updates"]


# --- Per-record metrics for a page -----------------------------------------------------------

def curves(records: Sequence[dict[str, Any]], names: Sequence[str] | None = None
           ) -> tuple[list[int], dict[str, list], dict[str, list]]:
    """x (updates), loss and held-out exact-match per series, from a run's records.

    `names=None`: one model (an `AttentionRequest`), series "model"; otherwise the
    comparison's model names (MODEL_NAMES), read from "loss_<name>" and "accuracy_<name>".
    """
    x = [r["updates"] for r in records]
    if names is None:
        return (x, {"model": [r["loss"] for r in records]},
                {"model": [r["accuracy"] for r in records]})
    return (x, {n: [r[f"loss_{n}"] for r in records] for n in names},
            {n: [r[f"accuracy_{n}"] for r in records] for n in names})


def last_points(records: Sequence[dict[str, Any]], names: Sequence[str] | None = None
                ) -> dict[str, tuple[int, float, float]]:
    """Where each series of `curves` ends: its last (updates, loss, held-out exact-match)
    with a loss (a model that had stopped has None from then on); a series without one
    is left out."""
    x, losses, accuracies = curves(records, names)
    ends = {}
    for name, values in losses.items():
        last = max((i for i, v in enumerate(values) if v is not None), default=None)
        if last is not None:
            ends[name] = (x[last], float(values[last]), float(accuracies[name][last]))
    return ends


def example_index(request: _RunSettings, position: int) -> int:
    """The `example` field for a page's choice: a pairs row, or for strings the first
    held-out string of length `position` (clamped into the task's lengths)."""
    if request.task == "pairs":
        return max(0, min(position, len(request.pairs) - 1))
    task = request.string_task
    length = max(task.min_len, min(position, task.max_len))
    return sum(task.held_out_count(n) for n in range(task.min_len, length))

