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

from rnnviz.charlm import LanguageRequest  # noqa: E402
from rnnviz.corpus import DEFAULT_PLAY as PLAY  # noqa: E402
from rnnviz.corpus import DEFAULT_POET, play_corpus, poet_corpus  # noqa: E402

PLAIN_EPOCHS = 20
# The plain recipe differs from the page's default request (what Train runs, with the first
# 10,000 characters, RNN 256, clipping to 1, batch 32 x 35 steps, sequential) only here.
PLAIN = dict(input_mode="onehot", optimizer="sgd", lr=1.0, epochs=PLAIN_EPOCHS)


def run(request: LanguageRequest, *, target: float | None = None):
    """Train to the end (or until `target` perplexity); return the records and wall time."""
    records = []
    started = time.perf_counter()
    reached_at = None
    for record in request.start():
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
    draws = torch.randint(0, len(chars), (10_000,), generator=generator).tolist()
    text = "".join(chars[i] for i in draws)
    rates = {}
    for mode in ("onehot", "lookup"):
        records, _, _ = run(LanguageRequest("bench:chinese", text, input_mode=mode, epochs=2))
        rates[mode] = tokens_per_s(records)
    vocabulary = len(set(text)) + 1  # and <unk>
    print(f"Chinese-sized vocabulary ({vocabulary} tokens): one-hot {rates['onehot']:,.0f} "
          f"tokens/s, lookup {rates['lookup']:,.0f} tokens/s "
          f"(x{rates['lookup'] / rates['onehot']:.2f})")


def chinese_default() -> None:
    """What Train does in the Chinese interface: the page's defaults on Su Shi's ci."""
    text, fingerprint = poet_corpus(DEFAULT_POET)
    request = LanguageRequest(fingerprint, text)
    records, wall, _ = run(request)
    vocabulary = len(set(text[:request.max_tokens])) + 1
    print(f"Chinese default (宋词, {DEFAULT_POET}, first {request.max_tokens} characters, "
          f"vocabulary {vocabulary}), all {request.epochs} epochs: wall {wall:.2f} s, "
          f"{tokens_per_s(records):,.0f} tokens/s, perplexity {records[0]['perplexity']:.0f} "
          f"-> {records[-1]['perplexity']:.2f}")


def main() -> None:
    torch.set_num_threads(1)  # as the job pool runs every job
    text, fingerprint = play_corpus(PLAY)
    page_default = LanguageRequest(fingerprint, text)
    print(f"corpus: {PLAY}, first {page_default.max_tokens} characters")

    plain, plain_time, _ = run(LanguageRequest(fingerprint, text, **PLAIN))
    target = plain[-1]["perplexity"]
    page, page_time, reached = run(page_default, target=target)

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
    full, full_time, _ = run(page_default)
    print(f"page default, all {page_default.epochs} epochs (what Train does): wall "
          f"{full_time:.2f} s, final perplexity {full[-1]['perplexity']:.2f}")
    chinese_vocabulary()
    chinese_default()
    ratio = reached / plain_time
    print(f"ratio page/plain wall time to reach perplexity {target:.2f}: {ratio:.2f} "
          f"(target <= 0.50) -> {'PASS' if ratio <= 0.5 else 'FAIL'}")
    sys.exit(0 if ratio <= 0.5 else 1)


if __name__ == "__main__":
    main()
