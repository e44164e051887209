"""Attention (SPEC 10): the same numbers by hand and by the module, data, requests, training."""

from __future__ import annotations

import dataclasses

import numpy as np
import plotly.graph_objects as go
import pytest
import torch

from rnnviz import attention as att
from rnnviz.jobs import run_to_end
from rnnviz.plots import attention as plots

SYMBOLS = att.Vocabulary.from_texts(["hello", "hola", "cat", "gato"]).symbols


@pytest.fixture(autouse=True, scope="module")
def one_thread():
    """Train as a page job does: one intra-op thread (small ops on a shared machine)."""
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def small_model(**changes) -> att.AttentionSeq2Seq:
    return att.AttentionSeq2Seq(att.ModelConfig(**{"symbols": SYMBOLS, "hidden": 8,
                                                   "seed": 5, **changes}))


# --- The model computed by hand --------------------------------------------------------------

def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def cell_step(p, prefix, kind, x, h):
    """One RNN or GRU step from torch's weights (gates stacked r, z, n)."""
    gi = p[f"{prefix}weight_ih"] @ x + p[f"{prefix}bias_ih"]
    gh = p[f"{prefix}weight_hh"] @ h + p[f"{prefix}bias_hh"]
    if kind == "rnn":
        return np.tanh(gi + gh)
    H = h.shape[0]
    r = sigmoid(gi[:H] + gh[:H])
    z = sigmoid(gi[H:2 * H] + gh[H:2 * H])
    n = np.tanh(gi[2 * H:] + r * gh[2 * H:])
    return (1 - z) * n + z * h


