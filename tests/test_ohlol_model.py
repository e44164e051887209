"""hello -> ohlol without the UI: data, models, hand-stepped gates, training, replay, figures.

In micrograd's style, the same thing is computed two ways and compared: our
step-by-step cells against torch's fused layers, our fast training loops
against the plain per-epoch recipe of SPEC 4, the batched seed spread against
one unbatched run per seed, a replayed epoch against the recorded one.
"""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest
import torch
from torch import nn

from rnnviz import gates, ohlol, reference
from rnnviz.jobs import run_to_end
from rnnviz.plots import ohlol as plots

HELLO = ohlol.Data("hello", "ohlol")
PAGE_SEED = 28  # the page's default seed


# --- Data --------------------------------------------------------------------------------

def test_hello_ohlol_encoding_matches_the_spec():
    assert HELLO.chars == ("e", "h", "l", "o")
    assert HELLO.inputs == (1, 0, 2, 2, 3)
    assert HELLO.targets == (3, 1, 2, 3, 2)
    assert HELLO.x().shape == (1, 5) and HELLO.y().shape == (5,)
    assert HELLO.decode([3, 1, 2, 3, 2]) == "ohlol"


def test_any_equal_length_strings_make_a_vocabulary():
    data = ohlol.Data("你好吗", "好吗你")
    assert data.chars == tuple(sorted("你好吗")) and data.length == 3
    assert data.decode(data.targets) == "好吗你"
    assert ohlol.Data("a" * 32, "b" * 32).vocab_size == 2


@pytest.mark.parametrize(("input_text", "target_text", "expected"), [
    ("", "ohlol", [("input", "empty")]),
    ("hello", "", [("target", "empty")]),
    ("", "", [("input", "empty"), ("target", "empty")]),
    ("a" * 33, "b" * 33, [("input", "too_long"), ("target", "too_long")]),
    ("hello", "ohlo", [("target", "unequal")]),
])
def test_bad_strings_name_the_field_and_the_reason(input_text, target_text, expected):
    problems = ohlol.check_texts(input_text, target_text)
    assert [(p.field, p.reason) for p in problems] == expected
    with pytest.raises(ohlol.InvalidTexts):
        ohlol.Data(input_text, target_text)


def test_config_refuses_bad_choices_and_names_the_valid_ones():
    with pytest.raises(ValueError, match="lstm"):
        ohlol.OhlolConfig(variant="B", cell="transformer")
    with pytest.raises(ValueError, match="'A'"):
        ohlol.OhlolConfig(variant="C")
    with pytest.raises(ValueError, match="lr"):
        ohlol.OhlolConfig(lr=float("nan"))
    # Variant A has no cell or hidden choice: equal requests compare equal.
    assert ohlol.OhlolConfig(variant="A", cell="gru", hidden=9) == ohlol.OhlolConfig()


# --- Models ------------------------------------------------------------------------------

@pytest.mark.parametrize(("variant", "cell", "hidden"), [
    ("A", "rnn", 4), ("B", "rnn", 4), ("B", "lstm", 4), ("B", "gru", 4), ("B", "lstm", 7),
])
def test_initialisation_equals_manual_seed_then_building(variant, cell, hidden):
    config = ohlol.OhlolConfig(variant=variant, cell=cell, hidden=hidden, seed=11)
    torch.manual_seed(11)
    if variant == "A":
        reference = nn.ModuleList([nn.RNNCell(4, 4)])
    else:
        layers = [nn.Embedding(4, 10), ohlol.CELL_CLASSES[cell](10, hidden, batch_first=True)]
        reference = nn.ModuleList(layers + ([nn.Linear(hidden, 4)] if hidden != 4 else []))
    torch.manual_seed(999)  # the private generator must not care about the global one
    model = ohlol.build_model(config, 4)
    ours = list(model.parameters())
    theirs = list(reference.parameters())
    assert len(ours) == len(theirs)
    for a, b in zip(ours, theirs, strict=True):
        assert torch.equal(a, b)


