"""Encoder-decoder (Seq2Seq): an RNN reads a word, a second RNN writes its translation.

SPEC section 5. The alphabet of the course material is 'S', 'E', '?' then a..z
(29 symbols: S starts the decoder, E ends a word, ? pads); pairs of other
characters (pinyin with its spaces, Chinese) get 'S', 'E', '?' then the
pairs' own characters (`Alphabet.of`). Every word is padded with '?' to the
common length `n_step` (5 for the SPEC pairs). For a pair (word, target):

- encoder input  = padded word   + 'E'
- decoder input  = 'S' + padded target
- decoder output = padded target + 'E'

Inputs are one-hot; the encoder's last hidden state initialises the decoder,
and `nn.Linear(H, 29)` (one output per symbol) turns each decoder state into logits.

Training in the page's default recipe (`fast_config`) differs from the SPEC
recipe (`spec_config`: Adam 1e-3, 5000 epochs) only in speed: a higher
learning rate and stopping a few epochs after greedy decoding is right for
every pair. Checking that is free: greedy decoding feeds back its own
predictions, so when the teacher-forced argmax equals the target at every
step the greedy run sees exactly the teacher's inputs and writes the same
symbols.
"""

from __future__ import annotations

import math
import string
from collections.abc import Generator, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from rnnviz import pairs as pairs_module
from rnnviz.pairs import (  # pairs_code and table_pairs: the page's API here too
    InvalidPairs,
    WordProblem,
    pairs_code,  # noqa: F401
    table_pairs,  # noqa: F401
)
from rnnviz.training import TrainingRequest, check_choice, check_range

START, END, PAD = "S", "E", "?"
ALPHABET = (START, END, PAD, *string.ascii_lowercase)  # the course material's 29 symbols
INDEX = {symbol: i for i, symbol in enumerate(ALPHABET)}
N_SYMBOLS = len(ALPHABET)  # 29
LETTERS = frozenset(string.ascii_lowercase)
# Start, end and padding when the pairs themselves use S, E or ?: the Unicode pictures of
# start of text, end of text and null, which no pair may contain.
OTHER_SPECIALS = ("\u2402", "\u2403", "\u2400")  # ␂ ␃ ␀
SPACE_SHOWN = "\u2423"  # ␣: a space in a word, drawn where a blank would be invisible

SPEC_PAIRS = (("hello", "hola"), ("cat", "gato"), ("good", "bueno"))
SPEC_STEPS = 5  # SPEC pads every word to 5
SPEC_HIDDEN = 128
SPEC_LR = 1e-3
SPEC_EPOCHS = 5000
FAST_LR = 0.005  # 0.01 is faster on most seeds but oscillates on some
FAST_MARGIN = 20  # epochs trained on after greedy decoding is right for every pair
MAX_WORD = 10
MAX_PAIRS = 20
MAX_HIDDEN = 256
MAX_EPOCHS = 20000
GREEDY_EVERY = 10  # epochs between the greedy translations recorded for the live view
MAX_CHECKPOINTS = 25  # weights kept per run, so a stopped run can still be looked inside
CELLS = ("rnn",)
RECIPES = ("fast", "spec")
FAST_MAX_EPOCHS = 1000  # the fast recipe usually stops far earlier
MAX_SEED = 1_000_000


# --- The alphabet -----------------------------------------------------------------------

def visible(symbol: str) -> str:
    """A symbol as drawn in a chart or a table cell: a space as ␣."""
    return SPACE_SHOWN if symbol == " " else symbol


