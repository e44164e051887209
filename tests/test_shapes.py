"""Golden tests for every shape of SPEC 6, read off real torch modules by rnnviz.shapes."""

from __future__ import annotations

import pytest
import torch
from torch import nn

from rnnviz import shapes
from rnnviz.shapes import ShapeConfig


def shapes_of(report: shapes.ShapeReport) -> dict[str, tuple[int, ...]]:
    return {t.name: t.shape for t in report.tensors}


def test_rnn_100_10_parameters():
    report = shapes.inspect(ShapeConfig("RNN", input_size=100, hidden_size=10))
    assert {p.name: p.shape for p in report.parameters} == {
        "weight_ih_l0": (10, 100), "weight_hh_l0": (10, 10),
        "bias_ih_l0": (10,), "bias_hh_l0": (10,)}
    assert report.parameter_count == 10 * 100 + 10 * 10 + 10 + 10


def test_rnn_100_20_one_layer_on_10_3_100():
    report = shapes.inspect(ShapeConfig("RNN", 100, 20, num_layers=1, batch=3, seq_len=10))
    assert shapes_of(report) == {"x": (10, 3, 100), "h0": (1, 3, 20), "out": (10, 3, 20),
                                 "h_n": (1, 3, 20)}


def test_four_layers_change_h_but_not_out():
    report = shapes.inspect(ShapeConfig("RNN", 100, 20, num_layers=4, batch=3, seq_len=10))
    got = shapes_of(report)
    assert got["h0"] == (4, 3, 20) and got["h_n"] == (4, 3, 20)
    assert got["out"] == (10, 3, 20)
    assert report.parameter("weight_ih_l1").shape == (20, 20)  # later layers read hidden


def test_batch_first_swaps_input_and_output_but_not_h():
    report = shapes.inspect(ShapeConfig("RNN", 100, 20, num_layers=2, batch=3, seq_len=10,
                                        batch_first=True))
    got = shapes_of(report)
    assert got["x"] == (3, 10, 100) and got["out"] == (3, 10, 20)
    assert got["h0"] == (2, 3, 20) and got["h_n"] == (2, 3, 20)
    assert report.tensor("out").dims == ("batch", "seq", "hidden")


def test_rnncell_one_step_shapes():
    report = shapes.inspect(ShapeConfig("RNNCell", 100, 20, batch=3, seq_len=10))
    assert shapes_of(report) == {"x_t": (3, 100), "h": (3, 20), "h_t": (3, 20)}
    assert {p.name for p in report.parameters} == {"weight_ih", "weight_hh", "bias_ih",
                                                   "bias_hh"}


def test_bidirectional_doubles_out_and_h_rows():
    report = shapes.inspect(ShapeConfig("RNN", 100, 20, num_layers=3, batch=3, seq_len=10,
                                        bidirectional=True))
    got = shapes_of(report)
    assert got["out"] == (10, 3, 40)
    assert got["h_n"] == (6, 3, 20)  # 2 * num_layers rows
    assert report.parameter("weight_ih_l0_reverse").shape == (20, 100)
    assert report.parameter("weight_ih_l1").shape == (20, 40)  # reads both directions


@pytest.mark.parametrize("cell", shapes.CELL_TYPES)
@pytest.mark.parametrize("bidirectional", [False, True])
def test_parameter_count_formula_matches_torch(cell, bidirectional):
    config = ShapeConfig(cell, 7, 5, num_layers=3, batch=2, seq_len=4,
                         bidirectional=bidirectional)
    module = shapes.build(config)
    assert shapes.expected_parameter_count(config) == sum(p.numel() for p in module.parameters())
    assert shapes.inspect(config).parameter_count == shapes.expected_parameter_count(config)


def test_lstm_has_cell_states_and_four_gate_blocks():
    report = shapes.inspect(ShapeConfig("LSTM", 10, 8, num_layers=2, batch=4, seq_len=5))
    got = shapes_of(report)
    assert got["c0"] == (2, 4, 8) and got["c_n"] == (2, 4, 8)
    assert report.parameter("weight_ih_l0").shape == (32, 10)
    cell = shapes.inspect(ShapeConfig("GRUCell", 10, 8, batch=4))
    assert cell.parameter("weight_hh").shape == (24, 8)
    assert "c" not in shapes_of(cell)
    assert shapes_of(shapes.inspect(ShapeConfig("LSTMCell", 10, 8, batch=4)))["c_t"] == (4, 8)


def test_spec_stacked_cells_equal_chained_layers():
    check = shapes.stacked_cells(100, (30, 20), steps=10, batch=3)
    assert check.state_shapes == ((3, 30), (3, 20))
    assert check.out_shape == (10, 3, 20)
    assert check.max_abs_diff < 1e-6
    assert check.module == "nn.RNN(100, 30) → nn.RNN(30, 20)"


def test_equal_width_stacked_cells_equal_a_two_layer_rnn():
    check = shapes.stacked_cells(100, (20, 20), steps=10, batch=3)
    assert check.module == "nn.RNN(100, 20, num_layers=2)"
    assert check.max_abs_diff < 1e-6


