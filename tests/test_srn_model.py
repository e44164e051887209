"""SPEC 1 figures from every backend, the stacked-matrix fact, gradients, and shared links."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from rnnviz import srn

IDENTITY_H = [[2, 2], [6, 6], [16, 16]]
IDENTITY_Y = [[4, 4], [12, 12], [32, 32]]
TANH_H = [[0.9640275800758169] * 2, [0.9992255445668126] * 2, [0.9999876735248918] * 2]
TANH_Y = [[1.9280551601516338] * 2, [1.9984510891336251] * 2, [1.9999753470497836] * 2]


@pytest.fixture
def spec():
    return srn.SRNWeights.filled(), np.array(srn.DEFAULT_INPUTS)


def test_numpy_loop_gives_the_spec_figures(spec):
    weights, xs = spec
    identity = srn.run_numpy(weights, xs, "identity")
    np.testing.assert_array_equal(identity.h, IDENTITY_H)
    np.testing.assert_array_equal(identity.y, IDENTITY_Y)
    tanh = srn.run_numpy(weights, xs, "tanh")
    np.testing.assert_allclose(tanh.h, TANH_H, rtol=0, atol=1e-15)
    np.testing.assert_allclose(tanh.y, TANH_Y, rtol=0, atol=1e-15)
    # The intermediate sums the page substitutes: at t=2, W x = [2,2], U h_1 = [4,4].
    np.testing.assert_array_equal(identity.input_part[1], [2, 2])
    np.testing.assert_array_equal(identity.recurrent_part[1], [4, 4])
    np.testing.assert_array_equal(identity.h_prev[2], [6, 6])


@pytest.mark.parametrize("backend", [srn.run_rnncell, srn.run_rnn_layer])
def test_torch_backends_give_the_spec_figures(spec, backend):
    weights, xs = spec
    h, y = backend(weights, xs, "tanh")
    assert h.dtype == np.float32
    np.testing.assert_allclose(h, TANH_H, rtol=0, atol=1e-6)
    np.testing.assert_allclose(y, TANH_Y, rtol=0, atol=1e-6)
    h, y = backend(weights, xs, "relu")  # every sum is positive, so relu is the identity here
    np.testing.assert_allclose(h, IDENTITY_H, rtol=0, atol=1e-6)
    np.testing.assert_allclose(y, IDENTITY_Y, rtol=0, atol=1e-6)


def test_torch_backends_refuse_other_activations_naming_the_choices(spec):
    with pytest.raises(ValueError, match="tanh"):
        srn.run_rnn_layer(*spec, "sigmoid")
    assert srn.agreement_table(*spec, "identity") == []


def test_agreement_on_a_random_network_of_the_largest_size():
    rng = np.random.default_rng(0)
    n = srn.MAX_SIZE
    weights = srn.SRNWeights(W=rng.normal(size=(n, n)), U=0.3 * rng.normal(size=(n, n)),
                             b=rng.normal(size=n), V=rng.normal(size=(n, n)),
                             c=rng.normal(size=n))
    xs = rng.normal(size=(12, n))
    for activation in srn.TORCH_ACTIVATIONS:
        rows = srn.agreement_table(weights, xs, activation)
        assert [row["backend"] for row in rows] == ["rnncell", "rnn"]
        assert all(row["max_abs"] < 1e-5 and row["max_rel"] < 1e-5 for row in rows)
        assert srn.agreement(weights, xs, activation)["rnn"] == rows[1]["max_abs"]


def test_stacked_matrix_gives_the_two_products_at_once():
    rng = np.random.default_rng(1)
    weights = srn.SRNWeights(W=rng.normal(size=(3, 2)), U=rng.normal(size=(3, 3)),
                             b=np.zeros(3), V=np.ones((1, 3)), c=np.zeros(1))
    x_t, h_prev = rng.normal(size=2), rng.normal(size=3)
    np.testing.assert_allclose(srn.stacked_product(weights, x_t, h_prev),
                               weights.W @ x_t + weights.U @ h_prev, rtol=1e-12)
    # The SPEC's row-vector form: [X_t, H_{t-1}] @ [W_xh; W_hh] with W_xh = W^T, W_hh = U^T.
    row_form = np.concatenate([x_t, h_prev]) @ np.vstack([weights.W.T, weights.U.T])
    np.testing.assert_allclose(row_form, srn.stacked_product(weights, x_t, h_prev), rtol=1e-12)


@pytest.mark.parametrize("activation", srn.ACTIVATIONS)
def test_gradient_norms_match_autograd_through_the_whole_unrolled_run(activation):
    rng = np.random.default_rng(2)
    weights = srn.SRNWeights(W=rng.normal(size=(3, 2)), U=rng.normal(size=(3, 3)),
                             b=rng.normal(size=3), V=np.ones((2, 3)), c=np.zeros(2))
    xs = rng.normal(size=(5, 2))
    norms = srn.hidden_gradient_norms(weights, xs, activation)
    f = {"identity": lambda z: z, "tanh": torch.tanh, "relu": torch.relu,
         "sigmoid": torch.sigmoid}[activation]
    W, U, b = (torch.tensor(a) for a in (weights.W, weights.U, weights.b))
    hs = torch.tensor(srn.run_numpy(weights, xs, activation).h)

    def last_state_from(step: int):  # h_T as a function of h_step (1-based)
        def run(h):
            for k in range(step, len(xs)):
                h = f(W @ torch.tensor(xs[k]) + U @ h + b)
            return h
        return run

    for step in range(1, len(xs) + 1):
        jacobian = torch.autograd.functional.jacobian(last_state_from(step), hs[step - 1])
        expected = float(torch.linalg.matrix_norm(jacobian, ord=2))
        assert norms[step - 1] == pytest.approx(expected, rel=1e-9, abs=1e-12)
    assert norms[-1] == pytest.approx(1.0)


def test_identity_with_large_weights_reports_the_overflow_step():
    big = srn.SRNWeights.filled(weight=1e100)
    weights = srn.SRNWeights(W=big.W, U=big.U, b=big.b, V=np.ones((2, 2)), c=big.c)
    trace = srn.run_numpy(weights, np.ones((6, 2)), "identity")
    # h_t grows like (2e100)^t: finite up to t=3 (8e300), inf at t=4.
    assert trace.overflow_step == 4
    assert np.isfinite(trace.h[:3]).all() and not np.isfinite(trace.h[3]).all()
    assert srn.run_numpy(weights, np.ones((6, 2)), "tanh").overflow_step is None


def test_trace_table_has_one_row_per_step(spec):
    table = srn.trace_table(srn.run_numpy(*spec, "identity"))
    assert list(table["t"]) == [1, 2, 3] and list(table["y1"]) == [4, 12, 32]
    assert list(table["h_prev2"]) == [0, 2, 6]


def test_the_default_view_round_trips_through_the_url():
    view = srn.SRNView.default()
    query = view.to_query()
    assert query["W"] == "1,1;1,1" and query["x"] == "1,1;1,1;2,2" and query["b"] == "0,0"
    again, problems = srn.SRNView.from_query(query)
    assert problems == [] and again.to_query() == query


finite = st.floats(allow_nan=False, allow_infinity=False, width=64)


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_any_view_round_trips_exactly(data):
    n_in, n_hidden, n_out = (data.draw(st.integers(1, srn.MAX_SIZE)) for _ in range(3))
    steps = data.draw(st.integers(1, srn.MAX_STEPS))

    def matrix(rows, columns):
        return np.array(data.draw(st.lists(st.lists(finite, min_size=columns,
                                                    max_size=columns),
                                           min_size=rows, max_size=rows)))

    weights = srn.SRNWeights(W=matrix(n_hidden, n_in), U=matrix(n_hidden, n_hidden),
                             b=matrix(1, n_hidden)[0], V=matrix(n_out, n_hidden),
                             c=matrix(1, n_out)[0])
    view = srn.SRNView(weights, matrix(steps, n_in), data.draw(st.integers(1, steps)),
                       data.draw(st.sampled_from(srn.ACTIVATIONS)))
    again, problems = srn.SRNView.from_query(view.to_query())
    assert problems == []
    for name in ("W", "U", "b", "V", "c"):
        np.testing.assert_array_equal(getattr(again.weights, name), getattr(weights, name))
    np.testing.assert_array_equal(again.xs, view.xs)
    assert (again.t, again.activation) == (view.t, view.activation)


@pytest.mark.parametrize("query, field, reason", [
    ({"W": "1,x;1,1"}, "W", "cell"),
    ({"W": "1,1;1"}, "W", "ragged"),
    ({"U": "1,1,1;1,1,1"}, "U", "shape"),
    ({"x": "1,1,1"}, "x", "shape"),
    ({"x": "inf,1"}, "x", "cell"),
    ({"b": "nan,0"}, "b", "cell"),
    ({"W": ";".join(["1"] * 9)}, "W", "size"),
    ({"x": ";".join(["1,1"] * (srn.MAX_STEPS + 1))}, "x", "steps"),
    ({"t": "7"}, "t", "range"),
    ({"t": "1.5"}, "t", "range"),
    ({"act": "softmax"}, "act", "choice"),
])
def test_a_bad_link_names_the_field_and_falls_back(query, field, reason):
    view, problems = srn.SRNView.from_query(query)
    assert [(p.field, p.reason) for p in problems][:1] == [(field, reason)]
    default = srn.SRNView.default()
    assert srn.run_numpy(view.weights, view.xs, view.activation).h.shape[1] == \
        view.weights.sizes[1]
    if field != "W":
        assert view.weights.sizes == default.weights.sizes


def test_sizes_come_from_the_link():
    view, problems = srn.SRNView.from_query({"W": "1,2,3", "V": "1;2;3;4", "x": "1,2,3;4,5,6"})
    assert problems == [] and view.weights.sizes == (3, 1, 4)
    assert view.weights.U.shape == (1, 1) and view.weights.c.shape == (4,)


def test_unrolled_figure_shows_every_value_and_the_current_step(spec):
    from rnnviz.plots import srn as plots

    trace = srn.run_numpy(*spec, "identity")
    fig = plots.unrolled(trace, 2, x_title="time step t")
    by_name = {trace_.name: trace_ for trace_ in fig.data}
    assert list(by_name["h"].x) == [0, 1, 2, 3]
    assert list(by_name["h"].text) == ["0<br>0", "2<br>2", "6<br>6", "16<br>16"]
    assert list(by_name["y"].text) == ["4<br>4", "12<br>12", "32<br>32"]
    assert list(by_name["t"].x) == [2]
    assert fig.layout.xaxis.title.text == "time step t"
    assert "16" in by_name["h"].hovertext[3]


def test_step_latex_substitutes_the_numbers(spec):
    from rnnviz.plots import srn as plots

    weights, xs = spec
    trace = srn.run_numpy(weights, xs, "tanh")
    sums, activation, output = plots.step_latex(weights, trace, 3)
    assert sums.startswith("z_{3} = W x_{3} + U h_{2} + b")
    assert r"\begin{bmatrix}0.999226 \\ 0.999226\end{bmatrix}" in sums  # h_2
    assert r"\tanh" in activation and "0.999988" in activation and "1.99998" in output
    assert plots.short(np.tanh(8.0)) == "0.9999998"  # saturated, but not 1
    assert plots.latex_number(8e300) == r"8{\times}10^{300}"


# --- issue 19: thirty steps -------------------------------------------------------------------

PLOT_PX = 640  # the unrolled picture's plotting width on a narrow laptop (1024 px window)


def thirty_steps(activation: str = "tanh", inputs=(1.0, 1.0), steps: int = srn.MAX_STEPS):
    """The course network with time steps added up to the page's limit, as a class did."""
    weights = srn.SRNWeights.filled()
    xs = np.array([*srn.DEFAULT_INPUTS, *[inputs] * (steps - 3)])
    return weights, xs, srn.run_numpy(weights, xs, activation)