@pytest.mark.parametrize(("variant", "cell", "hidden"), [
    ("A", "rnn", 4), ("B", "rnn", 4), ("B", "lstm", 4), ("B", "gru", 6),
])
def test_forward_shapes_and_steps_agree(variant, cell, hidden):
    model = ohlol.build_model(ohlol.OhlolConfig(variant=variant, cell=cell, hidden=hidden), 4)
    logits, state = model(HELLO.x(), model.init_hidden(1))
    assert logits.shape == (1, 5, 4)
    if cell == "lstm":
        assert state[0].shape == state[1].shape == (1, 1, hidden)
    steps_logits, parts = model.steps(HELLO.x()[0])
    assert steps_logits.shape == (5, 4)
    assert torch.allclose(steps_logits, logits[0], atol=1e-5)
    width = 4 if variant == "A" else hidden
    assert all(value.shape == (5, width) for value in parts.values())
    assert set(parts) == set(gates.PARTS[cell])


# --- Hand-stepped cells equal torch's ----------------------------------------------------

@pytest.mark.parametrize("seed", [0, 1, 2])
def test_lstm_steps_equal_torch_h_and_c(seed):
    torch.manual_seed(seed)
    lstm = nn.LSTM(3, 5, batch_first=True)
    x = torch.randn(1, 7, 3)
    h0, c0 = torch.randn(1, 1, 5), torch.randn(1, 1, 5)
    out, (h_n, c_n) = lstm(x, (h0, c0))
    parts = gates.lstm_steps(lstm, x, h0, c0)
    assert torch.allclose(parts["hidden"], out[0], atol=1e-5)
    assert torch.allclose(parts["hidden"][-1], h_n[0, 0], atol=1e-5)
    assert torch.allclose(parts["cell"][-1], c_n[0, 0], atol=1e-5)
    # Each cell state against torch's, step by step, through LSTMCell with the same weights.
    cell = nn.LSTMCell(3, 5)
    cell.load_state_dict({k.removesuffix("_l0"): v for k, v in lstm.state_dict().items()})
    h, c = h0[0], c0[0]
    for t in range(7):
        h, c = cell(x[:, t], (h, c))
        assert torch.allclose(parts["cell"][t], c[0], atol=1e-5)
    for gate in ("input", "forget", "output"):
        assert ((parts[gate] > 0) & (parts[gate] < 1)).all()
    # The gates rebuild the states: c_t = f c_{t-1} + i g and h_t = o tanh(c_t).
    c_prev = torch.cat([c0[0], parts["cell"][:-1]])
    rebuilt = parts["forget"] * c_prev + parts["input"] * parts["candidate"]
    assert torch.allclose(rebuilt, parts["cell"], atol=1e-6)
    assert torch.allclose(parts["output"] * torch.tanh(parts["cell"]), parts["hidden"], atol=1e-6)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_gru_steps_equal_torch_h(seed):
    torch.manual_seed(seed)
    gru = nn.GRU(3, 5, batch_first=True)
    x = torch.randn(1, 7, 3)
    h0 = torch.randn(1, 1, 5)
    out, h_n = gru(x, h0)
    parts = gates.gru_steps(gru, x, h0)
    assert torch.allclose(parts["hidden"], out[0], atol=1e-5)
    assert torch.allclose(parts["hidden"][-1], h_n[0, 0], atol=1e-5)
    cell = nn.GRUCell(3, 5)
    cell.load_state_dict({k.removesuffix("_l0"): v for k, v in gru.state_dict().items()})
    assert torch.allclose(gates.gru_steps(cell, x[0], h0)["hidden"], out[0], atol=1e-5)
    for gate in ("reset", "update"):
        assert ((parts[gate] > 0) & (parts[gate] < 1)).all()


