"""The activation comparison (SPEC 2): the model, its figures and the page in AppTest."""

from __future__ import annotations

import json
import math
import re

import numpy as np
import pytest
import torch
from conftest import app_test, shown_text

from rnnviz import activation, srn
from rnnviz.plots import activation as plots
from ui.text import activation as text

SPEC_TANH_Y = [1.9280551601516338, 1.9984510891336251, 1.9999753470497836]


# --- the model ---------------------------------------------------------------------------

def test_inputs_are_spec_then_constant_ones():
    xs = activation.inputs(6)
    assert xs.tolist() == [[1, 1], [1, 1], [2, 2], [1, 1], [1, 1], [1, 1]]
    assert activation.inputs(2).tolist() == [[1, 1], [1, 1]]


def test_golden_spec2_outputs_for_identity_and_tanh():
    result = activation.compare(activation.ComparisonConfig(steps=3, scale=1.0))
    first = activation.first_outputs(result)
    assert first["identity"] == [4.0, 12.0, 32.0]
    assert first["tanh"] == pytest.approx(SPEC_TANH_Y, abs=1e-12)
    assert result.spectral_radius == pytest.approx(2.0)


def test_identity_grows_geometrically_and_tanh_saturates():
    result = activation.compare(activation.ComparisonConfig(steps=30, scale=1.0))
    y_identity = result.runs["identity"].trace.y[:, 0]
    # After step 3 the input is [1,1]: h_t = 2 h_{t-1} + 2 per unit, so y doubles plus 4.
    assert np.allclose(y_identity[3:], 2 * y_identity[2:-1] + 4)
    y_tanh = result.runs["tanh"].trace.y[:, 0]
    assert np.all(np.abs(y_tanh) < 2) and y_tanh[-1] > 1.99


def test_small_scale_fades_towards_the_input_only_state():
    result = activation.compare(activation.ComparisonConfig(steps=40, scale=0.1))
    assert result.spectral_radius == pytest.approx(0.2)
    norms = result.runs["identity"].gradient_norms
    # ‖U^k‖ = 0.2^k for U = 0.1 * ones(2, 2): vanishing, exactly geometric.
    assert norms[-1] == pytest.approx(1.0)
    assert norms[0] == pytest.approx(0.2 ** 39, rel=1e-9)


def independent_gradient_norms(weights: srn.SRNWeights, xs: np.ndarray, name: str) -> list:
    """‖∂h_T/∂h_t‖ by differentiating the whole unrolled tail from h_t in one torch call."""
    f = {"identity": lambda z: z, "tanh": torch.tanh, "relu": torch.relu,
         "sigmoid": torch.sigmoid}[name]
    W, U, b = (torch.tensor(a, dtype=torch.float64) for a in (weights.W, weights.U, weights.b))
    x = torch.tensor(xs, dtype=torch.float64)
    states = [torch.zeros(2, dtype=torch.float64)]
    for x_t in x:
        states.append(f(W @ x_t + U @ states[-1] + b))
    steps = len(x)

    def tail(h, start):
        for k in range(start, steps):
            h = f(W @ x[k] + U @ h + b)
        return h

    norms = []
    for t in range(1, steps + 1):
        jac = torch.autograd.functional.jacobian(lambda h, s=t: tail(h, s), states[t])
        norms.append(float(torch.linalg.matrix_norm(jac, ord=2)))
    return norms


@pytest.mark.parametrize("name", srn.ACTIVATIONS)
@pytest.mark.parametrize("scale", [0.3, 1.0, 2.0])
def test_gradient_norms_match_an_independent_torch_autograd(name, scale):
    result = activation.compare(activation.ComparisonConfig(steps=8, scale=scale,
                                                            activations=(name,)))
    expected = independent_gradient_norms(result.weights, result.xs, name)
    assert result.runs[name].gradient_norms == pytest.approx(expected, rel=1e-9, abs=1e-300)


def test_overflow_is_reported_at_its_step_and_earlier_values_stay_finite():
    result = activation.compare(activation.ComparisonConfig(steps=200, scale=50.0,
                                                            activations=("identity", "tanh")))
    step = result.overflows()["identity"]
    assert "tanh" not in result.overflows()
    h = result.runs["identity"].trace.h
    assert 100 < step < 200
    assert np.isfinite(result.runs["identity"].trace.y[: step - 1]).all()
    assert not np.isfinite(h[step - 1 :]).all() or not np.isfinite(
        result.runs["identity"].trace.y[step - 1]).all()


