"""SPEC 8: the hand-written LSTM and GRU against the SPEC tables and torch, weights by gate,
edited tables, the memory lesson, the ohlol handoff and the figures."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch import nn

from rnnviz import gated, gates, ohlol, srn
from rnnviz.plots import gated as plots

LSTM_TABLE = [  # t, i, f, g, o, c_t, h_t
    (0.7310585786, 0.8807970780, 0.7615941560, 0.7310585786, 0.5567699411, 0.3696063529),
    (0.7973165465, 0.9144800799, 0.8786024502, 0.7973165465, 1.2096792916, 0.6670216767),
    (0.9350523938, 0.9750841998, 0.9903972820, 0.9350523938, 2.1056125133, 0.9077273021),
]
GRU_TABLE = [  # r, z, n, h_t
    (0.7310585786, 0.8807970780, 0.7615941560, 0.0907842488),
    (0.7485293720, 0.8900042245, 0.7886893982, 0.1675508669),
    (0.8972974869, 0.9595947319, 0.9732442778, 0.2001051252),
]


def random_weights(cell: str, n_inputs: int, n_hidden: int, rng) -> gated.GatedWeights:
    rows = len(gated.GATES[cell]) * n_hidden
    return gated.GatedWeights.from_torch(
        cell, rng.normal(size=(rows, n_inputs)), 0.7 * rng.normal(size=(rows, n_hidden)),
        rng.normal(size=rows), rng.normal(size=rows))


# --- SPEC 8's tables -----------------------------------------------------------------------

def test_lstm_gives_the_spec_table():
    run = gated.run(gated.spec_weights("lstm"), gated.spec_inputs())
    got = np.stack([run.gates["i"].value, run.gates["f"].value, run.gates["g"].value,
                    run.gates["o"].value, run.c, run.h], axis=-1)  # (T, H, 6)
    for unit in range(2):  # both units stay equal
        np.testing.assert_allclose(got[:, unit], LSTM_TABLE, rtol=0, atol=1e-9)
    # The terms a page substitutes, at t = 2: x-part 0.5·1 + 0.5·1, h-part 0.5·h_1 + 0.5·h_1.
    f = run.gates["f"]
    np.testing.assert_allclose(f.x_part[1], [1.0, 1.0])
    np.testing.assert_allclose(f.h_part[1], [LSTM_TABLE[0][5]] * 2, atol=1e-9)
    np.testing.assert_array_equal(f.b_x, [1, 1])
    np.testing.assert_array_equal(f.b_h, [0, 0])
    np.testing.assert_allclose(f.pre[1], f.x_part[1] + 1 + f.h_part[1])
    np.testing.assert_allclose(run.c_prev[1], [LSTM_TABLE[0][4]] * 2, atol=1e-9)
    np.testing.assert_allclose(run.kept + run.written, run.c)
    np.testing.assert_allclose(run.tanh_c * run.gates["o"].value, run.h)
    step = run.step(1)
    np.testing.assert_array_equal(step["h_prev"], [0, 0])
    np.testing.assert_array_equal(step["c_prev"], [0, 0])
    assert step["c"][0] == pytest.approx(0.5567699411, abs=1e-9)


def test_gru_gives_the_spec_table():
    run = gated.run(gated.spec_weights("gru"), gated.spec_inputs())
    got = np.stack([run.gates["r"].value, run.gates["z"].value, run.gates["n"].value, run.h],
                   axis=-1)
    for unit in range(2):
        np.testing.assert_allclose(got[:, unit], GRU_TABLE, rtol=0, atol=1e-9)
    assert run.c is None and run.c_prev is None
    n, r = run.gates["n"], run.gates["r"]
    # n's h-term goes through the reset gate, bias included: r ⊙ (W_hn h + b_hn).
    np.testing.assert_allclose(n.reset_part, r.value * (n.h_part + n.b_h))
    np.testing.assert_allclose(n.pre, n.x_part + n.b_x + n.reset_part)
    assert all(run.gates[name].reset_part is None for name in "rz")
    np.testing.assert_allclose(run.kept, run.gates["z"].value * run.h_prev)
    np.testing.assert_allclose(run.step(3)["one_minus_z"], 1 - GRU_TABLE[2][1], atol=1e-9)


def test_trace_table_has_one_row_per_step_and_the_spec_values():
    table = gated.trace_table(gated.run(gated.spec_weights("lstm"), gated.spec_inputs()))
    assert list(table["t"]) == [1, 2, 3]
    assert table["c1"].iloc[0] == pytest.approx(0.5567699411, abs=1e-9)
    assert {"x1", "h_prev2", "c_prev1", "i1", "f2", "g1", "o2", "h2"} <= set(table.columns)
    assert "c1" not in gated.trace_table(gated.run(gated.spec_weights("gru"),
                                                   gated.spec_inputs())).columns


@pytest.mark.parametrize("cell", gated.CELLS)
def test_torch_agrees_with_the_spec_example_in_float32(cell):
    rows = gated.agreement_table(gated.spec_weights(cell), gated.spec_inputs())
    layer, single = gated.TORCH_MODULES[cell]
    assert [row["backend"] for row in rows] == [f"nn.{single}", f"nn.{layer}"]
    assert all(row["max_abs"] < 1e-6 for row in rows)
    assert gated.agreement(gated.spec_weights(cell), gated.spec_inputs()) == \
        max(row["max_abs"] for row in rows)
    h, c = gated.run_torch_cell(gated.spec_weights(cell), gated.spec_inputs())
    assert h.dtype == np.float32
    final = LSTM_TABLE[-1][-1] if cell == "lstm" else GRU_TABLE[-1][-1]
    assert h[-1, 0] == pytest.approx(final, abs=1e-6)
    assert (c is None) == (cell == "gru")


# --- the same cell, two ways: by hand and torch -------------------------------------------

@pytest.mark.parametrize("cell", gated.CELLS)
def test_hand_written_cell_matches_torch_on_random_networks(cell):
    rng = np.random.default_rng(0 if cell == "lstm" else 1)
    sizes = [(1, 1), (gated.MAX_SIZE, gated.MAX_SIZE)]
    sizes += [tuple(int(v) for v in rng.integers(1, gated.MAX_SIZE + 1, size=2))
              for _ in range(4)]
    for n_inputs, n_hidden in sizes:
        weights = random_weights(cell, n_inputs, n_hidden, rng)
        xs = rng.normal(size=(int(rng.integers(1, gated.MAX_STEPS + 1)), n_inputs))
        run = gated.run(weights, xs)
        for backend in (gated.run_torch_cell, gated.run_torch_layer):
            h, c = backend(weights, xs, dtype=torch.float64)
            np.testing.assert_allclose(h, run.h, rtol=0, atol=1e-6)
            if cell == "lstm":
                np.testing.assert_allclose(c, run.c, rtol=0, atol=1e-6)
        assert gated.agreement(weights, xs) < 1e-5  # float32
        # A third implementation, rnnviz.gates (used by the ohlol page), gives the same gates.
        module = nn.LSTM(n_inputs, n_hidden) if cell == "lstm" else nn.GRU(n_inputs, n_hidden)
        gated._load(module.double(), weights, suffix="_l0")
        parts = gates.cell_steps(cell, module, torch.tensor(xs))
        names = {"lstm": {"i": "input", "f": "forget", "g": "candidate", "o": "output"},
                 "gru": {"r": "reset", "z": "update", "n": "candidate"}}[cell]
        for gate, part in names.items():
            np.testing.assert_allclose(parts[part].numpy(), run.gates[gate].value, atol=1e-12)


# --- weights by gate <-> torch's stacked rows ----------------------------------------------

@pytest.mark.parametrize("cell", gated.CELLS)
def test_weights_round_trip_through_torch_layouts_and_modules(cell):
    rng = np.random.default_rng(3)
    weights = random_weights(cell, 3, 5, rng)
    stacked = weights.to_torch()
    rows = len(gated.GATES[cell]) * 5
    assert stacked["weight_ih"].shape == (rows, 3) and stacked["bias_hh"].shape == (rows,)
    # Gate k's rows are block k of torch's layout.
    second = gated.GATES[cell][1]
    np.testing.assert_array_equal(stacked["weight_hh"][5:10], weights.gates[second].W_h)
    again = gated.GatedWeights.from_torch(cell, **stacked)
    assert again == weights and hash(again) == hash(weights)
    assert again != weights.with_gate(second, b_x=np.zeros(5))

    layer_cls, cell_cls = (nn.LSTM, nn.LSTMCell) if cell == "lstm" else (nn.GRU, nn.GRUCell)
    for module, suffix in ((layer_cls(3, 5, num_layers=2), "_l0"), (cell_cls(3, 5), "")):
        loaded = gated.GatedWeights.from_module(module)
        assert loaded.cell == cell and (loaded.n_inputs, loaded.n_hidden) == (3, 5)
        np.testing.assert_array_equal(loaded.to_torch()["weight_ih"],
                                      getattr(module, f"weight_ih{suffix}").detach().numpy())
        gated._load(module.double(), weights, suffix)
        assert gated.GatedWeights.from_module(module) == weights
    no_bias = gated.GatedWeights.from_module(cell_cls(2, 2, bias=False))
    assert all(not g.b_x.any() and not g.b_h.any() for g in no_bias.gates.values())


def test_spec_weights_and_bad_names():
    lstm = gated.spec_weights("lstm")
    assert lstm.gate_names == ("i", "f", "g", "o") and (lstm.n_inputs, lstm.n_hidden) == (2, 2)
    assert [float(g.b_x[0]) for g in lstm.gates.values()] == [0, 1, 0, 0]
    assert all((g.W_x == 0.5).all() and (g.W_h == 0.5).all() and not g.b_h.any()
               for g in lstm.gates.values())
    gru = gated.spec_weights("gru")
    assert [float(g.b_x[0]) for g in gru.gates.values()] == [0, 1, 0]
    np.testing.assert_array_equal(gated.spec_inputs(), [[1, 1], [1, 1], [2, 2]])
    with pytest.raises(ValueError, match=r"\['lstm', 'gru'\]"):
        gated.spec_weights("rnn")
    with pytest.raises(ValueError, match="LSTMCell"):
        gated.GatedWeights.from_module(nn.RNN(2, 2))
    with pytest.raises(ValueError, match="proj_size"):
        gated.GatedWeights.from_module(nn.LSTM(2, 4, proj_size=2))
    with pytest.raises(ValueError, match="gates"):
        gated.GatedWeights("gru", dict(lstm.gates))
    with pytest.raises(ValueError, match="W_h"):
        gated.GateWeights(W_x=np.ones((2, 3)), W_h=np.ones((3, 3)), b_x=np.zeros(2),
                          b_h=np.zeros(2))
    with pytest.raises(ValueError, match="expects 2"):
        gated.run(lstm, np.ones((3, 4)))
    with pytest.raises(ValueError, match="one of"):
        lstm.with_gate("z", b_x=np.zeros(2))
    assert lstm.gates["f"].W_x.flags.writeable is False  # shared safely between sessions


# --- edited tables -------------------------------------------------------------------------

def four_tables(weights: gated.GatedWeights) -> dict:
    return {name: {"W_x": g.W_x.tolist(), "W_h": g.W_h.tolist(), "b_x": [g.b_x.tolist()],
                   "b_h": [[v] for v in g.b_h]}  # a bias as a row or as a column
            for name, g in weights.gates.items()}


@pytest.mark.parametrize("cell", gated.CELLS)
def test_tables_parse_back_to_the_weights_in_both_layouts(cell):
    weights = random_weights(cell, 2, 3, np.random.default_rng(4))
    parsed, problems = gated.parse_weights(cell, four_tables(weights), 2, 3)
    assert problems == [] and parsed == weights
    combined = {name: [[str(v) for v in row] for row in gated.gate_table(weights, name)]
                for name in weights.gate_names}
    parsed, problems = gated.parse_weights(cell, combined, 2, 3)
    assert problems == [] and parsed == weights
    assert [m for m, _ in gated.gate_table_columns(2, 3)] == \
        ["W_x", "W_x", "W_h", "W_h", "W_h", "b_x", "b_h"]


def test_bad_cells_are_named_by_gate_matrix_row_and_column():
    tables = four_tables(gated.spec_weights("lstm"))
    tables["f"]["W_h"][1][0] = "abc"
    tables["g"]["b_x"] = [["0", "nan"]]
    tables["o"]["W_x"][0][1] = "inf"
    tables["i"]["W_x"][0][0] = None
    weights, problems = gated.parse_weights("lstm", tables, 2, 2)
    assert weights is None
    found = {(p.gate, p.matrix, p.cell.row, p.cell.column, p.cell.reason) for p in problems}
    assert found == {("f", "W_h", 1, 0, "number"), ("g", "b_x", 0, 1, "nan"),
                     ("o", "W_x", 0, 1, "inf"), ("i", "W_x", 0, 0, "empty")}
    assert {p.reason for p in problems} == {"cell"}


def test_a_bad_cell_in_the_combined_table_names_its_own_matrix():
    combined = {name: gated.gate_table(gated.spec_weights("gru"), name).astype(object)
                for name in "rzn"}
    combined["n"][1, 3] = "x"  # columns: W_x 0-1, W_h 2-3 -> W_h column 1
    combined["z"][0, 5] = "1e9"  # b_h, beyond VALUE_LIMIT
    _, problems = gated.parse_weights("gru", combined, 2, 2)
    found = {(p.gate, p.matrix, p.cell.row, p.cell.column, p.cell.reason) for p in problems}
    assert found == {("n", "W_h", 1, 1, "number"), ("z", "b_h", 0, 0, "range")}


def test_shape_mismatches_are_named():
    tables = four_tables(gated.spec_weights("gru"))
    tables["r"]["W_x"] = [["1", "1", "1"], ["1", "1", "1"]]
    tables["z"]["W_h"] = [["1", "1"], ["1"]]
    del tables["n"]["b_h"]
    _, problems = gated.parse_weights("gru", tables, 2, 2)
    summary = {(p.gate, p.matrix, p.reason, p.expected, p.got) for p in problems}
    assert summary == {("r", "W_x", "shape", (2, 2), (2, 3)), ("z", "W_h", "ragged", None, None),
                       ("n", "b_h", "shape", (1, 2), (0, 0))}
    _, problems = gated.parse_weights("gru", {"r": tables["r"]}, 2, 2)
    assert {(p.gate, p.reason) for p in problems} >= {("z", "shape"), ("n", "shape")}
    with pytest.raises(ValueError, match="n_hidden"):
        gated.parse_weights("gru", tables, 2, gated.MAX_SIZE + 1)
    with pytest.raises(ValueError, match="choose one of"):
        gated.parse_weights("rnn", tables, 2, 2)


def test_input_sequences_are_checked():
    xs, problems = gated.parse_inputs([["1", "1"], ["2", " 3.5 "]], 2)
    assert problems == [] and xs.tolist() == [[1, 1], [2, 3.5]]
    assert gated.parse_inputs([], 2)[1][0].reason == "empty"
    too_long = [["1", "1"]] * (gated.MAX_STEPS + 1)
    assert gated.parse_inputs(too_long, 2)[1][0].reason == "steps"
    problem = gated.parse_inputs([["1", "1", "1"]], 2)[1][0]
    assert (problem.matrix, problem.reason, problem.expected) == ("x", "shape", (1, 2))
    problem = gated.parse_inputs([["1", "-inf"]], 2)[1][0]
    assert (problem.gate, problem.matrix, problem.cell.column, problem.cell.reason) == \
        (None, "x", 1, "inf")


# --- the memory lesson ---------------------------------------------------------------------

def test_the_srn_forgets_the_pulse_geometrically():
    lesson = gated.memory_lesson(steps=100)
    remaining = lesson.remaining["srn"]
    assert remaining[0] == 1.0
    ratios = remaining[1:] / remaining[:-1]
    # tanh's slope is below 1, so each step keeps at most u of what is left: geometric fading.
    assert (ratios <= gated.SRN_WEIGHT + 1e-12).all() and (ratios > 0.5).all()
    assert ratios[-1] == pytest.approx(gated.SRN_WEIGHT, rel=1e-6)
    assert remaining[49] < 1e-4 and remaining[99] < 1e-9


def test_the_lstm_keeps_the_pulse_while_f_stays_near_one_and_loses_it_when_low():
    sigmoid = lambda b: 1 / (1 + np.exp(-b))  # noqa: E731
    for bias in (5.0, 8.0):
        lesson = gated.memory_lesson(steps=200, forget_bias=bias)
        assert lesson.remaining["lstm"][50] > 0.5 and lesson.remaining["gru"][50] > 0.5
        assert lesson.gate["lstm"][1:].min() > 0.99
        # Nothing is written after the pulse, so what is left after k steps is f^k.
        k = np.arange(200)
        np.testing.assert_allclose(lesson.remaining["lstm"], sigmoid(bias) ** k, rtol=1e-9)
        np.testing.assert_allclose(lesson.remaining["gru"], sigmoid(bias) ** k, rtol=1e-9)
    default = gated.memory_lesson()
    assert default.remaining["lstm"][50] > 0.3 > 1e-4 > default.remaining["srn"][50]
    for bias in (0.0, gated.GATE_BIAS_RANGE[0]):
        low = gated.memory_lesson(steps=200, forget_bias=bias)
        assert low.remaining["lstm"][50] < 1e-10
        assert (np.diff(low.remaining["lstm"]) <= 0).all()
        assert (low.remaining["lstm"][1:] > 0).all()  # no underflow to 0 on the log axis
    mixed = gated.memory_lesson(steps=60, forget_bias=8.0, update_bias=0.0)
    assert mixed.remaining["lstm"][-1] > 0.9 > 1e-10 > mixed.remaining["gru"][-1]


def test_gradient_norms_of_the_lesson():
    lesson = gated.memory_lesson(steps=80, forget_bias=4.0)
    for cell in gated.MEMORY_CELLS:
        assert lesson.gradient_norms[cell].shape == (80,)
        assert lesson.gradient_norms[cell][-1] == pytest.approx(1.0)
    # The cell-state path multiplies by f: ‖∂c_T/∂c_t‖ = f^(T−t).
    f = 1 / (1 + np.exp(-4.0))
    np.testing.assert_allclose(lesson.gradient_norms["lstm"], f ** np.arange(79, -1, -1),
                               rtol=1e-9)
    assert lesson.gradient_norms["srn"][0] < 1e-7 < lesson.gradient_norms["lstm"][0]
    # The SRN's norms equal rnnviz.srn's chain of Jacobians for the same one-unit network.
    xs = np.zeros((80, 1))
    xs[0] = gated.PULSE
    weights = srn.SRNWeights(W=np.ones((1, 1)), U=np.full((1, 1), gated.SRN_WEIGHT),
                             b=np.zeros(1), V=np.ones((1, 1)), c=np.zeros(1))
    np.testing.assert_allclose(lesson.gradient_norms["srn"],
                               srn.hidden_gradient_norms(weights, xs, "tanh"), rtol=1e-9)


@pytest.mark.parametrize("cell", gated.CELLS)
def test_gradient_norms_match_autograd_through_the_whole_run(cell):
    rng = np.random.default_rng(5)
    weights = random_weights(cell, 2, 3, rng)
    xs = rng.normal(size=(6, 2))
    norms = gated.gradient_norms(weights, xs)
    module = (nn.LSTM(2, 3) if cell == "lstm" else nn.GRU(2, 3)).double()
    gated._load(module, weights, suffix="_l0")
    run = gated.run(weights, xs)
    x = torch.tensor(xs)
    for t in range(1, 7):  # ∂s_6/∂s_t with rnnviz.gates' own loop from step t on
        k = t - 1
        if cell == "lstm":
            o_t = torch.tensor(run.gates["o"].value[k])

            def last(c, k=k, o_t=o_t):
                if k == 5:
                    return c
                return gates.lstm_steps(module, x[k + 1:], h0=o_t * torch.tanh(c), c0=c)["cell"][-1]
            start = torch.tensor(run.c[k])
        else:
            def last(h, k=k):
                return h if k == 5 else gates.gru_steps(module, x[k + 1:], h0=h)["hidden"][-1]
            start = torch.tensor(run.h[k])
        jacobian = torch.autograd.functional.jacobian(last, start)
        expected = float(torch.linalg.matrix_norm(jacobian, ord=2))
        assert norms[k] == pytest.approx(expected, rel=1e-9, abs=1e-12)


def test_memory_lesson_rejects_bad_settings():
    with pytest.raises(ValueError, match="steps"):
        gated.memory_lesson(steps=gated.MAX_MEMORY_STEPS + 1)
    with pytest.raises(ValueError, match="forget_bias"):
        gated.memory_lesson(forget_bias=9.0)
    with pytest.raises(ValueError, match="update_bias"):
        gated.memory_lesson(update_bias=float("nan"))
    with pytest.raises(ValueError, match="srn_weight"):
        gated.memory_lesson(srn_weight=1.5)


# --- the trained ohlol network ---------------------------------------------------------------

def trained_model(cell: str, hidden: int, epochs: int, data: ohlol.Data):
    config = ohlol.OhlolConfig(variant="B", cell=cell, hidden=hidden, lr=0.01,
                               epochs=max(epochs, 1))  # 0: the untrained model
    trainer = ohlol.Trainer(config, data)
    for _ in range(epochs):
        trainer.epoch()
    return trainer.model


@pytest.mark.parametrize("cell, hidden, epochs", [("lstm", 4, 300), ("gru", 4, 300),
                                                  ("lstm", 12, 0), ("gru", 6, 0)])
def test_a_trained_ohlol_model_hands_over_its_cell(cell, hidden, epochs):
    torch.set_num_threads(1)
    data = ohlol.Data("hello", "ohlol")
    model = trained_model(cell, hidden, epochs, data)
    handoff = gated.from_ohlol(model, data.inputs, data.chars)
    assert handoff.labels == tuple("hello") and handoff.vocabulary == data.chars
    assert handoff.inputs.shape == (5, ohlol.EMBEDDING_SIZE)
    assert handoff.weights.cell == cell and handoff.weights.n_hidden == hidden
    assert handoff.identity_readout == (hidden == data.vocab_size)
    run = handoff.run()
    with torch.no_grad():
        logits, _ = model(data.x(), model.init_hidden(1))  # (1, T, V)
    np.testing.assert_allclose(handoff.logits(run), logits[0].numpy(), atol=1e-5)
    expected = data.decode(logits[0].argmax(dim=-1).tolist())
    assert handoff.predictions(run)[0] == expected[0]
    assert "".join(handoff.predictions(run)) == expected
    np.testing.assert_allclose(handoff.probabilities(run).sum(axis=1), 1.0)
    if epochs:
        assert "".join(handoff.predictions(run)) == "ohlol"
    shown = run.first_units()
    assert shown.n_hidden == min(hidden, gated.MAX_SIZE) and shown.n_inputs == gated.MAX_SIZE
    assert shown.truncated and shown.total_units == (ohlol.EMBEDDING_SIZE, hidden)
    np.testing.assert_array_equal(shown.h, run.h[:, :gated.MAX_SIZE])
    assert handoff.weights.first_units().n_hidden == shown.n_hidden
    again = gated.from_ohlol(model, data.inputs, data.chars)  # equal content: one cache key
    assert again == handoff and hash(again) == hash(handoff)
    assert again.predicted() == handoff.predictions(run)
    assert gated.from_ohlol(model, data.inputs[::-1], data.chars) != handoff


def test_the_handoff_refuses_other_models():
    data = ohlol.Data("hello", "ohlol")
    rnn = ohlol.build_model(ohlol.OhlolConfig(variant="B", cell="rnn"), data.vocab_size)
    with pytest.raises(ValueError, match="lstm"):
        gated.from_ohlol(rnn, data.inputs, data.chars)
    one_hot = ohlol.build_model(ohlol.OhlolConfig(variant="A"), data.vocab_size)
    with pytest.raises(ValueError, match="variant-B"):
        gated.from_ohlol(one_hot, data.inputs, data.chars)
    lstm = ohlol.build_model(ohlol.OhlolConfig(variant="B", cell="lstm"), data.vocab_size)
    with pytest.raises(ValueError, match="indices"):
        gated.from_ohlol(lstm, [0, 9], data.chars)


# --- figures -------------------------------------------------------------------------------

def figure_text(fig) -> str:
    """Every string a reader can see or hover over."""
    parts = [a.text or "" for a in fig.layout.annotations]
    for trace in fig.data:
        for name in ("text", "hovertext"):
            value = getattr(trace, name, None)
            if value is not None:
                parts += [value] if isinstance(value, str) else list(value)
    return "\n".join(parts)


def test_lstm_diagram_shows_the_step_values():
    run = gated.run(gated.spec_weights("lstm"), gated.spec_inputs())
    fig = plots.cell_diagram(run, 1, plots.DiagramLabels(title="LSTM", gate_titles={"f": "forget"}))
    text = figure_text(fig)
    assert "0.5567699411" in text  # c_1, full precision in the hover
    assert "0.55677" in text  # and rounded on the diagram
    for value in LSTM_TABLE[0]:
        assert f"{value:.10g}" in text
    assert "forget" in text and "c<sub>0</sub>" in text and "x<sub>1</sub>" in text
    assert fig.layout.title.text == "LSTM"
    kinds = [shape.type for shape in fig.layout.shapes]
    assert kinds.count("circle") == 4  # f ⊙ c, +, i ⊙ g, o ⊙ tanh(c)
    assert kinds.count("rect") == 5  # four gates and tanh(c_t)
    hover = fig.data[-1]
    assert hover.hovertemplate.startswith("%{hovertext}")
    assert any("W<sub>if</sub>" in h and "b<sub>hf</sub>" in h for h in hover.hovertext)


def test_gru_diagram_shows_the_reset_term_and_large_cells_fit():
    run = gated.run(gated.spec_weights("gru"), gated.spec_inputs())
    fig = plots.cell_diagram(run, 3)
    text = figure_text(fig)
    assert "0.2001051252" in text and "0.9732442778" in text
    assert "r ⊙ (W<sub>hn</sub>" in text
    assert [shape.type for shape in fig.layout.shapes].count("circle") == 4  # ⊙ z, +, 1−, ⊙ n
    with pytest.raises(ValueError, match="t must be"):
        plots.cell_diagram(run, 4)
    rng = np.random.default_rng(6)
    big = gated.run(random_weights("lstm", 8, 8, rng), rng.normal(size=(4, 8)))
    tall = plots.cell_diagram(big, 2)
    assert tall.layout.height > fig.layout.height
    f_box = next(a.text for a in tall.layout.annotations if a.text.startswith("<b>f</b>"))
    assert f_box.count("<br>") == 8  # the header, then one line per unit


def test_unrolled_figure_has_a_column_per_step_and_stays_short_at_30_steps():
    run = gated.run(gated.spec_weights("lstm"), gated.spec_inputs())
    fig = plots.unrolled(run, 2, x_title="time step")
    by_name = {trace.name: trace for trace in fig.data}
    assert list(by_name["h"].x) == [0, 1, 2, 3] and list(by_name["c"].x) == [0, 1, 2, 3]
    assert list(by_name["x"].x) == [1, 2, 3]
    assert by_name["c"].text[1] == "0.55677<br>0.55677"
    assert "0.5567699411" in by_name["c"].hovertext[1]
    assert list(by_name["t"].x) == [2] and fig.layout.xaxis.title.text == "time step"
    assert "c" not in {t.name for t in plots.unrolled(
        gated.run(gated.spec_weights("gru"), gated.spec_inputs()), 1).data}

    rng = np.random.default_rng(7)
    long = gated.run(gated.spec_weights("gru"), rng.normal(size=(gated.MAX_STEPS, 2)) * 3)
    fig = plots.unrolled(long, 30, step_labels=[f"{k}: a" for k in range(1, 31)],
                         outputs=list("abcdefghijklmnopqrstuvwxyzabcd"), output_name="ŷ")
    by_name = {trace.name: trace for trace in fig.data}
    values = [v for text in by_name["h"].text + by_name["x"].text for v in text.split("<br>")]
    assert max(len(v) for v in values) <= 5  # fits a narrow column
    assert by_name["ŷ"].text[0] == "a" and fig.layout.xaxis.ticktext[1] == "1: a"
    assert by_name["h"].textfont.size < 12
    with pytest.raises(ValueError, match="outputs"):
        plots.unrolled(long, 1, outputs=["a"])
    typed = plots.unrolled(gated.run(gated.spec_weights("gru"), gated.spec_inputs()), 1,
                           outputs=["<", " ", "b"])
    assert list(typed.data[-2].text) == ["&lt;", "␣", "b"]  # escaped, whitespace visible


def test_memory_and_gradient_figures():
    lesson = gated.memory_lesson(steps=60)
    names = {"srn": "SRN", "lstm": "LSTM (c)", "gru": "GRU (h)"}
    fig = plots.memory_figure(lesson, names=names, title="memory", x_title="step t",
                              y_title="share of the pulse left")
    assert [t.name for t in fig.data] == ["SRN", "LSTM (c)", "GRU (h)"]
    assert fig.layout.yaxis.type == "log"
    assert fig.layout.xaxis.title.text == "step t"
    assert fig.layout.yaxis.title.text == "share of the pulse left"
    assert fig.layout.legend.y > 1  # above the plot, not on the data
    assert "%{y:.10g}" in fig.data[0].hovertemplate and "f = " in fig.data[1].hovertemplate
    np.testing.assert_allclose(np.array(fig.data[0].y, dtype=float), lesson.remaining["srn"])
    fig = plots.gradient_figure(lesson, x_title="t", y_title="gradient norm")
    assert fig.layout.yaxis.type == "log" and len(fig.data) == 3
    assert "LSTM ‖∂c_T/∂c_t‖" in [t.name for t in fig.data]
    np.testing.assert_allclose(np.array(fig.data[1].y, dtype=float),
                               lesson.gradient_norms["lstm"])


def test_step_equations_substitute_the_numbers():
    weights = gated.spec_weights("gru")
    run = gated.run(weights, gated.spec_inputs())
    n = plots.gate_latex(run, weights, 2, "n")
    assert n.startswith(r"\begin{aligned} n_{2} &= \tanh\left(W_{in} x_{2} + b_{in} + r_{2}")
    assert r"\begin{bmatrix}0.748529 \\ 0.748529\end{bmatrix} \odot" in n  # r_2
    assert n.endswith(r"\begin{bmatrix}0.788689 \\ 0.788689\end{bmatrix} \end{aligned}")
    (h,) = plots.state_latex(run, 3)
    assert h.startswith(r"\begin{aligned} h_{3} &= (1 - z_{3}) \odot n_{3} + z_{3} \odot h_{2}")
    assert "0.200105" in h  # one '=' per line: two units' numbers are wider than the page
    lstm = gated.spec_weights("lstm")
    run = gated.run(lstm, gated.spec_inputs())
    f = plots.gate_latex(run, lstm, 1, "f")
    assert r"\sigma\left(\begin{bmatrix}2 \\ 2\end{bmatrix}\right)" in f and "0.880797" in f
    c, h = plots.state_latex(run, 1)
    assert c.endswith(r"= \begin{bmatrix}0.55677 \\ 0.55677\end{bmatrix}")
    assert r"o_{1} \odot \tanh(c_{1})" in h and "0.369606" in h
    # A cell cut for display keeps its exact terms but not the products that need every input.
    big = random_weights("lstm", 10, 12, np.random.default_rng(8))
    shown = gated.run(big, np.ones((2, 10))).first_units()
    text = plots.gate_latex(shown, big.first_units(), 2, "i")
    assert r"W_{ii} x_{2}" in text and " & " not in text  # no matrix, only columns
    with pytest.raises(ValueError, match="inputs, hidden"):
        plots.gate_latex(shown, big, 2, "i")
    gates_latex, state = plots.step_latex(run, lstm, 1)
    assert gates_latex == tuple(plots.gate_latex(run, lstm, 1, g) for g in "ifgo")
    assert state == (c, h)


# --- what a page shows and keeps in a link --------------------------------------------------

def test_tables_as_text_round_trip_and_resize():
    for cell in gated.CELLS:
        texts = {name: gated.example_table(name, 2, 2) for name in gated.TABLES}
        weights, xs = gated.network_from_text(cell, texts, 2, 2)
        assert weights == gated.spec_weights(cell) and (xs == gated.spec_inputs()).all()
        assert gated.gate_texts(weights) == {g: texts[g] for g in gated.GATES[cell]}
    assert gated.example_table("f", 2, 2) == "0.5,0.5,0.5,0.5,1,0;0.5,0.5,0.5,0.5,1,0"
    assert gated.text_shape("1,2,3;4,5,6") == (2, 3) and gated.text_shape("") == (0, 0)
    assert gated.canonical_table("1.0,2;3,4.50", "x", 2, 2) == "1,2;3,4.5"
    for raw, name in (("1,x;1,1", "x"), ("1,2,3", "x"), ("1,nan", "x"), ("1,1e9", "x"),
                      ("0.5,0.5,0.5,0.5,1,0", "f"), (";".join(["1,1"] * 31), "x")):
        with pytest.raises(ValueError):
            gated.canonical_table(raw, name, 2, 2)
    edited = "1,2,3,4,5,6;7,8,9,10,11,12"  # W_x | W_h | b_x | b_h of two units, two inputs
    grown = gated.resized_table(edited, "i", 3, 3)  # one more input and one more unit
    assert grown.split(";")[0] == "1,2,0.5,3,4,0.5,5,6" and gated.text_shape(grown) == (3, 8)
    assert gated.resized_table(grown, "i", 2, 2) == edited
    assert gated.resized_table("1,2;3,4;5,6", "x", 1, 2) == "1;3;5"
    assert gated.resized_table("1;3", "x", 2, 2) == "1,1;3,1"


def test_shown_tables_and_numbers():
    lstm = gated.spec_weights("lstm")
    assert gated.gate_column_labels("f", 2, 2) == ["W_if·x1", "W_if·x2", "W_hf·h1", "W_hf·h2",
                                                   "b_if", "b_hf"]
    frame = gated.gate_frame(lstm, "f")
    assert list(frame.index) == ["h1", "h2"] and frame.loc["h1", "b_if"] == 1.0
    editor = gated.table_frame("f", gated.example_table("f", 2, 2), 2, 2)
    assert editor.loc["h2", "b_if"] == "1" and list(editor.columns) == list(frame.columns)
    assert list(gated.table_frame("x", "1,1;2,2", 2, 2).columns) == ["x1", "x2"]
    run = gated.shown_run(lstm, gated.spec_inputs())
    names = {k: k for k in ("x", "h_prev", "c_prev", "c", "h")}
    step = gated.step_frame(run, 3, names)
    assert list(step.index) == ["x", "h_prev", "c_prev", "c", "h"]
    assert list(step.loc["c"]) == ["2.1056125133"] * 2 and list(step.loc["x"]) == ["2", "2"]
    assert gated.gate_summary(run, 1).startswith("i = [0.731059, 0.731059], f = [0.880797")
    assert gated.short_vector(np.array([0.123456, 2.0])) == "[0.1235, 2]"
    rows = [{"backend": "nn.LSTMCell", "max_abs": 1.5e-8, "max_rel": 2e-9}]
    shown = gated.agreement_frame(rows, ["module", "abs", "rel"])
    assert shown.values.tolist() == [["nn.LSTMCell", "1.50e-08", "2.00e-09"]]
    numbers = gated.memory_lesson(steps=51).numbers()
    assert numbers["memory"]["k"] == "50" and numbers["memory"]["lstm"].startswith("0.4")
    assert numbers["gradient"]["steps"] == "51" and set(numbers["gradient"]) == {
        "steps", "srn", "lstm"}
