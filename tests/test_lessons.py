"""The lessons (issue 17): every link opens its page in the lesson's state, and the answer
each lesson calls right is what the page then shows (read from its figures and numbers)."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable

import pytest
from conftest import app_test, page_path, run_until, shown_text

from rnnviz import attention as att
from rnnviz.plots import style
from ui import lessons
from ui.catalog import PAGES
from ui.i18n import LANGUAGES, Translator, merge
from ui.text import common
from ui.text.lessons import STRINGS

LANGS = list(LANGUAGES)


def page_of(lesson: lessons.Lesson) -> str:
    return lessons.path_of(lesson.slug).split("/")[1].removesuffix(".py")


def open_lesson(lesson: lessons.Lesson, lang: str = "en", **extra: str):
    return app_test(page_of(lesson), **lessons.query(lesson, lang), **extra).run()


def shown_code(value) -> str:
    """A setting's value as its link writes it (for comparing with a lesson's state)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ",".join(map(shown_code, value))
    try:
        return f"{float(value):g}"
    except (TypeError, ValueError):
        return str(value)


def chart(at, key: str) -> dict:
    (found,) = [c for c in at.get("plotly_chart") if c.proto.id.endswith(f"-{key}")]
    return json.loads(found.proto.spec)


def numbers(text: str) -> list[float]:
    return [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?", text)]


# --- the lessons as data -------------------------------------------------------------------

def test_lessons_are_in_course_order_with_every_string_in_both_languages():
    order = [entry.slug for entry in PAGES]
    assert [order.index(lesson.slug) for lesson in lessons.LESSONS] == sorted(
        order.index(lesson.slug) for lesson in lessons.LESSONS)
    for lesson in lessons.LESSONS:
        keys = [lesson.key("question"), lesson.key("why"),
                *(lesson.key(f"choice.{code}") for code in lesson.choices)]
        if lesson.exercise:
            keys.append(lesson.key("exercise"))
        for key in keys:
            assert key in STRINGS, key
        assert 2 <= len(lesson.choices) <= 4 and lesson.right in lesson.choices
    for slug in {lesson.slug for lesson in lessons.LESSONS}:
        assert 2 <= len(lessons.of_page(slug)) <= 4, slug
    # No lesson string is left unused (a renamed lesson would leave its text behind).
    used = {lesson.key("") for lesson in lessons.LESSONS}
    assert all(key.startswith(tuple(used)) for key in STRINGS if key.startswith("lesson."))


def test_no_page_shows_the_word_spec():
    for english, chinese in STRINGS.values():
        assert "SPEC" not in english and "SPEC" not in chinese


def test_a_link_is_the_page_with_its_state_and_the_lesson():
    lesson = lessons.BY_ID["activation-fade"]
    assert lessons.link(lesson, "zh") == (
        "activation?lang=zh&length=100&scale=0.4&activations=identity&lesson=activation-fade")
    assert lessons.link(lesson, "en", teacher=True, projector=True, base="http://h/").endswith(
        "&lesson=activation-fade&teacher=1&projector=true")
    assert lessons.link(lesson, "en", base="http://h/").startswith("http://h/activation?")
    assert lessons.url_path("language") == "language_model"


def test_a_bad_lesson_is_refused():
    with pytest.raises(ValueError, match="not a choice"):
        lessons.Lesson("x", "srn", "t=1", ("a", "b"), "c")
    with pytest.raises(ValueError, match="unknown page"):
        lessons.Lesson("x", "nowhere", "t=1", ("a", "b"), "a")


# --- every link opens its page in the lesson's state, both languages -----------------------

# Settings whose widget is drawn only once a run has finished (checked after training).
AFTER_RUN = {"sine": {"carried", "horizon"}, "seq2seq": {"word"}}
# Settings whose link form is not shown_code's: how the page's codec writes them.
LINK_FORM = {"attention.lengths": lambda value: f"{value[0]}-{value[1]}"}


def assert_settings(at, lesson: lessons.Lesson, *, trained: bool = False) -> None:
    """Every setting of the lesson's state is the page's (those shown after a run: if run)."""
    for name, value in lesson.params.items():
        key = f"{lesson.slug}.{name}"
        if not trained and name in AFTER_RUN.get(lesson.slug, ()) and key not in at.session_state:
            continue
        shown = LINK_FORM.get(key, shown_code)(at.session_state[key])
        assert shown == shown_code(value), name



@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("lesson", lessons.LESSONS, ids=lambda lesson: lesson.id)
def test_every_lesson_link_opens_its_page_in_the_lessons_state(lesson, lang):
    at = open_lesson(lesson, lang)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert_settings(at, lesson)
    # The sidebar shows the lesson as set up, its answer and the explanation.
    tr = Translator(STRINGS, lang)
    assert any(tr(lesson.key("why")) == m.value for m in at.sidebar.markdown)
    assert any(s.value == tr("lessons.answer", answer=lessons.label(tr, lesson, lesson.right))
               for s in at.sidebar.success)
    assert at.query_params["lesson"] == lesson.id and at.query_params["lang"] == lang


# --- the answer the lesson calls right is what the page shows -------------------------------

def srn_y3(at) -> str:
    (metric,) = [m for m in at.metric if "y_{3}" in m.label]
    values = numbers(metric.value)
    if all(math.isinf(v) for v in values) or "∞" in metric.value:
        return "inf"
    if all(v == 32 for v in values):
        return "thirtytwo"
    if all(v == 8 for v in values):
        return "eight"
    if all(v == 0 for v in values):
        return "zero"
    assert all(1.99 < v < 2 for v in values), values
    return "two"


def y_trace(at, activation_label: str) -> list[float]:
    """The output y of one activation in the states figure (its second trace: h, then y)."""
    traces = [d for d in chart(at, "states_chart")["data"] if d["name"] == activation_label]
    return [v for v in traces[1]["y"] if v is not None]


def course(y: list[float]) -> str:
    """How a curve ends: grows (geometrically), levels off (saturates) or vanishes."""
    last, before = y[-1], y[-2]
    if abs(last) < 1e-6:
        return "vanish"
    if abs(last) > 1e20 and last / before > 1.5:
        return "grow"
    assert abs(last - before) <= 1e-9 * abs(last) + 1e-12, (before, last)
    return "level"


def identity_course(at) -> str:
    y = y_trace(at, "identity (no activation)")
    if course(y) == "grow":
        ratios = [b / a for a, b in zip(y[20:], y[21:], strict=False)]
        assert all(abs(r - 2) < 1e-6 for r in ratios)  # geometric: doubling
    return course(y)


def tanh_course(at) -> str:
    y = y_trace(at, "tanh")
    shape = course(y)
    if shape == "level" and max(y) < 2 and y[-1] > 1.99:
        return "saturate"
    return shape


def identity_level_and_vanishing_gradient(at) -> str:
    y = y_trace(at, "identity (no activation)")
    assert y[-1] == pytest.approx(20)
    (gradient,) = chart(at, "gradient_chart")["data"]
    assert gradient["y"][0] < 1e-9 and gradient["y"][-1] == pytest.approx(1)
    return course(y)


def bptt_gradient(at, name: str) -> float:
    for frame in at.dataframe:
        table = frame.value
        hits = table[table.iloc[:, 0] == f"{name}[1,1]"]
        if len(table.columns) == 4 and len(hits):
            return float(hits.iloc[0, 1])
    raise AssertionError("no gradients table")


def bptt_u(at) -> str:
    u, v = bptt_gradient(at, "U"), bptt_gradient(at, "V")
    # The contributions figure (∂L/∂U per step) adds up to the same number.
    bars = [d for d in chart(at, "bptt.contrib_chart")["data"] if d.get("type") == "bar"]
    assert bars
    if u == 0:
        return "zero"
    if u > 100:
        return "larger"
    if 1e-4 < u < 1e-2 and u < v / 500:
        return "small"
    assert 1 < u < 10
    return "same"


def pulse_left(at, cell: str) -> float:
    (trace,) = [d for d in chart(at, "gated.memory")["data"] if d["name"] == cell]
    return trace["y"][-1]


def gated_forget(at) -> str:
    lstm, srn = pulse_left(at, "LSTM (c)"), pulse_left(at, "SRN (h)")
    assert len(chart(at, "gated.memory")["data"][0]["y"]) == 51
    if 0.35 < lstm < 0.45 and srn < 1e-4:
        return "lstm"
    if lstm < 1e-4 and srn < 1e-4:
        return "none"
    return "both" if 0.35 < srn < 0.45 else "all"


def gated_bias_zero(at) -> str:
    lstm = pulse_left(at, "LSTM (c)")
    if lstm < 1e-14:
        return "nothing"
    return "half" if 0.4 < lstm < 0.6 else "still"


def metric(at, label: str) -> str:
    (value,) = [m.value for m in at.metric if m.label == label]
    return value


def finished(at) -> bool:
    return "Finished in" in shown_text(at)


def ohlol_seeds(at) -> str:
    reached, total = metric(at, "Seeds reaching “ohlol” by epoch 15").split(" / ")
    (bars,) = chart(at, "spread_hits")["data"]
    assert int(total) == 20 == sum(bars["y"])
    # The bars count the seeds by the epoch they first got it right, the rest as "never".
    assert sum(y for x, y in zip(bars["x"], bars["y"], strict=True) if x != "never") \
        == int(reached)
    reached = int(reached)
    if reached == 20:
        return "all"
    if reached == 0:
        return "none"
    return "most" if 11 <= reached <= 17 else "few" if 2 <= reached <= 6 else str(reached)


def ohlol_cells(at) -> str:
    first = {cell: int(metric(at, f"{cell.upper()}: first correct at epoch"))
             for cell in ("rnn", "lstm", "gru")}
    curves = [d for d in chart(at, "compare_curve")["data"] if d["mode"] != "markers+text"]
    assert {c["name"] for c in curves} == {"RNN", "LSTM", "GRU"}
    if len(set(first.values())) == 1:
        return "same"
    return min(first, key=first.get)


def forecast_mse(at) -> float:
    """The metric "Forecast MSE" (always from a zero state, over 49 steps)."""
    (value,) = [m.value for m in at.metric if m.label.startswith("Forecast MSE")]
    return float(value)


def horizon_line(at, steps: int) -> tuple[float, float]:
    """The free-running and one-step MSE of the forecast shown, from the line above it."""
    (line,) = [c.value for c in at.caption if "free-running MSE" in c.value]
    assert f"{steps} steps" in line, line
    return (numbers(line.split("free-running MSE")[1])[0],
            numbers(line.split("one-step MSE")[1])[0])


def sine_carried(at) -> str:
    zero = forecast_mse(at)
    assert at.toggle(key="sine.carried").value is True
    carried, _ = horizon_line(at, 49)
    if carried < zero / 2:
        return "carried"
    return "zero" if zero < carried / 2 else "same"


def sine_horizon(at) -> str:
    free, one = horizon_line(at, 300)
    (spec,) = [c for c in at.get("plotly_chart") if c.proto.id.endswith("-forecast_chart")]
    assert len(json.loads(spec.proto.spec)["data"][0]["x"]) >= 300
    if free > 1:
        return "explodes"
    return "larger" if 20 < free / one < 1000 and free < 0.05 else "same"


def seq2seq_untrained(at) -> str:
    (table,) = [d.value for d in at.dataframe if "Greedy right" in d.value.columns]
    first = table.iloc[0]
    assert first["Epoch"] == 1
    words = first["Greedy decoding"].split(", ")
    if words == ["hola", "gato", "bueno"]:
        return "right"
    if all(w == "∅" for w in words):
        return "empty"
    if words == ["hello", "cat", "good"]:
        return "copy"
    assert first["Greedy right"] == "0 / 3"
    assert all(set(w) <= set("holagatobueno") for w in words), words
    return "letters"


def seq2seq_unseen(at) -> str:
    (line,) = [m.value for m in at.markdown if m.value.startswith("**dog** →")]
    output = line.split("→ **")[1].split("**")[0]
    assert chart(at, "context_bars")["data"]
    if output in ("hola", "gato", "bueno"):
        return "known"
    return {"∅": "nothing", "dog": "dog"}.get(output, "letters")


def bidirectional_rows(at) -> dict[str, str]:
    """The slices table: h_n row -> the slice of out equal to it ("—" if none)."""
    (table,) = [d.value for d in at.dataframe if "Slice of out" in d.value.columns]
    return dict(zip(table.iloc[:, 1], table.iloc[:, 0], strict=True))


def bidirectional_backward(at) -> str:
    assert metric(at, "out shape") == "(5, 1, 6)" and metric(at, "h_n shape") == "(2, 1, 3)"
    return {"out[-1, :, 3:]": "last-back", "out[0, :, 3:]": "first-back",
            "out[-1, :, :3]": "last-fwd", "—": "none"}[bidirectional_rows(at)["h_n[1]"]]


def bidirectional_layers(at) -> str:
    rows = bidirectional_rows(at)
    assert len(rows) == 4 and metric(at, "h_n shape") == "(4, 1, 3)"
    found = sum(value != "—" for value in rows.values())
    return {4: "four", 2: "two", 0: "zero"}[found]


def tensor_shapes(at) -> dict[str, str]:
    (table,) = [d.value for d in at.dataframe
                if list(d.value.iloc[:, 0])[:4] == ["x", "h0", "out", "h_n"]]
    return dict(zip(table.iloc[:, 0], table.iloc[:, 1], strict=True))


def shapes_layers(at) -> str:
    shapes = tensor_shapes(at)
    changed = {"out": shapes["out"] != "(10, 3, 20)", "h_n": shapes["h_n"] != "(1, 3, 20)"}
    if all(changed.values()):
        return "both"
    assert shapes["h_n"] in ("(1, 3, 20)", "(4, 3, 20)")
    return next((name for name, yes in changed.items() if yes), "neither")


def shapes_batch_first(at) -> str:
    shapes = tensor_shapes(at)
    plain = {"x": "(10, 3, 100)", "h0": "(1, 3, 20)", "out": "(10, 3, 20)", "h_n": "(1, 3, 20)"}
    changed = {name for name, shape in plain.items() if shapes[name] != shape}
    if not changed:
        return "nothing"
    if changed == {"x", "out"}:
        assert shapes["x"] == "(3, 10, 100)" and shapes["out"] == "(3, 10, 20)"
        return "x_out"
    return "h_n" if changed <= {"h0", "h_n"} else "all"


def perplexities(at) -> tuple[float, float, int]:
    """Before training, after it, and the vocabulary's size, as the metrics show them."""
    (curve,) = [d for d in chart(at, "ppl_curve")["data"] if d.get("mode") != "markers"]
    after = float(metric(at, "Perplexity"))
    assert curve["y"][-1] == pytest.approx(after, rel=0.01)
    return float(metric(at, "Perplexity before training")), after, \
        int(metric(at, "Vocabulary size"))


def language_before(at) -> str:
    before, _, vocab = perplexities(at)
    if 0.5 * vocab < before < 2 * vocab:
        return "vocab"
    return "one" if before < 2 else "squared"


def language_after(at) -> str:
    before, after, vocab = perplexities(at)
    if after < 1.01:
        return "one"
    if 2 <= after <= 10:
        return "few"
    return "half" if after < 0.7 * before else "vocab"


def attention_matrix(at) -> dict:
    """The figure "Attention matrix for …" of the trained model (4 · Translate any input)."""
    return chart(at, "attention_matrix")


def attention_trained(at) -> bool:
    return any(c.proto.id.endswith("-attention_matrix") for c in at.get("plotly_chart"))


def attention_reverse(at) -> str:
    spec = attention_matrix(at)
    heat, squares = spec["data"][0], spec["data"][1]
    symbols = spec["layout"]["xaxis"]["ticktext"]
    word, n = "".join(symbols[:-1]), len(symbols) - 1
    assert symbols[-1] == att.END and n == 6
    # The example is held out: never trained on.
    assert word in att.AttentionRequest(task="reverse", min_len=3, max_len=6) \
        .string_task.held_out
    assert metric(at, "Held-out exact-match") == "100.0%"
    peaks = [row.index(max(row)) for row in heat["z"][:n]]  # 0-based input step per row
    marked = dict(zip(squares["y"], squares["x"], strict=True))  # 1-based, as plotted
    if all(marked[s + 1] == j + 1 for s, j in enumerate(peaks)):
        assert peaks == [n - 1 - s for s in range(n)]  # the squares are the anti-diagonal
        return "anti"
    if peaks == list(range(n)):
        return "diagonal"
    if all(j == n for j in peaks):
        return "end"
    assert all(max(row) < 2 / (n + 1) for row in heat["z"][:n]), peaks
    return "spread"


def attention_pairs(at) -> str:
    right = round(3 * float(metric(at, "Pairs right (greedy)").rstrip("%")) / 100)
    epochs = int(metric(at, "Updates"))
    (accuracy,) = [d for d in chart(at, "attention_curves")["data"] if d["yaxis"] == "y2"]
    assert accuracy["y"][-1] == pytest.approx(right / 3)
    if right == 3:
        assert "**hello** → **hola** (right)" in shown_text(at)
        assert attention_matrix(at)["layout"]["xaxis"]["ticktext"] == [*"hello", att.END]
        return "all" if epochs < 100 else "later"
    return "none" if right == 0 else "some"


# The lessons answered by a run: pressed Train, rerun until this is true.
TRAINED: dict[str, Callable] = {
    "ohlol-seeds": lambda at: finished(at) and bool(at.get("plotly_chart")),
    "ohlol-cells": lambda at: finished(at) and bool(at.get("plotly_chart")),
    "sine-carried": lambda at: any(m.label.startswith("Forecast MSE") for m in at.metric),
    "sine-horizon": lambda at: any(m.label.startswith("Forecast MSE") for m in at.metric),
    "seq2seq-untrained": lambda at: any("Greedy right" in d.value.columns
                                        for d in at.dataframe),
    "seq2seq-unseen": lambda at: any(m.value.startswith("**dog** →") for m in at.markdown),
    "language-before": finished,
    "language-after": finished,
    "attention-reverse": attention_trained,
    "attention-pairs": attention_trained,
}

SHOWN: dict[str, Callable] = {
    "ohlol-seeds": ohlol_seeds,
    "ohlol-cells": ohlol_cells,
    "sine-carried": sine_carried,
    "sine-horizon": sine_horizon,
    "seq2seq-untrained": seq2seq_untrained,
    "seq2seq-unseen": seq2seq_unseen,
    "bidirectional-backward": bidirectional_backward,
    "bidirectional-layers": bidirectional_layers,
    "shapes-layers": shapes_layers,
    "shapes-batch-first": shapes_batch_first,
    "language-before": language_before,
    "language-after": language_after,
    "srn-identity": srn_y3,
    "srn-tanh": srn_y3,
    "activation-grow": identity_course,
    "activation-saturate": tanh_course,
    "activation-fade": identity_level_and_vanishing_gradient,
    "bptt-small-u": bptt_u,
    "bptt-identity": bptt_u,
    "gated-forget": gated_forget,
    "gated-bias-zero": gated_bias_zero,
    "attention-reverse": attention_reverse,
    "attention-pairs": attention_pairs,
}


def test_every_lesson_has_a_check_of_its_answer():
    assert set(SHOWN) == set(lessons.BY_ID)


@pytest.mark.parametrize("lesson", lessons.LESSONS, ids=lambda lesson: lesson.id)
def test_the_right_answer_is_what_the_page_shows(lesson):
    at = open_lesson(lesson, "en")
    assert not at.exception
    if lesson.id in TRAINED:  # a short run (seconds): the lesson's state keeps it short
        at.button(key=f"{lesson.slug}_train").click().run()
        at = run_until(at, TRAINED[lesson.id], timeout=60)
        assert not at.error, [e.value for e in at.error]
        assert_settings(at, lesson, trained=True)
    assert SHOWN[lesson.id](at) == lesson.right


# --- set up from the sidebar, arriving from a link, teacher, projector ----------------------

def test_set_up_gives_the_same_page_as_the_link():
    lesson = lessons.BY_ID["activation-fade"]
    at = app_test("activation", lang="en").run()
    at.select_slider(key="activation.scale").set_value(20.0).run()
    at.toggle(key="activation.log").set_value(False).run()
    at.sidebar.radio(key="_lesson.choice.activation-fade").set_value("vanish").run()
    assert not at.sidebar.success  # no answer before the set-up
    at.button(key="_lesson.setup.activation-fade").click().run()
    assert not at.exception and not at.error
    assert dict(at.query_params) == lessons.query(lesson, "en")
    assert at.toggle(key="activation.log").value is True  # back to the page's default
    fresh = open_lesson(lesson, "en")
    assert [c.proto.spec for c in at.get("plotly_chart")] == \
        [c.proto.spec for c in fresh.get("plotly_chart")]
    captions = [c.value for c in at.sidebar.caption]
    assert "You predicted “vanish”." in captions  # the prediction, kept in the session only
    assert at.sidebar.success[0].value == "Answer: level off"


def test_the_editors_seeds_are_reset_too():
    at = app_test("srn", lang="en", edit="true").run()
    at.session_state["srn.edit_W"] = {"edited_rows": {0: {"x2": "3"}}, "added_rows": [],
                                      "deleted_rows": []}
    at.run()
    assert at.query_params["W"] == "1,3;1,1"
    at.button(key="_lesson.setup.srn-identity").click().run()
    assert not at.exception and not at.error
    assert "W" not in at.query_params
    assert srn_y3(at) == "thirtytwo"


def test_arriving_from_a_lesson_link_in_the_same_session_wins_over_old_settings():
    lesson = lessons.BY_ID["gated-bias-zero"]
    at = app_test("app", lang="en").run().switch_page(page_path("gated")).run()
    at.slider(key="gated.bias").set_value(6.0).run()
    at.switch_page("views/home.py").run()
    at.query_params.clear()
    for name, value in lessons.query(lesson, "en").items():
        at.query_params[name] = value
    at.switch_page(page_path("gated")).run()
    assert not at.exception and not at.error
    assert at.slider(key="gated.bias").value == 0.0
    assert gated_bias_zero(at) == "nothing"
    at.slider(key="gated.bias").set_value(2.0).run()  # the student moves on: not reset again
    assert at.slider(key="gated.bias").value == 2.0


def test_a_teachers_link_hides_the_answer_until_revealed():
    lesson = lessons.BY_ID["srn-tanh"]
    at = open_lesson(lesson, "en", teacher="1")
    assert not at.exception
    assert not at.sidebar.success
    assert "The answer is hidden until the teacher reveals it." in \
        [c.value for c in at.sidebar.caption]
    at.button(key="_lesson.reveal.srn-tanh").click().run()
    assert at.sidebar.success[0].value == "Answer: just under 2"
    # Set up again from the sidebar: still a teacher's view, the link keeps teacher=1.
    at.button(key="_lesson.setup.srn-identity").click().run()
    assert at.query_params["teacher"] == "1" and not at.sidebar.success


def test_the_projector_view_travels_in_the_link_and_enlarges_figures():
    plain = app_test("activation", lang="en").run()
    at = app_test("activation", lang="en", projector="true").run()
    assert not at.exception and not at.error
    assert at.toggle(key="view.projector").value is True
    assert at.query_params["projector"] == "true"
    big, small = chart(at, "states_chart"), chart(plain, "states_chart")
    assert big["layout"]["font"]["size"] > small["layout"]["font"]["size"] * 1.3
    assert big["data"][0]["line"]["width"] >= 2 * small["data"][0]["line"].get("width", 2)
    assert big["data"][0]["y"] == small["data"][0]["y"]
    # The shared cache keeps both views apart: a plain session after it gets plain figures.
    again = app_test("activation", lang="en").run()
    assert chart(again, "states_chart") == small
    at.toggle(key="view.projector").set_value(False).run()
    assert chart(at, "states_chart") == small and "projector" not in at.query_params


def test_for_projector_does_not_change_its_input():
    spec = {"data": [{"type": "scatter", "mode": "lines", "y": [1]}],
            "layout": {"font": {"size": 14}, "height": 400}}
    shown = style.for_projector(spec)
    assert spec["layout"]["font"]["size"] == 14 and "line" not in spec["data"][0]
    assert shown["layout"]["font"]["size"] == 20.3 and shown["data"][0]["line"]["width"] == 4
    assert shown["layout"]["height"] == 480


# --- the index page -------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_the_index_lists_every_lesson_in_course_order_with_its_link(lang):
    at = app_test("lessons", lang=lang).run()
    assert not at.exception and not at.error
    tr = Translator(merge(common.STRINGS, STRINGS), lang)
    assert at.title[0].value == tr("lessons.title")
    codes = [c.value for c in at.code]
    assert codes == [lessons.link(lesson, lang) for lesson in lessons.LESSONS]
    text = shown_text(at)
    positions = [text.index(tr(lesson.key("question"))) for lesson in lessons.LESSONS]
    assert positions == sorted(positions)
    for lesson in lessons.LESSONS:
        if lesson.exercise:
            assert tr("lessons.exercise", name=tr(lesson.key("exercise"))) in text
    # Every page of the course has its lessons now: no "pages without lessons" line.
    assert lessons.pages_without_lessons() == []
    assert tr("lessons.none", pages="").rstrip("。.") not in text
    assert at.get("download_button")


def test_the_index_makes_teachers_links():
    at = app_test("lessons", lang="en").run()
    at.toggle(key="lessons.hide").set_value(True).run()
    at.toggle(key="lessons.projector_links").set_value(True).run()
    assert not at.exception
    assert all(c.value.endswith("&teacher=1&projector=true") for c in at.code)
    assert at.query_params["hide"] == "true"


def test_home_links_the_index():
    at = app_test("app", lang="en").run()
    assert any(m.value.startswith("### Lessons") for m in at.markdown)
