"""Server-side time of one rerun of the gated-cells page after a move of the t slider.

    python bench/bench_gated.py [runs]

AppTest runs the whole page in-process, as the server would after a slider move (the
browser's drawing is not included; in the browser a move of t reruns only the step
fragment, which costs less). The reference is a page with `page.setup` and the same slider
only, measured in the same run, so the ratio holds on a loaded machine. Target: median
50 ms or less for both cells as the page opens (the editors hidden); the same rerun with
the five table editors open ("Edit the weights and the inputs", ?edit=true) is printed for
information.
"""

from __future__ import annotations

import sys

import torch
from rerun_timing import app_test, reference_page, report, reruns

TARGET_MS = 50.0


def move_t(at, value: int) -> None:
    at.slider(key="gated.t").set_value(value)


def main(runs: int = 20) -> bool:
    torch.set_num_threads(1)
    met = True
    for name, query in (("lstm", {"cell": "lstm"}), ("gru", {"cell": "gru"}),
                        ("lstm, editors open", {"cell": "lstm", "edit": "true"})):
        gated_page = app_test("gated", lang="en", **query).run()
        steps = gated_page.slider(key="gated.t").max
        values = [run % int(steps) + 1 for run in range(runs + 2)]
        with reference_page("gated", "gated.t", steps) as reference:
            times = reruns(gated_page, move_t, values)
            reference_times = reruns(reference, move_t, values)
        met &= report(f"gated page ({name})", "a t slider move", times, reference_times,
                      TARGET_MS, judged="edit" not in query)
    return met


if __name__ == "__main__":
    sys.exit(0 if main(int(sys.argv[1]) if len(sys.argv) > 1 else 20) else 1)
