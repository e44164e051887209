"""Server-side time of one rerun of the SRN page after a move of the t slider.

    python bench/bench_srn.py [runs]

AppTest runs the page in-process, as the server would after a slider move
(the browser's drawing is not included). The reference is the plain recipe:
a page with `page.setup` and the same slider only, measured in the same run, so
the ratio holds even on a loaded machine. Target: median 50 ms or less. Also the build
time of the unrolled picture at 30 steps, the longest sequence the page takes.
"""

from __future__ import annotations

import statistics
import sys

from rerun_timing import app_test, reference_page, report, reruns

TARGET_MS = 50.0


def move_t(at, value: int) -> None:
    at.slider(key="srn.t").set_value(value)


def thirty_step_figure(runs: int = 5) -> None:
    """Build time of the unrolled picture at the page's longest sequence (was about 2 s)."""
    import time

    import numpy as np

    from rnnviz import srn
    from rnnviz.plots import srn as plots

    xs = np.array([*srn.DEFAULT_INPUTS, *[(1.0, 1.0)] * (srn.MAX_STEPS - 3)])
    trace = srn.run_numpy(srn.SRNWeights.filled(), xs, "tanh")
    plots.unrolled(trace, 1)  # plotly's validators, once per process
    times = []
    for t in range(runs):
        started = time.perf_counter()
        plots.unrolled(trace, srn.MAX_STEPS - t)
        times.append((time.perf_counter() - started) * 1000)
    print(f"unrolled picture, {srn.MAX_STEPS} steps: median {statistics.median(times):.0f} ms "
          f"over {runs} builds")


def main(runs: int = 20) -> None:
    srn_page = app_test("srn", lang="en").run()
    steps = srn_page.slider(key="srn.t").max
    values = [run % int(steps) + 1 for run in range(runs + 2)]
    with reference_page("srn", "srn.t", steps) as reference:
        srn_times = reruns(srn_page, move_t, values)
        reference_times = reruns(reference, move_t, values)
    report("SRN page", "a t slider move", srn_times, reference_times, TARGET_MS)
    thirty_step_figure()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