@dataclass(frozen=True)
class Alphabet:
    """Start, end, padding, then the characters: the symbols a model reads and writes, one
    character each (hashable: it is part of the pairs that key a shared run)."""

    symbols: tuple[str, ...]
    index: dict[str, int] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        if len(set(self.symbols)) != len(self.symbols) or len(self.symbols) < 4 \
                or any(len(s) != 1 for s in self.symbols):
            raise ValueError(f"symbols must be distinct single characters, got {self.symbols}")
        object.__setattr__(self, "index", {s: i for i, s in enumerate(self.symbols)})

    @classmethod
    def of(cls, texts: Iterable[str]) -> Alphabet:
        """The course material's 29 symbols for words of a-z; otherwise S, E, ? (or ␂, ␃, ␀
        when the words use S, E or ?) then the words' characters, sorted."""
        characters = set("".join(texts))
        if characters <= LETTERS:
            return COURSE
        specials = (START, END, PAD)
        if characters & set(specials):
            specials = OTHER_SPECIALS
        return cls(specials + tuple(sorted(characters)))

    @property
    def start(self) -> str:
        return self.symbols[0]

    @property
    def end(self) -> str:
        return self.symbols[1]

    @property
    def pad(self) -> str:
        return self.symbols[2]

    @property
    def characters(self) -> tuple[str, ...]:
        return self.symbols[3:]

    @property
    def is_course(self) -> bool:
        """The course material's alphabet (S, E, ? then a-z)."""
        return self.symbols == ALPHABET

    def __len__(self) -> int:
        return len(self.symbols)

    def encode(self, text: str) -> list[int]:
        return [self.index[c] for c in text]

    def decode(self, indices: Sequence[int]) -> str:
        return "".join(self.symbols[i] for i in indices)

    def strip(self, symbols: str) -> str:
        """The word inside a decoded string: up to the first end symbol, without padding."""
        return symbols.split(self.end, 1)[0].replace(self.pad, "")

    def unknown(self, text: str) -> list[str]:
        """The characters of `text` that are not among the alphabet's characters (start,
        end and padding included), in order of appearance."""
        known = set(self.characters)
        return list(dict.fromkeys(c for c in text if c not in known))


COURSE = Alphabet(ALPHABET)


# --- Data -------------------------------------------------------------------------------

def check_word(word: object, *, row: int = -1, column: str = "word", limit: int = MAX_WORD,
               alphabet: Alphabet | None = None) -> list[WordProblem]:
    """The first problem with one word: any printable characters (pinyin, Chinese) but the
    reserved ␂ ␃ ␀, at most `limit` of them. With `alphabet` (a trained model's, for a word
    to translate), a word with characters it lacks is "unknown", its `raw` those characters."""
    problems = pairs_module.check_word(word, row=row, column=column, limit=limit,
                                       reserved=OTHER_SPECIALS if alphabet is None else ())
    if problems or alphabet is None:
        return problems
    unknown = alphabet.unknown(str(word))
    return [WordProblem(row, column, "".join(unknown), "unknown")] if unknown else []


def linked_word(raw: str, alphabet: Alphabet) -> str:
    """A word read from a link: one the word box takes for a model of `alphabet`, else
    ValueError."""
    if check_word(raw, alphabet=alphabet):
        raise ValueError(raw)
    return raw


def check_pairs(pairs: Sequence[tuple[str, str]]) -> list[WordProblem]:
    """Every problem with the training pairs (none when they can be learned); a pair typed
    twice is allowed, a second translation of a word is not."""
    return pairs_module.check_pairs(pairs, limit=MAX_WORD, max_pairs=MAX_PAIRS,
                                    reserved=OTHER_SPECIALS)


def encode(text: str) -> list[int]:
    """Indices into the course material's alphabet."""
    return COURSE.encode(text)


def decode(indices: Sequence[int]) -> str:
    return COURSE.decode(indices)


def strip(symbols: str) -> str:
    """The word inside a string of the course alphabet: up to the first E, without padding."""
    return COURSE.strip(symbols)


@dataclass(frozen=True)
class Pairs(pairs_module.PairList):
    """Training pairs, their alphabet and their padded one-hot batches (hashable: it keys a
    shared job)."""

    pairs: tuple[tuple[str, str], ...]
    n_step: int = field(init=False)
    alphabet: Alphabet = field(init=False, compare=False)  # follows from the pairs

    def __post_init__(self) -> None:
        pairs = tuple((str(a), str(b)) for a, b in self.pairs)
        problems = check_pairs(pairs)
        if problems:
            raise InvalidPairs(problems)
        object.__setattr__(self, "pairs", pairs)
        longest = max(len(w) for pair in pairs for w in pair)
        object.__setattr__(self, "n_step", max(SPEC_STEPS, longest))
        object.__setattr__(self, "alphabet", Alphabet.of(w for pair in pairs for w in pair))

    def pad(self, word: str) -> str:
        return word + self.alphabet.pad * (self.n_step - len(word))

    def encoder_text(self, word: str) -> str:
        return self.pad(word) + self.alphabet.end

    def decoder_text(self, target: str) -> str:
        """What the decoder is fed for `target`: start, then the padded target."""
        return self.alphabet.start + self.pad(target)

    def output_text(self, target: str) -> str:
        """What the decoder must write for `target`: the padded target, then end."""
        return self.pad(target) + self.alphabet.end

    @property
    def default_word(self) -> str:
        """The word box's first word: hello with the course material's alphabet (a training
        word or not), else the first training word."""
        return "hello" if self.alphabet.is_course else self.words[0]

    def batches(self) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """Encoder input, decoder input (one-hot, (B, T, V)) and decoder target (B, T), V the
        size of the alphabet (29 for the course's)."""
        code, size = self.alphabet.encode, len(self.alphabet)
        enc = [code(self.encoder_text(w)) for w in self.words]
        dec = [code(self.decoder_text(t)) for t in self.targets]
        out = [code(self.output_text(t)) for t in self.targets]
        return one_hot(enc, size), one_hot(dec, size), torch.tensor(out)