@pytest.mark.parametrize("nonlinearity", ["tanh", "relu"])
def test_rnn_steps_equal_torch_rnn_and_rnncell(nonlinearity):
    torch.manual_seed(3)
    rnn = nn.RNN(4, 6, nonlinearity=nonlinearity, batch_first=True)
    x = torch.randn(1, 5, 4)
    out, _ = rnn(x)
    assert torch.allclose(gates.rnn_steps(rnn, x)["hidden"], out[0], atol=1e-5)
    cell = nn.RNNCell(4, 4)
    h, states = torch.zeros(1, 4), []
    for t in range(5):
        h = cell(x[:, t], h)
        states.append(h[0])
    assert torch.allclose(gates.rnn_steps(cell, x[0])["hidden"], torch.stack(states), atol=1e-5)


def test_gates_refuse_unknown_cells_and_batches():
    with pytest.raises(ValueError, match="gru"):
        gates.cell_steps("mlp", nn.RNN(2, 2), torch.zeros(3, 2))
    with pytest.raises(ValueError, match="one sequence"):
        gates.rnn_steps(nn.RNN(2, 2), torch.zeros(2, 3, 2))


# --- Training ----------------------------------------------------------------------------

def test_variant_a_learns_ohlol_and_matches_the_plain_recipe():
    records, result = run_to_end(ohlol.train(ohlol.OhlolConfig(seed=PAGE_SEED), HELLO))
    losses = [r["loss"] for r in records]
    assert [r["epoch"] for r in records] == list(range(1, 16))
    assert losses[-1] < 0.5 * losses[0]
    assert sum(b < a for a, b in zip(losses, losses[1:], strict=False)) >= 12
    assert result["first_hit"] == ohlol.first_hit(records) == 5
    assert result["final_prediction"] == records[-1]["prediction"] == "ohlol"
    plain_losses, plain_predictions = reference.plain_ohlol_a(HELLO, PAGE_SEED)
    assert np.allclose(losses, plain_losses, atol=1e-4)
    assert [r["prediction"] for r in records] == plain_predictions


def test_compare_trains_three_cells_from_one_seed_and_stops_after_the_margin():
    config = ohlol.OhlolConfig(variant="B", lr=ohlol.FAST_COMPARE_LR, epochs=400, seed=PAGE_SEED)
    records, result = run_to_end(ohlol.train_compare(config, HELLO, margin=5))
    for position, cell in enumerate(ohlol.CELLS):
        rows = [r for r in records if r["cell"] == cell]
        hit = result["cells"][cell]["first_hit"]
        assert hit is not None and rows[-1]["prediction"] == "ohlol"
        assert rows[-1]["epoch"] == hit + 5 == len(rows)
        assert rows[-1]["loss"] < rows[0]["loss"]
        assert [r["step"] for r in rows] == [position * 400 + r["epoch"] for r in rows]
    # Same seed, same embedding: every cell starts from the same embedding table.
    firsts = [next(r for r in records if r["cell"] == c)["checkpoint"] for c in ohlol.CELLS]
    tables = [f["parameters"][f["names"].index("embedding.weight")] for f in firsts]
    assert torch.equal(tables[0], tables[1]) and torch.equal(tables[0], tables[2])


def test_the_global_rng_and_other_threads_change_nothing():
    config = ohlol.OhlolConfig(variant="B", cell="gru", lr=0.01, epochs=20, seed=5)
    torch.manual_seed(0)
    first, _ = run_to_end(ohlol.train(config, HELLO))
    torch.manual_seed(12345)
    torch.rand(100)
    second, _ = run_to_end(ohlol.train(config, HELLO))
    assert [r["loss"] for r in first] == [r["loss"] for r in second]


def test_seed_spread_batch_equals_one_run_per_seed():
    config = ohlol.OhlolConfig(seed=PAGE_SEED - 2)
    records, result = run_to_end(ohlol.train_spread(config, HELLO, 5))
    assert result["seeds"] == list(range(PAGE_SEED - 2, PAGE_SEED + 3))
    for k, seed in enumerate(result["seeds"]):
        alone, alone_result = run_to_end(ohlol.train(replace(config, seed=seed), HELLO))
        assert np.allclose([r["losses"][k] for r in records], [r["loss"] for r in alone],
                           atol=1e-5)
        assert [r["predictions"][k] for r in records] == [r["prediction"] for r in alone]
        assert result["first_hits"][k] == alone_result["first_hit"]
    summary = ohlol.spread_summary(records, "ohlol")
    assert summary["first_hits"] == result["first_hits"]
    assert summary["first_hits"][2] == 5  # the page's seed
    assert all(lo <= med <= hi for lo, med, hi in
               zip(summary["low"], summary["median"], summary["high"], strict=True))


