"""Benchmark: the page's default training against the plain SPEC 7 recipe, in one run.

Plain recipe: one-hot input, nn.RNN(vocab, 256), SGD lr 1, clipping to norm 1,
batch 32, 35 steps, sequential partitioning with the state carried, the first
10,000 characters of Hamlet, 20 epochs. Target: the page's default settings
reach the plain recipe's epoch-20 perplexity in at most half its wall time.

    python bench/bench_charlm.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rnnviz.charlm import CharLMConfig, TrainConfig, encode_text, train_charlm  # noqa: E402
from rnnviz.corpus import load_play  # noqa: E402

PLAY = "tragedies/hamlet"
MAX_TOKENS = 10_000
PLAIN_EPOCHS = 20
# The page's defaults (pages/8_language_model.py reads them from here too).
PAGE_MODEL = dict(hidden_size=256, cell="rnn", input_mode="lookup")
PAGE_TRAIN = dict(epochs=30, lr=0.01, optimizer="adam", clip=1.0, sampler="sequential")


def run(model_kwargs: dict, train_kwargs: dict, corpus, vocab, *, target: float | None = None):
    """Train to the end (or until `target` perplexity); return the records and wall time."""
    records = []
    started = time.perf_counter()
    reached_at = None
    trainer = train_charlm(corpus, vocab, CharLMConfig(len(vocab), **model_kwargs),
                           TrainConfig(sample_every=10_000, **train_kwargs))
    for record in trainer:
        records.append(record)
        if record["epoch"] and target is not None and record["perplexity"] <= target:
            reached_at = time.perf_counter() - started
            break
    return records, time.perf_counter() - started, reached_at


def tokens_per_s(records) -> float:
    rates = [r["tokens_per_s"] for r in records if r["tokens_per_s"]]
    return sum(rates) / len(rates)


def chinese_vocabulary() -> None:
    """Tokens/s of one-hot input vs the row lookup with a lyrics-sized vocabulary (~3,000)."""
    generator = torch.Generator().manual_seed(0)
    chars = [chr(0x4E00 + i) for i in range(3500)]
    draws = torch.randint(0, len(chars), (MAX_TOKENS,), generator=generator).tolist()
    corpus, vocab = encode_text("".join(chars[i] for i in draws))
    rates = {}
    for mode in ("onehot", "lookup"):
        records, _, _ = run(dict(hidden_size=256, cell="rnn", input_mode=mode),
                            dict(epochs=2, lr=0.01, optimizer="adam", clip=1.0,
                                 sampler="sequential"), corpus, vocab)
        rates[mode] = tokens_per_s(records)
    print(f"Chinese-sized vocabulary ({len(vocab)} tokens): one-hot {rates['onehot']:,.0f} "
          f"tokens/s, lookup {rates['lookup']:,.0f} tokens/s "
          f"(x{rates['lookup'] / rates['onehot']:.2f})")


def main() -> None:
    torch.set_num_threads(1)  # as the job pool runs every job
    corpus, vocab = encode_text(load_play(PLAY), MAX_TOKENS)
    print(f"corpus: {PLAY}, first {len(corpus)} characters, vocabulary {len(vocab)}")

    plain, plain_time, _ = run(dict(hidden_size=256, cell="rnn", input_mode="onehot"),
                               dict(epochs=PLAIN_EPOCHS, lr=1.0, optimizer="sgd", clip=1.0,
                                    sampler="sequential"), corpus, vocab)
    target = plain[-1]["perplexity"]
    page, page_time, reached = run(PAGE_MODEL, PAGE_TRAIN, corpus, vocab, target=target)

    def curve(records):
        return " ".join(f"{r['perplexity']:.2f}" for r in records if r["epoch"])

    print(f"plain recipe  ({PLAIN_EPOCHS} epochs): wall {plain_time:.2f} s, "
          f"{tokens_per_s(plain):,.0f} tokens/s, final perplexity {target:.2f}")
    print(f"  perplexity per epoch: {curve(plain)}")
    epochs_needed = page[-1]["epoch"]
    print(f"page default (stopped at perplexity <= {target:.2f}): "
          f"{epochs_needed} epochs, wall {page_time:.2f} s, {tokens_per_s(page):,.0f} tokens/s")
    print(f"  perplexity per epoch: {curve(page)}")
    if reached is None:
        print("FAIL: the page's default never reached the plain recipe's perplexity")
        sys.exit(1)
    full, full_time, _ = run(PAGE_MODEL, PAGE_TRAIN, corpus, vocab)
    print(f"page default, all {PAGE_TRAIN['epochs']} epochs (what Train does): wall "
          f"{full_time:.2f} s, final perplexity {full[-1]['perplexity']:.2f}")
    chinese_vocabulary()
    ratio = reached / plain_time
    print(f"ratio page/plain wall time to reach perplexity {target:.2f}: {ratio:.2f} "
          f"(target <= 0.50) -> {'PASS' if ratio <= 0.5 else 'FAIL'}")
    sys.exit(0 if ratio <= 0.5 else 1)


if __name__ == "__main__":
    main()