def parse_pairs_code(code: str) -> tuple[tuple[str, str], ...]:
    """The pairs `pairs_code` wrote; ValueError for a code that is not usable pairs."""
    pairs = tuple(pairs_module.parse_pairs_code(code))
    problems = check_pairs(pairs)
    if problems:
        raise InvalidPairs(problems)
    return pairs


def one_hot(indices: Sequence[Sequence[int]] | torch.Tensor,
            size: int = N_SYMBOLS) -> torch.Tensor:
    return F.one_hot(torch.as_tensor(indices), size).float()  # (B, T, size)


# --- Configuration and model ---------------------------------------------------------------

@dataclass(frozen=True)
class Seq2SeqConfig:
    """Everything a run depends on besides the pairs."""

    hidden: int = SPEC_HIDDEN
    lr: float = FAST_LR
    epochs: int = FAST_MAX_EPOCHS
    seed: int = 0
    margin: int | None = FAST_MARGIN  # None: train all epochs (the SPEC loop)

    def __post_init__(self) -> None:
        if not 1 <= self.hidden <= MAX_HIDDEN:
            raise ValueError(f"hidden must be 1 to {MAX_HIDDEN}, got {self.hidden}")
        if not (math.isfinite(self.lr) and 0 < self.lr <= 1):
            raise ValueError(f"lr must be in (0, 1], got {self.lr}")
        if not 1 <= self.epochs <= MAX_EPOCHS:
            raise ValueError(f"epochs must be 1 to {MAX_EPOCHS}, got {self.epochs}")
        if self.seed < 0:
            raise ValueError(f"seed must be 0 or more, got {self.seed}")
        if self.margin is not None and self.margin < 0:
            raise ValueError(f"margin must be 0 or more, or None, got {self.margin}")


def spec_config(seed: int = 0, hidden: int = SPEC_HIDDEN) -> Seq2SeqConfig:
    """The SPEC 5 recipe: Adam 1e-3 for 5000 epochs, no early stop."""
    return Seq2SeqConfig(hidden=hidden, lr=SPEC_LR, epochs=SPEC_EPOCHS, seed=seed, margin=None)


def fast_config(seed: int = 0, hidden: int = SPEC_HIDDEN) -> Seq2SeqConfig:
    """The page's default: the same model, a higher lr, stop soon after it is right."""
    return Seq2SeqConfig(hidden=hidden, lr=FAST_LR, epochs=FAST_MAX_EPOCHS, seed=seed,
                         margin=FAST_MARGIN)


RECIPE_CONFIGS = {"fast": fast_config, "spec": spec_config}


