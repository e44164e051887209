"""Server-side time of one rerun of the SRN page after a move of the t slider.

    python bench/bench_srn.py [runs]

AppTest runs the page in-process, as the server would after a slider move
(the browser's drawing is not included). The reference is the plain recipe:
a page with `page.setup` and the same slider only, measured in the same run, so
the ratio holds even on a loaded machine. Target: median 50 ms or less.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from conftest import app_test  # noqa: E402
from streamlit.runtime.scriptrunner.script_cache import ScriptCache  # noqa: E402
from streamlit.testing.v1 import AppTest, local_script_runner  # noqa: E402
from streamlit.testing.v1 import app_test as app_test_module  # noqa: E402

# The server compiles a page once and keeps its bytecode in one ScriptCache; AppTest
# makes a new cache per run and so recompiles (and re-applies "magic" to) the whole
# script every time, which is not what a slider move costs on the server.
_SHARED_SCRIPT_CACHE = ScriptCache()
app_test_module.ScriptCache = lambda: _SHARED_SCRIPT_CACHE
local_script_runner.ScriptCache = lambda: _SHARED_SCRIPT_CACHE

TARGET_MS = 50.0
REFERENCE = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
import streamlit as st
from ui import page
from ui.text.srn import STRINGS
tr = page.setup(STRINGS, "srn.title")
t = st.slider("t", 1, 3, key="t")
st.write(t)
"""


def slider_reruns(at: AppTest, runs: int) -> list[float]:
    """Milliseconds per rerun, moving t across its range."""
    steps = at.slider(key="t").max
    times = []
    for run in range(runs + 2):
        at.slider(key="t").set_value(run % steps + 1)
        start = time.perf_counter()
        at.run()
        elapsed = (time.perf_counter() - start) * 1000
        assert not at.exception, [e.value for e in at.exception]
        if run >= 2:  # the first moves fill the caches, as the first student in a class does
            times.append(elapsed)
    return times


def main(runs: int = 20) -> None:
    srn_page = app_test("srn", lang="en").run()
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "reference.py"
        script.write_text(REFERENCE)
        reference = AppTest.from_file(str(script), default_timeout=30).run()
        srn_times = slider_reruns(srn_page, runs)
        reference_times = slider_reruns(reference, runs)
    srn_median = statistics.median(srn_times)
    reference_median = statistics.median(reference_times)
    print(f"SRN page, rerun after a t slider move: median {srn_median:.1f} ms over {runs} runs "
          f"(min {min(srn_times):.1f}, max {max(srn_times):.1f}); target {TARGET_MS:.0f} ms: "
          f"{'met' if srn_median <= TARGET_MS else 'NOT met'}")
    print(f"reference (page.setup + one slider): median {reference_median:.1f} ms")
    print(f"ratio SRN page / reference: {srn_median / reference_median:.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