def test_without_input_after_step_3_a_fading_state_falls_to_zero():
    """With [1, 1] going on the input holds a fading state up (identity settles at
    2 / (1 - 0.4) = 3.33 for scale 0.2); with no input it falls by 0.4 a step."""
    assert activation.inputs(5, "zeros").tolist() == [[1, 1], [1, 1], [2, 2], [0, 0], [0, 0]]
    held = activation.compare(activation.ComparisonConfig(40, 0.2, ("identity",)))
    assert held.runs["identity"].trace.h[-1, 0] == pytest.approx(2 / 0.6)
    fading = activation.compare(activation.ComparisonConfig(40, 0.2, ("identity", "tanh"),
                                                            tail="zeros"))
    h = fading.runs["identity"].trace.h[:, 0]
    assert np.allclose(h[3:], 0.4 * h[2:-1]) and h[2] == pytest.approx(5.12)
    assert h[-1] == pytest.approx(5.12 * 0.4 ** 37) and h[-1] < 1e-13
    assert fading.runs["tanh"].trace.h[-1, 0] < 1e-13
    (identity, tanh) = activation.summaries(fading).values()
    assert (identity.start_step, identity.start) == (3, pytest.approx(5.12))
    assert identity.end == pytest.approx(h[-1])
    assert identity.gradient == pytest.approx(0.4 ** 39)
    assert tanh.end < 1e-13


def test_bad_config_names_the_valid_choices():
    with pytest.raises(ValueError, match="tanh"):
        activation.ComparisonConfig(activations=("softmax",))
    with pytest.raises(ValueError, match="200"):
        activation.ComparisonConfig(steps=201)
    with pytest.raises(ValueError, match="tail.*zeros"):
        activation.ComparisonConfig(tail="twos")


# --- the figures -------------------------------------------------------------------------

def test_states_figure_draws_each_activation_and_gaps_for_overflow():
    series = {"identity": {"h": np.array([2.0, np.inf]), "y": np.array([4.0, np.inf])},
              "tanh": {"h": np.array([0.5, 0.9]), "y": np.array([1.0, 1.8])}}
    fig = plots.states_figure(series, log_y=True, x_title="step", value_title="value")
    assert len(fig.data) == 4
    assert list(fig.data[0].y) == [2.0, None] and list(fig.data[3].y) == [1.0, 1.8]
    assert fig.layout.yaxis.type == "log" and fig.layout.xaxis.title.text == "step"
    assert "%{y" in fig.data[0].hovertemplate
    linear = plots.states_figure(series, log_y=False)
    assert linear.layout.yaxis.type == "linear"


def test_gradient_figure_is_on_a_log_axis_and_skips_zeros():
    fig = plots.gradient_figure({"tanh": np.array([0.0, 1e-5, 1.0])}, y_title="norm")
    assert fig.layout.yaxis.type == "log"
    assert list(fig.data[0].y) == [None, 1e-5, 1.0]
    assert fig.layout.yaxis.title.text == "norm"


def test_curves_stop_at_their_last_finite_step():
    series = {"identity": {"h": np.array([2.0, 1e300, np.inf, np.nan, 3.0]),
                           "y": np.array([4.0, np.inf, np.nan, np.nan, 5.0])}}
    fig = plots.states_figure(series, log_y=False)
    assert list(fig.data[0].y) == [2.0, 1e300, None, None, None]  # not 3.0 after the overflow
    assert list(fig.data[1].y) == [4.0, None, None, None, None]
    # A gradient through time overflows at the early steps: read from the end.
    fig = plots.gradient_figure({"identity": np.array([1.0, np.inf, 1e300, 1e2, 1.0])})
    assert list(fig.data[0].y) == [None, None, 1e300, 1e2, 1.0]


def finite_log_axes(fig: dict) -> None:
    """Every log axis has an explicit range inside float64 and only finite values on it."""
    layout = fig["layout"]
    for name, axis in layout.items():
        if name.startswith("yaxis") and axis.get("type") == "log":
            low, high = axis["range"]
            assert plots.LOG_FLOOR <= low < high <= plots.LOG_CEILING, (name, axis["range"])
            assert math.isfinite(10.0 ** low) and 10.0 ** low > 0 and math.isfinite(10.0 ** high)
    for trace in fig["data"]:
        drawn = [v for v in trace["y"] if v is not None]
        assert all(math.isfinite(v) and v > 0 for v in drawn), trace["name"]