def test_spread_refuses_variant_b():
    with pytest.raises(ValueError, match="'A'"):
        next(ohlol.train_spread(ohlol.OhlolConfig(variant="B"), HELLO, 3))


@pytest.mark.parametrize("cell", ["lstm", "gru"])
def test_replayed_epochs_equal_the_recorded_ones(cell):
    config = ohlol.OhlolConfig(variant="B", cell=cell, lr=0.01, epochs=100, seed=PAGE_SEED)
    records, _ = run_to_end(ohlol.train(config, HELLO))
    assert ohlol.checkpoint_interval(100) == 3
    assert sum("checkpoint" in r for r in records) == 34
    for epoch in (1, 2, 50, 100):
        inspection = ohlol.inspect(config, HELLO, records, epoch)
        recorded = records[epoch - 1]
        assert inspection.loss == pytest.approx(recorded["loss"], abs=1e-6)
        assert inspection.prediction == recorded["prediction"]
        assert np.allclose(inspection.probs.sum(axis=1), 1, atol=1e-6)
        assert inspection.parts["hidden"].shape == (5, 4)
    with pytest.raises(ValueError, match="checkpoint"):
        ohlol.inspect(config, HELLO, records[1:2], 2)


# --- Figures -----------------------------------------------------------------------------

def test_loss_curve_hover_shows_epoch_loss_and_prediction():
    curve = {"name": "RNN", "key": "rnn", "epochs": [1, 2, 3], "losses": [3.0, 2.0, 1.0],
             "predictions": ["lll<b>", "ohl", "ohlol"], "first_hit": 3}
    fig = plots.loss_curves([curve], x_title="Epoch", y_title="Loss", prediction_label="pred")
    line, star = fig.data
    assert list(line.y) == [3.0, 2.0, 1.0] and "pred" in line.hovertemplate
    assert "Epoch" in line.hovertemplate and "Loss" in line.hovertemplate
    assert list(line.customdata)[0] == "lll&lt;b&gt;"  # typed text is not markup
    assert list(star.x) == [3]
    assert fig.layout.xaxis.title.text == "Epoch"


def test_heatmaps_have_one_cell_per_step_and_row():
    inspection = ohlol.inspect(ohlol.OhlolConfig(variant="B", cell="lstm", epochs=3), HELLO,
                               run_to_end(ohlol.train(ohlol.OhlolConfig(variant="B", cell="lstm",
                                                                    epochs=3), HELLO))[0], 2)
    steps = plots.step_labels("hello", "ohlol")
    assert steps[0] == "1: h→o"
    fig = plots.step_heatmap(inspection.probs, steps, list(HELLO.chars), marked=HELLO.targets)
    assert np.asarray(fig.data[0].z).shape == (4, 5)
    order = [p for p in gates.LSTM_PARTS if p != "hidden"]
    fig = plots.gate_heatmaps(inspection.parts, order, {}, steps)
    assert len(fig.data) == len(order) == 5
    assert all(np.asarray(trace.z).shape == (4, 5) for trace in fig.data)
    assert json.loads(fig.to_json())["layout"]["coloraxis"]["cmax"] == 1


def test_seed_figures():
    records, _ = run_to_end(ohlol.train_spread(ohlol.OhlolConfig(seed=0), HELLO, 4))
    summary = ohlol.spread_summary(records, "ohlol")
    fig = plots.seed_band(summary, [0, 1, 2, 3])
    assert len(fig.data) == 4 + 3  # one thin line per seed, the band's two edges, the median
    bars = plots.first_hit_bars(summary["first_hits"], 15, never_label="never")
    assert sum(bars.data[0].y) == 4 and list(bars.data[0].x)[-1] == "never"
    assert plots.shown_char(" ") == "␣" and plots.shown_char("\u0301") == "U+0301"


