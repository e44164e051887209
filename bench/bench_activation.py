"""Server-side time of one rerun of the activation page (and the shapes page) after a move.

    python bench/bench_activation.py [runs]

AppTest runs each page in-process, as the server does after a widget move (the
browser's drawing is not included). The reference is the plain recipe: a page
with `page.setup` and one slider only, measured in the same run, so the ratio
holds on a loaded machine. Measured:

- activation page, `seq_len` moved among values already seen (cached results and
  figures: what a class on the same view costs), target 50 ms;
- activation page, every move a new length up to 200 (each rerun computes four
  runs and their autograd gradient norms and builds two figures);
- shapes page, `hidden_size` moved (each value a real torch module and forward pass);
- the plain computation alone: `rnnviz.activation.compare` at T = 200, four activations.
"""

from __future__ import annotations

import statistics
import sys
import time

from rerun_timing import app_test, reference_page, reruns
from streamlit.testing.v1 import AppTest

from rnnviz import activation

TARGET_MS = 50.0


def set_slider(at: AppTest, value) -> None:
    at.slider(key="activation.length").set_value(value)


def set_hidden(at: AppTest, value) -> None:
    at.number_input(key="shapes.hidden_size").set_value(value)


def describe(name: str, times: list[float]) -> float:
    median = statistics.median(times)
    print(f"{name}: median {median:.1f} ms over {len(times)} runs "
          f"(min {min(times):.1f}, max {max(times):.1f})")
    return median


def main(runs: int = 20) -> None:
    seen = [20, 25, 30] * (runs // 3 + 2)
    fresh = list(range(200, 200 - runs - 2, -1))
    page = app_test("activation", lang="en").run()
    with reference_page("activation", "activation.length", 200) as reference:
        reference_ms = describe("reference (page.setup + one slider)",
                                reruns(reference, set_slider, seen[: runs + 2]))
    cached_ms = describe("activation page, seq_len moved among seen values",
                         reruns(page, set_slider, seen[: runs + 2]))
    fresh_ms = describe("activation page, seq_len moved to a new value (T ~ 200)",
                        reruns(page, set_slider, fresh, warm=0))
    shapes_page = app_test("shapes", lang="en").run()
    shapes_ms = describe("shapes page, hidden_size moved to a new value",
                         reruns(shapes_page, set_hidden, list(range(10, 10 + runs + 2))))
    start = time.perf_counter()
    for _ in range(5):
        activation.compare(activation.ComparisonConfig(steps=200, scale=1.0))
    compute_ms = (time.perf_counter() - start) / 5 * 1000
    print(f"plain compute, compare(T=200, 4 activations, with gradient norms): {compute_ms:.1f} ms")
    print(f"target {TARGET_MS:.0f} ms for a cached move: "
          f"{'met' if cached_ms <= TARGET_MS else 'NOT met'}")
    print(f"ratio activation page (seen values) / reference: {cached_ms / reference_ms:.2f}")
    print(f"ratio activation page (new T ~ 200) / reference: {fresh_ms / reference_ms:.2f}")
    print(f"ratio shapes page (new module) / reference: {shapes_ms / reference_ms:.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