class Seq2Seq(nn.Module):
    """`nn.RNN` encoder and decoder (batch_first) and a linear read-out to the symbols of
    `alphabet` (the course material's 29 by default)."""

    def __init__(self, config: Seq2SeqConfig, alphabet: Alphabet = COURSE):
        super().__init__()
        self.config, self.alphabet = config, alphabet
        self.encoder = nn.RNN(len(alphabet), config.hidden, batch_first=True)
        self.decoder = nn.RNN(len(alphabet), config.hidden, batch_first=True)
        self.fc = nn.Linear(config.hidden, len(alphabet))
        self.reset(config.seed)

    def reset(self, seed: int) -> None:
        """PyTorch's default initialisation, drawn from a private generator.

        Jobs on other threads may touch the global RNG; a run must not depend on them.
        """
        generator = torch.Generator().manual_seed(seed)
        bound = 1.0 / math.sqrt(self.config.hidden)
        with torch.no_grad():
            for rnn in (self.encoder, self.decoder):
                for parameter in rnn.parameters():
                    nn.init.uniform_(parameter, -bound, bound, generator=generator)
            nn.init.kaiming_uniform_(self.fc.weight, a=math.sqrt(5), generator=generator)
            nn.init.uniform_(self.fc.bias, -bound, bound, generator=generator)

    def init_hidden(self, batch: int) -> torch.Tensor:
        return torch.zeros(1, batch, self.config.hidden)

    def encode(self, enc_input: torch.Tensor, hidden: torch.Tensor) -> tuple[torch.Tensor,
                                                                            torch.Tensor]:
        """Encoder states per step (B, T, H) and the context handed to the decoder (1, B, H)."""
        return self.encoder(enc_input, hidden)

    def forward(self, enc_input: torch.Tensor, hidden: torch.Tensor,
                dec_input: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Teacher-forced logits (B, T, V) and the decoder's last hidden state."""
        _, context = self.encoder(enc_input, hidden)  # (1, B, H)
        outputs, hidden = self.decoder(dec_input, context)  # (B, T, H)
        return self.fc(outputs), hidden


# --- Decoding --------------------------------------------------------------------------------

@dataclass
class Translation:
    """One word through the model: everything a student needs to see where a letter came from."""

    word: str
    encoder_text: str  # padded word + E, one symbol per encoder step
    encoder_states: np.ndarray  # (T_enc, H)
    context: np.ndarray  # (H,)
    symbols: str  # greedy output, up to and including E when it came
    probs: np.ndarray  # (T_out, V) softmax over the alphabet at each greedy step
    decoder_inputs: str  # S then the symbols fed back
    alphabet: Alphabet = COURSE  # the model's: the symbols `probs` columns stand for

    @property
    def output(self) -> str:
        return self.alphabet.strip(self.symbols)

    @property
    def ended(self) -> bool:
        """Whether the decoder wrote the end symbol (else it was cut off)."""
        return self.symbols.endswith(self.alphabet.end)

    def least_sure(self) -> dict[str, Any]:
        """The written symbol the decoder was least sure of: its "step" (from 1), the
        "symbol" (shown, see `visible`) and the probability "p" it had (to 2 decimals, as a
        reading guide shows it)."""
        chosen = self.alphabet.encode(self.symbols)
        t = min(range(len(chosen)), key=lambda t: self.probs[t, chosen[t]])
        return dict(step=t + 1, symbol=visible(self.symbols[t]),
                    p=round(float(self.probs[t, chosen[t]]), 2))

    def context_numbers(self) -> dict[str, Any]:
        """The context's size "n", its lowest and highest values, and its largest unit by
        size (from 1) with that unit's value (values to 2 decimals, as a reading guide shows
        them)."""
        unit = int(np.abs(self.context).argmax())
        return dict(n=len(self.context), low=round(float(self.context.min()), 2),
                    high=round(float(self.context.max()), 2), unit=unit + 1,
                    value=round(float(self.context[unit]), 2))


@torch.no_grad()
def greedy(model: Seq2Seq, words: Sequence[str], n_step: int) -> list[Translation]:
    """Real greedy decoding: start from S, feed each predicted symbol back, stop at E.

    Each word runs until it writes E or has written `n_step + 1` symbols (the
    length of a training target plus E). Words are padded to `n_step`.
    """
    batch, alphabet, size = len(words), model.alphabet, len(model.alphabet)
    enc_texts = [w + alphabet.pad * (n_step - len(w)) + alphabet.end for w in words]
    states, context = model.encode(one_hot([alphabet.encode(t) for t in enc_texts], size),
                                   model.init_hidden(batch))  # (B, T, H), (1, B, H)
    hidden = context
    end = alphabet.index[alphabet.end]
    current = torch.full((batch,), alphabet.index[alphabet.start])
    written: list[list[int]] = [[] for _ in words]
    probs: list[list[np.ndarray]] = [[] for _ in words]
    done = [False] * batch
    for _ in range(n_step + 1):
        out, hidden = model.decoder(one_hot(current[:, None], size), hidden)  # (B, 1, H)
        p = torch.softmax(model.fc(out[:, 0]), dim=-1)  # (B, V)
        current = p.argmax(dim=-1)
        for b in range(batch):
            if not done[b]:
                written[b].append(int(current[b]))
                probs[b].append(p[b].numpy())
                done[b] = written[b][-1] == end
        if all(done):
            break
    return [Translation(word=w, encoder_text=t, encoder_states=states[b].numpy(),
                        context=context[0, b].numpy(), symbols=alphabet.decode(written[b]),
                        probs=np.stack(probs[b]),
                        decoder_inputs=alphabet.start + alphabet.decode(written[b][:-1]),
                        alphabet=alphabet)
            for b, (w, t) in enumerate(zip(words, enc_texts, strict=True))]


@dataclass
class TeacherForced:
    """The decoder fed the true previous symbol at every step (as in training)."""

    symbols: str  # argmax per step
    probs: np.ndarray  # (T, V)
    decoder_inputs: str


def translation_notes(pairs: Pairs, word: str, translation: Translation
                      ) -> list[tuple[str, dict[str, Any]]]:
    """What is noted under a word's translation, as codes and their values: a word longer
    than the training words ("longer"), no end symbol written ("no_end"), and whether the
    word is one of the pairs' ("known", with its target) or not ("unknown")."""
    notes: list[tuple[str, dict[str, Any]]] = []
    if len(word) > pairs.n_step:
        notes.append(("longer", dict(length=len(word), n=pairs.n_step)))
    if not translation.ended:
        notes.append(("no_end", dict(n=len(translation.symbols), end=translation.alphabet.end)))
    targets = dict(pairs.pairs)
    notes.append(("known", dict(target=targets[word])) if word in targets
                 else ("unknown", dict(word=word)))
    return notes


@torch.no_grad()
def teacher_forced(model: Seq2Seq, pairs: Pairs, word: str, target: str) -> TeacherForced:
    alphabet, size = pairs.alphabet, len(pairs.alphabet)
    enc = one_hot([alphabet.encode(pairs.encoder_text(word))], size)
    dec_text = pairs.decoder_text(target)
    logits, _ = model(enc, model.init_hidden(1), one_hot([alphabet.encode(dec_text)], size))
    p = torch.softmax(logits[0], dim=-1)  # (T, V)
    return TeacherForced(symbols=alphabet.decode(p.argmax(dim=-1).tolist()), probs=p.numpy(),
                         decoder_inputs=dec_text)


@torch.no_grad()
def teacher_forced_outputs(model: Seq2Seq, pairs: Pairs) -> list[str]:
    """The teacher-forced argmax word of every pair, in one batched pass."""
    enc, dec, _ = pairs.batches()
    logits, _ = model(enc, model.init_hidden(len(pairs)), dec)  # (B, T, V)
    alphabet = pairs.alphabet
    return [alphabet.strip(alphabet.decode(row)) for row in logits.argmax(dim=-1).tolist()]


# --- Training --------------------------------------------------------------------------------

TrainingGenerator = Generator[dict[str, Any], None, dict[str, Any]]


class Trainer:
    """The model, Adam and the batch of all pairs; `epoch()` is one full-batch update."""

    def __init__(self, config: Seq2SeqConfig, pairs: Pairs):
        self.config, self.pairs = config, pairs
        self.model = Seq2Seq(config, pairs.alphabet)
        # foreach Adam: one multi-tensor update instead of a Python loop over parameters
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=config.lr, foreach=True)
        self.enc, self.dec, self.target = pairs.batches()
        self.hidden = self.model.init_hidden(len(pairs))

    def epoch(self) -> tuple[float, bool]:
        """One update. Returns the loss before it and whether greedy decoding was right then."""
        logits, _ = self.model(self.enc, self.hidden, self.dec)  # (B, T, V)
        # SPEC's loop adds one mean cross-entropy per pair.
        loss = F.cross_entropy(logits.transpose(1, 2), self.target, reduction="none")
        loss = loss.mean(dim=1).sum()
        self.optimizer.zero_grad(set_to_none=True)
        loss.backward()
        self.optimizer.step()
        right = bool((logits.argmax(dim=-1) == self.target).all())
        return loss.item(), right


