"""Issue 17: the caption under each figure carries the numbers the figure shows.

Per page, in English and in Chinese: a number read out of the figure's own data (the chart's
plotly spec), formatted as the caption formats it, is in the caption under that figure; and a
changed setting changes the figure and the caption's number with it.
"""

from __future__ import annotations

import base64
import json
import re

import numpy as np
import pytest
from conftest import app_test

from rnnviz.plots.bptt import compact
from rnnviz.plots.srn import short

READ = {"en": "How to read this: ", "zh": "怎么看："}
LANGS = ("en", "zh")


def values(data) -> np.ndarray:
    """A trace's x, y or z as an array: plain JSON lists, or plotly's typed-array form."""
    if isinstance(data, dict) and "bdata" in data:
        array = np.frombuffer(base64.b64decode(data["bdata"]), dtype=data["dtype"])
        shape = data.get("shape")
        if shape:
            array = array.reshape([int(n) for n in str(shape).split(",")])
        return array.astype(float)
    return np.array([np.nan if v is None else v for v in np.ravel(data)] if not isinstance(
        data[0], list) else [[np.nan if v is None else v for v in row] for row in data],
        dtype=float)


def charts(at) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def trace(spec: dict, name: str, index: int = 0) -> dict:
    """The `index`-th trace named `name` (a figure of two panels repeats a name)."""
    return [d for d in spec["data"] if d.get("name") == name][index]


def reading(at, lang: str, *needles: str) -> str:
    """The one "how to read" caption that holds every needle (fails on none, or two)."""
    found = [c.value for c in at.caption
             if c.value.startswith(READ[lang]) and all(n in c.value for n in needles)]
    assert len(found) == 1, (needles, [c.value for c in at.caption])
    return found[0]


def run(page: str, lang: str, **query: str):
    at = app_test(page, lang=lang, **query).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def vector(numbers, formatter) -> str:
    return "[" + ", ".join(formatter(float(v)) for v in numbers) + "]"


# --- 1 · SRN: the unrolled network ------------------------------------------------------------

def srn_last(at) -> tuple[str, str]:
    """h and y at the last step, from the unrolled figure's hover text (10 digits)."""
    (spec,) = charts(at)
    def last(name: str) -> str:
        text = trace(spec, name)["hovertext"][-1]
        return vector(re.findall(r"-?[\d.]+(?:e[-+]?\d+)?", text.split("=", 1)[1]), short)
    return last("h"), last("y")


@pytest.mark.parametrize("lang", LANGS)
def test_srn_caption_holds_the_last_state_and_output(lang):
    at = run("srn", lang)
    h, y = srn_last(at)
    assert h == "[0.999988, 0.999988]"  # the course example saturates towards 1
    before = reading(at, lang, h, y)
    at.selectbox(key="srn.act").set_value("identity").run()
    h_identity, y_identity = srn_last(at)
    assert h_identity == "[16, 16]" and y_identity == "[32, 32]"
    after = reading(at, lang, h_identity, y_identity)
    assert h not in after and after != before


# --- 2 · With and without tanh ----------------------------------------------------------------

def activation_numbers(at) -> tuple[str, str]:
    """tanh's h₁ at step T (states, left panel) and its ‖∂h_T/∂h_1‖ (gradient figure)."""
    states, gradient = charts(at)
    h = values(trace(states, "tanh", 0)["y"])
    g = values(trace(gradient, "tanh")["y"])
    return short(float(h[-1]), 4), short(float(g[0]), 4)


@pytest.mark.parametrize("lang", LANGS)
def test_activation_captions_hold_the_last_state_and_gradient(lang):
    at = run("activation", lang)
    h, g = activation_numbers(at)
    shown = {"en": "{v} with tanh", "zh": "tanh 为 {v}"}[lang]
    states = reading(at, lang, "h₁", shown.format(v=h))
    assert ("At step 20" if lang == "en" else "第 20 步") in states
    reading(at, lang, "‖∂h_20/∂h_1‖", shown.format(v=g))
    at.slider(key="activation.length").set_value(40).run()
    h40, g40 = activation_numbers(at)
    assert g40 != g
    reading(at, lang, "h₁", shown.format(v=h40))
    assert shown.format(v=g) not in reading(at, lang, "‖∂h_40/∂h_1‖", shown.format(v=g40))


def test_activation_caption_names_an_overflow_instead_of_a_number():
    at = run("activation", "en", length="200", scale="50")
    caption = reading(at, "en", "h₁")
    assert "overflow at step" in caption and "with tanh" in caption, caption
    assert "∞" not in caption and "NaN" not in caption, caption


# --- 6 · Bidirectional ------------------------------------------------------------------------