def test_stacked_cells_by_hand_independently():
    """The same equivalence written out with torch only, in the other direction:
    a 2-layer nn.RNN's weights copied into two cells."""
    torch.manual_seed(1)
    layer = nn.RNN(6, 4, num_layers=2)
    cells = [nn.RNNCell(6, 4), nn.RNNCell(4, 4)]
    with torch.no_grad():
        for k, cell in enumerate(cells):
            for part in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
                getattr(cell, part).copy_(getattr(layer, f"{part}_l{k}"))
        x = torch.randn(5, 2, 6)
        out, h_n = layer(x)
        h = [torch.zeros(2, 4), torch.zeros(2, 4)]
        for t in range(5):
            h[0] = cells[0](x[t], h[0])
            h[1] = cells[1](h[0], h[1])
            assert torch.allclose(h[1], out[t], atol=1e-6)
        assert torch.allclose(torch.stack(h), h_n, atol=1e-6)


def test_size_limits_are_checked_before_allocating():
    ok = dict(input_size=100, hidden_size=20, num_layers=1, batch=3, seq_len=10)
    assert shapes.size_problems(ok) == []
    too_big = dict(ok, hidden_size=5000)
    assert [(p.field, p.reason) for p in shapes.size_problems(too_big)] == [
        ("hidden_size", "large")]
    assert shapes.size_problems(dict(ok, batch=0))[0].reason == "small"
    assert shapes.size_problems(dict(ok, seq_len=2.5))[0].reason == "integer"
    heavy = dict(ok, input_size=1024, hidden_size=1024, num_layers=8)
    assert [p.field for p in shapes.size_problems(heavy, "LSTM")] == ["parameters"]
    wide = dict(ok, input_size=1024, batch=64, seq_len=256)
    assert [p.field for p in shapes.size_problems(wide)] == ["elements"]


def test_unknown_cell_names_the_choices():
    with pytest.raises(ValueError, match="LSTMCell"):
        ShapeConfig("Transformer")


def test_code_snippet_runs_and_gives_the_reported_shapes():
    for config in (ShapeConfig("LSTM", 5, 3, num_layers=2, batch=2, seq_len=4,
                               batch_first=True, bidirectional=True),
                   ShapeConfig("GRUCell", 5, 3, batch=2, seq_len=4)):
        scope = {"nn": nn, "torch": torch}
        exec(shapes.code_snippet(config), scope)  # noqa: S102 - our own generated code
        report = shapes_of(shapes.inspect(config))
        if config.is_cell:
            assert tuple(scope["h"].shape) == report["h_t"]
        else:
            assert tuple(scope["out"].shape) == report["out"]
            assert tuple(scope["h_n"].shape) == report["h_n"]


@pytest.mark.parametrize("batch_first", [False, True])
def test_out_slices_equal_the_h_n_rows_they_name(batch_first):
    config = ShapeConfig("GRU", 6, 4, num_layers=2, batch=2, seq_len=5,
                         batch_first=batch_first, bidirectional=True)
    module = shapes.build(config)
    x = torch.randn(2, 5, 6) if batch_first else torch.randn(5, 2, 6)
    with torch.no_grad():
        out, h_n = module(x)
    report = shapes.inspect(config)
    assert [m.h_n_row for m in report.matches] == ["h_n[-2]", "h_n[-1]"]
    for match in report.matches:
        # Evaluate the slice text on an independent run: it must name the equal part.
        part = eval(match.out_slice, {"out": out})  # noqa: S307 - our own generated code
        row = eval(match.h_n_row, {"h_n": h_n})  # noqa: S307
        assert torch.allclose(part, row, atol=1e-6) and match.max_abs_diff < 1e-6
    single = shapes.inspect(ShapeConfig("RNN", 6, 4, batch=2, seq_len=5))
    assert [(m.out_slice, m.h_n_row) for m in single.matches] == [("out[-1]", "h_n[-1]")]


def test_the_global_rng_is_left_alone():
    """Training jobs on other threads seed and draw from torch's global RNG."""
    state = torch.random.get_rng_state()
    shapes.inspect(ShapeConfig("LSTM", 5, 3, num_layers=2, bidirectional=True))
    shapes.stacked_cells(10, (4, 3), steps=3, batch=2)
    assert torch.equal(state, torch.random.get_rng_state())
    bound = 1 / 3 ** 0.5
    module = shapes.build(ShapeConfig("GRU", 5, 3), seed=7)
    values = torch.cat([p.detach().flatten() for p in module.parameters()])
    assert values.abs().max() <= bound and values.std() > 0.2 * bound  # torch's U(-1/√H, 1/√H)
    again = shapes.build(ShapeConfig("GRU", 5, 3), seed=7)
    assert all(torch.equal(a, b) for a, b in zip(module.parameters(), again.parameters(),
                                                 strict=True))