# --- Requests: what the page trains --------------------------------------------------------

@pytest.mark.parametrize(("kind", "field", "value"), [
    (ohlol.SingleRun, "input_text", ""),
    (ohlol.SingleRun, "target_text", "ohl"),
    (ohlol.SingleRun, "variant", "C"),
    (ohlol.SingleRun, "cell", "transformer"),
    (ohlol.SingleRun, "lr", 0.0),
    (ohlol.SingleRun, "lr", float("nan")),
    (ohlol.SingleRun, "lr", "0.1"),
    (ohlol.SingleRun, "epochs", 0),
    (ohlol.SingleRun, "epochs", 2.5),
    (ohlol.SingleRun, "seed", -1),
    (ohlol.CompareRun, "hidden", 17),
    (ohlol.CompareRun, "epochs", ohlol.MAX_EPOCHS + 1),
    (ohlol.SpreadRun, "seeds", 0),
    (ohlol.SpreadRun, "seeds", ohlol.MAX_SEEDS + 1),
])
def test_a_request_refuses_a_bad_field_and_names_it(kind, field, value):
    extra = {"variant": "B"} if kind is ohlol.SingleRun and field == "cell" else {}
    with pytest.raises(ValueError, match=field):
        kind(**extra, **{field: value})


def test_identical_requests_are_equal_and_hash_equal():
    for make in (lambda: ohlol.SingleRun(variant="B", cell="gru", hidden=6, lr=0.01),
                 lambda: ohlol.CompareRun(input_text="abc", target_text="bca", seed=3),
                 lambda: ohlol.SpreadRun(seeds=7)):
        first, second = make(), make()
        assert first == second and hash(first) == hash(second)
        assert len({first, second}) == 1
    # Variant A has no cell or hidden size: requests differing only there are one run.
    assert ohlol.SingleRun(hidden=7, cell="lstm") == ohlol.SingleRun()
    assert ohlol.SingleRun(lr=1) == ohlol.SingleRun(lr=1.0)
    # Different kinds or settings are different runs.
    assert ohlol.SingleRun(variant="B") != ohlol.SingleRun(variant="B", early_stop=True)
    assert ohlol.CompareRun(lr=0.1, epochs=15) != ohlol.SingleRun(variant="B")
    assert ohlol.SpreadRun(seeds=2) != ohlol.SpreadRun(seeds=3)


def test_requests_start_their_runs_and_count_their_steps():
    single = ohlol.SingleRun(seed=PAGE_SEED)
    records, result = run_to_end(single.start())
    assert single.total_steps == 15 == len(records) and result["first_hit"] == 5
    plain, _ = run_to_end(ohlol.train(ohlol.OhlolConfig(seed=PAGE_SEED), HELLO))
    assert [r["loss"] for r in records] == [r["loss"] for r in plain]
    compare = ohlol.CompareRun(lr=ohlol.FAST_COMPARE_LR, epochs=300, seed=PAGE_SEED)
    records, result = run_to_end(compare.start())
    assert compare.total_steps == 900 and set(result["cells"]) == set(ohlol.CELLS)
    assert all(v["epochs"] == v["first_hit"] + ohlol.COMPARE_MARGIN
               for v in result["cells"].values())
    assert compare.config("lstm") == ohlol.OhlolConfig(
        variant="B", cell="lstm", hidden=4, lr=ohlol.FAST_COMPARE_LR, epochs=300, seed=PAGE_SEED)
    spread = ohlol.SpreadRun(seeds=4, seed=PAGE_SEED)
    records, result = run_to_end(spread.start())
    assert spread.total_steps == 15 and result["seeds"] == spread.seed_list == [28, 29, 30, 31]
    assert spread.settings()["seeds"] == 4