def test_no_tick_past_float64_at_length_200_scale_100():
    """Issue 19: a y tick read 'Infinity⁻ᴺᵃᴺ': plotly padded the log axis past 10^308."""
    at = app_test("activation", lang="en", length="200", scale="100.0").run()
    assert not at.exception and not at.error
    assert any("overflowed at step 135" in w.value for w in at.warning)
    states, gradient = charts(at)
    for fig in (states, gradient):
        finite_log_axes(fig)
    identity_h = states["data"][0]["y"]
    assert identity_h[133] is not None and all(v is None for v in identity_h[134:])
    identity_grad = gradient["data"][0]["y"]
    assert identity_grad[-1] == 1 and identity_grad[0] is None  # 200^199 overflows
    # Subnormal values (under 10^-308) are gaps too, as the caption says.
    fig = plots.gradient_figure({"tanh": np.array([5e-324, 1e-300, 1.0])})
    assert list(fig.data[0].y) == [None, 1e-300, 1.0]
    assert fig.layout.yaxis.range[0] >= plots.LOG_FLOOR


def test_identity_and_relu_are_drawn_apart_where_they_coincide(first_load):
    """Issue 19: the identity curve hid under ReLU's (the same numbers here)."""
    states, gradient = charts(first_load)
    for fig in (states, gradient):
        names = [t["name"] for t in fig["data"]]
        identity = fig["data"][names.index("identity (no activation)")]
        relu = fig["data"][names.index("ReLU")]
        assert identity["y"] == relu["y"]  # they coincide...
        assert identity["line"]["dash"] != relu["line"]["dash"]  # ...and are told apart
        assert identity["line"]["width"] > 2 * relu["line"]["width"]
        assert identity["marker"]["symbol"] != relu["marker"]["symbol"]
        assert names.index("ReLU") > names.index("identity (no activation)")  # drawn on top
    captions = " ".join(c.value for c in first_load.caption)
    assert captions.count("identity is the wide solid orange line") == 2
    at = app_test("activation").run()
    at.multiselect(key="activation.activations").set_value(["identity", "tanh"]).run()
    assert "wide solid" not in " ".join(c.value for c in at.caption)


# --- the page ----------------------------------------------------------------------------

def charts(at) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


@pytest.fixture(scope="module")
def first_load():
    at = app_test("activation").run()
    assert not at.exception
    return at


def test_defaults_show_the_spec_figures(first_load):
    at = first_load
    assert not at.error and not at.warning
    text = shown_text(at)
    assert "identity (no activation)**: y₁, y₂, y₃ = 4, 12, 32" in text
    assert "1.9280552, 1.9984511, 1.9999753" in text  # 1.928…, 1.998…, 1.99997…
    assert "Spectral radius of U 2" in text
    states, gradient = charts(at)
    assert [trace["name"] for trace in states["data"][:4]] == [
        "identity (no activation)", "identity (no activation)", "tanh", "tanh"]
    assert states["data"][1]["y"][:3] == [4, 12, 32]  # y of identity, right panel
    assert gradient["layout"]["yaxis"]["type"] == "log"
    for kind in ("slider", "select_slider", "multiselect", "toggle"):
        assert all(widget.key for widget in getattr(at, kind)), kind


def test_moving_scale_and_seq_len_changes_the_figures():
    at = app_test("activation").run()
    before = charts(at)
    at.select_slider(key="activation.scale").set_value(0.2).run()
    assert not at.exception
    after = charts(at)
    assert after[0]["data"][0]["y"] != before[0]["data"][0]["y"]
    assert "Spectral radius of U 0.4" in shown_text(at)
    assert "fades" in shown_text(at) or "forgets" in shown_text(at)
    at.slider(key="activation.length").set_value(50).run()
    assert len(charts(at)[1]["data"][0]["y"]) == 50
    at.toggle(key="activation.log").set_value(False).run()
    assert charts(at)[0]["layout"]["yaxis"]["type"] == "linear"


