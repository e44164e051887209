"""A character-level RNN language model: vocabulary, minibatches, training, generation.

The recipe follows SPEC section 7 (d2l's RNN language model): one token per
character, a vocabulary sorted by frequency with ``<unk>`` at index 0,
subsequences cut by random sampling or sequential partitioning with labels
equal to the inputs shifted by one, a recurrent layer then a linear layer,
gradient clipping, perplexity = exp(mean cross-entropy), and text generated
after a prefix by warming the state up on it and feeding predictions back.

Nothing assumes a small vocabulary: Chinese text has thousands of distinct
characters, so the one-hot input is never materialised as a dense matrix on
the fast path (``input_mode="lookup"``), see `CharLM`.
"""

from __future__ import annotations

import collections
import math
import time
from collections.abc import Iterator, Sequence
from dataclasses import MISSING, dataclass, field, fields

import torch
import torch.nn.functional as F
from torch import nn

from rnnviz.jobs import TrainingGenerator
from rnnviz.training import TrainingRequest, check_choice, check_range

UNK = "<unk>"
CELLS = ("rnn", "lstm", "gru")
INPUT_MODES = ("lookup", "onehot")
SAMPLERS = ("random", "sequential")
OPTIMIZERS = ("adam", "sgd")
SUGGESTED_LR = {"adam": 0.01, "sgd": 1.0}  # the textbook's SGD wants a hundred times Adam's
TOP_K = 5
SAMPLE_LENGTH = 80  # characters of each sample written during training


# --- Tokens and vocabulary ---------------------------------------------------------------

def tokenize(text: str) -> list[str]:
    """One token per character (a Chinese character is one token, as in the lyrics corpus)."""
    return list(text)


@dataclass(frozen=True)
class Vocab:
    """Tokens sorted by falling frequency (ties by code point), ``<unk>`` at index 0."""

    idx_to_token: tuple[str, ...]
    counts: tuple[int, ...]  # counts[i] is how often idx_to_token[i] occurs; 0 for <unk>
    token_to_idx: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "token_to_idx",
                           {token: i for i, token in enumerate(self.idx_to_token)})

    @classmethod
    def build(cls, tokens: Sequence[str]) -> Vocab:
        counter = collections.Counter(tokens)
        counter.pop(UNK, None)
        ranked = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
        return cls((UNK, *(t for t, _ in ranked)), (0, *(c for _, c in ranked)))

    def __len__(self) -> int:
        return len(self.idx_to_token)

    def encode(self, tokens: Sequence[str]) -> list[int]:
        """Indices of `tokens`; a token outside the vocabulary becomes 0 (``<unk>``)."""
        return [self.token_to_idx.get(token, 0) for token in tokens]

    def decode(self, indices: Sequence[int]) -> str:
        return "".join(self.idx_to_token[i] for i in indices)

    def unknown(self, tokens: Sequence[str]) -> list[str]:
        """The distinct tokens of `tokens` outside the vocabulary, in order of appearance."""
        return list(dict.fromkeys(t for t in tokens if t not in self.token_to_idx))


def encode_text(text: str, max_tokens: int | None = None) -> tuple[list[int], Vocab]:
    """Corpus indices and the vocabulary of the first `max_tokens` characters of `text`."""
    tokens = tokenize(text)[:max_tokens] if max_tokens else tokenize(text)
    vocab = Vocab.build(tokens)
    return vocab.encode(tokens), vocab


# --- Minibatches ----------------------------------------------------------------------------
# Both samplers are written as "where does each row of each batch start in the corpus";
# the picture on the page and the training loop read the same starts.

def min_tokens(batch_size: int, num_steps: int) -> int:
    """The shortest corpus that yields one full batch from any random offset (< num_steps)
    an epoch may start at: batch_size * num_steps tokens after it, and one more for labels."""
    return batch_size * num_steps + num_steps


def _offset(num_steps: int, generator: torch.Generator | None, offset: int | None) -> int:
    """A random start in [0, num_steps), so each epoch sees differently cut subsequences."""
    if offset is not None:
        return offset
    return int(torch.randint(0, num_steps, (1,), generator=generator))