def test_make_request_keeps_only_the_settings_a_mode_uses():
    texts = ("hello", "ohlol")
    settings = dict(variant="B", cell="lstm", hidden=6, lr=0.01, epochs=200, seed=1,
                    seeds=9, early_stop=True)
    assert ohlol.make_request("single", *texts, **settings) == ohlol.SingleRun(
        variant="B", cell="lstm", hidden=6, lr=0.01, epochs=200, seed=1, early_stop=True)
    assert ohlol.make_request("single", *texts, **{**settings, "variant": "A"}) == \
        ohlol.SingleRun(lr=0.01, epochs=200, seed=1)  # no cell, hidden or early stop in A
    assert ohlol.make_request("compare", *texts, **{**settings, "variant": "A"}) == \
        ohlol.CompareRun(hidden=6, lr=0.01, epochs=200, seed=1, early_stop=True)
    assert ohlol.make_request("spread", *texts, **settings) == ohlol.SpreadRun(
        lr=0.01, epochs=200, seed=1, seeds=9)
    with pytest.raises(ValueError, match="mode"):
        ohlol.make_request("sideways", *texts)


def test_recommended_settings_per_mode_and_variant():
    assert ohlol.recommended("single", "A") == ohlol.Recipe(0.1, 15, False)
    assert ohlol.recommended("single", "B") == ohlol.Recipe(1e-3, 4000, False)
    assert ohlol.recommended("compare", "A") == ohlol.Recipe(1e-3, 4000, True)  # always B
    assert ohlol.recommended("spread", "B") == ohlol.Recipe(0.1, 15, False)  # always A
    assert ohlol.effective_variant("single", "B") == "B"


def test_reveal_grows_the_curve_over_the_animation_and_never_shrinks():
    single = ohlol.SingleRun()
    records, _ = run_to_end(single.start())
    counts = [len(ohlol.reveal(single, records, True, t, 3.0)[0]) for t in (0, 1, 2, 2.9, 3, 9)]
    assert counts == sorted(counts) and counts[0] == 1 and counts[1] == 5 and counts[-1] == 15
    assert ohlol.reveal(single, records, True, 3.0, 3.0)[1]
    assert not ohlol.reveal(single, records, False, 3.0, 3.0)[1]  # still training
    assert ohlol.reveal(single, records, True, 0.0, 0)[1]  # no animation: all at once
    assert ohlol.reveal(single, [], True, 0.0, 3.0) == ([], True)
    compare = ohlol.CompareRun(lr=ohlol.FAST_COMPARE_LR, epochs=120, early_stop=False)
    records, _ = run_to_end(compare.start())
    shown, complete = ohlol.reveal(compare, records, True, 0.5, 3.0)
    by_cell = ohlol.records_by_cell(shown)
    assert not complete and all(max(r["epoch"] for r in rows) == 20
                                for rows in by_cell.values())  # the three grow together


# --- What the page's reading guides state (issue 17) ------------------------------------

def test_the_course_learning_rate_is_named_per_variant():
    assert ohlol.spec_lr_note("A", 0.1) == "spec" and ohlol.spec_lr_note("B", 1e-3) == "spec"
    assert ohlol.spec_lr_note("A", 0.01) == "not_spec"


def test_target_probabilities_read_the_marked_cells_of_the_softmax():
    probs = np.array([[0.7, 0.2, 0.1], [0.1, 0.3, 0.6], [0.5, 0.4, 0.1]])
    shown = ohlol.target_probabilities(probs, [0, 2, 1])
    assert shown["steps"] == 3 and shown["right"] == 2  # step 3's target is second best
    assert shown["mean"] == pytest.approx((0.7 + 0.6 + 0.4) / 3)


def test_gate_means_are_the_gates_only():
    parts = {name: np.full((5, 4), value) for name, value in (
        ("input", 0.2), ("forget", 0.9), ("output", 0.5), ("candidate", -0.3), ("cell", 1.5),
        ("hidden", 0.1))}
    assert ohlol.gate_means(parts, "lstm") == pytest.approx(
        {"input": 0.2, "forget": 0.9, "output": 0.5})
    gru = {name: np.full((5, 4), 0.4) for name in gates.PARTS["gru"]}
    assert list(ohlol.gate_means(gru, "gru")) == ["reset", "update"]
    assert ohlol.gate_means({"hidden": np.zeros((5, 4))}, "rnn") == {}