def test_overflow_shows_a_warning_naming_the_step_and_no_exception():
    at = app_test("activation").run()
    at.select_slider(key="activation.scale").set_value(50.0).run()
    at.slider(key="activation.length").set_value(200).run()
    assert not at.exception
    warnings = [w.value for w in at.warning]
    step = activation.compare(activation.ComparisonConfig(200, 50.0, ("identity",))
                              ).overflows()["identity"]
    assert any(f"overflowed at step {step}" in w for w in warnings), warnings
    identity_h = charts(at)[0]["data"][0]["y"]
    assert identity_h[step - 2] is not None and identity_h[step - 1] is None


def test_no_activation_chosen_is_an_error_not_a_traceback():
    at = app_test("activation").run()
    at.multiselect(key="activation.activations").set_value([]).run()
    assert not at.exception
    assert any("choose at least one" in e.value for e in at.error)


def test_chinese_page_runs():
    at = app_test("activation", lang="zh").run()
    assert not at.exception
    assert "有无 tanh 的对比" in at.title[0].value
    assert "4, 12, 32" in shown_text(at)


def test_presets_set_the_sliders():
    at = app_test("activation").run()
    at.button(key="preset_fade").click().run()
    assert at.slider(key="activation.length").value == 40
    assert at.select_slider(key="activation.scale").value == 0.2
    assert at.radio(key="activation.tail").value == "zeros"
    assert "Spectral radius of U 0.4" in shown_text(at)
    at.button(key="preset_overflow").click().run()
    assert not at.exception and any("overflowed at step" in w.value for w in at.warning)
    assert at.radio(key="activation.tail").value == "ones"
    at.button(key="preset_default").click().run()
    assert at.slider(key="activation.length").value == 20 and not at.warning


def test_the_fading_preset_shows_the_state_and_the_gradient_vanish():
    """Issue 19: 'fading' showed identity settling at 3.33 (the input [1, 1] held it up)."""
    at = app_test("activation", lang="en").run()
    at.button(key="preset_fade").click().run()
    assert not at.exception
    states, gradient = charts(at)
    for trace in states["data"]:
        if trace["name"] in ("identity (no activation)", "tanh", "ReLU"):
            values = np.array(trace["y"], dtype=float)
            assert np.all(np.diff(values[2:]) < 0) and values[-1] < 1e-13, trace["name"]
    identity_grad = gradient["data"][0]["y"]
    assert identity_grad[0] == pytest.approx(0.4 ** 39) and identity_grad[-1] == 1
    (info,) = at.info
    assert "h falls from 5.12 at step 3 to 9.7e-15 at step 40" in info.value
    assert "‖∂h_40/∂h_1‖ = 3e-16" in info.value
    # Scale 0.2 with the input going on: the numbers say why it does not fade.
    at.radio(key="activation.tail").set_value("ones").run()
    (info,) = at.info
    assert "settles" in info.value and "3.33 at step 40" in info.value
    at.slider(key="activation.length").set_value(3).run()  # no steps after the inputs
    (info,) = at.info
    assert "Spectral radius 0.4 < 1" in info.value and "settles" not in info.value
    zh = app_test("activation", lang="zh").run()
    zh.button(key="preset_fade").click().run()
    assert "从第 3 步的 5.12 降到第 40 步的 9.7e-15" in zh.info[0].value


def test_a_link_reopens_the_same_view():
    at = app_test("activation", lang="en").run()
    at.slider(key="activation.length").set_value(35).run()
    at.select_slider(key="activation.scale").set_value(0.5).run()
    at.toggle(key="activation.log").set_value(False).run()
    at.multiselect(key="activation.activations").set_value(["tanh", "identity"]).run()
    at.radio(key="activation.tail").set_value("zeros").run()
    assert not at.exception
    link = dict(at.query_params)
    assert link["length"] == "35" and link["scale"] == "0.5" and link["log"] == "false"
    assert link["activations"] == "tanh,identity" and link["tail"] == "zeros"
    again = app_test("activation", **link).run()
    assert not again.exception and not again.error
    assert again.slider(key="activation.length").value == 35
    assert again.select_slider(key="activation.scale").value == 0.5
    assert again.toggle(key="activation.log").value is False
    assert again.multiselect(key="activation.activations").value == ["tanh", "identity"]
    assert again.radio(key="activation.tail").value == "zeros"
    assert [c.proto.spec for c in again.get("plotly_chart")] == \
        [c.proto.spec for c in at.get("plotly_chart")]


