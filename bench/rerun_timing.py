"""Server-side time of a page's rerun, measured in-process with AppTest.

Importing this module makes AppTest share one compiled-script cache, as the
server does: AppTest otherwise makes a new cache per run and so recompiles
(and re-applies "magic" to) the whole script every time, which is not what a
widget move costs on the server.

The yardstick is a plain page: `page.setup` and one slider, measured in the
same run, so ratios hold even on a loaded machine.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from conftest import app_test  # noqa: E402, F401  (re-exported for the benchmarks)
from streamlit.runtime.scriptrunner.script_cache import ScriptCache  # noqa: E402
from streamlit.testing.v1 import AppTest, local_script_runner  # noqa: E402
from streamlit.testing.v1 import app_test as app_test_module  # noqa: E402

_SHARED_SCRIPT_CACHE = ScriptCache()
app_test_module.ScriptCache = lambda: _SHARED_SCRIPT_CACHE
local_script_runner.ScriptCache = lambda: _SHARED_SCRIPT_CACHE


def reruns(at: AppTest, move: Callable[[AppTest, object], None], values: list, *,
           warm: int = 2) -> list[float]:
    """Milliseconds per rerun after `move(at, value)`; the first `warm` are not counted
    (they fill the caches, as the first student in a class does)."""
    times = []
    for index, value in enumerate(values):
        move(at, value)
        start = time.perf_counter()
        at.run()
        elapsed = (time.perf_counter() - start) * 1000
        assert not at.exception, [e.value for e in at.exception]
        if index >= warm:
            times.append(elapsed)
    return times


@contextmanager
def reference_page(slug: str, slider_key: str, high: int) -> Iterator[AppTest]:
    """The plain page: the page's own `page.setup` and strings, and one slider."""
    source = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
import streamlit as st
from ui import page
from ui.text.{slug} import STRINGS
tr = page.setup(STRINGS, "{slug}.title")
value = st.slider("value", 1, {int(high)}, key={slider_key!r})
st.write(value)
"""
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "reference.py"
        script.write_text(source)
        yield AppTest.from_file(str(script), default_timeout=30).run()


def report(name: str, what: str, times: list[float], reference_times: list[float],
           target_ms: float, *, judged: bool = True) -> bool:
    """Print the page's median rerun beside the reference's and their ratio; whether the
    target is met (always True for a figure printed for information, `judged=False`)."""
    median, reference_median = statistics.median(times), statistics.median(reference_times)
    met = median <= target_ms
    verdict = ("met" if met else "NOT met") if judged else "information"
    print(f"{name}, rerun after {what}: median {median:.1f} ms over {len(times)} runs "
          f"(min {min(times):.1f}, max {max(times):.1f}); target {target_ms:.0f} ms: {verdict}")
    print(f"reference (page.setup + one slider): median {reference_median:.1f} ms")
    print(f"ratio {name} / reference: {median / reference_median:.2f}")
    return met or not judged