def bidirectional_numbers(at) -> tuple[str, str]:
    """The forward state at the last step and the backward state at step 1 (heatmap z)."""
    (spec,) = charts(at)
    forward, backward = values(spec["data"][0]["z"]), values(spec["data"][1]["z"])
    def three(v: float) -> str:
        return f"{v:+.3f}"
    return vector(forward[:, -1], three), vector(backward[:, 0], three)


@pytest.mark.parametrize("lang", LANGS)
def test_bidirectional_caption_holds_both_final_states(lang):
    at = run("bidirectional", lang)
    forward, backward = bidirectional_numbers(at)
    before = reading(at, lang, forward, backward)
    at.number_input(key="bidirectional.seed").set_value(1).run()
    forward1, backward1 = bidirectional_numbers(at)
    assert forward1 != forward
    after = reading(at, lang, forward1, backward1)
    assert forward not in after and after != before


# --- 7 · Shapes -------------------------------------------------------------------------------

def grid_count(at) -> int:
    _, grid = charts(at)
    return int(values(grid["data"][0]["z"])[0, 0])


def diagram_shape(at, name: str) -> str:
    """A tensor's shape as the diagram's box prints it ("x: (10, 3, 100)<br>…")."""
    diagram, _ = charts(at)
    texts = [t for d in diagram["data"] for t in d.get("text") or []]
    return next(t for t in texts if t.startswith(f"{name}: ")).split("<br>")[0].split(": ")[1]


@pytest.mark.parametrize("lang", LANGS)
def test_shapes_captions_hold_the_shapes_and_the_counts(lang):
    at = run("shapes", lang)
    x, out = diagram_shape(at, "x"), diagram_shape(at, "out")
    assert x == "(10, 3, 100)"
    reading(at, lang, f"x {x}", f"out {out}")
    count = grid_count(at)
    assert count == 20 * 100 + 20 * 20 + 2 * 20
    reading(at, lang, "h_n", f"{count:,}")
    at.number_input(key="shapes.hidden_size").set_value(30).run()
    out30, count30 = diagram_shape(at, "out"), grid_count(at)
    assert out30 == "(10, 3, 30)" and count30 != count
    assert f"out {out}" not in reading(at, lang, f"out {out30}")
    assert f"{count:,}" not in reading(at, lang, "h_n", f"{count30:,}")


# --- 9 · Gated cells: the memory lesson -------------------------------------------------------

def memory_numbers(at, lang: str) -> tuple[str, str]:
    """The share of the pulse the LSTM keeps at the last step, and the LSTM's gradient at 1."""
    specs = charts(at)
    memory, gradient = specs[2], specs[3]
    lstm_memory = next(d for d in memory["data"] if d["name"].startswith("LSTM"))
    lstm_gradient = next(d for d in gradient["data"] if d["name"].startswith("LSTM"))
    return (f"{values(lstm_memory['y'])[-1]:.3g}", f"{values(lstm_gradient['y'])[0]:.3g}")


@pytest.mark.parametrize("lang", LANGS)
def test_gated_memory_captions_hold_what_is_kept(lang):
    at = run("gated", lang)
    kept, gradient = memory_numbers(at, lang)
    memory_words = {"en": f"the LSTM {kept}", "zh": f"LSTM 剩 {kept}"}[lang]
    gradient_words = {"en": f"through c only to {gradient}", "zh": f"c 的梯度只降到 {gradient}"}
    reading(at, lang, memory_words)
    reading(at, lang, gradient_words[lang])
    at.slider(key="gated.bias").set_value(0.0).run()
    kept0, gradient0 = memory_numbers(at, lang)
    assert kept0 != kept and gradient0 != gradient
    reading(at, lang, memory_words.replace(kept, kept0))
    reading(at, lang, gradient_words[lang].replace(gradient, gradient0))


def test_gated_unrolled_caption_holds_the_state_at_t():
    at = run("gated", "en")
    unrolled = charts(at)[1]
    h1 = trace(unrolled, "h")["hovertext"][1]  # h_1 (h_0 first)
    first = float(re.findall(r"-?[\d.]+", h1.split("=", 1)[1])[0])
    caption = reading(at, "en", "The shaded column is t = 1")
    assert f"{first:.4g}" in caption, (first, caption)


# --- 10 · BPTT --------------------------------------------------------------------------------

def bptt_numbers(at) -> tuple[str, str, str]:
    """Step 2's share of ∂L/∂U[1,1], the Jacobian norm at t = 1 and ‖g‖ before clipping."""
    contributions, jacobian, clipping, _ = charts(at)
    step2 = values(trace(contributions, "t = 2")["y"])[0]
    first = values(jacobian["data"][0]["y"])[0]
    before = values(clipping["data"][0]["y"])[0]
    return (short(float(step2)), short(float(first)),
            compact(before) if abs(before) >= 1e6 else short(float(before)))