def train(config: Seq2SeqConfig, pairs: Pairs) -> TrainingGenerator:
    """Yield {"step", "epoch", "loss", "all_right"} per epoch; return the trained model.

    "loss" and "all_right" come from the forward pass that computed the epoch's
    gradient (before its update), as in the SPEC loop. Every GREEDY_EVERY epochs and
    at the end a record also carries "greedy" and "forced": the words written by
    greedy decoding and by teacher forcing after the epoch's update. At most
    MAX_CHECKPOINTS records carry "weights" (a copy of the model's state after the
    update), from which `restore` rebuilds the model of a run that was stopped.

    With `config.margin` the run ends once greedy decoding has been right for every
    pair for `margin` epochs in a row (a single right epoch may be a lucky swing).
    """
    trainer = Trainer(config, pairs)
    every_checkpoint = GREEDY_EVERY * max(1, math.ceil(config.epochs / GREEDY_EVERY
                                                       / MAX_CHECKPOINTS))
    first_right = None
    right_since = None  # the first epoch of the current run of all-right epochs
    loss, epoch = math.nan, 0
    for epoch in range(1, config.epochs + 1):
        loss, right = trainer.epoch()
        if right and first_right is None:
            first_right = epoch
        right_since = (right_since or epoch) if right else None
        record: dict[str, Any] = {"step": epoch, "epoch": epoch, "loss": loss,
                                  "all_right": right}
        finishing = epoch == config.epochs or (
            config.margin is not None and right_since is not None
            and epoch >= right_since + config.margin)
        if epoch % GREEDY_EVERY == 0 or epoch == 1 or finishing:
            record["greedy"] = [t.output for t in greedy(trainer.model, pairs.words,
                                                         pairs.n_step)]
            record["forced"] = teacher_forced_outputs(trainer.model, pairs)
        if epoch % every_checkpoint == 0 or epoch == 1:
            record["weights"] = {name: p.detach().clone()
                                 for name, p in trainer.model.state_dict().items()}
        yield record
        if finishing:
            break
    trainer.model.eval()
    return {"model": trainer.model, "epochs": epoch, "final_loss": loss,
            "first_right": first_right}