def test_all_numbers_fit_a_tab_per_quantity(first_load):
    """Fifteen columns in one grid were cut off on the right: a tab per quantity, seven
    columns each, the activations labelled by name; the CSV keeps every column."""
    at = first_load
    assert [tab.label for tab in at.tabs] == ["h_t (unit 1)", "y_t (unit 1)", "‖∂h_T/∂h_t‖"]
    orders = [list(frame.proto.column_order) for frame in at.dataframe]
    assert orders == [["t", "x1", "x2", *(f"{q}_{a}" for a in srn.ACTIVATIONS)]
                      for q in ("h1", "y1", "grad_norm")]
    labels = json.loads(at.dataframe[1].proto.columns)
    assert labels["y1_identity"]["label"] == "identity (no activation)"
    assert at.dataframe[1].value["y1_identity"].tolist()[:3] == [4, 12, 32]
    assert any(c.value.endswith("The CSV has them all.") for c in at.caption)


def test_the_default_view_keeps_the_link_short(first_load):
    assert dict(first_load.query_params) == {"lang": "en"}


@pytest.mark.parametrize("name, value", [
    ("length", "banana"), ("length", "500"), ("scale", "0.33"), ("log", "maybe"),
    ("activations", "tanh,softmax"), ("tail", "banana"),
])
def test_a_bad_link_value_is_named_and_the_default_is_used(name, value):
    at = app_test("activation", lang="en", **{name: value}).run()
    assert not at.exception
    (error,) = at.error
    assert f"“{value}” for {name}" in error.value
    assert at.slider(key="activation.length").value == 20
    assert at.select_slider(key="activation.scale").value == 1.0
    assert at.multiselect(key="activation.activations").value == list(srn.ACTIVATIONS)
    assert at.radio(key="activation.tail").value == "ones"
    assert "identity (no activation)**: y₁, y₂, y₃ = 4, 12, 32" in shown_text(at)


def test_a_preset_survives_a_visit_to_another_page():
    at = app_test("app", lang="en").run().switch_page("views/2_activation.py").run()
    at.button(key="preset_fade").click().run()
    at.multiselect(key="activation.activations").set_value(["tanh"]).run()
    at.switch_page("views/home.py").run()
    at.query_params.clear()  # as the sidebar's links do: only the language goes along
    at.query_params["lang"] = "en"
    at.switch_page("views/2_activation.py").run()
    assert not at.exception
    assert at.slider(key="activation.length").value == 40
    assert at.select_slider(key="activation.scale").value == 0.2
    assert at.multiselect(key="activation.activations").value == ["tanh"]


# --- the words shown ----------------------------------------------------------------------

CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"


def chinese_problems(strings: dict, allowed: set[str]) -> list[str]:
    """Chinese strings with ASCII punctuation beside Chinese text, or English words that are
    not code or names (`allowed`). Code in backticks, {placeholders} and bracketed groups
    with no Chinese in them (shapes, calls) are code and left alone."""
    problems = []
    for key, (english, chinese) in strings.items():
        for language, value in (("en", english), ("zh", chinese)):
            if "SPEC" in value:
                problems.append(f"{key} ({language}) says SPEC")
        plain = re.sub(r"`[^`]*`|\{[^}]*\}", "", chinese)
        while (shorter := re.sub(rf"[A-Za-z_.]*\([^()\[\]{CJK}]*\)|\[[^\[\]()"
                                 rf"{CJK}]*\]", "", plain)) != plain:
            plain = shorter
        for match in re.finditer(rf"[{CJK}] ?[,:;()?!]|[,:;()?!] ?[{CJK}]", plain):
            problems.append(f"{key}: ASCII punctuation {match.group()!r}")
        for word in re.findall(r"[A-Za-z][\w.]*", plain):
            code = not word.isalpha() or not word.isascii()  # h_n, nn.RNN, float64, y₂
            if not code and len(word) > 1 and word not in allowed:
                problems.append(f"{key}: English word {word!r}")
    return problems


def test_chinese_strings_use_chinese_punctuation_and_no_stray_english():
    allowed = {"tanh", "ReLU", "sigmoid", "CSV"}
    assert chinese_problems(text.STRINGS, allowed) == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_spec_shown_in_either_language(lang):
    at = app_test("activation", lang=lang).run()
    at.button(key="preset_fade").click().run()
    shown = shown_text(at) + " ".join(b.label for b in at.button)
    assert "SPEC" not in shown
    assert "课程原版示例" in shown if lang == "zh" else "course material's example" in shown
