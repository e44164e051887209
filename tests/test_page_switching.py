"""Going from any page to any other in one session works.

Pages keep their settings in session state under widget keys, and Streamlit
keeps a key's value while the student moves to another page. A page must
therefore never read a value another page left under the same key (e.g. an
int where it expects text), so every ordered pair of pages is walked once.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

from conftest import app_test

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ui.catalog import available_pages  # noqa: E402


def every_ordered_pair(nodes: list[str]) -> list[str]:
    """A walk that goes along every ordered pair (a, b), a != b, exactly once."""
    unused = {node: [other for other in nodes if other != node] for node in nodes}
    stack, walk = [nodes[0]], []
    while stack:  # Hierholzer: the complete directed graph is Eulerian
        node = stack[-1]
        if unused[node]:
            stack.append(unused[node].pop())
        else:
            walk.append(stack.pop())
    return walk[::-1]


def test_the_walk_covers_every_ordered_pair():
    nodes = ["a", "b", "c", "d"]
    walk = every_ordered_pair(nodes)
    pairs = list(itertools.pairwise(walk))
    assert sorted(pairs) == sorted((a, b) for a in nodes for b in nodes if a != b)


def test_every_page_opens_after_every_other_page():
    paths = ["views/home.py"] + [entry.path for entry in available_pages()]
    at = app_test("app", lang="en").run()
    walk = every_ordered_pair(paths)
    for before, path in itertools.pairwise(walk):
        at.switch_page(path).run(timeout=60)
        assert not at.exception, (f"{before} -> {path}", [e.value for e in at.exception])
        assert at.title, f"{before} -> {path}: nothing shown"
    assert len(walk) == len(paths) * (len(paths) - 1) + 1


def test_a_training_run_and_the_language_survive_a_visit_to_another_page():
    at = app_test("app", lang="zh").run()
    at.switch_page("views/3_ohlol.py").run(timeout=60)
    at.number_input(key="ohlol.seed").set_value(7).run(timeout=60)
    at.button(key="ohlol_train").click().run(timeout=60)
    assert "_ohlol_job" in at.session_state
    job = at.session_state["_ohlol_job"]
    at.switch_page("views/7_shapes.py").run(timeout=60)
    at.switch_page("views/3_ohlol.py").run(timeout=60)
    assert not at.exception
    assert at.session_state["_ohlol_job"] is job
    # the controls still say what the run on show was trained with (nothing changed them)
    assert at.number_input(key="ohlol.seed").value == 7
    assert not any("settings have changed" in c.value for c in at.caption)
    assert at.sidebar.selectbox(key="lang").value == "zh"