def random_starts(n_tokens: int, batch_size: int, num_steps: int,
                  generator: torch.Generator | None = None,
                  offset: int | None = None) -> list[list[int]]:
    """Random sampling: non-overlapping subsequences from a random offset, shuffled.

    Adjacent rows of consecutive batches are unrelated, so the hidden state must be
    reset for every batch.
    """
    offset = _offset(num_steps, generator, offset)
    n_subsequences = (n_tokens - offset - 1) // num_steps
    starts = [offset + i * num_steps for i in range(n_subsequences)]
    order = torch.randperm(n_subsequences, generator=generator).tolist()
    shuffled = [starts[i] for i in order]
    n_batches = n_subsequences // batch_size
    return [shuffled[b * batch_size:(b + 1) * batch_size] for b in range(n_batches)]


def sequential_starts(n_tokens: int, batch_size: int, num_steps: int,
                      generator: torch.Generator | None = None,
                      offset: int | None = None) -> list[list[int]]:
    """Sequential partitioning: the corpus is cut into `batch_size` long rows, read left to right.

    Row r of batch b+1 continues exactly where row r of batch b stopped, so the hidden
    state can be carried from one batch to the next.
    """
    offset = _offset(num_steps, generator, offset)
    row_length = (n_tokens - offset - 1) // batch_size
    n_batches = row_length // num_steps
    return [[offset + r * row_length + b * num_steps for r in range(batch_size)]
            for b in range(n_batches)]


def batch_starts(sampler: str, n_tokens: int, batch_size: int, num_steps: int,
                 generator: torch.Generator | None = None) -> list[list[int]]:
    check_choice("sampler", sampler, SAMPLERS)
    make = random_starts if sampler == "random" else sequential_starts
    return make(n_tokens, batch_size, num_steps, generator)


def pictured_starts(n_tokens: int, batch_size: int, num_steps: int, batches: int,
                    seed: int = 0) -> tuple[dict[str, list[list[int]]], int]:
    """Each sampler's row starts of the first `batches` batches of an epoch as training
    with `seed` cuts them, and where the first row of the first sequential batch starts."""
    pictured = {sampler: batch_starts(sampler, n_tokens, batch_size, num_steps,
                                      torch.Generator().manual_seed(seed))[:batches]
                for sampler in SAMPLERS}
    return pictured, pictured["sequential"][0][0]


