"""The bidirectional RNN by hand against nn.RNN(bidirectional=True) with the same weights."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch import nn

from rnnviz import bidirectional as bi


@pytest.mark.parametrize(("kind", "text", "hidden", "layers"), [
    ("numbers", "0.5, -1, 2, 0, 1.5", 3, 1),
    ("characters", "hello", 4, 1),
    ("numbers", "1 2 3", 2, 2),
    ("characters", "abcab", 5, 3),
])
def test_by_hand_equals_torch_to_1e6(kind, text, hidden, layers):
    sequence, problems = bi.parse(kind, text)
    assert not problems
    rnn = bi.make_rnn(sequence.input_size, hidden, layers, seed=4)
    hand, theirs = bi.by_hand(rnn, sequence.xs), bi.by_torch(rnn, sequence.xs)
    assert bi.largest_difference(hand, theirs) < 1e-6
    assert theirs.out.shape == (sequence.steps, 1, 2 * hidden)
    assert theirs.h_n.shape == (2 * layers, 1, hidden)
    assert bi.shapes(sequence.steps, sequence.input_size, hidden, layers) == {
        "x": (sequence.steps, 1, sequence.input_size), "out": theirs.out.shape,
        "h_n": theirs.h_n.shape}


@pytest.mark.parametrize("cell", ["gru", "lstm"])
@pytest.mark.parametrize(("kind", "text", "hidden", "layers"), [
    ("numbers", "0.5, -1, 2, 0, 1.5", 3, 1),
    ("characters", "hello", 4, 2),
    ("numbers", "3 -2 9.5 0 -10 1 2 3 4 5 6 7", 8, 3),
])
def test_gated_cells_by_hand_equal_torch_to_1e6(cell, kind, text, hidden, layers):
    """Each direction's GRU / LSTM stepped in NumPy against nn.GRU / nn.LSTM(bidirectional)."""
    sequence, _ = bi.parse(kind, text)
    module = bi.make_rnn(sequence.input_size, hidden, layers, seed=7, cell=cell)
    assert isinstance(module, nn.GRU if cell == "gru" else nn.LSTM) and module.bidirectional
    hand, theirs = bi.by_hand(module, sequence.xs), bi.by_torch(module, sequence.xs)
    assert bi.largest_difference(hand, theirs) < 1e-6
    np.testing.assert_allclose(hand.out, theirs.out[:, 0], atol=1e-6)
    np.testing.assert_allclose(hand.h_n, theirs.h_n[:, 0], atol=1e-6)
    assert theirs.out.shape == (sequence.steps, 1, 2 * hidden)
    assert theirs.h_n.shape == (2 * layers, 1, hidden)
    if cell == "lstm":
        assert theirs.c_n.shape == hand.c_n[:, None].shape == (2 * layers, 1, hidden)
        np.testing.assert_allclose(hand.c_n, theirs.c_n[:, 0], atol=1e-6)
        assert bi.shapes(sequence.steps, sequence.input_size, hidden, layers, cell)["c_n"] == \
            theirs.c_n.shape
        # h = o ⊙ tanh(c): the cell state is not the output, and is not bounded by 1.
        assert not np.allclose(hand.c_n, hand.h_n)
    else:
        assert hand.c_n is None and theirs.c_n is None
    # The difference check sees every part: a wrong c_n alone is caught.
    if cell == "lstm":
        hand.c_n[0, 0] += 1e-3
        assert bi.largest_difference(hand, theirs) > 1e-4


@pytest.mark.parametrize("cell", ["gru", "lstm"])
def test_gated_float32_modules_built_the_usual_way_agree_too(cell):
    sequence, _ = bi.parse("characters", "abcab")
    mine = bi.make_rnn(sequence.input_size, 3, 2, seed=5, cell=cell)
    plain = (nn.GRU if cell == "gru" else nn.LSTM)(sequence.input_size, 3, num_layers=2,
                                                   bidirectional=True)
    with torch.no_grad():
        for a, b in zip(mine.parameters(), plain.parameters(), strict=True):
            b.copy_(a)
        out, final = plain(torch.tensor(sequence.xs, dtype=torch.float32)[:, None])
    hand = bi.by_hand(mine, sequence.xs)
    np.testing.assert_allclose(out[:, 0].numpy(), hand.out, atol=1e-6)
    h_n = final[0] if cell == "lstm" else final
    np.testing.assert_allclose(h_n[:, 0].numpy(), hand.h_n, atol=1e-6)
    if cell == "lstm":
        np.testing.assert_allclose(final[1][:, 0].numpy(), hand.c_n, atol=1e-6)


