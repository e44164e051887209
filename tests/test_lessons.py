"""The lessons (issue 17): every link opens its page in the lesson's state, and the answer
each lesson calls right is what the page then shows (read from its figures and numbers)."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable

import pytest
from conftest import app_test, page_path, shown_text

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

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("lesson", lessons.LESSONS, ids=lambda lesson: lesson.id)
def test_every_lesson_link_opens_its_page_in_the_lessons_state(lesson, lang):
    at = open_lesson(lesson, lang)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    for name, value in lesson.params.items():
        assert shown_code(at.session_state[f"{lesson.slug}.{name}"]) == shown_code(value), name
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


SHOWN: dict[str, Callable] = {
    "srn-identity": srn_y3,
    "srn-tanh": srn_y3,
    "activation-grow": identity_course,
    "activation-saturate": tanh_course,
    "activation-fade": identity_level_and_vanishing_gradient,
    "bptt-small-u": bptt_u,
    "bptt-identity": bptt_u,
    "gated-forget": gated_forget,
    "gated-bias-zero": gated_bias_zero,
}


def test_every_lesson_has_a_check_of_its_answer():
    assert set(SHOWN) == set(lessons.BY_ID)


@pytest.mark.parametrize("lesson", lessons.LESSONS, ids=lambda lesson: lesson.id)
def test_the_right_answer_is_what_the_page_shows(lesson):
    at = open_lesson(lesson, "en")
    assert not at.exception
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
    at = app_test("srn", lang="en").run()
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
    at.switch_page("app.py").run()
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
    missing = lessons.pages_without_lessons()
    assert tr("lessons.none", pages=", ".join(tr(f"nav.{s}") for s in missing)) in text
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
