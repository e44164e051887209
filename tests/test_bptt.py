"""SPEC 9: backpropagation through time by hand, checked against torch.autograd."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from rnnviz import bptt, srn
from rnnviz.plots import bptt as plots
from rnnviz.plots.style import MUTED

# SPEC 9's figures: L, then ∂L/∂W, ∂L/∂U, ∂L/∂b, ∂L/∂V, ∂L/∂c (every entry of a matrix equal).
SPEC_EVERY = (2.8581416523835323, 0.13476321402219837, 0.0030300187051967905,
              0.13471390964117805, 2.8923116243592872, 2.9264815963350426)
SPEC_LAST = (0.9999506947073352, 9.878301259756232e-05, 4.941338185136092e-05,
             4.947863157722875e-05, 0.9999630208785595, 0.9999753470497836)


def random_setup(seed: int, activation: str | None = None, loss: str | None = None,
                 steps: int | None = None) -> bptt.BPTTSetup:
    """A random network of sizes 1..8 whose values stay O(1) for a dozen steps."""
    rng = np.random.default_rng(seed)
    n_in, n_hidden, n_out = (int(rng.integers(1, srn.MAX_SIZE + 1)) for _ in range(3))
    steps = steps or int(rng.integers(1, 13))
    weights = srn.SRNWeights(
        W=rng.normal(size=(n_hidden, n_in)) / math.sqrt(n_in),
        U=rng.normal(size=(n_hidden, n_hidden)) * 0.9 / math.sqrt(n_hidden),
        b=rng.normal(size=n_hidden) * 0.5,
        V=rng.normal(size=(n_out, n_hidden)) / math.sqrt(n_hidden),
        c=rng.normal(size=n_out) * 0.5,
    )
    activation = activation or srn.ACTIVATIONS[seed % len(srn.ACTIVATIONS)]
    loss = loss or bptt.LOSSES[(seed // len(srn.ACTIVATIONS)) % 2]
    return bptt.BPTTSetup(weights, rng.normal(size=(steps, n_in)),
                          rng.normal(size=(steps, n_out)), activation, loss)


def close(actual, expected, tolerance=1e-10):
    np.testing.assert_allclose(actual, expected, rtol=tolerance, atol=tolerance)


def unrolled_autograd(setup: bptt.BPTTSetup, k: int | None = None):
    """Autograd with a separate copy of every weight per step.

    The gradient of step t's copy is step t's contribution; z_t and h_t keep their
    gradients (δz_t, ∂L/∂h_t). With k, h is detached at the start of every chunk.
    """
    f = bptt.TORCH_FUNCTIONS[setup.activation]
    base = {name: torch.tensor(getattr(setup.weights, name)) for name in bptt.PARAMETERS}
    copies, zs, hs = [], [], []
    h = torch.zeros(setup.weights.sizes[1], dtype=torch.float64)
    loss = torch.zeros((), dtype=torch.float64)
    for i in range(setup.steps):
        if k is not None and i > 0 and i % k == 0:
            h = h.detach()
        p = {name: value.clone().requires_grad_() for name, value in base.items()}
        z = p["W"] @ torch.tensor(setup.xs[i]) + p["U"] @ h + p["b"]
        z.retain_grad()
        h = f(z)
        h.retain_grad()
        y = p["V"] @ h + p["c"]
        if setup.target_mask[i]:
            loss = loss + 0.5 * torch.sum((y - torch.tensor(setup.targets[i])) ** 2)
        copies.append(p)
        zs.append(z)
        hs.append(h)
    loss.backward()

    def grad(tensor):
        return np.zeros(tuple(tensor.shape)) if tensor.grad is None else tensor.grad.numpy()

    return {"loss": float(loss.detach()), "delta_z": [grad(z) for z in zs],
            "dh": [grad(h) for h in hs],
            "contributions": [{name: grad(p[name]) for name in bptt.PARAMETERS}
                              for p in copies]}


# --- SPEC 9's figures ----------------------------------------------------------------

@pytest.mark.parametrize(("loss", "expected"), [("every", SPEC_EVERY), ("last", SPEC_LAST)])
def test_spec_figures_by_hand_and_by_autograd(loss, expected):
    setup = bptt.BPTTSetup.default(loss)
    pass_ = bptt.backward(setup)
    got = [pass_.loss, *(pass_.gradients[name] for name in bptt.PARAMETERS)]
    for value, figure in zip(got, expected, strict=True):
        np.testing.assert_allclose(value, np.full(np.shape(value), figure), rtol=1e-13, atol=0)
    autograd_loss, autograd = bptt.autograd_gradients(setup)
    assert autograd_loss == pytest.approx(expected[0], rel=1e-14)
    for name, figure in zip(bptt.PARAMETERS, expected[1:], strict=True):
        np.testing.assert_allclose(autograd[name], np.full(autograd[name].shape, figure),
                                   rtol=0, atol=1e-12)
    assert bptt.autograd_difference(pass_) <= 1e-12
    assert pass_.overflow_step is None and pass_.forward.overflow_step is None


def test_spec_walk_shows_saturated_tanh_letting_little_through():
    pass_ = bptt.backward(bptt.BPTTSetup.default())
    f_prime = [pass_.step(t).f_prime[0] for t in (1, 2, 3)]
    # SPEC 9: 1 − h_t² is about 0.07, 0.0015, 2.5e-5.
    assert f_prime == pytest.approx([0.07065, 0.0015483, 2.4653e-5], rel=1e-3)
    assert [record.t for record in pass_.walk] == [3, 2, 1]
    last = pass_.step(3)
    assert not last.from_next.any() and not last.cut
    np.testing.assert_allclose(last.delta_y, srn.run_numpy(
        srn.SRNWeights.filled(), srn.DEFAULT_INPUTS, "tanh").y[2] - 1.0)
    norms = bptt.jacobian_norms(bptt.BPTTSetup.default()).norms
    assert norms[-1] == 1.0 and norms[1] < 1e-4 and norms[0] < 1e-6  # almost nothing through
    # 100 steps: each step multiplies by about 2 · 2.5e-5, so after ~75 steps back the
    # product is below the smallest float64 and is exactly 0.
    long = bptt.jacobian_norms(bptt.BPTTSetup.default().with_steps(100))
    assert long.vanished_step == 25
    assert not long.norms[:25].any() and (long.norms[25:] > 0).all()


def test_loss_last_has_a_target_only_at_the_last_step():
    pass_ = bptt.backward(bptt.BPTTSetup.default("last"))
    assert [pass_.step(t).has_target for t in (1, 2, 3)] == [False, False, True]
    assert not pass_.step(1).delta_y.any() and not pass_.step(2).contribution.V.any()
    assert np.isnan(pass_.forward.targets[:2]).all()


# --- every hand-written value against autograd -------------------------------------------

@pytest.mark.parametrize("seed", range(48))
def test_hand_written_backward_matches_autograd_on_random_networks(seed):
    setup = random_setup(seed)
    rng = np.random.default_rng(1000 + seed)
    for k in (None, int(rng.integers(1, setup.steps + 1))):
        pass_ = bptt.backward(setup, k)
        reference = unrolled_autograd(setup, k)
        assert pass_.loss == pytest.approx(reference["loss"], rel=1e-12, abs=1e-12)
        for t in range(1, setup.steps + 1):
            record = pass_.step(t)
            close(record.delta_z, reference["delta_z"][t - 1])
            close(record.dh, reference["dh"][t - 1])
            for name in bptt.PARAMETERS:
                close(record.contribution[name], reference["contributions"][t - 1][name])
        loss, gradients = bptt.autograd_gradients(setup, k)
        for name in bptt.PARAMETERS:
            close(pass_.gradients[name], gradients[name])
        assert bptt.autograd_difference(pass_) <= 1e-10


@pytest.mark.parametrize("activation", srn.ACTIVATIONS)
def test_each_step_splits_dh_into_output_and_next_step(activation):
    setup = random_setup(7, activation, "every", steps=6)
    pass_ = bptt.backward(setup)
    weights = setup.weights
    for t in range(1, setup.steps + 1):
        record = pass_.step(t)
        close(record.from_output, weights.V.T @ record.delta_y, 1e-14)
        expected_next = weights.U.T @ pass_.step(t + 1).delta_z if t < setup.steps else 0
        close(record.from_next, np.broadcast_to(expected_next, record.from_next.shape), 1e-14)
        close(record.dh, record.from_output + record.from_next, 1e-14)
        close(record.delta_z, record.f_prime * record.dh, 1e-14)
        h, z = pass_.forward.trace.h[t - 1], pass_.forward.trace.pre_activation[t - 1]
        expected_f_prime = {"identity": np.ones_like(z), "tanh": 1 - h**2,
                            "relu": (z > 0).astype(float), "sigmoid": h * (1 - h)}[activation]
        close(record.f_prime, expected_f_prime, 1e-12)


@pytest.mark.parametrize("seed", range(8))
def test_running_sums_add_up_and_end_at_the_gradients(seed):
    pass_ = bptt.backward(random_setup(seed), k=None)
    for name in bptt.PARAMETERS:
        np.testing.assert_array_equal(pass_.step(1).running[name], pass_.gradients[name])
        walked = np.cumsum(pass_.contributions(name)[::-1], axis=0)[::-1]  # sums over T … t
        close(pass_.running_sums(name), walked, 1e-12)


# --- vanishing and exploding ------------------------------------------------------------

@pytest.mark.parametrize("activation", srn.ACTIVATIONS)
def test_jacobian_norms_match_autograd(activation):
    setup = random_setup(3, activation, steps=7)
    ours = bptt.jacobian_norms(setup)
    expected = srn.hidden_gradient_norms(setup.weights, setup.xs, activation)
    close(ours.norms, expected, 1e-9)
    assert ours.spectral_radius == pytest.approx(srn.spectral_radius(setup.weights.U))


def test_recurrent_scale_and_spectral_radius_levers():
    setup = bptt.BPTTSetup.exploding().with_steps(40)
    assert setup.steps == 40 and (setup.xs[3:] == 2).all() and (setup.targets == 1).all()
    assert setup.with_steps(2).xs.tolist() == [[1, 1], [1, 1]]
    norms = {radius: bptt.jacobian_norms(setup.with_spectral_radius(radius)).norms
             for radius in (0.5, 1.0, 2.0)}
    # identity: ∂h_T/∂h_t = U^(T-t), U = radius · ones/2, whose spectral norm is radius^(T-t)
    for radius, values in norms.items():
        close(values, radius ** np.arange(39, -1, -1.0), 1e-9)
    scaled = setup.with_recurrent_scale(0.25)
    assert srn.spectral_radius(scaled.weights.U) == pytest.approx(0.5)
    with pytest.raises(ValueError, match="U"):
        setup.with_recurrent_scale(0).with_spectral_radius(1.0)
    with pytest.raises(ValueError, match="steps"):
        setup.with_steps(bptt.MAX_STEPS + 1)


# --- clipping and one SGD step ----------------------------------------------------------

def test_clipping_rescales_to_theta_over_all_parameters_together():
    gradients = bptt.backward(bptt.BPTTSetup.exploding()).gradients
    clipping = bptt.clip_gradients(gradients, 1.0)
    assert clipping.clipped and clipping.norm_before == pytest.approx(2204.6990724359644)
    assert clipping.norm_after == pytest.approx(1.0, rel=1e-14)
    assert clipping.gradients.norm() == pytest.approx(1.0, rel=1e-14)
    close(clipping.gradients.flat(), gradients.flat() / clipping.norm_before, 1e-15)
    # torch's clip_grad_norm_ over the five tensors (it adds 1e-6 to the norm)
    tensors = [torch.tensor(values, requires_grad=True) for _, values in gradients.items()]
    for tensor, (_, values) in zip(tensors, gradients.items(), strict=True):
        tensor.grad = torch.tensor(values)
    total = torch.nn.utils.clip_grad_norm_(tensors, 1.0)
    assert float(total) == pytest.approx(clipping.norm_before, rel=1e-14)
    close(np.concatenate([t.grad.numpy().ravel() for t in tensors]), clipping.gradients.flat(),
          1e-8)
    unchanged = bptt.clip_gradients(gradients, 1e9)
    assert not unchanged.clipped and unchanged.factor == 1 and unchanged.gradients is gradients


def test_clipping_demo_default_explodes_without_clipping_and_improves_with_it():
    demo = bptt.clipping_demo(bptt.BPTTSetup.exploding(), bptt.DEFAULT_THETA, bptt.DEFAULT_LR)
    assert demo.loss_before == 1091.0 and demo.gradients.U.flat[0] == 664.0
    assert demo.loss_after_plain == pytest.approx(9.447277726772133e16, rel=1e-9)
    assert demo.loss_after_clipped == pytest.approx(888.8094415448661, rel=1e-9)
    expected = bptt.sgd_step(demo.setup.weights, demo.clipping.gradients, demo.lr)
    close(expected.U, demo.weights_after_clipped.U, 0)


def test_a_non_finite_norm_is_not_clipped_and_is_reported():
    weights = srn.SRNWeights.filled(weight=1e100)
    setup = bptt.BPTTSetup(weights, np.ones((5, 2)), np.zeros((5, 2)), "identity", "every")
    clipping = bptt.clip_gradients(bptt.backward(setup).gradients, 1.0)
    assert not clipping.clipped and not math.isfinite(clipping.norm_before)
    assert math.isnan(clipping.factor)


def test_norm_does_not_overflow_when_the_squares_would():
    gradients = bptt.Gradients.zeros(srn.SRNWeights.filled())
    big = bptt.Gradients(*(np.full_like(v, 1e200) for _, v in gradients.items()))
    assert big.norm() == pytest.approx(1e200 * 4)  # 16 entries of 1e200


# --- truncated BPTT ---------------------------------------------------------------------

@pytest.mark.parametrize("seed", range(6))
def test_truncation_with_k_at_least_t_is_the_full_gradient(seed):
    setup = random_setup(seed)
    full = bptt.backward(setup)
    for k in (setup.steps, setup.steps + 3):
        truncated = bptt.backward(setup, k)
        for name in bptt.PARAMETERS:
            np.testing.assert_array_equal(truncated.gradients[name], full.gradients[name])
        assert not any(record.cut for record in truncated.walk)


def test_truncation_drops_what_later_chunks_send_back():
    setup = random_setup(11, "tanh", "every", steps=7)
    trunc = bptt.truncate(setup, 3)
    assert trunc.chunks == ((1, 3), (4, 6), (7, 7))
    assert [t for t in range(1, 8) if trunc.truncated.step(t).cut] == [3, 6]
    for name in bptt.PARAMETERS:
        close(trunc.kept(name) + trunc.dropped(name), trunc.full.contributions(name), 1e-14)
        assert not trunc.dropped(name)[6].any()  # the last chunk loses nothing
    assert not trunc.dropped("V").any() and not trunc.dropped("c").any()  # V, c: no recurrence
    assert np.abs(trunc.dropped("U")[:6]).max() > 0
    close(trunc.difference.flat(), trunc.full.gradients.flat() - trunc.truncated.gradients.flat(),
          0)
    one = bptt.backward(setup, 1)
    assert all(not record.from_next.any() for record in one.walk)
    _, expected = bptt.autograd_gradients(setup, 1)
    assert bptt.max_abs_difference(one.gradients, expected) <= 1e-10


# --- overflow ---------------------------------------------------------------------------

def test_forward_overflow_is_reported_at_its_step_without_raising():
    big = srn.SRNWeights.filled(weight=1e100)
    weights = srn.SRNWeights(W=big.W, U=big.U, b=big.b, V=np.ones((2, 2)), c=big.c)
    setup = bptt.BPTTSetup(weights, np.ones((6, 2)), np.zeros((6, 2)), "identity", "every")
    with np.errstate(all="raise"):  # nothing here may trip a floating-point error
        pass_ = bptt.backward(setup)
        jacobian = bptt.jacobian_norms(setup)
        demo = bptt.clipping_demo(setup)
    # h_t grows like (2e100)^t: finite up to t=3 (8e300), inf at t=4; the loss term
    # ½‖y_t‖² already overflows at t=2 (y_2 ≈ 1.2e201).
    assert pass_.forward.overflow_step == 2
    assert pass_.overflow_step == 6  # the walk starts at T = 6 with non-finite δy
    assert jacobian.overflow_step is not None and not math.isfinite(demo.loss_after_plain)
    assert pass_.forward.trace.overflow_step == 4 and math.isfinite(pass_.forward.trace.h[2, 0])
    bptt.autograd_difference(pass_)  # torch meets the same infinities without raising


def test_backward_overflow_is_reported_at_the_first_step_of_the_walk():
    # Unit 1 never moves forward (no input, h = 0) but carries U = 1e10 backwards: with
    # V reading it, ∂L/∂h_t[0] = 2·1e10^(40−t), which passes 1.8e308 first at t = 9.
    weights = srn.SRNWeights(W=np.array([[0.0], [1.0]]), U=np.diag([1e10, 0.5]),
                             b=np.zeros(2), V=np.ones((1, 2)), c=np.zeros(1))
    setup = bptt.BPTTSetup(weights, np.ones((40, 1)), np.zeros((40, 1)), "identity", "last")
    pass_ = bptt.backward(setup)
    assert pass_.forward.overflow_step is None and math.isfinite(pass_.loss)
    assert pass_.overflow_step == 9
    assert math.isfinite(pass_.step(10).dh[0]) and math.isinf(pass_.step(9).dh[0])
    assert bptt.jacobian_norms(setup).overflow_step == 9
    _, expected = bptt.autograd_gradients(setup)  # torch does not raise either
    assert not expected.finite


# --- validation -------------------------------------------------------------------------

def test_bad_fields_are_named():
    spec = bptt.BPTTSetup.default()
    with pytest.raises(ValueError, match=r"loss.*'every', 'last'"):
        bptt.BPTTSetup(spec.weights, spec.xs, spec.targets, "tanh", "sum")
    with pytest.raises(ValueError, match="act"):
        bptt.BPTTSetup(spec.weights, spec.xs, spec.targets, "softsign")
    with pytest.raises(ValueError, match="target"):
        bptt.BPTTSetup(spec.weights, spec.xs, np.ones((3, 3)))
    with pytest.raises(ValueError, match="target"):
        bptt.BPTTSetup(spec.weights, spec.xs, np.ones((2, 2)))
    with pytest.raises(ValueError, match="x"):
        bptt.BPTTSetup(spec.weights, np.zeros((0, 2)), np.zeros((0, 2)))
    with pytest.raises(ValueError, match="x"):
        bptt.BPTTSetup(spec.weights, np.ones((3, 3)), spec.targets)
    for bad in (0, -1, 1.5, True):
        with pytest.raises(ValueError, match="k"):
            bptt.backward(spec, bad)
    with pytest.raises(ValueError, match="theta"):
        bptt.clip_gradients(bptt.backward(spec).gradients, 0)
    with pytest.raises(ValueError, match="lr"):
        bptt.clipping_demo(spec, 1.0, math.nan)
    assert bptt.BPTTSetup.default() == spec and hash(bptt.BPTTSetup.default()) == hash(spec)
    assert bptt.BPTTSetup.default("last") != spec


def test_parse_targets_names_the_field_row_and_column():
    array, problems = bptt.parse_targets([["1", "1"], ["0.5", "-2"], ["3", "1e-3"]], 2, 3)
    assert problems == [] and array.tolist() == [[1, 1], [0.5, -2], [3, 0.001]]
    _, problems = bptt.parse_targets([["1", "x"], ["1", "1"], ["", "1"]], 2, 3)
    assert [(p.field, p.reason, p.cell.row, p.cell.column, p.cell.reason) for p in problems] == [
        ("target", "cell", 0, 1, "number"), ("target", "cell", 2, 0, "empty")]
    _, problems = bptt.parse_targets([["1", "1", "1"]] * 3, 2, 3)
    assert problems == [srn.FieldProblem("target", "shape", expected=(3, 2))]
    _, problems = bptt.parse_targets([["1", "1"]] * 2, 2, 3)
    assert problems[0].reason == "shape"
    _, problems = bptt.parse_targets([], 2, 3)
    assert problems == [srn.FieldProblem("target", "steps", expected=(3,))]
    _, problems = bptt.parse_targets([["1", "1"], ["1"]], 2, 2)
    assert problems[0].reason == "ragged"


# --- tables ------------------------------------------------------------------------------

def test_tables_for_the_page():
    pass_ = bptt.backward(bptt.BPTTSetup.default())
    forward = bptt.forward_table(pass_.forward)
    assert list(forward.columns)[:3] == ["t", "x[1]", "x[2]"] and len(forward) == 3
    assert forward["L_t"].sum() == pytest.approx(SPEC_EVERY[0])
    backward = bptt.backward_table(pass_, names={"delta_z": "dz"})
    assert backward["t"].tolist() == [3, 2, 1] and "dz[2]" in backward.columns
    assert backward["Uᵀδz_next[1]"].iloc[0] == 0
    table = bptt.contributions_table(pass_, "U", running=True)
    assert list(table.columns) == ["t", "U[1,1]", "U[1,2]", "U[2,1]", "U[2,2]"]
    assert table["U[1,2]"].iloc[-1] == pytest.approx(SPEC_EVERY[2], rel=1e-13)
    _, autograd = bptt.autograd_gradients(pass_.forward.setup)
    check = bptt.gradients_table(pass_.gradients, autograd)
    assert len(check) == 4 + 4 + 2 + 4 + 2 and check["|difference|"].max() <= 1e-12
    assert check["entry"].tolist()[8:10] == ["b[1]", "b[2]"]


# --- figures -----------------------------------------------------------------------------

def test_contributions_figure_stacks_one_segment_per_step_with_the_total():
    pass_ = bptt.backward(bptt.BPTTSetup.default())
    fig = plots.contributions_figure(pass_.contributions("U"), name="U")
    bars = [trace for trace in fig.data if trace.type == "bar"]
    assert [bar.name for bar in bars] == ["t = 3", "t = 2", "t = 1"]  # the walk order
    assert list(bars[0].x) == ["U[1,1]", "U[1,2]", "U[2,1]", "U[2,2]"]
    assert fig.layout.barmode == "relative"
    close(sum(np.array(bar.y) for bar in bars), pass_.gradients.U.ravel(), 1e-15)
    (total,) = [trace for trace in fig.data if trace.type == "scatter"]
    close(total.y, pass_.gradients.U.ravel(), 1e-15)
    assert total.customdata[0] == repr(float(pass_.gradients.U[0, 0]))  # full precision
    whole = plots.contributions_figure(pass_.contributions("W"), name="W", by="matrix")
    assert list(whole.data[0].x) == ["W"]
    assert whole.data[-1].y[0] == pytest.approx(pass_.gradients.W.sum())
    with pytest.raises(ValueError, match="entry"):
        plots.contributions_figure(pass_.contributions("W"), by="row")


def test_contributions_figure_greys_what_truncation_drops():
    trunc = bptt.truncate(bptt.BPTTSetup.exploding(6), 2)
    fig = plots.contributions_figure(trunc.kept("W"), trunc.dropped("W"), name="W")
    hatched = [trace for trace in fig.data
               if trace.type == "bar" and trace.marker.pattern.shape == plots.DROPPED_PATTERN]
    assert hatched and all(trace.marker.pattern.fgcolor == MUTED for trace in hatched)
    assert sum(trace.showlegend is not False for trace in hatched) == 1  # one legend entry
    markers = {trace.name: trace for trace in fig.data if trace.type == "scatter"}
    close(markers["Σ"].y, trunc.full.gradients.W.ravel(), 1e-12)
    close(markers["Σ (k)"].y, trunc.truncated.gradients.W.ravel(), 1e-12)
    # 30 steps: one stacked trace (segments coloured by step, a colour bar for t)
    many = bptt.truncate(random_setup(5, steps=30), 4)
    fig = plots.contributions_figure(many.kept("U"), many.dropped("U"), name="U")
    assert any(trace.marker.showscale for trace in fig.data if trace.type == "scatter")
    segments = fig.data[0]
    entries = many.full.gradients.U.size
    kept_segments = segments.marker.pattern.shape == ""
    assert kept_segments.sum() == 30 * entries
    assert (segments.marker.pattern.shape[~kept_segments] == plots.DROPPED_PATTERN).all()
    labels = plots.entry_labels("U", many.full.gradients.U.shape)
    totals = [segments.y[segments.x == label].sum() for label in labels]
    close(totals, many.full.gradients.U.ravel(), 1e-12)
    assert segments.customdata[0][1] == "t = 30"  # stacked from t = T, as the walk adds them


def test_jacobian_and_clipping_figures():
    norms = bptt.jacobian_norms(bptt.BPTTSetup.default().with_steps(100)).norms
    fig = plots.jacobian_figure(norms, labels=plots.JacobianLabels(y_title="norm"))
    assert fig.layout.yaxis.type == "log" and fig.layout.yaxis.title.text == "norm"
    assert fig.data[0].y[-1] == 1.0 and fig.data[0].y[0] is None  # 0 underflow is a gap
    both = plots.jacobian_figure({"a": norms, "b": norms * 2})
    assert [trace.name for trace in both.data] == ["a", "b"] and both.layout.showlegend

    demo = bptt.clipping_demo(bptt.BPTTSetup.exploding())
    fig = plots.clipping_figure(demo)
    norm_bars, loss_bars = (trace for trace in fig.data if trace.type == "bar")
    close(norm_bars.y, [demo.clipping.norm_before, 1.0], 1e-14)
    close(loss_bars.y, [1091.0, demo.loss_after_plain, demo.loss_after_clipped], 0)
    assert fig.layout.yaxis.type == "log" and fig.layout.yaxis2.type == "log"
    assert any(shape.y0 == demo.clipping.theta for shape in fig.layout.shapes)
    exploded = plots.clipping_figure(bptt.clipping_demo(bptt.BPTTSetup.exploding(30)))
    assert any(note.text == "∞" for note in exploded.layout.annotations)