def restore(config: Seq2SeqConfig, records: Sequence[dict[str, Any]],
            alphabet: Alphabet = COURSE) -> tuple[Seq2Seq, int]:
    """The model of the last record that carries weights, and its epoch."""
    record = next(r for r in reversed(records) if "weights" in r)
    model = Seq2Seq(config, alphabet)
    model.load_state_dict(record["weights"])
    return model.eval(), record["epoch"]


def train_to_end(config: Seq2SeqConfig, pairs: Pairs) -> dict[str, Any]:
    """Run `train` without watching it; the result dict (with "records")."""
    records = []
    run = train(config, pairs)
    while True:
        try:
            records.append(next(run))
        except StopIteration as finished:
            result = finished.value
            break
    return {**result, "records": records}


def translations_table(model: Seq2Seq, pairs: Pairs) -> list[dict[str, Any]]:
    """Per pair: word, target, greedy output, teacher-forced output and correctness."""
    rows = []
    for (word, target), tr in zip(pairs.pairs, greedy(model, pairs.words, pairs.n_step),
                                  strict=True):
        forced = teacher_forced(model, pairs, word, target)
        rows.append({"word": word, "target": target, "greedy": tr.output,
                     "teacher_forced": pairs.alphabet.strip(forced.symbols),
                     "correct": tr.output == target})
    return rows


# --- Requests and what the page reads off a run ------------------------------------------------

@dataclass(frozen=True)
class Seq2SeqRequest(TrainingRequest):
    """One training run of the encoder-decoder page: the pairs, the recipe, the hidden size
    and the seed (validated, hashable). `start()` is `train(self.config, self.pairs)`."""

    kind: ClassVar[str] = "seq2seq"

    pairs: Pairs = Pairs(SPEC_PAIRS)
    recipe: str = "fast"
    hidden: int = SPEC_HIDDEN
    seed: int = 0

    def __post_init__(self) -> None:
        if not isinstance(self.pairs, Pairs):
            try:
                object.__setattr__(self, "pairs", Pairs(tuple(self.pairs)))
            except (InvalidPairs, TypeError, ValueError) as error:
                raise ValueError(f"pairs are not usable: {error}") from error
        check_choice("recipe", self.recipe, RECIPES)
        for name, high in (("hidden", MAX_HIDDEN), ("seed", MAX_SEED)):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | np.integer):
                raise ValueError(f"{name} must be a whole number, not {value!r}")
            check_range(name, value, 1 if name == "hidden" else 0, high)
            object.__setattr__(self, name, int(value))

    @property
    def config(self) -> Seq2SeqConfig:
        return RECIPE_CONFIGS[self.recipe](seed=self.seed, hidden=self.hidden)

    def start(self) -> TrainingGenerator:
        return train(self.config, self.pairs)

    @property
    def total_steps(self) -> int:
        return self.config.epochs

    def trained_model(self, result: Any, records: Sequence[dict[str, Any]]
                      ) -> tuple[Seq2Seq, int | None] | None:
        """The model a finished run returned (and None); for a stopped run the model as
        last saved (and its epoch); None when a stopped run saved no weights yet."""
        if isinstance(result, dict):
            return result["model"], None
        if not any("weights" in r for r in records):
            return None
        return restore(self.config, records, self.pairs.alphabet)


