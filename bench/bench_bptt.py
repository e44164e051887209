"""Server-side time of one rerun of the BPTT page after a move of the backward t slider.

    python bench/bench_bptt.py [runs]

AppTest runs the whole page in-process, as the server would for a full rerun (on the
server the slider sits in a fragment, so a move reruns only the walk; this measures the
whole script, the harder case). The reference is the plain recipe: a page with
`page.setup` and the same slider only, measured in the same run, so the ratio holds even
on a loaded machine. Target: median 50 ms or less.
"""

from __future__ import annotations

import sys

from rerun_timing import app_test, reference_page, report, reruns

TARGET_MS = 50.0


def move_t(at, value: int) -> None:
    at.slider(key="bptt.t").set_value(value)


def move_reference(at, value: int) -> None:
    at.slider(key="t").set_value(value)


def main(runs: int = 20) -> None:
    page = app_test("bptt", lang="en").run()
    assert not page.exception, [e.value for e in page.exception]
    steps = int(page.slider(key="bptt.t").max)
    values = [steps - run % steps for run in range(runs + 2)]  # T, T-1, …, 1, T, …
    with reference_page("bptt", "t", steps) as reference:
        page_times = reruns(page, move_t, values)
        reference_times = reruns(reference, move_reference, values)
    report("BPTT page", "a t slider move", page_times, reference_times, TARGET_MS)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
