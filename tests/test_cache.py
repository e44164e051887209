"""ui.cache: one server-wide cache, a result kept per arguments and language."""

import threading
import time

import numpy as np
import plotly.graph_objects as go
import pytest

import ui.cache as cache
from ui.cache import Named, shared


def line_figure(values, title=""):
    return go.Figure(go.Scatter(y=values), layout={"title": {"text": title}})


def test_cached_builds_once_per_distinct_arguments_and_freezes_the_dict():
    calls = []

    def builder(values, title=""):
        calls.append((tuple(values), title))
        return line_figure(values, title)

    build = shared(builder)
    first = build([1.0, 2.0], title="a")
    again = build([1.0, 2.0], title="a")
    other = build([1.0, 2.0], title="b")
    assert first is again and first is not other
    assert calls == [((1.0, 2.0), "a"), ((1.0, 2.0), "b")]
    # st.plotly_chart reads to_dict(): the same JSON-ready dict every time
    assert first.to_dict() is first.to_dict()
    assert first.to_dict()["data"][0]["y"] == [1.0, 2.0]
    assert first.to_dict()["layout"]["title"]["text"] == "a"


def test_numpy_arguments_are_keyed_by_content():
    build = shared(lambda values: line_figure(values))
    assert build(np.arange(3.0)) is build(np.arange(3.0))
    assert build(np.arange(3.0)) is not build(np.arange(4.0))


def test_an_argument_that_cannot_be_keyed_is_built_fresh():
    class Opaque:
        pass

    build = shared(lambda thing: line_figure([1.0]))
    assert build(Opaque()) is not build(Opaque())


def test_the_oldest_entries_are_dropped_past_max_entries():
    calls = []

    def square(x):
        calls.append(x)
        return x * x

    memo = shared(square, max_entries=2)
    for x in (1, 2, 3, 1):
        memo(x)
    assert calls == [1, 2, 3, 1]  # 1 was the oldest when 3 arrived


def test_a_named_argument_is_keyed_by_its_name_and_never_looked_at():
    calls = []

    class Records:  # compared by identity: could not be a key itself
        def __init__(self, rows):
            self.rows = rows

    def total(records, *, scale=1):
        calls.append(len(records.rows))
        return sum(records.rows) * scale

    kept = shared(total)
    assert kept(Named(("run", 2), Records([1, 2]))) == 3
    assert kept(Named(("run", 2), Records([1, 2]))) == 3  # a new object, the same name
    assert kept(Named(("run", 3), Records([1, 2, 3]))) == 6
    assert kept(Named(("run", 3), Records([1, 2, 3])), scale=10) == 60
    assert calls == [2, 3, 3]


def test_sessions_asking_for_the_same_key_at_once_share_one_build():
    calls = []
    started = threading.Event()

    def slow(x):
        calls.append(x)
        started.set()
        time.sleep(0.2)
        return [x]

    memo = shared(slow)
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

    memo = shared(flaky)
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
        shared(broken)(1)


def test_the_language_is_part_of_every_key(monkeypatch):
    calls = []

    def title(text):
        calls.append(text)
        return line_figure([1.0], title=text)

    build = shared(title)
    monkeypatch.setattr(cache, "current_language", lambda: "en")
    english = build("loss")
    assert build("loss") is english
    monkeypatch.setattr(cache, "current_language", lambda: "zh")
    chinese = build("loss")
    assert chinese is not english and calls == ["loss", "loss"]


def test_tables_and_csvs_are_made_once_per_key():
    import pandas as pd

    builds = []

    def frame():
        builds.append(1)
        return pd.DataFrame({"t": [1, 2], "h": [0.5, 0.25]})

    arrow = cache.table(("test", "frame"), frame)
    assert cache.table(("test", "frame"), frame) is arrow
    assert arrow.column("h").to_pylist() == [0.5, 0.25]
    data = cache.csv(("test", "frame"), frame)
    assert data.decode().splitlines() == ["t,h", "1,0.5", "2,0.25"]
    assert cache.csv(("test", "frame"), frame) is data
    assert len(builds) == 2  # one for the table, one for the CSV