def first_right(records: Sequence[dict[str, Any]]) -> int | None:
    """The first epoch at which every pair was right, or None."""
    return next((r["epoch"] for r in records if r["all_right"]), None)


def latest_greedy(records: Sequence[dict[str, Any]]) -> list[str]:
    """The greedy translations of the latest record that has them."""
    return next((r["greedy"] for r in reversed(records) if "greedy" in r), [])


def count_right(words: Sequence[str], targets: Sequence[str]) -> int:
    return sum(w == t for w, t in zip(words, targets, strict=False))


def joined(words: Sequence[str]) -> str:
    """Words for a table cell or a hover label; ∅ for an empty one."""
    return ", ".join(w or "∅" for w in words)


def hover_translations(records: Sequence[dict[str, Any]]) -> list[str]:
    """For each epoch, the most recent greedy translations recorded up to it."""
    shown, latest = [], ""
    for record in records:
        if "greedy" in record:
            latest = joined(record["greedy"])
        shown.append(latest)
    return shown


def history(records: Sequence[dict[str, Any]], targets: Sequence[str]) -> list[dict[str, Any]]:
    """One row per sampled epoch: greedy decoding against teacher forcing while learning.

    Columns: epoch, loss (4 significant digits), greedy, greedy_right ("2 / 3"), forced,
    forced_right."""
    def right(words: Sequence[str]) -> str:
        return f"{count_right(words, targets)} / {len(targets)}"

    return [{"epoch": r["epoch"], "loss": float(f"{r['loss']:.4g}"),
             "greedy": joined(r["greedy"]), "greedy_right": right(r["greedy"]),
             "forced": joined(r["forced"]), "forced_right": right(r["forced"])}
            for r in records if "greedy" in r]


def first_gap(records: Sequence[dict[str, Any]], targets: Sequence[str]
              ) -> tuple[int, int, int] | None:
    """The first sampled epoch where teacher forcing got more words right than greedy
    decoding: (epoch, right by teacher forcing, right by greedy decoding), or None."""
    for r in records:
        if "greedy" in r:
            forced, greedy = count_right(r["forced"], targets), count_right(r["greedy"], targets)
            if forced > greedy:
                return r["epoch"], forced, greedy
    return None


def step_columns(translation: Translation, forced: TeacherForced | None) -> dict[str, list]:
    """One translation step by step: step, greedy_in, greedy_out, greedy_p and, given the
    teacher-forced run of a training pair, forced_in and forced_out (None-padded). A space
    is shown as ␣."""
    chosen = translation.alphabet.encode(translation.symbols)
    columns: dict[str, list] = {
        "step": list(range(1, len(chosen) + 1)),
        "greedy_in": [visible(c) for c in translation.decoder_inputs],
        "greedy_out": [visible(c) for c in translation.symbols],
        "greedy_p": [round(float(translation.probs[t, i]), 4) for t, i in enumerate(chosen)],
    }
    if forced is None:
        return columns
    length = max(len(forced.symbols), len(chosen))
    columns = {name: values + [None] * (length - len(values)) for name, values in columns.items()}
    columns["step"] = list(range(1, length + 1))
    for name, values in (("forced_in", forced.decoder_inputs), ("forced_out", forced.symbols)):
        columns[name] = [visible(c) for c in values] + [None] * (length - len(values))
    return columns


def curve_numbers(records: Sequence[dict[str, Any]], targets: Sequence[str]) -> dict[str, Any]:
    """What the loss curve shows at its end: the final "loss", its "epoch", the pairs greedy
    decoding got "right" of "n", and the epoch all were first right ("first", None: not yet)."""
    last = records[-1]
    return dict(loss=last["loss"], epoch=last["epoch"], n=len(targets),
                right=count_right(latest_greedy(records), targets), first=first_right(records))