def gather_batch(corpus: torch.Tensor, starts: Sequence[int],
                 num_steps: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Inputs X and labels Y (= X shifted by one token), both (B, T)."""
    positions = torch.as_tensor(starts).unsqueeze(1) + torch.arange(num_steps)  # (B, T)
    return corpus[positions], corpus[positions + 1]


def minibatches(corpus: Sequence[int] | torch.Tensor, batch_size: int, num_steps: int,
                sampler: str = "sequential", generator: torch.Generator | None = None,
                ) -> Iterator[tuple[torch.Tensor, torch.Tensor]]:
    """One epoch of (X, Y) batches, each (batch_size, num_steps)."""
    corpus = torch.as_tensor(corpus, dtype=torch.long)
    for starts in batch_starts(sampler, len(corpus), batch_size, num_steps, generator):
        yield gather_batch(corpus, starts, num_steps)


# --- Model ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class CharLMConfig:
    vocab_size: int
    hidden_size: int = 256
    cell: str = "rnn"
    input_mode: str = "lookup"

    def __post_init__(self) -> None:
        check_choice("cell", self.cell, CELLS)
        check_choice("input mode", self.input_mode, INPUT_MODES)
        if self.vocab_size < 2 or self.hidden_size < 1:
            raise ValueError("vocab_size must be at least 2 and hidden_size at least 1")


class CharLM(nn.Module):
    """Recurrent layer then a linear layer from the hidden state to next-token logits.

    ``input_mode="onehot"`` is the textbook model: one-hot(x) (B, T, V) into
    ``nn.RNN(V, H)``. ``one_hot(x) @ W`` only picks row x of W, so
    ``input_mode="lookup"`` stores that matrix as an embedding table (V, H) and
    looks rows up instead of multiplying by a mostly-zero (B*T, V) matrix; the
    recurrent layer then reads those rows. For a vocabulary of thousands of
    Chinese characters this saves a (B*T, V) x (V, H) product every batch.
    """

    def __init__(self, config: CharLMConfig, generator: torch.Generator | None = None):
        super().__init__()
        self.config = config
        layer = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}[config.cell]
        if config.input_mode == "lookup":
            self.lookup = nn.Embedding(config.vocab_size, config.hidden_size)
            input_size = config.hidden_size
        else:
            self.lookup = None
            input_size = config.vocab_size
        self.rnn = layer(input_size, config.hidden_size, batch_first=True)
        self.head = nn.Linear(config.hidden_size, config.vocab_size)
        if generator is not None:
            self.reset_parameters(generator)

    @torch.no_grad()
    def reset_parameters(self, generator: torch.Generator) -> None:
        """PyTorch's default initialisation, drawn from `generator` instead of the global RNG.

        Training jobs run on worker threads while pages rerun on others; a private
        generator keeps one seed giving one model whatever else is running.
        """
        if self.lookup is not None:
            self.lookup.weight.normal_(generator=generator)
        bound = self.config.hidden_size ** -0.5
        for weight in self.rnn.parameters():
            weight.uniform_(-bound, bound, generator=generator)
        self.head.weight.uniform_(-bound, bound, generator=generator)
        self.head.bias.uniform_(-bound, bound, generator=generator)

    def init_hidden(self, batch: int) -> torch.Tensor | tuple[torch.Tensor, torch.Tensor]:
        zeros = torch.zeros(1, batch, self.config.hidden_size)
        return (zeros, zeros.clone()) if self.config.cell == "lstm" else zeros

    def forward(self, x: torch.Tensor, hidden=None):
        """x (B, T) token indices -> logits (B, T, V) and the new hidden state."""
        if self.lookup is not None:
            inputs = self.lookup(x)  # (B, T, H)
        else:
            inputs = F.one_hot(x, self.config.vocab_size).float()  # (B, T, V)
        if hidden is None:
            hidden = self.init_hidden(x.shape[0])
        outputs, hidden = self.rnn(inputs, hidden)  # (B, T, H)
        return self.head(outputs), hidden


def detach_hidden(hidden):
    if isinstance(hidden, tuple):
        return tuple(h.detach() for h in hidden)
    return hidden.detach()


# --- Training -------------------------------------------------------------------------------

@dataclass(frozen=True)
class TrainConfig:
    epochs: int = 30
    lr: float = 0.01
    optimizer: str = "adam"
    clip: float | None = 1.0  # None: no clipping (the norm is still measured)
    batch_size: int = 32
    num_steps: int = 35
    sampler: str = "sequential"
    seed: int = 0
    sample_every: int = 5
    sample_length: int = SAMPLE_LENGTH

    def __post_init__(self) -> None:
        check_choice("optimizer", self.optimizer, OPTIMIZERS)
        check_choice("sampler", self.sampler, SAMPLERS)
        if self.epochs < 1 or self.batch_size < 1 or self.num_steps < 1:
            raise ValueError("epochs, batch_size and num_steps must be at least 1")
        if not (self.lr > 0 and math.isfinite(self.lr)):
            raise ValueError("lr must be a positive finite number")
        if self.clip is not None and not (self.clip > 0 and math.isfinite(self.clip)):
            raise ValueError("clip must be a positive finite number or None")


class CorpusTooShort(ValueError):
    def __init__(self, n_tokens: int, needed: int):
        super().__init__(f"the corpus has {n_tokens} tokens; one batch needs {needed}")
        self.n_tokens = n_tokens
        self.needed = needed


def check_corpus_length(n_tokens: int, batch_size: int, num_steps: int) -> None:
    needed = min_tokens(batch_size, num_steps)
    if n_tokens < needed:
        raise CorpusTooShort(n_tokens, needed)


def make_optimizer(model: nn.Module, train: TrainConfig) -> torch.optim.Optimizer:
    if train.optimizer == "adam":
        return torch.optim.Adam(model.parameters(), lr=train.lr)
    return torch.optim.SGD(model.parameters(), lr=train.lr)


def perplexity(model: CharLM, corpus: Sequence[int], batch_size: int = 32,
               num_steps: int = 35) -> float:
    """exp(mean cross-entropy) over sequential batches from the start, state carried."""
    if len(corpus) < batch_size * num_steps + 1:  # no random offset: one batch and a label
        raise CorpusTooShort(len(corpus), batch_size * num_steps + 1)
    corpus = torch.as_tensor(corpus, dtype=torch.long)
    total, count = 0.0, 0
    hidden = None
    with torch.no_grad():
        for starts in sequential_starts(len(corpus), batch_size, num_steps, offset=0):
            x, y = gather_batch(corpus, starts, num_steps)
            logits, hidden = model(x, hidden)
            total += F.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1),
                                     reduction="sum").item()
            count += y.numel()
    return math.exp(total / count)


def train_charlm(corpus: Sequence[int], vocab: Vocab, model_config: CharLMConfig,
                 train: TrainConfig, prefix: str = ""):
    """Train, yielding one record per epoch; returns the trained model.

    Record 0 describes the untrained model (its perplexity is about the vocabulary
    size, its sample gibberish). Every record has ``step`` (the epoch),
    ``perplexity`` (exp of the epoch's mean training cross-entropy),
    ``grad_norm`` (mean gradient norm *before* clipping) and ``grad_norm_max``,
    ``tokens_per_s``, ``elapsed``, ``weights`` (a copy of the model's state every
    `sample_every` epochs and at the end, else None: `sample_text` writes what the
    model wrote then after any prefix), ``sample`` (that text after `prefix` when one
    is given, else None) and ``model``, a reference to the model being trained: read
    it only once the run has finished or stopped (a stopped run leaves the model as
    it was after its last whole epoch).
    """
    check_corpus_length(len(corpus), train.batch_size, train.num_steps)
    model = untrained_model(model_config, train.seed)
    generator = torch.Generator().manual_seed(train.seed)  # minibatch offsets and order
    corpus = torch.as_tensor(corpus, dtype=torch.long)
    optimizer = make_optimizer(model, train)
    clip = math.inf if train.clip is None else train.clip
    carry_state = train.sampler == "sequential"

    def snapshot(due: bool) -> dict:
        if not due:
            return {"weights": None, "sample": None}
        weights = {name: value.detach().clone() for name, value in model.state_dict().items()}
        text = generate(model, vocab, prefix, train.sample_length).text if prefix else None
        return {"weights": weights, "sample": text}

    # The untrained model's perplexity, on a slice long enough to be representative.
    start = perplexity(model, corpus[:20_000], train.batch_size, train.num_steps)
    yield {"step": 0, "epoch": 0, "perplexity": start,
           "grad_norm": None, "grad_norm_max": None, "tokens_per_s": None, "elapsed": 0.0,
           **snapshot(True), "model": model}
    started = time.perf_counter()
    for epoch in range(1, train.epochs + 1):
        epoch_start = time.perf_counter()
        model.train()
        total_loss, n_tokens, norms = 0.0, 0, []
        hidden = None
        for starts in batch_starts(train.sampler, len(corpus), train.batch_size,
                                   train.num_steps, generator):
            x, y = gather_batch(corpus, starts, train.num_steps)  # (B, T) each
            # Random batches are unrelated to the last one: start from zeros.
            hidden = detach_hidden(hidden) if carry_state and hidden is not None else None
            logits, hidden = model(x, hidden)
            loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1))
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            norms.append(float(nn.utils.clip_grad_norm_(model.parameters(), clip)))
            optimizer.step()
            total_loss += loss.item() * y.numel()
            n_tokens += y.numel()
        model.eval()
        seconds = time.perf_counter() - epoch_start
        due = epoch % max(1, train.sample_every) == 0 or epoch == train.epochs
        yield {"step": epoch, "epoch": epoch, "perplexity": math.exp(total_loss / n_tokens),
               "grad_norm": sum(norms) / len(norms), "grad_norm_max": max(norms),
               "tokens_per_s": n_tokens / max(seconds, 1e-9),
               "elapsed": time.perf_counter() - started,
               **snapshot(due), "model": model}
    return model


# --- Generation -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Generation:
    prefix: str
    text: str  # only the generated continuation, without the prefix
    unknown: list[str]  # prefix characters outside the vocabulary (fed as <unk>)
    top_tokens: list[list[str]]  # per generated step, the TOP_K most likely next tokens
    top_probs: list[list[float]]  # and their probabilities (softmax at the temperature used)

    def confidence(self) -> dict[str, float | int]:
        """What the top-k heatmap shows: the mean probability of the most likely next
        character ("mean"), and at how many of the "steps" it is above one half ("sure")."""
        firsts = [probs[0] for probs in self.top_probs if probs]
        return dict(mean=sum(firsts) / len(firsts) if firsts else 0.0, steps=len(firsts),
                    sure=sum(p > 0.5 for p in firsts))


def generate(model: CharLM, vocab: Vocab, prefix: str, length: int, *, greedy: bool = True,
             temperature: float = 1.0, seed: int = 0) -> Generation:
    """Warm the state up on `prefix`, then feed each predicted character back in."""
    if not prefix:
        raise ValueError("the prefix must contain at least one character")
    if not greedy and not (temperature > 0 and math.isfinite(temperature)):
        raise ValueError("temperature must be a positive finite number")
    tokens = tokenize(prefix)
    indices = vocab.encode(tokens)
    generator = torch.Generator().manual_seed(seed)
    k = min(TOP_K, len(vocab) - 1)
    out: list[int] = []
    top_tokens, top_probs = [], []
    was_training = model.training
    model.eval()
    with torch.no_grad():
        logits, hidden = model(torch.tensor([indices]))  # warm-up on the whole prefix
        for _ in range(length):
            scaled = logits[0, -1] / (1.0 if greedy else temperature)
            # <unk> never occurs in the training text, so it is never a continuation.
            scaled[0] = -math.inf
            probs = torch.softmax(scaled, dim=-1)  # (V,)
            best = torch.topk(probs, k)
            top_tokens.append([vocab.idx_to_token[i] for i in best.indices.tolist()])
            top_probs.append(best.values.tolist())
            if greedy:
                token = int(best.indices[0])
            else:
                token = int(torch.multinomial(probs, 1, generator=generator))
            out.append(token)
            logits, hidden = model(torch.tensor([[token]]), hidden)
    model.train(was_training)
    return Generation(prefix, vocab.decode(out), vocab.unknown(tokens), top_tokens, top_probs)


def untrained_model(model_config: CharLMConfig, seed: int = 0) -> CharLM:
    """The model exactly as training starts it (same seed), for the before/after contrast."""
    return CharLM(model_config, torch.Generator().manual_seed(seed)).eval()


def sample_text(model_config: CharLMConfig, weights: dict[str, torch.Tensor], vocab: Vocab,
                prefix: str, length: int = SAMPLE_LENGTH) -> str:
    """What the model with a record's `weights` writes greedily after `prefix`."""
    model = untrained_model(model_config)  # its own generator: the global RNG stays untouched
    model.load_state_dict(weights)
    return generate(model, vocab, prefix, length).text


def vocabulary_rows(vocab: Vocab) -> list[dict]:
    """The vocabulary as table rows: index, token, count."""
    return [{"index": i, "token": token, "count": count}
            for i, (token, count) in enumerate(zip(vocab.idx_to_token, vocab.counts, strict=True))]


def training_rows(records: Sequence[dict], samples: dict[int, str]) -> list[dict]:
    """A run's records as table rows: the models left out, `samples[epoch]` as the sample."""
    return [{**{k: v for k, v in record.items() if k not in ("model", "weights")},
             "sample": samples.get(record["epoch"])} for record in records]


# --- The training request -------------------------------------------------------------------

MAX_TOKENS = 200_000  # characters of a corpus used at most
MAX_HIDDEN = 1024
MAX_EPOCHS = 200


def _check_whole(name: str, value: object, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be a whole number, not {value!r}")
    check_range(name, value, low, high)


@dataclass(frozen=True)
class LanguageRequest(TrainingRequest):
    """One training run: the corpus named by its fingerprint, and every training setting.

    `text` is the corpus itself; it takes no part in comparing or hashing requests
    (the fingerprint names it), so identical requests compare as cheaply as their
    settings. What is generated after training (the prefix, the length, the decoding)
    is not here: it reads the trained weights, and changing it trains nothing anew.
    """

    corpus: str  # the fingerprint naming `text`, e.g. "play:tragedies/hamlet:<hash>"
    text: str = field(compare=False, repr=False)
    max_tokens: int = 10_000  # only the first characters of `text` are used
    cell: str = "rnn"
    hidden: int = 256
    input_mode: str = "lookup"
    optimizer: str = "adam"
    lr: float = 0.01
    epochs: int = 30
    clip: float | None = 1.0  # None: no clipping
    batch_size: int = 32
    num_steps: int = 35
    sampler: str = "sequential"
    seed: int = 0

    kind = "language"

    def __post_init__(self) -> None:
        if not isinstance(self.corpus, str) or not self.corpus:
            raise ValueError(f"corpus must be a fingerprint naming the text, not {self.corpus!r}")
        if not isinstance(self.text, str):
            raise ValueError(f"text must be the corpus text, not a {type(self.text).__name__}")
        _check_whole("max_tokens", self.max_tokens, 100, MAX_TOKENS)
        check_choice("cell", self.cell, CELLS)
        _check_whole("hidden", self.hidden, 1, MAX_HIDDEN)
        check_choice("input_mode", self.input_mode, INPUT_MODES)
        check_choice("optimizer", self.optimizer, OPTIMIZERS)
        check_range("lr", self.lr, 1e-5, 10.0)
        _check_whole("epochs", self.epochs, 1, MAX_EPOCHS)
        if self.clip is not None:
            check_range("clip", self.clip, 0.01, 100.0)
        _check_whole("batch_size", self.batch_size, 1, 256)
        _check_whole("num_steps", self.num_steps, 2, 200)
        check_choice("sampler", self.sampler, SAMPLERS)
        _check_whole("seed", self.seed, 0, 2**31 - 1)
        check_corpus_length(min(len(self.text), self.max_tokens), self.batch_size,
                            self.num_steps)

    @property
    def total_steps(self) -> int:
        return self.epochs

    @classmethod
    def defaults(cls) -> dict[str, object]:
        """Every setting that has a default, and that default (the page's own)."""
        return {f.name: f.default for f in fields(cls) if f.default is not MISSING}

    @property
    def corpus_key(self) -> tuple[str, int]:
        """What names the encoded corpus: the text's fingerprint and the characters used."""
        return self.corpus, self.max_tokens

    def model_config(self, vocab_size: int) -> CharLMConfig:
        return CharLMConfig(vocab_size, self.hidden, self.cell, self.input_mode)

    def train_config(self) -> TrainConfig:
        return TrainConfig(epochs=self.epochs, lr=self.lr, optimizer=self.optimizer,
                           clip=self.clip, batch_size=self.batch_size, num_steps=self.num_steps,
                           sampler=self.sampler, seed=self.seed,
                           sample_every=max(1, self.epochs // 6))

    def start(self) -> TrainingGenerator:
        ids, vocab = encode_text(self.text, self.max_tokens)
        return train_charlm(ids, vocab, self.model_config(len(vocab)), self.train_config())


# --- Recipes per corpus -------------------------------------------------------------------
# Song ci (the Chinese interface's default text) have about 1,500 distinct characters in
# their first 10,000: every batch pays for an output layer that wide, so the request's 30
# epochs take three times as long as on Hamlet (62 characters). After 8 epochs the model
# already writes whole ci lines after 明月 (perplexity about 6, from about 1,500).
CORPUS_RECIPES: dict[str, dict[str, object]] = {"songci": {"epochs": 8}}


def recipe(source: str) -> dict[str, object]:
    """The default training settings on the corpus `source` ("shakespeare", "songci", …):
    the request's defaults, then the corpus's own recipe."""
    return LanguageRequest.defaults() | CORPUS_RECIPES.get(source, {})


def trained_model(request: LanguageRequest, records: Sequence[dict],
                  corpus_key: tuple[str, int]) -> tuple[CharLM | None, int | None]:
    """The model of a run that has ended (finished or stopped) and its whole epochs, if it
    learned the corpus `corpus_key` (another text or slice has other indices) in at least
    one whole epoch; else (None, None)."""
    last = records[-1] if records else None
    if last is None or not last["epoch"] or request.corpus_key != corpus_key:
        return None, None
    return last["model"], last["epoch"]


def curve_numbers(records: Sequence[dict]) -> dict[str, float]:
    """What the training curves show at their ends: the perplexity before training and at
    the last epoch, that epoch, and its mean and largest gradient norm (0 before epoch 1)."""
    first, last = records[0], records[-1]
    return dict(start=first["perplexity"], perplexity=last["perplexity"], epoch=last["epoch"],
                grad=last["grad_norm"] or 0.0, grad_max=last["grad_norm_max"] or 0.0)
