"""ui.figures: server-wide figures and results, built once per distinct input."""

import threading
import time

import numpy as np
import plotly.graph_objects as go
import pytest

from ui import figures


def line_figure(values, title=""):
    return go.Figure(go.Scatter(y=values), layout={"title": {"text": title}})


def test_cached_builds_once_per_distinct_arguments_and_freezes_the_dict():
    calls = []

    def builder(values, title=""):
        calls.append((tuple(values), title))
        return line_figure(values, title)

    build = figures.cached(builder)
    first = build([1.0, 2.0], title="a")
    again = build([1.0, 2.0], title="a")
    other = build([1.0, 2.0], title="b")
    assert first is again and first is not other
    assert calls == [((1.0, 2.0), "a"), ((1.0, 2.0), "b")]
    # st.plotly_chart reads to_dict(): the same dict every time, no uid to differ by
    assert first.to_dict() is first.to_dict()
    assert "uid" not in first.to_dict()["data"][0]


def test_numpy_arguments_are_keyed_by_content():
    build = figures.cached(lambda values: line_figure(values))
    assert build(np.arange(3.0)) is build(np.arange(3.0))
    assert build(np.arange(3.0)) is not build(np.arange(4.0))


def test_an_argument_that_cannot_be_keyed_is_built_fresh():
    class Opaque:
        pass

    build = figures.cached(lambda thing: line_figure([1.0]))
    assert build(Opaque()) is not build(Opaque())


def test_the_oldest_entries_are_dropped_past_max_entries():
    calls = []

    def square(x):
        calls.append(x)
        return x * x

    memo = figures.memo(square, max_entries=2)
    for x in (1, 2, 3, 1):
        memo(x)
    assert calls == [1, 2, 3, 1]  # 1 was the oldest when 3 arrived


def test_keyed_memo_keys_on_the_key_and_keywords_and_never_looks_at_the_data():
    calls = []

    class Records:  # compared by identity: could not be a key itself
        def __init__(self, rows):
            self.rows = rows

    def total(records, *, scale=1):
        calls.append(len(records.rows))
        return sum(records.rows) * scale

    shared = figures.keyed_memo(total)
    assert shared(("run", 2), Records([1, 2])) == 3
    assert shared(("run", 2), Records([1, 2])) == 3  # a new object, the same name
    assert shared(("run", 3), Records([1, 2, 3])) == 6
    assert shared(("run", 3), Records([1, 2, 3]), scale=10) == 60
    assert calls == [2, 3, 3]


def test_sessions_asking_for_the_same_key_at_once_share_one_build():
    calls = []
    started = threading.Event()

    def slow(x):
        calls.append(x)
        started.set()
        time.sleep(0.2)
        return [x]

    memo = figures.memo(slow)
    results = [None] * 12

    def ask(i):
        results[i] = memo(7)

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(12)]
    threads[0].start()
    started.wait(5)
    for thread in threads[1:]:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert calls == [7]
    assert all(result is results[0] for result in results)


def test_a_failed_build_is_not_kept_and_the_waiting_sessions_try_themselves():
    attempts = []
    started = threading.Event()

    def flaky(x):
        attempts.append(x)
        if len(attempts) == 1:
            started.set()
            time.sleep(0.1)
            raise RuntimeError("first build fails")
        return x + 1

    memo = figures.memo(flaky)
    outcome = {}

    def first():
        try:
            memo(1)
        except RuntimeError as exc:
            outcome["first"] = str(exc)

    def second():
        outcome["second"] = memo(1)

    one = threading.Thread(target=first)
    one.start()
    started.wait(5)
    two = threading.Thread(target=second)
    two.start()
    one.join(5)
    two.join(5)
    assert outcome == {"first": "first build fails", "second": 2}
    assert memo(1) == 2 and len(attempts) == 2  # the good result is kept


def test_a_figure_builder_error_reaches_the_caller():
    def broken(x):
        raise ValueError("bad figure")

    with pytest.raises(ValueError, match="bad figure"):
        figures.cached(broken)(1)