def test_a_bad_cell_names_the_choices():
    with pytest.raises(ValueError, match="rnn.*gru.*lstm"):
        bi.make_rnn(1, 3, cell="transformer")


def test_layer_names_count_from_one_and_keep_torchs_name():
    assert [bi.layer_name(i) for i in range(3)] == [(1, "l0"), (2, "l1"), (3, "l2")]


def test_float32_module_built_the_usual_way_agrees_too():
    """Against a plain float32 nn.RNN given the same weights, to float32 precision."""
    sequence, _ = bi.parse("numbers", "1 -2 0.5 3")
    rnn = bi.make_rnn(1, 3, seed=2)
    plain = nn.RNN(1, 3, bidirectional=True)
    with torch.no_grad():
        for mine, theirs in zip(rnn.parameters(), plain.parameters(), strict=True):
            theirs.copy_(mine)
        out, h_n = plain(torch.tensor(sequence.xs, dtype=torch.float32)[:, None])
    hand = bi.by_hand(rnn, sequence.xs)
    np.testing.assert_allclose(out[:, 0].numpy(), hand.out, atol=1e-6)
    np.testing.assert_allclose(h_n[:, 0].numpy(), hand.h_n, atol=1e-6)


def test_the_backward_direction_reads_from_the_end():
    """Its state at step 1 depends on every later input; the forward state at step 1 does not."""
    rnn = bi.make_rnn(1, 3, seed=0)
    a = bi.by_hand(rnn, np.array([[1.0], [2.0], [3.0]]))
    b = bi.by_hand(rnn, np.array([[1.0], [2.0], [-3.0]]))
    np.testing.assert_allclose(a.forward[0][0], b.forward[0][0])
    assert np.abs(a.backward[0][0] - b.backward[0][0]).max() > 1e-3
    np.testing.assert_allclose(a.backward[0][2], a.out[2, 3:])


def test_slices_of_out_equal_rows_of_h_n():
    sequence, _ = bi.parse("characters", "rnn")
    for layers in (1, 2):
        rnn = bi.make_rnn(sequence.input_size, 4, layers, seed=1)
        matches = bi.slice_matches(bi.by_torch(rnn, sequence.xs), layers, 4)
        assert [(m.out_index, m.row, m.direction, m.step) for m in matches] == [
            ("out[-1, :, :4]", 2 * layers - 2, "forward", 3),
            ("out[0, :, 4:]", 2 * layers - 1, "backward", 1)]
        assert all(m.difference == 0 for m in matches)
    assert bi.h_n_rows(2) == [(0, 0, "forward"), (1, 0, "backward"), (2, 1, "forward"),
                              (3, 1, "backward")]


def test_weights_are_torch_default_from_the_seed():
    a, b = bi.make_rnn(2, 3, seed=9), bi.make_rnn(2, 3, seed=9)
    assert all(torch.equal(x, y) for x, y in zip(a.parameters(), b.parameters(), strict=True))
    bound = 1 / np.sqrt(3)
    assert all(p.abs().max() <= bound for p in a.parameters())
    assert not torch.equal(a.weight_hh_l0, bi.make_rnn(2, 3, seed=10).weight_hh_l0)


@pytest.mark.parametrize(("kind", "text", "reason", "raw"), [
    ("numbers", "1, x, 3", "number", "x"), ("numbers", "", "empty", ""),
    ("numbers", "1 nan", "nan", "nan"), ("numbers", "1 99", "range", "99"),
    ("numbers", " ".join("1" * 13), "too_long", "13"), ("characters", "", "empty", ""),
    ("characters", "abcdefghijklm", "too_long", "13"),
])
def test_bad_sequences_name_the_entry(kind, text, reason, raw):
    sequence, problems = bi.parse(kind, text)
    assert sequence is None and problems[0].reason == reason and problems[0].raw == raw


def test_characters_are_one_hot_over_the_sorted_vocabulary():
    sequence, _ = bi.parse("characters", "hello")
    assert sequence.vocabulary == ("e", "h", "l", "o")
    assert sequence.xs.shape == (5, 4) and sequence.xs[0].tolist() == [0, 1, 0, 0]


@pytest.mark.parametrize("text", ["0.5, -1, 2", "0.5 -1 2", "0.5，-1，2", "0.5、-1、2",
                                  "0.5; -1；2", " 0.5 ,, -1 , 2 "])
def test_numbers_accept_ascii_and_chinese_separators(text):
    sequence, problems = bi.parse("numbers", text)
    assert not problems
    assert sequence.xs[:, 0].tolist() == [0.5, -1.0, 2.0]
