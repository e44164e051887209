"""Benchmark: the hello -> ohlol page's training against the course material's plain loops.

Plain recipe A: `torch.manual_seed(seed)`, one-hot inputs, `nn.RNNCell(4, 4)`
called once per step with `loss += cross_entropy`, Adam lr 0.1 (the default
for-loop Adam), the predicted string built per epoch, 15 epochs.
Plain recipe B: Embedding(4, 10) then nn.RNN / nn.LSTM / nn.GRU (hidden 4,
batch_first), mean cross-entropy, Adam lr 1e-3, 4000 epochs per cell.

Targets (issue 3): variant A, 15 epochs, well under 50 ms; compare mode shows
all three cells reaching "ohlol" in under 1 s in total.

    python bench/bench_ohlol.py            # the plain B loop runs its full 4000 epochs
    python bench/bench_ohlol.py --quick    # 1000 plain B epochs per cell, scaled to 4000
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rnnviz import ohlol, reference  # noqa: E402
from rnnviz.jobs import JobPool, run_to_end  # noqa: E402

DATA = ohlol.Data("hello", "ohlol")
PAGE_SEED = ohlol.DEFAULT_SEED  # the page's default seed
SPREAD_SEEDS = 20
REPEATS = 30


def plain_a(seed: int, epochs: int = 15) -> list[str]:
    return reference.plain_ohlol_a(DATA, seed, epochs)[1]


def plain_b(cell: str, seed: int, epochs: int, *, stop_at_hit: bool = False) -> int | None:
    """The plain loop; returns the first epoch predicting "ohlol" (None if never)."""
    torch.manual_seed(seed)
    embedding = nn.Embedding(4, 10)
    rnn = ohlol.CELL_CLASSES[cell](10, 4, batch_first=True)
    optimizer = torch.optim.Adam([*embedding.parameters(), *rnn.parameters()], lr=1e-3)
    x, y = DATA.x(), DATA.y()
    first = None
    for epoch in range(1, epochs + 1):
        outputs, _ = rnn(embedding(x))
        loss = F.cross_entropy(outputs.view(-1, 4), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        predicted = "".join(DATA.chars[i] for i in outputs.argmax(dim=-1).view(-1).tolist())
        if predicted == "ohlol" and first is None:
            first = epoch
            if stop_at_hit:
                break
    return first


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    value = function(*args, **kwargs)
    return time.perf_counter() - started, value


def median_ms(function, repeats: int = REPEATS) -> float:
    return 1000 * statistics.median(timed(function)[0] for _ in range(repeats))


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def bench_variant_a() -> None:
    request = ohlol.SingleRun(seed=PAGE_SEED)  # what the page trains by default
    cold, _ = timed(lambda: run_to_end(request.start()))
    plain = median_ms(lambda: plain_a(PAGE_SEED))
    ours = median_ms(lambda: run_to_end(request.start()))
    records, result = run_to_end(request.start())
    print(f"first training run of the process (imports torch._dynamo): {1000 * cold:.0f} ms")
    print(f"variant A, 15 epochs, seed {PAGE_SEED}: plain loop {plain:.1f} ms, page "
          f"{ours:.1f} ms (median of {REPEATS}; page includes checkpoints), ratio "
          f"{ours / plain:.2f}; first 'ohlol' at epoch {result['first_hit']}, final loss "
          f"{records[-1]['loss']:.4f} -> {verdict(ours < 50)} (target well under 50 ms)")
    print("  predictions: " + " ".join(r["prediction"] for r in records))


def bench_spread() -> None:
    request = ohlol.SpreadRun(seed=PAGE_SEED, seeds=SPREAD_SEEDS)
    plain, _ = timed(lambda: [plain_a(PAGE_SEED + k) for k in range(SPREAD_SEEDS)])
    ours = min(timed(lambda: run_to_end(request.start()))[0] for _ in range(5))
    records, _ = run_to_end(request.start())
    summary = ohlol.spread_summary(records, "ohlol")
    print(f"seed spread, {SPREAD_SEEDS} seeds x 15 epochs: {SPREAD_SEEDS} plain loops "
          f"{1000 * plain:.0f} ms, one batched model {1000 * ours:.1f} ms, ratio "
          f"{ours / plain:.3f}; {summary['reached']}/{SPREAD_SEEDS} reach 'ohlol' "
          f"(first epochs {summary['first_hits']})")


def compare(lr: float) -> tuple[float, dict]:
    request = ohlol.CompareRun(lr=lr, epochs=4000, seed=PAGE_SEED, early_stop=True)
    elapsed, (records, result) = timed(lambda: run_to_end(request.start()))
    return elapsed, {cell: (value["first_hit"], value["epochs"])
                     for cell, value in result["cells"].items()}


def bench_compare(quick: bool) -> None:
    plain_epochs = 1000 if quick else 4000
    plain_total = 0.0
    plain_to_hit = 0.0
    for cell in ohlol.CELLS:
        elapsed, first = timed(plain_b, cell, PAGE_SEED, plain_epochs)
        scaled = elapsed * 4000 / plain_epochs
        to_hit, _ = timed(plain_b, cell, PAGE_SEED, 4000, stop_at_hit=True)
        plain_total += scaled
        plain_to_hit += to_hit
        print(f"plain loop B {cell.upper():4} lr 1e-3: 4000 epochs {scaled:.2f} s"
              f"{' (scaled from 1000)' if quick else ''}; first 'ohlol' at epoch {first}, "
              f"reached in {to_hit:.2f} s")
    print(f"plain loop B, three cells: 4000 epochs each {plain_total:.2f} s; stopped at "
          f"their first 'ohlol' {plain_to_hit:.2f} s")
    for lr, name in ((1e-3, "course lr 0.001"), (ohlol.FAST_COMPARE_LR, "fast lr 0.01")):
        elapsed, cells = compare(lr)
        reached = all(first is not None for first, _ in cells.values())
        detail = ", ".join(f"{c.upper()} epoch {first} (ran {ran})"
                           for c, (first, ran) in cells.items())
        print(f"compare mode, {name}, seed {PAGE_SEED}, stop {ohlol.COMPARE_MARGIN} epochs "
              f"after the first hit: {elapsed:.2f} s [{detail}]; ratio vs plain 4000 epochs "
              f"{elapsed / plain_total:.3f}, vs plain stopped at the same hits "
              f"{elapsed / plain_to_hit:.2f} -> "
              f"{verdict(reached and elapsed < 1.0)} (target: all three in under 1 s)")


def bench_job_and_replay() -> None:
    """What the page waits for: the compare job on a worker thread, then one replayed epoch."""
    pool = JobPool(max_workers=1)
    request = ohlol.CompareRun(lr=1e-3, epochs=4000, seed=PAGE_SEED, early_stop=True)
    job = pool.submit(request, request.start, holder="bench", total_steps=request.total_steps)
    job.wait(60)
    snap = job.snapshot()
    print(f"compare mode through the job pool (worker thread, records kept): "
          f"{snap.elapsed:.2f} s, {len(snap.records)} records")
    lstm = [r for r in snap.records if r["cell"] == "lstm"]
    worst = max((r["epoch"] for r in lstm if "checkpoint" not in r), default=lstm[-1]["epoch"])
    elapsed, _ = timed(ohlol.inspect, request.config("lstm"), request.data, lstm, worst)
    print(f"inside one epoch (LSTM epoch {worst}: checkpoint every "
          f"{ohlol.checkpoint_interval(4000)} epochs, replay, gates): {1000 * elapsed:.0f} ms")


def main() -> None:
    torch.set_num_threads(1)  # as every job of the pool runs
    quick = "--quick" in sys.argv
    bench_variant_a()
    bench_spread()
    bench_compare(quick)
    bench_job_and_replay()


if __name__ == "__main__":
    main()