@pytest.mark.parametrize("steps, t", [(30, 1), (30, 15), (30, 29), (30, 30), (9, 9), (6, 3),
                                      (4, 4)])
@pytest.mark.parametrize("inputs", [(1.0, 1.0), (-0.7, 0.3)])
def test_the_thirty_step_picture_has_no_overlapping_text(steps, t, inputs):
    from rnnviz.plots import srn as plots

    _, _, trace = thirty_steps(inputs=inputs, steps=steps)
    fig = plots.unrolled(trace, t, title="x", x_title="t", current_name="now")
    low, high = fig.layout.xaxis.range
    column_px = PLOT_PX / (high - low)
    assert column_px > 60  # a window of steps, not thirty crammed columns
    assert low <= t <= high  # the current step is in view
    for node in fig.data[:-1]:  # x, h, y
        size = node.textfont.size
        for x, text in zip(node.x, node.text, strict=True):
            if low <= x <= high:
                lines = text.split("<br>")
                widest = max(len(line) for line in lines) * size * plots.CHAR_EM
                assert widest < 2 * plots.BOX * column_px, (x, text)  # inside its node
                assert len(lines) * plots.LINE_PX < 0.9 * fig.layout.height / 4
    marker = fig.data[-1]
    label_px = len(marker.text[0]) * marker.textfont.size * plots.CHAR_EM
    side = marker.textposition.split()[1]
    left = (t - low) * column_px - (label_px if side == "left" else label_px / 2
                                    if side == "center" else 0)
    right = (t - low) * column_px + (0 if side == "left" else label_px / 2
                                     if side == "center" else label_px)
    assert left >= -fig.layout.margin.l and right <= PLOT_PX + fig.layout.margin.r, marker.text
    assert marker.cliponaxis is False