@pytest.mark.parametrize("lang", LANGS)
def test_bptt_captions_hold_the_figures_numbers(lang):
    at = run("bptt", lang)
    step2, first, before = bptt_numbers(at)
    reading(at, lang, f"t = 2: {step2}")
    reading(at, lang, first, "t = 1")
    reading(at, lang, f"‖g‖ = {before}")
    at.slider(key="bptt.scale").set_value(2.0).run()
    _, first2, _ = bptt_numbers(at)
    assert first2 != first
    caption = reading(at, lang, first2, "t = 1")
    assert first not in caption


# --- 11 · Attention ---------------------------------------------------------------------------
# Training is live: the course pairs, trained once (identical requests share one run), read
# in each language.

TITLES = {"live": ("Attention for", "的注意力（写出"), "matrix": ("Attention matrix", "注意力矩阵"),
          "context": ("Context vector", "上下文向量")}


def titled(at, kind: str) -> dict | None:
    return next((spec for spec in charts(at)
                 if any(part in spec["layout"]["title"]["text"] for part in TITLES[kind])), None)


def attention_page(lang: str):
    from conftest import run_until
    at = app_test("attention", lang=lang).run()
    at.button(key="attention_train").click().run()
    return run_until(at, lambda a: titled(a, "matrix") is not None, timeout=90)


def first_row_peak(spec: dict) -> tuple[float, str]:
    """Output step 1's largest weight and the input symbol it falls on."""
    row = values(spec["data"][0]["z"])[0]
    return float(np.nanmax(row)), spec["layout"]["xaxis"]["ticktext"][int(np.nanargmax(row))]


def context_ends(at) -> tuple[str, str]:
    units = values(titled(at, "context")["data"][0]["z"])  # units down, output steps across
    return f"{units[0, 0]:+.3f}", f"{units[0, -1]:+.3f}"


@pytest.mark.parametrize("lang", LANGS)
def test_attention_captions_hold_the_weights_and_contexts(lang):
    at = attention_page(lang)
    weight, symbol = first_row_peak(titled(at, "live"))
    assert 0 < weight <= 1
    reading(at, lang, f"{weight:.2f}", f"“{symbol}”")
    matrix = values(titled(at, "matrix")["data"][0]["z"])
    reading(at, lang, f"{np.nansum(matrix[0]):.6f}")
    first, last = context_ends(at)
    reading(at, lang, first, last)
    at.text_input(key="attention.text").set_value("ohlol").run()
    assert not at.exception
    first2, last2 = context_ends(at)
    assert (first2, last2) != (first, last)
    caption = reading(at, lang, first2, last2)
    assert f"{first} " not in caption or f"{last}." not in caption


def test_the_comparison_caption_reads_where_each_curve_ends():
    """att.last_points, behind the comparison's caption, skips the None a stopped model
    leaves (the page itself: the next test, with a small budget)."""
    from rnnviz import attention as att
    records = [{"updates": u, "loss_attention": la, "accuracy_attention": aa,
                "loss_plain": lp, "accuracy_plain": ap}
               for u, la, aa, lp, ap in [(10, 2.0, 0.1, 2.1, 0.0), (20, 0.5, 0.9, 1.5, 0.2),
                                         (30, None, 0.9, 1.2, 0.3)]]
    assert att.last_points(records, att.MODEL_NAMES) == {
        "attention": (20, 0.5, 0.9), "plain": (30, 1.2, 0.3)}


def test_the_comparison_caption_on_the_page_states_where_each_curve_ends(monkeypatch):
    """The page's comparison with a budget of 50 updates (the class default is 1500): the
    caption under the curves names each model's last update, loss and exact-match, as the
    figure's last points show them."""
    from conftest import run_until

    from rnnviz import attention as att

    monkeypatch.setattr(att.ComparisonRequest, "default_changes", {"updates": 50})
    at = app_test("attention", lang="en").run()
    at.button(key="attention_compare_train").click().run()

    def compared(at) -> list[dict]:  # the curves, and once finished the scores by length
        return [spec for spec in charts(at)
                if any(t.get("name") == "with attention" for t in spec["data"])]

    run_until(at, lambda at: len(compared(at)) >= 2, timeout=120)
    curves = compared(at)[0]
    caption = reading(at, "en", "with attention")
    for model in ("with attention", "plain (no attention)"):
        loss = trace(curves, model)  # the left panel: loss against updates
        updates, losses = values(loss["x"]), values(loss["y"])
        last = max(i for i, y in enumerate(losses) if y == y)  # a stopped model leaves gaps
        assert f"{model}: last at update {int(updates[last])}, loss {losses[last]:.3g}" \
            in caption, (model, caption)