def encoder_layer(p, suffix, kind, xs, H):
    """One direction of the encoder; torch names the weights weight_ih_l0{suffix}."""
    q = {f"{name}": p[f"encoder.{name}_l0{suffix}"]
         for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")}
    h, states = np.zeros(H), []
    for x in xs:
        h = cell_step(q, "", kind, x, h)
        states.append(h)
    return np.stack(states)


def by_hand(model: att.AttentionSeq2Seq, text: str, fed: list[int]):
    """α, context, probabilities per step, fed `fed` (START then the written symbols)."""
    config = model.config
    p = {name: t.detach().double().numpy() for name, t in model.state_dict().items()}
    V, H = config.n_symbols, config.hidden
    xs = np.eye(V)[model.vocabulary.encode(text) + [att.END_INDEX]]
    states = encoder_layer(p, "", config.cell, xs, H)  # (T, H)
    s = states[-1]
    if config.bidirectional:
        backward = encoder_layer(p, "_reverse", config.cell, xs[::-1], H)[::-1]
        s = np.tanh(p["bridge.weight"] @ np.concatenate([states[-1], backward[0]])
                    + p["bridge.bias"])
        states = np.concatenate([states, backward], axis=1)  # (T, 2H)
    decoder = {name: p[f"decoder.{name}"] for name in
               ("weight_ih", "weight_hh", "bias_ih", "bias_hh")}
    alphas, contexts, probs = [], [], []
    for symbol in fed:
        x = np.eye(V)[symbol]
        if config.attention:
            if config.score == "additive":
                keys = states @ p["key.weight"].T  # (T, A)
                scores = np.tanh(p["query.weight"] @ s + keys) @ p["energy.weight"][0]
            else:
                keys = states @ p["key.weight"].T if config.bidirectional else states
                scores = keys @ s
            alpha = np.exp(scores - scores.max())
            alpha /= alpha.sum()
            context = alpha @ states
            s = cell_step(decoder, "", config.cell, np.concatenate([x, context]), s)
            logits = p["out.weight"] @ np.concatenate([s, context]) + p["out.bias"]
            alphas.append(alpha)
            contexts.append(context)
        else:
            s = cell_step(decoder, "", config.cell, x, s)
            logits = p["out.weight"] @ s + p["out.bias"]
        e = np.exp(logits - logits.max())
        probs.append(e / e.sum())
    if not config.attention:
        return None, None, np.stack(probs)
    return np.stack(alphas), np.stack(contexts), np.stack(probs)


@pytest.mark.parametrize("cell", att.CELLS)
@pytest.mark.parametrize("bidirectional", [False, True])
@pytest.mark.parametrize("score", att.SCORES)
def test_attention_by_hand_equals_the_module(score, bidirectional, cell):
    model = small_model(score=score, bidirectional=bidirectional, cell=cell)
    translation = att.translate(model, "hello", max_steps=7)
    written = [model.vocabulary.index(s) for s in translation.output_symbols]
    fed = [att.START_INDEX] + written[:-1]
    alphas, contexts, probs = by_hand(model, "hello", fed)
    assert translation.attention.shape == (len(written), 6)
    np.testing.assert_allclose(translation.attention, alphas, atol=1e-6)
    np.testing.assert_allclose(translation.contexts, contexts, atol=1e-6)
    np.testing.assert_allclose(translation.probs, probs, atol=1e-6)
    np.testing.assert_allclose(translation.attention.sum(axis=1), 1.0, atol=1e-6)
    assert translation.contexts.shape[1] == 8 * (2 if bidirectional else 1)


@pytest.mark.parametrize("cell", att.CELLS)
def test_plain_model_by_hand_equals_the_module(cell):
    model = small_model(attention=False, cell=cell, bidirectional=True)
    translation = att.translate(model, "cat", max_steps=5)
    written = [model.vocabulary.index(s) for s in translation.output_symbols]
    _, _, probs = by_hand(model, "cat", [att.START_INDEX] + written[:-1])
    np.testing.assert_allclose(translation.probs, probs, atol=1e-6)
    assert translation.attention is None and translation.contexts is None


def test_a_padded_batch_gives_each_word_its_own_numbers():
    """Padding is never read: in a batch, the short word's α equals its α alone, with zero
    weight on the padding columns; teacher forcing there equals greedy fed the same."""
    model = small_model(score="additive", bidirectional=True)
    batch = att.make_batch(model.vocabulary, ["cat", "hello"], ["gato", "hola"])
    with torch.no_grad():
        logits, weights = model(batch.source, batch.lengths, batch.decoder_input)
    fed = batch.decoder_input[0, :5].tolist()
    alphas, _, probs = by_hand(model, "cat", fed)
    np.testing.assert_allclose(weights[0, :, :4].numpy(), alphas, atol=1e-6)
    assert torch.all(weights[0, :, 4:] == 0)
    np.testing.assert_allclose(torch.softmax(logits[0], -1).numpy(), probs, atol=1e-6)
    np.testing.assert_allclose(weights.sum(-1).numpy(), 1.0, atol=1e-6)


def test_initialisation_comes_from_the_seed_not_the_global_rng():
    torch.manual_seed(1)
    a = small_model()
    torch.manual_seed(2)
    b = small_model()
    for (name, x), y in zip(a.state_dict().items(), b.state_dict().values(), strict=True):
        assert torch.equal(x, y), name
    c = small_model(seed=6)
    assert not torch.equal(a.decoder.weight_hh, c.decoder.weight_hh)


def test_bad_model_options_name_the_valid_choices():
    with pytest.raises(ValueError, match=r"cell .*'rnn', 'gru'"):
        small_model(cell="lstm")
    with pytest.raises(ValueError, match=r"score .*'additive', 'dot'"):
        small_model(score="general")
    with pytest.raises(ValueError, match="hidden"):
        small_model(hidden=0)


# --- Words, texts and translation -------------------------------------------------------------

def test_vocabulary_is_built_from_the_pairs_characters():
    pairs = att.WordPairs((("nǐ hǎo", "你好"), ("xièxie", "谢谢")))
    symbols = pairs.vocabulary.symbols
    assert symbols[:3] == att.SPECIALS
    assert set(symbols[3:]) == set("nǐ hǎoxièxie你好谢谢")
    assert att.WordPairs().vocabulary.characters == tuple(sorted(set("hellocatgoodholagatobueno")))


@pytest.mark.parametrize(("pairs", "row", "column", "reason"), [
    ((("cat", ""),), 0, "target", "empty"),
    ((("cat", "gato"), ("  ", "x")), 1, "word", "empty"),
    ((("cat", "gato"), ("a" * 13, "x")), 1, "word", "too_long"),
    ((("ca\tt", "gato"),), 0, "word", "characters"),
    ((), -1, "word", "no_pairs"),
    ((("a", "b"),) * 21, -1, "word", "too_many"),
    ((("cat", "gato"), ("dog", "perro"), ("cat", "gato")), 2, "word", "duplicate"),
    ((("cat", "gato"), ("dog", "perro"), ("cat", "gata")), 2, "word", "conflict"),
])
def test_bad_pairs_name_row_column_and_reason(pairs, row, column, reason):
    with pytest.raises(att.InvalidPairs) as caught:
        att.WordPairs(pairs)
    problem = caught.value.problems[0]
    assert (problem.row, problem.column, problem.reason) == (row, column, reason)
    if reason in ("duplicate", "conflict"):
        assert problem.other_row == 0


def test_translate_refuses_unknown_or_empty_text_with_a_reason():
    model = small_model()
    assert att.check_text(model, "hola") == []
    (problem,) = att.check_text(model, "xyzx")
    assert problem.reason == "unknown" and problem.raw == "xyz"
    assert att.check_text(model, "")[0].reason == "empty"
    assert att.check_text(model, "h" * 31)[0].reason == "too_long"
    with pytest.raises(ValueError, match="unknown"):
        att.translate(model, "dog")


def test_translation_stops_at_end_and_gives_top_k():
    model = small_model()
    tr = att.translate(model, "cat", max_steps=4)
    assert len(tr.output_symbols) <= 4 and tr.input_symbols == ["c", "a", "t", att.END]
    assert att.END not in tr.output_symbols[:-1]
    top = tr.top_k(3)
    assert len(top) == len(tr.output_symbols) and all(len(row) == 3 for row in top)
    assert top[0][0][0] == tr.output_symbols[0]  # greedy writes the most probable symbol
    assert top[0][0][1] >= top[0][1][1] >= top[0][2][1]
    np.testing.assert_allclose(tr.probs.sum(axis=1), 1.0, atol=1e-6)


# --- Strings with a known alignment -------------------------------------------------------------

def test_held_out_strings_are_never_trained_on():
    task = att.StringTask("reverse", 3, 12, seed=4)
    held = set(task.held_out)
    assert len(held) == len(task.held_out) == 10 * att.HELD_OUT_PER_LENGTH
    sampler = task.sampler()
    drawn = sampler.strings(20_000)
    assert held.isdisjoint(drawn)
    assert sampler.redrawn > 0  # length 3 holds out 50 of 512: the redraw really happens
    assert {len(t) for t in drawn} == set(range(3, 13))
    # ... and the very batches training uses
    request = att.AttentionRequest(task="reverse", seed=4)
    data = att._data(request)
    vocabulary = request.vocabulary
    for _ in range(50):
        batch = data.next_batch()
        for row, length in zip(batch.source.tolist(), batch.lengths.tolist(), strict=True):
            assert "".join(vocabulary.decode(row[:length - 1])) not in held


def test_held_out_set_is_deterministic_and_per_length():
    a = att.StringTask("reverse", 3, 12, seed=0).held_out
    assert a == att.StringTask("copy", 3, 12, seed=0).held_out
    assert a != att.StringTask("reverse", 3, 12, seed=1).held_out
    five_to_eight = att.StringTask("reverse", 5, 8, seed=0).held_out
    assert five_to_eight == tuple(t for t in a if 5 <= len(t) <= 8)
    assert [len(t) for t in a] == sorted(len(t) for t in a)
    assert att.StringTask("reverse", 1, 3).held_out_count(1) == 1  # at most a fifth of 8
    assert att.StringTask("reverse").target("abc") == "cba"
    assert att.StringTask("copy").target("abc") == "abc"


def test_batches_lay_out_word_end_and_padding():
    vocabulary = att.StringTask().vocabulary
    batch = att.make_batch(vocabulary, ["abc", "ab"], ["cba", "ba"])
    decode = vocabulary.decode
    assert decode(batch.source[1].tolist()) == ["a", "b", att.END, att.PAD]
    assert decode(batch.decoder_input[0].tolist()) == [att.START, "c", "b", "a"]
    assert decode(batch.target[1].tolist()) == ["b", "a", att.END, att.PAD]
    assert batch.lengths.tolist() == [4, 3]


# --- Requests --------------------------------------------------------------------------------

@pytest.mark.parametrize(("changes", "field"), [
    ({"task": "sort"}, "task"), ({"cell": "lstm"}, "cell"), ({"score": "cosine"}, "score"),
    ({"hidden": 0}, "hidden"), ({"hidden": 2.5}, "hidden"), ({"lr": float("nan")}, "lr"),
    ({"lr": "fast"}, "lr"), ({"updates": 0}, "updates"), ({"seconds": 0}, "seconds"),
    ({"teacher_forcing": 1.5}, "teacher_forcing"), ({"clip": -1}, "clip"),
    ({"stop_at": 2}, "stop_at"), ({"seed": -1}, "seed"), ({"example": 3}, "example"),
    ({"bidirectional": "yes"}, "bidirectional"), ({"attention": 1}, "attention"),
    ({"task": "reverse", "min_len": 0}, "min_len"),
    ({"task": "reverse", "min_len": 9, "max_len": 5}, "max_len"),
    ({"task": "reverse", "max_len": 16}, "max_len"), ({"task": "reverse", "batch": 0}, "batch"),
    ({"pairs": (("cat", ""),)}, "pairs"), ({"pairs": ("cat",)}, "pairs"),
])
def test_bad_requests_name_the_field(changes, field):
    with pytest.raises(ValueError, match=field):
        att.AttentionRequest(**changes)


def test_comparison_takes_string_tasks_only():
    with pytest.raises(ValueError, match=r"task .*'reverse', 'copy'"):
        att.ComparisonRequest(task="pairs")


def test_requests_fill_task_defaults_and_key_on_what_they_train():
    pairs = att.AttentionRequest()
    assert pairs.hidden == att.TASK_DEFAULTS["pairs"]["hidden"] and pairs.batch == 0
    assert pairs == att.AttentionRequest(min_len=5, max_len=9)  # lengths unused by pairs
    assert hash(pairs) == hash(att.AttentionRequest(hidden=pairs.hidden))
    reverse = att.AttentionRequest(task="reverse")
    assert reverse == att.AttentionRequest(task="reverse", pairs=(("x", "y"),))
    assert reverse.example_pair[0] == reverse.string_task.held_out[reverse.example]
    assert len(reverse.example_pair[0]) == 12  # the longest length shows the most
    assert reverse.total_steps <= att.MAX_RECORDS
    assert att.ComparisonRequest().updates == att.COMPARISON_UPDATES
    assert att.AttentionRequest(updates=100_000).total_steps <= att.MAX_RECORDS


# --- Training ------------------------------------------------------------------------------

RECORD_KEYS = {"step", "updates", "examples", "loss", "train_accuracy", "accuracy", "attention",
               "output_symbols", "output", "elapsed"}


def test_default_training_translates_the_spec_pairs():
    request = att.AttentionRequest()
    records, result = run_to_end(request.start())
    assert result.stopped_early and result.accuracy == 1.0
    assert all(row["correct"] for row in att.pair_table(result.model, request.word_pairs))
    assert len(records) <= request.total_steps
    for record in records:
        assert RECORD_KEYS <= set(record) and 1 <= record["step"] <= request.total_steps
        alpha = np.array(record["attention"])
        assert alpha.shape == (len(record["output_symbols"]), len("hello") + 1)
        np.testing.assert_allclose(alpha.sum(axis=1), 1.0, atol=1e-6)
    assert records[-1]["output"] == "hola"
    assert "weights" in records[0]
    assert request.trained_model(result, records) == (result.model, None)
    assert request.trained_model(None, records[:0]) is None
    restored, updates = request.trained_model(None, records)  # a stopped run
    checkpoint = next(r for r in reversed(records) if "weights" in r)
    assert updates == checkpoint["updates"]
    for name, tensor in restored.state_dict().items():
        assert torch.equal(tensor, checkpoint["weights"][name]), name


def test_chinese_and_pinyin_pairs_train():
    pairs = (("你好", "nǐ hǎo"), ("谢谢", "xièxie"), ("再见", "zàijiàn"))
    _, result = run_to_end(att.AttentionRequest(pairs=pairs).start())
    assert [att.translate(result.model, w).output for w, _ in pairs] == [t for _, t in pairs]


def test_plain_model_trains_on_the_same_request():
    records, result = run_to_end(att.AttentionRequest(attention=False).start())
    assert records[-1]["attention"] is None and result.accuracy == 1.0
    assert not result.config.attention


def test_reversal_attention_peaks_on_the_anti_diagonal():
    """A model, trained on strings of 3 to 8 letters, reverses a held-out string by
    looking at its mirror position at every step."""
    request = att.AttentionRequest(task="reverse", min_len=3, max_len=8, hidden=32)
    records, result = run_to_end(request.start())
    assert result.accuracy >= 0.9, records[-1]
    text, target = request.example_pair
    assert len(text) == 8 and text in request.string_task.held_out
    tr = att.translate(result.model, text)
    assert tr.output == target
    n = len(text)
    peaks = tr.attention[:n].argmax(axis=1)
    assert peaks.tolist() == [n - 1 - s for s in range(n)], tr.attention.round(2)
    assert result.accuracy_by_length.keys() == set(range(3, 9))


def test_comparison_records_both_models_on_the_same_budget():
    request = att.ComparisonRequest(min_len=3, max_len=5, hidden=8, updates=20, log_every=10)
    records, result = run_to_end(request.start())
    assert len(records) == 2
    last = records[-1]
    for name in att.MODEL_NAMES:
        assert {f"loss_{name}", f"accuracy_{name}", f"output_{name}", f"seconds_{name}",
                f"updates_{name}"} <= set(last)
        assert getattr(result, name).updates == 20
    assert result.plain.config.attention is False and result.attention.config.attention
    assert np.array(last["attention"]).shape[1] == 6
    assert result.lengths == [3, 4, 5]
    assert set(result.by_length()) == set(att.MODEL_NAMES)
    plain, _ = att.restore(request, records, attention=False)
    assert plain.config.attention is False
    assert request.trained_model(result, records, attention=False)[0] is result.plain.model


def test_requests_are_frozen():
    request = att.AttentionRequest()
    with pytest.raises(dataclasses.FrozenInstanceError):
        request.hidden = 3


# --- Figures -----------------------------------------------------------------------------------

def test_attention_heatmap_labels_and_expected_cells():
    alpha = np.full((4, 4), 0.25)
    fig = plots.attention_heatmap(alpha, ["a", "<", "c", att.END], ["c", "b", "a", att.END],
                                  expected=plots.reversal_alignment(4, 4),
                                  x_title="input", y_title="output")
    heatmap, marks = fig.data
    assert isinstance(heatmap, go.Heatmap) and np.array(heatmap.z).shape == (4, 4)
    assert list(fig.layout.xaxis.ticktext) == ["a", "&lt;", "c", att.END]
    assert heatmap.texttemplate == "%{z:.2f}"
    assert list(zip(marks.y, marks.x, strict=True)) == [(1, 3), (2, 2), (3, 1), (4, 4)]
    assert plots.copy_alignment(3, 4) == [(0, 0), (1, 1), (2, 2)]
    big = plots.attention_heatmap(np.full((20, 20), 0.05), ["a"] * 20, ["a"] * 20)
    assert big.data[0].texttemplate is None


def test_curves_and_length_figures():
    fig = plots.loss_and_accuracy([25, 50], {"with": [1.0, 0.1], "without": [1.5, None]},
                                  {"with": [0.2, 0.9], "without": [0.0, 0.1]})
    assert len(fig.data) == 4 and fig.layout.yaxis.type == "log"
    assert [t.showlegend for t in fig.data] == [True, False, True, False]
    assert fig.data[0].line.dash != fig.data[2].line.dash
    fig = plots.accuracy_by_length([3, 4, 5], {"with": [1, 1, 1], "without": [1, 0.5, 0.2]})
    assert [t.name for t in fig.data] == ["with", "without"]
    assert list(fig.data[1].y) == [1, 0.5, 0.2]


def test_top_k_and_context_heatmaps():
    tr = att.translate(small_model(), "hello", max_steps=4)
    fig = plots.top_k_heatmap(tr.probs, tr.vocabulary, tr.output_symbols, k=3)
    (heatmap,) = fig.data
    assert np.array(heatmap.z).shape == (3, len(tr.output_symbols))
    assert [row[0] for row in tr.top_k(3)[0]] == [heatmap.text[r][0] for r in range(3)]
    assert heatmap.z[0][0] == pytest.approx(tr.top_k(1)[0][0][1])
    fig = plots.context_heatmap(tr.contexts, tr.output_symbols)
    assert np.array(fig.data[0].z).shape == (8, len(tr.output_symbols))


@pytest.mark.parametrize("pairs", [[("a:b", "c,d")], [("50%", "%3A")], [("nǐ hǎo", "你好")]])
def test_pairs_code_escapes_separators_and_round_trips(pairs):
    from rnnviz import pairs as pair_codes
    assert pair_codes.parse_pairs_code(pair_codes.pairs_code(pairs)) == pairs