def test_a_saturated_value_on_a_node_is_cut_not_rounded_up():
    from rnnviz.plots import srn as plots

    assert plots.short(np.tanh(8.0), 3, exact=False) == "0.999…"
    assert plots.short(-np.tanh(8.0), 3, exact=False) == "-0.999…"
    assert plots.short(0.964028, 3, exact=False) == "0.964"
    assert plots.short(np.tanh(8.0)) == "0.9999998"  # in the formulas: every digit needed


def test_the_thirty_step_picture_is_built_quickly():
    import time

    from rnnviz.plots import srn as plots

    _, _, trace = thirty_steps()
    plots.unrolled(trace, 1)  # plotly's first figure loads its validators
    started = time.perf_counter()
    fig = plots.unrolled(trace, 30)
    assert time.perf_counter() - started < 0.5  # was about 2 s, one shape at a time
    assert len(fig.layout.shapes) == 1 + 1 + 3 * 30  # the highlight, h_0 and every node
    assert len(fig.layout.annotations) == 2 * (1 + 3 * 30 - 1)  # arrows and their labels


@pytest.mark.parametrize("activation", ["tanh", "identity"])
def test_the_thirty_step_equations_fit_the_page(activation):
    from rnnviz.plots import srn as plots

    weights, _, trace = thirty_steps(activation)
    for t in (1, 10, 30):
        for lines in plots.equation_widths(weights, trace, t):
            assert max(lines) <= plots.MAX_LINE_CHARS, (t, lines)
    sums, _, _ = plots.step_latex(weights, trace, 30)
    assert sums.startswith(r"\begin{aligned} z_{30} &= W x_{30} + U h_{29} + b \\ &")
    # The layout is the run's, not the step's: stepping through does not make it jump.
    assert plots.step_latex(weights, trace, 1)[0].startswith(r"\begin{aligned}")


def test_the_course_example_keeps_its_one_line_equations(spec):
    from rnnviz.plots import srn as plots

    weights, xs = spec
    for activation in ("tanh", "identity"):
        trace = srn.run_numpy(weights, xs, activation)
        assert plots.broken_equations(weights, trace) == (False, False, False)


@pytest.mark.parametrize("activation", ["tanh", "relu"])
def test_the_code_shown_computes_the_torch_rows_exactly(activation):
    rng = np.random.default_rng(3)
    weights = srn.SRNWeights(W=rng.normal(size=(3, 2)), U=rng.normal(size=(3, 3)),
                             b=rng.normal(size=3), V=rng.normal(size=(2, 3)),
                             c=rng.normal(size=2))
    xs = rng.normal(size=(5, 2))
    setup, rnncell, rnn = srn.torch_code(weights, xs, activation)
    for part, run in ((rnncell, srn.run_rnncell), (rnn, srn.run_rnn_layer)):
        namespace: dict = {}
        exec(setup + "\n" + part, namespace)  # noqa: S102 - our own generated code
        h, y = run(weights, xs, activation)
        np.testing.assert_array_equal(namespace["h"].numpy(), h)
        np.testing.assert_array_equal(namespace["y"].numpy(), y)
    with pytest.raises(ValueError, match="tanh"):
        srn.torch_code(weights, xs, "identity")
